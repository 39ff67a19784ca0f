-- The search hints' goals found without stemming them on every call (issue 17).
-- public.search_hints (20261127000000) names the goals whose names match a query that found
-- little. It tested each of the 17 goals with `erfa.search_vector(<names>) @@
-- erfa.search_query(q)`: the planner inlines search_query, so the query was parsed and stemmed
-- again for every goal, and so were the goals' names and titles (3.4 ms on the demo data, 5.7 ms
-- at volume, on every search page that finds little). Now the query is made once, and
-- erfa_private.sdg_goal_words holds each goal's vector, made by the same expression as before and
-- kept by triggers on public.sdg_goals (reference data, upserted when Erfa starts): 1.2-1.8 ms.
create table erfa_private.sdg_goal_words (
  number smallint primary key references public.sdg_goals (number) on delete cascade,
  words tsvector not null
);
alter table erfa_private.sdg_goal_words enable row level security;

create function erfa_private.sdg_goal_words_keep() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into erfa_private.sdg_goal_words (number, words)
  select g.number, erfa.search_vector(concat_ws(' ', g.name_sv, g.name_en, g.title_sv))
  from changed g
  on conflict (number) do update set words = excluded.words;
  return null;
end
$$;

create trigger sdg_goal_words_inserted after insert on public.sdg_goals
  referencing new table as changed
  for each statement execute function erfa_private.sdg_goal_words_keep();
create trigger sdg_goal_words_updated after update on public.sdg_goals
  referencing new table as changed
  for each statement execute function erfa_private.sdg_goal_words_keep();

insert into erfa_private.sdg_goal_words (number, words)
select g.number, erfa.search_vector(concat_ws(' ', g.name_sv, g.name_en, g.title_sv))
from public.sdg_goals g;

-- Security definer: erfa_private is not readable by callers. The goals and their names are
-- readable by everyone (sdg_goals_read is `true`), so this shows nothing new.
create function erfa.sdg_goal_words() returns table (number smallint, words tsvector)
language sql stable security definer set search_path = '' as $$
  select w.number, w.words from erfa_private.sdg_goal_words w
$$;
revoke execute on function erfa.sdg_goal_words() from public;
grant execute on function erfa.sdg_goal_words() to anon, authenticated;

-- As in 20261127000000, the query made once and the goals' words read from
-- erfa.sdg_goal_words().
create or replace function public.search_hints(q text) returns jsonb
language sql stable set search_path = '' as $$
  with query as materialized (
    select erfa.search_query(q) as tsq, lower(left(q, 200)) as typed
  )
  select jsonb_build_object(
    'correction', erfa.search_correction(q),
    'goals', (select coalesce(jsonb_agg(g.number order by g.number), '[]')
      from public.sdg_goals g join erfa.sdg_goal_words() w on w.number = g.number, query
      where w.words @@ query.tsq
        or extensions.word_similarity(query.typed, lower(g.name_sv || ' ' || g.name_en)) >= 0.6))
$$;
