-- Issue 17: the radar on a group's or a document's page in one round trip instead of two. The
-- page asked public.research_radar for the suggestions and then public.research for the records
-- they name (title, abstract and keywords to show the matched words as written, year,
-- institution). This is both, in the radar's order. Security invoker: research_radar runs as
-- the caller as before, and the records are read under the caller's RLS, so a suggestion whose
-- record the caller may not read is left out, as the second call left it out.
create or replace function public.research_radar_records(
  p_group uuid default null, p_experience uuid default null, p_document uuid default null,
  p_limit int default 10)
returns table (research_id uuid, score real, shared_goals smallint[], shared_targets text[],
  matched_words text[], title text, abstract text, keywords text[], year smallint,
  institution text)
language sql stable security invoker set search_path = ''
as $$
  select h.research_id, h.score, h.shared_goals, h.shared_targets, h.matched_words,
    r.title, r.abstract, r.keywords, r.year,
    (select o.name from public.organizations o where o.id = r.institution_id)
  from public.research_radar(p_group, p_experience, p_document, p_limit)
    with ordinality h(research_id, score, shared_goals, shared_targets, matched_words, n)
  join public.research r on r.id = h.research_id
  order by h.n
$$;

revoke execute on function public.research_radar_records(uuid, uuid, uuid, int) from public;
grant execute on function public.research_radar_records(uuid, uuid, uuid, int) to anon, authenticated;
