-- Issue 17: the document page in one round trip next to its rights check. public.document_page
-- (20261209600000) now also returns the document itself, read as documents.get read it through
-- PostgREST (same columns and embeds; the author's name only signed in, as profiles are for
-- members), and, signed in, the caller's unread notification count for the header's badge, so
-- the page makes one PostgREST call instead of three. Its research links are built by
-- erfa.research_link_json (20261210300000). Otherwise unchanged. Security invoker: a document
-- the caller may not read is null (a 404), and every part is read under the caller's RLS.

-- The document as the page reads it: the columns and embeds of documents.ts's publicColumns,
-- summaryColumns (`p_names`: the author) and detailColumns, as PostgREST writes them.
create or replace function erfa.document_page_row(d public.documents, p_names boolean)
returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'id', d.id, 'group_id', d.group_id, 'kind', d.kind, 'title', d.title, 'summary', d.summary,
    'sdg_goals', d.sdg_goals, 'status', d.status, 'is_public', d.is_public,
    'allow_suggestions', d.allow_suggestions, 'content_updated_at', d.content_updated_at,
    'published_at', d.published_at,
    'organization', (select jsonb_build_object('id', o.id, 'name', o.name)
      from public.organizations o where o.id = d.organization_id),
    'size_bytes', d.size_bytes, 'created_at', d.created_at,
    'group', (select jsonb_build_object('id', g.id, 'slug', g.slug, 'name', g.name,
        'theme_id', g.theme_id)
      from public.groups g where g.id = d.group_id))
  || case when p_names then jsonb_build_object('created_by',
      (select jsonb_build_object('id', p.id, 'name', p.name)
        from public.profiles p where p.id = d.created_by)) else '{}'::jsonb end
$$;

revoke execute on function erfa.document_page_row(public.documents, boolean) from public;
grant execute on function erfa.document_page_row(public.documents, boolean) to anon, authenticated;

create or replace function public.document_page(p_document uuid, p_user uuid)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  readers jsonb := jsonb_build_object(
    'role', null, 'comments', '[]'::jsonb, 'members', '[]'::jsonb, 'authors', '[]'::jsonb,
    'radar', '[]'::jsonb, 'unread', null,
    'document', (select erfa.document_page_row(d, p_user is not null)
      from public.documents d where d.id = p_document),
    'uses', coalesce((
      select jsonb_agg(jsonb_build_object('since', u.since, 'note', u.note,
          'updated_at', u.updated_at,
          'organization', (select jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name)
            from public.organizations o where o.id = u.organization_id))
        order by u.since)
      from public.document_uses u where u.document_id = p_document), '[]'),
    'links', coalesce((
      select jsonb_agg(x.j order by x.created_at desc) from (
        select l.created_at, erfa.research_link_json(l) as j
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
  v_group := (readers -> 'document' ->> 'group_id')::uuid;
  return readers || jsonb_build_object(
    'role', (select m.role from public.group_members m
      where m.group_id = v_group and m.user_id = p_user),
    -- For the header's badge (notifications/unread.ts): one call fewer on the page.
    'unread', (select count(*) from public.notifications n where n.read_at is null),
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
