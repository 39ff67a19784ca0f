-- Erfa-grupper: themes, groups, membership (join requests, invitations), experience reports
-- with revisions and attachments, discussions, notifications and moderation.
--
-- Reading rules, enforced here for every caller that comes through the REST API:
-- * a group's name and description are visible to every signed-in member (so people can find
--   and ask to join closed groups); proposed groups only to their proposer and administrators;
-- * a group's content (members, experiences, threads, replies) is readable by its members, by
--   every signed-in member when the group is open, and by administrators;
-- * a closed group may share single experiences with all signed-in members;
-- * hidden (moderated) content stays visible to its author, the group's coordinators and admins.

-- ---------------------------------------------------------------------------------------------
-- Themes
-- ---------------------------------------------------------------------------------------------
create table public.themes (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  name text not null check (length(btrim(name)) between 2 and 120),
  description text not null default '' check (length(description) <= 4000),
  start_year smallint not null check (start_year between 2000 and 2100),
  end_year smallint check (end_year is null or end_year between start_year and 2100),
  sdg_goals smallint[] not null default '{}'
    check (sdg_goals <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]),
  featured boolean not null default false,
  created_at timestamptz not null default now()
);
-- At most one theme is featured on the home page at a time.
create unique index themes_one_featured_idx on public.themes (featured) where featured;

-- ---------------------------------------------------------------------------------------------
-- Groups and membership
-- ---------------------------------------------------------------------------------------------
create table public.groups (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  name text not null check (length(btrim(name)) between 2 and 120),
  description text not null default '' check (length(description) <= 10000),
  theme_id uuid references public.themes (id) on delete set null,
  sdg_goals smallint[] not null default '{}'
    check (sdg_goals <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]),
  visibility text not null default 'open' check (visibility in ('open', 'closed')),
  status text not null default 'proposed' check (status in ('proposed', 'active', 'declined', 'archived')),
  proposed_by uuid references public.profiles (id) on delete set null,
  decision_note text check (length(decision_note) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index groups_theme_idx on public.groups (theme_id);
create index groups_status_name_idx on public.groups (status, name);
create index groups_sdg_idx on public.groups using gin (sdg_goals);

create table public.group_members (
  group_id uuid not null references public.groups (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role text not null default 'member' check (role in ('member', 'coordinator')),
  joined_at timestamptz not null default now(),
  primary key (group_id, user_id)
);
create index group_members_user_idx on public.group_members (user_id);

create table public.join_requests (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  message text not null default '' check (length(message) <= 1000),
  status text not null default 'pending' check (status in ('pending', 'approved', 'declined', 'withdrawn')),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  decision_message text check (length(decision_message) <= 1000),
  created_at timestamptz not null default now()
);
-- One open request per person and group: a double submit cannot create two.
create unique index join_requests_one_pending_idx on public.join_requests (group_id, user_id)
  where status = 'pending';
create index join_requests_group_idx on public.join_requests (group_id, status);

-- Invitations by e-mail, also to people not yet registered: they are matched to the account
-- with that address whenever it exists (before or after registration).
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'),
  invited_by uuid references public.profiles (id) on delete set null,
  message text not null default '' check (length(message) <= 1000),
  created_at timestamptz not null default now(),
  accepted_at timestamptz,
  declined_at timestamptz
);
create unique index invitations_one_open_idx on public.invitations (group_id, email)
  where accepted_at is null and declined_at is null;
create index invitations_email_idx on public.invitations (email);

-- ---------------------------------------------------------------------------------------------
-- Access helpers (security definer: they read membership without recursing into policies).
-- ---------------------------------------------------------------------------------------------
create or replace function erfa.is_active_user() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.profiles where id = erfa.uid() and deactivated_at is null)
$$;

create or replace function erfa.is_member(g uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.group_members where group_id = g and user_id = erfa.uid())
$$;

