-- The knowledge map's documents and tools in use from maintained counts (issue 17). With the
-- experiences counted (20261207400200), public.knowledge_map still took 127–186 ms at 10 000
-- documents: it read every published document of the map's organizations through the
-- documents' read policy, every contributor through document_contributors' (which computes
-- every readable document again, erfa.readable_documents()) and every tool in use through
-- document_uses' (the same again), then grouped them.
--
-- erfa_private.map_document_rows keeps, per published document and organization, why the
-- document counts for the organization on the map (20261206000200):
-- * 'author': the organization wrote it (documents.organization_id);
-- * 'contributor': it did not, but one of its people who is not deactivated wrote in it;
-- * 'inactive': only deactivated people of the organization wrote in it;
-- * 'use': the organization records that it uses the document (public.document_uses), a
--   separate count (the map's "uses"), beside any of the above;
-- with the document's group, goals and whether it is public. erfa_private.map_document_counts
-- adds them up per organization, goal (0: each document once, per group), public or not and
-- reason. erfa_private.map_refresh_documents(ids) derives both again for the given documents;
-- triggers call it in the same transaction as every change that can move a count, so they are
-- never stale: a document's insert, deletion, or a change of its status, public flag,
-- organization, group or goals; a contributor added or removed; a use recorded, moved or
-- removed; a person's organization or deactivation changed.
--
-- Access: erfa.map_document_counts(orgs) applies exactly the rules the map applied by reading
-- the tables as the caller. Every counted document is published, so a caller reads it when it
-- is public, or when they are an active member (documents_read). Who wrote in a document is
-- for signed-in callers only (signed out there is no SELECT on document_contributors and
-- profiles), and a deactivated person's profile only for administrators and for themselves
-- (profiles_read): 'contributor' rows count for signed-in callers, 'inactive' ones only for an
-- administrator or when the caller is that person (looked up, they are few). A use is read with
-- its document (document_uses_read). The function is security definer (erfa_private is not
-- readable by callers) and returns numbers only.
--
-- A write's cost: one document's rows (its organization, its contributors' organizations, the
-- organizations that use it; a handful) deleted and inserted, and as many counts updated: a
-- few index look-ups, well under a millisecond. Saving a document's text touches none of it.

create table erfa_private.map_document_rows (
  document_id uuid not null,
  organization_id uuid not null,
  how text not null check (how in ('author', 'contributor', 'inactive', 'use')),
  group_id uuid not null,
  sdg_goals smallint[] not null,
  is_public boolean not null,
  primary key (document_id, organization_id, how)
);
alter table erfa_private.map_document_rows enable row level security;

create table erfa_private.map_document_counts (
  organization_id uuid not null,
  group_id uuid not null,
  goal smallint not null,
  is_public boolean not null,
  how text not null,
  n integer not null check (n >= 0),
  primary key (organization_id, group_id, goal, is_public, how)
);
alter table erfa_private.map_document_counts enable row level security;

-- The rows the given documents contribute now (none unless published).
create or replace function erfa_private.map_document_rows_now(ids uuid[])
returns table (document_id uuid, organization_id uuid, how text, group_id uuid,
  sdg_goals smallint[], is_public boolean)
language sql stable security definer set search_path = '' as $$
  select d.id, x.organization_id,
    case when bool_or(x.rank = 1) then 'author' when bool_or(x.rank = 2) then 'contributor'
      else 'inactive' end,
    d.group_id, coalesce(d.sdg_goals, '{}'), d.is_public
  from public.documents d
  cross join lateral (
    select d.organization_id, 1 as rank where d.organization_id is not null
    union all
    select p.organization_id, case when p.deactivated_at is null then 2 else 3 end
    from public.document_contributors c join public.profiles p on p.id = c.user_id
    where c.document_id = d.id and p.organization_id is not null) x
  where d.id = any(ids) and d.status = 'published'
  group by d.id, x.organization_id
  union all
  select d.id, u.organization_id, 'use', d.group_id, coalesce(d.sdg_goals, '{}'), d.is_public
  from public.documents d join public.document_uses u on u.document_id = d.id
  where d.id = any(ids) and d.status = 'published'
$$;

-- The counts of the stored rows of the given documents, per key. Only goal 0 (each document
-- once) keeps the group, which the map needs to know where an organization has documents at
-- all; a document's goals are counted per organization only (the zero uuid as group), since
-- whether a published document may be read does not depend on its group: a tenth of the rows
-- to add up per map.
create or replace function erfa_private.map_document_keys(ids uuid[])
returns table (organization_id uuid, group_id uuid, goal smallint, is_public boolean, how text,
  k integer)
language sql stable security definer set search_path = '' as $$
  select r.organization_id,
    case when g = 0 then r.group_id else '00000000-0000-0000-0000-000000000000'::uuid end,
    g, r.is_public, r.how, count(*)::int
  from erfa_private.map_document_rows r, unnest(array[0::smallint] || r.sdg_goals) g
  where r.document_id = any(ids)
  group by 1, 2, 3, 4, 5
  order by 1, 2, 3, 4, 5
$$;

create or replace function erfa_private.map_refresh_documents(ids uuid[])
returns void language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(cardinality(ids), 0) = 0 then return; end if;
  -- Keys in one order, so concurrent changes lock count rows in one order.
  update erfa_private.map_document_counts c set n = c.n - x.k
  from erfa_private.map_document_keys(ids) x
  where c.organization_id = x.organization_id and c.group_id = x.group_id and c.goal = x.goal
    and c.is_public = x.is_public and c.how = x.how;
  delete from erfa_private.map_document_rows r where r.document_id = any(ids);
  insert into erfa_private.map_document_rows select * from erfa_private.map_document_rows_now(ids);
  insert into erfa_private.map_document_counts as c
    (organization_id, group_id, goal, is_public, how, n)
  select x.organization_id, x.group_id, x.goal, x.is_public, x.how, x.k
  from erfa_private.map_document_keys(ids) x
  on conflict (organization_id, group_id, goal, is_public, how) do update set n = c.n + excluded.n;
end
$$;

-- Statement triggers for inserts and deletions (a bulk import refreshes once); a row trigger
-- for updates of the columns that matter, so saving a document's text costs nothing here.
create or replace function erfa_private.map_documents_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_level = 'ROW' then
    perform erfa_private.map_refresh_documents(array[new.id]);
  elsif tg_op = 'DELETE' then
    perform erfa_private.map_refresh_documents(array(select o.id from old_rows o));
  else
    perform erfa_private.map_refresh_documents(array(select n.id from new_rows n));
  end if;
  return null;
end
$$;

create trigger documents_map_insert after insert on public.documents
  referencing new table as new_rows
  for each statement execute function erfa_private.map_documents_changed();
create trigger documents_map_delete after delete on public.documents
  referencing old table as old_rows
  for each statement execute function erfa_private.map_documents_changed();
create trigger documents_map_update after update of status, is_public, organization_id, group_id,
  sdg_goals on public.documents
  for each row when ((old.status, old.is_public, old.organization_id, old.group_id, old.sdg_goals)
    is distinct from (new.status, new.is_public, new.organization_id, new.group_id, new.sdg_goals))
  execute function erfa_private.map_documents_changed();

-- Contributors and uses: the documents they belong to, before and after.
create or replace function erfa_private.map_document_links_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform erfa_private.map_refresh_documents(array(
    select x.document_id from old_rows x union select x.document_id from new_rows x));
  return null;
end
$$;

create or replace function erfa_private.map_document_links_inserted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform erfa_private.map_refresh_documents(array(select distinct x.document_id from new_rows x));
  return null;
end
$$;

create or replace function erfa_private.map_document_links_deleted() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform erfa_private.map_refresh_documents(array(select distinct x.document_id from old_rows x));
  return null;
end
$$;

-- Adding a contributor is an INSERT … ON CONFLICT DO UPDATE on every edit
-- (collab/storage.ts): only rows actually inserted are in new_rows, and the update of
-- last_edited_at fires no trigger here.
create trigger document_contributors_map_insert after insert on public.document_contributors
  referencing new table as new_rows
  for each statement execute function erfa_private.map_document_links_inserted();
create trigger document_contributors_map_delete after delete on public.document_contributors
  referencing old table as old_rows
  for each statement execute function erfa_private.map_document_links_deleted();
create trigger document_uses_map_insert after insert on public.document_uses
  referencing new table as new_rows
  for each statement execute function erfa_private.map_document_links_inserted();
create trigger document_uses_map_delete after delete on public.document_uses
  referencing old table as old_rows
  for each statement execute function erfa_private.map_document_links_deleted();
create trigger document_uses_map_update after update on public.document_uses
  referencing old table as old_rows new table as new_rows
  for each statement execute function erfa_private.map_document_links_changed();

-- A person's organization or deactivation decides whose document they count for.
create or replace function erfa_private.map_profile_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform erfa_private.map_refresh_documents(array(
    select c.document_id from public.document_contributors c where c.user_id = new.id));
  return null;
end
$$;

create trigger profiles_map_documents after update of organization_id, deactivated_at
  on public.profiles
  for each row when ((old.organization_id, old.deactivated_at is null)
    is distinct from (new.organization_id, new.deactivated_at is null))
  execute function erfa_private.map_profile_changed();

revoke execute on function erfa_private.map_document_rows_now(uuid[]),
  erfa_private.map_document_keys(uuid[]), erfa_private.map_refresh_documents(uuid[]),
  erfa_private.map_documents_changed(), erfa_private.map_document_links_changed(),
  erfa_private.map_document_links_inserted(), erfa_private.map_document_links_deleted(),
  erfa_private.map_profile_changed()
  from public, anon, authenticated;

select erfa_private.map_refresh_documents(array(select d.id from public.documents d));

-- Documents only deactivated people of an organization wrote in, where the caller may see
-- such a person: an administrator, or that person.
create or replace function erfa.map_inactive_documents(orgs uuid[])
returns table (document_id uuid, organization_id uuid, group_id uuid, sdg_goals smallint[])
language sql stable security definer set search_path = '' as $$
  with me as materialized (
    select erfa.uid() as id, erfa.is_active_user() as active, erfa.is_admin() as admin)
  select r.document_id, r.organization_id, r.group_id, r.sdg_goals
  from erfa_private.map_document_rows r, me
  where r.how = 'inactive' and me.id is not null and r.organization_id = any(orgs)
    and (r.is_public or me.active)
    and (me.admin or exists (
      select 1 from public.document_contributors c join public.profiles p on p.id = c.user_id
      where c.document_id = r.document_id and c.user_id = me.id
        and p.organization_id = r.organization_id))
$$;

-- The counts the caller may see, per organization and goal (0: each document once, per group;
-- other goals with the zero uuid as group), for the map's organizations `orgs`; kind
-- 'document' (written or co-written) or 'use'.
create or replace function erfa.map_document_counts(orgs uuid[])
returns table (organization_id uuid, group_id uuid, goal smallint, kind text, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (
    select erfa.uid() as id, erfa.is_active_user() as active, erfa.is_admin() as admin)
  select c.organization_id, c.group_id, c.goal,
    case when c.how = 'use' then 'use' else 'document' end, sum(c.n)::bigint
  from erfa_private.map_document_counts c, me
  where c.n > 0 and c.organization_id = any(orgs) and (c.is_public or me.active)
    and (c.how in ('author', 'use') or (c.how = 'contributor' and me.id is not null))
  group by 1, 2, 3, 4
  union all
  select r.organization_id,
    case when g = 0 then r.group_id else '00000000-0000-0000-0000-000000000000'::uuid end,
    g, 'document', count(*)
  from erfa.map_inactive_documents(orgs) r, unnest(array[0::smallint] || r.sdg_goals) g
  group by 1, 2, 3
$$;

-- Which organizations each document linked to research counts for, as the caller sees it (the
-- map's research through documents): the same rules as above.
create or replace function erfa.map_linked_documents(orgs uuid[])
returns table (research_id uuid, organization_id uuid)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.uid() as id, erfa.is_active_user() as active),
  l as (select * from erfa.map_research_links() l where l.document_id is not null)
  select l.research_id, r.organization_id
  from l join erfa_private.map_document_rows r on r.document_id = l.document_id, me
  where r.organization_id = any(orgs) and (r.is_public or me.active)
    and (r.how = 'author' or (r.how = 'contributor' and me.id is not null))
  union
  select l.research_id, i.organization_id
  from l join erfa.map_inactive_documents(orgs) i on i.document_id = l.document_id
$$;

revoke execute on function erfa.map_document_counts(uuid[]), erfa.map_inactive_documents(uuid[]),
  erfa.map_linked_documents(uuid[]) from public;
grant execute on function erfa.map_document_counts(uuid[]), erfa.map_inactive_documents(uuid[]),
  erfa.map_linked_documents(uuid[]) to anon, authenticated;
