-- How many people take part in each group and which municipalities and regions they come
-- from, computed in the database instead of sending every membership row to the app.
-- security_invoker: the caller's own row-level security applies to the rows it counts, so a
-- closed group's members stay invisible to non-members, and deactivated people do not count.
create view public.group_participation with (security_invoker = on) as
select m.group_id,
  count(p.id)::int as member_count,
  coalesce(
    array_agg(distinct o.name order by o.name) filter (where o.kind in ('kommun', 'region')),
    '{}'
  ) as municipalities
from public.group_members m
join public.profiles p on p.id = m.user_id
left join public.organizations o on o.id = p.organization_id
group by m.group_id;

grant select on public.group_participation to authenticated;
