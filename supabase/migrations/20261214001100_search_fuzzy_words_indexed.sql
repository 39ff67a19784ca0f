-- The similar words of a search's fuzzy query looked up through the trigram index (issue 17,
-- the search page's CPU per request).
-- erfa.search_fuzzy_query asks erfa.search_words for up to three words like each typed word
-- (`%`, similarity ≥ 0.4). Its plan is made once per connection and kept; on a small table such
-- as the demo data's (~300 words) that plan reads every word and tests each with `%`: ~0.13 ms
-- for one word, ~0.3 ms for two, of a search page that finds little. search_words_trgm_idx
-- (gin, gin_trgm_ops) answers the same from the word's trigrams, and at volume (tens of
-- thousands of words) the planner already takes it. Same words, same order.
alter function erfa.search_fuzzy_query(text) set enable_seqscan = off;
