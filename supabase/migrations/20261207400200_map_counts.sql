-- The knowledge map from maintained counts (issue 17). At 100 000 experiences public.knowledge_map
-- read every counted experience (83 000 rows of experiences_map_idx, each through the read
-- policy), grouped them by organization, group and goals (38 000 groups) and unnested those
-- into 100 000 rows: most of its time (EXPLAIN ANALYZE).
--
-- erfa_private.map_experience_counts holds, per organization, group, shared_with_all and goal,
-- how many published experiences that are not hidden there are; goal 0 counts each experience
-- once (the map needs to know in which groups an organization has experiences at all). Triggers
-- on public.experiences keep it exact in the same transaction as the change, so it is never
-- stale.
--
-- Access: an experience is counted for a caller exactly when the experiences' read policy lets
-- them see it (for a published experience that is not hidden: an active member, and the
-- experience shared with all, or its group readable, erfa.readable_groups(), or their own).
-- erfa.map_experience_counts() applies that rule to the counts: shared or readable groups from
-- the counts, the caller's own experiences in other groups read from the table. It is security
-- definer (erfa_private is not readable by callers) and gives signed-out callers nothing, as
-- before. The rest of the map (documents, uses, groups, research) is unchanged and still read
-- as the caller.

create table erfa_private.map_experience_counts (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  group_id uuid not null references public.groups (id) on delete cascade,
  shared_with_all boolean not null,
  goal smallint not null,
  n integer not null check (n >= 0),
  primary key (organization_id, group_id, shared_with_all, goal)
);
alter table erfa_private.map_experience_counts enable row level security;

-- The counts one experience row contributes (none unless it is published and not hidden).
create or replace function erfa_private.map_experience_rows(e public.experiences)
returns table (organization_id uuid, group_id uuid, shared_with_all boolean, goal smallint)
language sql immutable set search_path = '' as $$
  select e.organization_id, e.group_id, e.shared_with_all, g
  from unnest(array[0::smallint] || coalesce(e.sdg_goals, '{}')) g
  where e.status = 'published' and e.hidden_at is null and e.organization_id is not null
$$;

create or replace function erfa_private.map_experience_count() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' then
    update erfa_private.map_experience_counts c set n = c.n - x.k
    from (select r.organization_id, r.group_id, r.shared_with_all, r.goal, count(*)::int as k
      from erfa_private.map_experience_rows(old) r group by 1, 2, 3, 4) x
    where c.organization_id = x.organization_id and c.group_id = x.group_id
      and c.shared_with_all = x.shared_with_all and c.goal = x.goal;
  end if;
  if tg_op <> 'DELETE' then
    insert into erfa_private.map_experience_counts as c
      (organization_id, group_id, shared_with_all, goal, n)
    select r.organization_id, r.group_id, r.shared_with_all, r.goal, count(*)::int
    from erfa_private.map_experience_rows(new) r group by 1, 2, 3, 4
    on conflict (organization_id, group_id, shared_with_all, goal)
    do update set n = c.n + excluded.n;
  end if;
  return null;
end
$$;
revoke execute on function erfa_private.map_experience_count(),
  erfa_private.map_experience_rows(public.experiences) from public, anon, authenticated;

create trigger experiences_map_count after insert or delete or update of status, hidden_at,
  organization_id, group_id, shared_with_all, sdg_goals on public.experiences
  for each row execute function erfa_private.map_experience_count();

insert into erfa_private.map_experience_counts (organization_id, group_id, shared_with_all, goal, n)
select r.organization_id, r.group_id, r.shared_with_all, r.goal, count(*)::int
from public.experiences e, erfa_private.map_experience_rows(e) r
group by 1, 2, 3, 4;

