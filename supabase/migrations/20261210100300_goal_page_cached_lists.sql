-- A goal page's lists without planning them on every call (issue 17). public.goal_page
-- (20261209300000) ran each list through EXECUTE, so each was planned per call: about half of
-- the lists' time at 100 000 experiences and research records (0.5–1 ms of planning each under
-- the read policies, against 0.3–0.6 ms of execution).
--
-- The default page (no target, no municipality) now reads its groups, experiences and research
-- with static statements in erfa.goal_page_list, whose plans PL/pgSQL keeps per connection. They are forced generic: for
-- a parameter PostgreSQL would otherwise keep planning each call, as the custom plan for a
-- common goal looks cheaper than the generic one. The one plan walks each table's order index
-- and keeps the rows with the goal: fast when the goal is common, but a goal with few rows
-- would walk the whole index (2 s for a goal with none at 100 000 experiences). So the static
-- statement is used only when the goal's total (the maintained count, read first) is at least
-- 1 % of the table's rows (pg_class.reltuples, the planner's own estimate): the walk then reads
-- about 2 000 index entries at most for its 20 rows. Otherwise, and with filters, the list is
-- planned for its values through EXECUTE, as before. Groups (hundreds at most) are always
-- static without a municipality; documents (thousands) are always planned per call, as their
-- generic plan reads every document. The rows, their order and the access rules (the caller's,
-- security invoker) are those of 20261209300000.

-- Whether a list of `total` rows of `tab` is common enough for the static statement.
create or replace function erfa.goal_page_walks(tab regclass, total bigint)
returns boolean language sql stable set search_path = '' as $$
  select coalesce(total, 0) * 100 >= (select c.reltuples from pg_catalog.pg_class c where c.oid = tab)
$$;

-- One list of the default page: its first 20 rows as the caller reads them and `total` (for
-- groups, counted here).
create or replace function erfa.goal_page_list(p_kind text, p_goal smallint, p_total bigint)
returns jsonb language plpgsql stable set search_path = ''
set plan_cache_mode = force_generic_plan as $$
declare
  part jsonb;
begin
  case p_kind
  when 'group' then
    select jsonb_build_object('items', coalesce(jsonb_agg(to_jsonb(x) - 'total'), '[]'),
        'total', coalesce(max(x.total), 0)) into part
      from (select g.id, g.slug, g.name, g.visibility, count(*) over () as total
        from public.groups g
        where g.status = 'active' and g.sdg_goals @> array[p_goal]
        order by g.created_at desc limit 20) x;
  when 'experience' then
    select jsonb_build_object('items', coalesce(jsonb_agg(to_jsonb(x)), '[]'), 'total', p_total)
      into part
      from (select e.id, e.title, e.summary, e.organization_id, e.sdg_targets, e.published_at,
          (select jsonb_build_object('slug', g.slug, 'name', g.name) from public.groups g
            where g.id = e.group_id) as "group"
        from public.experiences e
        where e.status = 'published' and e.hidden_at is null and e.sdg_goals @> array[p_goal]
        order by e.published_at desc, e.id limit 20) x;
  else
    select jsonb_build_object('items', coalesce(jsonb_agg(to_jsonb(x)), '[]'), 'total', p_total)
      into part
      from (select r.id, r.title, r.year, r.institution_id, r.targets, r.visibility
        from public.research r where r.goals @> array[p_goal]
        order by r.year desc nulls last, r.created_at desc, r.id limit 20) x;
  end case;
  return part;
end
$$;

create or replace function public.goal_page(p_goal smallint, p_target text default null,
  p_municipality uuid default null,
  p_kinds text[] default '{group,experience,document,research}')
returns jsonb language plpgsql stable set search_path = '' as $$
declare
  page jsonb := jsonb_build_object('group', null, 'experience', null, 'document', null,
    'research', null);
  totals record;
  part jsonb;
  q text;
