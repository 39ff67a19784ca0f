-- The shared library ("Verktygslådan"): published documents with what the library filters on
-- (the group's theme, the organizations that use a document). security_invoker: the caller's
-- own row-level security decides which documents and uses are counted, so members-only
-- documents stay hidden from signed-out visitors exactly as on the documents table.
create view public.library_documents with (security_invoker = on) as
select d.id, d.group_id, d.kind, d.title, d.summary, d.sdg_goals, d.status, d.is_public,
  d.organization_id, d.content_updated_at, d.published_at,
  g.slug as group_slug, g.name as group_name, g.theme_id,
  coalesce(array(select u.organization_id from public.document_uses u where u.document_id = d.id), '{}')
    as used_by
from public.documents d
join public.groups g on g.id = d.group_id
where d.status = 'published';

grant select on public.library_documents to anon, authenticated;
