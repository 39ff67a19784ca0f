-- A snippet's text cut before its markers are looked for (issue 17). public.search took the
-- private-use markers out of each hit's whole text (a document's summary and up to 20 000
-- characters of content) with translate, a character-by-character copy, and only then cut the
-- first 6 001 characters a snippet can show. Here a document's content is read only as far as a
-- snippet can reach (6 001 characters), a text is cut first, and its markers are taken out only
-- when it has any (finding one is a byte search). Over the 200 texts of the ten benchmark
-- searches' first pages (EXPLAIN-free timing, same session, load 13-16): 0.5 → 0.35 ms per text;
-- a page's whole CPU time did not change measurably (18-37 ms before and after, same session):
-- most of a snippet's cost is erfa.search_excerpt itself (1.2-2 ms per text at that load; see
-- DEVELOPERS.md). The snippets are the same text as before, character for character (compared
-- on the ten benchmark searches' first pages), unless a text holds the private-use characters
-- themselves within its first 6 001.

-- A hit's text as snippets read it: its first 6 001 characters (more says it goes on), without
-- the private-use characters that mark matches.
create or replace function erfa.search_unmarked(body text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select case when strpos(body, chr(57344)) > 0 or strpos(body, chr(57345)) > 0
    then left(translate(body, chr(57344) || chr(57345), ''), 6001) else left(body, 6001) end
$$;

-- As in 20261207400400, with a document's content read as far as a snippet can reach.
create or replace function erfa.search_bodies(p_types text[], p_ids uuid[])
returns table (type text, id uuid, body text)
language plpgsql stable set search_path = '' as $$
#variable_conflict use_column
declare
  wanted text[] := array(select distinct t from unnest(p_types) t);
begin
  if 'experience' = any(wanted) then
    return query select 'experience'::text, e.id,
        concat_ws(E'\n', e.summary, e.background, e.actions, e.results, e.lessons)
      from public.experiences e where e.id in (select x.i from unnest(p_types, p_ids) x(t, i) where x.t = 'experience');
  end if;
  if 'thread' = any(wanted) then
    return query select 'thread'::text, t.id, t.body from public.threads t
      where t.id in (select x.i from unnest(p_types, p_ids) x(t, i) where x.t = 'thread');
  end if;
  if 'reply' = any(wanted) then
    return query select 'reply'::text, r.id, r.body from public.replies r
      where r.id in (select x.i from unnest(p_types, p_ids) x(t, i) where x.t = 'reply');
  end if;
  if 'document' = any(wanted) then
    return query select 'document'::text, d.id, concat_ws(E'\n', d.summary, left(d.content_text, 6001))
      from public.documents d
      where d.id in (select x.i from unnest(p_types, p_ids) x(t, i) where x.t = 'document');
  end if;
  if 'research' = any(wanted) then
    return query select 'research'::text, r.id, r.abstract from public.research r
      where r.id in (select x.i from unnest(p_types, p_ids) x(t, i) where x.t = 'research');
  end if;
  if 'group' = any(wanted) then
    return query select 'group'::text, g.id, g.description from public.groups g
      where g.id in (select x.i from unnest(p_types, p_ids) x(t, i) where x.t = 'group');
  end if;
  if 'event' = any(wanted) then
    return query select 'event'::text, e.id, concat_ws(E'\n', e.location, e.description)
      from public.events e
      where e.id in (select x.i from unnest(p_types, p_ids) x(t, i) where x.t = 'event');
  end if;
  if 'person' = any(wanted) then
    return query select 'person'::text, p.id, p.title from public.profiles p
      where p.id in (select x.i from unnest(p_types, p_ids) x(t, i) where x.t = 'person');
  end if;
end
$$;

-- As in 20261209200200, with each text from erfa.search_unmarked.
create or replace function public.search(q text, filters jsonb default '{}', sort text default 'relevance',
  lim int default 20, off int default 0)
returns table (type text, id uuid, title text, snippet text, path text, context text,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid, rank real)
language sql stable set search_path = '' as $$
  with query as (
    select erfa.search_query(q) as tsq, least(greatest(lim, 1), 50) as lim,
      least(greatest(off, 0), 10000) as off
  ), found as (
    select distinct on (h.type, h.id) h.* from query, lateral (
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 30,
        case when sort = 'date' then 'date' else 'relevance' end)
      union all
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 30, 'titles')
      where sort <> 'date'
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
  )
  select p.type, p.id, p.title, erfa.search_excerpt(b.body, query.tsq, true),
    p.path, p.context, case when p.type = 'research' then null else p.date end,
    case when p.type = 'research' then (select r.year from public.research r where r.id = p.id)
      else p.year end,
    p.goals, p.organization_id, p.theme_id, p.rank
  from page p left join bodies b on b.type = p.type and b.id = p.id, query
  order by p.n
$$;

grant execute on function erfa.search_unmarked(text) to anon, authenticated;
