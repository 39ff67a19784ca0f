-- public.search_page without the facets, which the page now asks for beside it (issue 17).
-- 20261212200000 counted the facets and then searched, one after the other in one call: for a
-- broad query at ten years' volume that is search's ~28 ms plus the facets' ~17 ms in a row,
-- where the two calls side by side answered in the longer of the two. The page now calls
-- search_page and search_facets at once (two requests in one round); search_page decides
-- "found little" from its own hits, which on the first page without filters are all there are
-- when they are fewer than 3 (the page holds 20): the same decision the count made. The rest
-- is as in 20261212200000: security invoker, row-level security decides every row.
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
    from public.search_similar(q, 10) with ordinality s
    where not exists (select 1 from jsonb_array_elements(hits) h
      where h->>'type' = s.type and h->>'id' = s.id::text);
  return jsonb_build_object('hits', hits, 'hints', hints, 'similar', fuzzy);
end
$$;
