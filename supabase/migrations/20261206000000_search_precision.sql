-- Search precision: what a finished word finds, what is marked, and what is only "similar".
--
-- * Complete words (the results page) match by their Swedish and English stems, never as
--   prefixes: "Anna" no longer finds "annonsera" (Swedish stem "ann" as a prefix). Only the
--   type-ahead (erfa.search_prefix_query) matches the last word as a prefix while it is typed,
--   and then by the word as typed, not by its stem.
-- * A word that is recognizably Swedish (å, ä, ö or a Swedish suffix) is not also run through the
--   English stemmer, which cuts Swedish words into English stems: "validering" became "valid"
--   and found "validity". English stemming of English words stays (recall for English papers).
-- * Fuzzy matching (trigram-similar vocabulary words and prefixes) is a separate search,
--   public.search_similar, that the app runs only when the exact search finds little; its
--   snippets carry no marks, so nothing looks like a match that is not one.
-- * "Did you mean" suggests a word only when it is very similar (similarity ≥ 0.4 and a similar
--   length: "recruitment" no longer becomes "rent"); the app also requires more results.
-- * Snippets are plain text for every type (Markdown marks removed before ts_headline), start
--   and end with "…" where the text goes on, and research hits carry their publication year,
--   not a date made up from it.
-- Access is unchanged: every function stays security invoker, so RLS decides every row, and
-- the vocabulary (erfa.search_words) is read under its own policy. The LEAKPROOF marks of
-- 20261127000000 (ts_match_vq, similarity_op) cover the operators used here.

-- True for a word that is Swedish by its letters or its ending. Such a word gets no English
-- stem: the English stemmer strips Swedish endings into English stems ("validering" → "valid",
-- "utvecklingen" → "utvecklingen"…), which match unrelated English words. English words with
-- these endings ("engineering") lose only their English inflections, not their exact matches.
create or replace function erfa.search_swedish(word text) returns boolean
language sql immutable parallel safe set search_path = '' as $$
  select word ~ '[åäö]'
    or word ~ '(ering|eringen|eringar|ningen|ningar|heten|heter|ighet|lighet|skap|skapet|arna|erna|orna|andet|endet|ande)$'
$$;

-- One word as a query: its Swedish stem, or its English stem (unless the word is Swedish);
-- with `prefix`, also the word as typed as a prefix. Null for a stop word in either language,
-- or a Swedish "och" would have to appear in English texts.
create or replace function erfa.search_term(word text, prefix boolean default false) returns tsquery
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  lit text := quote_literal(word);
  sv tsquery := to_tsquery('pg_catalog.swedish', lit);
  en tsquery := to_tsquery('pg_catalog.english', lit);
  result tsquery;
begin
  if numnode(sv) = 0 or numnode(en) = 0 then
    return null;
  end if;
  result := case when erfa.search_swedish(word) then sv else sv || en end;
  if prefix and length(word) >= 2 then
    result := result || to_tsquery('pg_catalog.simple', lit || ':*');
  end if;
  return result;
end
$$;

-- What a person typed, as a query: every word (at most 8) must match. `typing`: the last word
-- is still being typed (the text ends in a letter or digit), so it also matches as a prefix.
create or replace function erfa.search_query_of(q text, typing boolean) returns tsquery
language plpgsql stable parallel safe set search_path = '' as $$
declare
  input text := left(coalesce(q, ''), 200);
  last_open boolean := typing and input ~ '[[:alnum:]]$';
  result tsquery := '';
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

-- The results page: complete words only. The signature of 20261127000000 stays, so facets,
-- hints and the page (which call it) change with it.
create or replace function erfa.search_query(q text) returns tsquery
language sql stable parallel safe set search_path = '' as $$
  select erfa.search_query_of(q, false)
$$;

-- The type-ahead: the last word as a prefix while it is typed.
create or replace function erfa.search_prefix_query(q text) returns tsquery
language sql stable parallel safe set search_path = '' as $$
  select erfa.search_query_of(q, true)
$$;

