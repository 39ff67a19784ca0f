-- The events list in one call (issue 17). /events read its coming events, a page of past ones
-- with their count, and (signed in) public.events_page_mine: three PostgREST requests, each
-- ~1 ms of PostgREST's CPU (the embeds of groups, organizations and online links are built
-- from the URL on every request) and as much in PostgreSQL. public.events_page reads the same
-- rows in one: the summary columns and embeds as events/events.ts `filtered` asked for them (as
-- public.home_dashboard builds them, 20261210300400), in the same orders and filters, and with
-- `p_mine` the organizer groups and unread count of events_page_mine, which it replaces.
-- Security invoker: the caller's row-level security decides every row, as it did for the
-- separate requests (an embedded group the caller may not read is null, an online link is
-- there only for organizers and confirmed participants).
create function public.events_page(p_kind text default null, p_goal smallint default null,
  p_offset integer default 0, p_limit integer default 20, p_upcoming integer default 100,
  p_mine boolean default false, p_all boolean default false)
returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  page jsonb;
begin
  with shown as (
    (select true as coming, e.id, e.title, e.kind, e.mode, e.starts_at, e.ends_at, e.location,
        e.visibility, e.sdg_goals, e.group_id, e.organization_id
      from public.events e
      where e.ends_at >= now() and (p_kind is null or e.kind = p_kind)
        and (p_goal is null or e.sdg_goals @> array[p_goal])
      order by e.starts_at, e.id
      limit p_upcoming)
    union all
    (select false, e.id, e.title, e.kind, e.mode, e.starts_at, e.ends_at, e.location,
        e.visibility, e.sdg_goals, e.group_id, e.organization_id
      from public.events e
      where e.ends_at < now() and (p_kind is null or e.kind = p_kind)
        and (p_goal is null or e.sdg_goals @> array[p_goal])
      order by e.starts_at desc, e.id
      offset p_offset limit p_limit)
  ), summaries as (
    select s.coming, s.starts_at, s.id, jsonb_build_object(
        'id', s.id, 'title', s.title, 'kind', s.kind, 'mode', s.mode,
        'starts_at', s.starts_at, 'ends_at', s.ends_at, 'location', s.location,
        'visibility', s.visibility, 'sdg_goals', s.sdg_goals,
        'group', (select jsonb_build_object('slug', g.slug, 'name', g.name)
          from public.groups g where g.id = s.group_id),
        'organization', (select jsonb_build_object('slug', o.slug, 'name', o.name)
          from public.organizations o where o.id = s.organization_id),
        'online', (select jsonb_build_object('url', ol.url)
          from public.event_online_links ol where ol.event_id = s.id)) as j
    from shown s
  )
  select jsonb_build_object(
    'upcoming', coalesce((select jsonb_agg(x.j order by x.starts_at, x.id)
      from summaries x where x.coming), '[]'::jsonb),
    'past', coalesce((select jsonb_agg(x.j order by x.starts_at desc, x.id)
      from summaries x where not x.coming), '[]'::jsonb),
    'total', (select count(*) from public.events e
      where e.ends_at < now() and (p_kind is null or e.kind = p_kind)
        and (p_goal is null or e.sdg_goals @> array[p_goal]))) into page;
  -- As public.events_page_mine (20261210300700) read them. Never signed out: anon may not
  -- read memberships or notifications at all, so that statement is then never run.
  if not p_mine or (select erfa.uid()) is null then
    return page;
  end if;
  return page || jsonb_build_object(
    'groups', case when p_all then coalesce((
        select jsonb_agg(jsonb_build_object('id', g.id, 'slug', g.slug, 'name', g.name)
          order by g.name)
        from public.groups g where g.status = 'active'), '[]'::jsonb)
      else coalesce((
        select jsonb_agg(jsonb_build_object('id', g.id, 'slug', g.slug, 'name', g.name))
        from public.group_members m join public.groups g on g.id = m.group_id
        where m.user_id = (select erfa.uid()) and m.role = 'coordinator'), '[]'::jsonb) end,
    'unread', (select count(*) from public.notifications n where n.read_at is null));
end
$$;

revoke execute on function public.events_page(text, smallint, integer, integer, integer, boolean,
  boolean) from public;
grant execute on function public.events_page(text, smallint, integer, integer, integer, boolean,
  boolean) to anon, authenticated;

drop function public.events_page_mine(boolean);
