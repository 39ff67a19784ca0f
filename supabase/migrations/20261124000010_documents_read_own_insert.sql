-- Two fixes to 20261124000000_documents.sql, found by its first tests.
--
-- The documents read policy looked the row up through erfa.readable_documents(), whose query
-- cannot see a row inserted by the same statement: "insert … returning" of a new document was
-- refused. Checking the row's own columns decides the same rule without that lookup.
drop policy documents_read on public.documents;
create policy documents_read on public.documents for select to anon, authenticated using (
  (status = 'published' and is_public)
  or ((select erfa.is_active_user()) and (
    status = 'published' or group_id in (select erfa.readable_groups()))));

-- A public document names its group, so signed-out readers may see the name of a group that
-- has made at least one document public (nothing else of the group's content).
grant select on public.groups to anon;
create policy groups_public_read on public.groups for select to anon using (
  status in ('active', 'archived') and exists (
    select 1 from public.documents d
    where d.group_id = groups.id and d.status = 'published' and d.is_public));
