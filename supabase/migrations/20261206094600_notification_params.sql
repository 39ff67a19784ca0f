-- A notification is rendered in its reader's language when it is read (inbox) or mailed,
-- not in the language of the moment it was written: the row keeps its kind and the pieces
-- of its sentence (names, the group, the passage that matters) as parameters. `title` stays
-- as the fallback for rows written before.
alter table public.notifications
  add column params jsonb not null default '{}'::jsonb
    constraint notifications_params_object
      check (jsonb_typeof(params) = 'object' and pg_column_size(params) <= 4000);

-- People read their own rows through RLS (notifications_read); the column is covered by the
-- table's existing select grant. Nobody but the privileged pool writes it.
