-- A search's slices of a large table read by one statement (issue 17). erfa.search_sliced
-- (20261207400000) ran each of the five slices of research's and experiences' text indexes as
-- its own statement in its own function (erfa.search_research_slice, 20261208100300), until
-- the type had `cap` matches: a word found in few records, or none, ran all five, twice per
-- table, with a function call (and its settings) around each. Each statement has a fixed cost
-- (its cached plan checked, its executor started, the read policy's init plans run), and these
-- were most of a search_hits call that finds little: ~1.6 ms on the demo data, ~2.7 ms at
-- volume, and the search page calls search_hits four or five times.
--
-- Here the five slices are the branches of one statement, in the same order, each with the
-- slice's bounds written in it (so its partial index is proven, and the statement keeps one
-- generic plan per session), under the type's limit: the executor reads a branch only when the
-- ones before it gave fewer than `cap` rows, so the rows are the same as slice by slice, and a
-- common word still reads only the first slice. Newest first reads the whole table as before.
-- Security invoker throughout: row-level security decides every row.
do $do$
declare
  bounds text[] := array['00000000-0000-0000-0000-000000000000', '08000000-0000-0000-0000-000000000000',
    '20000000-0000-0000-0000-000000000000', '40000000-0000-0000-0000-000000000000',
    '80000000-0000-0000-0000-000000000000', null];
  -- As in 20261208100300: %1$s the text column (fts or fts_title), %2$s the slice condition.
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
  tables text[] := array['research', 'experience'];
  alias text[] := array['r', 'e'];
  columns text[] := array['fts_title', 'fts'];
  slices text[];
  statements text := '';
  t int;
  c int;
  i int;
begin
  for t in 1 .. 2 loop
    for c in 1 .. 2 loop
      slices := '{}';
      for i in 1 .. 5 loop
        slices := slices || format('(%s)', format(bodies[t], columns[c],
          format('%1$s.id >= %2$L', alias[t], bounds[i]) || case when bounds[i + 1] is null
            then '' else format(' and %1$s.id < %2$L', alias[t], bounds[i + 1]) end));
      end loop;
      statements := statements || format(
        E'  if tbl = %1$L and titles = %2$L then\n    return query select * from (%3$s) s limit cap;\n'
        || E'    return;\n  end if;\n',
        tables[t], c = 1, array_to_string(slices, E'\n      union all '));
    end loop;
  end loop;
  execute format($f$
    create or replace function erfa.search_sliced(tbl text, tsq tsquery, f jsonb, cap int,
      titles boolean, newest boolean, ranked boolean)
    returns table (type text, id uuid, title text, path text, context text, rank real,
      date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
    language plpgsql stable set search_path = '' set plan_cache_mode = 'force_generic_plan'
      set enable_seqscan = off as $b$
    begin
      -- Newest first reads the whole table in date order, planned per call.
      if newest and tbl = 'research' then
        return query select * from erfa.search_research_slice_planned(tsq, f, cap, titles, newest,
          ranked, null, null);
        return;
      elsif newest then
        return query select * from erfa.search_experience_slice_planned(tsq, f, cap, titles, newest,
          ranked, null, null);
        return;
      end if;
    %1$s
      raise exception 'search: unknown table %%', tbl;
    end
    $b$$f$, statements);
end
$do$;

-- Their slices are statements of erfa.search_sliced now.
drop function erfa.search_research_slice(tsquery, jsonb, int, boolean, boolean, boolean, uuid, uuid);
drop function erfa.search_experience_slice(tsquery, jsonb, int, boolean, boolean, boolean, uuid, uuid);
