-- The search page's hits with the header's unread count (issue 17). Every other main page reads
-- the signed-in caller's unread notification count in its own call (notifications/unread.ts);
-- the search page still made the root layout's own request for it: a third PostgREST request
-- beside public.search_page and public.search_facets, ~1 ms of CPU in PostgREST and
-- PostgreSQL together. public.search_page_unread answers what public.search_page answers, as
-- it is (20261212300000 or later), and for a signed-in caller also `unread`, read under their
-- row-level security as the header's own request reads it. Signed out there is no count (the
-- key is absent) and the statement is never run (anon may not read notifications at all).
create function public.search_page_unread(q text, filters jsonb default '{}',
  sort text default 'relevance', lim int default 20, off int default 0) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  page jsonb := public.search_page(q, filters, sort, lim, off);
begin
  if (select erfa.uid()) is null then
    return page;
  end if;
  return page || jsonb_build_object('unread',
    (select count(*) from public.notifications n where n.read_at is null));
end
$$;

grant execute on function public.search_page_unread(text, jsonb, text, int, int)
  to anon, authenticated;
