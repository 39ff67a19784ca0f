-- Search facets counted in one pass, and newest first ranked after its limit (issue 17).
-- search_facets counts the first 300 matches of every type under the read rules (each counted
-- match is a row fetched and tested by its read policy, ~5 µs at volume), and then read those
-- rows seven times over to count each facet.
--
-- * The facets are counted in one pass (grouping sets) instead of one scan per facet, the goals
--   grouped as numbers and cast once. The organizations shown are the 30 with most matches,
--   ties by name (as they are listed), where a tie at the 30th was any of them.
-- * Newest first ranks only the matches it keeps. The rank only breaks ties of date, but it was
--   computed for every match before the sort kept the newest `cap`: each match's whole-text
--   vector read and ranked (all 10 000 documents for "kommunernas samverkan"). The dated types'
--   statements and the large tables' whole-table statements now rank after their limit: the same
--   rows, order and ranks.
--
-- CPU time of the backend per call, as Anna, at 100 000 research records and 100 000
-- experiences, ten benchmark searches, median of 5-9 interleaved runs, old and new in one session:
-- search sorted newest first median 89 → 35 ms (worst 418 → ~50 ms); search by relevance
-- unchanged; search_facets a little less (one pass instead of seven over its 300 per type).
-- The same rows are read and counted as before: security invoker throughout, row-level security
-- decides every row. (A smaller sample of the later types once one type reached 300 cut
-- search_facets to ~10 ms but showed exact counts such as 256 as 100 on the page; not taken.)

