-- Single sign-on through organizations' own OpenID Connect providers (src/lib/server/sso).
-- Everything here is in `erfa_private`, which no API role may use: the anonymous and signed-in
-- REST roles can neither read provider settings (client secrets are encrypted as well) nor the
-- links between accounts and provider subjects. The app reaches them with the privileged
-- driver after checking who asks (administrators for settings).

create table erfa_private.identity_providers (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  issuer text not null unique check (issuer ~ '^https?://' and char_length(issuer) <= 500),
  client_id text not null check (char_length(client_id) between 1 and 300),
  -- AES-256-GCM with the key from ERFA_ENCRYPTION_KEY (platform/encryption.ts); never plain.
  client_secret_encrypted text not null check (client_secret_encrypted like 'v1.%'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index identity_providers_org_idx on erfa_private.identity_providers (organization_id);

-- A domain is served by one provider at most, so an address never has two ways in.
create table erfa_private.identity_provider_domains (
  domain text primary key check (domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
  provider_id uuid not null references erfa_private.identity_providers (id) on delete cascade
);

create index identity_provider_domains_provider_idx
  on erfa_private.identity_provider_domains (provider_id);

-- Which account a provider's subject signs in to.
create table erfa_private.external_identities (
  provider_id uuid not null references erfa_private.identity_providers (id) on delete cascade,
  subject text not null check (char_length(subject) <= 255),
  user_id uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (provider_id, subject)
);

create index external_identities_user_idx on erfa_private.external_identities (user_id);

-- One sign-in under way (state, nonce and PKCE verifier), or a pending link to an existing
-- account waiting for its password. Keyed by the SHA-256 of a random cookie value; used once.
create table erfa_private.sso_flows (
  id text primary key,
  kind text not null check (kind in ('login', 'link')),
  provider_id uuid not null references erfa_private.identity_providers (id) on delete cascade,
  state text,
  nonce text,
  code_verifier text,
  return_to text not null default '/',
  user_id uuid references public.profiles (id) on delete cascade,
  subject text,
  id_token text,
  expires_at timestamptz not null
);

create index sso_flows_expires_idx on erfa_private.sso_flows (expires_at);

-- Which provider an Erfa session came from, to offer the provider's own sign-out.
create table erfa_private.sso_sessions (
  session_id text primary key references erfa_private.sessions (id) on delete cascade,
  provider_id uuid not null references erfa_private.identity_providers (id) on delete cascade,
  id_token text not null
);

alter table erfa_private.identity_providers enable row level security;
alter table erfa_private.identity_provider_domains enable row level security;
alter table erfa_private.external_identities enable row level security;
alter table erfa_private.sso_flows enable row level security;
alter table erfa_private.sso_sessions enable row level security;
-- No policies and no grants: only the owner (the app's privileged driver) reads these.
revoke all on erfa_private.identity_providers, erfa_private.identity_provider_domains,
  erfa_private.external_identities, erfa_private.sso_flows, erfa_private.sso_sessions
  from public, anon, authenticated, service_role;
