-- Found by the knowledge benchmarks (bench/knowledge*.ts: 100 000 research records, 100 000
-- experiences, 10 000 documents), signed in as an ordinary member. Same results, less work.

-- 1. Research the caller may edit. Policies FOR ALL apply to SELECT too, so every read of
-- research_authors and research_sdg (and of research_links, through decidable_research_links)
-- computes this set. Its filter `r.created_by = erfa.uid() or erfa.is_admin()` called both
-- functions for every record (neither is inlined), 1.2 s at 100 000 records, on every page that
-- lists research with its authors. Here each is called once, and a member's own records come
-- from an index.
create or replace function erfa.editable_research() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select r.id from public.research r where erfa.is_active_user() and erfa.is_admin()
  union all
  select r.id from public.research r
  where r.created_by = erfa.uid() and erfa.is_active_user() and not erfa.is_admin()
$$;
create index research_created_by_idx on public.research (created_by);

-- 2. Documents the caller may read: erfa.is_active_user() was called once per document (it sat
-- in an OR with the row's columns); as a scalar subquery it is called once per statement.
create or replace function erfa.readable_documents() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select d.id from public.documents d
  where (d.status = 'published' and d.is_public)
    or ((select erfa.is_active_user()) and (
      d.status = 'published' or d.group_id in (select erfa.readable_groups())))
$$;

-- 3. The reading policies of research's authors, goals, files, comments and links check
-- `research_id in (select r.id from public.research r)`: every visible record's id, once per
-- statement. With the columns of research's own reading policy beside the id, that is an
-- index-only scan of a few megabytes instead of reading the whole table (abstracts and text
-- vectors included): about 15 ms instead of 85 ms at 100 000 records.
create index research_visible_idx on public.research (id) include (visibility, created_by);

-- 4. The list and facets of /research filter on goals, targets, type, year, institution and
-- language and count the matches. The GIN indexes on goals and targets cannot serve them under
-- row-level security (array containment is not leakproof), and a common goal matches a quarter
-- of all records anyway; this narrow index holds everything those queries and the reading
-- policy need, newest first, so they scan it instead of the table (about a third of the time).
create index research_facets_idx on public.research (created_at desc)
  include (goals, targets, type, year, institution_id, language, visibility, created_by);
