-- A goal page's "municipalities working on the goal" from the map's maintained experience counts
-- (20261207400200): public.goal_organizations counted every published experience with the goal
-- (tens of thousands at volume) to group them by organization. The counts hold the same
-- numbers per organization, group, shared_with_all and goal, kept exact by triggers.
--
-- Same answers, same rule as before (20261125000100): an experience counts when its group is
-- readable by the caller (erfa.readable_groups()) or it is shared with all and the caller is an
-- active member. Security definer as before; documents and groups are counted as before.
create or replace function public.goal_organizations(p_goal smallint)
returns table (id uuid, slug text, name text, kind text, county text,
  experiences bigint, documents bigint, groups bigint)
language sql stable security definer set search_path = '' as $$
  with ex as (
    select c.organization_id o, sum(c.n)::bigint c from erfa_private.map_experience_counts c
    where c.goal = p_goal and c.n > 0
      and (c.group_id in (select erfa.readable_groups()) or (c.shared_with_all and erfa.is_active_user()))
    group by 1),
  dc as (
    select d.organization_id o, count(*) c from public.documents d
    where p_goal = any(d.sdg_goals) and d.organization_id is not null
      and d.id in (select erfa.readable_documents())
    group by 1),
  gm as (
    select p.organization_id o, count(distinct g.id) c from public.groups g
    join public.group_members m on m.group_id = g.id
    join public.profiles p on p.id = m.user_id and p.deactivated_at is null
    where p_goal = any(g.sdg_goals) and g.status = 'active' and p.organization_id is not null
      and erfa.is_active_user()
    group by 1)
  select o.id, o.slug, o.name, o.kind, o.county,
    coalesce(ex.c, 0), coalesce(dc.c, 0), coalesce(gm.c, 0)
  from public.organizations o
  left join ex on ex.o = o.id left join dc on dc.o = o.id left join gm on gm.o = o.id
  where o.kind in ('kommun', 'region') and (ex.c is not null or dc.c is not null or gm.c is not null)
  order by coalesce(ex.c, 0) + coalesce(dc.c, 0) + coalesce(gm.c, 0) desc, o.name
$$;
