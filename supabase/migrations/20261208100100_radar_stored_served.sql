-- The group radar always from its stored suggestions once there are some (issue 17: ≤ 50 ms in
-- the database). Since 20261207400600 any change to research marked every group's suggestions
-- stale, and stale suggestions were computed live (about a second at 100 000 records) until the
-- page's refresh stored new ones: after an import, every group's next visit waited a second.
--
-- Now a group's stored suggestions are served also when stale, and what changed since they were
-- computed is taken into account at the call:
-- * research records added or changed since (erfa_private.radar_research_changes, filled by a
--   trigger on public.research and on research_sdg's goals) are scored at once against the
--   group's stored question (its goals, targets and characteristic words, kept with the
--   suggestions) with the same scoring as the computation, and take their place among the
--   stored ones; deleted records and records the caller may no longer read drop out, as
--   before, through public.research read as the caller;
-- * research linked to the group is left out at the time of the call, as before.
-- How stale: what the radar compares from the group itself (its goals, name, description and
-- its experiences' targets and words) is as of the last refresh. The page asks for a refresh
-- after it has answered, which recomputes when the suggestions are stale (a change to the group,
-- its experiences or research) or older than 10 minutes; so a visit shows what the previous
-- visit's refresh computed, at most one visit behind a change to the group. Research is current
-- at every call, except that a fresh computation could also pick a record that a new one pushed
-- out of a candidate list (each list is bounded), which the next refresh does.
-- A group without stored suggestions (never visited) still gets the live computation once.

alter table erfa_private.group_radar
  add column goals smallint[] not null default '{}',
  add column targets text[] not null default '{}',
  add column query tsquery not null default ''::tsquery;

-- Research records changed since a time: one row per record, the time of its last change.
create table erfa_private.radar_research_changes (
  research_id uuid primary key,
  changed_at timestamptz not null
);
create index radar_research_changes_at_idx on erfa_private.radar_research_changes (changed_at desc);
alter table erfa_private.radar_research_changes enable row level security;

create or replace function erfa_private.radar_research_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  execute format($q$
    insert into erfa_private.radar_research_changes as c (research_id, changed_at)
    select distinct x.id, now() from (%s) x order by 1
    on conflict (research_id) do update set changed_at = excluded.changed_at$q$,
    erfa_private.goal_changed_rows(tg_op, 'id'));
  return null;
end
$$;
create trigger research_radar_changed_insert after insert on public.research
  referencing new table as new_rows
  for each statement execute function erfa_private.radar_research_changed();
create trigger research_radar_changed_update after update on public.research
  referencing old table as old_rows new table as new_rows
  for each statement execute function erfa_private.radar_research_changed();
revoke execute on function erfa_private.radar_research_changed() from public, anon, authenticated;

-- What a group's radar compares research with: its goals, its published experiences' targets and
-- its characteristic words (as in erfa_private.group_radar_compute).
create or replace function erfa_private.group_radar_question(p_group uuid)
returns table (goals smallint[], targets text[], query tsquery)
language sql stable security definer set search_path = '' as $$
  select g.sdg_goals,
    coalesce((select array_agg(distinct t) from public.experiences e, unnest(e.sdg_targets) t
      where e.group_id = g.id and e.status = 'published' and e.hidden_at is null), '{}'),
    erfa.characteristic_query(g.name || ' ' || g.description || ' ' || coalesce((
      select string_agg(e.title || ' ' || e.summary, ' ') from (select title, summary
        from public.experiences where group_id = g.id and status = 'published'
          and hidden_at is null order by published_at desc limit 20) e), ''))
  from public.groups g where g.id = p_group
$$;

-- As in 20261207400100, keeping the question with the suggestions.
create or replace function public.refresh_research_radar(p_group uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_group is null or p_group not in (select erfa.readable_groups()) then
    return;
  end if;
  if exists (select 1 from erfa_private.group_radar r where r.group_id = p_group
      and not r.stale and r.computed_at > now() - interval '10 minutes') then
    return;
  end if;
  if not pg_try_advisory_xact_lock(hashtext('erfa.group_radar'), hashtext(p_group::text)) then
    return;
  end if;
  insert into erfa_private.group_radar (group_id, computed_at, goals, targets, query)
  select p_group, now(), q.goals, coalesce(q.targets, '{}'), q.query
  from erfa_private.group_radar_question(p_group) q
  on conflict (group_id) do update set computed_at = now(), stale = false,
    goals = excluded.goals, targets = excluded.targets, query = excluded.query;
  delete from erfa_private.group_radar_hits h where h.group_id = p_group;
  insert into erfa_private.group_radar_hits
  select p_group, c.* from erfa_private.group_radar_compute(p_group, 60) c;
  -- Changes older than every group's suggestions are no longer needed.
  delete from erfa_private.radar_research_changes
  where changed_at < (select min(computed_at) from erfa_private.group_radar);
end
$$;

-- A group's suggestions for a caller who may read the group: the stored ones (stale or not),
-- with research changed since they were computed scored afresh (at most the 100 changed last),
-- without the research the caller sees linked to the group. `present` is false (and nothing is
-- returned) before the first computation, or for a caller who may not read the group.
create or replace function erfa.group_radar_stored(p_group uuid)
returns table (present boolean, research_id uuid, score real, shared_goals smallint[],
  shared_targets text[], matched_words text[])
language sql stable security definer set search_path = '' as $$
  with radar as (
    select r.* from erfa_private.group_radar r
    where r.group_id = p_group and p_group in (select erfa.readable_groups())
  ), words as (
    -- The question's words, in its order, as erfa_private.group_radar_compute lists them.
    select array(select w from unnest(string_to_array(replace(replace(querytree(radar.query),
      '''', ''), ' ', ''), '|')) w) as list
    from radar
  ), changed as (
    select c.research_id from erfa_private.radar_research_changes c, radar
    where c.changed_at >= radar.computed_at order by c.changed_at desc limit 100
  ), rescored as materialized (
    select r.id, g.shared as goals, t.shared as targets, tsvector_to_array(r.fts) as lexemes,
      (3 * cardinality(t.shared) + cardinality(g.shared) + 10 * ts_rank(r.fts, radar.query, 1))::real
        as score
    from changed c join public.research r on r.id = c.research_id, radar,
      lateral (select array(select unnest(r.goals) intersect select unnest(radar.goals)
        order by 1)::smallint[] as shared) g,
      lateral (select array(select unnest(r.targets) intersect select unnest(radar.targets)
        order by 1) as shared) t
  ), hits as (
    select h.research_id, h.score, h.shared_goals, h.shared_targets, h.matched_words
    from erfa_private.group_radar_hits h, radar
    where h.group_id = p_group and h.research_id not in (select research_id from changed)
    union all
    -- A word of the question matches a record exactly when the record's vector has it (the
    -- words are plain lexemes): the same words as the computation's `fts @@ word`, cheaper.
    select s.id, s.score, s.goals, s.targets,
      array(select w from unnest(words.list) with ordinality x(w, i)
        where w = any(s.lexemes) order by i)
    from rescored s, words where s.score > 0
  )
  select true, null::uuid, null::real, null::smallint[], null::text[], null::text[]
  from radar
  union all
  select true, h.research_id, h.score, h.shared_goals, h.shared_targets, h.matched_words
  from hits h
  where h.research_id not in (
      select l.research_id from public.research_links l
      where l.group_id = p_group and l.experience_id is null and l.document_id is null
        and l.status <> 'declined'
        and (l.status = 'confirmed' or l.proposed_by = (select erfa.uid())
          or l.id in (select erfa.decidable_research_links())))
$$;

-- Whether a group has stored suggestions the caller may be served (cheap: the radar below then
-- reads them once).
create or replace function erfa.group_radar_present(p_group uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from erfa_private.group_radar r where r.group_id = p_group)
    and p_group in (select erfa.readable_groups())
$$;
revoke execute on function erfa.group_radar_present(uuid) from public;
grant execute on function erfa.group_radar_present(uuid) to anon, authenticated;

-- As in 20261207400100, the stored suggestions read once.
create or replace function public.research_radar(
  p_group uuid default null, p_experience uuid default null, p_document uuid default null,
  p_limit int default 10)
returns table (research_id uuid, score real, shared_goals smallint[], shared_targets text[],
  matched_words text[])
language plpgsql stable set search_path = '' as $$
#variable_conflict use_column
begin
  if p_group is not null and p_experience is null and p_document is null
      and (select erfa.uid()) is not null and erfa.group_radar_present(p_group) then
    return query select s.research_id, s.score, s.shared_goals, s.shared_targets, s.matched_words
      from erfa.group_radar_stored(p_group) s
      join public.research r on r.id = s.research_id
      order by s.score desc, s.research_id
      limit greatest(1, least(p_limit, 50));
    return;
  end if;
  return query select * from erfa.research_radar_live(p_group, p_experience, p_document, p_limit);
end
$$;

-- Existing suggestions get their question at their next refresh; until then they are treated as
-- stale with an empty question (changed research then scores by nothing and drops out only if
-- it no longer exists), and the page's refresh stores the question.
update erfa_private.group_radar set stale = true;

revoke execute on function erfa_private.group_radar_question(uuid) from public, anon, authenticated;
