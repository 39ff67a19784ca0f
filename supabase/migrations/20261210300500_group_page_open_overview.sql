-- Issue 17: public.group_page_open (20261210300200) also returns the group's overview
-- (public.group_overview, 20261210300000) when asked, so the group's overview page makes one
-- call where it made two in a row (the layout's, then the overview once the group was known).
-- The content rule is the page's (groups/access.ts rights): administrator, member, or an active
-- open group. Otherwise unchanged.

drop function public.group_page_open(text);
create function public.group_page_open(p_slug text, p_overview jsonb default null)
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  found jsonb;
  my_role text;
  opened jsonb;
begin
  select erfa.group_json(g),
    (select m.role::text from public.group_members m
      where m.group_id = g.id and m.user_id = (select erfa.uid()))
  into found, my_role
  from public.groups g
  where g.slug = p_slug;
  if found is null then
    return null;
  end if;
  if my_role is not null then
    insert into public.group_visits as v (user_id, group_id, seen_at)
    values ((select erfa.uid()), (found ->> 'id')::uuid, now())
    on conflict (user_id, group_id) do update set seen_at = excluded.seen_at;
  end if;
  -- For the header's badge (notifications/unread.ts): one call fewer on every group page.
  opened := found || jsonb_build_object('role', my_role,
    'unread', (select count(*) from public.notifications n where n.read_at is null));
  if p_overview is null then
    return opened;
  end if;
  return opened || jsonb_build_object('overview', public.group_overview(
    p_group => (found ->> 'id')::uuid,
    p_content => (select erfa.is_admin()) or my_role is not null
      or (found ->> 'status' = 'active' and found ->> 'visibility' = 'open'),
    p_events => (p_overview ->> 'events')::integer,
    p_now => (p_overview ->> 'now')::timestamptz,
    p_radar => (p_overview ->> 'radar')::integer));
end
$$;

revoke execute on function public.group_page_open(text, jsonb) from public, anon;
grant execute on function public.group_page_open(text, jsonb) to authenticated;
