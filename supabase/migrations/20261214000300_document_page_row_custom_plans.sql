-- 20261214000200 planned every statement of public.document_page for each call's own values, so
-- that a signed-out reader's calls never use a generic plan that keeps the members' branch
-- reading profiles. It did that, but at a cost it underrated: the setting holds for everything
-- the call runs, and for a signed-in reader that is the comments, members, authors and radar
-- statements and the functions they call, planned afresh on every call. /docs/<id> went from
-- ×2.28 to ×5.16 the static floor's CPU (15.3 ms of PostgreSQL a request in the ssr benchmark,
-- against about 3 before).
--
-- The members' branch is one statement in erfa.document_page_row (the author's name when
-- `p_names`), so only that function is planned for each call's values now: one small
-- statement. public.document_page's own statements are planned as PostgreSQL chooses again;
-- none of them reads a table anon may not read (platform/generic-plans.test.ts calls every
-- function a visitor may call under forced generic plans, and fails without this setting).
alter function public.document_page(uuid, uuid) reset plan_cache_mode;
alter function erfa.document_page_row(public.documents, boolean)
  set plan_cache_mode = force_custom_plan;
