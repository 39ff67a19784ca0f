-- What happened lately, as a feed: the home page shows it for the groups I am in, a group's
-- overview for that group. And the home page's "get started" checklist can be dismissed.

-- The newest experiences, discussions, replies and document edits, with who and when.
-- p_group null: the groups the caller is a member of; otherwise that one group.
--
-- Security invoker: every row is read under the caller's row-level security, so a closed
-- group's activity reaches only those who may read it (a non-member looking at a closed group
-- sees only what the group shared with everyone). Hidden and deleted posts are left out for
-- everyone, moderators included: a feed is not the place to review them. Each source is cut to
-- p_limit rows newest first before they are merged, so the indexes below answer each with a
-- short scan per group. Signed-out callers have no grant: group content is for members.
create or replace function public.activity_feed(p_group uuid default null, p_limit integer default 10)
returns table (kind text, id uuid, title text, thread_id uuid, group_slug text, group_name text,
  actor_id uuid, actor_name text, at timestamptz)
language sql stable set search_path = '' as $$
  with gs as (
    select g.id, g.slug, g.name from public.groups g
    where g.status in ('active', 'archived') and (
      g.id = p_group or (p_group is null and g.id in (
        select m.group_id from public.group_members m where m.user_id = (select erfa.uid())))))
  , items as (
    (select 'experience' as kind, e.id, e.title, null::uuid as thread_id, e.group_id,
        e.author_id as actor_id, e.published_at as at
      from public.experiences e
      where e.group_id in (select gs.id from gs) and e.status = 'published' and e.hidden_at is null
      order by e.published_at desc limit p_limit)
    union all
    (select 'thread', t.id, t.title, t.id, t.group_id, t.author_id, t.created_at
      from public.threads t
      where t.group_id in (select gs.id from gs) and t.deleted_at is null and t.hidden_at is null
      order by t.created_at desc limit p_limit)
    union all
    (select 'reply', r.id, t.title, t.id, t.group_id, r.author_id, r.created_at
      from public.replies r join public.threads t on t.id = r.thread_id
      where t.group_id in (select gs.id from gs) and t.deleted_at is null and t.hidden_at is null
        and r.deleted_at is null and r.hidden_at is null
      order by r.created_at desc limit p_limit)
    union all
    (select 'document', d.id, d.title, null, d.group_id, c.user_id, c.last_edited_at
      from public.document_contributors c join public.documents d on d.id = c.document_id
      where d.group_id in (select gs.id from gs)
      order by c.last_edited_at desc limit p_limit))
  select i.kind, i.id, i.title, i.thread_id, gs.slug, gs.name, i.actor_id, p.name, i.at
  from items i join gs on gs.id = i.group_id left join public.profiles p on p.id = i.actor_id
  order by i.at desc, i.id
  limit p_limit
$$;
revoke execute on function public.activity_feed(uuid, integer) from public, anon;
grant execute on function public.activity_feed(uuid, integer) to authenticated;

-- A group's newest discussions (the existing index orders by last activity).
create index threads_group_created_idx on public.threads (group_id, created_at desc);

-- "I don't need the checklist": remembered per person.
create table public.checklist_dismissals (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  dismissed_at timestamptz not null default now()
);
alter table public.checklist_dismissals enable row level security;
grant select, insert (user_id), delete on public.checklist_dismissals to authenticated;
create policy checklist_dismissals_own on public.checklist_dismissals for all to authenticated
  using (user_id = (select erfa.uid())) with check (user_id = (select erfa.uid()));

-- An organization's page: what its people do. Their experiences (the organization's, or written
-- by its people), the active groups they take part in (with how many of them) and the documents
-- they wrote in (with how many of them), each list newest first and cut to p_limit.
-- Security invoker: memberships of a closed group, its experiences and its drafts are read under
-- the caller's row-level security like everywhere else. Signed-out callers have no grant
-- (people are not public).
create or replace function public.organization_work(p_organization uuid, p_limit integer default 20)
returns table (kind text, id uuid, title text, group_slug text, group_name text, at timestamptz,
  people bigint)
language sql stable set search_path = '' as $$
  with people as (select p.id from public.profiles p where p.organization_id = p_organization)
  (select 'experience', e.id, e.title, g.slug, g.name, e.published_at, null::bigint
    from public.experiences e join public.groups g on g.id = e.group_id
    where e.status = 'published' and e.hidden_at is null
      and (e.organization_id = p_organization or e.author_id in (select people.id from people))
    order by e.published_at desc limit p_limit)
  union all
  (select 'group', g.id, g.name, g.slug, g.name, min(m.joined_at), count(*)
    from public.group_members m join public.groups g on g.id = m.group_id
    where m.user_id in (select people.id from people) and g.status = 'active'
    group by g.id order by min(m.joined_at) desc limit p_limit)
  union all
  (select 'document', d.id, d.title, g.slug, g.name, max(c.last_edited_at), count(*)
    from public.document_contributors c join public.documents d on d.id = c.document_id
    join public.groups g on g.id = d.group_id
    where c.user_id in (select people.id from people)
    group by d.id, g.id order by max(c.last_edited_at) desc limit p_limit)
$$;
revoke execute on function public.organization_work(uuid, integer) from public, anon;
grant execute on function public.organization_work(uuid, integer) to authenticated;
