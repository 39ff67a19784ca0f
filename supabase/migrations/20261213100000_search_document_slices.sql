-- Search reads documents' text index in slices too, research's and experiences' first slice is
-- split in two, and every slice statement sits in erfa.search_hits itself (issue 17).
--
-- Where a broad search spent its time at ten years' volume (100 000 research records, 100 000
-- experiences, 10 000 documents; "kommunernas samverkan", which nearly every text matches), as
-- Anna, each type's statement of erfa.search_hits in a loop: documents 2.9 ms by relevance, 2.1
-- ms by titles and 2.2 ms counted for the facets, more than research or experiences. Documents
-- were read through their whole text index: a GIN index answers with a bitmap of all matches
-- (all 10 000 documents), although each mode keeps only the first `cap` (50 on a page, 300 for
-- the facets). Research's and experiences' first slice (1/32 of the ids, 20261207400000) was a
-- bitmap of ~3 000 matches for such a word, to keep 50 (the bitmap's build and sort were most of
-- each statement).
--
-- * Documents are read in two slices of their ids (1/32, then the rest), each a partial index,
--   in order in one statement under the type's limit (as in 20261212200100): a common word
--   reads a bitmap of ~300 documents, any other both slices, which together are the whole
--   index. (Five slices, as for the large tables, cost each rarer word four more statements'
--   worth of read-policy checks for a table of 10 000.)
-- * Research's and experiences' first slice is split into 1/256 and 7/256 of the ids (the
--   other four stay): a common word reads a bitmap of ~400 records; a word that is not common
--   reads one more (small) slice than before.
-- * Newest first walks the date indexes over the whole tables as before.
--
-- What changes in the answers: when more than `cap` documents, research records or experiences
-- match, which `cap` of them are read is the first ones of the first slices as they are now cut,
-- instead of the first ones of the whole documents table or of the old first slice (which ones
-- was never defined: "the first ones as they come"). So for common words, other records can be
-- among the ranked candidates of a page, and the facets' counts by goal, year, organization and
-- theme of a capped type (300 counted, shown as "more than") are counted over other records. A
-- type with no more than `cap` matches gets the same rows as before, and newest first is
-- unchanged.
--
-- Research's and experiences' slice statements were in erfa.search_sliced, called from
-- erfa.search_hits: a function call with three settings and a copy of every row into its result
-- per type and mode. They are now statements of erfa.search_hits (the same text, generated the
-- same way); erfa.search_sliced is dropped.
-- Security invoker throughout: row-level security decides every row.

-- ---------------------------------------------------------------------------------------------
-- Slices of documents' text indexes (the whole-table indexes stay: others read them)
-- ---------------------------------------------------------------------------------------------
create index documents_fts_s1_idx on public.documents using gin (fts)
  where id < '08000000-0000-0000-0000-000000000000';
create index documents_fts_s2_idx on public.documents using gin (fts)
  where id >= '08000000-0000-0000-0000-000000000000';
create index documents_fts_title_s1_idx on public.documents using gin (fts_title)
  where id < '08000000-0000-0000-0000-000000000000';
create index documents_fts_title_s2_idx on public.documents using gin (fts_title)
  where id >= '08000000-0000-0000-0000-000000000000';

-- ---------------------------------------------------------------------------------------------
-- Research's and experiences' first slice (1/32 of the ids) split into 1/256 and 7/256
-- ---------------------------------------------------------------------------------------------
drop index public.research_fts_s1_idx, public.research_fts_title_s1_idx,
  public.experiences_fts_s1_idx, public.experiences_fts_title_s1_idx;
create index research_fts_s1a_idx on public.research using gin (fts)
  where id < '01000000-0000-0000-0000-000000000000';
create index research_fts_s1b_idx on public.research using gin (fts)
  where id >= '01000000-0000-0000-0000-000000000000' and id < '08000000-0000-0000-0000-000000000000';
create index research_fts_title_s1a_idx on public.research using gin (fts_title)
  where id < '01000000-0000-0000-0000-000000000000';
