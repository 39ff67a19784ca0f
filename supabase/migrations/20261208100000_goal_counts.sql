-- A goal page's totals and the goals overview from maintained counts (issue 17). At 100 000
-- experiences and 100 000 research records, /agenda2030/<n> counted every published experience
-- and every research record with the goal (count: 'exact' on its lists: tens of thousands of
-- rows, each through its read policy) to print "20 of N", and public.sdg_counts unnested every
-- experience and record for the overview.
--
-- erfa_private.goal_experience_counts holds, per goal and target ('' for the goal as a whole),
-- group, organization (the zero uuid for none) and shared_with_all, how many published
-- experiences that are not hidden there are; erfa_private.goal_research_counts, per goal,
-- target and visibility, how many research records. Statement triggers with transition tables
-- keep both exact in the same transaction as the change (one upsert per statement, so a bulk
-- import costs one aggregate), so they are never stale.
--
-- The caller's facts (`me`) are materialized so they are looked up once per call, not per row.
--
-- Access: the totals apply the tables' read rules to the counts, exactly:
-- * an experience (published, not hidden) is read by an active member when it is shared with
--   all, its group is readable (erfa.readable_groups(), which includes the groups they
--   moderate), or it is their own; their own in groups they may no longer read are counted from
--   the table (erfa.goal_experience_total);
-- * a research record is read by anyone when public, by an active member when members-only,
--   and by its author (erfa.goal_research_total); signed out, only public ones.
-- Both functions are security definer (erfa_private is not readable by callers) and return
-- numbers only. Documents and groups (thousands, not 100 000) are still counted as the caller.

create table erfa_private.goal_experience_counts (
  goal smallint not null,
  target text not null,
  group_id uuid not null references public.groups (id) on delete cascade,
  organization_id uuid not null,
  shared_with_all boolean not null,
  n integer not null,
  primary key (goal, target, group_id, organization_id, shared_with_all)
);
alter table erfa_private.goal_experience_counts enable row level security;

create table erfa_private.goal_research_counts (
  goal smallint not null,
  target text not null,
  visibility text not null,
  n integer not null,
  primary key (goal, target, visibility)
);
alter table erfa_private.goal_research_counts enable row level security;

-- Documents by goal, organization (the zero uuid for none), group and how they may be read:
-- 'public' (published and public: everyone), 'published' (every active member), 'draft'
-- (draft or in review: active members who may read the group).
create table erfa_private.goal_document_counts (
  goal smallint not null,
  organization_id uuid not null,
  group_id uuid not null references public.groups (id) on delete cascade,
  access text not null,
  n integer not null,
  primary key (goal, organization_id, group_id, access)
);
alter table erfa_private.goal_document_counts enable row level security;

-- The keys one experience contributes: each goal once ('' target) and each of its targets (a
-- target under a goal the experience does not have still counts under the target's own goal,
-- as `contains('sdg_targets', …)` finds it only together with the goal).
create or replace function erfa_private.goal_keys(goals smallint[], targets text[])
returns table (goal smallint, target text)
language sql immutable set search_path = '' as $$
  select distinct g, '' from unnest(coalesce(goals, '{}')) g
  union
  select distinct g, t from unnest(coalesce(goals, '{}')) g, unnest(coalesce(targets, '{}')) t
  where split_part(t, '.', 1) = g::text
$$;

-- The rows a statement removed (old) and added (new), as a query over its transition tables;
-- only those its event has exist, so the query is assembled per event.
create or replace function erfa_private.goal_changed_rows(op text, columns text) returns text
language sql immutable set search_path = '' as $$
  select concat_ws(' union all ',
    case when op <> 'INSERT' then format('select %s, -1 as sign from old_rows', columns) end,
    case when op <> 'DELETE' then format('select %s, 1 as sign from new_rows', columns) end)
$$;

