-- Issue 17: a group page's layout in one round trip instead of three (the group, the caller's
-- role in it, and the visit that the home page's "new since your last visit" counts from).
-- Security invoker: the group is read as the caller (a group RLS hides is null, a 404), the
-- role is the caller's own membership row, and the visit is the caller's own row in
-- public.group_visits, written under its policy (group_visits_own) and only for members, as
-- the page did before. Volatile because it writes the visit.
create or replace function public.group_page_open(p_slug text)
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  found jsonb;
  my_role text;
begin
  select jsonb_build_object(
      'id', g.id, 'slug', g.slug, 'name', g.name, 'description', g.description,
      'visibility', g.visibility, 'status', g.status, 'sdg_goals', g.sdg_goals,
      'proposed_by', g.proposed_by, 'decision_note', g.decision_note,
      'created_at', g.created_at,
      'theme', (select jsonb_build_object('id', t.id, 'slug', t.slug, 'name', t.name)
        from public.themes t where t.id = g.theme_id)),
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
  return found || jsonb_build_object('role', my_role);
end
$$;

revoke execute on function public.group_page_open(text) from public, anon;
grant execute on function public.group_page_open(text) to authenticated;