-- The loose query behind "similar results": each word matches by its stems, as a prefix (4+
-- letters), or through up to three very similar words of the caller's vocabulary.
create or replace function erfa.search_fuzzy_query(q text) returns tsquery
language plpgsql stable set search_path = '' as $$
declare
  result tsquery := '';
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

-- The text a snippet is cut from, as plain text: Markdown marks (headings, quotes, list
-- markers, emphasis, code, links' addresses, table bars) are removed for every type, since
-- research abstracts and events are written in Markdown too.
create or replace function erfa.search_body(p_type text, p_id uuid) returns text
language plpgsql stable set search_path = '' as $$
declare
  body text;
begin
  case p_type
    when 'experience' then
      select concat_ws(E'\n', e.summary, e.background, e.actions, e.results, e.lessons) into body
      from public.experiences e where e.id = p_id;
    when 'thread' then select t.body into body from public.threads t where t.id = p_id;
    when 'reply' then select r.body into body from public.replies r where r.id = p_id;
    when 'document' then
      select concat_ws(E'\n', d.summary, left(d.content_text, 20000)) into body
      from public.documents d where d.id = p_id;
    when 'research' then select r.abstract into body from public.research r where r.id = p_id;
    when 'group' then select g.description into body from public.groups g where g.id = p_id;
    when 'event' then
      select concat_ws(E'\n', e.location, e.description) into body from public.events e where e.id = p_id;
    when 'person' then select p.title into body from public.profiles p where p.id = p_id;
    else body := null;
  end case;
  return erfa.search_plain(left(translate(body, chr(57344) || chr(57345), ''), 30000));
end
$$;

-- HTML tags are dropped as well (a snippet is text; <älvar> is not a tag and stays). Lines
-- are joined into sentences, since the snippet is one paragraph.
create or replace function erfa.search_plain(body text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select nullif(btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(body,
      '^[ \t]*(#+|>+|[-*+]|[0-9]+[.)])[ \t]+', '', 'gn'),
      '</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>', ' ', 'g'),
      '!?\[([^]]*)\]\([^)]*\)', '\1', 'g'),
      '\*\*|__|~~|[*`|]|(^|[ \t])_|_([ \t]|$)', ' ', 'gn'),
      -- A line that ends without punctuation (a heading, a list item) ends a sentence.
      '([[:alnum:]])[ \t]*\n\s*', '\1. ', 'g'),
      '\s+', ' ', 'g'), ' '), '')
$$;

-- A snippet of a hit's plain text around the query's matches: a short text whole, a long one
-- in fragments of whole words (ts_headline cuts between words), with "…" where the text goes on
-- before or after. With `marked`, the matches are wrapped in U+E000/U+E001 (the app turns them
-- into <mark>); without, nothing is marked.
create or replace function erfa.search_snippet(body text, tsq tsquery, marked boolean) returns text
language sql stable parallel safe set search_path = '' as $$
  with cut as (
    select ts_headline('pg_catalog.swedish', body, tsq,
      'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || case when length(body) <= 240
        then ', HighlightAll=true'
        else ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "' end) as s
  ), plain as (
    select s, btrim(translate(s, chr(57344) || chr(57345), '')) as t from cut
  )
  select case when body is null or t = '' then null else
      case when left(body, least(20, length(t))) <> left(t, 20) then '… ' else '' end
      || btrim(case when marked then s else t end)
      || case when right(body, least(20, length(t))) <> right(t, 20) and t !~ '[.!?…]$'
        then ' …' else '' end
    end
  from plain
$$;

-- One page of results (as in 20261127000000), with plain snippets and research's own year.
create or replace function public.search(q text, filters jsonb default '{}', sort text default 'relevance',
  lim int default 20, off int default 0)
returns table (type text, id uuid, title text, snippet text, path text, context text,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid, rank real)
language sql stable set search_path = '' as $$
  with query as (
    select erfa.search_query(q) as tsq, least(greatest(lim, 1), 50) as lim,
      least(greatest(off, 0), 10000) as off
  ), found as (
    select distinct on (h.type, h.id) h.* from query, lateral (
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 80,
        case when sort = 'date' then 'date' else 'relevance' end)
      union all
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 80, 'titles')
      where sort <> 'date'
    ) h
    order by h.type, h.id
  ), page as (
    select h.*, row_number() over (order by case when sort = 'date' then h.date end desc nulls last,
      h.rank desc, h.date desc nulls last, h.id) as n
    from found h
    order by n limit (select lim from query) offset (select off from query)
  )
  select p.type, p.id, p.title, erfa.search_snippet(erfa.search_body(p.type, p.id), query.tsq, true),
    p.path, p.context, case when p.type = 'research' then null else p.date end,
    case when p.type = 'research' then (select r.year from public.research r where r.id = p.id)
      else p.year end,
    p.goals, p.organization_id, p.theme_id, p.rank
  from page p, query
  order by p.n