create or replace function erfa_private.goal_experience_count() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- One upsert of the differences, in key order (concurrent changes lock rows in one order).
  execute format($q$
    insert into erfa_private.goal_experience_counts as c
      (goal, target, group_id, organization_id, shared_with_all, n)
    select k.goal, k.target, x.group_id,
      coalesce(x.organization_id, '00000000-0000-0000-0000-000000000000'), x.shared_with_all,
      sum(x.sign)::int
    from (%s) x, erfa_private.goal_keys(x.sdg_goals, x.sdg_targets) k
    where x.status = 'published' and x.hidden_at is null
    group by 1, 2, 3, 4, 5
    having sum(x.sign) <> 0
    order by 1, 2, 3, 4, 5
    on conflict (goal, target, group_id, organization_id, shared_with_all)
    do update set n = c.n + excluded.n$q$,
    erfa_private.goal_changed_rows(tg_op,
      'sdg_goals, sdg_targets, group_id, organization_id, shared_with_all, status, hidden_at'));
  return null;
end
$$;

create or replace function erfa_private.goal_research_count() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  execute format($q$
    insert into erfa_private.goal_research_counts as c (goal, target, visibility, n)
    select k.goal, k.target, x.visibility, sum(x.sign)::int
    from (%s) x, erfa_private.goal_keys(x.goals, x.targets) k
    group by 1, 2, 3
    having sum(x.sign) <> 0
    order by 1, 2, 3
    on conflict (goal, target, visibility) do update set n = c.n + excluded.n$q$,
    erfa_private.goal_changed_rows(tg_op, 'goals, targets, visibility'));
  return null;
end
$$;

