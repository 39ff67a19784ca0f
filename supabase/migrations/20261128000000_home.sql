-- The signed-in home page: what is new in my groups since my last visit to each of them.

create table public.group_visits (
  user_id uuid not null references public.profiles (id) on delete cascade,
  group_id uuid not null references public.groups (id) on delete cascade,
  seen_at timestamptz not null default now(),
  primary key (user_id, group_id)
);

alter table public.group_visits enable row level security;
grant select, insert (user_id, group_id, seen_at), update (seen_at) on public.group_visits to authenticated;
create policy group_visits_own on public.group_visits for all to authenticated
  using (user_id = (select erfa.uid())) with check (user_id = (select erfa.uid()));

-- Per group I am in: when I last looked, and how many experiences, threads, replies and
-- document changes by others came after that. Security invoker: RLS decides what is counted.
create or replace function public.my_group_news()
returns table (group_id uuid, slug text, name text, role text, seen_at timestamptz,
  experiences bigint, threads bigint, replies bigint, documents bigint)
language sql stable set search_path = '' as $$
  with mine as (
    select m.group_id, m.role, coalesce(v.seen_at, m.joined_at) as seen_at
    from public.group_members m
    left join public.group_visits v on v.group_id = m.group_id and v.user_id = m.user_id
    where m.user_id = erfa.uid()
  )
  select g.id, g.slug, g.name, mine.role, mine.seen_at,
    (select count(*) from public.experiences e where e.group_id = g.id and e.status = 'published'
      and e.published_at > mine.seen_at and e.author_id is distinct from erfa.uid()),
    (select count(*) from public.threads t where t.group_id = g.id and t.deleted_at is null
      and t.created_at > mine.seen_at and t.author_id is distinct from erfa.uid()),
    (select count(*) from public.replies r join public.threads t on t.id = r.thread_id
      where t.group_id = g.id and r.deleted_at is null and r.created_at > mine.seen_at
        and r.author_id is distinct from erfa.uid()),
    (select count(*) from public.documents d where d.group_id = g.id
      and d.content_updated_at > mine.seen_at)
  from mine join public.groups g on g.id = mine.group_id
  where g.status = 'active'
  order by g.name
$$;
grant execute on function public.my_group_news() to authenticated;