begin
  if p_kinds && array['experience', 'document', 'research'] then
    select * into totals from public.goal_totals(p_goal, p_target, p_municipality);
  end if;
  if 'group' = any(p_kinds) then
    if p_municipality is null then
      part := erfa.goal_page_list('group', p_goal, null);
    elsif erfa.uid() is null then
      part := jsonb_build_object('items', '[]'::jsonb, 'total', 0);
    else
      q := $q$select g.id, g.slug, g.name, g.visibility, count(*) over () as total
        from public.groups g
        where g.status = 'active' and g.sdg_goals @> array[$1] and exists (
          select 1 from public.group_members m join public.profiles p on p.id = m.user_id
          where m.group_id = g.id and p.organization_id = $3)
        order by g.created_at desc limit 20$q$;
      part := erfa.goal_page_items(q, p_goal, p_target, p_municipality, null);
    end if;
    page := page || jsonb_build_object('group', part);
  end if;
  if 'experience' = any(p_kinds) then
    if p_target is null and p_municipality is null
      and erfa.goal_page_walks('public.experiences', totals.experiences) then
      part := erfa.goal_page_list('experience', p_goal, totals.experiences);
    else
      q := $q$select e.id, e.title, e.summary, e.organization_id, e.sdg_targets, e.published_at,
          null::bigint as total,
          (select jsonb_build_object('slug', g.slug, 'name', g.name) from public.groups g
            where g.id = e.group_id) as "group"
        from public.experiences e
        where e.status = 'published' and e.hidden_at is null and e.sdg_goals @> array[$1]$q$
        || case when p_target is null then '' else ' and e.sdg_targets @> array[$2]' end
        || case when p_municipality is null then '' else ' and e.organization_id = $3' end
        || ' order by e.published_at desc, e.id limit 20';
      part := erfa.goal_page_items(q, p_goal, p_target, p_municipality, totals.experiences);
    end if;
    page := page || jsonb_build_object('experience', part);
  end if;
  -- Documents (thousands) keep being planned per call: their generic plan reads them all.
  if 'document' = any(p_kinds) then
    q := $q$select d.id, d.kind, d.title, d.summary, d.status, d.is_public, d.organization_id,
        d.content_updated_at,
        null::bigint as total,
        (select jsonb_build_object('slug', g.slug, 'name', g.name) from public.groups g
          where g.id = d.group_id) as "group"
      from public.documents d where d.sdg_goals @> array[$1]$q$
      || case when p_municipality is null then '' else ' and d.organization_id = $3' end
      || ' order by d.content_updated_at desc, d.id limit 20';
    part := erfa.goal_page_items(q, p_goal, p_target, p_municipality, totals.documents);
    page := page || jsonb_build_object('document', part);
  end if;
  -- Research has no municipality.
  if 'research' = any(p_kinds) then
    if p_target is null and erfa.goal_page_walks('public.research', totals.research) then
      part := erfa.goal_page_list('research', p_goal, totals.research);
    else
      q := $q$select r.id, r.title, r.year, r.institution_id, r.targets, r.visibility,
          null::bigint as total from public.research r where r.goals @> array[$1]$q$
        || case when p_target is null then '' else ' and r.targets @> array[$2]' end
        || ' order by r.year desc nulls last, r.created_at desc, r.id limit 20';
      part := erfa.goal_page_items(q, p_goal, p_target, p_municipality, totals.research);
    end if;
    page := page || jsonb_build_object('research', part);
  end if;
  return page || jsonb_build_object(
    'organizations', (select coalesce(jsonb_agg(to_jsonb(o)), '[]')
      from public.goal_organizations(p_goal) o),
    'choices', (select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'slug', o.slug,
      'name', o.name, 'kind', o.kind, 'county', o.county)), '[]') from public.organizations o));
end
$$;

revoke execute on function erfa.goal_page_walks(regclass, bigint),
  erfa.goal_page_list(text, smallint, bigint) from public;
grant execute on function erfa.goal_page_walks(regclass, bigint),
  erfa.goal_page_list(text, smallint, bigint) to anon, authenticated;
