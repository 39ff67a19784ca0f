-- A workshop's (or any event's) results in co-written documents linked from the event
-- (issue 18). The document is an ordinary one of a group, with its own reading rules; this
-- table only says which documents hold an event's results.
--
-- Reading: a link is visible only to those who may read both the event and the document (both
-- subqueries run under the caller's own policies), so nobody learns of a document they may not
-- read, signed out included. Writing: the event's organizers link a document they can read and
-- unlink any.
--
-- Surrogate key with a unique index, not a composite primary key, so that PostgREST does not
-- take events and documents for many-to-many through this table (see event_groups).

create table public.event_documents (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  document_id uuid not null references public.documents (id) on delete cascade,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index event_documents_pair_idx on public.event_documents (event_id, document_id);
create index event_documents_document_idx on public.event_documents (document_id);
alter table public.event_documents enable row level security;

grant select on public.event_documents to anon, authenticated;
grant insert (event_id, document_id, created_by), delete on public.event_documents to authenticated;

create policy event_documents_read on public.event_documents for select to anon, authenticated
  using (event_id in (select id from public.events)
    and document_id in (select id from public.documents));
create policy event_documents_link on public.event_documents for insert to authenticated
  with check (created_by = (select erfa.uid())
    and event_id in (select erfa.organized_events())
    and document_id in (select id from public.documents));
create policy event_documents_unlink on public.event_documents for delete to authenticated
  using (event_id in (select erfa.organized_events()));
