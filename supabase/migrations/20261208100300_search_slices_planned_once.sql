-- Search's slice statements planned once (issue 17). erfa.search_research_slice and
-- erfa.search_experience_slice (20261207400000) were planned afresh on every call
-- (force_custom_plan, so that the planner could prove which partial index of a slice applies from
-- its bounds). With ten partial text indexes per table and the tables' read policies, planning
-- one such statement took 0.5-2 ms (EXPLAIN summary at volume), and a search page runs a dozen
-- of them: as much as the statements themselves. Here each slice and each kind of match (the
-- whole text or titles only) is its own statement with the slice's bounds written in it, so
-- PL/pgSQL keeps one generic plan per statement for the session and the partial index is still
-- proven from the bounds. Newest first (the date order, over the whole table) keeps its planned
-- per call statement. Same rows, same order of reading, same access (security invoker).
alter function erfa.search_research_slice(tsquery, jsonb, int, boolean, boolean, boolean, uuid, uuid)
  rename to search_research_slice_planned;
alter function erfa.search_experience_slice(tsquery, jsonb, int, boolean, boolean, boolean, uuid, uuid)
  rename to search_experience_slice_planned;

do $do$
declare
  bounds text[] := array['00000000-0000-0000-0000-000000000000', '08000000-0000-0000-0000-000000000000',
    '20000000-0000-0000-0000-000000000000', '40000000-0000-0000-0000-000000000000',
    '80000000-0000-0000-0000-000000000000', null];
  tables text[] := array['research', 'experience'];
  -- What each table's slice statement selects and from where (as in 20261207400000), with
  -- %1$s the text column (fts or fts_title) and %2$s the slice condition.
  bodies text[] := array[
    $s$select 'research'::text, r.id, r.title, '/research/' || r.id, i.name,
        case when ranked then ts_rank(r.fts, tsq) end,
        coalesce(make_timestamptz(r.year, 1, 1, 0, 0, 0), r.created_at),
        coalesce(r.year, extract(year from r.created_at)::smallint), r.goals, r.institution_id, null::uuid
      from public.research r left join public.organizations i on i.id = r.institution_id
      where r.%1$s @@ tsq and %2$s
        and erfa.search_filter(f, 'research', r.goals, r.institution_id, null,
          coalesce(r.year, extract(year from r.created_at)::smallint))
      limit cap$s$,
    $s$select 'experience'::text, e.id, e.title,
        '/groups/' || g.slug || '/experiences/' || e.id, g.name,
        case when ranked then ts_rank(e.fts, tsq) end, e.published_at,
        extract(year from e.published_at)::smallint,
        e.sdg_goals, e.organization_id, g.theme_id
      from public.experiences e join public.groups g on g.id = e.group_id
      where e.%1$s @@ tsq and e.status = 'published' and e.hidden_at is null and %2$s
        and erfa.search_filter(f, 'experience', e.sdg_goals, e.organization_id, g.theme_id,
          extract(year from e.published_at)::smallint)
      limit cap$s$];
  alias text[] := array['r', 'e'];
  branches text;
  cond text;
  t int;
  i int;
begin
  for t in 1 .. 2 loop
    branches := '';
    for i in 1 .. 5 loop
      cond := format('%1$s.id >= %2$L', alias[t], bounds[i]) || case when bounds[i + 1] is null
        then '' else format(' and %1$s.id < %2$L', alias[t], bounds[i + 1]) end;
      branches := branches || format(
        E'  if lo = %1$L and titles then\n    return query %2$s;\n    return;\n  end if;\n'
        || E'  if lo = %1$L then\n    return query %3$s;\n    return;\n  end if;\n',
        bounds[i], format(bodies[t], 'fts_title', cond), format(bodies[t], 'fts', cond));
    end loop;
    execute format($f$
      create or replace function erfa.search_%1$s_slice(tsq tsquery, f jsonb, cap int,
        titles boolean, newest boolean, ranked boolean, lo uuid, hi uuid)
      returns table (type text, id uuid, title text, path text, context text, rank real,
        date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
      language plpgsql stable set search_path = '' set plan_cache_mode = 'force_generic_plan'
        set enable_seqscan = off as $b$
      begin
        -- Newest first reads the whole table (no bounds), planned per call for its order.
        if newest or lo is null then
          return query select * from erfa.search_%1$s_slice_planned(tsq, f, cap, titles, newest,
            ranked, lo, hi);
          return;
        end if;
      %2$s
        raise exception 'search: unknown slice %%', lo;
      end
      $b$$f$, tables[t], branches);
  end loop;
end
$do$;


grant execute on function
  erfa.search_research_slice(tsquery, jsonb, int, boolean, boolean, boolean, uuid, uuid),
  erfa.search_experience_slice(tsquery, jsonb, int, boolean, boolean, boolean, uuid, uuid)
  to anon, authenticated;
