-- Meetings: how an event is held (on site, online, hybrid), registration in Erfa with capacity,
-- per-mode capacity, a deadline, organizer-chosen questions and a waitlist, and who organizes.
--
-- Organizers of an event: its creator, the coordinators of its group, administrators. They see
-- the participant list and mark attendance. A participant sees their own registration. The
-- online link is readable only by organizers and confirmed participants, so it moves out of
-- public.events (readable by the anonymous key) into public.event_online_links.
--
-- Capacity is enforced here, not in the app: registering and cancelling go through functions
-- that lock the event's row, so concurrent registrations queue on that lock and the count of
-- confirmed places can never pass the capacity.

alter table public.events
  add column mode text not null default 'on_site' check (mode in ('on_site', 'online', 'hybrid')),
  add column address text check (length(btrim(address)) between 1 and 300),
  add column theme_id uuid references public.themes (id) on delete set null,
  add column registration_open boolean not null default false,
  add column capacity integer check (capacity between 1 and 100000),
  add column capacity_on_site integer check (capacity_on_site between 1 and 100000),
  add column capacity_online integer check (capacity_online between 1 and 100000),
  add column registration_deadline timestamptz,
  add constraint events_deadline_not_after_end
    check (registration_deadline is null or registration_deadline <= ends_at),
  add constraint events_mode_capacity check (
    (capacity_on_site is null or mode <> 'online') and (capacity_online is null or mode <> 'on_site'));
create index events_theme_idx on public.events (theme_id) where theme_id is not null;

update public.events set mode = case
  when online_url is not null and location is not null then 'hybrid'
  when online_url is not null then 'online' else 'on_site' end;

grant insert (mode, address, theme_id, registration_open, capacity, capacity_on_site,
  capacity_online, registration_deadline) on public.events to authenticated;
grant update (mode, address, theme_id, registration_open, capacity, capacity_on_site,
  capacity_online, registration_deadline) on public.events to authenticated;

-- The events the caller organizes. Security definer: it reads events and memberships whatever
-- the caller's own rights on them; computed once per statement like erfa.readable_groups().
create or replace function erfa.organized_events() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select e.id from public.events e
  where erfa.is_active_user() and (erfa.is_admin() or e.created_by = erfa.uid()
    or e.group_id in (select erfa.moderated_groups()))
$$;
grant execute on function erfa.organized_events() to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The online link
-- ---------------------------------------------------------------------------------------------
create table public.event_online_links (
  event_id uuid primary key references public.events (id) on delete cascade
    deferrable initially deferred,
  url text not null check (url ~ '^https://[^\s]+$' and length(url) <= 1000)
);
alter table public.event_online_links enable row level security;

insert into public.event_online_links (event_id, url)
  select id, online_url from public.events where online_url is not null;
update public.events set online_url = null where online_url is not null;

-- Writers that still send online_url (older clients, the REST API) keep working: the link is
-- moved to its own table before the row is stored, so public.events never holds it. The caller
-- has passed the events policies for this row, so writing its link is theirs to do.
create or replace function erfa_private.move_online_link() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.online_url is not null then
    insert into public.event_online_links (event_id, url) values (new.id, new.online_url)
      on conflict (event_id) do update set url = excluded.url;
    new.online_url := null;
  end if;
  return new;
end
$$;
create trigger events_online_link before insert or update on public.events
  for each row execute function erfa_private.move_online_link();

-- ---------------------------------------------------------------------------------------------
-- Questions and registrations
-- ---------------------------------------------------------------------------------------------
create table public.event_questions (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  position smallint not null default 0,
  label text not null check (length(btrim(label)) between 1 and 200),
  choices text[] not null default '{}' check (cardinality(choices) <= 20),
  required boolean not null default false,
  -- Deleted from the answers once the event is over (dietary needs and the like).
  sensitive boolean not null default false,
  created_at timestamptz not null default now()
);
create index event_questions_event_idx on public.event_questions (event_id, position);
alter table public.event_questions enable row level security;

create table public.event_registrations (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  user_id uuid references public.profiles (id) on delete cascade,
  guest_name text check (length(btrim(guest_name)) between 1 and 120),
  guest_email text check (guest_email = lower(guest_email) and guest_email ~ '^[^@\s]+@[^@\s]+$'),
  guest_organization text check (length(guest_organization) <= 200),
  mode text not null check (mode in ('on_site', 'online')),
  status text not null check (status in ('pending', 'confirmed', 'waitlisted', 'cancelled')),
  answers jsonb not null default '{}'
    check (jsonb_typeof(answers) = 'object' and length(answers::text) <= 8000),
  attended boolean not null default false,
  -- Arrival order: assigned while the event's row is locked, so it is the waitlist's order.
  seq bigint generated always as identity,
  token_hash text unique,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  check ((user_id is null) <> (guest_email is null)),
  check ((guest_email is null) = (guest_name is null))
);
create unique index event_registrations_person_idx on public.event_registrations (event_id, user_id)
  where user_id is not null and status <> 'cancelled';
