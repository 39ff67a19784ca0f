-- Found by the knowledge benchmarks: the research list of /agenda2030/<n> is ordered by year,
-- newest first, with undated records last. research_year_idx (year desc) puts nulls first, so
-- it cannot give that order and the list sorted every record of the goal (a quarter of all:
-- 100 ms at 100 000 records); in this order it reads the first twenty.
create index research_year_order_idx on public.research (year desc nulls last, created_at desc, id);
