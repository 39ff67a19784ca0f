-- A pending link to an account without a password (one made through an identity provider, say
-- one its organization has since replaced) is proved with a one-time link mailed to the
-- account's address: the flow keeps the newest link's hash and when it was sent. The table
-- stays without policies or grants: only the app's privileged driver reads it.
alter table erfa_private.sso_flows
  add column proof_hash text,
  add column proof_sent_at timestamptz,
  add constraint sso_flows_proof_link check (proof_hash is null or kind = 'link');
