-- Read-side functions for research and Agenda 2030: facet counts, goal tiles, who works on a
-- goal, and the research radar. All are security invoker (the default): the caller's
-- row-level security applies to every table they read, so members-only research and closed
-- groups' content are never counted or suggested to people who may not see them.

-- Facet counts for /research within the current filters (drill-down).
-- f: {goal, target, institution, year, type, language} (all optional).
create or replace function public.research_facets(f jsonb) returns jsonb
language sql stable set search_path = '' as $$
  with hit as (
    select r.goals, r.targets, r.institution_id, r.year, r.type, r.language
    from public.research r
    where (f->>'goal' is null or r.goals @> array[(f->>'goal')::smallint])
      and (f->>'target' is null or r.targets @> array[f->>'target'])
      and (f->>'institution' is null or r.institution_id = (f->>'institution')::uuid)
      and (f->>'year' is null or r.year = (f->>'year')::smallint)
      and (f->>'type' is null or r.type = f->>'type')
      and (f->>'language' is null or r.language = f->>'language')
  )
  select jsonb_build_object(
    'total', (select count(*) from hit),
    'goal', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select unnest(goals)::text k, count(*) n from hit group by 1) x),
    'target', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select unnest(targets) k, count(*) n from hit group by 1 order by 2 desc limit 40) x),
    'institution', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select institution_id::text k, count(*) n from hit where institution_id is not null group by 1) x),
    'year', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select year::text k, count(*) n from hit where year is not null group by 1) x),
    'type', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select type k, count(*) n from hit group by 1) x),
    'language', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select language k, count(*) n from hit where language is not null group by 1) x)
  )
$$;

-- Per goal: how many groups, experiences, documents and research records the caller can see.
create or replace function public.sdg_counts()
returns table (goal smallint, groups bigint, experiences bigint, documents bigint, research bigint)
language sql stable set search_path = '' as $$
  with g as (select number from public.sdg_goals),
  gr as (select unnest(sdg_goals) n, count(*) c from public.groups where status = 'active' group by 1),
  ex as (select unnest(sdg_goals) n, count(*) c from public.experiences
    where status = 'published' and hidden_at is null group by 1),
  dc as (select unnest(sdg_goals) n, count(*) c from public.documents group by 1),
  rs as (select unnest(goals) n, count(*) c from public.research group by 1)
  select g.number, coalesce(gr.c, 0), coalesce(ex.c, 0), coalesce(dc.c, 0), coalesce(rs.c, 0)
  from g left join gr on gr.n = g.number left join ex on ex.n = g.number
    left join dc on dc.n = g.number left join rs on rs.n = g.number
  order by g.number
$$;

-- Which organizations work on a goal: their published experiences, their documents, and the
-- groups on the goal that their people take part in. Security definer because it counts
-- memberships of people the caller may not list; it applies the same reading rules itself
-- (erfa.readable_groups(), erfa.readable_documents()), so nothing hidden is counted, and it
-- returns only organizations and numbers, never people.
create or replace function public.goal_organizations(p_goal smallint)
returns table (id uuid, slug text, name text, kind text, county text,
  experiences bigint, documents bigint, groups bigint)
language sql stable security definer set search_path = '' as $$
  with ex as (
    select e.organization_id o, count(*) c from public.experiences e
    where p_goal = any(e.sdg_goals) and e.status = 'published' and e.hidden_at is null
      and e.organization_id is not null
      and (e.group_id in (select erfa.readable_groups()) or (e.shared_with_all and erfa.is_active_user()))
    group by 1),
  dc as (
    select d.organization_id o, count(*) c from public.documents d
    where p_goal = any(d.sdg_goals) and d.organization_id is not null
      and d.id in (select erfa.readable_documents())
    group by 1),
  gm as (
    select p.organization_id o, count(distinct g.id) c from public.groups g
    join public.group_members m on m.group_id = g.id
    join public.profiles p on p.id = m.user_id and p.deactivated_at is null
    where p_goal = any(g.sdg_goals) and g.status = 'active' and p.organization_id is not null
      and erfa.is_active_user()
    group by 1)
  select o.id, o.slug, o.name, o.kind, o.county,
    coalesce(ex.c, 0), coalesce(dc.c, 0), coalesce(gm.c, 0)
  from public.organizations o
  left join ex on ex.o = o.id left join dc on dc.o = o.id left join gm on gm.o = o.id
  where o.kind in ('kommun', 'region') and (ex.c is not null or dc.c is not null or gm.c is not null)
  order by coalesce(ex.c, 0) + coalesce(dc.c, 0) + coalesce(gm.c, 0) desc, o.name
$$;

-- The words that characterize a text: its most frequent Swedish and English stems, as an OR
-- query that ranks other texts by how many of them they share.
create or replace function erfa.characteristic_query(body text, size int default 16) returns tsquery
language sql immutable parallel safe set search_path = '' as $$
  select coalesce(string_agg(quote_literal(lexeme), ' | ')::tsquery, ''::tsquery)
  from (
    select lexeme from (
      select lexeme, array_length(positions, 1) as freq
      from unnest(to_tsvector('pg_catalog.swedish', body))
      union all
      select lexeme, array_length(positions, 1)
      from unnest(to_tsvector('pg_catalog.english', body))
    ) w
    where length(lexeme) > 3
    group by lexeme
    order by sum(coalesce(freq, 1)) desc, lexeme
    limit size
  ) top
$$;

