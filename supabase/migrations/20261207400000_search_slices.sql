-- Search at ten years' volume (issue 17): the same answers, without reading every match.
--
-- Where the time went (EXPLAIN ANALYZE at 100 000 research records and 100 000 experiences):
-- * A GIN index answers a text query only with a bitmap of *all* matching rows, so a word found
--   in most records ("kommun" is in every experience) cost a 100 000-row bitmap per type and
--   mode, although each type keeps only its first `cap` matches (erfa.search_hits). That was
--   most of search_facets and search_suggest, and much of search.
-- * ts_headline parses and stems the whole text it cuts a snippet from (up to 20 000 characters
--   of a document), and with a common word it weighs every place the word occurs: 10-35 ms
--   per hit, for 20 hits a page.
--
-- What changes:
-- * Slices. Research and experiences get their text indexes again as partial indexes over
--   five slices of their ids (random UUIDs, so each slice holds a fixed share of the rows:
--   1/32, 3/32, 1/8, 1/4 and 1/2). erfa.search_hits reads the slices in that order and stops as
--   soon as it has `cap` matches, so a common word costs a bitmap of a 32nd of the table; a rare
--   one reads every slice, which together are the whole index, as before. When a type has no
--   more than `cap` matches (every test, and every query but common words at volume) the answer
--   is exactly the same set as before; above it, it is `cap` of the matches as before (which
--   ones was never defined: "the first ones as they come"). Newest first ('date') walks the
--   date indexes as before, over the whole table.
-- * Snippets of long texts are cut from a window: the first 2 000 characters when a match is
--   there (the common case, and every text of 2 000 characters or less, which is unchanged),
--   otherwise the whole text as before. The "…" before and after still compare with the whole
--   text.
-- Access is unchanged: erfa.search_hits stays security invoker, so row-level security decides
-- every row; the slices only split the reading of the same tables.

-- ---------------------------------------------------------------------------------------------
-- Slices of the two large tables' text indexes
-- ---------------------------------------------------------------------------------------------
create index research_fts_s1_idx on public.research using gin (fts)
  where id < '08000000-0000-0000-0000-000000000000';
create index research_fts_s2_idx on public.research using gin (fts)
  where id >= '08000000-0000-0000-0000-000000000000' and id < '20000000-0000-0000-0000-000000000000';
create index research_fts_s3_idx on public.research using gin (fts)
  where id >= '20000000-0000-0000-0000-000000000000' and id < '40000000-0000-0000-0000-000000000000';
create index research_fts_s4_idx on public.research using gin (fts)
  where id >= '40000000-0000-0000-0000-000000000000' and id < '80000000-0000-0000-0000-000000000000';
create index research_fts_s5_idx on public.research using gin (fts)
  where id >= '80000000-0000-0000-0000-000000000000';
create index research_fts_title_s1_idx on public.research using gin (fts_title)
  where id < '08000000-0000-0000-0000-000000000000';
create index research_fts_title_s2_idx on public.research using gin (fts_title)
  where id >= '08000000-0000-0000-0000-000000000000' and id < '20000000-0000-0000-0000-000000000000';
create index research_fts_title_s3_idx on public.research using gin (fts_title)
  where id >= '20000000-0000-0000-0000-000000000000' and id < '40000000-0000-0000-0000-000000000000';
create index research_fts_title_s4_idx on public.research using gin (fts_title)
  where id >= '40000000-0000-0000-0000-000000000000' and id < '80000000-0000-0000-0000-000000000000';
create index research_fts_title_s5_idx on public.research using gin (fts_title)
  where id >= '80000000-0000-0000-0000-000000000000';

-- Experiences: only the ones search finds (published, not hidden), which also keeps them small.
create index experiences_fts_s1_idx on public.experiences using gin (fts)
  where status = 'published' and hidden_at is null
    and id < '08000000-0000-0000-0000-000000000000';
create index experiences_fts_s2_idx on public.experiences using gin (fts)
  where status = 'published' and hidden_at is null
    and id >= '08000000-0000-0000-0000-000000000000' and id < '20000000-0000-0000-0000-000000000000';
create index experiences_fts_s3_idx on public.experiences using gin (fts)
  where status = 'published' and hidden_at is null
    and id >= '20000000-0000-0000-0000-000000000000' and id < '40000000-0000-0000-0000-000000000000';
