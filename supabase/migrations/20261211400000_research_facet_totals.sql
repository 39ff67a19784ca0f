-- /research's facet counts from maintained totals (issue 17). At 100 000 research records the
-- unfiltered list page counted every readable record per goal, target, institution, year, type
-- and language on every request (public.research_facets, 20261125000100: ~600 ms in the
-- database, a 100 000-row CTE spilled to disk and one aggregate per facet).
--
-- erfa_private.research_facet_totals holds, per goal filter (0 for none), facet, key and
-- visibility, how many research records there are ('total' with key '' counts the records
-- themselves): the unfiltered page and the page of one goal (/research?goal=8, where the goal
-- pages link; ~100-180 ms counted) read it. Statement triggers with
-- transition tables keep it exact in the same transaction as the change, as the goal pages'
-- counts do (20261208100000_goal_counts.sql: one upsert per statement; an update that changes
-- none of these columns, such as link_count, adds up to zero and writes nothing).
--
-- Access, the rule of research_read / research_read_public applied to the totals: signed out,
-- public records; an active member, every record; a signed-in person who is not active (a
-- deactivated account), public records and their own members-only ones, counted from the table
-- (few). erfa.research_facet_counts is security definer (erfa_private is not readable by
-- callers) and returns numbers only.
--
-- With any other filter the counts are still computed as the caller (row-level security),
-- from the filtered rows. Both paths return the same rows (facet, key, n), turned into the same JSON by
-- public.research_facets; the target facet keeps its 40 largest, ties by key (before, a tie at
-- the 40th was broken arbitrarily).

create table erfa_private.research_facet_totals (
  goal smallint not null,
  facet text not null,
  key text not null,
  visibility text not null,
  n integer not null,
  primary key (goal, facet, key, visibility)
);
alter table erfa_private.research_facet_totals enable row level security;

-- The facet keys one record counts under, for no goal filter (0) and for each of its goals
-- once (as `goals @> array[g]` finds it once): as the live count unnests them (a repeated goal
-- or target counts twice there, so here too).
create function erfa_private.research_facet_keys(goals smallint[], targets text[],
  institution_id uuid, year smallint, type text, language text)
returns table (goal smallint, facet text, key text)
language sql immutable set search_path = '' as $$
  with k (facet, key) as (
    select 'total', ''
    union all select 'goal', g::text from unnest(goals) g
    union all select 'target', t from unnest(targets) t
    union all select 'institution', institution_id::text where institution_id is not null
    union all select 'year', year::text where year is not null
    union all select 'type', type
    union all select 'language', language where language is not null)
  select f.goal, k.facet, k.key
  from k, unnest(array[0::smallint] || array(select distinct unnest(goals))) f (goal)
$$;

