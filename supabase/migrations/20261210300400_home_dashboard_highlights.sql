-- Issue 17: public.home_dashboard (20261209400100) also returns what the home page shows
-- everyone, the newest published tools (`p_tools`) and the coming events (`p_events`), each read
-- as the page's own call read it, so a signed-in person's home page makes one PostgREST call
-- instead of three (signed out, the page still makes those two calls). Its unread count also
-- serves the header's badge (notifications/unread.ts). Otherwise unchanged. Security invoker:
-- every part is read under the caller's RLS, as the separate calls were.
drop function public.home_dashboard(integer, integer, integer, integer);
create function public.home_dashboard(
  p_feed integer default 10,
  p_documents integer default 5,
  p_notifications integer default 5,
  p_research integer default 4,
  p_tools integer default 0,
  p_events integer default 0
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
      ) x), '[]'),
    -- The newest published tools, as documents/library.ts `newest` reads the view.
    'tools', coalesce((
      select jsonb_agg(to_jsonb(l) order by l.published_at desc, l.id) from (
        select * from public.library_documents l
        order by l.published_at desc, l.id
        limit p_tools
      ) l), '[]'),
    -- What is coming, as events/events.ts `upcoming` reads it (summary columns and embeds).
    'events', coalesce((
      select jsonb_agg(x.j order by x.starts_at, x.id) from (
        select e.starts_at, e.id, jsonb_build_object(
          'id', e.id, 'title', e.title, 'kind', e.kind, 'mode', e.mode,
          'starts_at', e.starts_at, 'ends_at', e.ends_at, 'location', e.location,
          'visibility', e.visibility, 'sdg_goals', e.sdg_goals,
          'group', (select jsonb_build_object('slug', g.slug, 'name', g.name)
            from public.groups g where g.id = e.group_id),
          'organization', (select jsonb_build_object('slug', o.slug, 'name', o.name)
            from public.organizations o where o.id = e.organization_id),
          'online', (select jsonb_build_object('url', ol.url)
            from public.event_online_links ol where ol.event_id = e.id)) as j
        from public.events e
        where e.ends_at >= now()
        order by e.starts_at, e.id
        limit p_events
      ) x), '[]')
  )
$$;

revoke execute on function public.home_dashboard(integer, integer, integer, integer, integer, integer)
  from public, anon;
grant execute on function public.home_dashboard(integer, integer, integer, integer, integer, integer)
  to authenticated;
