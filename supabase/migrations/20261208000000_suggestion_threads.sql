-- Suggested changes (issue 16): a comment thread can say why a change is suggested, and the
-- document's editors hear of new suggestions.

-- The suggestion a thread is about: its id as the editor marks it ("<user id>|<nonce>|<name>").
-- Only a thread's first comment carries it; accepting or rejecting the suggestion resolves the
-- thread (it stays, resolved, like any other). The existing policies of document_comments
-- apply: whoever may comment may start such a thread, whoever may resolve may resolve it.
alter table public.document_comments add column suggestion_id text
  check (suggestion_id is null or (parent_id is null and length(suggestion_id) between 1 and 300));
grant insert (suggestion_id) on public.document_comments to authenticated;
create index document_comments_suggestion_idx on public.document_comments (document_id, suggestion_id)
  where suggestion_id is not null;

-- When the editors were last told that this person suggests changes in this document: one
-- notification per person and document in ten minutes, however many keystrokes. Written only
-- by the server's privileged connection, never visible through the REST API.
create table erfa_private.suggestion_notices (
  document_id uuid not null references public.documents (id) on delete cascade,
  author_id uuid not null references public.profiles (id) on delete cascade,
  sent_at timestamptz not null default now(),
  primary key (document_id, author_id)
);
alter table erfa_private.suggestion_notices enable row level security;

-- New notification kind: someone suggested changes in a document.
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
  'experience_published', 'thread_created', 'reply', 'mention', 'join_request',
  'join_approved', 'join_declined', 'invitation', 'group_approved', 'content_hidden',
  'document_comment', 'document_status', 'research_link_proposed', 'research_link_decided',
  'document_suggestion'
));
