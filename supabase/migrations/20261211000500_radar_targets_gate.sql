-- The radar's candidates by target asked only when there are targets (issue 17). The radar
-- takes the newest 200 records sharing a target with its subject by walking research newest
-- first and testing each record's targets. A document has no targets, and an experience's may
-- match no record: the walk then read every research record (~0.9 s at 100 000 records) to
-- find none. The subject's targets are now a value known before the walk (an init plan), so
-- an empty list skips it. Same candidates and answers (compared on 15 experiences and
-- documents at volume); the live radar on an experience's page ~180 → ~140 ms on average
-- (worst ~450 → ~170 ms), on a document's ~520 → ~175 ms. The group radar's computation
-- (erfa_private.group_radar_compute, 20261207400100) does the same.

create or replace function erfa.research_radar_live(p_group uuid default null,
  p_experience uuid default null, p_document uuid default null, p_limit integer default 10)
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
    (select r.id from public.research r
      where (select cardinality(q.targets) from q) > 0 and r.targets && (select q.targets from q)
      order by r.created_at desc limit 200)
    union
    (select r.id from public.research r, q where r.goals && q.goals
      order by r.created_at desc limit 200)
    union
    (select m.id from (
        select r.id, r.fts from public.research r, q where r.fts @@ q.query limit 5000) m, q
      order by ts_rank(m.fts, q.query, 1) desc limit 200)
  ), scored as (
    select r.id, r.fts,
      array(select unnest(r.goals) intersect select unnest(q.goals) order by 1)::smallint[] as goals,
      array(select unnest(r.targets) intersect select unnest(q.targets) order by 1) as targets,
      ts_rank(r.fts, q.query, 1) as text_rank
    from candidates c join public.research r on r.id = c.id, q
    where not exists (
      select 1 from public.research_links l where l.research_id = r.id and l.status <> 'declined'
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

create or replace function erfa_private.group_radar_compute(p_group uuid, lim integer)
returns table (research_id uuid, score real, shared_goals smallint[], shared_targets text[],
  matched_words text[])
language sql stable security definer set search_path = '' as $$
  with src as (
    select g.sdg_goals as goals,
      coalesce((select array_agg(distinct t) from public.experiences e, unnest(e.sdg_targets) t
        where e.group_id = g.id and e.status = 'published' and e.hidden_at is null), '{}') as targets,
      g.name || ' ' || g.description || ' ' || coalesce((select string_agg(e.title || ' ' || e.summary, ' ')
        from (select title, summary from public.experiences where group_id = g.id
          and status = 'published' and hidden_at is null
          order by published_at desc limit 20) e), '') as body
    from public.groups g where g.id = p_group
  ), q as (
    select goals, targets, erfa.characteristic_query(body) as query from src
  ), candidates as (
    (select r.id from public.research r
      where (select cardinality(q.targets) from q) > 0 and r.targets && (select q.targets from q)
      order by r.created_at desc limit 200)
    union
    (select r.id from public.research r, q where r.goals && q.goals
      order by r.created_at desc limit 200)
    union
    (select m.id from (
        select r.id, r.fts from public.research r, q where r.fts @@ q.query limit 5000) m, q
      order by ts_rank(m.fts, q.query, 1) desc limit 200)
  ), scored as (
    select r.id, r.fts,
      array(select unnest(r.goals) intersect select unnest(q.goals) order by 1)::smallint[] as goals,
      array(select unnest(r.targets) intersect select unnest(q.targets) order by 1) as targets,
      ts_rank(r.fts, q.query, 1) as text_rank
    from candidates c join public.research r on r.id = c.id, q
  ), ranked as (
    select s.*, (3 * cardinality(s.targets) + cardinality(s.goals) + 10 * s.text_rank)::real as score
    from scored s order by score desc, s.id limit lim
  )
  select r.id, r.score, r.goals, r.targets,
    array(select w from unnest(string_to_array(replace(replace(querytree((select query from q)), '''', ''), ' ', ''), '|')) w
      where r.fts @@ w::tsquery)
  from ranked r where r.score > 0
$$;
