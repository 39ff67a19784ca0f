-- The search's titles pass only when the relevance pass was cut short (issue 17).
-- public.search reads the matches twice: each type's first `cap` matches by the whole text
-- (ranked), and each type's first `cap` matches by the title alone, so that a record whose
-- title matches is a candidate even when more than `cap` records of its type match. Every
-- title vector is contained in its record's whole-text vector (the same title lexemes, at
-- the same positions, in both: fts_title is erfa.search_vector(title), and each fts begins
-- with the same two vectors of the title), so a title match is always a whole-text match:
-- when no type reached `cap` in the first pass, the first pass holds every match and the
-- titles pass can add none. It was still run, on every search: on the demo data about a fifth
-- of the search's time in the database (0.45 of 2.2 ms for "kommun", measured in a loop as
-- Anna). It now runs only when some type reached `cap`; the answers are the same rows.
-- (Reading only off + lim title matches when it runs, not `cap`, halves the titles pass at ten
-- years' volume, 2.3-2.5 to 1.2-1.3 ms for "bostäder" or "arbetsmarknad", but in ten trials
-- on the volume, the relevance set's papers added anew each time, its precision at 5 was never
-- higher and four times lower (0.500-0.531 against 0.515-0.531): not taken.)
-- The rest is as in 20261211200000: security invoker, row-level security decides every row.
create or replace function public.search(q text, filters jsonb default '{}', sort text default 'relevance',
  lim int default 20, off int default 0)
returns table (type text, id uuid, title text, snippet text, path text, context text,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid, rank real)
language sql stable set search_path = '' as $$
  with query as (
    select erfa.search_query(q) as tsq, least(greatest(lim, 1), 50) as lim,
      least(greatest(off, 0), 10000) as off,
      least(greatest(off, 0), 10000) + least(greatest(lim, 1), 50) + 30 as cap
  ), first_pass as materialized (
    select h.* from query, erfa.search_hits(query.tsq, filters, query.cap,
      case when sort = 'date' then 'date' else 'relevance' end) h
  ), found as (
    select distinct on (h.type, h.id) h.* from (
      select * from first_pass
      union all
      -- A condition on the first pass alone: evaluated once, the titles pass not run when false.
      select t.* from query, erfa.search_hits(query.tsq, filters, query.cap, 'titles') t
      where sort <> 'date' and exists (select 1 from first_pass p group by p.type
        having count(*) >= (select cap from query))
    ) h
    order by h.type, h.id
  ), page as materialized (
    select h.*, row_number() over (order by case when sort = 'date' then h.date end desc nulls last,
      h.rank desc, h.date desc nulls last, h.id) as n
    from found h
    order by n limit (select lim from query) offset (select off from query)
  ), bodies as (
    select b.type, b.id, erfa.search_unmarked(b.body) as body
    from erfa.search_bodies(array(select p.type from page p), array(select p.id from page p)) b
  ), words as materialized (
    select l.lexemes, erfa.search_match_forms(l.lexemes) as forms
    from query, erfa.search_lexemes(query.tsq) l(lexemes)
  )
  select p.type, p.id, p.title,
    erfa.search_excerpt(b.body, query.tsq, words.lexemes, words.forms, true),
    p.path, p.context, case when p.type = 'research' then null else p.date end,
    case when p.type = 'research' then (select r.year from public.research r where r.id = p.id)
      else p.year end,
    p.goals, p.organization_id, p.theme_id, p.rank
  from page p left join bodies b on b.type = p.type and b.id = p.id, query, words
  order by p.n
$$;
