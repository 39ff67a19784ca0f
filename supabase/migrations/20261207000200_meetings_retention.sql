-- Answers to sensitive registration questions (dietary needs, allergies) are kept only until
-- the event is over: a day after its end they are removed from every registration, as the
-- privacy page says. Run by the hourly purge (platform/maintenance.ts); idempotent.
create or replace function erfa_private.purge_sensitive_answers() returns integer
language sql security definer set search_path = '' as $$
  with cleared as (
    update public.event_registrations r
      set answers = r.answers - (select array_agg(q.id::text) from public.event_questions q
        where q.event_id = r.event_id and q.sensitive)
    from public.events e
    where e.id = r.event_id and e.ends_at < now() - interval '1 day'
      and exists (select 1 from public.event_questions q
        where q.event_id = r.event_id and q.sensitive and r.answers ? q.id::text)
    returning 1
  )
  select count(*)::integer from cleared
$$;
