-- Extra headers for an outgoing message, sent as stored. Notification e-mail carries
-- List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) so mail clients offer one-click
-- unsubscribe. Readable by administrators with the rest of the outbox (existing table grant).
alter table public.outbox add column headers jsonb
  check (headers is null or jsonb_typeof(headers) = 'object');