$$;

-- Results that are only similar to the query (erfa.search_fuzzy_query), best first, for a
-- query whose exact search found little. Snippets are unmarked: these are not matches.
create or replace function public.search_similar(q text, lim int default 10)
returns table (type text, id uuid, title text, snippet text, path text, context text,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid, rank real)
language sql stable set search_path = '' as $$
  with query as (
    select erfa.search_fuzzy_query(q) as tsq, least(greatest(lim, 1), 20) as lim
  ), found as (
    select distinct on (h.type, h.id) h.* from query,
      lateral erfa.search_hits(query.tsq, '{}', 40) h
    order by h.type, h.id
  ), best as (
    select * from found order by rank desc, date desc nulls last, id limit (select lim from query)
  )
  select b.type, b.id, b.title, erfa.search_snippet(erfa.search_body(b.type, b.id), query.tsq, false),
    b.path, b.context, case when b.type = 'research' then null else b.date end,
    case when b.type = 'research' then (select r.year from public.research r where r.id = b.id)
      else b.year end,
    b.goals, b.organization_id, b.theme_id, b.rank
  from best b, query
  order by b.rank desc, b.date desc nulls last, b.id
$$;

-- "Did you mean": each word the caller's vocabulary lacks, replaced by a very similar word of
-- about the same length; null when nothing changes.
create or replace function erfa.search_correction(q text) returns text
language sql stable set search_path = '' as $$
  with typed as (
    select word, ord from erfa.words_of(left(q, 200)) limit 8
  ), fixed as (
    select t.ord, t.word as typed, coalesce(
      (select t.word where length(t.word) < 3 or t.word ~ '^[0-9]+$'
        or exists (select 1 from erfa.search_words w where w.word = t.word)),
      (select w.word from erfa.search_words w where w.word operator(extensions.%) t.word
          and extensions.similarity(w.word, t.word) >= 0.4
          and abs(length(w.word) - length(t.word)) <= greatest(2, length(t.word) / 4)
        order by extensions.similarity(w.word, t.word) desc, w.word limit 1),
      t.word) as word
    from typed t
  )
  select case when bool_or(typed <> word) then string_agg(word, ' ' order by ord) end from fixed
$$;

-- The type-ahead (as in 20261127000000), with the last word as a prefix.
create or replace function public.search_suggest(q text)
returns table (type text, id uuid, title text, path text, context text, corrected text)
language plpgsql stable set search_path = '' as $$
#variable_conflict use_column
declare
  typed text := q;
  fixed text;
begin
  for attempt in 1..2 loop
    return query select h.type, h.id, h.title, h.path, h.context, fixed from (
        select distinct on (x.type, x.id) x.* from (
          select * from erfa.search_hits(erfa.search_prefix_query(typed), '{}', 20, 'titles')
          union all
          select * from erfa.search_hits(erfa.search_prefix_query(typed), '{}', 20)
        ) x order by x.type, x.id
      ) h
      order by h.rank desc, h.date desc nulls last, h.id limit 8;
    exit when found or attempt = 2;
    fixed := erfa.search_correction(q);
    exit when fixed is null;
    typed := fixed;
  end loop;
end
$$;

grant execute on function erfa.search_swedish(text), erfa.search_term(text, boolean),
  erfa.search_query_of(text, boolean), erfa.search_prefix_query(text),
  erfa.search_fuzzy_query(text), erfa.search_plain(text), erfa.search_snippet(text, tsquery, boolean),
  public.search_similar(text, int)
  to anon, authenticated;
