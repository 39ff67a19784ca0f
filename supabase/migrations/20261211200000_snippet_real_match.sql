-- A snippet shows the window around the first real match (issue 17). erfa.search_first_match
-- (20261209200200) took the first place a query lexeme occurs anywhere in the lowered text, so
-- also inside a compound the Swedish stemmer keeps whole ("jämställdhetsanalys" for
-- "jämställdhet") or mid-word. ts_headline marks no such word, so the 360-character window
-- around it held no mark, and the text was headlined again from its first 1 000 and then 6 000
-- characters: 20 of the 200 first-page texts of the ten benchmark searches, each several times
-- the cost of a window. A real match is a whole word (at a word boundary) whose Swedish stem is
-- one of the query's lexemes: exactly the words ts_headline marks. It is found with byte
-- searches for the lexemes (a Swedish stem begins its word), each candidate word checked with
-- the stemmer (usually the first is real). The lexemes are found once per call, not per text.
-- When the window holds a real match but the query's other words are not near it (no cover:
-- ts_headline would show the window's first words, unmarked), the window is shown whole with
-- its matches marked, instead of trying wider windows. A text with no real match within its
-- first 6 001 characters (a hit by its title, or by words past that) shows its beginning, as a
-- hit by its title did.
-- Snippets on the first pages of the ten benchmark searches (200 texts, 100 000 research
-- records + 100 000 experiences): 10 changed, each now around the first real match (8 for
-- "kompetensförsörjning unga", where no window held both words, 2 for "integration"); hits and
-- their order are the same. Backend CPU time, old and new functions alternately in one session
-- (load 4-5): the 20 snippets of a page 8.4-9.3 ms before, 3.4-3.5 ms after; the whole search
-- call (median of 3 × 6 calls) 15.9-34.5 ms before, 11.8-29.6 ms after ("jämställdhet" 31.2 →
-- 16.4, "kommunernas samverkan" 34.5 → 29.6). erfa.search_plain and erfa.search_window give
-- the same text as before (compared on 14 200 and 24 800 texts) for about half the time.

-- The forms in which the query's lexemes are looked for at the start of a word: each as written
-- in lower case, with a capital first letter and in capitals (a word in any other mix of cases
-- is not found). A lexeme that begins with another one adds nothing: the shorter one already
-- finds the same places.
create or replace function erfa.search_match_forms(lexemes text[]) returns text[]
language sql immutable parallel safe set search_path = '' as $$
  select coalesce(array_agg(distinct f), '{}') from unnest(lexemes) l,
    unnest(array[l, upper(left(l, 1)) || substr(l, 2), upper(l)]) f
  where not exists (select from unnest(lexemes) o where o <> l and starts_with(l, o))
$$;

-- Where the first real match is in `raw`: the first whole word that begins with one of `forms`
-- (erfa.search_match_forms) and whose Swedish stem is one of `lexemes`; null when none is.
-- Each form is found by a byte search (strpos): a regular expression that ignored case, or
-- lowering the text, cost several times as much on a text with no match (a hit by its title).
create or replace function erfa.search_real_match(raw text, lexemes text[], forms text[])
returns int
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  rest text := raw;
  skipped int := 0;
  at int;
  found int;
  f text;
  word text;
begin
  loop
    found := null;
    foreach f in array forms loop
      at := strpos(rest, f);
      if at > 0 and (found is null or at < found) then
        found := at;
      end if;
    end loop;
    if found is null then
      return null;
    end if;
    word := substring(rest from found for 100);
    word := coalesce(substring(word from '^[[:alnum:]]+'), word);
    -- What is left after a word skipped below begins right after that word: no word start.
    if (found > 1 and substr(rest, found - 1, 1) !~ '[[:alnum:]]' or found = 1 and skipped = 0)
        and tsvector_to_array(to_tsvector('pg_catalog.swedish', word)) && lexemes then
      return skipped + found;
    end if;
    rest := substr(rest, found + length(word));
    skipped := skipped + found + length(word) - 1;
  end loop;
end
$$;

-- A snippet of `raw` (a hit's text, unmarked, at most 6 001 characters: more says it goes on):
-- the 360 characters around its first real match, made plain and given to ts_headline, with "…"
-- where the text goes on. `lexemes` and `forms` are the query's (erfa.search_lexemes and
-- erfa.search_match_forms), made once per call. Whether the text is longer than n characters
-- is asked as substr(raw, n + 1, 1) <> '': length() counts every character of the text.
create or replace function erfa.search_excerpt(raw text, tsq tsquery, lexemes text[], forms text[],
  marked boolean) returns text
language plpgsql stable parallel safe set search_path = '' as $$
declare
  at int := erfa.search_real_match(raw, lexemes, forms);
  more boolean := false;
  cut boolean := false;
  w text;
  s text;
  t text;
