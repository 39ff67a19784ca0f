-- The radar's stored suggestions (20261207400100_radar_cache) missed new research: nothing
-- marked them stale when a record was added or its goals, targets or words changed, so a
-- group saw a record imported a minute ago only after a later refresh. Now:
-- * a change to research that the radar compares (insert, delete, title, abstract, keywords,
--   goals, targets, visibility) marks every group's suggestions stale;
-- * stale suggestions are not served: public.research_radar computes the answer live (as it
--   does for a group without stored suggestions), and the page's refresh after it has
--   answered stores the new ones. So the radar is exact after any change, at the cost of one
--   live computation per group per change; it is at most 10 minutes old otherwise.

create or replace function erfa_private.research_radar_stale() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update erfa_private.group_radar set stale = true where not stale;
  return null;
end
$$;
revoke execute on function erfa_private.research_radar_stale() from public, anon, authenticated;

create trigger research_radar_stale
  after insert or delete or update of title, abstract, keywords, goals, targets, visibility
  on public.research for each statement execute function erfa_private.research_radar_stale();

-- Same as before, except that stale suggestions count as none (the caller then gets the live
-- answer).
create or replace function erfa.group_radar_stored(p_group uuid)
returns table (present boolean, research_id uuid, score real, shared_goals smallint[],
  shared_targets text[], matched_words text[])
language sql stable security definer set search_path = '' as $$
  with readable as (
    select exists (select 1 from erfa_private.group_radar r where r.group_id = p_group and not r.stale)
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