create index research_fts_title_s1b_idx on public.research using gin (fts_title)
  where id >= '01000000-0000-0000-0000-000000000000' and id < '08000000-0000-0000-0000-000000000000';
create index experiences_fts_s1a_idx on public.experiences using gin (fts)
  where status = 'published' and hidden_at is null
    and id < '01000000-0000-0000-0000-000000000000';
create index experiences_fts_s1b_idx on public.experiences using gin (fts)
  where status = 'published' and hidden_at is null
    and id >= '01000000-0000-0000-0000-000000000000' and id < '08000000-0000-0000-0000-000000000000';
create index experiences_fts_title_s1a_idx on public.experiences using gin (fts_title)
  where status = 'published' and hidden_at is null
    and id < '01000000-0000-0000-0000-000000000000';
create index experiences_fts_title_s1b_idx on public.experiences using gin (fts_title)
  where status = 'published' and hidden_at is null
    and id >= '01000000-0000-0000-0000-000000000000' and id < '08000000-0000-0000-0000-000000000000';

-- ---------------------------------------------------------------------------------------------
-- erfa.search_hits: as in 20261211300000, with the large tables' slices as its own statements
-- ---------------------------------------------------------------------------------------------
do $do$
declare
  -- The slices' bounds: research and experiences read 1/256 of their ids first (a 1/32 slice
  -- of 100 000 rows was a bitmap of ~3 000 matches for a common word, to keep 50), documents
  -- (a tenth as many) 1/32.
  fine text[] := array['00000000-0000-0000-0000-000000000000', '01000000-0000-0000-0000-000000000000',
    '08000000-0000-0000-0000-000000000000', '20000000-0000-0000-0000-000000000000',
    '40000000-0000-0000-0000-000000000000', '80000000-0000-0000-0000-000000000000', null];
  coarse text[] := array['00000000-0000-0000-0000-000000000000', '08000000-0000-0000-0000-000000000000', null];
  bounds text[];
  -- Per type: the statement with %1$s its text column (fts or fts_title), %2$s its order (empty,
  -- or `order by <date> desc`) and %3$s the slice condition (`true` when not sliced).
  types text[] := array['research', 'document', 'event', 'organization', 'experience', 'thread',
    'reply', 'group', 'person'];
  bodies text[] := array[
    $s$select 'research'::text, r.id, r.title, '/research/' || r.id, i.name,
        case when ranked then ts_rank(r.fts, tsq) end,
        coalesce(make_timestamptz(r.year, 1, 1, 0, 0, 0), r.created_at),
        coalesce(r.year, extract(year from r.created_at)::smallint), r.goals, r.institution_id, null::uuid
      from public.research r left join public.organizations i on i.id = r.institution_id
      where r.%1$s @@ tsq and %3$s
        and erfa.search_filter(f, 'research', r.goals, r.institution_id, null,
          coalesce(r.year, extract(year from r.created_at)::smallint))
      %2$s limit cap$s$,
    $s$select 'document'::text, d.id, d.title, '/docs/' || d.id, g.name,
        case when ranked then ts_rank(d.fts, tsq) end, d.content_updated_at,
        extract(year from d.content_updated_at)::smallint,
        d.sdg_goals, d.organization_id, g.theme_id
      from public.documents d left join public.groups g on g.id = d.group_id
      where d.%1$s @@ tsq and %3$s
        and erfa.search_filter(f, 'document', d.sdg_goals, d.organization_id,
          g.theme_id, extract(year from d.content_updated_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'event'::text, e.id, e.title, '/events/' || e.id, g.name,
        case when ranked then ts_rank(e.fts, tsq) end, e.starts_at,
        extract(year from e.starts_at)::smallint,
        e.sdg_goals, e.organization_id, g.theme_id
      from public.events e left join public.groups g on g.id = e.group_id
      where e.%1$s @@ tsq and %3$s and erfa.search_filter(f, 'event', e.sdg_goals, e.organization_id,
        g.theme_id, extract(year from e.starts_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'organization'::text, o.id, o.name, '/organizations/' || o.slug, o.county,
        case when ranked then ts_rank(o.fts, tsq) end, null::timestamptz, null::smallint,
        '{}'::smallint[], o.id, null::uuid
      from public.organizations o
      where o.%1$s @@ tsq and %3$s and erfa.search_filter(f, 'organization', '{}', o.id, null, null)
      %2$s limit cap$s$,
    $s$select 'experience'::text, e.id, e.title,
        '/groups/' || g.slug || '/experiences/' || e.id, g.name,
        case when ranked then ts_rank(e.fts, tsq) end, e.published_at,
        extract(year from e.published_at)::smallint,
        e.sdg_goals, e.organization_id, g.theme_id
      from public.experiences e join public.groups g on g.id = e.group_id
      where e.%1$s @@ tsq and e.status = 'published' and e.hidden_at is null and %3$s
        and erfa.search_filter(f, 'experience', e.sdg_goals, e.organization_id, g.theme_id,
          extract(year from e.published_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'thread'::text, t.id, t.title,
        '/groups/' || g.slug || '/discussions/' || t.id, g.name,
        case when ranked then ts_rank(t.fts, tsq) end, t.created_at,
        extract(year from t.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.threads t join public.groups g on g.id = t.group_id
      where t.%1$s @@ tsq and %3$s and t.hidden_at is null and t.deleted_at is null
        and erfa.search_filter(f, 'thread', g.sdg_goals, null, g.theme_id,
          extract(year from t.created_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'reply'::text, r.id, t.title,
        '/groups/' || g.slug || '/discussions/' || t.id || '#reply-' || r.id, g.name,
        case when ranked then ts_rank(r.fts, tsq) end, r.created_at,
        extract(year from r.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.replies r join public.threads t on t.id = r.thread_id
        join public.groups g on g.id = t.group_id
      where r.%1$s @@ tsq and %3$s and r.hidden_at is null and r.deleted_at is null
        and t.hidden_at is null and t.deleted_at is null
        and erfa.search_filter(f, 'reply', g.sdg_goals, null, g.theme_id,
          extract(year from r.created_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'group'::text, g.id, g.name, '/groups/' || g.slug, null::text,
        case when ranked then ts_rank(g.fts, tsq) end, g.created_at,
        extract(year from g.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.groups g
      where g.%1$s @@ tsq and %3$s and g.status in ('active', 'archived')
        and erfa.search_filter(f, 'group', g.sdg_goals, null, g.theme_id,
          extract(year from g.created_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'person'::text, p.id, p.name, '/organizations/' || o.slug || '#people-heading',
        o.name, case when ranked then greatest(ts_rank(p.fts, tsq), ts_rank(o.fts, tsq) / 2)::real end,
        null::timestamptz,
        null::smallint, '{}'::smallint[], p.organization_id, null::uuid
      from public.profiles p join public.organizations o on o.id = p.organization_id
      where (p.%1$s @@ tsq or o.%1$s @@ tsq) and %3$s and p.deactivated_at is null
        and erfa.search_filter(f, 'person', '{}', p.organization_id, null, null)
      %2$s limit cap$s$];
  -- The alias a sliced type's ids are bounded on; null: read whole.
  sliced text[] := array['r', 'd', null, null, 'e', null, null, null, null];
  has_titles boolean[] := array[true, true, false, false, true, true, false, false, false];
  -- Newest first: null reads as relevance does (no date); a function name calls that
  -- force_custom_plan function (20261211300000); otherwise the date column walked in order.
  dates text[] := array['erfa.search_research_slice_planned', 'd.content_updated_at', 'e.starts_at',
    null, 'erfa.search_experience_slice_planned', 't.created_at', 'r.created_at', 'g.created_at', null];
  newest_order text;
  newest_stmt text;
  whole_text text;
  slices text[];
  branch text;
  branches text := '';
  t int;
  i int;
  function_text text;
begin
  for t in 1 .. cardinality(types) loop
    -- Newest first.
    if dates[t] like 'erfa.%' then
      newest_stmt := format('select * from %s(tsq, f, cap, titles, newest, ranked, null, null)',
        dates[t]);
    else
      newest_order := case when dates[t] is null then '' else format('order by %s desc', dates[t]) end;
      newest_stmt := format(bodies[t], 'fts', newest_order, 'true');
      -- Ranked after the limit (the rank only breaks ties of date), not every match.
      if dates[t] is not null then
        whole_text := format('%s.fts', split_part(dates[t], '.', 1));
        newest_stmt := replace(newest_stmt,
          format('case when ranked then ts_rank(%s, tsq) end', whole_text), whole_text);
        if newest_stmt = format(bodies[t], 'fts', newest_order, 'true') then
          raise exception 'search_hits: no rank to move in %', types[t];
        end if;
        newest_stmt := format($s$select q.type, q.id, q.title, q.path, q.context,
        case when ranked then ts_rank(q.v, tsq) end, q.at, q.year, q.goals, q.organization_id,
        q.theme_id
      from (%s) q(type, id, title, path, context, v, at, year, goals, organization_id, theme_id)$s$,
          newest_stmt);
      end if;
    end if;
    branch := format(E'  if only_type is null or only_type = %1$L then\n', types[t]);
    if has_titles[t] then
      branch := branch || E'    if titles then\n      return query %1$s;\n    elsif newest then\n';
    else
      branch := branch || E'    if titles then\n      null;\n    elsif newest then\n';
    end if;
    branch := branch || E'      return query %2$s;\n    else\n      return query %3$s;\n'
      || E'    end if;\n  end if;\n';
    if sliced[t] is null then
      branch := format(branch, format(bodies[t], 'fts_title', '', 'true'), newest_stmt,
        format(bodies[t], 'fts', '', 'true'));
    else
      -- The slices in order, the bounds written in each, so that each proves its partial index
      -- and the statement keeps one generic plan.
      declare
        col text;
        stmts text[] := '{}';
      begin
        foreach col in array array['fts_title', 'fts'] loop
          slices := '{}';
          bounds := case when sliced[t] = 'd' then coarse else fine end;
          for i in 1 .. cardinality(bounds) - 1 loop
            slices := slices || format('(%s)', format(bodies[t], col, '',
              format('%1$s.id >= %2$L', sliced[t], bounds[i]) || case when bounds[i + 1] is null
                then '' else format(' and %1$s.id < %2$L', sliced[t], bounds[i + 1]) end));
          end loop;
          stmts := stmts || format('select * from (%s) s limit cap',
            array_to_string(slices, E'\n      union all '));
        end loop;
        branch := format(branch, stmts[1], newest_stmt, stmts[2]);
      end;
    end if;
    -- The members' types (from experiences on) are read for a signed-in caller only, as before.
    if types[t] = 'experience' then
      branches := branches || E'  if not member then\n    return;\n  end if;\n';
    end if;
    branches := branches || branch;
  end loop;
  function_text := format($f$
    create or replace function erfa.search_hits(tsq tsquery, f jsonb default '{}',
      cap int default null, mode text default 'relevance')
    returns table (type text, id uuid, title text, path text, context text, rank real,
      date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
    language plpgsql stable set search_path = '' set plan_cache_mode = 'force_generic_plan'
      set enable_seqscan = off as $b$
    #variable_conflict use_column
    declare
      only_type text := f->>'type';
      member boolean := erfa.uid() is not null;
      titles boolean := mode = 'titles';
      newest boolean := mode = 'date';
      ranked boolean := mode <> 'count';
    begin
      if tsq is null or numnode(tsq) = 0 then
        return;
      end if;
    %1$s
    end
    $b$$f$, branches);
  execute function_text;
end
$do$;

-- Its statements are erfa.search_hits' own now.
drop function erfa.search_sliced(text, tsquery, jsonb, int, boolean, boolean, boolean);
