-- The research radar on an experience's and a document's page, stored as a group's is (issue 17:
-- ≤ 50 ms in the database). They were computed at every call: ~128 ms (experience) and ~103 ms
-- (document) at 100 000 research records, mostly ranking the text candidates.
--
-- One table for every subject: erfa_private.group_radar becomes erfa_private.radar, keyed by the
-- subject's id (a group, an experience or a document; exactly one of the three columns is set),
-- and its hits erfa_private.radar_hits. One computation, refresh, reader and staleness trigger
-- for all three replace the group's own:
-- * erfa_private.radar_question: what a subject compares research with (its goals, targets and
--   characteristic words): a group's as before (20261208100100, its published experiences that
--   are not hidden), an experience's and a document's as the live radar takes them.
-- * erfa_private.radar_rank: the best suggestions for a question over every record, the scoring
--   of erfa_private.group_radar_compute (20261211000500), now given the question.
-- * public.refresh_research_radar(p_group | p_experience | p_document): as before, for a caller
--   who may read the subject (as the caller: the group in erfa.readable_groups(), the experience
--   or document readable under its row-level security); erfa.radar_refresh does the writing.
-- * public.research_radar (in 20261212100100) serves the stored suggestions to a signed-in
--   caller who may read the subject, research changed since scored at the call
--   (erfa.radar_stored, as erfa.group_radar_stored did), each record read through public.research as the caller, and
--   research linked to the subject left out as the caller sees the links (public.research_links
--   read as the caller, the rule the live radar applies). Signed out, or with nothing stored,
--   the live computation answers, as for a group.
-- How stale, the group's rule for every subject: the page answers with what is stored and asks
-- for a refresh after answering, which recomputes when the suggestions are stale (a change to
-- the subject or its research links), older than 10 minutes, or older than a change to research.
-- So a visit shows the suggestions of the previous visit's refresh: one visit behind a change to
-- the experience's or document's text or goals; research is current at every call (changed
-- records are scored at the call). A first visit with nothing stored gets the live answer (a
-- page read cannot write, and the refresh right after stores it).
-- Storage: a group keeps 60 suggestions, an experience or a document 20 (its page shows 5), and
-- an experience's or document's suggestions not recomputed for 30 days (no visit since) are
-- removed by the next refresh of any subject, so only pages people open keep them.
-- Research changes no longer mark every stored radar stale (one row each, 100 000 experiences
-- could have one): the refresh compares the stored time with erfa_private.radar_research_changes,
-- which is the same rule without the writes. A deleted record drops out at once (its hits go with
-- it); what it made room for comes with the next refresh (≤ 10 minutes).

-- The table, for every subject.
alter table erfa_private.group_radar_hits drop constraint group_radar_hits_group_id_fkey;
alter table erfa_private.group_radar drop constraint group_radar_pkey;
alter table erfa_private.group_radar rename to radar;
alter table erfa_private.radar
  alter column group_id drop not null,
  add column experience_id uuid references public.experiences (id) on delete cascade,
  add column document_id uuid references public.documents (id) on delete cascade,
  add column subject_id uuid not null
    generated always as (coalesce(group_id, experience_id, document_id)) stored,
  add constraint radar_one_subject check (num_nonnulls(group_id, experience_id, document_id) = 1);
alter table erfa_private.radar add constraint radar_pkey primary key (subject_id);
-- For the deletes that cascade from each subject, and for the refresh's clean-up of changes.
create index radar_group_idx on erfa_private.radar (group_id) where group_id is not null;
create index radar_experience_idx on erfa_private.radar (experience_id)
  where experience_id is not null;
create index radar_document_idx on erfa_private.radar (document_id) where document_id is not null;
create index radar_computed_idx on erfa_private.radar (computed_at);
alter table erfa_private.group_radar_hits rename to radar_hits;
alter table erfa_private.radar_hits rename column group_id to subject_id;
alter table erfa_private.radar_hits add constraint radar_hits_subject_fkey
  foreign key (subject_id) references erfa_private.radar (subject_id) on delete cascade;

