-- Searches no longer send a notice with every query (issue 17). erfa.search_query_of and
-- erfa.search_fuzzy_query began with an empty query written as an untyped '' literal, which
-- PL/pgSQL converts to a tsquery on every call: each conversion raised "text-search query
-- doesn't contain lexemes", a NOTICE sent to the client, several times per search page (the
-- exact, fuzzy and facets queries). Written as ''::tsquery the empty query is made once when
-- the statement is planned. Otherwise as in 20261206000000.
create or replace function erfa.search_query_of(q text, typing boolean) returns tsquery
language plpgsql stable parallel safe set search_path = '' as $$
declare
  input text := left(coalesce(q, ''), 200);
  last_open boolean := typing and input ~ '[[:alnum:]]$';
  result tsquery := ''::tsquery;
  term tsquery;
  w record;
  n int;
begin
  select count(*) into n from (select 1 from erfa.words_of(input) limit 8) x;
  for w in select word, ord from erfa.words_of(input) limit 8 loop
    term := erfa.search_term(w.word, last_open and w.ord = n);
    continue when term is null;
    result := result && term;
  end loop;
  return result;
end
$$;

create or replace function erfa.search_fuzzy_query(q text) returns tsquery
language plpgsql stable set search_path = '' as $$
declare
  result tsquery := ''::tsquery;
  term tsquery;
  alike record;
  w record;
begin
  for w in select word from erfa.words_of(left(coalesce(q, ''), 200)) limit 8 loop
    term := erfa.search_term(w.word, length(w.word) >= 4);
    continue when term is null;
    for alike in select v.word from erfa.search_words v
        where v.word operator(extensions.%) w.word and v.word <> w.word
          and extensions.similarity(v.word, w.word) >= 0.4
        group by v.word order by max(extensions.similarity(v.word, w.word)) desc, v.word limit 3 loop
      term := term || coalesce(erfa.search_term(alike.word), term);
    end loop;
    result := result && term;
  end loop;
  return result;
end
$$;
