-- A results page and its facet counts in one call (issue 17). The search page called
-- public.search and public.search_facets side by side: two requests through PostgREST, each
-- with its own transaction, role switch and claims (about 1 ms of PostgREST and as much of the
-- app's time per request, and at 50 connections twice the requests waiting for a pooled
-- connection). public.search_results returns both as one JSON object: the page's hits (the rows
-- of public.search, in their order) and the facets (public.search_facets). Security invoker, as
-- both are: row-level security decides every row, as before.
create or replace function public.search_results(q text, filters jsonb default '{}',
  sort text default 'relevance', lim int default 20, off int default 0) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'hits', coalesce((select jsonb_agg(to_jsonb(s) - 'n' order by s.n)
      from public.search(q, filters, sort, lim, off) with ordinality s(type, id, title, snippet,
        path, context, date, year, goals, organization_id, theme_id, rank, n)), '[]'),
    'facets', public.search_facets(q, filters))
$$;

grant execute on function public.search_results(text, jsonb, text, int, int) to anon, authenticated;