create index experiences_fts_s4_idx on public.experiences using gin (fts)
  where status = 'published' and hidden_at is null
    and id >= '40000000-0000-0000-0000-000000000000' and id < '80000000-0000-0000-0000-000000000000';
create index experiences_fts_s5_idx on public.experiences using gin (fts)
  where status = 'published' and hidden_at is null
    and id >= '80000000-0000-0000-0000-000000000000';
create index experiences_fts_title_s1_idx on public.experiences using gin (fts_title)
  where status = 'published' and hidden_at is null
    and id < '08000000-0000-0000-0000-000000000000';
create index experiences_fts_title_s2_idx on public.experiences using gin (fts_title)
  where status = 'published' and hidden_at is null
    and id >= '08000000-0000-0000-0000-000000000000' and id < '20000000-0000-0000-0000-000000000000';
create index experiences_fts_title_s3_idx on public.experiences using gin (fts_title)
  where status = 'published' and hidden_at is null
    and id >= '20000000-0000-0000-0000-000000000000' and id < '40000000-0000-0000-0000-000000000000';
create index experiences_fts_title_s4_idx on public.experiences using gin (fts_title)
  where status = 'published' and hidden_at is null
    and id >= '40000000-0000-0000-0000-000000000000' and id < '80000000-0000-0000-0000-000000000000';
create index experiences_fts_title_s5_idx on public.experiences using gin (fts_title)
  where status = 'published' and hidden_at is null
    and id >= '80000000-0000-0000-0000-000000000000';

-- The slices' bounds, in reading order; the last slice has no upper bound (null). Searching
-- newest first reads the whole table at once (one slice without bounds).
create or replace function erfa.search_slices(newest boolean) returns uuid[]
language sql immutable parallel safe set search_path = '' as $$
  select case when newest then array[null, null]::uuid[] else array[
    '00000000-0000-0000-0000-000000000000', '08000000-0000-0000-0000-000000000000',
    '20000000-0000-0000-0000-000000000000', '40000000-0000-0000-0000-000000000000',
    '80000000-0000-0000-0000-000000000000', null]::uuid[] end
$$;

-- ---------------------------------------------------------------------------------------------
-- Hits (as in 20261127000000, research and experiences read slice by slice)
-- ---------------------------------------------------------------------------------------------

-- The research branch of erfa.search_hits for one slice [lo, hi) of ids.
create or replace function erfa.search_research_slice(tsq tsquery, f jsonb, cap int, titles boolean,
  newest boolean, ranked boolean, lo uuid, hi uuid)
