-- The library (Verktygslådan) in one call (issue 17). /library read a page of
-- public.library_documents with its count, the themes, the organizations (for the filters and
-- the documents' makers) and, signed in, the header's unread count: four PostgREST requests,
-- each ~1 ms of CPU in PostgREST and PostgreSQL together. public.library_page reads the same
-- rows in one: the page as documents/library.ts `list` asked for it (the same filters, newest
-- published first, ties by id, and the total), the themes and organizations with the columns
-- their lists read, and for a signed-in caller `unread`. Security invoker: the caller's
-- row-level security decides every row, as it did for the separate requests (signed out, only
-- the public documents; anon may not read notifications, so that statement is never run).
create function public.library_page(p_kind text default null, p_theme uuid default null,
  p_goal smallint default null, p_organization uuid default null, p_offset integer default 0,
  p_limit integer default 20)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  page jsonb;
begin
  with matching as (
    select l.* from public.library_documents l
    where (p_kind is null or l.kind = p_kind)
      and (p_theme is null or l.theme_id = p_theme)
      and (p_goal is null or l.sdg_goals @> array[p_goal])
      and (p_organization is null or l.organization_id = p_organization
        or l.used_by @> array[p_organization])
  ), shown as (
    select m.* from matching m order by m.published_at desc, m.id offset p_offset limit p_limit
  )
  select jsonb_build_object(
    'items', coalesce((select jsonb_agg(to_jsonb(s) order by s.published_at desc, s.id)
      from shown s), '[]'::jsonb),
    'total', (select count(*) from matching),
    'themes', coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'slug', t.slug,
        'name', t.name, 'description', t.description, 'start_year', t.start_year,
        'end_year', t.end_year, 'sdg_goals', t.sdg_goals, 'featured', t.featured))
      from public.themes t), '[]'::jsonb),
    'organizations', coalesce((select jsonb_agg(jsonb_build_object('id', o.id, 'slug', o.slug,
        'name', o.name, 'kind', o.kind, 'county', o.county))
      from public.organizations o), '[]'::jsonb)) into page;
  if (select erfa.uid()) is null then
    return page;
  end if;
  return page || jsonb_build_object('unread',
    (select count(*) from public.notifications n where n.read_at is null));
end
$$;

revoke execute on function public.library_page(text, uuid, smallint, uuid, integer, integer)
  from public;
grant execute on function public.library_page(text, uuid, smallint, uuid, integer, integer)
  to anon, authenticated;
