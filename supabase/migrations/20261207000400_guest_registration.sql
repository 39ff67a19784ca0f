-- Guests without an account register for public events with double opt-in: the registration
-- waits ('pending', holding no place) until the link mailed to the address is followed; then it
-- takes a place or joins the waitlist under the event's row lock, like a member's. The link's
-- token is kept only as its SHA-256 (token_hash). These functions are private: the app calls
-- them with the privileged pool, since a guest has no database role of their own.

-- Records a pending guest registration. Returns {ok, id} or {ok: false, reason}.
create or replace function erfa_private.register_guest(p_event uuid, p_name text, p_email text,
  p_organization text, p_mode text, p_answers jsonb, p_token_hash text)
returns jsonb language plpgsql set search_path = '' as $$
declare
  e public.events;
  refusal text;
  new_id uuid;
begin
  select * into e from public.events where id = p_event for update;
  -- Guests reach public events only (erfa.uid() is null here, so this is the anonymous rule).
  if not found or not erfa_private.can_read_event(e) then
    return jsonb_build_object('ok', false, 'reason', 'not_found');
  end if;
  refusal := erfa_private.registration_refusal(e, p_mode);
  if refusal is not null then return jsonb_build_object('ok', false, 'reason', refusal); end if;
  if exists (select 1 from public.event_registrations where event_id = e.id
      and guest_email = lower(p_email) and status in ('confirmed', 'waitlisted')) then
    return jsonb_build_object('ok', false, 'reason', 'already_registered');
  end if;
  -- A second request before confirming replaces the first (its link stops working).
  delete from public.event_registrations
    where event_id = e.id and guest_email = lower(p_email) and status = 'pending';
  insert into public.event_registrations (event_id, guest_name, guest_email, guest_organization,
      mode, status, answers, token_hash)
    values (e.id, p_name, lower(p_email), nullif(p_organization, ''), p_mode, 'pending',
      erfa_private.clean_answers(e.id, p_answers), p_token_hash)
    returning id into new_id;
  return jsonb_build_object('ok', true, 'id', new_id);
end
$$;

-- Confirms a guest's address: the pending registration joins the queue and places are handed
-- out. Returns {ok, id, status, position} or {ok: false, reason}.
create or replace function erfa_private.confirm_guest(p_token_hash text)
returns jsonb language plpgsql set search_path = '' as $$
declare
  reg public.event_registrations;
  e public.events;
begin
  select * into reg from public.event_registrations where token_hash = p_token_hash;
  if not found or reg.status = 'cancelled' then
    return jsonb_build_object('ok', false, 'reason', 'unknown');
  end if;
  select * into e from public.events where id = reg.event_id for update;
  if reg.status = 'pending' then
    if now() > coalesce(e.registration_deadline, e.ends_at) then
      return jsonb_build_object('ok', false, 'reason', 'deadline_passed');
    end if;
    -- The waitlist's order is the order of confirmation: a fresh seq places it last.
    delete from public.event_registrations where id = reg.id;
    insert into public.event_registrations (id, event_id, guest_name, guest_email,
        guest_organization, mode, status, answers, token_hash, created_at)
      values (reg.id, reg.event_id, reg.guest_name, reg.guest_email, reg.guest_organization,
        reg.mode, 'waitlisted', reg.answers, reg.token_hash, reg.created_at);
    perform erfa_private.fill_places(e);
  end if;
  return jsonb_build_object('ok', true, 'fresh', reg.status = 'pending')
    || erfa_private.registration_state(reg.id);
end
$$;

-- Cancels a guest's registration by its token and moves the waitlist up.
create or replace function erfa_private.cancel_guest(p_token_hash text)
returns jsonb language plpgsql set search_path = '' as $$
declare
  reg public.event_registrations;
  e public.events;
  moved uuid[] := '{}';
begin
  select * into reg from public.event_registrations where token_hash = p_token_hash;
  if not found then return jsonb_build_object('ok', false, 'reason', 'unknown'); end if;
  select * into e from public.events where id = reg.event_id for update;
  update public.event_registrations set status = 'cancelled', cancelled_at = now()
    where id = reg.id and status <> 'cancelled';
  if found then moved := erfa_private.fill_places(e); end if;
  return jsonb_build_object('ok', true, 'promoted', to_jsonb(moved));
end
$$;