-- The counts the caller may see, per organization, group and goal (0: all their experiences
-- there), for the map's organizations `orgs`.
create or replace function erfa.map_experience_counts(orgs uuid[])
returns table (organization_id uuid, group_id uuid, goal smallint, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as (select erfa.uid() as id, erfa.is_active_user() as active),
  readable as (select erfa.readable_groups() as id)
  select c.organization_id, c.group_id, c.goal, sum(c.n)::bigint
  from erfa_private.map_experience_counts c, me
  where me.active and c.n > 0 and c.organization_id = any(orgs)
    and (c.shared_with_all or c.group_id in (select id from readable))
  group by 1, 2, 3
  union all
  -- The caller's own, in groups they may no longer read and not shared with all.
  select r.organization_id, r.group_id, r.goal, count(*)
  from public.experiences e, me, erfa_private.map_experience_rows(e) r
  where me.active and e.author_id = me.id and not e.shared_with_all
    and e.organization_id = any(orgs) and e.group_id not in (select id from readable)
  group by 1, 2, 3
$$;
grant execute on function erfa.map_experience_counts(uuid[]) to anon, authenticated;

-- The map as in 20261206000200, with its experience counts (ea) from the maintained counts.
-- The shared query's own ea is replaced; the map refuses to answer if that text ever changes
-- (a test runs it), rather than silently reading every experience again.
create or replace function erfa.knowledge_map_counted_query() returns text
language plpgsql stable set search_path = '' as $$
declare
  q text := erfa.knowledge_map_query();
  live text := 'ea as (
      select e.organization_id, e.group_id, e.sdg_goals, count(*) as n from e group by 1, 2, 3)';
begin
  if position(live in q) = 0 then
    raise exception 'knowledge_map: the shared query no longer has the experiences aggregate this replaces';
  end if;
  return replace(q, live, 'ea as (
      select c.organization_id, c.group_id,
        case when c.goal = 0 then ''{}''::smallint[] else array[c.goal] end as sdg_goals,
        sum(c.n) as n
      from erfa.map_experience_counts((select ids from m)) c group by 1, 2, 3)');
end
$$;
grant execute on function erfa.knowledge_map_counted_query() to anon, authenticated;

create or replace function public.knowledge_map()
returns table (organization_id uuid, goal smallint, experiences bigint, documents bigint,
  research bigint, uses bigint, groups bigint)
language plpgsql stable set search_path = '' as $$
begin
  return query execute erfa.knowledge_map_counted_query() || $q$
    select c.organization_id, x.goal, sum(c.e)::bigint, sum(c.d)::bigint, sum(c.r)::bigint,
      sum(c.u)::bigint, sum(c.g)::bigint
    from (
      select ea.organization_id, ea.sdg_goals, ea.n as e, 0 as d, 0 as r, 0 as u, 0 as g from ea
      union all
      select da.organization_id, da.sdg_goals, 0, da.n, 0, 0, 0 from da
      union all
      select a.organization_id, r.goals, 0, 0, count(*), 0, 0
      from attributed a join public.research r on r.id = a.research_id group by 1, 2
      union all
      select u.organization_id, u.sdg_goals, 0, 0, 0, count(*), 0 from u group by 1, 2
      union all
      select g.organization_id, g.sdg_goals, 0, 0, 0, 0, count(*) from g group by 1, 2
    ) c cross join unnest(c.sdg_goals) as x(goal)
    group by c.organization_id, x.goal$q$
  using null::uuid;
end
$$;

-- The map as computed before, reading every experience: the tests hold the maintained counts to
-- it, for every kind of caller.
create or replace function erfa.knowledge_map_live()
returns table (organization_id uuid, goal smallint, experiences bigint, documents bigint,
  research bigint, uses bigint, groups bigint)
language plpgsql stable set search_path = '' as $$
begin
  return query execute erfa.knowledge_map_query() || $q$
    select c.organization_id, x.goal, sum(c.e)::bigint, sum(c.d)::bigint, sum(c.r)::bigint,
      sum(c.u)::bigint, sum(c.g)::bigint
    from (
      select ea.organization_id, ea.sdg_goals, ea.n as e, 0 as d, 0 as r, 0 as u, 0 as g from ea
      union all
      select da.organization_id, da.sdg_goals, 0, da.n, 0, 0, 0 from da
      union all
      select a.organization_id, r.goals, 0, 0, count(*), 0, 0
      from attributed a join public.research r on r.id = a.research_id group by 1, 2
      union all
      select u.organization_id, u.sdg_goals, 0, 0, 0, count(*), 0 from u group by 1, 2
      union all
      select g.organization_id, g.sdg_goals, 0, 0, 0, 0, count(*) from g group by 1, 2
    ) c cross join unnest(c.sdg_goals) as x(goal)
    group by c.organization_id, x.goal$q$
  using null::uuid;
end
$$;
grant execute on function erfa.knowledge_map_live() to anon, authenticated;
