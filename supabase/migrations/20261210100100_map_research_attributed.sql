-- The knowledge map's research attribution in one function, with documents found by their key
-- (issue 17). erfa.map_research_link_facts (20261209700000) joined the links to documents by
-- hashing every row of erfa_private.map_document_rows of the map's organizations (~5 000 at
-- 100 000 records) for a few hundred links, and public.knowledge_map then found where
-- organizations are present in a group (for research linked to a group only) by joining those
-- links to every organization's goal-0 counts of experiences and documents (~1 400 rows).
--
-- erfa.map_research_attributed(orgs) returns each research record the caller may read with
-- each organization (of `orgs`) it counts for, as the caller sees it, and its goals:
-- * a link to an experience: the experience's organization, when the caller may read the
--   experience and the map counts it (20261209700000's rules, unchanged);
-- * a link to a document: each organization the document counts for as the caller sees it,
--   looked up by the document's key (erfa_private.map_document_rows' primary key), and
--   through erfa.map_inactive_documents for documents only deactivated people wrote in;
-- * a link to a group only: each organization with an experience or a document the caller
--   may see in that group, looked up by the group (the counts' group indexes). The link's
--   group is readable, so every counted experience in it is (experiences_read); documents by
--   the documents' rule.
-- Which document rows and counts a caller sees is one rule, erfa_private.map_document_seen,
-- used for both. Security definer (erfa_private is not readable by callers); it returns only
-- what the caller may read. It replaces erfa.map_research_link_facts and
-- erfa.map_linked_documents (dropped with the map's old query in 20261210100200).

-- Whether a document row or count of kind `how` counts for the caller (20261209300100): a
-- published document is read when it is public or the caller is an active member; who wrote
-- in it only signed in; documents only deactivated people wrote in are
-- erfa.map_inactive_documents' (looked up per person). Plain SQL: it is inlined.
create or replace function erfa_private.map_document_seen(how text, is_public boolean,
  signed_in boolean, active boolean)
returns boolean language sql immutable as $$
  select (is_public or active) and (how = 'author' or (how = 'contributor' and signed_in))
$$;

create index map_document_rows_inactive_idx
  on erfa_private.map_document_rows (organization_id) where how = 'inactive';
create index map_document_counts_group_idx
  on erfa_private.map_document_counts (group_id) where goal = 0;

create or replace function erfa.map_research_attributed(orgs uuid[])
returns table (research_id uuid, organization_id uuid, goals smallint[])
language sql stable security definer set search_path = '' rows 2000 as $$
  -- Each kind of link read straight from the link rows with its own conditions, not all links
  -- kept first and read four times. A link is read when its group is readable, or signed out
  -- when it is to a document; its research when public, the caller's or the caller is an active
  -- member, which a readable group implies.
  with me as materialized (
    select erfa.uid() as id, erfa.uid() is not null as signed_in, erfa.is_active_user() as active),
  readable as materialized (select erfa.readable_groups() as id),
  inactive as materialized (select * from erfa.map_inactive_documents(orgs))
  select l.research_id, l.experience_organization_id, l.goals
  from erfa_private.map_research_link_rows l, me
  where me.active and l.experience_organization_id = any(orgs)
    and l.group_id in (select id from readable)
    and (l.experience_shared_with_all or l.experience_author_id = me.id
      or l.experience_group_id in (select id from readable))
  union all
  select l.research_id, d.organization_id, l.goals
  from erfa_private.map_research_link_rows l, me, lateral (
    -- offset 0: looked up by key for each link, not joined by hashing every row; the
    -- organizations tested on the row (array_position), not as keys of each index search.
    select d.organization_id from erfa_private.map_document_rows d
    where d.document_id = l.document_id and array_position(orgs, d.organization_id) is not null
      and erfa_private.map_document_seen(d.how, d.is_public, me.signed_in, me.active)
    offset 0) d
  where l.document_id is not null
    and (l.group_id in (select id from readable) or me.id is null)
    and (l.research_public or l.research_created_by = me.id or me.active)
  union all
  -- Only signed in (erfa.map_inactive_documents), so only through a readable group.
  select l.research_id, i.organization_id, l.goals
  from erfa_private.map_research_link_rows l join inactive i on i.document_id = l.document_id
  where l.group_id in (select id from readable)
  union all
  select l.research_id, p.organization_id, l.goals
  from erfa_private.map_research_link_rows l, me, lateral (
    select c.organization_id from erfa_private.map_experience_counts c
    where c.group_id = l.group_id and c.goal = 0 and c.n > 0 and c.organization_id = any(orgs)
    union all
    select c.organization_id from erfa_private.map_document_counts c
    where c.group_id = l.group_id and c.goal = 0 and c.n > 0 and c.organization_id = any(orgs)
      and erfa_private.map_document_seen(c.how, c.is_public, me.signed_in, me.active)
    union all
    select i.organization_id from inactive i where i.group_id = l.group_id) p
  where l.experience_id is null and l.document_id is null
    and l.group_id in (select id from readable)
$$;

revoke execute on function erfa_private.map_document_seen(text, boolean, boolean, boolean)
  from public, anon, authenticated;
revoke execute on function erfa.map_research_attributed(uuid[]) from public;
grant execute on function erfa.map_research_attributed(uuid[]) to anon, authenticated;
