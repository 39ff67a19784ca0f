-- The knowledge map: member municipalities and regions × the 17 global goals, each cell counting
-- what the caller can see of the organization's work on the goal.
--
-- What is counted for organization O and goal G (each item once per cell):
-- * experiences: published, not hidden, organization O, G among their goals;
-- * documents: published, organization O, G among their goals (drafts are work in progress);
-- * research: records with G among their confirmed goals and a confirmed link the caller can see
--   to (a) a counted experience or document of O, or (b) a group in which O has a counted
--   experience or document. Research belongs to universities, so this is how it reaches a
--   municipality: through the work it was found relevant to.
--
-- Security invoker: the caller's row-level security decides every experience, document and
-- research record read, so members-only and closed-group content is never counted for people
-- who may not see it. Signed-out callers (role anon) have no SELECT grant on public.experiences
-- at all, and PostgreSQL refuses any statement that names the table, so for them the
-- experiences source is an empty set; that is why the query is assembled here and run with
-- EXECUTE.
--
-- Links are read through erfa.map_research_links() rather than through research_links' own
-- policy, whose subqueries scan every research record and experience again for each call
-- (hundreds of milliseconds at 100 000 of each). Together they apply the same rule, "the caller
-- may read both ends": the function keeps confirmed links whose group the caller may read
-- (erfa.readable_groups(); signed out, links to documents only, as research_links_read_public),
-- and the query joins the research (its RLS) and the experience or document (only counted ones,
-- which the caller can read).
--
-- Rows 100: links are few next to experiences, so the planner looks linked experiences up by id
-- rather than hashing every experience.
create or replace function erfa.map_research_links()
returns table (research_id uuid, group_id uuid, experience_id uuid, document_id uuid)
language sql stable security definer set search_path = '' rows 100 as $$
  select l.research_id, l.group_id, l.experience_id, l.document_id
  from public.research_links l
  where l.status = 'confirmed' and (
    l.group_id in (select erfa.readable_groups())
    or ((select erfa.uid() is null) and l.document_id is not null))
$$;

-- Everything the map and experiences' read policy need from a counted experience, so the map
-- reads this small index instead of the experiences' long texts (an index-only scan).
create index experiences_map_idx on public.experiences (organization_id)
  include (id, group_id, sdg_goals, shared_with_all, author_id, status, hidden_at)
  where status = 'published' and hidden_at is null;

-- The shared part of both functions: the caller's counted experiences (e) and documents (d) of
-- member municipalities and regions ($1: only this one), counted per organization, group and
-- set of goals (ea, da: a few thousand rows whatever the number of items, unnested only then),
-- and which research reaches which organization (attributed). e and d are not materialized:
-- each use reads the table the cheapest way (the index below for the aggregate, look-ups by id
-- for the linked items).
create or replace function erfa.knowledge_map_query() returns text
language sql stable set search_path = '' as $f$
  select format($q$
    with m as (
      select array_agg(o.id) as ids from public.organizations o
      where o.is_member and o.kind in ('kommun', 'region') and ($1::uuid is null or o.id = $1)),
    e as not materialized (%s),
    d as not materialized (
      select d.id, d.group_id, d.organization_id, d.sdg_goals, d.title, d.published_at as at
      from public.documents d
      where d.status = 'published' and d.organization_id = any((select ids from m)::uuid[])),
    ea as (
      select e.organization_id, e.group_id, e.sdg_goals, count(*) as n from e group by 1, 2, 3),
    da as (
      select d.organization_id, d.group_id, d.sdg_goals, count(*) as n from d group by 1, 2, 3),
    l as (select * from erfa.map_research_links()),
    present as (
      select group_id, organization_id from ea union select group_id, organization_id from da),
    attributed as (
      select l.research_id, e.organization_id from l join e on e.id = l.experience_id
      union select l.research_id, d.organization_id from l join d on d.id = l.document_id
      union select l.research_id, p.organization_id from l join present p on p.group_id = l.group_id
        where l.experience_id is null and l.document_id is null)
  $q$,
  case when has_table_privilege('public.experiences', 'select') then
    $e$select x.id, x.group_id, x.organization_id, x.sdg_goals, x.title, x.published_at as at
      from public.experiences x
      where x.status = 'published' and x.hidden_at is null
        and x.organization_id = any((select ids from m)::uuid[])$e$
  else
    $e$select null::uuid as id, null::uuid as group_id, null::uuid as organization_id,
      null::smallint[] as sdg_goals, null::text as title, null::timestamptz as at where false$e$
  end)
$f$;

-- The matrix: one row per non-empty cell.
create or replace function public.knowledge_map()
returns table (organization_id uuid, goal smallint, experiences bigint, documents bigint,
  research bigint)
language plpgsql stable set search_path = '' as $$
begin
  return query execute erfa.knowledge_map_query() || $q$
    select c.organization_id, u.goal, sum(c.e)::bigint, sum(c.d)::bigint, sum(c.r)::bigint
    from (
      select ea.organization_id, ea.sdg_goals, ea.n as e, 0 as d, 0 as r from ea
      union all
      select da.organization_id, da.sdg_goals, 0, da.n, 0 from da
      union all
      select a.organization_id, r.goals, 0, 0, count(*)
      from attributed a join public.research r on r.id = a.research_id group by 1, 2
    ) c cross join unnest(c.sdg_goals) as u(goal)
    group by c.organization_id, u.goal$q$
  using null::uuid;
end
$$;

-- The items behind one cell, newest first.
create or replace function public.knowledge_map_items(p_organization uuid, p_goal smallint)
returns table (kind text, id uuid, title text, group_slug text, group_name text, at timestamptz)
language plpgsql stable set search_path = '' as $$
begin
  return query execute erfa.knowledge_map_query() || $q$
    select i.kind, i.id, i.title, g.slug, g.name, i.at
    from (
      select 'experience' as kind, e.id, e.title, e.group_id, e.at from e where $2 = any(e.sdg_goals)
      union all
      select 'document', d.id, d.title, d.group_id, d.at from d where $2 = any(d.sdg_goals)
      union all
      select 'research', r.id, r.title, null, r.created_at
      from (select distinct a.research_id from attributed a) a
      join public.research r on r.id = a.research_id where $2 = any(r.goals)
    ) i left join public.groups g on g.id = i.group_id
    order by i.kind, i.at desc nulls last, i.id$q$
  using p_organization, p_goal;
end
$$;

grant execute on function erfa.knowledge_map_query() to anon, authenticated;
revoke execute on function erfa.map_research_links() from public;
grant execute on function erfa.map_research_links() to anon, authenticated;
grant execute on function public.knowledge_map() to anon, authenticated;
grant execute on function public.knowledge_map_items(uuid, smallint) to anon, authenticated;