-- erfa.search_hits as in 20261209200000, with newest first ranked after the limit.
do $do$
declare
  -- Per type: the statement with %1$s its text column (fts or fts_title) and %2$s its order
  -- (empty, or `order by <date> desc`); whether it has a title index; its date column.
  types text[] := array['document', 'event', 'organization', 'thread', 'reply', 'group', 'person'];
  bodies text[] := array[
    $s$select 'document'::text, d.id, d.title, '/docs/' || d.id, g.name,
        case when ranked then ts_rank(d.fts, tsq) end, d.content_updated_at,
        extract(year from d.content_updated_at)::smallint,
        d.sdg_goals, d.organization_id, g.theme_id
      from public.documents d left join public.groups g on g.id = d.group_id
      where d.%1$s @@ tsq
        and erfa.search_filter(f, 'document', d.sdg_goals, d.organization_id,
          g.theme_id, extract(year from d.content_updated_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'event'::text, e.id, e.title, '/events/' || e.id, g.name,
        case when ranked then ts_rank(e.fts, tsq) end, e.starts_at,
        extract(year from e.starts_at)::smallint,
        e.sdg_goals, e.organization_id, g.theme_id
      from public.events e left join public.groups g on g.id = e.group_id
      where e.%1$s @@ tsq and erfa.search_filter(f, 'event', e.sdg_goals, e.organization_id,
        g.theme_id, extract(year from e.starts_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'organization'::text, o.id, o.name, '/organizations/' || o.slug, o.county,
        case when ranked then ts_rank(o.fts, tsq) end, null::timestamptz, null::smallint,
        '{}'::smallint[], o.id, null::uuid
      from public.organizations o
      where o.%1$s @@ tsq and erfa.search_filter(f, 'organization', '{}', o.id, null, null)
      %2$s limit cap$s$,
    $s$select 'thread'::text, t.id, t.title,
        '/groups/' || g.slug || '/discussions/' || t.id, g.name,
        case when ranked then ts_rank(t.fts, tsq) end, t.created_at,
        extract(year from t.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.threads t join public.groups g on g.id = t.group_id
      where t.%1$s @@ tsq and t.hidden_at is null and t.deleted_at is null
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
      where r.%1$s @@ tsq and r.hidden_at is null and r.deleted_at is null
        and t.hidden_at is null and t.deleted_at is null
        and erfa.search_filter(f, 'reply', g.sdg_goals, null, g.theme_id,
          extract(year from r.created_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'group'::text, g.id, g.name, '/groups/' || g.slug, null::text,
        case when ranked then ts_rank(g.fts, tsq) end, g.created_at,
        extract(year from g.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.groups g
      where g.%1$s @@ tsq and g.status in ('active', 'archived')
        and erfa.search_filter(f, 'group', g.sdg_goals, null, g.theme_id,
          extract(year from g.created_at)::smallint)
      %2$s limit cap$s$,
    $s$select 'person'::text, p.id, p.name, '/organizations/' || o.slug || '#people-heading',
        o.name, case when ranked then greatest(ts_rank(p.fts, tsq), ts_rank(o.fts, tsq) / 2)::real end,
        null::timestamptz,
        null::smallint, '{}'::smallint[], p.organization_id, null::uuid
      from public.profiles p join public.organizations o on o.id = p.organization_id
      where (p.%1$s @@ tsq or o.%1$s @@ tsq) and p.deactivated_at is null
        and erfa.search_filter(f, 'person', '{}', p.organization_id, null, null)
      %2$s limit cap$s$];
  has_titles boolean[] := array[true, false, false, true, false, false, false];
  dates text[] := array['d.content_updated_at', 'e.starts_at', null, 't.created_at',
    'r.created_at', 'g.created_at', null];
  members_only boolean[] := array[false, false, false, true, true, true, true];
  newest_order text;
  newest_stmt text;
  whole_text text;
  branch text;
  branches text := '';
  t int;
begin
  for t in 1 .. cardinality(types) loop
    newest_order := case when dates[t] is null then '' else format('order by %s desc', dates[t]) end;
    newest_stmt := format(bodies[t], 'fts', newest_order);
    -- Newest first: ranked after the limit (the rank only breaks ties of date), not every match.
    if dates[t] is not null then
      whole_text := format('%s.fts', split_part(dates[t], '.', 1));
      newest_stmt := replace(newest_stmt, format('case when ranked then ts_rank(%s, tsq) end', whole_text),
        whole_text);
      if newest_stmt = format(bodies[t], 'fts', newest_order) then
        raise exception 'search_hits: no rank to move in %', types[t];
      end if;
      newest_stmt := format($s$select q.type, q.id, q.title, q.path, q.context,
        case when ranked then ts_rank(q.v, tsq) end, q.at, q.year, q.goals, q.organization_id,
        q.theme_id
      from (%s) q(type, id, title, path, context, v, at, year, goals, organization_id, theme_id)$s$,
        newest_stmt);
    end if;
    branch := format(
      E'  if only_type is null or only_type = %1$L then\n'
      || E'    if titles then\n%2$s    elsif newest then\n      return query %3$s;\n'
      || E'    else\n      return query %4$s;\n    end if;\n  end if;\n',
      types[t],
      case when has_titles[t] then format(E'      return query %s;\n', format(bodies[t], 'fts_title', ''))
        else E'      null;\n' end,
      newest_stmt, format(bodies[t], 'fts', ''));
    -- The members' types come after experiences, as before (the order hits arrive in).
    if t = 4 then
      branches := branches || E'  if not member then\n    return;\n  end if;\n'
        || E'  if only_type is null or only_type = ''experience'' then\n'
        || E'    return query select * from erfa.search_sliced(''experience'', tsq, f, cap, titles,\n'
        || E'      newest, ranked);\n  end if;\n';
    end if;
    branches := branches || branch;
  end loop;
  execute format($f$
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
      if only_type is null or only_type = 'research' then
        return query select * from erfa.search_sliced('research', tsq, f, cap, titles, newest, ranked);
      end if;
    %1$s
    end
    $b$$f$, branches);
end
$do$;

-- As in 20261209200300, counted in one pass.
create or replace function public.search_facets(q text, filters jsonb default '{}') returns jsonb
language sql stable set search_path = '' as $$
  with f as materialized (
    select filters->>'type' as type, (filters->>'goal')::smallint as goal,
      (filters->>'organization')::uuid as organization, (filters->>'theme')::uuid as theme,
      (filters->>'year')::smallint as year
  ), tested as (
    select h.type, h.goals, h.organization_id, h.theme_id, h.year,
      f.type is null or h.type = f.type as t,
      f.goal is null or h.goals @> array[f.goal] as g,
      f.organization is null or h.organization_id = f.organization as o,
      f.theme is null or h.theme_id = f.theme as th,
      f.year is null or h.year = f.year as y
    from f, erfa.search_hits(erfa.search_query(q), '{}', 300, 'count') h
  ), hit as materialized (
    -- Each facet is counted under every filter but its own.
    select type, goals, organization_id, theme_id, year,
      g and o and th and y as by_type, t and o and th and y as by_goal,
      t and g and th and y as by_org, t and g and o and y as by_theme,
      t and g and o and th as by_year, t and g and o and th and y as shown
    from tested
  ), grouped as materialized (
    -- grouping(): 15 all rows, 7 per type, 11 per year, 13 per organization, 14 per theme.
    select grouping(type, year, organization_id, theme_id) as set, type, year, organization_id,
      theme_id, count(*) as n, count(*) filter (where shown) as shown,
      count(*) filter (where by_type) as by_type, count(*) filter (where by_year) as by_year,
      count(*) filter (where by_org) as by_org, count(*) filter (where by_theme) as by_theme
    from hit group by grouping sets ((), (type), (year), (organization_id), (theme_id))
  )
  select jsonb_build_object(
    'total', (select shown from grouped where set = 15),
    'capped', (select coalesce(max(n) >= 300, false) from grouped where set = 7),
    'type', (select coalesce(jsonb_object_agg(type, by_type), '{}') from grouped
      where set = 7 and by_type > 0),
    'goal', (select coalesce(jsonb_object_agg(k::text, n), '{}') from
      (select unnest(goals) k, count(*) n from hit where by_goal group by 1) x),
    'year', (select coalesce(jsonb_object_agg(year::text, by_year), '{}') from grouped
      where set = 11 and by_year > 0 and year is not null),
    'organization', (select coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'name', x.name,
        'count', x.n) order by x.n desc, x.name), '[]') from
      (select o.id, o.name, g.by_org n from grouped g join public.organizations o
        on o.id = g.organization_id where g.set = 13 and g.by_org > 0
        order by g.by_org desc, o.name limit 30) x),
    'theme', (select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name,
        'count', g.by_theme) order by g.by_theme desc, t.name), '[]') from grouped g
      join public.themes t on t.id = g.theme_id where g.set = 14 and g.by_theme > 0)
  )
$$;

-- As in 20261207400000 (renamed in 20261208100300; newest first reads the whole table here), each
-- ranked after the limit: a sort by date ranked every match before keeping the newest.
create or replace function erfa.search_research_slice_planned(tsq tsquery, f jsonb, cap int,
  titles boolean, newest boolean, ranked boolean, lo uuid, hi uuid)
returns table (type text, id uuid, title text, path text, context text, rank real,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
language plpgsql stable set search_path = '' set plan_cache_mode = 'force_custom_plan'
  set enable_seqscan = off as $$
begin
  return query select q.type, q.id, q.title, q.path, q.context,
      case when ranked then ts_rank(q.v, tsq) end, q.at, q.year, q.goals, q.organization_id,
      q.theme_id
    from (select 'research'::text, r.id, r.title, '/research/' || r.id, i.name, r.fts,
        coalesce(make_timestamptz(r.year, 1, 1, 0, 0, 0), r.created_at),
        coalesce(r.year, extract(year from r.created_at)::smallint), r.goals, r.institution_id,
        null::uuid
      from public.research r left join public.organizations i on i.id = r.institution_id
      where case when titles then r.fts_title @@ tsq else r.fts @@ tsq end
        and (lo is null or r.id >= lo) and (hi is null or r.id < hi)
        and erfa.search_filter(f, 'research', r.goals, r.institution_id, null,
          coalesce(r.year, extract(year from r.created_at)::smallint))
      order by case when newest then r.year end desc, case when newest then r.created_at end desc
      limit cap
    ) q(type, id, title, path, context, v, at, year, goals, organization_id, theme_id);
end
$$;

create or replace function erfa.search_experience_slice_planned(tsq tsquery, f jsonb, cap int,
  titles boolean, newest boolean, ranked boolean, lo uuid, hi uuid)
returns table (type text, id uuid, title text, path text, context text, rank real,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
language plpgsql stable set search_path = '' set plan_cache_mode = 'force_custom_plan'
  set enable_seqscan = off as $$
begin
  return query select q.type, q.id, q.title, q.path, q.context,
      case when ranked then ts_rank(q.v, tsq) end, q.at, q.year, q.goals, q.organization_id,
      q.theme_id
    from (select 'experience'::text, e.id, e.title,
        '/groups/' || g.slug || '/experiences/' || e.id, g.name, e.fts, e.published_at,
        extract(year from e.published_at)::smallint,
        e.sdg_goals, e.organization_id, g.theme_id
      from public.experiences e join public.groups g on g.id = e.group_id
      where case when titles then e.fts_title @@ tsq else e.fts @@ tsq end
        and e.status = 'published' and e.hidden_at is null
        and (lo is null or e.id >= lo) and (hi is null or e.id < hi)
        and erfa.search_filter(f, 'experience', e.sdg_goals, e.organization_id, g.theme_id,
          extract(year from e.published_at)::smallint)
      order by case when newest then e.published_at end desc
      limit cap
    ) q(type, id, title, path, context, v, at, year, goals, organization_id, theme_id);
end
$$;
