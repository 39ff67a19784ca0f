-- supabase-js upserts send "on conflict do update" setting every column of the row, the key
-- columns included; they must be updatable (to the same values; the policy keeps user_id).
grant update (user_id, group_id) on public.group_visits to authenticated;
