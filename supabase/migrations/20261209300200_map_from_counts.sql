-- public.knowledge_map from the maintained counts (issue 17): experiences
-- (erfa.map_experience_counts, 20261207400200), documents written or co-written and tools in use
-- (erfa.map_document_counts, 20261209300100), each already restricted to what the caller may
-- read. Research is still attributed here, as in 20261126000100: confirmed links the caller may
-- see (erfa.map_research_links, a few thousand) to a counted experience (looked up by id as the
-- caller), to a counted document (erfa.map_linked_documents) or to a group in which the
-- organization has a counted experience or document. Groups an organization takes part in are
-- read as the caller, as before (memberships, not thousands of rows).
--
-- The counting rules are those of 20261126000100 and 20261206000200, unchanged;
-- erfa.knowledge_map_live() still computes the map from the tables, and the tests hold this
-- one to it for every kind of caller after every kind of change (map/counts.test.ts).
-- Security invoker: the caller's row-level security decides the experiences, links' research and
-- groups read here; the counting functions apply the read rules themselves.
create or replace function erfa.knowledge_map_counted() returns text
language sql stable set search_path = '' as $f$
  select format($q$
    with m as (
      select array_agg(o.id) as ids from public.organizations o
      where o.is_member and o.kind in ('kommun', 'region')),
    ea as (select * from erfa.map_experience_counts((select ids from m))),
    dc as (select * from erfa.map_document_counts((select ids from m))),
    e as not materialized (%s),
    g as (%s),
    l as (select * from erfa.map_research_links()),
    present as (
      select group_id, organization_id from ea where goal = 0
      union select group_id, organization_id from dc where kind = 'document' and goal = 0),
    attributed as (
      select l.research_id, e.organization_id from l join e on e.id = l.experience_id
      union select x.research_id, x.organization_id
        from erfa.map_linked_documents((select ids from m)) x
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
      select a.organization_id, x.goal, 0, 0, count(*), 0, 0
      from attributed a join public.research r on r.id = a.research_id
      cross join unnest(r.goals) as x(goal) group by 1, 2
      union all
      select g.organization_id, x.goal, 0, 0, 0, 0, count(*)
      from g cross join unnest(g.sdg_goals) as x(goal) group by 1, 2
    ) c
    group by c.organization_id, c.goal
  $q$,
  case when has_table_privilege('public.experiences', 'select') then
    $e$select x.id, x.organization_id from public.experiences x
      where x.status = 'published' and x.hidden_at is null
        and x.organization_id = any((select ids from m)::uuid[])$e$
  else
    $e$select null::uuid as id, null::uuid as organization_id where false$e$
  end,
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
grant execute on function erfa.knowledge_map_counted() to anon, authenticated;

create or replace function public.knowledge_map()
returns table (organization_id uuid, goal smallint, experiences bigint, documents bigint,
  research bigint, uses bigint, groups bigint)
language plpgsql stable set search_path = '' as $$
begin
  return query execute erfa.knowledge_map_counted();
end
$$;

-- The map's query of 20261207400200 (the experiences from counts, the rest from the tables) is
-- replaced by the one above.
drop function erfa.knowledge_map_counted_query();
