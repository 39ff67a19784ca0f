-- Issue 17: the events list's signed-in part in one call: the groups the caller may organize
-- events for (as events.organizerGroups reads them: every active group for an administrator,
-- otherwise the groups they coordinate) and their unread notification count for the header
-- (notifications/unread.ts), read under their RLS as the header's own call reads it. /events
-- makes one PostgREST call fewer for a signed-in visitor.
create function public.events_page_mine(p_all boolean)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'groups', case when p_all then coalesce((
        select jsonb_agg(jsonb_build_object('id', g.id, 'slug', g.slug, 'name', g.name)
          order by g.name)
        from public.groups g where g.status = 'active'), '[]'::jsonb)
      else coalesce((
        select jsonb_agg(jsonb_build_object('id', g.id, 'slug', g.slug, 'name', g.name))
        from public.group_members m join public.groups g on g.id = m.group_id
        where m.user_id = (select erfa.uid()) and m.role = 'coordinator'), '[]'::jsonb) end,
    'unread', (select count(*) from public.notifications n where n.read_at is null))
$$;

revoke execute on function public.events_page_mine(boolean) from public, anon;
grant execute on function public.events_page_mine(boolean) to authenticated;
