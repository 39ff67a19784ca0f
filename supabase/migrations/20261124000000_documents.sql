-- Co-written documents: a group's models, tools and processes, edited together in real time
-- (Yjs), with inline comments, versions, the shared library ("Verktygslådan") and the record of
-- which organizations use a published tool.
--
-- Reading rules (the same in RLS and in erfa_private.document_access, used by the websocket):
-- * a document is readable by whoever may read its group's content;
-- * a published document is readable by every active signed-in member;
-- * a published document the group made public is readable by everyone, signed out too.
-- Writing: members of the group (and administrators) edit the text and its details; only the
-- group's coordinators (and administrators) publish, unpublish and make a document public.
--
-- The Yjs state itself lives in erfa_private (never exposed through the REST API): a compacted
-- snapshot per document and the updates appended since.

create table public.documents (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references public.groups (id) on delete cascade,
  kind text not null check (kind in ('model', 'tool', 'process', 'minutes', 'other')),
  title text not null check (length(btrim(title)) between 3 and 200),
  summary text not null default '' check (length(summary) <= 1000),
  sdg_goals smallint[] not null default '{}'
    check (sdg_goals <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]),
  status text not null default 'draft' check (status in ('draft', 'review', 'published')),
  is_public boolean not null default false,
  created_by uuid references public.profiles (id) on delete set null,
  organization_id uuid references public.organizations (id) on delete set null,
  -- Plain text of the current content, extracted by the collaboration server for search.
  content_text text not null default '',
  size_bytes integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  content_updated_at timestamptz not null default now(),
  published_at timestamptz
);
create index documents_group_idx on public.documents (group_id, content_updated_at desc);
create index documents_published_idx on public.documents (published_at desc) where status = 'published';
create index documents_sdg_idx on public.documents using gin (sdg_goals);
create index documents_organization_idx on public.documents (organization_id);