create function erfa_private.research_facet_count() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- One upsert of the differences, in key order (concurrent changes lock rows in one order).
  execute format($q$
    insert into erfa_private.research_facet_totals as c (goal, facet, key, visibility, n)
    select k.goal, k.facet, k.key, x.visibility, sum(x.sign)::int
    from (%s) x, erfa_private.research_facet_keys(x.goals, x.targets, x.institution_id,
      x.year, x.type, x.language) k
    group by 1, 2, 3, 4
    having sum(x.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (goal, facet, key, visibility) do update set n = c.n + excluded.n$q$,
    erfa_private.goal_changed_rows(tg_op,
      'goals, targets, institution_id, year, type, language, visibility'));
  return null;
end
$$;

-- Transition tables allow one event per trigger (and no column list).
create trigger research_facet_count_insert after insert on public.research
  referencing new table as new_rows
  for each statement execute function erfa_private.research_facet_count();
create trigger research_facet_count_update after update on public.research
  referencing old table as old_rows new table as new_rows
  for each statement execute function erfa_private.research_facet_count();
create trigger research_facet_count_delete after delete on public.research
  referencing old table as old_rows
  for each statement execute function erfa_private.research_facet_count();

insert into erfa_private.research_facet_totals (goal, facet, key, visibility, n)
select k.goal, k.facet, k.key, r.visibility, count(*)
from public.research r,
  erfa_private.research_facet_keys(r.goals, r.targets, r.institution_id, r.year, r.type, r.language) k
group by 1, 2, 3, 4;

revoke execute on function
  erfa_private.research_facet_keys(smallint[], text[], uuid, smallint, text, text),
  erfa_private.research_facet_count()
  from public, anon, authenticated;

-- The counts per facet and key the caller may read (see Access above), of the records with goal
-- `p_goal` (null: all records).
create function erfa.research_facet_counts(p_goal smallint default null)
returns table (facet text, key text, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.uid() as id, erfa.is_active_user() as active)
  select x.facet, x.key, sum(x.n)::bigint from (
    select c.facet, c.key, c.n from erfa_private.research_facet_totals c, me
    where c.goal = coalesce(p_goal, 0) and (c.visibility = 'public' or me.active)
    union all
    -- A signed-in person who is not active: their own members-only records.
    select k.facet, k.key, 1 from public.research r, me,
      erfa_private.research_facet_keys(r.goals, r.targets, r.institution_id, r.year, r.type,
        r.language) k
    where not me.active and me.id is not null and r.created_by = me.id
      and r.visibility <> 'public' and k.goal = coalesce(p_goal, 0)
  ) x
  group by 1, 2
  having sum(x.n) > 0
$$;

-- The filtered counts per facet and key, counted from the rows the caller reads (security
-- invoker: row-level security decides), as public.research_facets did until now.
create function erfa.research_facet_rows(f jsonb)
returns table (facet text, key text, n bigint)
language sql stable set search_path = '' as $$
  with hit as materialized (
    select r.goals, r.targets, r.institution_id, r.year, r.type, r.language
    from public.research r
    where (f->>'goal' is null or r.goals @> array[(f->>'goal')::smallint])
      and (f->>'target' is null or r.targets @> array[f->>'target'])
      and (f->>'institution' is null or r.institution_id = (f->>'institution')::uuid)
      and (f->>'year' is null or r.year = (f->>'year')::smallint)
      and (f->>'type' is null or r.type = f->>'type')
      and (f->>'language' is null or r.language = f->>'language')
  )
  select 'total', '', count(*) from hit
  union all select 'goal', k, count(*) from (select unnest(goals)::text k from hit) x group by k
  union all select 'target', k, count(*) from (select unnest(targets) k from hit) x group by k
  union all select 'institution', institution_id::text, count(*) from hit
    where institution_id is not null group by 2
  union all select 'year', year::text, count(*) from hit where year is not null group by 2
  union all select 'type', type, count(*) from hit group by 2
  union all select 'language', language, count(*) from hit where language is not null group by 2
$$;

revoke execute on function erfa.research_facet_counts(smallint), erfa.research_facet_rows(jsonb)
  from public;
grant execute on function erfa.research_facet_counts(smallint), erfa.research_facet_rows(jsonb)
  to anon, authenticated;

-- Counts per facet value within the filters `f` (goal, target, institution, year, type,
-- language): without any, or with a goal only, from the maintained totals; otherwise counted.
-- The branch not taken is never run (its condition is a one-time filter on the argument).
create or replace function public.research_facets(f jsonb) returns jsonb
language sql stable set search_path = '' as $$
  with c as materialized (
    select t.facet, t.key, t.n from erfa.research_facet_counts((f->>'goal')::smallint) t
    where coalesce(f->>'target', f->>'institution', f->>'year', f->>'type', f->>'language') is null
    union all
    select t.facet, t.key, t.n from erfa.research_facet_rows(f) t
    where coalesce(f->>'target', f->>'institution', f->>'year', f->>'type', f->>'language')
      is not null
  )
  select jsonb_build_object(
    'total', coalesce((select sum(c.n) from c where c.facet = 'total'), 0),
    'goal', (select coalesce(jsonb_object_agg(c.key, c.n), '{}') from c where c.facet = 'goal'),
    'target', (select coalesce(jsonb_object_agg(x.key, x.n), '{}') from
      (select c.key, c.n from c where c.facet = 'target' order by c.n desc, c.key limit 40) x),
    'institution', (select coalesce(jsonb_object_agg(c.key, c.n), '{}') from c
      where c.facet = 'institution'),
    'year', (select coalesce(jsonb_object_agg(c.key, c.n), '{}') from c where c.facet = 'year'),
    'type', (select coalesce(jsonb_object_agg(c.key, c.n), '{}') from c where c.facet = 'type'),
    'language', (select coalesce(jsonb_object_agg(c.key, c.n), '{}') from c
      where c.facet = 'language')
  )
$$;
