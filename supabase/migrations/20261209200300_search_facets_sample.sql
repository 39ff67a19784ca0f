-- Search facets count the first 300 matches of each type, not 1 000 (issue 17). Counting is
-- reading: each counted match is a row fetched from its table and tested by its read policy, and
-- at volume a common word's 1 000 research records, 1 000 experiences and 1 000 documents were
-- most of search_facets' time (about 3 ms per hundred matches; CPU time per call at 100 000 +
-- 100 000 records: 28-32 ms with 1 000, 11-14 ms with 300). The counts of a query with more
-- matches than that were already a sample ("capped": the page says "more than N results"), now a
-- smaller one; every query with at most 300 matches of each type (every test, and all but the
-- common words at volume) counts exactly as before. Same access: security invoker, the hits come
-- from erfa.search_hits as the caller (row-level security decides every row).
create or replace function public.search_facets(q text, filters jsonb default '{}') returns jsonb
language sql stable set search_path = '' as $$
  with f as materialized (
    select filters->>'type' as type, (filters->>'goal')::smallint as goal,
      (filters->>'organization')::uuid as organization, (filters->>'theme')::uuid as theme,
      (filters->>'year')::smallint as year
  ), tested as materialized (
    select h.type, h.goals, h.organization_id, h.theme_id, h.year,
      f.type is null or h.type = f.type as t,
      f.goal is null or h.goals @> array[f.goal] as g,
      f.organization is null or h.organization_id = f.organization as o,
      f.theme is null or h.theme_id = f.theme as th,
      f.year is null or h.year = f.year as y
    from erfa.search_hits(erfa.search_query(q), '{}', 300, 'count') h, f
  ), hit as materialized (
    select type, goals, organization_id, theme_id, year,
      g and o and th and y as by_type, t and o and th and y as by_goal,
      t and g and th and y as by_org, t and g and o and y as by_theme,
      t and g and o and th as by_year, t and g and o and th and y as shown
    from tested
  )
  select jsonb_build_object(
    'total', (select count(*) from hit where shown),
    'capped', (select coalesce(max(n) >= 300, false) from
      (select count(*) n from hit group by type) x),
    'type', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select type k, count(*) n from hit where by_type group by 1) x),
    'goal', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select unnest(goals)::text k, count(*) n from hit where by_goal group by 1) x),
    'year', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select year::text k, count(*) n from hit where by_year and year is not null group by 1) x),
    'organization', (select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, 'count', x.n)
        order by x.n desc, o.name), '[]') from
      (select organization_id k, count(*) n from hit where by_org and organization_id is not null
        group by 1 order by 2 desc limit 30) x join public.organizations o on o.id = x.k),
    'theme', (select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'count', x.n)
        order by x.n desc, t.name), '[]') from
      (select theme_id k, count(*) n from hit where by_theme and theme_id is not null group by 1) x
      join public.themes t on t.id = x.k)
  )
$$;
