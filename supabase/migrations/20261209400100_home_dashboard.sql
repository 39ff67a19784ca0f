-- Issue 17: what the home page shows a signed-in person in one round trip instead of six: the
-- "get started" checklist (public.home_start), the activity in their groups
-- (public.activity_feed), the news per group since their last visit (public.my_group_news), the
-- documents they write, their newest unread notifications and how many there are, and the
-- newest research on the goals they care about (all research when they chose none). Each part
-- is the same query the page made through PostgREST, in the same shape (embedded objects as
-- PostgREST writes them). Security invoker: every table is read under the caller's RLS, as
-- the separate calls were.
create or replace function public.home_dashboard(
  p_feed integer default 10,
  p_documents integer default 5,
  p_notifications integer default 5,
  p_research integer default 4
)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  with me as (
    select s.* from public.home_start() s
  ), interests as (
    select nullif(coalesce((select me.sdg_interests from me), '{}'), '{}') as goals
  )
  select jsonb_build_object(
    'start', (select to_jsonb(me) from me),
    'feed', coalesce((select jsonb_agg(to_jsonb(f)) from public.activity_feed(null, p_feed) f), '[]'),
    'news', coalesce((select jsonb_agg(to_jsonb(n)) from public.my_group_news() n), '[]'),
    'documents', coalesce((
      select jsonb_agg(x.j order by x.at desc) from (
        select c.last_edited_at as at, jsonb_build_object(
          'last_edited_at', c.last_edited_at,
          'document', jsonb_build_object('id', d.id, 'title', d.title, 'status', d.status,
            'group', (select jsonb_build_object('slug', g.slug, 'name', g.name)
              from public.groups g where g.id = d.group_id))) as j
        from public.document_contributors c
        join public.documents d on d.id = c.document_id
        where c.user_id = (select erfa.uid())
        order by c.last_edited_at desc
        limit p_documents
      ) x), '[]'),
    'notifications', coalesce((
      select jsonb_agg(x.j order by x.created_at desc, x.id desc) from (
        select n.id, n.created_at, jsonb_build_object(
          'id', n.id, 'kind', n.kind, 'title', n.title, 'params', n.params, 'link', n.link,
          'created_at', n.created_at, 'read_at', n.read_at,
          'group', (select jsonb_build_object('slug', g.slug, 'name', g.name)
            from public.groups g where g.id = n.group_id),
          'actor', (select jsonb_build_object('name', p.name)
            from public.profiles p where p.id = n.actor_id)) as j
        from public.notifications n
        where n.read_at is null
        order by n.created_at desc, n.id desc
        limit p_notifications
      ) x), '[]'),
    'unread', (select count(*) from public.notifications n where n.read_at is null),
    'research', coalesce((
      select jsonb_agg(x.j order by x.created_at desc) from (
        select r.created_at, jsonb_build_object('id', r.id, 'title', r.title, 'year', r.year,
          'goals', r.goals,
          'institution', (select jsonb_build_object('name', o.name)
            from public.organizations o where o.id = r.institution_id)) as j
        from public.research r, interests i
        where i.goals is null or r.goals && i.goals
        order by r.created_at desc
        limit p_research
      ) x), '[]')
  )
$$;

revoke execute on function public.home_dashboard(integer, integer, integer, integer) from public, anon;
grant execute on function public.home_dashboard(integer, integer, integer, integer) to authenticated;
