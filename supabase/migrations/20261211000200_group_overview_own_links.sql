-- A group page's research links are the group's own (issue 17). public.group_overview
-- (20261210300000) returned the group's latest 100 links of every kind, and the page showed
-- those made to the group itself (not to one of its experiences or documents, which their own
-- pages show). At volume most of a group's links are an experience's: the page built 100 links
-- with their records (~45 ms in the database) to show a few, and a group-level link older than
-- the latest 100 of all kinds was not shown at all. Here only the group's own links are read,
-- the latest 100. Otherwise as in 20261210300000 (security invoker; each row under the caller's
-- row-level security). The page is its only caller.
create or replace function public.group_overview(
  p_group uuid,
  p_content boolean,
  p_events integer default 5,
  p_activity integer default 10,
  p_now timestamptz default now(),
  p_radar integer default 0
)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'members', case when p_content then coalesce((
      select jsonb_agg(jsonb_build_object(
        'user_id', m.user_id, 'role', m.role, 'joined_at', m.joined_at,
        'profile', (select jsonb_build_object('name', p.name, 'title', p.title,
            'organization', (select jsonb_build_object('name', o.name, 'slug', o.slug)
              from public.organizations o where o.id = p.organization_id))
          from public.profiles p where p.id = m.user_id)))
      from public.group_members m where m.group_id = p_group), '[]') end,
    'links', case when p_content then coalesce((
      select jsonb_agg(x.j order by x.created_at desc) from (
        select l.created_at, erfa.research_link_json(l) as j
        from public.research_links l
        where l.group_id = p_group and l.status <> 'declined'
          and l.experience_id is null and l.document_id is null
        order by l.created_at desc
        limit 100
      ) x), '[]') else '[]'::jsonb end,
    -- The radar's suggestions with their records (none asked for: none read).
    'radar', case when p_content and p_radar > 0 then coalesce((
      select jsonb_agg(to_jsonb(r) order by r.ordinality)
      from public.research_radar_records(p_group, null, null, p_radar) with ordinality r), '[]')
      else '[]'::jsonb end,
    'activity', case when p_content then coalesce(
      (select jsonb_agg(to_jsonb(f)) from public.activity_feed(p_group, p_activity) f), '[]') end,
    -- Events held by the group or with it among their groups.
    'events', coalesce((
      select jsonb_agg(x.j order by x.starts_at) from (
        select e.starts_at, jsonb_build_object('id', e.id, 'title', e.title, 'kind', e.kind,
          'starts_at', e.starts_at, 'ends_at', e.ends_at, 'location', e.location) as j
        from public.events e
        where (e.group_id = p_group or e.id in (
            select eg.event_id from public.event_groups eg where eg.group_id = p_group))
          and e.ends_at >= p_now
        order by e.starts_at
        limit p_events
      ) x), '[]')
  )
$$;
