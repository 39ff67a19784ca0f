-- Search's smaller types planned once per session (issue 17). erfa.search_hits (20261207400000)
-- ran every type's statement with plan_cache_mode = force_custom_plan, so that the mode folded
-- away (`case when titles then fts_title @@ tsq else fts @@ tsq end` and `order by case when
-- newest ...`) and each statement used the index its mode needs: every call planned documents,
-- events, organizations, threads, replies, groups and people afresh, with their read policies,
-- and a search page calls it twice, the type-ahead twice more. As 20261208100300 did for the
-- slices, each type and mode is here its own statement (the whole text, titles only, newest
-- first), so PL/pgSQL keeps one generic plan per statement for the session, and each statement
-- still names its own index and order. Same rows, same order, same access (security invoker:
-- row-level security decides every row; only the planning changes).
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
  branch text;
  branches text := '';
  t int;
begin
  for t in 1 .. cardinality(types) loop
    newest_order := case when dates[t] is null then '' else format('order by %s desc', dates[t]) end;
    branch := format(
      E'  if only_type is null or only_type = %1$L then\n'
      || E'    if titles then\n%2$s    elsif newest then\n      return query %3$s;\n'
      || E'    else\n      return query %4$s;\n    end if;\n  end if;\n',
      types[t],
      case when has_titles[t] then format(E'      return query %s;\n', format(bodies[t], 'fts_title', ''))
        else E'      null;\n' end,
      format(bodies[t], 'fts', newest_order), format(bodies[t], 'fts', ''));
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
