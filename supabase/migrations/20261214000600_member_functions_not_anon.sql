-- Two functions for signed-in people were executable by anon through PostgreSQL's default grant
-- to PUBLIC (platform/generic-plans.test.ts lists every function anon may execute):
-- public.my_group_news (the home page's news in one's groups) and
-- public.approve_academy_application (an administrator's decision). Called signed out they
-- failed on their tables' grants ("permission denied"), so nothing leaked; now anon may not
-- call them at all, as for every other members' function. authenticated keeps its own grant.
revoke execute on function public.my_group_news() from public;
revoke execute on function public.approve_academy_application(uuid, integer) from public;
