-- Suggestions from readers: a document can take suggested changes from signed-in people who may
-- only read it (a published model open to proposals without opening it to direct edits).
-- Off by default. Switched by the people who edit the document (its group's members, who include
-- the coordinators) and administrators: the existing documents_edit policy decides who may
-- update a row; the column grant below lets that policy decide for this column too.
--
-- erfa_private.document_access answers 'suggest' for such a reader; the collaboration server
-- then takes their edits only when they leave the accepted text as it is (collab/suggestions.ts).

alter table public.documents add column allow_suggestions boolean not null default false;

grant update (allow_suggestions) on public.documents to authenticated;

create or replace function erfa_private.document_access(p_document uuid, p_user uuid) returns text
language sql stable security definer set search_path = '' as $$
  with me as (
    select p.id, p.role = 'admin' as admin from public.profiles p
    where p.id = p_user and p.deactivated_at is null
  ), d as (
    select d.*, g.status as group_status, g.visibility from public.documents d
    join public.groups g on g.id = d.group_id where d.id = p_document
  )
  select case
    when (select admin from me) and d.group_status not in ('archived', 'declined') then 'write'
    when exists (select 1 from me) and exists (
      select 1 from public.group_members m where m.group_id = d.group_id and m.user_id = p_user
    ) then case when d.group_status in ('archived', 'declined') then 'read' else 'write' end
    when (select admin from me) then 'read'
    when exists (select 1 from me) and (
      d.status = 'published' or (d.group_status = 'active' and d.visibility = 'open')
    ) then case
      when d.allow_suggestions and d.group_status not in ('archived', 'declined') then 'suggest'
      else 'read'
    end
    when d.status = 'published' and d.is_public then 'read'
  end
  from d
$$;