-- "Research that may be relevant" to a group, experience or document (exactly one given):
-- ranked by shared SDG targets (3 points each), shared goals (1 each) and text similarity
-- (full text, Swedish and English), with the reasons. Research already linked is left out.
create or replace function public.research_radar(
  p_group uuid default null, p_experience uuid default null, p_document uuid default null,
  p_limit int default 10)
returns table (research_id uuid, score real, shared_goals smallint[], shared_targets text[],
  matched_words text[])
language sql stable set search_path = '' as $$
  with src as (
    select g.sdg_goals as goals,
      coalesce((select array_agg(distinct t) from public.experiences e, unnest(e.sdg_targets) t
        where e.group_id = g.id and e.status = 'published'), '{}') as targets,
      g.name || ' ' || g.description || ' ' || coalesce((select string_agg(e.title || ' ' || e.summary, ' ')
        from (select title, summary from public.experiences where group_id = g.id and status = 'published'
          order by published_at desc limit 20) e), '') as body
    from public.groups g where g.id = p_group
    union all
    select e.sdg_goals, e.sdg_targets,
      e.title || ' ' || e.summary || ' ' || e.background || ' ' || e.actions || ' ' || e.results || ' ' || e.lessons
    from public.experiences e where e.id = p_experience
    union all
    select d.sdg_goals, '{}'::text[], d.title || ' ' || d.summary || ' ' || left(d.content_text, 20000)
    from public.documents d where d.id = p_document
  ), q as (
    select goals, targets, erfa.characteristic_query(body) as query from src limit 1
  ), candidates as (
    select r.id, r.goals, r.targets, r.fts from public.research r, q
    where r.goals && q.goals or r.targets && q.targets or r.fts @@ q.query
  ), scored as (
    select c.id, c.fts,
      array(select unnest(c.goals) intersect select unnest(q.goals) order by 1)::smallint[] as goals,
      array(select unnest(c.targets) intersect select unnest(q.targets) order by 1) as targets,
      ts_rank(c.fts, q.query, 1) as text_rank
    from candidates c, q
    where not exists (
      select 1 from public.research_links l where l.research_id = c.id and l.status <> 'declined'
        and (l.group_id = p_group and l.experience_id is null and l.document_id is null
          or l.experience_id = p_experience or l.document_id = p_document))
  ), ranked as (
    select s.*, (3 * cardinality(s.targets) + cardinality(s.goals) + 10 * s.text_rank)::real as score
    from scored s order by score desc, s.id limit greatest(1, least(p_limit, 50))
  )
  select r.id, r.score, r.goals, r.targets,
    array(select w from unnest(string_to_array(replace(replace(querytree((select query from q)), '''', ''), ' ', ''), '|')) w
      where r.fts @@ w::tsquery)
  from ranked r where r.score > 0
  order by r.score desc, r.id
$$;

-- The reverse: groups and documents that could use a research finding.
create or replace function public.research_audience(p_research uuid, p_limit int default 10)
returns table (kind text, id uuid, score real, shared_goals smallint[], matched_words text[])
language sql stable set search_path = '' as $$
  with r as (
    select goals, fts, erfa.characteristic_query(title || ' ' || abstract || ' ' || erfa.words(keywords)) as query
    from public.research where id = p_research
  ), items as (
    select 'group'::text as kind, g.id, g.sdg_goals as goals,
      to_tsvector('pg_catalog.swedish', g.name || ' ' || g.description)
        || to_tsvector('pg_catalog.english', g.name || ' ' || g.description) as fts
    from public.groups g where g.status = 'active'
    union all
    select 'document', d.id, d.sdg_goals,
      to_tsvector('pg_catalog.swedish', d.title || ' ' || d.summary || ' ' || left(d.content_text, 5000))
        || to_tsvector('pg_catalog.english', d.title || ' ' || d.summary || ' ' || left(d.content_text, 5000))
    from public.documents d
  ), scored as (
    select i.kind, i.id, i.fts,
      array(select unnest(i.goals) intersect select unnest(r.goals) order by 1)::smallint[] as goals,
      ts_rank(i.fts, r.query, 1) as text_rank
    from items i, r
    where i.goals && r.goals or i.fts @@ r.query
  )
  select s.kind, s.id, (cardinality(s.goals) + 10 * s.text_rank)::real as score, s.goals,
    array(select w from unnest(string_to_array(replace(replace(querytree((select query from r)), '''', ''), ' ', ''), '|')) w
      where s.fts @@ w::tsquery)
  from scored s
  where not exists (select 1 from public.research_links l where l.research_id = p_research
    and l.status <> 'declined' and (l.document_id = s.id or (s.kind = 'group' and l.group_id = s.id
      and l.experience_id is null and l.document_id is null)))
  order by 3 desc, s.id
  limit greatest(1, least(p_limit, 50))
$$;

grant execute on function public.research_facets(jsonb), public.sdg_counts(),
  public.goal_organizations(smallint), public.research_radar(uuid, uuid, uuid, int)
  to anon, authenticated;
grant execute on function public.research_audience(uuid, int) to authenticated;
grant execute on function erfa.characteristic_query(text, int) to anon, authenticated;
grant execute on function erfa.words(text[]) to anon, authenticated;

-- sdg_counts and research_radar read experiences in every branch, also for signed-out callers.
-- Row-level security has no anonymous policy on it, so this grant lets those queries run and
-- still shows signed-out callers none of its rows.
grant select on public.experiences to anon;
