-- The search page in one call (issue 17). The page asked PostgREST for search and search_facets,
-- and when they found little, for search_hints, the corrected query's search_facets and
-- search_similar: up to five requests in three rounds, each with its own transaction, role
-- switch and plans, most of each the fixed cost of a call rather than the few rows found.
-- public.search_page composes the same public functions (which stay, for other callers) and
-- decides as the page did: hints and similar hits only when the exact search found fewer than 3
-- on the first page without filters, the correction kept only when it finds more, and similar
-- hits without the exact ones. Security invoker like them: row-level security decides every row.
create or replace function public.search_page(q text, filters jsonb default '{}',
  sort text default 'relevance', lim int default 20, off int default 0) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  facets jsonb := public.search_facets(q, filters);
  total int := (facets->>'total')::int;
  hits jsonb;
  hints jsonb;
  fuzzy jsonb;
begin
  select coalesce(jsonb_agg(to_jsonb(s) - 'ordinality' order by s.ordinality), '[]') into hits
    from public.search(q, filters, sort, lim, off) with ordinality s;
  -- "Found little" as search_filter reads the filters: a filter is any of these keys not null.
  if total >= 3 or coalesce(off, 0) > 0 or coalesce(filters->>'type', filters->>'goal',
      filters->>'organization', filters->>'theme', filters->>'year') is not null then
    return jsonb_build_object('hits', hits, 'facets', facets, 'hints', null, 'similar', '[]'::jsonb);
  end if;
  hints := public.search_hints(q);
  if hints->>'correction' is not null
      and (public.search_facets(hints->>'correction', '{}')->>'total')::int <= total then
    hints := jsonb_set(hints, '{correction}', 'null');
  end if;
  select coalesce(jsonb_agg(to_jsonb(s) - 'ordinality' order by s.ordinality), '[]') into fuzzy
    from public.search_similar(q, 10) with ordinality s
    where not exists (select 1 from jsonb_array_elements(hits) h
      where h->>'type' = s.type and h->>'id' = s.id::text);
  return jsonb_build_object('hits', hits, 'facets', facets, 'hints', hints, 'similar', fuzzy);
end
$$;

grant execute on function public.search_page(text, jsonb, text, int, int) to anon, authenticated;
