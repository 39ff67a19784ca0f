-- /research filtered by type or language, alone or with a goal, from the maintained totals
-- (issue 17). The totals of 20261211400000 served the unfiltered page and one goal; any other
-- filter was counted from the rows. At 100 000 records the types and languages are the large
-- sets: /research?type=article counted ~40 000 rows (~225 ms in the database), goal 8 with type
-- article ~80 ms, while a year (~43 ms) or an institution is a small set and stays counted.
--
-- Each total now also has a `pin`: the type and language filter it counts under, written as the
-- page's filter is ('' none, 'type=article', 'language=sv', 'type=article&language=sv'). A record
-- counts under every pin it matches: '' and its type always, its language and the pair when it
-- has one (a record without a language never matches a language filter). So a record adds four
-- times the rows it added before; the statement triggers still write one upsert per statement.
--
-- Access is unchanged (20261211400000): signed out, public records; an active member, every
-- record; a signed-in person who is not active, public records and their own members-only ones
-- (counted from the table). src/lib/server/research/facet-totals.test.ts holds every pinned
-- filter to the live count for each kind of caller, after changes and bulk statements.

alter table erfa_private.research_facet_totals
  add column pin text not null default '',
  drop constraint research_facet_totals_pkey,
  add primary key (goal, pin, facet, key, visibility);

-- The (goal, pin, facet, key) one record counts under: its keys of 20261211400000 for each pin.
create function erfa_private.research_facet_pinned_keys(goals smallint[], targets text[],
  institution_id uuid, year smallint, type text, language text)
returns table (goal smallint, pin text, facet text, key text)
language sql immutable set search_path = '' as $$
  select k.goal, p.pin, k.facet, k.key
  from erfa_private.research_facet_keys(goals, targets, institution_id, year, type, language) k,
    (values (''), ('type=' || type), ('language=' || language),
      ('type=' || type || '&language=' || language)) p (pin)
  where p.pin is not null
$$;

create or replace function erfa_private.research_facet_count() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- One upsert of the differences, in key order (concurrent changes lock rows in one order).
  execute format($q$
    insert into erfa_private.research_facet_totals as c (goal, pin, facet, key, visibility, n)
    select k.goal, k.pin, k.facet, k.key, x.visibility, sum(x.sign)::int
    from (%s) x, erfa_private.research_facet_pinned_keys(x.goals, x.targets, x.institution_id,
      x.year, x.type, x.language) k
    group by 1, 2, 3, 4, 5
    having sum(x.sign) <> 0
    order by 1, 2, 3, 4, 5
    on conflict (goal, pin, facet, key, visibility) do update set n = c.n + excluded.n$q$,
    erfa_private.goal_changed_rows(tg_op,
      'goals, targets, institution_id, year, type, language, visibility'));
  return null;
end
$$;

-- The unpinned totals are there already.
insert into erfa_private.research_facet_totals (goal, pin, facet, key, visibility, n)
select k.goal, k.pin, k.facet, k.key, r.visibility, count(*)
from public.research r,
  erfa_private.research_facet_pinned_keys(r.goals, r.targets, r.institution_id, r.year, r.type,
    r.language) k
where k.pin <> ''
group by 1, 2, 3, 4, 5;

revoke execute on function
  erfa_private.research_facet_pinned_keys(smallint[], text[], uuid, smallint, text, text)
  from public, anon, authenticated;

-- The counts per facet and key the caller may read, of the records with goal `p_goal` (null:
-- all) under `p_pin`. Replaces the one-argument function, which public.research_facets called.
drop function erfa.research_facet_counts(smallint);
create function erfa.research_facet_counts(p_goal smallint default null, p_pin text default '')
returns table (facet text, key text, n bigint)
language sql stable security definer set search_path = '' as $$
  with me as materialized (select erfa.uid() as id, erfa.is_active_user() as active)
  select x.facet, x.key, sum(x.n)::bigint from (
    select c.facet, c.key, c.n from erfa_private.research_facet_totals c, me
    where c.goal = coalesce(p_goal, 0) and c.pin = p_pin
      and (c.visibility = 'public' or me.active)
    union all
    -- A signed-in person who is not active: their own members-only records.
    select k.facet, k.key, 1 from public.research r, me,
      erfa_private.research_facet_pinned_keys(r.goals, r.targets, r.institution_id, r.year,
        r.type, r.language) k
    where not me.active and me.id is not null and r.created_by = me.id
      and r.visibility <> 'public' and k.goal = coalesce(p_goal, 0) and k.pin = p_pin
  ) x
  group by 1, 2
  having sum(x.n) > 0
$$;
revoke execute on function erfa.research_facet_counts(smallint, text) from public;
grant execute on function erfa.research_facet_counts(smallint, text) to anon, authenticated;

-- Counts per facet value within the filters `f` (goal, target, institution, year, type,
-- language): from the maintained totals unless a target, an institution or a year is among
-- them; otherwise counted. A type or language that could be mistaken for another pin (no real
-- one contains & or =; anyone may call this over the REST API) is counted too, and matches
-- nothing. The branch not taken is never run (its condition is a one-time filter on the
-- argument).
create or replace function public.research_facets(f jsonb) returns jsonb
language sql stable set search_path = '' as $$
  with c as materialized (
    select t.facet, t.key, t.n
    from erfa.research_facet_counts((f->>'goal')::smallint,
      concat_ws('&', 'type=' || (f->>'type'), 'language=' || (f->>'language'))) t
    where coalesce(f->>'target', f->>'institution', f->>'year') is null
      and concat_ws('', f->>'type', f->>'language') !~ '[&=]'
    union all
    select t.facet, t.key, t.n from erfa.research_facet_rows(f) t
    where coalesce(f->>'target', f->>'institution', f->>'year') is not null
      or concat_ws('', f->>'type', f->>'language') ~ '[&=]'
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
