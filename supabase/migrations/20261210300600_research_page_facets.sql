-- Issue 17: the research list's facets (public.research_facets, 20261125000100) with the
-- caller's unread notification count, read under their RLS as the header's own call reads it
-- (notifications/unread.ts), so /research makes one PostgREST call fewer for a signed-in
-- visitor. Signed out there is no badge: the count is null.
-- plpgsql and two statements: anon may not read notifications at all, not even in a branch of
-- one expression that is never taken.
create function public.research_page_facets(f jsonb)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
begin
  if (select erfa.uid()) is null then
    return jsonb_build_object('facets', public.research_facets(f), 'unread', null);
  end if;
  return jsonb_build_object('facets', public.research_facets(f),
    'unread', (select count(*) from public.notifications n where n.read_at is null));
end
$$;

revoke execute on function public.research_page_facets(jsonb) from public;
grant execute on function public.research_page_facets(jsonb) to anon, authenticated;
