-- The research radar on a group page, precomputed (issue 17). At 100 000 research records and
-- 15 000 experiences in one group a call took about a second (EXPLAIN ANALYZE): the group's
-- targets from every one of its experiences, a text query that matches nearly every record
-- (bitmap of 100 000 rows, 5 000 ranked), and research_links' read policy checked against every
-- record. None of that depends on who asks, for the people who may see the radar (those who may
-- read the group: active members, who may read every research record).
--
-- * erfa_private.group_radar_hits keeps each group's best 60 suggestions with their reasons,
--   computed by the same scoring as public.research_radar (20261129000100) from the group's
--   published experiences that are not hidden.
-- * public.research_radar serves a group's suggestions from there when the caller may read the
--   group (erfa.readable_groups()); each record is read through public.research as the caller
--   (its row-level security), and research already linked to the group (as the caller sees
--   the links) is left out at the time of the call, so a link confirmed a second ago counts.
--   Anyone else, experiences and documents get the live computation, as before.
-- * How stale: the suggestions are recomputed by public.refresh_research_radar, which the group
--   page calls after it has answered (so nobody waits for it). It recomputes when the group's
--   suggestions are older than 10 minutes, or marked stale by a change to the group, its
--   experiences or its research links (triggers below). So a page shows suggestions computed at
--   most 10 minutes before the previous visit, or before the last change; new research records
--   reach a group's radar within 10 minutes of a visit. Without suggestions yet (a new group),
--   the live computation answers.

create table erfa_private.group_radar (
  group_id uuid primary key references public.groups (id) on delete cascade,
  computed_at timestamptz not null,
  stale boolean not null default false
);
create table erfa_private.group_radar_hits (
  group_id uuid not null references erfa_private.group_radar (group_id) on delete cascade,
  research_id uuid not null references public.research (id) on delete cascade,
  score real not null,
  shared_goals smallint[] not null,
  shared_targets text[] not null,
  matched_words text[] not null,
  primary key (group_id, research_id)
);
create index group_radar_hits_research_idx on erfa_private.group_radar_hits (research_id);
-- Only the functions below read and write these (erfa_private is never granted to anon or
-- authenticated); row-level security without policies refuses everyone else as well.
alter table erfa_private.group_radar enable row level security;
alter table erfa_private.group_radar_hits enable row level security;

-- The live computation, unchanged (20261129000100), under a new name.
alter function public.research_radar(uuid, uuid, uuid, int) rename to research_radar_live;
alter function public.research_radar_live(uuid, uuid, uuid, int) set schema erfa;

-- A group's best `lim` suggestions over every research record, from its published experiences
-- that are not hidden. Security definer (so it reads every record and experience): only
-- public.refresh_research_radar calls it, for a group the caller may read.
create or replace function erfa_private.group_radar_compute(p_group uuid, lim int)
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
    (select r.id from public.research r, q where r.targets && q.targets
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

-- Recomputes a group's suggestions when they are missing, stale or older than 10 minutes, for
-- a caller who may read the group; otherwise does nothing (so calling it on every visit is
-- cheap, and nobody can make the database recompute more often than that).
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
  -- One recomputation at a time per group; a second visitor meanwhile keeps what is there.
  if not pg_try_advisory_xact_lock(hashtext('erfa.group_radar'), hashtext(p_group::text)) then
    return;
  end if;
  insert into erfa_private.group_radar (group_id, computed_at) values (p_group, now())
  on conflict (group_id) do update set computed_at = now(), stale = false;
  delete from erfa_private.group_radar_hits h where h.group_id = p_group;
  insert into erfa_private.group_radar_hits
  select p_group, c.* from erfa_private.group_radar_compute(p_group, 60) c;
end
$$;

-- A group's stored suggestions for a caller who may read the group (none otherwise, and none
-- before the first computation: then `present` is false), without the research the caller
-- sees linked to the group (the rule of research_links_read: confirmed links, and proposed
-- ones the caller made or may decide). Security definer to read erfa_private; the records
-- themselves are read by the caller in public.research_radar.
create or replace function erfa.group_radar_stored(p_group uuid)
returns table (present boolean, research_id uuid, score real, shared_goals smallint[],
  shared_targets text[], matched_words text[])
language sql stable security definer set search_path = '' as $$
  with readable as (
    select exists (select 1 from erfa_private.group_radar r where r.group_id = p_group)
      and p_group in (select erfa.readable_groups()) as ok
  )
  select true, null::uuid, null::real, null::smallint[], null::text[], null::text[]
  from readable where ok
  union all
  select true, h.research_id, h.score, h.shared_goals, h.shared_targets, h.matched_words
  from erfa_private.group_radar_hits h, readable
  where readable.ok and h.group_id = p_group
    and h.research_id not in (
      select l.research_id from public.research_links l
      where l.group_id = p_group and l.experience_id is null and l.document_id is null
        and l.status <> 'declined'
        and (l.status = 'confirmed' or l.proposed_by = (select erfa.uid())
          or l.id in (select erfa.decidable_research_links())))
$$;

-- Same signature and answers as before: a group's stored suggestions when there are some for
-- the caller, otherwise the live computation.
create or replace function public.research_radar(
  p_group uuid default null, p_experience uuid default null, p_document uuid default null,
  p_limit int default 10)
returns table (research_id uuid, score real, shared_goals smallint[], shared_targets text[],
  matched_words text[])
language plpgsql stable set search_path = '' as $$
#variable_conflict use_column
begin
  if p_group is not null and p_experience is null and p_document is null
      and (select erfa.uid()) is not null
      and exists (select 1 from erfa.group_radar_stored(p_group) s where s.research_id is null) then
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

-- Changes that make a group's suggestions stale: its goals, name or description; its
-- experiences (their goals, targets, words, publication); its research links.
create or replace function erfa_private.group_radar_stale() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  ids uuid[] := '{}';
begin
  if tg_table_name = 'groups' then
    ids := array[new.id];
  else
    if tg_op <> 'DELETE' then ids := ids || new.group_id; end if;
    if tg_op <> 'INSERT' then ids := ids || old.group_id; end if;
  end if;
  update erfa_private.group_radar set stale = true where group_id = any(ids) and not stale;
  return null;
end
$$;
create trigger groups_radar_stale after update of name, description, sdg_goals on public.groups
  for each row execute function erfa_private.group_radar_stale();
create trigger experiences_radar_stale after insert or delete or update of title, summary,
  status, hidden_at, sdg_goals, sdg_targets, group_id on public.experiences
  for each row execute function erfa_private.group_radar_stale();
create trigger research_links_radar_stale after insert or delete or update of status
  on public.research_links for each row execute function erfa_private.group_radar_stale();

revoke execute on function erfa_private.group_radar_compute(uuid, int),
  erfa_private.group_radar_stale() from public, anon, authenticated;
revoke execute on function public.refresh_research_radar(uuid) from public, anon;
grant execute on function public.refresh_research_radar(uuid) to authenticated;
revoke execute on function erfa.group_radar_stored(uuid) from public;
grant execute on function erfa.group_radar_stored(uuid), erfa.research_radar_live(uuid, uuid, uuid, int),
  public.research_radar(uuid, uuid, uuid, int) to anon, authenticated;