drop trigger groups_radar_stale on public.groups;
drop trigger experiences_radar_stale on public.experiences;
drop trigger research_links_radar_stale on public.research_links;
drop trigger research_radar_stale on public.research;
drop function erfa_private.group_radar_stale();
drop function erfa_private.research_radar_stale();
drop function public.refresh_research_radar(uuid);
drop function erfa.group_radar_stored(uuid);
drop function erfa.group_radar_present(uuid);
drop function erfa_private.group_radar_compute(uuid, int);
drop function erfa_private.group_radar_question(uuid);

-- What a subject's radar compares research with. Security definer: a group's from all its
-- published experiences that are not hidden, whoever asks.
create function erfa_private.radar_question(p_group uuid, p_experience uuid, p_document uuid)
returns table (goals smallint[], targets text[], query tsquery)
language sql stable security definer set search_path = '' as $$
  select s.goals, s.targets, erfa.characteristic_query(s.body) from (
    select g.sdg_goals as goals,
      coalesce((select array_agg(distinct t) from public.experiences e, unnest(e.sdg_targets) t
        where e.group_id = g.id and e.status = 'published' and e.hidden_at is null), '{}') as targets,
      g.name || ' ' || g.description || ' ' || coalesce((
        select string_agg(e.title || ' ' || e.summary, ' ') from (select title, summary
          from public.experiences where group_id = g.id and status = 'published'
            and hidden_at is null order by published_at desc limit 20) e), '') as body
    from public.groups g where g.id = p_group
    union all
    select e.sdg_goals, e.sdg_targets, e.title || ' ' || e.summary || ' ' || e.background || ' '
      || e.actions || ' ' || e.results || ' ' || e.lessons
    from public.experiences e where e.id = p_experience
    union all
    select d.sdg_goals, '{}'::text[], d.title || ' ' || d.summary || ' ' || left(d.content_text, 20000)
    from public.documents d where d.id = p_document
  ) s limit 1
$$;

-- The best `lim` suggestions for a question over the research the executing role may read (every
-- record: only erfa.radar_refresh, a definer, calls it). The scoring of the live radar.
-- enable_seqscan off: the text candidates are the first 5 000 matches, and a common word can
-- match every record; with the question's words known the planner then scans the table, and a
-- sequential scan may start anywhere (synchronized scans), so each refresh drew other
-- candidates. The index's bitmap gives them in table order, as the live radar takes them: the
-- same suggestions at every refresh, and the live radar's (18 experiences and documents compared
-- at volume).
create function erfa_private.radar_rank(p_goals smallint[], p_targets text[], p_query tsquery,
  lim int)
returns table (research_id uuid, score real, shared_goals smallint[], shared_targets text[],
  matched_words text[])
