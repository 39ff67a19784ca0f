-- The type-ahead reads the whole texts only when titles do not fill it (issue 17).
-- public.search_suggest (20261206000000) read the first 20 title matches and the first 20
-- whole-text matches of every type on each key press, and kept the best 8. A prefix of a common
-- word fills the 8 from titles alone many times over, and the whole-text read (every type,
-- research's and experiences' slices included) was then about half of its time for nothing
-- shown. Here the whole texts are read only when fewer than 8 titles match: what a person sees
-- while typing is titles that begin with what they typed, best first, and body matches when
-- titles are too few (as before, ranked together). Same access: security invoker, the hits
-- come from erfa.search_hits as the caller (row-level security decides every row).
create or replace function public.search_suggest(q text)
returns table (type text, id uuid, title text, path text, context text, corrected text)
language plpgsql stable set search_path = '' as $$
#variable_conflict use_column
declare
  typed text := q;
  fixed text;
begin
  for attempt in 1..2 loop
    return query with query as (
        select erfa.search_prefix_query(typed) as tsq
      ), titled as materialized (
        select h.* from query, erfa.search_hits(query.tsq, '{}', 20, 'titles') h
      ), x as (
        select * from titled
        union all
        -- A one-time filter: the whole texts are not read at all when titles fill the list.
        select h.* from query, erfa.search_hits(query.tsq, '{}', 20) h
        where (select count(*) from titled) < 8
      )
      select h.type, h.id, h.title, h.path, h.context, fixed from (
        select distinct on (x.type, x.id) x.* from x order by x.type, x.id
      ) h
      order by h.rank desc, h.date desc nulls last, h.id limit 8;
    exit when found or attempt = 2;
    fixed := erfa.search_correction(q);
    exit when fixed is null;
    typed := fixed;
  end loop;
end
$$;
