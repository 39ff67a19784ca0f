-- A personal calendar feed (iCalendar URL) of the events one is registered for and one's
-- groups' events. The URL carries a secret token; only its SHA-256 is kept, in the private
-- schema, read by the feed route with the privileged pool. One feed per person: making a new
-- link replaces the old one, which then stops working.
create table erfa_private.calendar_feeds (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
