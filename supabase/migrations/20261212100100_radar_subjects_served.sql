-- The stored research radar of every subject, served (issue 17), with what makes it stale: the
-- second half of 20261212100000_radar_subjects.sql (see there for the whole), in its own file to
-- keep each readable.

-- Whether a subject has stored suggestions (the caller has checked it may read the subject).
create function erfa.radar_present(p_subject uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from erfa_private.radar r where r.subject_id = p_subject)
$$;

-- A subject's stored suggestions, with research changed since they were computed scored afresh
-- against the stored question (at most the 100 changed last), as erfa.group_radar_stored did.
-- Every record, whoever asks: public.research_radar reads each through public.research as the
-- caller, after checking that the caller may read the subject.
create function erfa.radar_stored(p_subject uuid)
returns table (research_id uuid, score real, shared_goals smallint[], shared_targets text[],
  matched_words text[])
language sql stable security definer set search_path = '' as $$
  with radar as (
    select r.* from erfa_private.radar r where r.subject_id = p_subject
  ), words as (
    -- The question's words, in its order, as erfa_private.radar_rank lists them.
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
  )
  select h.research_id, h.score, h.shared_goals, h.shared_targets, h.matched_words
  from erfa_private.radar_hits h
  where h.subject_id = p_subject and h.research_id not in (select research_id from changed)
  union all
  -- A word of the question matches a record exactly when the record's vector has it (the words
  -- are plain lexemes): the same words as the computation's `fts @@ word`, cheaper.
  select s.id, s.score, s.goals, s.targets,
    array(select w from unnest(words.list) with ordinality x(w, i)
      where w = any(s.lexemes) order by i)
  from rescored s, words where s.score > 0
$$;

-- Same signature and answers as before, for every subject: stored suggestions when there are
-- some for a signed-in caller who may read the subject, otherwise the live computation.
create or replace function public.research_radar(
  p_group uuid default null, p_experience uuid default null, p_document uuid default null,
  p_limit int default 10)
returns table (research_id uuid, score real, shared_goals smallint[], shared_targets text[],
  matched_words text[])
language plpgsql stable set search_path = '' as $$
#variable_conflict use_column
declare
  v_subject uuid := coalesce(p_group, p_experience, p_document);
begin
  if (select erfa.uid()) is not null and erfa.radar_readable(p_group, p_experience, p_document)
      and erfa.radar_present(v_subject) then
    return query select s.research_id, s.score, s.shared_goals, s.shared_targets, s.matched_words
      from erfa.radar_stored(v_subject) s
      join public.research r on r.id = s.research_id
      -- One query per kind rather than one with `or`: each uses its own index and the plan
      -- stays simple (a group's radar 3.6–4.5 → 1.6–1.9 ms at volume under load, EXPLAIN
      -- ANALYZE).
      where s.research_id not in (
        select l.research_id from public.research_links l
        where l.group_id = p_group and l.experience_id is null and l.document_id is null
          and l.status <> 'declined'
        union all
        select l.research_id from public.research_links l
        where l.experience_id = p_experience and l.status <> 'declined'
        union all
        select l.research_id from public.research_links l
        where l.document_id = p_document and l.status <> 'declined')
      order by s.score desc, s.research_id
      limit greatest(1, least(p_limit, 50));
    return;
  end if;
  return query select * from erfa.research_radar_live(p_group, p_experience, p_document, p_limit);
end
$$;

-- Changes that make a subject's suggestions stale: a group's goals, name or description; an
-- experience's words, goals, targets or publication (its group's and its own); a document's
-- words or goals; research links to any of them.
create function erfa_private.radar_stale() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  ids uuid[] := '{}';
begin
  if tg_table_name in ('groups', 'documents') then
    ids := array[new.id];
  elsif tg_table_name = 'experiences' then
    if tg_op <> 'DELETE' then ids := ids || array[new.group_id, new.id]; end if;
    if tg_op <> 'INSERT' then ids := ids || array[old.group_id, old.id]; end if;
  else
    if tg_op <> 'DELETE' then
      ids := ids || array[new.group_id, new.experience_id, new.document_id];
    end if;
    if tg_op <> 'INSERT' then
      ids := ids || array[old.group_id, old.experience_id, old.document_id];
    end if;
  end if;
  update erfa_private.radar set stale = true where subject_id = any(ids) and not stale;
  return null;
end
$$;
create trigger groups_radar_stale after update of name, description, sdg_goals on public.groups
  for each row execute function erfa_private.radar_stale();
create trigger experiences_radar_stale after insert or delete or update of title, summary,
  background, actions, results, lessons, status, hidden_at, sdg_goals, sdg_targets, group_id
  on public.experiences for each row execute function erfa_private.radar_stale();
-- Only a real change: the collaboration server writes a document's text back when a room
-- closes, also when nobody changed it.
create trigger documents_radar_stale after update of title, summary, content_text, sdg_goals
  on public.documents for each row
  when (old.title is distinct from new.title or old.summary is distinct from new.summary
    or old.content_text is distinct from new.content_text
    or old.sdg_goals is distinct from new.sdg_goals)
  execute function erfa_private.radar_stale();
create trigger research_links_radar_stale after insert or delete or update of status
  on public.research_links for each row execute function erfa_private.radar_stale();

revoke execute on function erfa_private.radar_stale() from public, anon, authenticated;
revoke execute on function erfa.radar_present(uuid), erfa.radar_stored(uuid) from public, anon;
grant execute on function erfa.radar_stored(uuid) to authenticated;
-- public.research_radar's test names it, and signed-out callers run that too.
grant execute on function erfa.radar_present(uuid) to anon, authenticated;
