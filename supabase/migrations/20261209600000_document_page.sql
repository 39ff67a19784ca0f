-- Issue 17: the document page reads the caller's role in the group, the comment threads with
-- the group's members (for @-mentions), the organizations using the document, its research
-- links, the research radar and its authors in one round trip instead of seven. Each part is the query the page made
-- through PostgREST, in the same shape (embedded objects as PostgREST writes them). The
-- authors are the distinct people with a version, oldest first, rather than 200 version rows.
-- Security invoker: every table is read under the caller's RLS, as the separate calls were,
-- so a document the caller may not read gives empty parts. Signed out (`p_user` null) only
-- the uses and links are read, as before (names are for members only); PL/pgSQL so that the
-- members' queries are not even planned then (anon has no rights on group_members).
create or replace function public.document_page(p_document uuid, p_user uuid)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  readers jsonb := jsonb_build_object(
    'role', null, 'comments', '[]'::jsonb, 'members', '[]'::jsonb, 'authors', '[]'::jsonb,
    'radar', '[]'::jsonb,
    'uses', coalesce((
      select jsonb_agg(jsonb_build_object('since', u.since, 'note', u.note,
          'updated_at', u.updated_at,
          'organization', (select jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name)
            from public.organizations o where o.id = u.organization_id))
        order by u.since)
      from public.document_uses u where u.document_id = p_document), '[]'),
    'links', coalesce((
      select jsonb_agg(x.j order by x.created_at desc) from (
        select l.created_at, jsonb_build_object(
          'id', l.id, 'research_id', l.research_id, 'note', l.note, 'status', l.status,
          'proposed_by', l.proposed_by, 'created_at', l.created_at,
          'research', (select jsonb_build_object('id', r.id, 'title', r.title, 'year', r.year)
            from public.research r where r.id = l.research_id),
          'group', (select jsonb_build_object('id', g.id, 'slug', g.slug, 'name', g.name)
            from public.groups g where g.id = l.group_id),
          'experience', (select jsonb_build_object('id', e.id, 'title', e.title)
            from public.experiences e where e.id = l.experience_id),
          'document', (select jsonb_build_object('id', d.id, 'title', d.title)
            from public.documents d where d.id = l.document_id)) as j
        from public.research_links l
        where l.document_id = p_document and l.status <> 'declined'
        order by l.created_at desc
        limit 100
      ) x), '[]'));
  v_group uuid;
begin
  if p_user is null then
    return readers;
  end if;
  select d.group_id into v_group from public.documents d where d.id = p_document;
  return readers || jsonb_build_object(
    'role', (select m.role from public.group_members m
      where m.group_id = v_group and m.user_id = p_user),
    'comments', coalesce((
      select jsonb_agg(x.j order by x.created_at, x.id) from (
        select c.created_at, c.id, jsonb_build_object(
          'id', c.id, 'parent_id', c.parent_id, 'body', c.body, 'anchor', c.anchor,
          'quote', c.quote, 'suggestion_id', c.suggestion_id, 'resolved_at', c.resolved_at,
          'created_at', c.created_at, 'edited_at', c.edited_at,
          'author', (select jsonb_build_object('id', p.id, 'name', p.name)
            from public.profiles p where p.id = c.author_id),
          'resolver', (select jsonb_build_object('id', p.id, 'name', p.name)
            from public.profiles p where p.id = c.resolved_by)) as j
        from public.document_comments c
        where c.document_id = p_document
        order by c.created_at, c.id
        limit 2000
      ) x), '[]'),
    -- The group's members a comment may mention (a hidden profile cannot be mentioned).
    'members', coalesce((
      select jsonb_agg(jsonb_build_object('id', m.user_id, 'name', p.name))
      from public.group_members m
      join public.profiles p on p.id = m.user_id
      where m.group_id = v_group), '[]'),
    -- The radar's suggestions for the document with their records (signed in only, as before).
    'radar', coalesce((
      select jsonb_agg(to_jsonb(r) order by r.ordinality)
      from public.research_radar_records(null, null, p_document, 5) with ordinality r), '[]'),
    -- Everyone with a version to their name, in the order they first wrote one.
    'authors', coalesce((
      select jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name) order by a.first)
      from (select v.created_by, min(v.created_at) as first
          from public.document_versions v
          where v.document_id = p_document and v.created_by is not null
          group by v.created_by) a
      join public.profiles p on p.id = a.created_by), '[]'));
end
$$;

revoke execute on function public.document_page(uuid, uuid) from public;
grant execute on function public.document_page(uuid, uuid) to anon, authenticated;
