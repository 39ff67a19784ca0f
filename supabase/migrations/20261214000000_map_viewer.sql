-- /map for a signed-in person (issue 17). The map itself is kept 30 s per visibility class
-- (src/lib/server/map/cache.ts), so what a request costs is finding the caller's class (their
-- group memberships) and the header's unread count: two PostgREST requests, each ~1 ms of CPU
-- in PostgREST and PostgreSQL together. public.map_viewer answers both in one, under the
-- caller's row-level security, as the two requests read them: `groups`, the groups the caller
-- belongs to (ordered), and `unread`, their unread notifications. Only for signed-in callers:
-- a signed-out visitor's class needs no call and has no badge.
create function public.map_viewer() returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object(
    'groups', coalesce((select jsonb_agg(m.group_id order by m.group_id)
      from public.group_members m where m.user_id = (select erfa.uid())), '[]'::jsonb),
    'unread', (select count(*) from public.notifications n where n.read_at is null))
$$;

revoke execute on function public.map_viewer() from public, anon;
grant execute on function public.map_viewer() to authenticated;
