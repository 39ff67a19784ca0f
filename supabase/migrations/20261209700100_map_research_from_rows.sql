-- public.knowledge_map's research from the maintained link rows (20261209700000): the links,
-- their research's goals and their experiences' organizations come from
-- erfa.map_research_link_facts, already restricted to what the caller may read, instead of
-- looking up each linked experience and each attributed research record by id as the caller,
-- and reading the links a second time for documents (erfa.map_linked_documents, no longer
-- used here). Groups attribute research as before (20261209300200).
--
-- The counting rules are those of 20261126000100 and 20261206000200, unchanged;
-- erfa.knowledge_map_live() still computes the map from the tables, and the tests hold this
-- one to it for every kind of caller after every kind of change (map/research.test.ts).
-- Security invoker: the caller's row-level security decides the groups read here; the counting
-- functions apply the read rules themselves.
create or replace function erfa.knowledge_map_counted() returns text
language sql stable set search_path = '' as $f$
  select format($q$
    with m as (
      select array_agg(o.id) as ids from public.organizations o
      where o.is_member and o.kind in ('kommun', 'region')),
    ea as (select * from erfa.map_experience_counts((select ids from m))),
    dc as (select * from erfa.map_document_counts((select ids from m))),
    g as (%s),
    l as materialized (select * from erfa.map_research_link_facts((select ids from m))),
    rg as (select distinct l.research_id, l.goals from l),
    present as (
      select group_id, organization_id from ea where goal = 0
      union select group_id, organization_id from dc where kind = 'document' and goal = 0),
    attributed as (
      select l.research_id, l.organization_id from l where l.organization_id is not null
      union select l.research_id, p.organization_id from l join present p on p.group_id = l.group_id
        where l.experience_id is null and l.document_id is null)
    select c.organization_id, c.goal, sum(c.e)::bigint, sum(c.d)::bigint, sum(c.r)::bigint,
      sum(c.u)::bigint, sum(c.g)::bigint
    from (
      select ea.organization_id, ea.goal, ea.n as e, 0 as d, 0 as r, 0 as u, 0 as g
      from ea where ea.goal > 0
      union all
      select dc.organization_id, dc.goal, 0, dc.n, 0, 0, 0 from dc
      where dc.kind = 'document' and dc.goal > 0
      union all
      select dc.organization_id, dc.goal, 0, 0, 0, dc.n, 0 from dc
      where dc.kind = 'use' and dc.goal > 0
      union all
      -- rg: each research record the caller may read, once, with its goals.
      select a.organization_id, x.goal, 0, 0, count(*), 0, 0
      from attributed a join rg on rg.research_id = a.research_id
      cross join unnest(rg.goals) as x(goal) group by 1, 2
      union all
      select g.organization_id, x.goal, 0, 0, 0, 0, count(*)
      from g cross join unnest(g.sdg_goals) as x(goal) group by 1, 2
    ) c
    group by c.organization_id, c.goal
  $q$,
  case when has_table_privilege('public.group_members', 'select')
    and has_table_privilege('public.profiles', 'select') then
    $g$select gr.id, p.organization_id, gr.sdg_goals
      from public.profiles p
      join public.group_members gm on gm.user_id = p.id
      join public.groups gr on gr.id = gm.group_id
      where gr.status = 'active' and p.organization_id = any((select ids from m)::uuid[])
      group by gr.id, p.organization_id$g$
  else
    $g$select null::uuid as id, null::uuid as organization_id, null::smallint[] as sdg_goals
      where false$g$
  end)
$f$;
