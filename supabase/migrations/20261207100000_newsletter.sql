-- The association's newsletter (twice a year): issues composed by administrators, subscribers
-- who opted in (members from their profile, anyone by double opt-in), and one delivery row per
-- (issue, subscriber) so that a send resumed after a restart never mails anyone twice.
--
-- Who sees what: everyone (anon too) reads issues once they are sent: that is the public
-- archive. Drafts, subscribers and deliveries are for administrators; a member sees only their
-- own subscription. Subscribing by e-mail, confirming and unsubscribing by token happen without
-- a session and go through the privileged pool in src/lib/server/newsletter.

create table public.newsletter_issues (
  id uuid primary key default gen_random_uuid(),
  subject_sv text not null check (length(btrim(subject_sv)) between 1 and 200),
  subject_en text not null default '' check (length(subject_en) <= 200),
  -- The introductions are HTML from the rich-text editor, sanitized before they are stored.
  intro_sv text not null default '' check (length(intro_sv) <= 20000),
  intro_en text not null default '' check (length(intro_en) <= 20000),
  -- [{kind, title, summary, url}] in the order the editor chose.
  items jsonb not null default '[]'::jsonb
    check (jsonb_typeof(items) = 'array' and jsonb_array_length(items) <= 60),
  status text not null default 'draft' check (status in ('draft', 'sending', 'sent')),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  send_started_at timestamptz,
  sent_at timestamptz,
  check ((status = 'sent') = (sent_at is not null))
);
create index newsletter_issues_sent_idx on public.newsletter_issues (sent_at desc) where status = 'sent';

create table public.newsletter_subscribers (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'
    and length(email) <= 254),
  -- A member who subscribed from their profile; their account's address is used at send time.
  user_id uuid unique references public.profiles (id) on delete cascade,
  locale text not null default 'sv' check (locale in ('sv', 'en')),
  -- Double opt-in: only a confirmed, not unsubscribed row receives issues.
  confirmed_at timestamptz,
  unsubscribed_at timestamptz,
  confirm_token_hash text check (confirm_token_hash ~ '^[0-9a-f]{64}$'),
  confirm_expires_at timestamptz,
  created_at timestamptz not null default now()
);
create index newsletter_subscribers_active_idx on public.newsletter_subscribers (id)
  where confirmed_at is not null and unsubscribed_at is null;
create unique index newsletter_subscribers_token_idx on public.newsletter_subscribers (confirm_token_hash);

create table public.newsletter_deliveries (
  issue_id uuid not null references public.newsletter_issues (id) on delete cascade,
  subscriber_id uuid not null references public.newsletter_subscribers (id) on delete cascade,
  outbox_id bigint references public.outbox (id) on delete set null,
  queued_at timestamptz not null default now(),
  -- The natural key: one mail per subscriber and issue, whatever happens to the sender.
  primary key (issue_id, subscriber_id)
);

alter table public.newsletter_issues enable row level security;
alter table public.newsletter_subscribers enable row level security;
alter table public.newsletter_deliveries enable row level security;

grant select on public.newsletter_issues to anon, authenticated;
grant insert (subject_sv, subject_en, intro_sv, intro_en, items, created_by, updated_at)
  on public.newsletter_issues to authenticated;
grant update (subject_sv, subject_en, intro_sv, intro_en, items, updated_at)
  on public.newsletter_issues to authenticated;
grant delete on public.newsletter_issues to authenticated;

create policy newsletter_issues_read_sent on public.newsletter_issues for select to anon, authenticated
  using (status = 'sent');
create policy newsletter_issues_read_admin on public.newsletter_issues for select to authenticated
  using ((select erfa.is_admin()));
create policy newsletter_issues_create on public.newsletter_issues for insert to authenticated
  with check ((select erfa.is_admin()) and created_by = (select erfa.uid()));
-- Only drafts change: a sent issue is what the subscribers received.
create policy newsletter_issues_edit on public.newsletter_issues for update to authenticated
  using ((select erfa.is_admin()) and status = 'draft')
  with check ((select erfa.is_admin()) and status = 'draft');
create policy newsletter_issues_remove on public.newsletter_issues for delete to authenticated
  using ((select erfa.is_admin()) and status = 'draft');

grant select on public.newsletter_subscribers to authenticated;
create policy newsletter_subscribers_read on public.newsletter_subscribers for select to authenticated
  using (user_id = (select erfa.uid()) or (select erfa.is_admin()));

grant select on public.newsletter_deliveries to authenticated;
create policy newsletter_deliveries_read on public.newsletter_deliveries for select to authenticated
  using ((select erfa.is_admin()));
