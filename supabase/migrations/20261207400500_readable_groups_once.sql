-- The group reading rules, with the caller's facts looked up once per call (issue 17).
-- erfa.readable_groups() and erfa.moderated_groups() (20261123000400) called
-- erfa.is_active_user(), erfa.is_admin() and a membership look-up for every group row: about
-- 150 nested statements per call with 50 groups, and the policies of experiences, documents,
-- threads, research links and search call them in nearly every statement (search: six times a
-- page). Here the caller's facts are init plans, computed once per call, and the memberships
-- one index look-up: the same groups, about ten times faster.
create or replace function erfa.readable_groups() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select g.id from public.groups g
  where (select erfa.is_active_user()) and (
    (select erfa.is_admin())
    or (g.status = 'active' and g.visibility = 'open')
    or g.id in (select m.group_id from public.group_members m where m.user_id = (select erfa.uid()))
  )
$$;

create or replace function erfa.moderated_groups() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select g.id from public.groups g
  where (select erfa.is_admin()) or g.id in (
    select m.group_id from public.group_members m
    where m.user_id = (select erfa.uid()) and m.role = 'coordinator'
  )
$$;
