-- Events: the association's seminars, workshops, meetings and the yearly conference
-- "Bergslagen 2030", and a group's own events.
--
-- Reading rules:
-- * a public event is readable by everyone, signed out too, unless it belongs to a group whose
--   content the caller may not read (a closed group's events stay inside the group);
-- * a members-only event is readable by active signed-in members, again only when its group
--   (if any) is readable to them.
-- Writing: administrators create, edit and delete any event; a group's coordinators create, edit
-- and delete their own group's events.

create table public.events (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(btrim(title)) between 3 and 200),
  description text not null default '' check (length(description) <= 10000),
  kind text not null default 'seminar'
    check (kind in ('seminar', 'workshop', 'conference', 'meeting', 'other')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text check (length(btrim(location)) between 1 and 300),
  online_url text check (online_url ~ '^https://[^\s]+$' and length(online_url) <= 1000),
  organization_id uuid references public.organizations (id) on delete set null,
  group_id uuid references public.groups (id) on delete cascade,
  sdg_goals smallint[] not null default '{}'
    check (sdg_goals <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]),
  visibility text not null default 'public' check (visibility in ('public', 'members')),
  registration_url text
    check (registration_url ~ '^https://[^\s]+$' and length(registration_url) <= 1000),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at >= starts_at)
);
create index events_starts_idx on public.events (starts_at);
create index events_group_idx on public.events (group_id) where group_id is not null;
create index events_sdg_idx on public.events using gin (sdg_goals);

create or replace function erfa_private.touch_event() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;
create trigger events_touch before update on public.events
  for each row execute function erfa_private.touch_event();

-- Active open groups, whose public events signed-out visitors may see. Security definer because
-- `anon` may not read public.groups itself (only groups with public documents); computed once
-- per statement like erfa.readable_groups().
create or replace function erfa.open_groups() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select g.id from public.groups g where g.status = 'active' and g.visibility = 'open'
$$;

alter table public.events enable row level security;

grant execute on function erfa.open_groups() to anon, authenticated;

grant select on public.events to anon, authenticated;
grant insert (title, description, kind, starts_at, ends_at, location, online_url, organization_id,
  group_id, sdg_goals, visibility, registration_url, created_by) on public.events to authenticated;
grant update (title, description, kind, starts_at, ends_at, location, online_url, organization_id,
  group_id, sdg_goals, visibility, registration_url) on public.events to authenticated;
grant delete on public.events to authenticated;

create policy events_read_public on public.events for select to anon using (
  visibility = 'public' and (group_id is null or group_id in (select erfa.open_groups())));
create policy events_read on public.events for select to authenticated using (
  (visibility = 'public' and (group_id is null or group_id in (select erfa.open_groups())))
  or ((select erfa.is_active_user())
    and (group_id is null or group_id in (select erfa.readable_groups()))));

-- erfa.moderated_groups() holds every group for administrators, so "admin or coordinator of the
-- event's group" is: admin, or a group the caller moderates.
create policy events_create on public.events for insert to authenticated with check (
  created_by = (select erfa.uid()) and (select erfa.is_active_user()) and (
    (select erfa.is_admin()) or group_id in (select erfa.moderated_groups())));
create policy events_edit on public.events for update to authenticated
  using ((select erfa.is_active_user()) and (
    (select erfa.is_admin()) or group_id in (select erfa.moderated_groups())))
  with check ((select erfa.is_admin()) or group_id in (select erfa.moderated_groups()));
create policy events_remove on public.events for delete to authenticated
  using ((select erfa.is_active_user()) and (
    (select erfa.is_admin()) or group_id in (select erfa.moderated_groups())));
