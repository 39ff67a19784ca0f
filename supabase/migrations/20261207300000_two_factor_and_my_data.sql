-- Two-factor authentication (TOTP with recovery codes), re-authentication for sensitive actions,
-- and "my data" (exports in the background). Everything here is secret or private to one person
-- and read only by the app's privileged driver, so it lives in `erfa_private`: RLS is on with no
-- policies at all, and nothing is granted to the REST roles (anon, authenticated).

-- When the person last proved who they are in this session (password, second factor, or
-- re-authentication): sensitive actions ask again when it is older than 15 minutes.
alter table erfa_private.sessions add column authenticated_at timestamptz not null default now();

-- The TOTP secret, AES-256-GCM encrypted by the app (platform/encryption.ts); the key is never
-- in the database. `enabled_at` is null while the person is still enrolling. `last_step` is the
-- last 30-second step accepted, so a code cannot be used twice.
create table erfa_private.totp (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  secret_encrypted text not null check (secret_encrypted ~ '^v1\.'),
  enabled_at timestamptz,
  last_step bigint not null default 0,
  created_at timestamptz not null default now()
);

-- Single-use recovery codes, SHA-256 only (they carry 50 random bits, so no slow hash needed).
create table erfa_private.recovery_codes (
  user_id uuid not null references public.profiles (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- Accounts the administrators' two-factor policy does not apply to (the demo accounts, whose
-- documented password logins must keep working). The policy itself is on for everyone else.
create table erfa_private.two_factor_exemptions (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  reason text not null check (length(reason) between 1 and 200),
  created_at timestamptz not null default now()
);

-- Password accepted, second factor still to come: the browser holds a random token, the
-- database its SHA-256, for a few minutes.
create table erfa_private.login_challenges (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references public.profiles (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index login_challenges_expires_idx on erfa_private.login_challenges (expires_at);

-- "Ladda ner mina uppgifter": one row per request, the ZIP on disk under DATA_DIR/exports.
create table erfa_private.data_exports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'running', 'ready', 'failed')),
  attempts integer not null default 0,
  size_bytes bigint,
  requested_at timestamptz not null default now(),
  started_at timestamptz,
  ready_at timestamptz,
  expires_at timestamptz
);
create index data_exports_user_idx on erfa_private.data_exports (user_id, requested_at desc);
create index data_exports_pending_idx on erfa_private.data_exports (requested_at)
  where status in ('pending', 'running');

alter table erfa_private.totp enable row level security;
alter table erfa_private.recovery_codes enable row level security;
alter table erfa_private.two_factor_exemptions enable row level security;
alter table erfa_private.login_challenges enable row level security;
alter table erfa_private.data_exports enable row level security;
revoke all on erfa_private.totp, erfa_private.recovery_codes, erfa_private.two_factor_exemptions,
  erfa_private.login_challenges, erfa_private.data_exports from public;
