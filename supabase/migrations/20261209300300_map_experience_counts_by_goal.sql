-- The map's experience counts as the caller may see them (20261207400200), added up per
-- organization and goal: the group is kept only for goal 0 (each experience once), which the
-- map needs to know in which groups an organization has experiences at all. The map took a
-- row per organization, group and goal (4 000 at volume) only to add them up again, and
-- joined all of them to find where organizations are present (issue 17). The same rule
-- decides which counts are read: nothing else changes.
create or replace function erfa.map_experience_counts(orgs uuid[])
returns table (organization_id uuid, group_id uuid, goal smallint, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.uid() as id, erfa.is_active_user() as active),
  readable as (select erfa.readable_groups() as id),
  counted as (
    select c.organization_id, c.group_id, c.goal, c.n
    from erfa_private.map_experience_counts c, me
    where me.active and c.n > 0 and c.organization_id = any(orgs)
      and (c.shared_with_all or c.group_id in (select id from readable))
    union all
    -- The caller's own, in groups they may no longer read and not shared with all.
    select r.organization_id, r.group_id, r.goal, 1
    from public.experiences e, me, erfa_private.map_experience_rows(e) r
    where me.active and e.author_id = me.id and not e.shared_with_all
      and e.organization_id = any(orgs) and e.group_id not in (select id from readable))
  select c.organization_id,
    case when c.goal = 0 then c.group_id else '00000000-0000-0000-0000-000000000000'::uuid end,
    c.goal, sum(c.n)::bigint
  from counted c
  group by 1, 2, 3
$$;
