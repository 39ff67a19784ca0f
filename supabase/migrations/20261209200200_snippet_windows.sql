-- Snippets cut from smaller windows of a text (issue 17). ts_headline parses and stems every
-- word of the text it is given, and weighs every place a query word occurs there; its cost
-- grows with the text. erfa.search_snippet (20261207400000) gave it the first 2 000 characters
-- of a long text, and the whole text (up to 30 000 characters) when no match was there, which
-- is every hit found by its title alone: the snippets were about half of a results page's time
-- in the database. Here the first window is 800 characters (about 110 words: room for two
-- fragments of up to 30 words), and the second the first 6 000 characters, not the whole
-- text: a match further in is shown as the text's beginning, as a hit matched by its title is.
-- Texts of 800 characters or less are cut as before; "…" before and after still compare with
-- the whole text.
create or replace function erfa.search_snippet(body text, tsq tsquery, marked boolean) returns text
language plpgsql stable parallel safe set search_path = '' as $$
declare
  s text;
  t text;
begin
  if body is null then
    return null;
  end if;
  s := erfa.search_headline(erfa.search_window(body, 800), tsq, length(body));
  if position(chr(57344) in s) = 0 and length(body) > 800 then
    s := erfa.search_headline(erfa.search_window(body, 6000), tsq, length(body));
  end if;
  t := btrim(translate(s, chr(57344) || chr(57345), ''));
  if t = '' then
    return null;
  end if;
  return case when left(body, least(20, length(t))) <> left(t, 20) then '… ' else '' end
    || btrim(case when marked then s else t end)
    || case when right(body, least(20, length(t))) <> right(t, 20) and t !~ '[.!?…]$'
      then ' …' else '' end;
end
$$;

-- The first `n` characters of a text, ending at a whole word (the whole text when it is short).
create or replace function erfa.search_window(body text, n int) returns text
language sql immutable parallel safe set search_path = '' as $$
  select case when length(body) <= n then body
    when substr(body, n + 1, 1) ~ '\s' then left(body, n)
    else regexp_replace(left(body, n), '\S+$', '') end
$$;

grant execute on function erfa.search_window(text, int) to anon, authenticated;