create or replace function erfa_private.goal_document_count() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  execute format($q$
    insert into erfa_private.goal_document_counts as c (goal, organization_id, group_id, access, n)
    select g, coalesce(x.organization_id, '00000000-0000-0000-0000-000000000000'), x.group_id,
      case when x.status <> 'published' then 'draft' when x.is_public then 'public'
        else 'published' end,
      sum(x.sign)::int
    from (%s) x, unnest(array(select distinct unnest(coalesce(x.sdg_goals, '{}')))) g
    group by 1, 2, 3, 4
    having sum(x.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (goal, organization_id, group_id, access) do update set n = c.n + excluded.n$q$,
    erfa_private.goal_changed_rows(tg_op, 'sdg_goals, organization_id, group_id, status, is_public'));
  return null;
end
$$;

-- Transition tables allow one event per trigger (and no column list).
create trigger experiences_goal_count_insert after insert on public.experiences
  referencing new table as new_rows
  for each statement execute function erfa_private.goal_experience_count();
create trigger experiences_goal_count_update after update on public.experiences
  referencing old table as old_rows new table as new_rows
  for each statement execute function erfa_private.goal_experience_count();
create trigger experiences_goal_count_delete after delete on public.experiences
  referencing old table as old_rows
  for each statement execute function erfa_private.goal_experience_count();
create trigger research_goal_count_insert after insert on public.research
  referencing new table as new_rows
  for each statement execute function erfa_private.goal_research_count();
create trigger research_goal_count_update after update on public.research
  referencing old table as old_rows new table as new_rows
  for each statement execute function erfa_private.goal_research_count();
create trigger research_goal_count_delete after delete on public.research
  referencing old table as old_rows
  for each statement execute function erfa_private.goal_research_count();

create trigger documents_goal_count_insert after insert on public.documents
  referencing new table as new_rows
  for each statement execute function erfa_private.goal_document_count();
create trigger documents_goal_count_update after update on public.documents
  referencing old table as old_rows new table as new_rows
  for each statement execute function erfa_private.goal_document_count();
create trigger documents_goal_count_delete after delete on public.documents
  referencing old table as old_rows
  for each statement execute function erfa_private.goal_document_count();

insert into erfa_private.goal_document_counts (goal, organization_id, group_id, access, n)
select g, coalesce(d.organization_id, '00000000-0000-0000-0000-000000000000'), d.group_id,
  case when d.status <> 'published' then 'draft' when d.is_public then 'public' else 'published' end,
  count(*)
from public.documents d, unnest(array(select distinct unnest(d.sdg_goals))) g
group by 1, 2, 3, 4;

insert into erfa_private.goal_experience_counts
  (goal, target, group_id, organization_id, shared_with_all, n)
select k.goal, k.target, e.group_id,
  coalesce(e.organization_id, '00000000-0000-0000-0000-000000000000'), e.shared_with_all, count(*)
from public.experiences e, erfa_private.goal_keys(e.sdg_goals, e.sdg_targets) k
where e.status = 'published' and e.hidden_at is null
group by 1, 2, 3, 4, 5;

insert into erfa_private.goal_research_counts (goal, target, visibility, n)
select k.goal, k.target, r.visibility, count(*)
from public.research r, erfa_private.goal_keys(r.goals, r.targets) k
group by 1, 2, 3;

revoke execute on function erfa_private.goal_keys(smallint[], text[]),
  erfa_private.goal_changed_rows(text, text), erfa_private.goal_experience_count(),
  erfa_private.goal_document_count(), erfa_private.goal_research_count()
  from public, anon, authenticated;

-- Per goal (only `p_goal` when given; with target `p_target` and organization `p_organization`
-- when given), how many published experiences that are not hidden the caller may read.
create or replace function erfa.goal_experience_totals(p_goal smallint default null,
  p_target text default null, p_organization uuid default null)
returns table (goal smallint, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.uid() as id, erfa.is_active_user() as active),
  readable as (select erfa.readable_groups() as id)
  select x.goal, sum(x.n)::bigint from (
    select c.goal, c.n from erfa_private.goal_experience_counts c, me
    where me.active and (p_goal is null or c.goal = p_goal) and c.target = coalesce(p_target, '')
      and (p_organization is null or c.organization_id = p_organization)
      and (c.shared_with_all or c.group_id in (select id from readable))
    union all
    -- Their own, in groups they may no longer read and not shared with all.
    select k.goal, 1 from public.experiences e, me, erfa_private.goal_keys(e.sdg_goals, e.sdg_targets) k
    where me.active and e.author_id = me.id and not e.shared_with_all
      and e.status = 'published' and e.hidden_at is null
      and (p_goal is null or k.goal = p_goal) and k.target = coalesce(p_target, '')
      and (p_organization is null or e.organization_id = p_organization)
      and e.group_id not in (select id from readable)
  ) x
  group by 1
$$;

-- Per goal (only `p_goal` when given; with target `p_target` when given), how many research
-- records the caller may read: public ones, members-only ones for active members, their own.
create or replace function erfa.goal_research_totals(p_goal smallint default null,
  p_target text default null)
returns table (goal smallint, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.uid() as id, erfa.is_active_user() as active)
  select x.goal, sum(x.n)::bigint from (
    select c.goal, c.n from erfa_private.goal_research_counts c, me
    where (p_goal is null or c.goal = p_goal) and c.target = coalesce(p_target, '')
      and (c.visibility = 'public' or me.active)
    union all
    -- An inactive member's own members-only records.
    select k.goal, 1 from public.research r, me, erfa_private.goal_keys(r.goals, r.targets) k
    where not me.active and me.id is not null and r.created_by = me.id
      and r.visibility <> 'public'
      and (p_goal is null or k.goal = p_goal) and k.target = coalesce(p_target, '')
  ) x
  group by 1
$$;

-- Per goal (only `p_goal` when given; of organization `p_organization` when given), how many
-- documents the caller may read: the rule of documents_read (published and public: everyone;
-- published: active members; otherwise active members who may read the group).
create or replace function erfa.goal_document_totals(p_goal smallint default null,
  p_organization uuid default null)
returns table (goal smallint, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.is_active_user() as active),
  readable as (select erfa.readable_groups() as id)
  select c.goal, sum(c.n)::bigint from erfa_private.goal_document_counts c, me
  where (p_goal is null or c.goal = p_goal)
    and (p_organization is null or c.organization_id = p_organization)
    and (c.access = 'public' or (me.active and (c.access = 'published'
      or c.group_id in (select id from readable))))
  group by 1
$$;

revoke execute on function erfa.goal_experience_totals(smallint, text, uuid),
  erfa.goal_research_totals(smallint, text), erfa.goal_document_totals(smallint, uuid) from public;
grant execute on function erfa.goal_experience_totals(smallint, text, uuid),
  erfa.goal_research_totals(smallint, text), erfa.goal_document_totals(smallint, uuid)
  to anon, authenticated;

-- The totals of a goal page's lists of experiences, documents and research (the lists
-- themselves are read as the caller, 20 at a time, without counting). Security invoker: the
-- totals come from the functions above, which apply the read rules. Documents have no targets:
-- with a target, their total is that of the goal (the page does not list them then).
create or replace function public.goal_totals(p_goal smallint, p_target text default null,
  p_municipality uuid default null)
