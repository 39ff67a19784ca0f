-- Events held by several groups (issue 18): besides its lead group (events.group_id, whose
-- coordinators create and edit the event), an event may name further groups. It shows on each
-- group's page, reaches the readers of each group, and the coordinators of each group are its
-- organizers (participant list, attendance, programme).
--
-- Who may link a group: whoever may edit the event (administrators, coordinators of its lead
-- group), and only to a group they belong to (administrators: any), so nobody can put an event
-- on a group they have no part in. Unlinking: the event's editors, or the linked group's
-- coordinators (a group may withdraw from an event).
--
-- The key is a surrogate id with a unique index on (event_id, group_id) rather than a composite
-- primary key: PostgREST would otherwise see events and groups as many-to-many through this
-- table, and every existing `group:groups(...)` embed on events would become ambiguous.

create table public.event_groups (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  group_id uuid not null references public.groups (id) on delete cascade,
  created_at timestamptz not null default now()
);
create unique index event_groups_pair_idx on public.event_groups (event_id, group_id);
create index event_groups_group_idx on public.event_groups (group_id);
alter table public.event_groups enable row level security;

-- Groups the caller is a member of (any role). Security definer like erfa.readable_groups();
-- computed once per statement.
create or replace function erfa.joined_groups() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.group_id from public.group_members m
  where (select erfa.is_active_user()) and m.user_id = (select erfa.uid())
$$;

-- Events linked (beyond their lead group) to an active open group / to a group the caller may
-- read. Security definer so that the events policies can use them without reading
-- public.event_groups under its own policies (which read public.events: a cycle).
create or replace function erfa.open_group_events() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select l.event_id from public.event_groups l
  where l.group_id in (select erfa.open_groups())
$$;

create or replace function erfa.readable_group_events() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select l.event_id from public.event_groups l
  where l.group_id in (select erfa.readable_groups())
$$;

-- Events the caller may edit: administrators all, coordinators those of their lead groups.
create or replace function erfa.edited_events() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select e.id from public.events e
  where (select erfa.is_active_user()) and e.group_id in (select erfa.moderated_groups())
  union all
  select e.id from public.events e where (select erfa.is_active_user()) and (select erfa.is_admin())
$$;

revoke execute on function erfa.joined_groups(), erfa.open_group_events(),
  erfa.readable_group_events(), erfa.edited_events() from public;
grant execute on function erfa.open_group_events() to anon, authenticated;
grant execute on function erfa.joined_groups(), erfa.readable_group_events(),
  erfa.edited_events() to authenticated;

-- Organizers: the creator, the coordinators of the lead group and of every linked group,
-- administrators.
create or replace function erfa.organized_events() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select e.id from public.events e
  where erfa.is_active_user() and (erfa.is_admin() or e.created_by = erfa.uid()
    or e.group_id in (select erfa.moderated_groups())
    or e.id in (select l.event_id from public.event_groups l
      where l.group_id in (select erfa.moderated_groups())))
$$;

-- Reading: an event is readable through any of its groups.
drop policy events_read_public on public.events;
drop policy events_read on public.events;
create policy events_read_public on public.events for select to anon using (
  visibility = 'public' and (group_id is null or group_id in (select erfa.open_groups())
    or id in (select erfa.open_group_events())));
create policy events_read on public.events for select to authenticated using (
  (visibility = 'public' and (group_id is null or group_id in (select erfa.open_groups())
    or id in (select erfa.open_group_events())))
  or ((select erfa.is_active_user()) and (group_id is null
    or group_id in (select erfa.readable_groups())
    or id in (select erfa.readable_group_events()))));

create or replace function erfa_private.can_read_event(e public.events) returns boolean
language sql stable set search_path = '' as $$
  select (e.visibility = 'public' and (e.group_id is null
      or e.group_id in (select erfa.open_groups()) or e.id in (select erfa.open_group_events())))
    or (erfa.is_active_user() and (e.group_id is null
      or e.group_id in (select erfa.readable_groups())
      or e.id in (select erfa.readable_group_events())))
$$;

grant select on public.event_groups to anon, authenticated;
grant insert (event_id, group_id), delete on public.event_groups to authenticated;

-- As readable as the event (the subquery runs under the caller's events policies).
create policy event_groups_read on public.event_groups for select to anon, authenticated
  using (event_id in (select id from public.events));
create policy event_groups_link on public.event_groups for insert to authenticated
  with check (event_id in (select erfa.edited_events())
    and ((select erfa.is_admin()) or group_id in (select erfa.joined_groups())));
create policy event_groups_unlink on public.event_groups for delete to authenticated
  using (event_id in (select erfa.edited_events()) or group_id in (select erfa.moderated_groups()));
