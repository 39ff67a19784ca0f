-- Deleting an account: the type-ahead's vocabulary (erfa.search_words) only ever grows, so a
-- deleted person's name would stay in it and keep being suggested ("did you mean"). This takes
-- given words out and puts back only those that something still in the database yields (the
-- same sources and audiences as erfa_private.rebuild_search_words, 20261127000000), so a
-- word that another person's name or any title still contains stays, under the audiences
-- those rows give it. Rows are pre-filtered by their text containing one of the words; only
-- the words asked about are re-inserted.
create or replace function erfa_private.forget_search_words(p_words text[]) returns void
language plpgsql security definer set search_path = '' as $$
declare
  tbl text;
  words text[] := array(select distinct lower(w) from unnest(p_words) w where w ~ '^[[:alnum:]]+$');
  patterns text[];
begin
  if cardinality(words) = 0 then
    return;
  end if;
  patterns := array(select '%' || w || '%' from unnest(words) w);
  delete from erfa.search_words where word = any (words);
  foreach tbl in array array['experiences', 'threads', 'documents', 'research', 'groups',
    'organizations', 'profiles', 'events', 'sdg_goals', 'themes'] loop
    execute format($q$
      insert into erfa.search_words (word, audience, group_id)
      select w.word, w.audience, w.group_id from public.%I t,
        erfa_private.search_words_of(%L, to_jsonb(t)) w
      where to_jsonb(t)::text ilike any ($1) and w.word = any ($2)
      on conflict do nothing$q$, tbl, tbl) using patterns, words;
  end loop;
end
$$;

revoke execute on function erfa_private.forget_search_words(text[]) from public, anon, authenticated;
