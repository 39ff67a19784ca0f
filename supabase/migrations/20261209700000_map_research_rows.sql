-- The knowledge map's research from maintained rows (issue 17). public.knowledge_map
-- (20261209300200) still spent 40–70 ms of its 75–100 ms at 100 000 records attributing research:
-- it looked up every experience linked to research by id as the caller (~2 500, through the
-- experiences' read policy), then every attributed research record by id (~2 000, through
-- research's) for its goals.
--
-- erfa_private.map_research_link_rows keeps, per confirmed research link, what decides whether
-- and where it counts: the link's group, experience and document; the research's goals and the
-- facts of its read rule (public, who created it); and, when the link is to an experience the
-- map counts (published, not hidden), that experience's organization and the facts of its read
-- rule (group, shared with all, author). erfa_private.map_refresh_research_links(ids) derives
-- a link's row again; triggers call it in the same transaction as every change that can move
-- it: a link added, removed or changed; a research record's goals, visibility or creator; an
-- experience's status, hiding, organization, group, sharing or author. A deleted research
-- record or experience removes its links (on delete cascade), which the link trigger sees.
--
-- Access: erfa.map_research_link_facts(orgs) applies exactly the rules the map applied by
-- reading the tables as the caller:
-- * a link: its group is readable (erfa.readable_groups()), or the caller is signed out and the
--   link is to a document (erfa.map_research_links, 20261126000100);
-- * its research: public, created by the caller, or the caller is an active user (research_read
--   and research_read_public);
-- * its experience (experiences_read, restricted to counted experiences): the caller is an active
--   user, and the experience is shared with all, in a readable group, or the caller's own. The
--   policy's moderated groups are readable groups of an active user, so they add nothing.
--   Signed out there is no SELECT on experiences and no active user: no experience counts.
-- The function is security definer (erfa_private is not readable by callers) and returns only
-- what the caller may read. Documents attribute research as erfa.map_linked_documents did
-- (from erfa_private.map_document_rows), groups as before (where an organization has counted
-- items).
--
-- A write's cost: one link's row deleted and inserted (a few index look-ups); a research
-- record's or an experience's update of the columns above rewrites the rows of its links (a
-- handful). Saving a text touches none of it.

create table erfa_private.map_research_link_rows (
  link_id uuid primary key,
  research_id uuid not null,
  group_id uuid not null,
  experience_id uuid,
  document_id uuid,
  goals smallint[] not null,
  research_public boolean not null,
  research_created_by uuid,
  -- Set only when the experience is counted on the map (published, not hidden).
  experience_organization_id uuid,
  experience_group_id uuid,
  experience_shared_with_all boolean,
  experience_author_id uuid
);
alter table erfa_private.map_research_link_rows enable row level security;
create index map_research_link_rows_research_idx
  on erfa_private.map_research_link_rows (research_id);
create index map_research_link_rows_experience_idx
  on erfa_private.map_research_link_rows (experience_id) where experience_id is not null;

create or replace function erfa_private.map_refresh_research_links(ids uuid[])
returns void language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(cardinality(ids), 0) = 0 then return; end if;
  -- Two transactions refreshing one link (its research and its experience changed at once)
  -- take turns, in one order: the second's statements then see the first's row and its change.
  perform 1 from public.research_links l where l.id = any(ids) order by l.id for no key update;
  delete from erfa_private.map_research_link_rows r where r.link_id = any(ids);
  insert into erfa_private.map_research_link_rows
  select l.id, l.research_id, l.group_id, l.experience_id, l.document_id, r.goals,
    r.visibility = 'public', r.created_by, e.organization_id, e.group_id, e.shared_with_all,
    e.author_id
  from public.research_links l
  join public.research r on r.id = l.research_id
  left join public.experiences e on e.id = l.experience_id and e.status = 'published'
    and e.hidden_at is null
  where l.id = any(ids) and l.status = 'confirmed';
end
$$;

-- Links: statement triggers for inserts and deletions (an import refreshes once), a row trigger
-- for updates of the columns that matter (a note's edit costs nothing here).
create or replace function erfa_private.map_research_links_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_level = 'ROW' then
    perform erfa_private.map_refresh_research_links(array[new.id]);
  elsif tg_op = 'DELETE' then
    delete from erfa_private.map_research_link_rows r
    where r.link_id in (select o.id from old_rows o);
  else
    perform erfa_private.map_refresh_research_links(array(select n.id from new_rows n));
  end if;
  return null;
end
$$;

create trigger research_links_map_insert after insert on public.research_links
  referencing new table as new_rows
  for each statement execute function erfa_private.map_research_links_changed();
create trigger research_links_map_delete after delete on public.research_links
  referencing old table as old_rows
  for each statement execute function erfa_private.map_research_links_changed();
create trigger research_links_map_update after update of status, research_id, group_id,
  experience_id, document_id on public.research_links
  for each row when ((old.status, old.research_id, old.group_id, old.experience_id,
    old.document_id) is distinct from (new.status, new.research_id, new.group_id,
    new.experience_id, new.document_id))
  execute function erfa_private.map_research_links_changed();

-- A research record's goals (kept by trigger from research_sdg), visibility or creator.
create or replace function erfa_private.map_research_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform erfa_private.map_refresh_research_links(array(
    select l.id from public.research_links l where l.research_id = new.id));
  return null;
end
$$;

create trigger research_map_update after update of goals, visibility, created_by
  on public.research
  for each row when ((old.goals, old.visibility, old.created_by)
    is distinct from (new.goals, new.visibility, new.created_by))
  execute function erfa_private.map_research_changed();

-- An experience's counting and read facts.
create or replace function erfa_private.map_research_experience_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform erfa_private.map_refresh_research_links(array(
    select l.id from public.research_links l where l.experience_id = new.id));
  return null;
end
$$;

create trigger experiences_map_research after update of status, hidden_at, organization_id,
  group_id, shared_with_all, author_id on public.experiences
  for each row when ((old.status, old.hidden_at is null, old.organization_id, old.group_id,
    old.shared_with_all, old.author_id) is distinct from (new.status, new.hidden_at is null,
    new.organization_id, new.group_id, new.shared_with_all, new.author_id))
  execute function erfa_private.map_research_experience_changed();

revoke execute on function erfa_private.map_refresh_research_links(uuid[]),
  erfa_private.map_research_links_changed(), erfa_private.map_research_changed(),
  erfa_private.map_research_experience_changed()
  from public, anon, authenticated;

select erfa_private.map_refresh_research_links(array(select l.id from public.research_links l));

-- The confirmed links whose link and research the caller may read, with the research's goals;
-- organization: an organization (of `orgs`) the link attributes its research to as the caller
-- sees it, else null. A link to an experience names the experience's organization when the
-- caller may read the experience and the map counts it; a link to a document names every
-- organization the document counts for as the caller sees it (erfa.map_linked_documents'
-- rules, 20261209300100), one row each: the links are read once.
create or replace function erfa.map_research_link_facts(orgs uuid[])
returns table (research_id uuid, group_id uuid, experience_id uuid, document_id uuid,
  goals smallint[], organization_id uuid)
language sql stable security definer set search_path = '' rows 2000 as $$
  with me as materialized (
    select erfa.uid() as id, erfa.is_active_user() as active),
  readable as materialized (select erfa.readable_groups() as id),
  l as (
    select r.* from erfa_private.map_research_link_rows r, me
    where (r.group_id in (select id from readable)
        or (me.id is null and r.document_id is not null))
      and (r.research_public or r.research_created_by = me.id or me.active))
  select l.research_id, l.group_id, l.experience_id, l.document_id, l.goals,
    case when me.active and l.experience_organization_id = any(orgs)
      and (l.experience_shared_with_all or l.experience_author_id = me.id
        or l.experience_group_id in (select id from readable))
    then l.experience_organization_id end
  from l, me
  union all
  select l.research_id, l.group_id, l.experience_id, l.document_id, l.goals, d.organization_id
  from l join erfa_private.map_document_rows d on d.document_id = l.document_id, me
  where d.organization_id = any(orgs) and (d.is_public or me.active)
    and (d.how = 'author' or (d.how = 'contributor' and me.id is not null))
  union all
  select l.research_id, l.group_id, l.experience_id, l.document_id, l.goals, i.organization_id
  from l join erfa.map_inactive_documents(orgs) i on i.document_id = l.document_id
$$;

revoke execute on function erfa.map_research_link_facts(uuid[]) from public;
grant execute on function erfa.map_research_link_facts(uuid[]) to anon, authenticated;
