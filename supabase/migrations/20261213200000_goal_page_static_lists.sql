-- A goal page's lists read with statements planned once per connection (issue 17).
-- public.goal_page (20261211100000) read each of its four lists through erfa.goal_page_items,
-- which runs its text with EXECUTE: parsed, rewritten with the tables' read policies and
-- planned again on every call. On the demo data that was ~0.9 ms of a list's ~1 ms, most of
-- the page's 3.5 ms in PostgreSQL. Without a target or municipality filter (the page as the
-- goals overview links to it) the lists are now static statements of erfa.goal_page_lists,
-- whose plans PL/pgSQL keeps: 0.17 ms a list. They are the texts goal_page built for that case,
-- and security invoker as before, so row-level security decides every row. With a filter the
-- page reads as before (the filters change which index fits, so those keep a plan per call).

create function erfa.goal_page_lists(p_goal smallint, p_kinds text[], p_experiences bigint,
  p_documents bigint, p_research bigint)
returns jsonb language plpgsql stable set search_path = '' as $$
declare
  page jsonb := jsonb_build_object('group', null, 'experience', null, 'document', null,
    'research', null);
  list jsonb;
begin
  if 'group' = any(p_kinds) then
    select jsonb_build_object('items', coalesce(jsonb_agg(to_jsonb(x) - 'total'), '[]'),
        'total', coalesce(max(x.total), 0)) into list
      from (select g.id, g.slug, g.name, g.visibility, count(*) over () as total
        from public.groups g
        where g.status = 'active' and g.sdg_goals @> array[p_goal]
        order by g.created_at desc limit 20) x;
    page := page || jsonb_build_object('group', list);
  end if;
  if 'experience' = any(p_kinds) then
    select jsonb_build_object('items', coalesce(jsonb_agg(to_jsonb(x)), '[]'),
        'total', coalesce(p_experiences, 0)) into list
      from (select e.id, e.title, e.summary, e.organization_id, e.sdg_targets, e.published_at,
          (select jsonb_build_object('slug', g.slug, 'name', g.name) from public.groups g
            where g.id = e.group_id) as "group"
        from public.experiences e
        where e.status = 'published' and e.hidden_at is null and e.sdg_goals @> array[p_goal]
        order by e.published_at desc, e.id limit 20) x;
    page := page || jsonb_build_object('experience', list);
  end if;
  if 'document' = any(p_kinds) then
    select jsonb_build_object('items', coalesce(jsonb_agg(to_jsonb(x)), '[]'),
        'total', coalesce(p_documents, 0)) into list
      from (select d.id, d.kind, d.title, d.summary, d.status, d.is_public, d.organization_id,
          d.content_updated_at,
          (select jsonb_build_object('slug', g.slug, 'name', g.name) from public.groups g
            where g.id = d.group_id) as "group"
        from public.documents d where d.sdg_goals @> array[p_goal]
        order by d.content_updated_at desc, d.id limit 20) x;
    page := page || jsonb_build_object('document', list);
  end if;
  if 'research' = any(p_kinds) then
    select jsonb_build_object('items', coalesce(jsonb_agg(to_jsonb(x)), '[]'),
        'total', coalesce(p_research, 0)) into list
      from (select r.id, r.title, r.year, r.institution_id, r.targets, r.visibility
        from public.research r where r.goals @> array[p_goal]
        order by r.year desc nulls last, r.created_at desc, r.id limit 20) x;
    page := page || jsonb_build_object('research', list);
  end if;
  return page;
end
$$;
revoke execute on function erfa.goal_page_lists(smallint, text[], bigint, bigint, bigint)
  from public;
grant execute on function erfa.goal_page_lists(smallint, text[], bigint, bigint, bigint)
  to anon, authenticated;

-- As in 20261211100000, with the lists of an unfiltered page from erfa.goal_page_lists.
create or replace function public.goal_page(p_goal smallint, p_target text default null,
  p_municipality uuid default null,
  p_kinds text[] default '{group,experience,document,research}')