language sql stable set search_path = '' set enable_seqscan = off as $$
  with candidates as (
    -- Without targets the walk newest first would read every record to find none.
    (select r.id from public.research r
      where cardinality(p_targets) > 0 and r.targets && p_targets
      order by r.created_at desc limit 200)
    union
    (select r.id from public.research r where r.goals && p_goals
      order by r.created_at desc limit 200)
    union
    (select m.id from (
        select r.id, r.fts from public.research r where r.fts @@ p_query limit 5000) m
      order by ts_rank(m.fts, p_query, 1) desc limit 200)
  ), ranked as (
    select r.id, r.fts,
      array(select unnest(r.goals) intersect select unnest(p_goals) order by 1)::smallint[] as goals,
      array(select unnest(r.targets) intersect select unnest(p_targets) order by 1) as targets,
      ts_rank(r.fts, p_query, 1) as text_rank
    from candidates c join public.research r on r.id = c.id
  ), best as (
    select s.*, (3 * cardinality(s.targets) + cardinality(s.goals) + 10 * s.text_rank)::real as score
    from ranked s order by score desc, s.id limit lim
  )
  select b.id, b.score, b.goals, b.targets,
    array(select w from unnest(string_to_array(replace(replace(querytree(p_query), '''', ''), ' ', ''), '|')) w
      where b.fts @@ w::tsquery)
  from best b where b.score > 0
$$;

-- Recomputes a subject's suggestions when they are missing, stale, older than 10 minutes or
-- older than a change to research; otherwise does nothing, so calling it on every visit is
-- cheap and nobody makes the database recompute more often. The caller has checked that the
-- subject may be read (public.refresh_research_radar): not reachable through the API.
create function erfa.radar_refresh(p_group uuid, p_experience uuid, p_document uuid)
returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_subject uuid := coalesce(p_group, p_experience, p_document);
begin
  if num_nonnulls(p_group, p_experience, p_document) <> 1 then
    return;
  end if;
  if exists (select 1 from erfa_private.radar r where r.subject_id = v_subject
      and not r.stale and r.computed_at > now() - interval '10 minutes'
      and not exists (select 1 from erfa_private.radar_research_changes c
        where c.changed_at >= r.computed_at)) then
    return;
  end if;
  -- One recomputation at a time per subject; a second visitor meanwhile keeps what is there.
  if not pg_try_advisory_xact_lock(hashtext('erfa.group_radar'), hashtext(v_subject::text)) then
    return;
  end if;
  insert into erfa_private.radar (group_id, experience_id, document_id, computed_at, goals,
    targets, query)
  select p_group, p_experience, p_document, now(), q.goals, coalesce(q.targets, '{}'), q.query
  from erfa_private.radar_question(p_group, p_experience, p_document) q
  on conflict (subject_id) do update set computed_at = now(), stale = false,
    goals = excluded.goals, targets = excluded.targets, query = excluded.query;
  delete from erfa_private.radar_hits h where h.subject_id = v_subject;
  -- A group keeps its best 60 as before; an experience's or a document's page shows 5, and
  -- there may be 110 000 of them: 20 leave room for linked and unreadable records.
  insert into erfa_private.radar_hits
  select v_subject, c.* from erfa_private.radar r,
    erfa_private.radar_rank(r.goals, r.targets, r.query,
      case when p_group is null then 20 else 60 end) c
  where r.subject_id = v_subject;
  -- An experience's or a document's suggestions not recomputed for 30 days belong to a page
  -- nobody opened since (a visit recomputes when they are older than 10 minutes): they go, and
  -- the next visit is answered live once.
  delete from erfa_private.radar r
  where r.group_id is null and r.computed_at < now() - interval '30 days';
  -- Changes older than every stored radar are no longer needed.
  delete from erfa_private.radar_research_changes
  where changed_at < (select min(computed_at) from erfa_private.radar);
end
$$;

-- Whether the caller may read the subject, as the caller (security invoker): the rule each
-- page applies, so the stored radar shows nothing the live one would not.
create function erfa.radar_readable(p_group uuid, p_experience uuid, p_document uuid)
returns boolean
language sql stable set search_path = '' as $$
  select num_nonnulls(p_group, p_experience, p_document) = 1 and case
    when p_group is not null then p_group in (select erfa.readable_groups())
    when p_experience is not null then
      exists (select 1 from public.experiences e where e.id = p_experience)
    else exists (select 1 from public.documents d where d.id = p_document) end
$$;

create function public.refresh_research_radar(p_group uuid default null,
  p_experience uuid default null, p_document uuid default null)
returns void
language plpgsql volatile set search_path = '' as $$
begin
  if erfa.radar_readable(p_group, p_experience, p_document) then
    perform erfa.radar_refresh(p_group, p_experience, p_document);
  end if;
end
$$;

revoke execute on function erfa_private.radar_question(uuid, uuid, uuid),
  erfa_private.radar_rank(smallint[], text[], tsquery, int) from public, anon, authenticated;
revoke execute on function erfa.radar_refresh(uuid, uuid, uuid),
  public.refresh_research_radar(uuid, uuid, uuid) from public, anon;
grant execute on function erfa.radar_refresh(uuid, uuid, uuid),
  public.refresh_research_radar(uuid, uuid, uuid) to authenticated;
grant execute on function erfa.radar_readable(uuid, uuid, uuid) to anon, authenticated;
