-- D8: one research link as the pages read it (the link with its research record, group,
-- experience and document, embedded as PostgREST writes them; research/links.ts `toLink`
-- reads this shape), built in one place instead of twice. public.group_overview is
-- redefined to use it (public.document_page in 20261210300100).
--
-- public.group_overview (20261209400300) also returns the research radar's suggestions for
-- the group (`p_radar` of them, with their records, as public.research_radar_records gives them
-- to the page's own call), so the group page makes one PostgREST call fewer; read only when
-- the caller may read the group's content, as before. Otherwise unchanged. Security invoker: each embedded row is read under the
-- caller's RLS (null when hidden), as before.
create or replace function erfa.research_link_json(l public.research_links)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'id', l.id, 'research_id', l.research_id, 'note', l.note, 'status', l.status,
    'proposed_by', l.proposed_by, 'created_at', l.created_at,
    'research', (select jsonb_build_object('id', r.id, 'title', r.title, 'year', r.year)
      from public.research r where r.id = l.research_id),
    'group', (select jsonb_build_object('id', g.id, 'slug', g.slug, 'name', g.name)
      from public.groups g where g.id = l.group_id),
    'experience', (select jsonb_build_object('id', e.id, 'title', e.title)
      from public.experiences e where e.id = l.experience_id),
    'document', (select jsonb_build_object('id', d.id, 'title', d.title)
      from public.documents d where d.id = l.document_id))
$$;

revoke execute on function erfa.research_link_json(public.research_links) from public;
grant execute on function erfa.research_link_json(public.research_links) to anon, authenticated;

drop function public.group_overview(uuid, boolean, integer, integer, timestamptz);
create function public.group_overview(
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

revoke execute on function public.group_overview(uuid, boolean, integer, integer, timestamptz, integer)
  from public, anon;
grant execute on function public.group_overview(uuid, boolean, integer, integer, timestamptz, integer)
  to authenticated;
