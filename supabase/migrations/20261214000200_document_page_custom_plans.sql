-- A signed-out reader of a public document was refused ("permission denied for table profiles")
-- from the sixth call on a PostgREST connection. public.document_page (20261210300100) reads the
-- author's name only for a signed-in caller (`p_user is not null`); PL/pgSQL plans its
-- statements for the parameters' values five times, and may then keep one generic plan for
-- any value. That plan keeps the members' branch, and PostgreSQL checks the right to read every
-- table in a plan before it runs it: anon may not read profiles at all. Planning each call for
-- its own values prunes the branch again, as the first five calls did (the page's statements
-- are small; planning them is a fraction of a millisecond).
alter function public.document_page(uuid, uuid) set plan_cache_mode = force_custom_plan;
