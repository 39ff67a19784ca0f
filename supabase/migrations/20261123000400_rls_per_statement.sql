-- Faster row-level security with the same rules. The first policies called helper functions
-- such as erfa.can_read_group(group_id) once per row; a busy group's 2 000 experiences meant
-- thousands of function calls per page. Here the caller's readable and moderated groups are
-- computed once per statement (set-returning functions in uncorrelated subqueries, which
-- PostgreSQL runs once and hashes), and scalar helpers are wrapped in (select …) so they are
-- evaluated once as init plans. Who may see what does not change; the RLS tests prove it.

-- Groups whose content the caller may read: same rule as erfa.can_read_group().
create or replace function erfa.readable_groups() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select g.id from public.groups g
  where erfa.is_active_user() and (
    erfa.is_admin()
    or (g.status = 'active' and g.visibility = 'open')
    or exists (select 1 from public.group_members m where m.group_id = g.id and m.user_id = erfa.uid())
  )
$$;

-- Groups the caller may moderate: same rule as erfa.can_moderate().
create or replace function erfa.moderated_groups() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select g.id from public.groups g
  where erfa.is_admin() or exists (
    select 1 from public.group_members m
    where m.group_id = g.id and m.user_id = erfa.uid() and m.role = 'coordinator'
  )
$$;

grant execute on function erfa.readable_groups(), erfa.moderated_groups() to authenticated;

-- People and accounts.
drop policy profiles_read on public.profiles;
create policy profiles_read on public.profiles for select to authenticated
  using (deactivated_at is null or id = (select erfa.uid()) or (select erfa.is_admin()));
drop policy accounts_read on public.accounts;
create policy accounts_read on public.accounts for select to authenticated
  using (user_id = (select erfa.uid()) or (select erfa.is_admin()));

-- Groups and membership.
drop policy groups_read on public.groups;
create policy groups_read on public.groups for select to authenticated using (
  (select erfa.is_active_user()) and (
    status in ('active', 'archived') or proposed_by = (select erfa.uid())
    or (select erfa.is_admin()) or id in (select erfa.readable_groups())));

drop policy group_members_read on public.group_members;
create policy group_members_read on public.group_members for select to authenticated
  using (group_id in (select erfa.readable_groups()));

-- Experiences and what hangs off them.
drop policy experiences_read on public.experiences;
create policy experiences_read on public.experiences for select to authenticated using (
  (select erfa.is_active_user()) and (
    (status = 'published' and hidden_at is null
      and (shared_with_all or group_id in (select erfa.readable_groups())))
    or author_id = (select erfa.uid())
    or group_id in (select erfa.moderated_groups())));

drop policy experience_revisions_read on public.experience_revisions;
create policy experience_revisions_read on public.experience_revisions for select to authenticated
  using (experience_id in (select e.id from public.experiences e));

drop policy attachments_read on public.attachments;
create policy attachments_read on public.attachments for select to authenticated
  using (experience_id in (select e.id from public.experiences e));

-- Discussions.
drop policy threads_read on public.threads;
create policy threads_read on public.threads for select to authenticated using (
  group_id in (select erfa.readable_groups())
  and (hidden_at is null or author_id = (select erfa.uid())
    or group_id in (select erfa.moderated_groups())));

drop policy replies_read on public.replies;
create policy replies_read on public.replies for select to authenticated using (
  thread_id in (select t.id from public.threads t)
  and (hidden_at is null or author_id = (select erfa.uid())
    or thread_id in (select t.id from public.threads t
      where t.group_id in (select erfa.moderated_groups()))));

-- Notifications.
drop policy notifications_read on public.notifications;
create policy notifications_read on public.notifications for select to authenticated using (
  user_id = (select erfa.uid()) and (
    group_id is null or group_id in (select erfa.readable_groups())
    or kind in ('join_declined', 'invitation', 'join_request')));
