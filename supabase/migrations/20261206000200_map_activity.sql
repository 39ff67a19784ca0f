-- The knowledge map counts what municipalities do, not only what they write (issue "Finish what a
-- municipal officer meets first"). Besides experiences, documents and research, a cell of
-- organization O and goal G now counts:
-- * documents O's people co-wrote: a published document counts for O when O wrote it
--   (documents.organization_id) or when one of O's people is among its contributors
--   (public.document_contributors, written by the collaboration server on every edit). Each
--   document once per organization;
-- * tools O adopted: published documents O records it uses ("Vi använder detta",
--   public.document_uses), with G among the document's goals;
-- * groups O takes part in: active groups with G among their goals in which at least one of
--   O's people is a member.
--
-- Security invoker as before: the caller's row-level security decides every row read. Signed-out
-- callers have no SELECT grant on document_contributors, profiles or group_members, and
-- PostgreSQL refuses any statement that names such a table, so for them those sources are
-- empty sets (who wrote a document and who is in which group are not public); the query is
-- assembled here and run with EXECUTE, like the experiences source.
--
-- Co-writing and membership are found through the people's profiles: profiles_organization_idx,
-- document_contributors_user_idx and group_members_user_idx already serve those look-ups.

create or replace function erfa.knowledge_map_query() returns text
language sql stable set search_path = '' as $f$
  select format($q$
    with m as (
      select array_agg(o.id) as ids from public.organizations o
      where o.is_member and o.kind in ('kommun', 'region') and ($1::uuid is null or o.id = $1)),
    e as not materialized (%s),
    authored as (
      select x.id as document_id, x.organization_id from public.documents x
      where x.status = 'published' and x.organization_id = any((select ids from m)::uuid[])
      %s),
    d as not materialized (
      select x.id, x.group_id, a.organization_id, x.sdg_goals, x.title, x.published_at as at
      from authored a join public.documents x on x.id = a.document_id
      where x.status = 'published'),
    u as (
      select x.id, x.group_id, du.organization_id, x.sdg_goals, x.title, du.created_at as at
      from public.document_uses du join public.documents x on x.id = du.document_id
      where x.status = 'published' and du.organization_id = any((select ids from m)::uuid[])),
    g as (%s),
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
  end,
  case when has_table_privilege('public.document_contributors', 'select')
    and has_table_privilege('public.profiles', 'select') then
    $c$union
      select c.document_id, p.organization_id
      from public.profiles p join public.document_contributors c on c.user_id = p.id
      where p.organization_id = any((select ids from m)::uuid[])$c$
  else '' end,
  case when has_table_privilege('public.group_members', 'select')
    and has_table_privilege('public.profiles', 'select') then
    $g$select gr.id, gr.slug, gr.name, p.organization_id, gr.sdg_goals, min(gm.joined_at) as at
      from public.profiles p
      join public.group_members gm on gm.user_id = p.id
      join public.groups gr on gr.id = gm.group_id
      where gr.status = 'active' and p.organization_id = any((select ids from m)::uuid[])
      group by gr.id, p.organization_id$g$
  else
    $g$select null::uuid as id, null::text as slug, null::text as name,
      null::uuid as organization_id, null::smallint[] as sdg_goals, null::timestamptz as at
      where false$g$
  end)
$f$;

-- The matrix: one row per non-empty cell. The return type grows, so the function is replaced.
drop function public.knowledge_map();
create function public.knowledge_map()
returns table (organization_id uuid, goal smallint, experiences bigint, documents bigint,
  research bigint, uses bigint, groups bigint)
language plpgsql stable set search_path = '' as $$
begin
  return query execute erfa.knowledge_map_query() || $q$
    select c.organization_id, x.goal, sum(c.e)::bigint, sum(c.d)::bigint, sum(c.r)::bigint,
      sum(c.u)::bigint, sum(c.g)::bigint
    from (
      select ea.organization_id, ea.sdg_goals, ea.n as e, 0 as d, 0 as r, 0 as u, 0 as g from ea
      union all
      select da.organization_id, da.sdg_goals, 0, da.n, 0, 0, 0 from da
      union all
      select a.organization_id, r.goals, 0, 0, count(*), 0, 0
      from attributed a join public.research r on r.id = a.research_id group by 1, 2
      union all
      select u.organization_id, u.sdg_goals, 0, 0, 0, count(*), 0 from u group by 1, 2
      union all
      select g.organization_id, g.sdg_goals, 0, 0, 0, 0, count(*) from g group by 1, 2
    ) c cross join unnest(c.sdg_goals) as x(goal)
    group by c.organization_id, x.goal$q$
  using null::uuid;
end
$$;

-- The items behind one cell, newest first; kinds 'use' (the adopted document) and 'group'.
drop function public.knowledge_map_items(uuid, smallint);
create function public.knowledge_map_items(p_organization uuid, p_goal smallint)
returns table (kind text, id uuid, title text, group_slug text, group_name text, at timestamptz)
language plpgsql stable set search_path = '' as $$
begin
  return query execute erfa.knowledge_map_query() || $q$
    select i.kind, i.id, i.title, coalesce(gr.slug, i.slug), coalesce(gr.name, i.name), i.at
    from (
      select 'experience' as kind, e.id, e.title, e.group_id, null::text as slug,
        null::text as name, e.at
      from e where $2 = any(e.sdg_goals)
      union all
      select 'document', d.id, d.title, d.group_id, null, null, d.at from d where $2 = any(d.sdg_goals)
      union all
      select 'research', r.id, r.title, null, null, null, r.created_at
      from (select distinct a.research_id from attributed a) a
      join public.research r on r.id = a.research_id where $2 = any(r.goals)
      union all
      select 'use', u.id, u.title, u.group_id, null, null, u.at from u where $2 = any(u.sdg_goals)
      union all
      select 'group', g.id, g.name, null, g.slug, g.name, g.at from g where $2 = any(g.sdg_goals)
    ) i left join public.groups gr on gr.id = i.group_id
    order by i.kind, i.at desc nulls last, i.id$q$
  using p_organization, p_goal;
end
$$;

grant execute on function public.knowledge_map() to anon, authenticated;
grant execute on function public.knowledge_map_items(uuid, smallint) to anon, authenticated;
