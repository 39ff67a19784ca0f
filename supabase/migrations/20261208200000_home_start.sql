-- Issue 17: the home page's "get started" checklist and the person's goal interests in one
-- round trip instead of four (profile twice, account, dismissal). Security invoker: the caller's
-- RLS decides, and the function only ever looks at the caller's own rows (erfa.uid()), which
-- every one of those tables lets a person read. Signed-out callers have nothing to ask for.
create or replace function public.home_start()
returns table (
  name text,
  title text,
  bio text,
  sdg_interests smallint[],
  email_verified boolean,
  dismissed boolean
)
language sql stable security invoker set search_path = ''
as $$
  select p.name, p.title, p.bio, p.sdg_interests,
    exists (
      select 1 from public.accounts a
      where a.user_id = p.id and a.email_verified_at is not null
    ),
    exists (select 1 from public.checklist_dismissals d where d.user_id = p.id)
  from public.profiles p
  where p.id = (select erfa.uid());
$$;

revoke execute on function public.home_start() from public, anon;
grant execute on function public.home_start() to authenticated;
