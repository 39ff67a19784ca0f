-- Snippets cut from small windows of a text (issue 17). A snippet's text was first made plain
-- (erfa.search_plain: six regular expressions over the whole text, up to 30 000 characters) and
-- then given to ts_headline, which parses and stems every word it is given and weighs every
-- place a query word occurs; erfa.search_snippet (20261207400000) gave it the first 2 000
-- characters, and the whole text when no match was there (every hit found by its title alone).
-- Both grow with the text: the snippets were most of a results page's time in the database
-- (EXPLAIN ANALYZE at volume: 1-3 ms of regular expressions for a 7 000-character document).
-- Here a page's texts come raw, at most 6 001 characters, and erfa.search_excerpt makes plain
-- and cuts only a window of them: the 360 characters around the first place a query lexeme
-- occurs (a Swedish stem begins its words), which holds a match for most hits; else the first
-- 1 000 (about 140 words: room for two fragments of up to 30 words), then the first 6 000. A
-- text where no lexeme occurs (a hit by its title) shows its beginning, as before, from its
-- first 360 characters; a match beyond 6 000 characters is shown as the text's beginning.
-- "…" before and after still say where the text goes on. erfa.search_plain gives the same
-- text as before, and skips the expressions whose marks (tags, links, emphasis) are absent.
-- CPU time per search at 100 000 + 100 000 records, with the ranking change below: 30-57 ms
-- before, 19-35 ms after (the ten benchmark searches, same session).
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
  if s <> translate(s, '*_~`|', '') then
    s := regexp_replace(s, '\*\*|__|~~|[*`|]|(^|[ \t])_|_([ \t]|$)', ' ', 'gn');
  end if;
  -- A line that ends without punctuation (a heading, a list item) ends a sentence.
  s := regexp_replace(regexp_replace(s, '([[:alnum:]])[ \t]*\n\s*', '\1. ', 'g'), '\s+', ' ', 'g');
  return nullif(btrim(s, ' '), '');
end
$$;

-- The first `n` characters of a text, ending at a whole word (the whole text when it is short).
create or replace function erfa.search_window(body text, n int) returns text
language sql immutable parallel safe set search_path = '' as $$
  select case when length(body) <= n then body
    when substr(body, n + 1, 1) ~ '\s' then left(body, n)
    else left(body, n + 1 - coalesce(nullif(strpos(reverse(
      translate(left(body, n), E'\n\r\t\f\v', '     ')), ' '), 0), n + 1)) end
$$;

-- The lexemes of a query, as they stand in it ('word' or 'word':*, quotes doubled inside).
create or replace function erfa.search_lexemes(tsq tsquery) returns text[]
language sql immutable parallel safe set search_path = '' as $$
  select coalesce(array_agg(distinct replace(m[1], '''''', '''')), '{}')
  from regexp_matches(tsq::text, '''((?:[^'']|'''')+)''', 'g') m
$$;

-- Where the text's first match probably is: the first place one of the query's lexemes occurs
-- (a Swedish stem begins its words; an English one mostly does), or null.
create or replace function erfa.search_first_match(raw text, tsq tsquery) returns int
language sql immutable parallel safe set search_path = '' as $$
  select min(nullif(strpos(lower(raw), l), 0)) from unnest(erfa.search_lexemes(tsq)) l
$$;

-- A snippet of `raw` (a hit's text, unmarked, at most 6 001 characters: more says it goes on)
-- around the query's matches, as erfa.search_snippet makes it. ts_headline gets the 360
-- characters around the first place a query word occurs, when a match is there (most hits);
-- otherwise the first 1 000 characters, and the first 6 000 when no match is there either. A
-- text where no query word occurs at all gets its beginning (the first 360 characters); an
-- English stem that is not the start of its word ("citi" for "city") is then found only in them.
create or replace function erfa.search_excerpt(raw text, tsq tsquery, marked boolean) returns text
language plpgsql stable parallel safe set search_path = '' as $$
declare
  at int := erfa.search_first_match(raw, tsq);
  more boolean;
  cut boolean := false;
  w text;
  s text;
  t text;
begin
  if raw is null then
    return null;
  end if;
  if at is null then
    -- No query word in the text (a hit by its title, say): its beginning, as ts_headline shows
    -- a text without a match, from a window no larger than that needs.
    more := length(raw) > 360;
    w := erfa.search_plain(erfa.search_window(raw, 360));
    s := erfa.search_headline(w, tsq, case when more then 100000 else length(w) end);
  elsif length(raw) > 400 then
    cut := at > 121;
    more := at + 279 < length(raw);
    w := substr(raw, greatest(1, at - 120), 400);
    w := erfa.search_plain(erfa.search_window(
      case when cut then regexp_replace(w, '^\S*\s+', '') else w end, 360));
    s := erfa.search_headline(w, tsq, 100000);
  end if;
  if at is not null and (s is null or position(chr(57344) in s) = 0) then
    cut := false;
    more := length(raw) > 1000;
    w := erfa.search_plain(erfa.search_window(raw, 1000));
    if w is null then
      return null;
    end if;
    s := erfa.search_headline(w, tsq, case when more then 100000 else length(w) end);
    if position(chr(57344) in s) = 0 and more then
      more := length(raw) > 6000;
      w := erfa.search_plain(erfa.search_window(raw, 6000));
      s := erfa.search_headline(w, tsq, 100000);
    end if;
  end if;
  t := btrim(translate(s, chr(57344) || chr(57345), ''));
  if t = '' then
    return null;
  end if;
  return case when cut or left(w, least(20, length(t))) <> left(t, 20) then '… ' else '' end
    || btrim(case when marked then s else t end)
    || case when (more or right(w, least(20, length(t))) <> right(t, 20)) and t !~ '[.!?…]$'
      then ' …' else '' end;
end
$$;

-- As in 20261207400400, with each snippet from erfa.search_excerpt, and 30 matches of each type
-- and kind (whole text, titles) ranked beyond the page, not 80: ranking reads each match's text
-- vector, a document's (up to 20 000 characters) 30-70 µs, and the ranks of 100 documents twice
-- were a quarter of a common query's time. A type with fewer matches ranks them all, as before;
-- with more, which ones are ranked was already "the first as they come" (20261207400000). The
-- relevance set's precision at 5 on the benchmark volume is the same (0.52, every query alike).
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
    select b.type, b.id, left(translate(b.body, chr(57344) || chr(57345), ''), 6001) as body
    from erfa.search_bodies(array(select p.type from page p), array(select p.id from page p)) b
  )
  select p.type, p.id, p.title, erfa.search_excerpt(b.body, query.tsq, true),
    p.path, p.context, case when p.type = 'research' then null else p.date end,
    case when p.type = 'research' then (select r.year from public.research r where r.id = p.id)
      else p.year end,
    p.goals, p.organization_id, p.theme_id, p.rank
  from page p left join bodies b on b.type = p.type and b.id = p.id, query
  order by p.n
$$;

grant execute on function erfa.search_window(text, int), erfa.search_excerpt(text, tsquery, boolean),
  erfa.search_lexemes(tsquery), erfa.search_first_match(text, tsquery) to anon, authenticated;
