-- group_participation (GROUP BY) and library_documents (a join) are read-only views, but
-- PostgreSQL refuses a write to a view it cannot update while rewriting the statement, before
-- it checks privileges, so an INSERT, PATCH or DELETE through /rest/v1 answered 500 (55000)
-- although anon and authenticated may only select from them. An INSTEAD OF trigger lets the
-- write reach the privilege check, which refuses it (401 or 403 through PostgREST); the
-- trigger itself refuses writes by roles that hold the privilege (PostgREST maps SQLSTATE
-- PT405 to 405).
create function erfa.refuse_view_write() returns trigger
language plpgsql
as $$
begin
  raise exception '% is read-only', tg_table_name using errcode = 'PT405';
end;
$$;

revoke insert, update, delete, truncate on public.group_participation, public.library_documents
  from public, anon, authenticated;

create trigger group_participation_read_only
  instead of insert or update or delete on public.group_participation
  for each row execute function erfa.refuse_view_write();

create trigger library_documents_read_only
  instead of insert or update or delete on public.library_documents
  for each row execute function erfa.refuse_view_write();
