-- Who could use a research finding, from the stored text vectors (issue 17). public.research_audience
-- (20261125000100), shown to a record's editors on its page, built a text vector for every active
-- group and every document on each call (the first 5 000 characters of each document, in two
-- languages) and only then kept those sharing a goal or a word with the record: at 10 000
-- documents one call took ~20 s. Groups and documents keep their vectors (`fts`, the search
-- vectors: name or title, summary and text, weighted); here the candidates are found through
-- their indexes (goals, words) and ranked on those vectors: ~0.4 s at volume. A match in a
-- document's title or summary now weighs more than one in its text, and a document's whole text
-- counts (not only its first 5 000 characters). Same callers and access (security invoker: the
-- groups and documents are read under the caller's row-level security, as before).
create or replace function public.research_audience(p_research uuid, p_limit int default 10)
returns table (kind text, id uuid, score real, shared_goals smallint[], matched_words text[])
language sql stable set search_path = '' as $$
  with r as (
    select goals, erfa.characteristic_query(title || ' ' || abstract || ' ' || erfa.words(keywords))
      as query
    from public.research where id = p_research
  ), items as (
    select 'group'::text as kind, g.id, g.sdg_goals as goals, g.fts
    from public.groups g, r
    where g.status = 'active' and (g.sdg_goals && r.goals or g.fts @@ r.query)
    union all
    select 'document', d.id, d.sdg_goals, d.fts
    from public.documents d, r
    where d.sdg_goals && r.goals or d.fts @@ r.query
  ), scored as (
    select i.kind, i.id, i.fts,
      array(select unnest(i.goals) intersect select unnest(r.goals) order by 1)::smallint[] as goals,
      ts_rank(i.fts, r.query, 1) as text_rank
    from items i, r
  )
  select s.kind, s.id, (cardinality(s.goals) + 10 * s.text_rank)::real as score, s.goals,
    array(select w from unnest(string_to_array(replace(replace(querytree((select query from r)),
      '''', ''), ' ', ''), '|')) w where s.fts @@ w::tsquery)
  from scored s
  where not exists (select 1 from public.research_links l where l.research_id = p_research
    and l.status <> 'declined' and (l.document_id = s.id or (s.kind = 'group' and l.group_id = s.id
      and l.experience_id is null and l.document_id is null)))
  order by 3 desc, s.id
  limit greatest(1, least(p_limit, 50))
$$;
