-- Two functions the map no longer calls (issue 17). Since 20261210100200 public.knowledge_map
-- reads experiences from the totals through erfa.map_experience_goals and documents through
-- erfa.map_document_goals; erfa.map_experience_counts (20261209300300) and
-- erfa.map_document_counts (20261209300100) were left callable, each a second statement of a
-- read rule that the live ones already apply. The tables they read stay (the triggers keep
-- them, and the functions above read them).
drop function erfa.map_experience_counts(uuid[]);
drop function erfa.map_document_counts(uuid[]);
