-- The knowledge map's experiences per organization and goal from a total kept by trigger
-- (issue 17). erfa.map_experience_counts (20261209300300) read every count row of the map's
-- organizations the caller may see, per organization, group, sharing and goal: ~5 000 rows
-- at 100 000 experiences, about a third of public.knowledge_map's CPU.
--
-- erfa_private.map_experience_totals holds, per organization and goal (goals 1–17 only), how
-- many experiences the map counts there in all groups: the sum of
-- erfa_private.map_experience_counts over groups and sharing. A row trigger on the counts adds
-- each count row's change to its total in the same transaction, so the total is exact whenever
-- the counts are. It is safe when two transactions change one count (or one total) at once:
-- the second waits for the first's row lock, and its UPDATE … SET n = n + delta then applies
-- its own difference to the row the first committed (a delta, never a value read earlier).
--
-- Access: what a caller may see is the total minus what they may not read, which for an active
-- member is what no rule lets them read: experiences not shared with all in a group they may
-- not read (erfa.readable_groups()), unless they wrote it. An active member reads most groups
-- (open ones and their own), so the rows taken away are few (none for an administrator or a
-- member of every closed group). Signed out and deactivated callers get nothing, as before.
-- Where an organization has experiences at all (goal 0 per group, which research linked to a
-- group needs) is looked up per group by erfa.map_research_attributed (20261210100100).

create table erfa_private.map_experience_totals (
  organization_id uuid not null,
  goal smallint not null,
  n integer not null check (n >= 0),
  primary key (organization_id, goal)
);
alter table erfa_private.map_experience_totals enable row level security;

-- The counts in one group: the rows to take away for a group the caller may not read, and
-- where organizations are present in a group.
create index map_experience_counts_group_idx
  on erfa_private.map_experience_counts (group_id, goal);

create or replace function erfa_private.map_experience_total() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  c erfa_private.map_experience_counts := coalesce(new, old);
  delta integer := coalesce(new.n, 0) - coalesce(old.n, 0);
begin
  -- A count row never changes its key (the experience trigger updates n only).
  if c.goal = 0 or delta = 0 then return null; end if;
  -- A decrease as an UPDATE: an INSERT's row is checked (n >= 0) before it meets the conflict.
  if delta < 0 then
    update erfa_private.map_experience_totals t set n = t.n + delta
    where t.organization_id = c.organization_id and t.goal = c.goal;
  else
    insert into erfa_private.map_experience_totals as t (organization_id, goal, n)
    values (c.organization_id, c.goal, delta)
    on conflict (organization_id, goal) do update set n = t.n + excluded.n;
  end if;
  return null;
end
$$;
revoke execute on function erfa_private.map_experience_total() from public, anon, authenticated;

create trigger map_experience_counts_total after insert or update of n or delete
  on erfa_private.map_experience_counts
  for each row execute function erfa_private.map_experience_total();

insert into erfa_private.map_experience_totals (organization_id, goal, n)
select c.organization_id, c.goal, sum(c.n)
from erfa_private.map_experience_counts c
where c.goal > 0
group by 1, 2;

-- The experiences the caller may see per organization (of `orgs`) and goal (1–17), none at 0.
create or replace function erfa.map_experience_goals(orgs uuid[])
returns table (organization_id uuid, goal smallint, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.uid() as id, erfa.is_active_user() as active),
  unread as materialized (
    select g.id from public.groups g, me
    where me.active and g.id not in (select erfa.readable_groups()))
  select x.organization_id, x.goal, sum(x.n)::bigint
  from (
    select t.organization_id, t.goal, t.n
    from erfa_private.map_experience_totals t, me
    where me.active and t.n > 0 and t.organization_id = any(orgs)
    union all
    select c.organization_id, c.goal, -c.n
    from erfa_private.map_experience_counts c
    where c.group_id in (select id from unread) and c.goal > 0 and not c.shared_with_all
      and c.n > 0 and c.organization_id = any(orgs)
    union all
    -- The caller's own among those: they read what they wrote.
    select r.organization_id, r.goal, 1
    from public.experiences e, me, erfa_private.map_experience_rows(e) r
    where e.author_id = me.id and not e.shared_with_all and e.organization_id = any(orgs)
      and e.group_id in (select id from unread) and r.goal > 0
  ) x
  group by 1, 2
  having sum(x.n) > 0
$$;
revoke execute on function erfa.map_experience_goals(uuid[]) from public;
grant execute on function erfa.map_experience_goals(uuid[]) to anon, authenticated;
