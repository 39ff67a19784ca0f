-- Issue 17: the home page's news per group counts at most 100 of each kind. public.my_group_news
-- (20261211000300) counted every experience since the member's last visit, and the index scan
-- read all of a group's published experiences to do it (the "since" test is a filter there, not
-- a bound): for a member of 52 groups at 100 000 experiences, who had not looked at most of
-- them since joining, 30 ms of the home page's database time. No one reads "733 new
-- experiences" differently from "more than 99": each count now stops at 100, read newest first
-- (the index backwards), and the page says "more than 99" for 100 (home/news.ts). 11 ms for the
-- same member (medians of 15 calls each, interleaved with the old function). Same access
-- (security invoker, every row under its read rule), same order, same columns.
create or replace function public.my_group_news()
returns table (group_id uuid, slug text, name text, role text, seen_at timestamptz,
  experiences bigint, threads bigint, replies bigint, documents bigint)
language sql stable set search_path = '' as $$
  with me as materialized (
    select erfa.uid() as id
  ), mine as (
    select m.group_id, m.role, coalesce(v.seen_at, m.joined_at) as seen_at
    from public.group_members m
    left join public.group_visits v on v.group_id = m.group_id and v.user_id = m.user_id
    where m.user_id = (select id from me)
  )
  select g.id, g.slug, g.name, mine.role, mine.seen_at,
    (select count(*) from (select from public.experiences e
      where e.group_id = g.id and e.status = 'published' and e.published_at > mine.seen_at
        and e.author_id is distinct from (select id from me)
      order by e.published_at desc limit 100) x),
    (select count(*) from (select from public.threads t
      where t.group_id = g.id and t.deleted_at is null and t.created_at > mine.seen_at
        and t.author_id is distinct from (select id from me)
      order by t.created_at desc limit 100) x),
    (select count(*) from (select from public.replies r join public.threads t on t.id = r.thread_id
      where t.group_id = g.id and r.deleted_at is null and r.created_at > mine.seen_at
        and r.author_id is distinct from (select id from me)
      limit 100) x),
    (select count(*) from (select from public.documents d
      where d.group_id = g.id and d.content_updated_at > mine.seen_at
      limit 100) x)
  from mine join public.groups g on g.id = mine.group_id
  where g.status = 'active'
  order by g.name
$$;