returns table (type text, id uuid, title text, path text, context text, rank real,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
language plpgsql stable set search_path = '' set plan_cache_mode = 'force_custom_plan'
  set enable_seqscan = off as $$
begin
  return query select 'research'::text, r.id, r.title, '/research/' || r.id, i.name,
      case when ranked then ts_rank(r.fts, tsq) end,
      coalesce(make_timestamptz(r.year, 1, 1, 0, 0, 0), r.created_at),
      coalesce(r.year, extract(year from r.created_at)::smallint), r.goals, r.institution_id, null::uuid
    from public.research r left join public.organizations i on i.id = r.institution_id
    where case when titles then r.fts_title @@ tsq else r.fts @@ tsq end
      and (lo is null or r.id >= lo) and (hi is null or r.id < hi)
      and erfa.search_filter(f, 'research', r.goals, r.institution_id, null,
        coalesce(r.year, extract(year from r.created_at)::smallint))
    order by case when newest then r.year end desc, case when newest then r.created_at end desc
    limit cap;
end
$$;

-- The experiences branch of erfa.search_hits for one slice [lo, hi) of ids.
create or replace function erfa.search_experience_slice(tsq tsquery, f jsonb, cap int,
  titles boolean, newest boolean, ranked boolean, lo uuid, hi uuid)
returns table (type text, id uuid, title text, path text, context text, rank real,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
language plpgsql stable set search_path = '' set plan_cache_mode = 'force_custom_plan'
  set enable_seqscan = off as $$
begin
  return query select 'experience'::text, e.id, e.title,
      '/groups/' || g.slug || '/experiences/' || e.id, g.name,
      case when ranked then ts_rank(e.fts, tsq) end, e.published_at,
      extract(year from e.published_at)::smallint,
      e.sdg_goals, e.organization_id, g.theme_id
    from public.experiences e join public.groups g on g.id = e.group_id
    where case when titles then e.fts_title @@ tsq else e.fts @@ tsq end
      and e.status = 'published' and e.hidden_at is null
      and (lo is null or e.id >= lo) and (hi is null or e.id < hi)
      and erfa.search_filter(f, 'experience', e.sdg_goals, e.organization_id, g.theme_id,
        extract(year from e.published_at)::smallint)
    order by case when newest then e.published_at end desc
    limit cap;
end
$$;

-- Reads one of the large tables slice by slice until `cap` matches (all slices without a cap).
create or replace function erfa.search_sliced(tbl text, tsq tsquery, f jsonb, cap int,
  titles boolean, newest boolean, ranked boolean)
returns table (type text, id uuid, title text, path text, context text, rank real,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
language plpgsql stable set search_path = '' as $$
declare
  bounds uuid[] := erfa.search_slices(newest);
  got int := 0;
  n int;
begin
  for i in 1 .. cardinality(bounds) - 1 loop
    if tbl = 'research' then
      return query select * from erfa.search_research_slice(tsq, f, cap - got, titles, newest,
        ranked, bounds[i], bounds[i + 1]);
    else
      return query select * from erfa.search_experience_slice(tsq, f, cap - got, titles, newest,
        ranked, bounds[i], bounds[i + 1]);
    end if;
    get diagnostics n = row_count;
    got := got + n;
    exit when got >= cap;
  end loop;
end
$$;

-- As in 20261127000000, with research and experiences read slice by slice (see the header).
create or replace function erfa.search_hits(tsq tsquery, f jsonb default '{}', cap int default null,
  mode text default 'relevance')
returns table (type text, id uuid, title text, path text, context text, rank real,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
language plpgsql stable set search_path = '' set plan_cache_mode = 'force_custom_plan'
  set enable_seqscan = off as $$
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
  if only_type is null or only_type = 'research' then
    return query select * from erfa.search_sliced('research', tsq, f, cap, titles, newest, ranked);
  end if;
  if only_type is null or only_type = 'document' then
    return query select 'document'::text, d.id, d.title, '/docs/' || d.id, g.name,
        case when ranked then ts_rank(d.fts, tsq) end, d.content_updated_at,
        extract(year from d.content_updated_at)::smallint,
        d.sdg_goals, d.organization_id, g.theme_id
      from public.documents d left join public.groups g on g.id = d.group_id
      where case when titles then d.fts_title @@ tsq else d.fts @@ tsq end
        and erfa.search_filter(f, 'document', d.sdg_goals, d.organization_id,
          g.theme_id, extract(year from d.content_updated_at)::smallint)
      order by case when newest then d.content_updated_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'event') then
    return query select 'event'::text, e.id, e.title, '/events/' || e.id, g.name,
        case when ranked then ts_rank(e.fts, tsq) end, e.starts_at,
        extract(year from e.starts_at)::smallint,
        e.sdg_goals, e.organization_id, g.theme_id
      from public.events e left join public.groups g on g.id = e.group_id
      where e.fts @@ tsq and erfa.search_filter(f, 'event', e.sdg_goals, e.organization_id,
        g.theme_id, extract(year from e.starts_at)::smallint)
      order by case when newest then e.starts_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'organization') then
    return query select 'organization'::text, o.id, o.name, '/organizations/' || o.slug, o.county,
        case when ranked then ts_rank(o.fts, tsq) end, null::timestamptz, null::smallint,
        '{}'::smallint[], o.id, null::uuid
      from public.organizations o
      where o.fts @@ tsq and erfa.search_filter(f, 'organization', '{}', o.id, null, null)
      limit cap;
  end if;
  if not member then
    return;
  end if;
  if only_type is null or only_type = 'experience' then
    return query select * from erfa.search_sliced('experience', tsq, f, cap, titles, newest, ranked);
  end if;
  if only_type is null or only_type = 'thread' then
    return query select 'thread'::text, t.id, t.title,
        '/groups/' || g.slug || '/discussions/' || t.id, g.name,
        case when ranked then ts_rank(t.fts, tsq) end, t.created_at,
        extract(year from t.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.threads t join public.groups g on g.id = t.group_id
      where case when titles then t.fts_title @@ tsq else t.fts @@ tsq end
        and t.hidden_at is null and t.deleted_at is null
        and erfa.search_filter(f, 'thread', g.sdg_goals, null, g.theme_id,
          extract(year from t.created_at)::smallint)
      order by case when newest then t.created_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'reply') then
    return query select 'reply'::text, r.id, t.title,
        '/groups/' || g.slug || '/discussions/' || t.id || '#reply-' || r.id, g.name,
        case when ranked then ts_rank(r.fts, tsq) end, r.created_at,
        extract(year from r.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.replies r join public.threads t on t.id = r.thread_id
        join public.groups g on g.id = t.group_id
      where r.fts @@ tsq and r.hidden_at is null and r.deleted_at is null
        and t.hidden_at is null and t.deleted_at is null
        and erfa.search_filter(f, 'reply', g.sdg_goals, null, g.theme_id,
          extract(year from r.created_at)::smallint)
      order by case when newest then r.created_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'group') then
    return query select 'group'::text, g.id, g.name, '/groups/' || g.slug, null::text,
        case when ranked then ts_rank(g.fts, tsq) end, g.created_at,
        extract(year from g.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.groups g
      where g.fts @@ tsq and g.status in ('active', 'archived')
        and erfa.search_filter(f, 'group', g.sdg_goals, null, g.theme_id,
          extract(year from g.created_at)::smallint)
      order by case when newest then g.created_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'person') then
    return query select 'person'::text, p.id, p.name, '/organizations/' || o.slug || '#people-heading',
        o.name, case when ranked then greatest(ts_rank(p.fts, tsq), ts_rank(o.fts, tsq) / 2)::real end,
        null::timestamptz,
        null::smallint, '{}'::smallint[], p.organization_id, null::uuid
      from public.profiles p join public.organizations o on o.id = p.organization_id
      where (p.fts @@ tsq or o.fts @@ tsq) and p.deactivated_at is null
        and erfa.search_filter(f, 'person', '{}', p.organization_id, null, null)
      limit cap;
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Snippets from a window of long texts
-- ---------------------------------------------------------------------------------------------

-- ts_headline with the snippet options of 20261206000000 (a short text whole, a long one in two
-- fragments), for text `t` of a body `full_length` characters long.
create or replace function erfa.search_headline(t text, tsq tsquery, full_length int) returns text
language sql stable parallel safe set search_path = '' as $$
  select ts_headline('pg_catalog.swedish', t, tsq,
    'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || case when full_length <= 240
      then ', HighlightAll=true'
      else ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "' end)
$$;

-- As in 20261206000000, but a text longer than 2 000 characters is first cut from its first
-- 2 000 (ending at a whole word), and from the whole text only when nothing matches there.
create or replace function erfa.search_snippet(body text, tsq tsquery, marked boolean) returns text
language plpgsql stable parallel safe set search_path = '' as $$
declare
  s text;
  t text;
  window_text text;
begin
  if body is null then
    return null;
  end if;
  if length(body) > 2000 then
    window_text := left(body, 2000);
    if substr(body, 2001, 1) !~ '\s' then
      window_text := regexp_replace(window_text, '\S+$', '');
    end if;
    s := erfa.search_headline(window_text, tsq, length(body));
  end if;
  if s is null or position(chr(57344) in s) = 0 then
    s := erfa.search_headline(body, tsq, length(body));
  end if;
  t := btrim(translate(s, chr(57344) || chr(57345), ''));
  if t = '' then
    return null;
  end if;
  return case when left(body, least(20, length(t))) <> left(t, 20) then '… ' else '' end
    || btrim(case when marked then s else t end)
    || case when right(body, least(20, length(t))) <> right(t, 20) and t !~ '[.!?…]$'
      then ' …' else '' end;
end
$$;

grant execute on function erfa.search_slices(boolean),
  erfa.search_research_slice(tsquery, jsonb, int, boolean, boolean, boolean, uuid, uuid),
  erfa.search_experience_slice(tsquery, jsonb, int, boolean, boolean, boolean, uuid, uuid),
  erfa.search_sliced(text, tsquery, jsonb, int, boolean, boolean, boolean),
  erfa.search_headline(text, tsquery, int)
  to anon, authenticated;

analyze public.research, public.experiences;
