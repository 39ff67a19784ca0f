-- Erfa foundation: API roles, helper schema, organizations, people, accounts, sessions,
-- throttling, e-mail outbox, accessibility reports and the Agenda 2030 reference tables.
--
-- Runs unchanged on the bundled PostgreSQL and on hosted Supabase: roles are created only when
-- missing, helpers live in our own schemas (`erfa`, `erfa_private`), and nothing touches the
-- `auth` or `storage` schemas that Supabase owns.

-- ---------------------------------------------------------------------------------------------
-- Roles that PostgREST switches to from the JWT's `role` claim.
-- ---------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- `erfa` holds helper functions the API roles may call; `erfa_private` holds secrets
-- (password hashes, sessions, tokens, throttling) and is never granted to an API role.
create schema if not exists erfa;
create schema if not exists erfa_private;
revoke all on schema erfa_private from public;
grant usage on schema erfa to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

-- The signed-in person's id, from the JWT PostgREST verified. Null for anonymous callers.
create or replace function erfa.uid() returns uuid
language sql stable
set search_path = ''
as $$
  select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
$$;

-- ---------------------------------------------------------------------------------------------
-- Organizations: member municipalities and regions, universities, others added by admins.
-- ---------------------------------------------------------------------------------------------
create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  name text not null check (length(btrim(name)) between 2 and 160),
  kind text not null check (kind in ('kommun', 'region', 'university', 'association', 'other')),
  county text check (length(county) <= 80),
  county_code text check (county_code ~ '^[0-9]{2}$'),
  municipality_code text check (municipality_code ~ '^[0-9]{4}$'),
  is_member boolean not null default false,
  bergslagsakademin boolean not null default false,
  website text check (website ~ '^https?://' and length(website) <= 300),
  created_at timestamptz not null default now()
);
create index organizations_kind_name_idx on public.organizations (kind, name);

-- ---------------------------------------------------------------------------------------------
-- People. `profiles` is what other signed-in members may see; `accounts` is private to the
-- person (and administrators); credentials and sessions live in `erfa_private`.
-- ---------------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 120),
  title text check (length(title) <= 120),
  organization_id uuid references public.organizations (id) on delete set null,
  bio text check (length(bio) <= 2000),
  expertise text[] not null default '{}' check (cardinality(expertise) <= 20),
  sdg_interests smallint[] not null default '{}'
    check (sdg_interests <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]),
  role text not null default 'member' check (role in ('member', 'researcher', 'admin')),
  deactivated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index profiles_organization_idx on public.profiles (organization_id);

create table public.accounts (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  email text not null unique check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'),
  email_verified_at timestamptz,
  locale text not null default 'sv' check (locale in ('sv', 'en')),
  notify_email text not null default 'daily'
    check (notify_email in ('instant', 'daily', 'weekly', 'off')),
  notify_in_app boolean not null default true,
  created_at timestamptz not null default now()
);

-- Administrator check used by policies. Security definer so that it can read `profiles`
-- without recursing into the policies that call it.
create or replace function erfa.is_admin() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.profiles
    where id = erfa.uid() and role = 'admin' and deactivated_at is null
  )
$$;

create table erfa_private.credentials (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  password_hash text not null,
  changed_at timestamptz not null default now()
);