create unique index event_registrations_guest_idx on public.event_registrations (event_id, guest_email)
  where guest_email is not null and status <> 'cancelled';
create index event_registrations_queue_idx on public.event_registrations (event_id, status, seq);
create index event_registrations_user_idx on public.event_registrations (user_id);
alter table public.event_registrations enable row level security;

grant select on public.event_questions to anon, authenticated;
grant insert (event_id, position, label, choices, required, sensitive), delete
  on public.event_questions to authenticated;
grant select on public.event_registrations to authenticated;
grant update (attended) on public.event_registrations to authenticated;
grant select, insert, update, delete on public.event_online_links to authenticated;
-- Granted to the anonymous key only so that lists can embed it; no policy lets it see a row.
grant select on public.event_online_links to anon;

-- Questions are as readable as their event (the subquery runs under the caller's RLS).
create policy event_questions_read on public.event_questions for select to anon, authenticated
  using (event_id in (select id from public.events));
create policy event_questions_write on public.event_questions for insert to authenticated
  with check (event_id in (select erfa.organized_events()));
create policy event_questions_remove on public.event_questions for delete to authenticated
  using (event_id in (select erfa.organized_events()));

create policy event_registrations_read on public.event_registrations for select to authenticated
  using (user_id = (select erfa.uid()) or event_id in (select erfa.organized_events()));
create policy event_registrations_attendance on public.event_registrations for update
  to authenticated using (event_id in (select erfa.organized_events()))
  with check (event_id in (select erfa.organized_events()));

-- Confirmed participants of these events (for the online link).
create or replace function erfa.attended_events() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select r.event_id from public.event_registrations r
  where r.user_id = erfa.uid() and r.status = 'confirmed'
$$;
grant execute on function erfa.attended_events() to authenticated;

create policy event_online_links_read on public.event_online_links for select to authenticated
  using (event_id in (select erfa.organized_events()) or event_id in (select erfa.attended_events()));
create policy event_online_links_write on public.event_online_links for all to authenticated
  using (event_id in (select erfa.organized_events()))
  with check (event_id in (select erfa.organized_events()));

-- Moves people up from the waitlist, oldest first, while their mode still has a place; returns
-- whom it moved. The caller holds the event's row lock.
create or replace function erfa_private.fill_places(e public.events) returns uuid[]
language plpgsql set search_path = '' as $$
declare
  total integer;
  on_site integer;
  online integer;
  r record;
  moved uuid[] := '{}';
begin
  select count(*), count(*) filter (where mode = 'on_site'), count(*) filter (where mode = 'online')
    into total, on_site, online
    from public.event_registrations where event_id = e.id and status = 'confirmed';
  for r in select id, mode from public.event_registrations
      where event_id = e.id and status = 'waitlisted' order by seq loop
    exit when e.capacity is not null and total >= e.capacity;
    continue when r.mode = 'on_site' and e.capacity_on_site is not null and on_site >= e.capacity_on_site;
    continue when r.mode = 'online' and e.capacity_online is not null and online >= e.capacity_online;
    update public.event_registrations set status = 'confirmed', confirmed_at = now() where id = r.id;
    moved := moved || r.id;
    total := total + 1;
    if r.mode = 'on_site' then on_site := on_site + 1; else online := online + 1; end if;
  end loop;
  return moved;
end
$$;

-- May the caller read this event? The same rules as the events policies, for the functions
-- below, which run as their owner.
create or replace function erfa_private.can_read_event(e public.events) returns boolean
language sql stable set search_path = '' as $$
  select (e.visibility = 'public' and (e.group_id is null or e.group_id in (select erfa.open_groups())))
    or (erfa.is_active_user() and (e.group_id is null or e.group_id in (select erfa.readable_groups())))
$$;

-- Why a registration is refused, or null when it may go ahead.
create or replace function erfa_private.registration_refusal(e public.events, p_mode text)
returns text language sql stable set search_path = '' as $$
  select case
    when not e.registration_open then 'closed'
    when now() > coalesce(e.registration_deadline, e.ends_at) then 'deadline_passed'
    when p_mode = 'on_site' and e.mode = 'online' then 'wrong_mode'
    when p_mode = 'online' and e.mode = 'on_site' then 'wrong_mode'
    when p_mode not in ('on_site', 'online') then 'wrong_mode'
  end
$$;

-- Only answers to the event's own questions are kept, each at most 1000 characters.
create or replace function erfa_private.clean_answers(p_event uuid, p_answers jsonb) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_object_agg(q.id::text, left(p_answers ->> q.id::text, 1000)), '{}')
  from public.event_questions q
  where q.event_id = p_event and coalesce(p_answers ->> q.id::text, '') <> ''
$$;

-- Registers the caller. Returns {ok, id, status, position} or {ok: false, reason}.
create or replace function public.register_for_event(p_event uuid, p_mode text, p_answers jsonb)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  e public.events;
  refusal text;
  new_id uuid;
