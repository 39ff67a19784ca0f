-- An organizer cancels a registration from the participant list (issue 18), and the
-- participant is told by mail: the cancelling function now also says whether this call did
-- the cancelling, so that a second click (or a second organizer) sends no second mail. The
-- rest of the function is unchanged (20261207000000_meetings.sql).
create or replace function public.cancel_event_registration(p_registration uuid)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  reg public.event_registrations;
  e public.events;
  moved uuid[] := '{}';
  done boolean := false;
begin
  select * into reg from public.event_registrations where id = p_registration;
  if not found or not (coalesce(reg.user_id = erfa.uid(), false)
      or reg.event_id in (select erfa.organized_events())) then
    return jsonb_build_object('ok', false, 'reason', 'not_found');
  end if;
  select * into e from public.events where id = reg.event_id for update;
  update public.event_registrations set status = 'cancelled', cancelled_at = now()
    where id = reg.id and status <> 'cancelled' returning * into reg;
  if found then
    done := true;
    moved := erfa_private.fill_places(e);
  end if;
  return jsonb_build_object('ok', true, 'cancelled', done, 'promoted', to_jsonb(moved));
end
$$;

-- The language a guest registered in, so that the mails after the confirmation link (place,
-- waitlist, moved up, cancelled by the organizer) are in it too. Members' mails follow their
-- account's language.
alter table public.event_registrations
  add column guest_locale text check (guest_locale in ('sv', 'en'));
