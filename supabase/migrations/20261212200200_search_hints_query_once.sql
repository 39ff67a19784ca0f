-- The hints read the query once (issue 17). public.search_hints (20261127000000) tested each of
-- the 17 goals with `... @@ erfa.search_query(q)`; the planner inlines that SQL function, so the
-- query was parsed and stemmed again for every goal: ~1.6 of its 3.4 ms on the demo data, on
-- every search page that finds little. The same answer, the query made once.
create or replace function public.search_hints(q text) returns jsonb
language sql stable set search_path = '' as $$
  with query as materialized (
    select erfa.search_query(q) as tsq, lower(left(q, 200)) as typed
  )
  select jsonb_build_object(
    'correction', erfa.search_correction(q),
    'goals', (select coalesce(jsonb_agg(g.number order by g.number), '[]')
      from public.sdg_goals g, query
      where erfa.search_vector(concat_ws(' ', g.name_sv, g.name_en, g.title_sv)) @@ query.tsq
        or extensions.word_similarity(query.typed, lower(g.name_sv || ' ' || g.name_en)) >= 0.6))
$$;
