-- public.decide_join_request(request, approve, message): its parameter `message` has the same
-- name as the column join_requests.message, so PL/pgSQL refused the UPDATE inside it as
-- ambiguous (42702) and no join request could ever be decided. Same signature, same parameter
-- names (supabase-js passes them by name), same grants; the parameter is now qualified.

create or replace function public.decide_join_request(request uuid, approve boolean, message text default null)
returns text
language plpgsql security definer set search_path = '' as $$
declare r public.join_requests;
begin
  select * into r from public.join_requests where id = request for update;
  if not found or not erfa.can_moderate(r.group_id) then
    return 'not_found';
  end if;
  if r.status <> 'pending' then
    return 'already_decided';
  end if;
  update public.join_requests
    set status = case when approve then 'approved' else 'declined' end,
        decided_by = erfa.uid(), decided_at = now(),
        decision_message = nullif(btrim(decide_join_request.message), '')
    where id = request;
  if approve then
    insert into public.group_members (group_id, user_id) values (r.group_id, r.user_id)
      on conflict do nothing;
  end if;
  return case when approve then 'approved' else 'declined' end;
end
$$;