-- Only the SHA-256 of a session token is stored (lucia-auth.com's session guide).
create table erfa_private.sessions (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  last_used_at timestamptz not null default now(),
  user_agent text check (length(user_agent) <= 400)
);
create index sessions_user_idx on erfa_private.sessions (user_id);
create index sessions_expires_idx on erfa_private.sessions (expires_at);

-- Single-use e-mail tokens (verify address, reset password, change address); hash only.
create table erfa_private.email_tokens (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references public.profiles (id) on delete cascade,
  purpose text not null check (purpose in ('verify', 'reset', 'email_change')),
  new_email text,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index email_tokens_user_idx on erfa_private.email_tokens (user_id, purpose);

-- Fixed-window counters for throttling (login, reset, reports). In the database so that a
-- restart forgets nothing and several app processes share the same counts.
create table erfa_private.throttle (
  key text primary key,
  hits integer not null,
  window_started_at timestamptz not null
);

-- A deactivated account loses every session at once, whoever deactivates it and however.
create or replace function erfa_private.end_sessions_of_deactivated() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.deactivated_at is not null and old.deactivated_at is null then
    delete from erfa_private.sessions where user_id = new.id;
  end if;
  return new;
end
$$;
create trigger profiles_end_sessions after update of deactivated_at on public.profiles
  for each row execute function erfa_private.end_sessions_of_deactivated();

-- Role and deactivation are administrators' business, and no administrator may lock
-- themselves out. The check runs only for API callers (a JWT is present); the server's own
-- privileged connection (migrations, the admin CLI) is trusted.
create or replace function erfa_private.guard_profile_update() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if erfa.uid() is null then
    new.updated_at := now();
    return new;
  end if;
  if (new.role is distinct from old.role or new.deactivated_at is distinct from old.deactivated_at) then
    if not erfa.is_admin() then
      raise exception 'only administrators change roles or deactivate accounts'
        using errcode = '42501';
    end if;
    if new.id = erfa.uid() then
      raise exception 'administrators cannot change their own role or deactivate themselves'
        using errcode = '42501';
    end if;
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger profiles_guard before update on public.profiles
  for each row execute function erfa_private.guard_profile_update();

-- ---------------------------------------------------------------------------------------------
-- E-mail outbox: every message the app sends, delivered through SMTP when configured and
-- readable by administrators in the app.
-- ---------------------------------------------------------------------------------------------
create table public.outbox (
  id bigint generated always as identity primary key,
  to_address text not null,
  subject text not null,
  body_text text not null,
  body_html text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_unsent_idx on public.outbox (created_at) where sent_at is null;

-- ---------------------------------------------------------------------------------------------
-- Accessibility problem reports (DOS-lagen requires a way to report them).
-- ---------------------------------------------------------------------------------------------
create table public.accessibility_reports (
  id bigint generated always as identity primary key,
  reporter_id uuid references public.profiles (id) on delete set null,
  contact_email text check (contact_email ~ '^[^@\s]+@[^@\s]+$'),
  page_url text check (length(page_url) <= 500),
  description text not null check (length(btrim(description)) between 10 and 4000),
  status text not null default 'new' check (status in ('new', 'in_progress', 'resolved')),
  created_at timestamptz not null default now()
);
create index accessibility_reports_status_idx on public.accessibility_reports (status, created_at);

-- ---------------------------------------------------------------------------------------------
-- Agenda 2030 reference data (seeded by the app from supabase/reference).
-- ---------------------------------------------------------------------------------------------
create table public.sdg_goals (
  number smallint primary key check (number between 1 and 17),
  code text not null unique,
  name_sv text not null,
  name_en text not null,
  title_sv text,
  title_sv_unverified text,
  title_en text not null,
  color_hex text not null check (color_hex ~ '^#[0-9A-Fa-f]{6}$'),
  sources_sv text[] not null default '{}'
);

create table public.sdg_targets (
  id text primary key check (id ~ '^[0-9]{1,2}\.[0-9a-z]{1,2}$'),
  goal smallint not null references public.sdg_goals (number),
  position smallint not null,
  text_en text not null,
  text_sv text,
  unique (goal, position)
);

-- ---------------------------------------------------------------------------------------------
-- Row-level security and grants. Anonymous callers see public reference data only.
-- ---------------------------------------------------------------------------------------------
alter table public.organizations enable row level security;
alter table public.profiles enable row level security;
alter table public.accounts enable row level security;
alter table public.outbox enable row level security;
alter table public.accessibility_reports enable row level security;
alter table public.sdg_goals enable row level security;
alter table public.sdg_targets enable row level security;

grant execute on function erfa.uid(), erfa.is_admin() to anon, authenticated, service_role;

grant select on public.organizations, public.sdg_goals, public.sdg_targets to anon, authenticated;
create policy organizations_read on public.organizations for select to anon, authenticated using (true);
create policy sdg_goals_read on public.sdg_goals for select to anon, authenticated using (true);
create policy sdg_targets_read on public.sdg_targets for select to anon, authenticated using (true);

grant insert, update, delete on public.organizations to authenticated;
create policy organizations_admin_insert on public.organizations for insert to authenticated
  with check (erfa.is_admin());
create policy organizations_admin_update on public.organizations for update to authenticated
  using (erfa.is_admin()) with check (erfa.is_admin());
create policy organizations_admin_delete on public.organizations for delete to authenticated
  using (erfa.is_admin());

-- Members see each other's active profiles; only the person and administrators see a
-- deactivated one. Nobody anonymous sees people.
grant select on public.profiles to authenticated;
grant update (name, title, organization_id, bio, expertise, sdg_interests, role, deactivated_at)
  on public.profiles to authenticated;
create policy profiles_read on public.profiles for select to authenticated
  using (deactivated_at is null or id = erfa.uid() or erfa.is_admin());
create policy profiles_update on public.profiles for update to authenticated
  using (id = erfa.uid() or erfa.is_admin())
  with check (id = erfa.uid() or erfa.is_admin());

-- The address is private to its owner and administrators; it changes only through the
-- verified e-mail-change flow, so only preferences are updatable through the API.
grant select on public.accounts to authenticated;
grant update (locale, notify_email, notify_in_app) on public.accounts to authenticated;
create policy accounts_read on public.accounts for select to authenticated
  using (user_id = erfa.uid() or erfa.is_admin());
create policy accounts_update on public.accounts for update to authenticated
  using (user_id = erfa.uid()) with check (user_id = erfa.uid());

grant select on public.outbox to authenticated;
create policy outbox_admin_read on public.outbox for select to authenticated
  using (erfa.is_admin());

grant insert (reporter_id, contact_email, page_url, description)
  on public.accessibility_reports to anon, authenticated;
grant select, update (status) on public.accessibility_reports to authenticated;
create policy accessibility_reports_file on public.accessibility_reports for insert
  to anon, authenticated
  with check (reporter_id is null or reporter_id = erfa.uid());
create policy accessibility_reports_admin_read on public.accessibility_reports for select
  to authenticated using (erfa.is_admin());
create policy accessibility_reports_admin_update on public.accessibility_reports for update
  to authenticated using (erfa.is_admin()) with check (erfa.is_admin());
