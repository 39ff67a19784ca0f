-- Snippets' texts read once per type, not once per hit (issue 17). public.search read each of its
-- 20 hits' text with its own statement (erfa.search_body), and every statement applies the
-- table's read policy afresh: for a document that is erfa.readable_documents(), a set of every
-- readable document, built again for each document hit (EXPLAIN ANALYZE: most of a page's time
-- after the hits themselves). erfa.search_bodies reads the page's texts with one statement per
-- type, so each policy is applied once per page. The texts are the same as erfa.search_body's
-- (20261206000000): plain text, markers removed, at most 30 000 characters. Security invoker,
-- one PL/pgSQL statement per type, as search_body (tables that signed-out callers may not
-- select are only named when a hit of theirs is on the page, which it then never is).

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
    return query select 'document'::text, d.id, concat_ws(E'\n', d.summary, left(d.content_text, 20000))
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

-- As in 20261206000000, with the page's texts from erfa.search_bodies.
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
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 80,
        case when sort = 'date' then 'date' else 'relevance' end)
      union all
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 80, 'titles')
      where sort <> 'date'
    ) h
    order by h.type, h.id
  ), page as materialized (
    select h.*, row_number() over (order by case when sort = 'date' then h.date end desc nulls last,
      h.rank desc, h.date desc nulls last, h.id) as n
    from found h
    order by n limit (select lim from query) offset (select off from query)
  ), bodies as (
    select b.type, b.id,
      erfa.search_plain(left(translate(b.body, chr(57344) || chr(57345), ''), 30000)) as body
    from erfa.search_bodies(array(select p.type from page p), array(select p.id from page p)) b
  )
  select p.type, p.id, p.title, erfa.search_snippet(b.body, query.tsq, true),
    p.path, p.context, case when p.type = 'research' then null else p.date end,
    case when p.type = 'research' then (select r.year from public.research r where r.id = p.id)
      else p.year end,
    p.goals, p.organization_id, p.theme_id, p.rank
  from page p left join bodies b on b.type = p.type and b.id = p.id, query
  order by p.n
$$;

grant execute on function erfa.search_bodies(text[], uuid[]) to anon, authenticated;