create or replace function erfa.is_coordinator(g uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.group_members
    where group_id = g and user_id = erfa.uid() and role = 'coordinator'
  )
$$;

create or replace function erfa.can_moderate(g uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select erfa.is_admin() or erfa.is_coordinator(g)
$$;

-- May the caller read this group's content?
create or replace function erfa.can_read_group(g uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select erfa.is_active_user() and (
    erfa.is_admin() or erfa.is_member(g) or exists (
      select 1 from public.groups where id = g and status = 'active' and visibility = 'open'
    )
  )
$$;

-- The caller's address, once verified: an invitation to an address belongs to whoever has
-- proved they read its mail, not to whoever typed it at registration.
create or replace function erfa.my_email() returns text
language sql stable security definer set search_path = '' as $$
  select email from public.accounts where user_id = erfa.uid() and email_verified_at is not null
$$;

-- ---------------------------------------------------------------------------------------------
-- Experience reports
-- ---------------------------------------------------------------------------------------------
create table public.experiences (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  organization_id uuid references public.organizations (id) on delete set null,
  title text not null check (length(btrim(title)) between 3 and 200),
  summary text not null default '' check (length(summary) <= 2000),
  background text not null default '' check (length(background) <= 20000),
  actions text not null default '' check (length(actions) <= 20000),
  results text not null default '' check (length(results) <= 20000),
  lessons text not null default '' check (length(lessons) <= 20000),
  contact_person text check (length(contact_person) <= 200),
  period_start date,
  period_end date check (period_end is null or period_start is null or period_end >= period_start),
  sdg_goals smallint[] not null default '{}'
    check (sdg_goals <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]),
  sdg_targets text[] not null default '{}',
  status text not null default 'draft' check (status in ('draft', 'published')),
  shared_with_all boolean not null default false,
  hidden_at timestamptz,
  hidden_by uuid references public.profiles (id) on delete set null,
  hidden_reason text check (length(hidden_reason) <= 1000),
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz
);
create index experiences_group_idx on public.experiences (group_id, status, published_at desc);
create index experiences_author_idx on public.experiences (author_id);
create index experiences_shared_idx on public.experiences (published_at desc) where shared_with_all;
create index experiences_sdg_idx on public.experiences using gin (sdg_goals);

-- Every saved version of an experience, written by a trigger so no edit path can skip it.
create table public.experience_revisions (
  experience_id uuid not null references public.experiences (id) on delete cascade,
  revision integer not null,
  data jsonb not null,
  edited_by uuid references public.profiles (id) on delete set null,
  edited_at timestamptz not null default now(),
  primary key (experience_id, revision)
);

create table public.attachments (
  id uuid primary key default gen_random_uuid(),
  experience_id uuid not null references public.experiences (id) on delete cascade,
  filename text not null check (length(filename) between 1 and 200),
  media_type text not null check (media_type in (
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'image/png', 'image/jpeg', 'image/gif', 'image/webp'
  )),
  size_bytes integer not null check (size_bytes between 1 and 26214400),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
create index attachments_experience_idx on public.attachments (experience_id);

-- ---------------------------------------------------------------------------------------------
-- Discussions
-- ---------------------------------------------------------------------------------------------
create table public.threads (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  title text not null check (length(btrim(title)) between 3 and 200),
  body text not null check (length(btrim(body)) between 1 and 20000),
  pinned boolean not null default false,
  hidden_at timestamptz,
  hidden_by uuid references public.profiles (id) on delete set null,
  hidden_reason text check (length(hidden_reason) <= 1000),
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  last_activity_at timestamptz not null default now()
);
create index threads_group_idx on public.threads (group_id, pinned desc, last_activity_at desc);

create table public.replies (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references public.threads (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  body text not null check (length(btrim(body)) between 1 and 20000),
  quoted_reply_id uuid references public.replies (id) on delete set null,
  is_answer boolean not null default false,
  hidden_at timestamptz,
  hidden_by uuid references public.profiles (id) on delete set null,
  hidden_reason text check (length(hidden_reason) <= 1000),
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  edited_at timestamptz
);
create index replies_thread_idx on public.replies (thread_id, created_at);
create index replies_author_idx on public.replies (author_id);

-- ---------------------------------------------------------------------------------------------
-- Notifications and moderation
-- ---------------------------------------------------------------------------------------------
create table public.notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null check (kind in (
    'experience_published', 'thread_created', 'reply', 'mention', 'join_request',
    'join_approved', 'join_declined', 'invitation', 'group_approved', 'content_hidden'
  )),
  group_id uuid references public.groups (id) on delete cascade,
  actor_id uuid references public.profiles (id) on delete set null,
  title text not null check (length(title) <= 300),
  link text not null check (link ~ '^/' and length(link) <= 500),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  emailed_at timestamptz
);
create index notifications_user_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;
create index notifications_unemailed_idx on public.notifications (created_at) where emailed_at is null;

-- Digest runs: one row per (kind, period) makes a digest go out once however many app
-- processes try at the same moment.
create table erfa_private.digest_runs (
  kind text not null check (kind in ('daily', 'weekly')),
  period_start timestamptz not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (kind, period_start)
);

create table public.moderation_reports (
  id uuid primary key default gen_random_uuid(),
  reporter_id uuid references public.profiles (id) on delete set null,
  group_id uuid not null references public.groups (id) on delete cascade,
  target_type text not null check (target_type in ('experience', 'thread', 'reply')),
  target_id uuid not null,
  reason text not null check (length(btrim(reason)) between 3 and 2000),
  status text not null default 'open' check (status in ('open', 'resolved', 'dismissed')),
  resolved_by uuid references public.profiles (id) on delete set null,
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
create index moderation_reports_group_idx on public.moderation_reports (group_id, status, created_at);
create unique index moderation_reports_once_idx on public.moderation_reports (reporter_id, target_type, target_id)
  where status = 'open';

-- ---------------------------------------------------------------------------------------------
-- Integrity triggers
-- ---------------------------------------------------------------------------------------------

-- Only administrators decide on a group's status; coordinators edit everything else.
create or replace function erfa_private.guard_group_update() returns trigger
language plpgsql set search_path = '' as $$
begin
  if erfa.uid() is not null and new.status is distinct from old.status and not erfa.is_admin() then
    raise exception 'only administrators approve, decline or archive groups' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger groups_guard before update on public.groups
  for each row execute function erfa_private.guard_group_update();

-- A group always keeps a coordinator: the last one cannot leave or step down without handing over.
create or replace function erfa_private.keep_a_coordinator() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.role = 'coordinator' and (tg_op = 'DELETE' or new.role <> 'coordinator')
     and exists (select 1 from public.groups where id = old.group_id)
     and not exists (
       select 1 from public.group_members
       where group_id = old.group_id and role = 'coordinator' and user_id <> old.user_id
     ) then
    raise exception 'the last coordinator cannot leave the group; hand over first'
      using errcode = 'P0001', hint = 'last_coordinator';
  end if;
  return coalesce(new, old);
end
$$;
create trigger group_members_keep_coordinator before update or delete on public.group_members
  for each row execute function erfa_private.keep_a_coordinator();

-- Keeps the edit history of experiences and bumps the revision number.
create or replace function erfa_private.record_experience_revision() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    if (to_jsonb(new) - array['hidden_at','hidden_by','hidden_reason','updated_at','revision'])
       = (to_jsonb(old) - array['hidden_at','hidden_by','hidden_reason','updated_at','revision']) then
      return new;
    end if;
    new.revision := old.revision + 1;
    new.updated_at := now();
    if new.status = 'published' and old.status <> 'published' then
      new.published_at := now();
    end if;
  elsif new.status = 'published' then
    new.published_at := coalesce(new.published_at, now());
  end if;
  insert into public.experience_revisions (experience_id, revision, data, edited_by)
  values (new.id, new.revision,
    jsonb_build_object('title', new.title, 'summary', new.summary, 'background', new.background,
      'actions', new.actions, 'results', new.results, 'lessons', new.lessons,
      'contact_person', new.contact_person, 'period_start', new.period_start,
      'period_end', new.period_end, 'sdg_goals', new.sdg_goals, 'sdg_targets', new.sdg_targets,
      'status', new.status, 'shared_with_all', new.shared_with_all),
    coalesce(erfa.uid(), new.author_id));
  return new;
end
$$;
create trigger experiences_revision before insert or update on public.experiences
  for each row execute function erfa_private.record_experience_revision();

-- Hiding is a moderation act: only coordinators and administrators may set or clear it.
create or replace function erfa_private.guard_hiding() returns trigger
language plpgsql set search_path = '' as $$
declare g uuid;
begin
  if erfa.uid() is null or (new.hidden_at is not distinct from old.hidden_at
      and new.hidden_reason is not distinct from old.hidden_reason) then
    return new;
  end if;
  if tg_table_name = 'replies' then
    select t.group_id into g from public.threads t where t.id = new.thread_id;
  else
    g := new.group_id;
  end if;
  if not erfa.can_moderate(g) then
    raise exception 'only coordinators and administrators hide content' using errcode = '42501';
  end if;
  new.hidden_by := case when new.hidden_at is null then null else erfa.uid() end;
  return new;
end
$$;
create trigger experiences_guard_hiding before update on public.experiences
  for each row execute function erfa_private.guard_hiding();
create trigger threads_guard_hiding before update on public.threads
  for each row execute function erfa_private.guard_hiding();
create trigger replies_guard_hiding before update on public.replies
  for each row execute function erfa_private.guard_hiding();

-- Who may change what in a discussion: authors edit and delete their own words; the thread's
-- author or a coordinator marks the answer; coordinators pin.
create or replace function erfa_private.guard_discussion_update() returns trigger
language plpgsql set search_path = '' as $$
declare g uuid; thread_author uuid;
begin
  if erfa.uid() is null then
    return new;
  end if;
  if tg_table_name = 'replies' then
    select t.group_id, t.author_id into g, thread_author from public.threads t where t.id = new.thread_id;
    if new.is_answer is distinct from old.is_answer
       and thread_author is distinct from erfa.uid() and not erfa.can_moderate(g) then
      raise exception 'only the thread author or a coordinator marks the answer' using errcode = '42501';
    end if;
  else
    g := new.group_id;
    if new.pinned is distinct from old.pinned and not erfa.can_moderate(g) then
      raise exception 'only coordinators pin threads' using errcode = '42501';
    end if;
    if new.title is distinct from old.title and old.author_id is distinct from erfa.uid() then
      raise exception 'only the author edits a thread' using errcode = '42501';
    end if;
  end if;
  if (new.body is distinct from old.body or new.deleted_at is distinct from old.deleted_at)
     and old.author_id is distinct from erfa.uid() then
    raise exception 'only the author edits or deletes a post' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger threads_guard_update before update on public.threads
  for each row execute function erfa_private.guard_discussion_update();
create trigger replies_guard_update before update on public.replies
  for each row execute function erfa_private.guard_discussion_update();

-- When an administrator approves a proposed group, its proposer becomes its first coordinator.
create or replace function erfa_private.group_activated() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'active' and old.status = 'proposed' and new.proposed_by is not null then
    insert into public.group_members (group_id, user_id, role)
    values (new.id, new.proposed_by, 'coordinator')
    on conflict (group_id, user_id) do update set role = 'coordinator';
  end if;
  return new;
end
$$;
create trigger groups_activated after update of status on public.groups
  for each row execute function erfa_private.group_activated();

-- A new reply keeps its thread near the top of the list.
create or replace function erfa_private.touch_thread() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.threads set last_activity_at = now() where id = new.thread_id;
  return new;
end
$$;
create trigger replies_touch_thread after insert on public.replies
  for each row execute function erfa_private.touch_thread();

-- ---------------------------------------------------------------------------------------------
-- Decisions that must be atomic: approving a join request (two coordinators at once must not
-- both succeed), accepting an invitation. In `public` so that supabase-js calls them with
-- .rpc() on any Supabase project without exposing another schema.
-- ---------------------------------------------------------------------------------------------
create or replace function public.decide_join_request(request uuid, approve boolean, message text default null)
returns text
language plpgsql security definer set search_path = '' as $$
declare r public.join_requests;
begin
  select * into r from public.join_requests where id = request for update;
  if not found or not erfa.can_moderate(r.group_id) then
    return 'not_found';
  end if;
  if r.status <> 'pending' then
    return 'already_decided';
  end if;
  update public.join_requests
    set status = case when approve then 'approved' else 'declined' end,
        decided_by = erfa.uid(), decided_at = now(), decision_message = nullif(btrim(message), '')
    where id = request;
  if approve then
    insert into public.group_members (group_id, user_id) values (r.group_id, r.user_id)
      on conflict do nothing;
  end if;
  return case when approve then 'approved' else 'declined' end;
end
$$;

create or replace function public.accept_invitation(invitation uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare i public.invitations;
begin
  select * into i from public.invitations where id = invitation for update;
  if not found or i.email <> erfa.my_email() or not erfa.is_active_user() then
    return 'not_found';
  end if;
  if i.accepted_at is not null or i.declined_at is not null then
    return 'already_decided';
  end if;
  update public.invitations set accepted_at = now() where id = invitation;
  insert into public.group_members (group_id, user_id) values (i.group_id, erfa.uid())
    on conflict do nothing;
  update public.join_requests set status = 'approved', decided_at = now()
    where group_id = i.group_id and user_id = erfa.uid() and status = 'pending';
  return 'accepted';
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------
alter table public.themes enable row level security;
alter table public.groups enable row level security;
alter table public.group_members enable row level security;
alter table public.join_requests enable row level security;
alter table public.invitations enable row level security;
alter table public.experiences enable row level security;
alter table public.experience_revisions enable row level security;
alter table public.attachments enable row level security;
alter table public.threads enable row level security;
alter table public.replies enable row level security;
alter table public.notifications enable row level security;
alter table public.moderation_reports enable row level security;

grant execute on function erfa.is_active_user(), erfa.is_member(uuid), erfa.is_coordinator(uuid),
  erfa.can_moderate(uuid), erfa.can_read_group(uuid), erfa.my_email(),
  public.decide_join_request(uuid, boolean, text), public.accept_invitation(uuid)
  to authenticated;
revoke execute on function public.decide_join_request(uuid, boolean, text), public.accept_invitation(uuid)
  from public, anon;
grant execute on function erfa.can_read_group(uuid) to anon;

-- Themes are public; administrators manage them.
grant select on public.themes to anon, authenticated;
grant insert, update, delete on public.themes to authenticated;
create policy themes_read on public.themes for select to anon, authenticated using (true);
create policy themes_admin_insert on public.themes for insert to authenticated with check (erfa.is_admin());
create policy themes_admin_update on public.themes for update to authenticated
  using (erfa.is_admin()) with check (erfa.is_admin());
create policy themes_admin_delete on public.themes for delete to authenticated using (erfa.is_admin());

-- Groups: listing is for signed-in members; proposing is open to every active member.
grant select on public.groups to authenticated;
grant insert (slug, name, description, theme_id, sdg_goals, visibility, proposed_by) on public.groups to authenticated;
grant update (name, description, theme_id, sdg_goals, visibility, status, decision_note) on public.groups to authenticated;
create policy groups_read on public.groups for select to authenticated using (
  erfa.is_active_user() and (status in ('active', 'archived') or proposed_by = erfa.uid()
    or erfa.is_admin() or erfa.is_member(id)));
create policy groups_propose on public.groups for insert to authenticated with check (
  erfa.is_active_user() and status = 'proposed' and proposed_by = erfa.uid());
create policy groups_update on public.groups for update to authenticated
  using (erfa.can_moderate(id)) with check (erfa.can_moderate(id));

grant select on public.group_members to authenticated;
grant insert (group_id, user_id, role) on public.group_members to authenticated;
grant update (role) on public.group_members to authenticated;
grant delete on public.group_members to authenticated;
create policy group_members_read on public.group_members for select to authenticated
  using (erfa.can_read_group(group_id));
-- Joining an open group is immediate; coordinators add people (first coordinator: admin approval).
create policy group_members_join on public.group_members for insert to authenticated with check (
  (user_id = erfa.uid() and role = 'member' and erfa.is_active_user() and exists (
    select 1 from public.groups g where g.id = group_id and g.status = 'active' and g.visibility = 'open'))
  or erfa.can_moderate(group_id));
create policy group_members_update on public.group_members for update to authenticated
  using (erfa.can_moderate(group_id)) with check (erfa.can_moderate(group_id));
create policy group_members_leave on public.group_members for delete to authenticated
  using (user_id = erfa.uid() or erfa.can_moderate(group_id));

grant select, insert (group_id, user_id, message), update (status) on public.join_requests to authenticated;
create policy join_requests_read on public.join_requests for select to authenticated
  using (user_id = erfa.uid() or erfa.can_moderate(group_id));
create policy join_requests_create on public.join_requests for insert to authenticated with check (
  user_id = erfa.uid() and erfa.is_active_user() and not erfa.is_member(group_id) and exists (
    select 1 from public.groups g where g.id = group_id and g.status = 'active' and g.visibility = 'closed'));
-- The requester may only withdraw; decisions go through erfa.decide_join_request().
create policy join_requests_withdraw on public.join_requests for update to authenticated
  using (user_id = erfa.uid() and status = 'pending') with check (status = 'withdrawn');

grant select, insert (group_id, email, invited_by, message), update (declined_at) on public.invitations to authenticated;
create policy invitations_read on public.invitations for select to authenticated
  using (email = erfa.my_email() or erfa.can_moderate(group_id));
create policy invitations_create on public.invitations for insert to authenticated
  with check (invited_by = erfa.uid() and erfa.can_moderate(group_id));
create policy invitations_decline on public.invitations for update to authenticated
  using (email = erfa.my_email() or erfa.can_moderate(group_id))
  with check (email = erfa.my_email() or erfa.can_moderate(group_id));

-- Experiences.
grant select on public.experiences to authenticated;
grant insert (group_id, author_id, organization_id, title, summary, background, actions, results,
  lessons, contact_person, period_start, period_end, sdg_goals, sdg_targets, status, shared_with_all)
  on public.experiences to authenticated;
grant update (organization_id, title, summary, background, actions, results, lessons,
  contact_person, period_start, period_end, sdg_goals, sdg_targets, status, shared_with_all,
  hidden_at, hidden_reason) on public.experiences to authenticated;
create policy experiences_read on public.experiences for select to authenticated using (
  erfa.is_active_user() and (
    (status = 'published' and hidden_at is null
      and (erfa.can_read_group(group_id) or shared_with_all))
    or author_id = erfa.uid() or erfa.can_moderate(group_id)));
create policy experiences_create on public.experiences for insert to authenticated with check (
  author_id = erfa.uid() and erfa.is_active_user() and (erfa.is_member(group_id) or erfa.is_admin()));
create policy experiences_edit on public.experiences for update to authenticated
  using (author_id = erfa.uid() or erfa.can_moderate(group_id))
  with check (author_id = erfa.uid() or erfa.can_moderate(group_id));

grant select on public.experience_revisions to authenticated;
create policy experience_revisions_read on public.experience_revisions for select to authenticated
  using (exists (select 1 from public.experiences e where e.id = experience_id));

grant select, insert (experience_id, filename, media_type, size_bytes, sha256, uploaded_by), delete
  on public.attachments to authenticated;
create policy attachments_read on public.attachments for select to authenticated
  using (exists (select 1 from public.experiences e where e.id = experience_id));
create policy attachments_add on public.attachments for insert to authenticated with check (
  uploaded_by = erfa.uid() and exists (
    select 1 from public.experiences e where e.id = experience_id
      and (e.author_id = erfa.uid() or erfa.can_moderate(e.group_id))));
create policy attachments_remove on public.attachments for delete to authenticated using (
  exists (select 1 from public.experiences e where e.id = experience_id
    and (e.author_id = erfa.uid() or erfa.can_moderate(e.group_id))));

-- Discussions.
grant select on public.threads to authenticated;
grant insert (group_id, author_id, title, body) on public.threads to authenticated;
grant update (title, body, pinned, hidden_at, hidden_reason, deleted_at, edited_at) on public.threads to authenticated;
create policy threads_read on public.threads for select to authenticated using (
  erfa.can_read_group(group_id)
  and (hidden_at is null or author_id = erfa.uid() or erfa.can_moderate(group_id)));
create policy threads_create on public.threads for insert to authenticated with check (
  author_id = erfa.uid() and erfa.is_active_user() and (erfa.is_member(group_id) or erfa.is_admin()));
create policy threads_edit on public.threads for update to authenticated
  using (author_id = erfa.uid() or erfa.can_moderate(group_id))
  with check (author_id = erfa.uid() or erfa.can_moderate(group_id));

grant select on public.replies to authenticated;
grant insert (thread_id, author_id, body, quoted_reply_id) on public.replies to authenticated;
grant update (body, is_answer, hidden_at, hidden_reason, deleted_at, edited_at) on public.replies to authenticated;
create policy replies_read on public.replies for select to authenticated using (
  exists (select 1 from public.threads t where t.id = thread_id)
  and (hidden_at is null or author_id = erfa.uid() or exists (
    select 1 from public.threads t where t.id = thread_id and erfa.can_moderate(t.group_id))));
create policy replies_create on public.replies for insert to authenticated with check (
  author_id = erfa.uid() and erfa.is_active_user() and exists (
    select 1 from public.threads t where t.id = thread_id and t.deleted_at is null
      and (erfa.is_member(t.group_id) or erfa.is_admin())));
create policy replies_edit on public.replies for update to authenticated using (
  author_id = erfa.uid() or exists (
    select 1 from public.threads t where t.id = thread_id
      and (t.author_id = erfa.uid() or erfa.can_moderate(t.group_id))))
  with check (true);

-- Notifications are written by the server; people read and mark their own. Leaving a closed
-- group also hides what its notifications said.
grant select, update (read_at) on public.notifications to authenticated;
create policy notifications_read on public.notifications for select to authenticated
  using (user_id = erfa.uid() and (group_id is null or erfa.can_read_group(group_id)
    or kind in ('join_declined', 'invitation', 'join_request')));
create policy notifications_mark on public.notifications for update to authenticated
  using (user_id = erfa.uid()) with check (user_id = erfa.uid());

grant select, insert (reporter_id, group_id, target_type, target_id, reason), update (status, resolved_by, resolved_at)
  on public.moderation_reports to authenticated;
create policy moderation_reports_file on public.moderation_reports for insert to authenticated
  with check (reporter_id = erfa.uid() and erfa.can_read_group(group_id));
create policy moderation_reports_read on public.moderation_reports for select to authenticated
  using (reporter_id = erfa.uid() or erfa.can_moderate(group_id));
create policy moderation_reports_resolve on public.moderation_reports for update to authenticated
  using (erfa.can_moderate(group_id)) with check (erfa.can_moderate(group_id));
