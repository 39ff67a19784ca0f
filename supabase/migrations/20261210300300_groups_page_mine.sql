-- Issue 17: the groups list's own parts for the signed-in person in one round trip instead of
-- four: the groups they proposed that are still proposed or were declined (decisions.ts
-- myProposals), how many open invitations reach their verified address (invitations.ts
-- myInvitations: only the number is shown there), and their unread notification count for the
-- header's badge. Each is the query the page made through PostgREST, in the same shape.
-- Security invoker: everything is read under the caller's RLS, as the separate calls were (an
-- invitation to a group they may not read is not counted, as before). The proposals are built
-- by erfa.group_json (20261210300200).

create or replace function public.groups_page_mine()
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  with verified as (
    select a.email from public.accounts a
    where a.user_id = (select erfa.uid()) and a.email_verified_at is not null
  )
  select jsonb_build_object(
    'proposals', coalesce((
      select jsonb_agg(erfa.group_json(g) order by g.created_at desc)
      from public.groups g
      where g.proposed_by = (select erfa.uid()) and g.status in ('proposed', 'declined')), '[]'),
    'invitations', (
      select count(*) from public.invitations i
      where i.email = (select v.email from verified v)
        and i.accepted_at is null and i.declined_at is null
        and exists (select 1 from public.groups g where g.id = i.group_id)),
    'unread', (select count(*) from public.notifications n where n.read_at is null))
$$;

revoke execute on function public.groups_page_mine() from public, anon;
grant execute on function public.groups_page_mine() to authenticated;
