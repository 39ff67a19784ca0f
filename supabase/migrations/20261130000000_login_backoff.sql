-- Growing waits after wrong passwords, per (what is guessed at, client network) instead of a
-- lock on the account: five wrong passwords from one address no longer lock the owner out
-- everywhere, and one network behind a proxy no longer locks out every account it serves.
-- `subject` is what a guess targets ('login:<e-mail>' or 'reauth:<user id>'); `ip` is the
-- client's address (an IPv6 /64). The rules live in src/lib/server/auth/backoff.ts.
create table erfa_private.backoff (
  subject text not null check (length(subject) <= 300),
  ip text not null check (length(ip) <= 64),
  failures integer not null check (failures > 0),
  last_failure_at timestamptz not null,
  blocked_until timestamptz not null,
  primary key (subject, ip)
);
-- The purge removes pairs quiet for a day.
create index backoff_last_failure_idx on erfa_private.backoff (last_failure_at);

-- Only the privileged app connection uses it; RLS without policies refuses every other role even
-- if the schema were ever granted by mistake.
alter table erfa_private.backoff enable row level security;
revoke all on erfa_private.backoff from public;