returns table (experiences bigint, documents bigint, research bigint)
language sql stable set search_path = '' as $$
  select
    coalesce((select t.n from erfa.goal_experience_totals(p_goal, p_target, p_municipality) t), 0),
    coalesce((select t.n from erfa.goal_document_totals(p_goal, p_municipality) t), 0),
    coalesce((select t.n from erfa.goal_research_totals(p_goal, p_target) t), 0)
$$;
grant execute on function public.goal_totals(smallint, text, uuid) to anon, authenticated;

-- Per goal: how many groups, experiences, documents and research records the caller can see
-- (as in 20261125000100), experiences, documents and research from the maintained counts.
create or replace function public.sdg_counts()
returns table (goal smallint, groups bigint, experiences bigint, documents bigint, research bigint)
language sql stable set search_path = '' as $$
  with g as (select number from public.sdg_goals),
  gr as (select unnest(sdg_goals) n, count(*) c from public.groups where status = 'active' group by 1),
  ex as (select t.goal n, t.n c from erfa.goal_experience_totals() t),
  dc as (select t.goal n, t.n c from erfa.goal_document_totals() t),
  rs as (select t.goal n, t.n c from erfa.goal_research_totals() t)
  select g.number, coalesce(gr.c, 0), coalesce(ex.c, 0), coalesce(dc.c, 0), coalesce(rs.c, 0)
  from g left join gr on gr.n = g.number left join ex on ex.n = g.number
    left join dc on dc.n = g.number left join rs on rs.n = g.number
  order by g.number
$$;

-- A goal page's municipalities (as in 20261207400300) with experiences and documents from the
-- counts above: the same rules (an experience in a readable group or shared with all for an
-- active member; a document as documents_read), without reading every document.
create or replace function public.goal_organizations(p_goal smallint)
returns table (id uuid, slug text, name text, kind text, county text,
  experiences bigint, documents bigint, groups bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.is_active_user() as active),
  readable as (select erfa.readable_groups() as id),
  ex as (
    select c.organization_id o, sum(c.n)::bigint c from erfa_private.goal_experience_counts c, me
    where c.goal = p_goal and c.target = '' and c.n > 0
      and (c.group_id in (select id from readable) or (c.shared_with_all and me.active))
    group by 1),
  dc as (
    select c.organization_id o, sum(c.n)::bigint c from erfa_private.goal_document_counts c, me
    where c.goal = p_goal and c.n > 0
      and (c.access = 'public' or (me.active and (c.access = 'published'
        or c.group_id in (select id from readable))))
    group by 1),
  gm as (
    select p.organization_id o, count(distinct g.id) c from public.groups g
    join public.group_members m on m.group_id = g.id
    join public.profiles p on p.id = m.user_id and p.deactivated_at is null
    where p_goal = any(g.sdg_goals) and g.status = 'active' and p.organization_id is not null
      and (select active from me)
    group by 1)
  select o.id, o.slug, o.name, o.kind, o.county,
    coalesce(ex.c, 0), coalesce(dc.c, 0), coalesce(gm.c, 0)
  from public.organizations o
  left join ex on ex.o = o.id left join dc on dc.o = o.id left join gm on gm.o = o.id
  where o.kind in ('kommun', 'region') and (ex.c is not null or dc.c is not null or gm.c is not null)
  order by coalesce(ex.c, 0) + coalesce(dc.c, 0) + coalesce(gm.c, 0) desc, o.name
$$;
