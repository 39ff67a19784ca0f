-- public.knowledge_map from the experience totals (20261210100000) and one research attribution
-- (20261210100100), as one static query (issue 17). Documents and tools in use come from the
-- counts of 20261209300100 as before, through erfa.map_document_goals: goals 1–17 only, with
-- the documents' rule of erfa_private.map_document_seen (erfa.map_document_counts also returned
-- each organization's goal-0 counts per group, ~1 200 rows the map no longer reads: where an
-- organization is present is looked up per group by erfa.map_research_attributed).
--
-- The groups an organization takes part in were read as the caller, under the row-level
-- security of profiles and group_members; signed out there is no SELECT on either, so the
-- map's query was put together per call (erfa.knowledge_map_counted) and planned on every
-- call. erfa.map_group_goals applies the same rules itself (security definer), so the map is
-- one plain SQL function that PostgreSQL plans once per connection:
-- * group_members_read: a membership is read when its group is readable
--   (erfa.readable_groups(), empty unless the caller is an active member);
-- * profiles_read: a member counts when not deactivated, when it is the caller (who is active,
--   so not deactivated) or for an administrator;
-- * groups_read: an active group is read by every active member.
--
-- The counting rules are those of 20261126000100 and 20261206000200, unchanged;
-- erfa.knowledge_map_live() still computes the map from the tables, and the tests hold this
-- one to it for every kind of caller after every kind of change (src/lib/server/map/*.test.ts).

-- Documents written or co-written and tools in use per organization (of `orgs`) and goal (1–17)
-- as the caller may see them: a use like a written document, with its document
-- (document_uses_read); documents only deactivated people wrote in through
-- erfa.map_inactive_documents.
create or replace function erfa.map_document_goals(orgs uuid[])
returns table (organization_id uuid, goal smallint, documents bigint, uses bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (
    select erfa.uid() is not null as signed_in, erfa.is_active_user() as active)
  select x.organization_id, x.goal, sum(x.d)::bigint, sum(x.u)::bigint
  from (
    select c.organization_id, c.goal,
      case when c.how = 'use' then 0 else c.n end as d,
      case when c.how = 'use' then c.n else 0 end as u
    from erfa_private.map_document_counts c, me
    where c.goal > 0 and c.n > 0 and c.organization_id = any(orgs)
      and ((c.how = 'use' and (c.is_public or me.active))
        or erfa_private.map_document_seen(c.how, c.is_public, me.signed_in, me.active))
    union all
    select r.organization_id, g, 1, 0
    from erfa.map_inactive_documents(orgs) r, unnest(r.sdg_goals) g
  ) x
  group by 1, 2
$$;
revoke execute on function erfa.map_document_goals(uuid[]) from public;
grant execute on function erfa.map_document_goals(uuid[]) to anon, authenticated;

-- The active groups with a member of an organization (of `orgs`) the caller may see, per goal.
create or replace function erfa.map_group_goals(orgs uuid[])
returns table (organization_id uuid, goal smallint, n bigint)
language sql stable security definer set search_path = '' as $$
  with g as (
    select distinct gr.id, p.organization_id, gr.sdg_goals
    from public.groups gr
    join public.group_members gm on gm.group_id = gr.id
    join public.profiles p on p.id = gm.user_id
    where gr.status = 'active' and gr.id in (select erfa.readable_groups())
      and p.organization_id = any(orgs) and (p.deactivated_at is null or erfa.is_admin()))
  select g.organization_id, x.goal, count(*)
  from g cross join unnest(g.sdg_goals) as x(goal)
  group by 1, 2
$$;
revoke execute on function erfa.map_group_goals(uuid[]) from public;
grant execute on function erfa.map_group_goals(uuid[]) to anon, authenticated;

create or replace function public.knowledge_map()
returns table (organization_id uuid, goal smallint, experiences bigint, documents bigint,
  research bigint, uses bigint, groups bigint)
language sql stable set search_path = '' as $$
  with m as (
    select array_agg(o.id) as ids from public.organizations o
    where o.is_member and o.kind in ('kommun', 'region')),
  -- Each research record once per organization it counts for.
  a as (
    select distinct a.research_id, a.organization_id, a.goals
    from erfa.map_research_attributed((select ids from m)) a)
  select c.organization_id, c.goal, sum(c.e)::bigint, sum(c.d)::bigint, sum(c.r)::bigint,
    sum(c.u)::bigint, sum(c.g)::bigint
  from (
    select x.organization_id, x.goal, x.n as e, 0 as d, 0 as r, 0 as u, 0 as g
    from erfa.map_experience_goals((select ids from m)) x
    union all
    select x.organization_id, x.goal, 0, x.documents, 0, x.uses, 0
    from erfa.map_document_goals((select ids from m)) x
    union all
    select a.organization_id, x.goal, 0, 0, count(*), 0, 0
    from a cross join unnest(a.goals) as x(goal) group by 1, 2
    union all
    select x.organization_id, x.goal, 0, 0, 0, 0, x.n
    from erfa.map_group_goals((select ids from m)) x
  ) c
  group by c.organization_id, c.goal
$$;

-- Replaced by the functions above.
drop function erfa.knowledge_map_counted();
drop function erfa.map_research_link_facts(uuid[]);
drop function erfa.map_linked_documents(uuid[]);
