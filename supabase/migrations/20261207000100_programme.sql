-- The programme of an event (Indico's timetable): sessions and breaks with time, room and track,
-- speakers (an Erfa person or a named guest), and after the day the documentation of each
-- session: a written summary, a link to the recording, slides (PDF or PowerPoint).
--
-- Everything here is as readable as its event (public programmes for the anonymous key too);
-- only the event's organizers (erfa.organized_events()) write. Two sessions may not share a
-- room at the same time: an exclusion constraint refuses it, whoever writes.

create extension if not exists btree_gist with schema extensions;

create table public.event_sessions (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  kind text not null default 'session' check (kind in ('session', 'break')),
  title text not null check (length(btrim(title)) between 1 and 200),
  description text not null default '' check (length(description) <= 5000),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  room text not null default '' check (length(room) <= 100),
  track text not null default '' check (length(track) <= 100),
  summary text not null default '' check (length(summary) <= 20000),
  recording_url text check (recording_url ~ '^https://[^\s]+$' and length(recording_url) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint event_sessions_order check (ends_at > starts_at),
  constraint event_sessions_room_free exclude using gist
    (event_id with =, room with =, tstzrange(starts_at, ends_at) with &&) where (room <> '')
);
create index event_sessions_event_idx on public.event_sessions (event_id, starts_at);

-- A session lies within its event's time.
create or replace function erfa_private.check_session_time() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.events e where e.id = new.event_id
      and new.starts_at >= e.starts_at and new.ends_at <= e.ends_at) then
    raise exception 'session outside its event' using errcode = '23514',
      constraint = 'event_sessions_within_event';
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger event_sessions_time before insert or update on public.event_sessions
  for each row execute function erfa_private.check_session_time();

create table public.event_session_speakers (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.event_sessions (id) on delete cascade,
  position smallint not null default 0,
  profile_id uuid references public.profiles (id) on delete set null,
  name text not null check (length(btrim(name)) between 1 and 120),
  title text not null default '' check (length(title) <= 200),
  organization text not null default '' check (length(organization) <= 200)
);
create index event_session_speakers_session_idx on public.event_session_speakers (session_id, position);
create index event_session_speakers_profile_idx on public.event_session_speakers (profile_id)
  where profile_id is not null;

create table public.event_session_files (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.event_sessions (id) on delete cascade,
  filename text not null check (length(filename) between 1 and 200),
  media_type text not null check (media_type in ('application/pdf',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.ms-powerpoint')),
  size_bytes integer not null check (size_bytes between 1 and 52428800),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
create index event_session_files_session_idx on public.event_session_files (session_id);
create index event_session_files_sha_idx on public.event_session_files (sha256);

alter table public.event_sessions enable row level security;
alter table public.event_session_speakers enable row level security;
alter table public.event_session_files enable row level security;

grant select on public.event_sessions, public.event_session_speakers, public.event_session_files
  to anon, authenticated;
grant insert, update, delete on public.event_sessions, public.event_session_speakers,
  public.event_session_files to authenticated;

create policy event_sessions_read on public.event_sessions for select to anon, authenticated
  using (event_id in (select id from public.events));
create policy event_sessions_write on public.event_sessions for all to authenticated
  using (event_id in (select erfa.organized_events()))
  with check (event_id in (select erfa.organized_events()));

create policy event_session_speakers_read on public.event_session_speakers for select
  to anon, authenticated using (session_id in (select id from public.event_sessions));
create policy event_session_speakers_write on public.event_session_speakers for all
  to authenticated
  using (session_id in (select s.id from public.event_sessions s
    where s.event_id in (select erfa.organized_events())))
  with check (session_id in (select s.id from public.event_sessions s
    where s.event_id in (select erfa.organized_events())));

create policy event_session_files_read on public.event_session_files for select
  to anon, authenticated using (session_id in (select id from public.event_sessions));
create policy event_session_files_write on public.event_session_files for all to authenticated
  using (session_id in (select s.id from public.event_sessions s
    where s.event_id in (select erfa.organized_events())))
  with check (session_id in (select s.id from public.event_sessions s
    where s.event_id in (select erfa.organized_events())));

-- Saves a session and its speakers in one transaction (new when p_session is null), so a
-- refused session (overlap, outside the event) leaves nothing behind. Security invoker: the
-- policies above decide. Speakers: [{profile_id, name, title, organization}].
create or replace function public.save_event_session(p_event uuid, p_session uuid, p_data jsonb,
  p_speakers jsonb) returns uuid
language plpgsql security invoker set search_path = '' as $$
declare
  saved uuid;
begin
  if p_session is null then
    insert into public.event_sessions (event_id, kind, title, description, starts_at, ends_at, room, track)
      values (p_event, p_data ->> 'kind', p_data ->> 'title', coalesce(p_data ->> 'description', ''),
        (p_data ->> 'starts_at')::timestamptz, (p_data ->> 'ends_at')::timestamptz,
        coalesce(p_data ->> 'room', ''), coalesce(p_data ->> 'track', ''))
      returning id into saved;
  else
    update public.event_sessions set kind = p_data ->> 'kind', title = p_data ->> 'title',
        description = coalesce(p_data ->> 'description', ''),
        starts_at = (p_data ->> 'starts_at')::timestamptz, ends_at = (p_data ->> 'ends_at')::timestamptz,
        room = coalesce(p_data ->> 'room', ''), track = coalesce(p_data ->> 'track', '')
      where id = p_session and event_id = p_event returning id into saved;
    if saved is null then return null; end if;
    delete from public.event_session_speakers where session_id = saved;
  end if;
  -- An Erfa person's name and organization are copied in, so that the programme reads the
  -- same for those who may not read profiles (the anonymous key) and stays as it was held.
  insert into public.event_session_speakers (session_id, position, profile_id, name, title, organization)
    select saved, s.ord - 1, p.id, coalesce(nullif(s.value ->> 'name', ''), p.name),
      coalesce(s.value ->> 'title', ''),
      coalesce(nullif(s.value ->> 'organization', ''), o.name, '')
    from jsonb_array_elements(coalesce(p_speakers, '[]')) with ordinality as s(value, ord)
    left join public.profiles p on p.id = nullif(s.value ->> 'profile_id', '')::uuid
    left join public.organizations o on o.id = p.organization_id;
  return saved;
end
$$;
revoke execute on function public.save_event_session(uuid, uuid, jsonb, jsonb) from public;
grant execute on function public.save_event_session(uuid, uuid, jsonb, jsonb) to authenticated;
