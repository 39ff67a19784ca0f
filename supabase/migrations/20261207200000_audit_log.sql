-- The audit trail: an append-only record of security- and governance-relevant actions (who,
-- what, when, from where). It lives in `erfa_private`, which no API role may use, so neither
-- the anonymous nor the signed-in REST role can read it; administrators read it through the
-- app after it has checked their role (src/lib/server/audit).
--
-- Append-only is enforced by the database, not by the app's good manners:
--   * no API role (anon, authenticated, service_role, the PostgREST login role) holds any
--     privilege on the table;
--   * a row trigger refuses every UPDATE and every DELETE, for every role including the owner
--     the app's privileged driver connects as, and a statement trigger refuses TRUNCATE;
--   * the single exception is pruning by erfa_private.prune_audit_log(): a security definer
--     function owned by the migration owner that only deletes rows older than the retention.
--     The trigger lets a DELETE through only inside that function (its flag is set, the
--     current role is the table's owner) and only for a row past the retention, so not even
--     the owner can remove a recent entry or change any entry.

create table erfa_private.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  -- No foreign key: deleting an account must not rewrite (update) the trail. The name is kept
  -- as it was at the time, so the entry stays readable after the account is gone.
  actor_id uuid,
  actor_name text check (char_length(actor_name) <= 200),
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  subject_type text check (char_length(subject_type) <= 40),
  subject_id text check (char_length(subject_id) <= 200),
  -- What the subject was called at the time (a person's name, a group's name), for reading.
  subject_label text check (char_length(subject_label) <= 300),
  ip text check (char_length(ip) <= 100),
  user_agent text check (char_length(user_agent) <= 400),
  details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object')
);

create index audit_log_at_idx on erfa_private.audit_log (at desc, id desc);
create index audit_log_action_idx on erfa_private.audit_log (action, at desc);
create index audit_log_actor_idx on erfa_private.audit_log (actor_id, at desc);
create index audit_log_subject_idx on erfa_private.audit_log (subject_id, at desc);

alter table erfa_private.audit_log enable row level security;
-- No policies: a role without the owner's rights sees and changes nothing even if someone
-- later grants it the table by mistake.
revoke all on erfa_private.audit_log from public, anon, authenticated, service_role;

-- How long entries are kept; the privacy page states the same (privacy_retention_audit).
create or replace function erfa_private.audit_retention() returns interval
language sql immutable set search_path = '' as $$ select interval '365 days' $$;

create or replace function erfa_private.audit_log_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE'
     and current_setting('erfa.audit_pruning', true) = 'on'
     and current_user = (select pg_get_userbyid(c.relowner) from pg_catalog.pg_class c
                         where c.oid = tg_relid)
     and old.at < now() - erfa_private.audit_retention() then
    return old;
  end if;
  raise exception 'the audit log is append-only (% refused)', tg_op
    using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_append_only
  before update or delete on erfa_private.audit_log
  for each row execute function erfa_private.audit_log_append_only();

create trigger audit_log_no_truncate
  before truncate on erfa_private.audit_log
  for each statement execute function erfa_private.audit_log_append_only();

-- The maintenance job's only way to remove entries. Security definer so that it runs as the
-- migration owner whoever calls it; execute is revoked from everyone else, so only the owner's
-- connection (the app's maintenance job) can call it.
create or replace function erfa_private.prune_audit_log() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  removed integer;
begin
  perform set_config('erfa.audit_pruning', 'on', true);
  delete from erfa_private.audit_log where at < now() - erfa_private.audit_retention();
  get diagnostics removed = row_count;
  perform set_config('erfa.audit_pruning', 'off', true);
  return removed;
end
$$;

revoke all on function erfa_private.prune_audit_log() from public, anon, authenticated, service_role;
revoke all on function erfa_private.audit_log_append_only() from public, anon, authenticated, service_role;
