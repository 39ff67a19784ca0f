-- Re-authentication of an account without a password: a fresh sign-in at its identity
-- provider (prompt=login, max_age=0) in the same Erfa session. The flow row remembers whose
-- session asked, so the callback marks only that session as freshly authenticated, and only
-- when the provider's subject is linked to that very person. The row goes with the session.
alter table erfa_private.sso_flows drop constraint sso_flows_kind_check;
alter table erfa_private.sso_flows add constraint sso_flows_kind_check
  check (kind in ('login', 'link', 'reauth'));
alter table erfa_private.sso_flows
  add column session_id text references erfa_private.sessions (id) on delete cascade,
  add column created_at timestamptz not null default now(),
  add constraint sso_flows_reauth_session check ((kind = 'reauth') = (session_id is not null));
