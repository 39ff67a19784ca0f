-- Issue 17: public.group_page_open (20261209400000) also returns the caller's unread
-- notification count, read under their RLS as the header's own call read it, so a group page
-- (every page below /groups/<slug>) makes one PostgREST call fewer. The group is built by
-- erfa.group_json, also used for the groups list's proposals (20261210300300). Otherwise
-- unchanged.

-- A group as GROUP_COLUMNS reads it (groups/rows.ts), embedded theme included.
create or replace function erfa.group_json(g public.groups)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'id', g.id, 'slug', g.slug, 'name', g.name, 'description', g.description,
    'visibility', g.visibility, 'status', g.status, 'sdg_goals', g.sdg_goals,
    'proposed_by', g.proposed_by, 'decision_note', g.decision_note,
    'created_at', g.created_at,
    'theme', (select jsonb_build_object('id', t.id, 'slug', t.slug, 'name', t.name)
      from public.themes t where t.id = g.theme_id))
$$;

revoke execute on function erfa.group_json(public.groups) from public;
grant execute on function erfa.group_json(public.groups) to authenticated;

create or replace function public.group_page_open(p_slug text)
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  found jsonb;
  my_role text;
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
  return found || jsonb_build_object('role', my_role,
    'unread', (select count(*) from public.notifications n where n.read_at is null));
end
$$;

revoke execute on function public.group_page_open(text) from public, anon;
grant execute on function public.group_page_open(text) to authenticated;