begin
  if raw is null then
    return null;
  end if;
  if at is not null and substr(raw, 401, 1) <> '' then
    cut := at > 121;
    more := substr(raw, at + 280, 1) <> '';
    w := substr(raw, greatest(1, at - 120), 400);
    w := erfa.search_plain(erfa.search_window(
      case when cut then regexp_replace(w, '^\S*\s+', '') else w end, 360));
    s := erfa.search_headline(w, tsq, 100000);
  elsif at is not null then
    w := erfa.search_plain(raw);
    s := erfa.search_headline(w, tsq, length(w));
  end if;
  if at is not null and strpos(s, chr(57344)) = 0 then
    -- No cover in the window (the query's other words are not near): the window whole, each
    -- real match in it marked.
    s := erfa.search_headline(w, tsq, 0);
  end if;
  if at is null or coalesce(strpos(s, chr(57344)), 0) = 0 then
    -- No real match (or only one inside mark-up the plain text drops): the text's beginning.
    -- Where nothing matches, ts_headline shows a long text's first 12 words: its first 200
    -- characters hold them when they hold 20 spaces, and cost less to parse than 360.
    cut := false;
    more := substr(raw, 361, 1) <> '';
    w := case when at is null and more then erfa.search_plain(erfa.search_window(raw, 200)) end;
    if w is null or length(w) - length(replace(w, ' ', '')) < 20 then
      w := erfa.search_plain(erfa.search_window(raw, 360));
    end if;
    s := erfa.search_headline(w, tsq, case when more then 100000 else length(w) end);
  end if;
  t := btrim(replace(replace(s, chr(57344), ''), chr(57345), ''));
  if t = '' then
    return null;
  end if;
  return case when cut or left(w, least(20, length(t))) <> left(t, 20) then '… ' else '' end
    || btrim(case when marked then s else t end)
    || case when (more or right(w, least(20, length(t))) <> right(t, 20))
      and right(t, 1) not in ('.', '!', '?', '…') then ' …' else '' end;
end
$$;

-- As in 20261209200200, with the same text for less: the checks for emphasis marks are byte
-- searches (translate copied the text), and only runs of white space other than one space are
-- replaced (every space was).
create or replace function erfa.search_plain(body text) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  s text := regexp_replace(body, '^[ \t]*(#+|>+|[-*+]|[0-9]+[.)])[ \t]+', '', 'gn');
begin
  if strpos(s, '<') > 0 then
    s := regexp_replace(s, '</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>', ' ', 'g');
  end if;
  if strpos(s, '](') > 0 then
    s := regexp_replace(s, '!?\[([^]]*)\]\([^)]*\)', '\1', 'g');
  end if;
  if strpos(s, '*') > 0 or strpos(s, '_') > 0 or strpos(s, '~') > 0 or strpos(s, '`') > 0
      or strpos(s, '|') > 0 then
    s := regexp_replace(s, '\*\*|__|~~|[*`|]|(^|[ \t])_|_([ \t]|$)', ' ', 'gn');
  end if;
  -- A line that ends without punctuation (a heading, a list item) ends a sentence.
  if strpos(s, E'\n') > 0 then
    s := regexp_replace(s, '([[:alnum:]])[ \t]*\n\s*', '\1. ', 'g');
  end if;
  s := regexp_replace(s, '\s\s+|(?! )\s', ' ', 'g');
  return nullif(btrim(s, ' '), '');
end
$$;

-- As in 20261209200200, the same text for less: without counting the characters of a long
-- text, and the last white space found by byte searches in the reversed window (translate,
-- which made every kind of white space a space first, cost twice the rest).
create or replace function erfa.search_window(body text, n int) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  rev text;
begin
  if substr(body, n + 1, 1) = '' then
    return body;
  elsif substr(body, n + 1, 1) ~ '\s' then
    return left(body, n);
  end if;
  rev := reverse(left(body, n));
  return left(body, n + 1 - coalesce(least(nullif(strpos(rev, ' '), 0),
    nullif(strpos(rev, E'\n'), 0), nullif(strpos(rev, E'\r'), 0), nullif(strpos(rev, E'\t'), 0),
    nullif(strpos(rev, E'\f'), 0), nullif(strpos(rev, E'\v'), 0)), n + 1));
end
$$;

-- The signature of 20261209200200, for callers that have the query only.
create or replace function erfa.search_excerpt(raw text, tsq tsquery, marked boolean) returns text
language sql stable parallel safe set search_path = '' as $$
  select erfa.search_excerpt(raw, tsq, l, erfa.search_match_forms(l), marked)
  from erfa.search_lexemes(tsq) l
$$;

-- As in 20261210200000, with the query's lexemes and their forms made once per call.
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
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 30,
        case when sort = 'date' then 'date' else 'relevance' end)
      union all
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 30, 'titles')
      where sort <> 'date'
    ) h
    order by h.type, h.id
  ), page as materialized (
    select h.*, row_number() over (order by case when sort = 'date' then h.date end desc nulls last,
      h.rank desc, h.date desc nulls last, h.id) as n
    from found h
    order by n limit (select lim from query) offset (select off from query)
  ), bodies as (
    select b.type, b.id, erfa.search_unmarked(b.body) as body
    from erfa.search_bodies(array(select p.type from page p), array(select p.id from page p)) b
  ), words as materialized (
    select l.lexemes, erfa.search_match_forms(l.lexemes) as forms
    from query, erfa.search_lexemes(query.tsq) l(lexemes)
  )
  select p.type, p.id, p.title,
    erfa.search_excerpt(b.body, query.tsq, words.lexemes, words.forms, true),
    p.path, p.context, case when p.type = 'research' then null else p.date end,
    case when p.type = 'research' then (select r.year from public.research r where r.id = p.id)
      else p.year end,
    p.goals, p.organization_id, p.theme_id, p.rank
  from page p left join bodies b on b.type = p.type and b.id = p.id, query, words
  order by p.n
$$;

-- erfa.search_real_match took its place.
drop function erfa.search_first_match(text, tsquery);

grant execute on function erfa.search_match_forms(text[]), erfa.search_real_match(text, text[], text[]),
  erfa.search_excerpt(text, tsquery, text[], text[], boolean) to anon, authenticated;
