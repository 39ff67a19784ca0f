-- Read rules that look up the row they depend on by its key (issue 17). Ten policies said "the
-- research record (or experience) this row belongs to is one the caller may read" as
-- `research_id in (select r.id from public.research r)`. PostgreSQL plans such an uncorrelated
-- IN as a hashed subplan: the caller's every readable research record (or experience) is read
-- and hashed once per statement, whatever few rows the statement asks for. At 100 000 records
-- and 100 000 experiences that is 20 ms (research) and 230 ms (experiences) per statement: a
-- group page's 100 research links took ~400 ms in the database, and every research page paid
-- for its authors, goals and files. As `exists (... where r.id = research_id)` the same rule is
-- one index lookup per row asked for, under the same row-level security of the record (the
-- subquery is still read as the caller). Same rows for every caller: a row's key is never null
-- in these tables except where the rule says `is null or` (as before).
--
-- The documents' rule is the same: `document_id in (select erfa.readable_documents())` listed
-- every document the caller may read (10 000 at volume, ~20 ms) per statement. documents_read
-- is that very rule (erfa.readable_documents() is documents_read as a set, for definer code),
-- so `exists (select 1 from public.documents d where d.id = document_id)` reads the same rows:
-- here for research links, and for the documents' own parts (contributors, versions,
-- comments, files, uses). The home page read contributors three times (~60 ms at volume).
--
-- erfa.decidable_research_links() read every research record the caller created by calling
-- erfa.is_active_user() and erfa.is_admin() once per record (erfa.editable_research()); it is
-- the same rule with those asked once and the record looked up by the link's key: ~107 ms at
-- volume, now ~1 ms. Group page (group_page_open with its overview) at volume: ~400 → ~50 ms.

alter policy experience_revisions_read on public.experience_revisions
  using (exists (select 1 from public.experiences e where e.id = experience_id));
alter policy attachments_read on public.attachments
  using (exists (select 1 from public.experiences e where e.id = experience_id));
alter policy research_authors_read on public.research_authors
  using (exists (select 1 from public.research r where r.id = research_id));
alter policy research_sdg_read on public.research_sdg
  using (exists (select 1 from public.research r where r.id = research_id));
alter policy research_files_read on public.research_files
  using (exists (select 1 from public.research r where r.id = research_id));
alter policy research_comments_read on public.research_comments
  using (exists (select 1 from public.research r where r.id = research_id));
alter policy research_comments_create on public.research_comments
  with check (author_id = erfa.uid() and erfa.is_active_user()
    and exists (select 1 from public.research r where r.id = research_id));

alter policy research_links_read on public.research_links using (
  exists (select 1 from public.research r where r.id = research_id)
  and group_id in (select erfa.readable_groups())
  and (experience_id is null
    or exists (select 1 from public.experiences e where e.id = experience_id))
  and (document_id is null
    or exists (select 1 from public.documents d where d.id = document_id))
  and (status = 'confirmed' or proposed_by = (select erfa.uid())
    or id in (select erfa.decidable_research_links())));
alter policy research_links_read_public on public.research_links using (
  status = 'confirmed'
  and exists (select 1 from public.research r where r.id = research_id)
  and exists (select 1 from public.documents d where d.id = document_id));
alter policy research_links_propose on public.research_links with check (
  proposed_by = erfa.uid() and erfa.is_active_user()
  and exists (select 1 from public.research r where r.id = research_id)
  and (experience_id is not null or document_id is not null
    or group_id in (select erfa.readable_groups()))
  and (experience_id is null
    or exists (select 1 from public.experiences e where e.id = experience_id))
  and (document_id is null
    or exists (select 1 from public.documents d where d.id = document_id)));

-- As in 20261125000000: an active administrator decides every link; an active member decides a
-- link they did not propose to research they created (erfa.editable_research() for someone who
-- is not an administrator) or in a group they moderate.
create or replace function erfa.decidable_research_links() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select l.id from public.research_links l
  where (select erfa.is_active_user()) and (
    (select erfa.is_admin()) or (
      l.proposed_by is distinct from (select erfa.uid()) and (
        exists (select 1 from public.research r
          where r.id = l.research_id and r.created_by = (select erfa.uid()))
        or l.group_id in (select erfa.moderated_groups()))))
$$;

alter policy document_contributors_read on public.document_contributors
  using (exists (select 1 from public.documents d where d.id = document_id));
alter policy document_versions_read on public.document_versions
  using (exists (select 1 from public.documents d where d.id = document_id));
alter policy document_comments_read on public.document_comments
  using (exists (select 1 from public.documents d where d.id = document_id));
alter policy document_files_read on public.document_files
  using (exists (select 1 from public.documents d where d.id = document_id));
alter policy document_uses_read on public.document_uses
  using (exists (select 1 from public.documents d where d.id = document_id));
