-- Segments for the newsletter (issue 19; anchor: Decidim's newsletters with consent and
-- segments). When an issue is sent, the administrator chooses its audience: every subscriber,
-- or a segment: members of chosen organizations or counties, members interested in chosen
-- SDG goals, members of chosen groups (anyone who matches one of the choices), and the
-- public (non-member) subscribers only when chosen explicitly. Consent stays the subscription
-- itself: a segment only narrows who of the subscribers receive an issue.
--
-- The audience is resolved once, when sending begins, into erfa_private.newsletter_recipients;
-- batches send to that set, so a restart mid-send cannot change who is in it. Whether a
-- recipient is still subscribed is read afresh for every batch (an unsubscription counts from
-- the next batch), and newsletter_deliveries still guarantees one mail per subscriber.

-- What was chosen, kept beside the issue: {"all": true} or {"public": bool, "organizations":
-- [uuid], "counties": [text], "goals": [int], "groups": [uuid]}. Not a column of the issue,
-- which the anonymous key reads once sent: which groups were chosen is not for the archive.
create table erfa_private.newsletter_audiences (
  issue_id uuid primary key references public.newsletter_issues (id) on delete cascade,
  audience jsonb not null check (jsonb_typeof(audience) = 'object' and pg_column_size(audience) <= 20000),
  chosen_at timestamptz not null default now()
);
alter table erfa_private.newsletter_audiences enable row level security;
revoke all on erfa_private.newsletter_audiences from public, anon, authenticated, service_role;

create table erfa_private.newsletter_recipients (
  issue_id uuid not null references public.newsletter_issues (id) on delete cascade,
  subscriber_id uuid not null references public.newsletter_subscribers (id) on delete cascade,
  primary key (issue_id, subscriber_id)
);
alter table erfa_private.newsletter_recipients enable row level security;
-- No policies and no grants: only the privileged pool (sending.ts) reads and writes it.
revoke all on erfa_private.newsletter_recipients from public, anon, authenticated, service_role;

-- The subscribers an audience reaches now (confirmed, not unsubscribed, not deactivated). A
-- subscriber is a member when the row was made from their profile, or when its address is a
-- member's account address (someone who subscribed with the public form).
create or replace function erfa_private.newsletter_audience(p_audience jsonb)
returns table (subscriber_id uuid)
language sql stable set search_path = '' as $$
  with chosen as (
    select coalesce((p_audience->>'all')::boolean, false) as everyone,
      coalesce((p_audience->>'public')::boolean, false) as public_too,
      array(select jsonb_array_elements_text(coalesce(p_audience->'organizations', '[]'))::uuid) as orgs,
      array(select jsonb_array_elements_text(coalesce(p_audience->'counties', '[]'))) as counties,
      array(select jsonb_array_elements_text(coalesce(p_audience->'goals', '[]'))::smallint) as goals,
      array(select jsonb_array_elements_text(coalesce(p_audience->'groups', '[]'))::uuid) as groups
  ), subscribers as (
    select s.id, coalesce(s.user_id, a.user_id) as member_id
    from public.newsletter_subscribers s
    left join public.accounts a on s.user_id is null and a.email = s.email
    where s.confirmed_at is not null and s.unsubscribed_at is null
  )
  select s.id from subscribers s
  cross join chosen c
  left join public.profiles p on p.id = s.member_id
  left join public.organizations o on o.id = p.organization_id
  where (s.member_id is null or p.deactivated_at is null)
    and (c.everyone
      or (s.member_id is null and c.public_too)
      or (s.member_id is not null and (
        p.organization_id = any (c.orgs)
        or o.county = any (c.counties)
        or p.sdg_interests && c.goals
        or exists (select 1 from public.group_members m
          where m.user_id = s.member_id and m.group_id = any (c.groups)))))
$$;
revoke execute on function erfa_private.newsletter_audience(jsonb) from public, anon, authenticated;

-- An issue already being sent when this arrives goes on to everyone, as it would have.
insert into erfa_private.newsletter_recipients (issue_id, subscriber_id)
select i.id, a.subscriber_id from public.newsletter_issues i,
  erfa_private.newsletter_audience('{"all": true}') a
where i.status = 'sending'
on conflict do nothing;