-- Who has written in a document, and when last: "documents I am writing".
create table public.document_contributors (
  document_id uuid not null references public.documents (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  last_edited_at timestamptz not null default now(),
  primary key (document_id, user_id)
);
create index document_contributors_user_idx on public.document_contributors (user_id, last_edited_at desc);

create table erfa_private.document_states (
  document_id uuid primary key references public.documents (id) on delete cascade,
  state bytea not null,
  -- Updates with seq <= compacted_seq are contained in state.
  compacted_seq bigint not null default 0,
  updated_at timestamptz not null default now()
);

create table erfa_private.document_updates (
  seq bigint generated always as identity primary key,
  document_id uuid not null references public.documents (id) on delete cascade,
  update bytea not null,
  created_at timestamptz not null default now()
);
create index document_updates_document_idx on erfa_private.document_updates (document_id, seq);

-- Versions: automatic (at most hourly while edited), on every status change, named by a person,
-- and the state just before a restore. The state is a full Yjs update.
create table public.document_versions (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.documents (id) on delete cascade,
  kind text not null check (kind in ('auto', 'status', 'named', 'restore')),
  name text check (length(btrim(name)) between 1 and 120),
  status text not null check (status in ('draft', 'review', 'published')),
  state bytea not null,
  size_bytes integer not null,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
create index document_versions_document_idx on public.document_versions (document_id, created_at desc);

-- Inline comments. A thread's first comment carries the anchor: two Yjs relative positions
-- (JSON), which keep pointing at the same characters while the text around them changes.
create table public.document_comments (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.documents (id) on delete cascade,
  parent_id uuid references public.document_comments (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  body text not null check (length(btrim(body)) between 1 and 5000),
  anchor jsonb,
  quote text not null default '' check (length(quote) <= 500),
  resolved_at timestamptz,
  resolved_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  check ((parent_id is null) = (anchor is not null)),
  check (parent_id is null or resolved_at is null)
);
create index document_comments_document_idx on public.document_comments (document_id, created_at);
create index document_comments_parent_idx on public.document_comments (parent_id);

-- Images uploaded into documents. Bytes live under DATA_DIR/uploads like attachments.
create table public.document_files (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.documents (id) on delete cascade,
  filename text not null check (length(filename) between 1 and 200),
  media_type text not null check (media_type in ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
create index document_files_document_idx on public.document_files (document_id);

-- "Vi använder detta": an organization records that it uses a published tool.
create table public.document_uses (
  document_id uuid not null references public.documents (id) on delete cascade,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  since date not null,
  note text not null default '' check (length(note) <= 1000),
  recorded_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (document_id, organization_id)
);
create index document_uses_organization_idx on public.document_uses (organization_id);

-- New notification kinds for documents.
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
  'experience_published', 'thread_created', 'reply', 'mention', 'join_request',
  'join_approved', 'join_declined', 'invitation', 'group_approved', 'content_hidden',
  'document_comment', 'document_status'
));

-- ---------------------------------------------------------------------------------------------
-- Access
-- ---------------------------------------------------------------------------------------------

-- Documents the caller may read, computed once per statement (see 20261123000400).
create or replace function erfa.readable_documents() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select d.id from public.documents d
  where (d.status = 'published' and d.is_public)
    or (erfa.is_active_user() and (
      d.status = 'published' or d.group_id in (select erfa.readable_groups())))
$$;

-- Groups whose documents the caller may edit: members of active or proposed groups, admins.
create or replace function erfa.editable_groups() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select g.id from public.groups g
  where erfa.is_active_user() and g.status <> 'archived' and g.status <> 'declined' and (
    erfa.is_admin()
    or exists (select 1 from public.group_members m where m.group_id = g.id and m.user_id = erfa.uid())
  )
$$;

-- What a given person may do with a document: 'write', 'read' or null (nothing). Used by the
-- collaboration server, which authenticates with the session cookie and so has no JWT.
create or replace function erfa_private.document_access(p_document uuid, p_user uuid) returns text
language sql stable security definer set search_path = '' as $$
  with me as (
    select p.id, p.role = 'admin' as admin from public.profiles p
    where p.id = p_user and p.deactivated_at is null
  ), d as (
    select d.*, g.status as group_status, g.visibility from public.documents d
    join public.groups g on g.id = d.group_id where d.id = p_document
  )
  select case
    when (select admin from me) and d.group_status not in ('archived', 'declined') then 'write'
    when exists (select 1 from me) and exists (
      select 1 from public.group_members m where m.group_id = d.group_id and m.user_id = p_user
    ) then case when d.group_status in ('archived', 'declined') then 'read' else 'write' end
    when (select admin from me) then 'read'
    when exists (select 1 from me) and (
      d.status = 'published' or (d.group_status = 'active' and d.visibility = 'open')
    ) then 'read'
    when d.status = 'published' and d.is_public then 'read'
  end
  from d
$$;

-- Publishing and making public are the coordinators' decision; status changes stamp dates.
create or replace function erfa_private.guard_document_update() returns trigger
language plpgsql set search_path = '' as $$
begin
  if erfa.uid() is not null and not erfa.can_moderate(new.group_id) and (
    (new.status is distinct from old.status and 'published' in (new.status, old.status))
    or new.is_public is distinct from old.is_public
  ) then
    raise exception 'only the group''s coordinators publish documents' using errcode = '42501';
  end if;
  if new.group_id is distinct from old.group_id then
    raise exception 'a document stays in its group' using errcode = '42501';
  end if;
  if new.status = 'published' and old.status <> 'published' then
    new.published_at := now();
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger documents_guard before update on public.documents
  for each row execute function erfa_private.guard_document_update();

-- Tells the collaboration servers that rights may have changed, so they re-check the people
-- connected to the affected documents (a removed member is disconnected at once).
create or replace function erfa_private.notify_access_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  payload jsonb;
begin
  if tg_table_name = 'group_members' then
    payload := jsonb_build_object('group', coalesce(old.group_id, new.group_id));
  elsif tg_table_name = 'groups' then
    payload := jsonb_build_object('group', new.id);
  elsif tg_table_name = 'documents' then
    payload := jsonb_build_object('document', coalesce(old.id, new.id));
  elsif tg_table_name = 'profiles' then
    payload := jsonb_build_object('user', new.id);
  end if;
  perform pg_notify('erfa_collab_access', payload::text);
  return null;
end
$$;
create trigger group_members_access after update or delete on public.group_members
  for each row execute function erfa_private.notify_access_change();
create trigger groups_access after update of status, visibility on public.groups
  for each row execute function erfa_private.notify_access_change();
create trigger documents_access after update of status, is_public or delete on public.documents
  for each row execute function erfa_private.notify_access_change();
create trigger profiles_access after update of deactivated_at, role on public.profiles
  for each row execute function erfa_private.notify_access_change();

alter table public.documents enable row level security;
alter table public.document_contributors enable row level security;
alter table public.document_versions enable row level security;
alter table public.document_comments enable row level security;
alter table public.document_files enable row level security;
alter table public.document_uses enable row level security;

grant execute on function erfa.readable_documents() to anon, authenticated;
grant execute on function erfa.editable_groups() to authenticated;
revoke execute on function erfa_private.document_access(uuid, uuid) from public, anon, authenticated;

grant select on public.documents to anon, authenticated;
grant insert (group_id, kind, title, summary, sdg_goals, created_by, organization_id)
  on public.documents to authenticated;
grant update (kind, title, summary, sdg_goals, status, is_public) on public.documents to authenticated;
grant delete on public.documents to authenticated;
create policy documents_read on public.documents for select to anon, authenticated
  using (id in (select erfa.readable_documents()));
create policy documents_create on public.documents for insert to authenticated with check (
  created_by = erfa.uid() and group_id in (select erfa.editable_groups()));
create policy documents_edit on public.documents for update to authenticated
  using (group_id in (select erfa.editable_groups()))
  with check (group_id in (select erfa.editable_groups()));
create policy documents_remove on public.documents for delete to authenticated
  using (group_id in (select erfa.moderated_groups()));

grant select on public.document_contributors to authenticated;
create policy document_contributors_read on public.document_contributors for select to authenticated
  using (document_id in (select erfa.readable_documents()));

-- Versions are written by the server (it reads the Yjs state); people read them.
grant select on public.document_versions to authenticated;
create policy document_versions_read on public.document_versions for select to authenticated
  using (document_id in (select erfa.readable_documents()));

grant select, insert (document_id, parent_id, author_id, body, anchor, quote),
  update (body, edited_at, resolved_at, resolved_by), delete on public.document_comments to authenticated;
create policy document_comments_read on public.document_comments for select to authenticated
  using (document_id in (select erfa.readable_documents()));
create policy document_comments_create on public.document_comments for insert to authenticated
  with check (author_id = erfa.uid() and erfa.is_active_user()
    and document_id in (select erfa.readable_documents()));
-- Authors edit their words; anyone who may edit the document resolves and reopens threads.
create policy document_comments_edit on public.document_comments for update to authenticated
  using (author_id = erfa.uid() or document_id in (
    select d.id from public.documents d where d.group_id in (select erfa.editable_groups())))
  with check (true);
create policy document_comments_remove on public.document_comments for delete to authenticated
  using (author_id = erfa.uid() or document_id in (
    select d.id from public.documents d where d.group_id in (select erfa.moderated_groups())));

grant select on public.document_files to anon, authenticated;
grant insert (document_id, filename, media_type, size_bytes, sha256, uploaded_by) on public.document_files to authenticated;
create policy document_files_read on public.document_files for select to anon, authenticated
  using (document_id in (select erfa.readable_documents()));
create policy document_files_add on public.document_files for insert to authenticated
  with check (uploaded_by = erfa.uid() and document_id in (
    select d.id from public.documents d where d.group_id in (select erfa.editable_groups())));

-- Uses of published documents are public knowledge where the document is; people record uses
-- for their own organization only.
grant select on public.document_uses to anon, authenticated;
grant insert (document_id, organization_id, since, note, recorded_by),
  update (since, note, updated_at), delete on public.document_uses to authenticated;
create policy document_uses_read on public.document_uses for select to anon, authenticated
  using (document_id in (select erfa.readable_documents()));
create policy document_uses_record on public.document_uses for insert to authenticated with check (
  recorded_by = erfa.uid() and erfa.is_active_user()
  and organization_id = (select p.organization_id from public.profiles p where p.id = erfa.uid())
  and document_id in (select d.id from public.documents d where d.status = 'published'));
create policy document_uses_edit on public.document_uses for update to authenticated
  using (organization_id = (select p.organization_id from public.profiles p where p.id = erfa.uid())
    or (select erfa.is_admin()))
  with check (true);
create policy document_uses_remove on public.document_uses for delete to authenticated
  using (organization_id = (select p.organization_id from public.profiles p where p.id = erfa.uid())
    or (select erfa.is_admin()));
