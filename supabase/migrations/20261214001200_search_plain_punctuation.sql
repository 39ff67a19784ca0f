-- Snippets without a space before punctuation after emphasis (finish).
-- erfa.search_plain turns Markdown's emphasis marks into spaces, so "**platsvarumärke**, inflyttning"
-- was shown as "platsvarumärke , inflyttning" in the search results (the demo group
-- Attraktivitet's description). A mark that closes right before punctuation, or opens right after
-- an opening bracket or quotation mark, is now dropped instead; every other mark is still a space,
-- so words the marks separated stay apart. As in 20261211200000 otherwise.
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
    s := regexp_replace(s,
      '(?<=[(\["„“”''])(\*\*|__|~~|[*`_])|(\*\*|__|~~|[*`_])(?=[.,;:!?)\]"”''])', '', 'g');
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