returns jsonb language plpgsql stable set search_path = '' as $$
declare
  page jsonb := jsonb_build_object('group', null, 'experience', null, 'document', null,
    'research', null);
  totals record;
  q text;
begin
  if p_kinds && array['experience', 'document', 'research'] then
    select * into totals from public.goal_totals(p_goal, p_target, p_municipality);
  else
    -- Groups only: no totals are read, but the record is passed on below.
    select null::bigint as experiences, null::bigint as documents, null::bigint as research
      into totals;
  end if;
  if p_target is null and p_municipality is null then
    page := erfa.goal_page_lists(p_goal, p_kinds, totals.experiences, totals.documents,
      totals.research);
  else
    if 'group' = any(p_kinds) then
      if p_municipality is not null and erfa.uid() is null then
        page := page || jsonb_build_object('group',
          jsonb_build_object('items', '[]'::jsonb, 'total', 0));
      else
        q := $q$select g.id, g.slug, g.name, g.visibility, count(*) over () as total
          from public.groups g
          where g.status = 'active' and g.sdg_goals @> array[$1]$q$
          || case when p_municipality is null then '' else $q$ and exists (
            select 1 from public.group_members m join public.profiles p on p.id = m.user_id
            where m.group_id = g.id and p.organization_id = $3)$q$ end
          || ' order by g.created_at desc limit 20';
        page := page || jsonb_build_object('group', erfa.goal_page_items(q, p_goal, p_target,
          p_municipality, null));
      end if;
    end if;
    if 'experience' = any(p_kinds) then
      q := $q$select e.id, e.title, e.summary, e.organization_id, e.sdg_targets, e.published_at,
          null::bigint as total,
          (select jsonb_build_object('slug', g.slug, 'name', g.name) from public.groups g
            where g.id = e.group_id) as "group"
        from public.experiences e
        where e.status = 'published' and e.hidden_at is null and e.sdg_goals @> array[$1]$q$
        || case when p_target is null then '' else ' and e.sdg_targets @> array[$2]' end
        || case when p_municipality is null then '' else ' and e.organization_id = $3' end
        || ' order by e.published_at desc, e.id limit 20';
      page := page || jsonb_build_object('experience', erfa.goal_page_items(q, p_goal, p_target,
        p_municipality, totals.experiences));
    end if;
    if 'document' = any(p_kinds) then
      q := $q$select d.id, d.kind, d.title, d.summary, d.status, d.is_public, d.organization_id,
          d.content_updated_at,
          null::bigint as total,
          (select jsonb_build_object('slug', g.slug, 'name', g.name) from public.groups g
            where g.id = d.group_id) as "group"
        from public.documents d where d.sdg_goals @> array[$1]$q$
        || case when p_municipality is null then '' else ' and d.organization_id = $3' end
        || ' order by d.content_updated_at desc, d.id limit 20';
      page := page || jsonb_build_object('document', erfa.goal_page_items(q, p_goal, p_target,
        p_municipality, totals.documents));
    end if;
    if 'research' = any(p_kinds) then
      q := $q$select r.id, r.title, r.year, r.institution_id, r.targets, r.visibility,
          null::bigint as total from public.research r where r.goals @> array[$1]$q$
        || case when p_target is null then '' else ' and r.targets @> array[$2]' end
        || ' order by r.year desc nulls last, r.created_at desc, r.id limit 20';
      page := page || jsonb_build_object('research', erfa.goal_page_items(q, p_goal, p_target,
        p_municipality, totals.research));
    end if;
  end if;
  -- For the header's badge (notifications/unread.ts). Signed out there is none, and anon may
  -- not read notifications at all: that statement is then never run.
  if (select erfa.uid()) is not null then
    page := page || jsonb_build_object('unread',
      (select count(*) from public.notifications n where n.read_at is null));
  end if;
  return page || jsonb_build_object(
    'organizations', (select coalesce(jsonb_agg(to_jsonb(o)), '[]')
      from public.goal_organizations(p_goal) o),
    'choices', (select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'slug', o.slug,
      'name', o.name, 'kind', o.kind, 'county', o.county)), '[]') from public.organizations o));
end
$$;
