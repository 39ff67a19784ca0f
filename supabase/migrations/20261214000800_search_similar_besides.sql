-- Similar results without snippets for the exact hits they leave out (issue 17).
-- When the exact search finds little, public.search_page shows up to ten results that are only
-- similar (public.search_similar), without those already among the exact hits. The similar
-- search made a snippet for each of its ten before the page left the exact hits out; as the
-- fuzzy query contains the exact one, those hits are usually among the ten, and their snippets
-- (each a read of the record's text and a headline over it) were made to be thrown away: ~0.9 ms
-- of the 2.8 ms similar search for "inflyttning" on the demo data.
-- erfa.search_similar_besides leaves them out before making snippets; the same rows in the same
-- order as before (the best ten similar results, then the exact hits left out). The public
-- function is it with nothing left out. Security invoker throughout, as before.
create function erfa.search_similar_besides(q text, lim int, besides jsonb)
returns table (type text, id uuid, title text, snippet text, path text, context text,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid, rank real)
language sql stable set search_path = '' as $$
  with query as (
    select erfa.search_fuzzy_query(q) as tsq, least(greatest(lim, 1), 20) as lim
  ), found as (
    select distinct on (h.type, h.id) h.* from query,
      lateral erfa.search_hits(query.tsq, '{}', 40) h
    order by h.type, h.id
  ), best as (
    select * from found order by rank desc, date desc nulls last, id limit (select lim from query)
  ), kept as (
    select * from best b where not exists (select 1 from jsonb_array_elements(besides) x
      where x->>'type' = b.type and x->>'id' = b.id::text)
  )
  select b.type, b.id, b.title, erfa.search_snippet(erfa.search_body(b.type, b.id), query.tsq, false),
    b.path, b.context, case when b.type = 'research' then null else b.date end,
    case when b.type = 'research' then (select r.year from public.research r where r.id = b.id)
      else b.year end,
    b.goals, b.organization_id, b.theme_id, b.rank
  from kept b, query
  order by b.rank desc, b.date desc nulls last, b.id
$$;
revoke execute on function erfa.search_similar_besides(text, int, jsonb) from public;
grant execute on function erfa.search_similar_besides(text, int, jsonb) to anon, authenticated;

-- As in 20261206000000: every similar result.
create or replace function public.search_similar(q text, lim int default 10)
returns table (type text, id uuid, title text, snippet text, path text, context text,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid, rank real)
language sql stable set search_path = '' as $$
  select * from erfa.search_similar_besides(q, lim, '[]')
$$;

-- As in 20261212300000, the similar results made without the exact hits.
create or replace function public.search_page(q text, filters jsonb default '{}',
  sort text default 'relevance', lim int default 20, off int default 0) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  hits jsonb;
  found int;
  hints jsonb;
  fuzzy jsonb;
begin
  select coalesce(jsonb_agg(to_jsonb(s) - 'ordinality' order by s.ordinality), '[]') into hits
    from public.search(q, filters, sort, lim, off) with ordinality s;
  found := jsonb_array_length(hits);
  -- "Found little" as search_filter reads the filters: a filter is any of these keys not null.
  if found >= least(3, greatest(lim, 1)) or coalesce(off, 0) > 0
      or coalesce(filters->>'type', filters->>'goal', filters->>'organization',
        filters->>'theme', filters->>'year') is not null then
    return jsonb_build_object('hits', hits, 'hints', null, 'similar', '[]'::jsonb);
  end if;
  hints := public.search_hints(q);
  if hints->>'correction' is not null
      and (public.search_facets(hints->>'correction', '{}')->>'total')::int <= found then
    hints := jsonb_set(hints, '{correction}', 'null');
  end if;
  select coalesce(jsonb_agg(to_jsonb(s) - 'ordinality' order by s.ordinality), '[]') into fuzzy
    from erfa.search_similar_besides(q, 10, hits) with ordinality s;
  return jsonb_build_object('hits', hits, 'hints', hints, 'similar', fuzzy);
end
$$;
