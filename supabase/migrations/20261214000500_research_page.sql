-- The research list in one call (issue 17). /research read a page of research records, the
-- facets with the header's unread count (public.research_page_facets) and the organizations
-- (for the institution filter and who may post): three PostgREST requests, the page's CPU ×2.68
-- to ×2.95 the static floor, PostgREST the largest part over it (3.3 ms a request). Here the
-- same rows come in one: the page as research.ts `list` asked PostgREST for it (the same
-- filters, columns and embeds, newest first or most linked first, ties by id), and what
-- research_page_facets and the organizations' list return.
--
-- The page's statement is made for the filters given, as PostgREST made it (dynamic SQL, the
-- values as parameters): `(goal is null or goals @> ...)` in one fixed statement would be
-- planned without the indexes once PostgreSQL chose a generic plan. Security invoker: the
-- caller's row-level security decides every record, author and count, as it did for the three
-- requests.
-- The most linked records of a year: the page walked the most-linked index and tested every
-- record for the year (76 000 of 100 000 read for /research?goal=8&year=2020&sort=linked, 220 ms;
-- the records of a year are older than most). 0.6 ms with the year first.
create index research_year_linked_idx on public.research (year, link_count desc, created_at desc);

create function public.research_page(f jsonb default '{}', p_sort text default 'newest',
  p_offset integer default 0, p_limit integer default 20)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  conditions text[] := array['true'];
  ordering text := case when p_sort = 'linked' then 'r.link_count desc, r.created_at desc'
    else 'r.created_at desc' end || ', r.id';
  items jsonb;
begin
  if f ? 'goal' then conditions := array_append(conditions, 'r.goals @> array[($1->>''goal'')::smallint]'); end if;
  if f ? 'target' then conditions := array_append(conditions, 'r.targets @> array[$1->>''target'']'); end if;
  if f ? 'institution' then
    conditions := array_append(conditions, 'r.institution_id = ($1->>''institution'')::uuid');
  end if;
  if f ? 'year' then conditions := array_append(conditions, 'r.year = ($1->>''year'')::smallint'); end if;
  if f ? 'type' then conditions := array_append(conditions, 'r.type = $1->>''type'''); end if;
  if f ? 'language' then conditions := array_append(conditions, 'r.language = $1->>''language'''); end if;
  execute format($q$
    select coalesce(jsonb_agg(x.j order by x.n), '[]'::jsonb) from (
      select row_number() over (order by %1$s) as n, jsonb_build_object(
        'id', r.id, 'title', r.title, 'year', r.year, 'type', r.type, 'language', r.language,
        'goals', r.goals, 'targets', r.targets, 'visibility', r.visibility,
        'link_count', r.link_count, 'created_at', r.created_at,
        'institution', (select jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name)
          from public.organizations o where o.id = r.institution_id),
        'authors', coalesce((select jsonb_agg(jsonb_build_object('name', a.name,
            'position', a.position) order by a.position)
          from public.research_authors a where a.research_id = r.id), '[]'::jsonb)) as j
      from public.research r
      where %2$s
      order by %1$s
      offset $2 limit $3) x$q$, ordering, array_to_string(conditions, ' and '))
    into items using f, greatest(p_offset, 0), least(greatest(p_limit, 1), 100);
  return public.research_page_facets(f) || jsonb_build_object('items', items,
    'organizations', coalesce((select jsonb_agg(jsonb_build_object('id', o.id, 'slug', o.slug,
        'name', o.name, 'kind', o.kind, 'county', o.county))
      from public.organizations o), '[]'::jsonb));
end
$$;

revoke execute on function public.research_page(jsonb, text, integer, integer) from public;
grant execute on function public.research_page(jsonb, text, integer, integer)
  to anon, authenticated;