begin
  if not erfa.is_active_user() then return jsonb_build_object('ok', false, 'reason', 'not_allowed'); end if;
  select * into e from public.events where id = p_event for update;
  if not found or not erfa_private.can_read_event(e) then
    return jsonb_build_object('ok', false, 'reason', 'not_found');
  end if;
  refusal := erfa_private.registration_refusal(e, p_mode);
  if refusal is not null then return jsonb_build_object('ok', false, 'reason', refusal); end if;
  if exists (select 1 from public.event_registrations where event_id = e.id
      and user_id = erfa.uid() and status <> 'cancelled') then
    return jsonb_build_object('ok', false, 'reason', 'already_registered');
  end if;
  insert into public.event_registrations (event_id, user_id, mode, status, answers)
    values (e.id, erfa.uid(), p_mode, 'waitlisted', erfa_private.clean_answers(e.id, p_answers))
    returning id into new_id;
  perform erfa_private.fill_places(e);
  return jsonb_build_object('ok', true) || erfa_private.registration_state(new_id);
end
$$;

create or replace function erfa_private.registration_state(p_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', r.id, 'status', r.status, 'position',
    case when r.status = 'waitlisted' then (select count(*) from public.event_registrations w
      where w.event_id = r.event_id and w.status = 'waitlisted' and w.seq <= r.seq) end)
  from public.event_registrations r where r.id = p_id
$$;

-- Cancels a registration (its participant, or an organizer) and moves the waitlist up. Returns
-- {ok, promoted: [ids]} so that the app can tell those who got a place.
create or replace function public.cancel_event_registration(p_registration uuid)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  reg public.event_registrations;
  e public.events;
  moved uuid[] := '{}';
begin
  select * into reg from public.event_registrations where id = p_registration;
  if not found or not (coalesce(reg.user_id = erfa.uid(), false)
      or reg.event_id in (select erfa.organized_events())) then
    return jsonb_build_object('ok', false, 'reason', 'not_found');
  end if;
  select * into e from public.events where id = reg.event_id for update;
  update public.event_registrations set status = 'cancelled', cancelled_at = now()
    where id = reg.id and status <> 'cancelled' returning * into reg;
  if found then moved := erfa_private.fill_places(e); end if;
  return jsonb_build_object('ok', true, 'promoted', to_jsonb(moved));
end
$$;

-- A larger capacity (or one removed) gives places to those waiting, in order.
create or replace function erfa_private.fill_after_capacity_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform erfa_private.fill_places(new);
  return null;
end
$$;
create trigger events_capacity_changed after update of capacity, capacity_on_site, capacity_online
  on public.events for each row execute function erfa_private.fill_after_capacity_change();

-- How many places are taken, for everyone who may read the event (the list itself is private).
create or replace function public.event_places(p_event uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'confirmed', count(*) filter (where r.status = 'confirmed'),
    'on_site', count(*) filter (where r.status = 'confirmed' and r.mode = 'on_site'),
    'online', count(*) filter (where r.status = 'confirmed' and r.mode = 'online'),
    'waitlisted', count(*) filter (where r.status = 'waitlisted'))
  from public.events e left join public.event_registrations r on r.event_id = e.id
  where e.id = p_event and erfa_private.can_read_event(e)
$$;

-- The caller's place on the waitlist (1 = next); 0 when they are not waiting.
create or replace function public.event_waitlist_position(p_event uuid) returns integer
language sql stable security definer set search_path = '' as $$
  select count(*)::integer from public.event_registrations mine
    join public.event_registrations w on w.event_id = mine.event_id and w.status = 'waitlisted'
      and w.seq <= mine.seq
  where mine.event_id = p_event and mine.user_id = erfa.uid() and mine.status = 'waitlisted'
$$;

-- Members' e-mail addresses (kept in public.accounts, which only its owner reads) for the
-- organizers' participant list and its export, and only for events they organize.
create or replace function public.event_participant_emails(p_event uuid)
returns table (id uuid, email text)
language sql stable security definer set search_path = '' as $$
  select r.id, a.email from public.event_registrations r
    join public.accounts a on a.user_id = r.user_id
  where r.event_id = p_event and p_event in (select erfa.organized_events())
$$;

revoke execute on function public.event_waitlist_position(uuid),
  public.event_participant_emails(uuid) from public;
grant execute on function public.event_waitlist_position(uuid),
  public.event_participant_emails(uuid) to authenticated;

revoke execute on function public.register_for_event(uuid, text, jsonb),
  public.cancel_event_registration(uuid), public.event_places(uuid) from public;
grant execute on function public.register_for_event(uuid, text, jsonb),
  public.cancel_event_registration(uuid) to authenticated;
grant execute on function public.event_places(uuid) to anon, authenticated;
grant execute on function erfa.open_groups() to anon, authenticated;

-- Mail may carry files (the calendar file of a confirmation): [{filename, contentType, content}].
alter table public.outbox add column attachments jsonb
  check (attachments is null or jsonb_typeof(attachments) = 'array');
