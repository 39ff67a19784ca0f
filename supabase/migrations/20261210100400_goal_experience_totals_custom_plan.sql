-- erfa.goal_experience_totals (20261208100000) planned for its values on every call (issue 17).
-- Since PostgreSQL 18 a SQL function's statements go through the plan cache, which after five
-- calls settles on a generic plan when it looks no dearer: here that plan cannot use the goal in
-- the key of erfa_private.goal_experience_counts (`p_goal is null or c.goal = p_goal`) and reads
-- every goal's rows of the target (5 700 for one goal's 342 at 100 000 experiences): 1.6–1.9 ms
-- of CPU per call against 0.8–1.1 ms planned for the values, as before PostgreSQL 18.
alter function erfa.goal_experience_totals(smallint, text, uuid)
  set plan_cache_mode = force_custom_plan;
