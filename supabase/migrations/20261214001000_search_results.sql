-- The search page in one call: its hits, facets, hints, similar hits and the header's unread
-- count (issue 17, the search page's CPU per request).
--
-- The page asked PostgREST for public.search_page_unread and public.search_facets side by side.
-- Each request is a transaction of its own (~0.4 ms of PostgreSQL and ~0.7 ms of PostgREST before
-- any search), and search_facets searched again for what the page had just found. For
-- "inflyttning" on the demo data the facets' call was ~2 ms of PostgreSQL and ~0.8 ms of
-- PostgREST of the page's ~13.6 ms of CPU.
--
-- public.search_results answers what the two answered, in one object: search_page_unread's keys
-- and `facets`. When the page holds every hit (the first page, no filter, fewer hits than fit on
-- it) the facets are counted from those hits (erfa.search_facets_of): they are exactly the rows
-- search_facets would count, as nothing reached a cap. Otherwise search_facets runs after the
-- page in the same call; a broad search now pays the two one after the other instead of side by
-- side (~7 ms more at 100k + 100k records, within the 50 ms goal), for one request less.
-- Security invoker throughout: the caller's row-level security decides every row, as before.

-- The facets of hits that are every hit of an unfiltered search, counted as public.search_facets
-- counts them (20261211300000): per type, goal, year (a research record without a year of
-- publication is counted by the year it was added, as erfa.search_hits dates it), organization
-- (the 30 with most hits, ties by name) and theme.
create function erfa.search_facets_of(hits jsonb) returns jsonb
language sql stable set search_path = '' as $$
  with hit as materialized (
    select h.type, h.goals, h.organization_id, h.theme_id,
      coalesce(h.year, case when h.type = 'research' then (select extract(year from r.created_at)::smallint
        from public.research r where r.id = h.id) end) as year
    from jsonb_to_recordset(hits) as h(type text, id uuid, goals smallint[], organization_id uuid,
      theme_id uuid, year smallint)
  )
  select jsonb_build_object(
    'total', (select count(*) from hit),
    'capped', false,
    'type', (select coalesce(jsonb_object_agg(x.type, x.n), '{}') from
      (select type, count(*) n from hit group by type) x),
    'goal', (select coalesce(jsonb_object_agg(x.k::text, x.n), '{}') from
      (select unnest(goals) k, count(*) n from hit group by 1) x),
    'year', (select coalesce(jsonb_object_agg(x.year::text, x.n), '{}') from
      (select year, count(*) n from hit where year is not null group by year) x),
    'organization', (select coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'name', x.name,
        'count', x.n) order by x.n desc, x.name), '[]') from
      (select o.id, o.name, count(*) n from hit h join public.organizations o on o.id = h.organization_id
        group by o.id, o.name order by n desc, o.name limit 30) x),
    'theme', (select coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'name', x.name,
        'count', x.n) order by x.n desc, x.name), '[]') from
      (select t.id, t.name, count(*) n from hit h join public.themes t on t.id = h.theme_id
        group by t.id, t.name) x)
  )
$$;
revoke execute on function erfa.search_facets_of(jsonb) from public;
grant execute on function erfa.search_facets_of(jsonb) to anon, authenticated;

create function public.search_results(q text, filters jsonb default '{}',
  sort text default 'relevance', lim int default 20, off int default 0) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  page jsonb := public.search_page_unread(q, filters, sort, lim, off);
begin
  -- Every hit is on the page: public.search clamps lim to 1-50 and off to 0 or more, and a
  -- filter is any of these keys not null (as erfa.search_filter and search_page read them).
  if greatest(coalesce(off, 0), 0) = 0
      and jsonb_array_length(page->'hits') < least(greatest(lim, 1), 50)
      and coalesce(filters->>'type', filters->>'goal', filters->>'organization',
        filters->>'theme', filters->>'year') is null then
    return page || jsonb_build_object('facets', erfa.search_facets_of(page->'hits'));
  end if;
  return page || jsonb_build_object('facets', public.search_facets(q, filters));
end
$$;

grant execute on function public.search_results(text, jsonb, text, int, int) to anon, authenticated;
