-- Search over everything a person may read: groups, experiences, discussions (threads and
-- replies), documents, research, events, organizations and people, in Swedish and English.
--
-- * Every searchable table gets a stored, weighted tsvector (title A, summary B, body C) in both
--   the `swedish` and `english` configurations, with a GIN index. A query word matches either
--   language's stem; the last word also matches as a prefix while it is being typed.
-- * Access: every function here is security invoker, so the caller's row-level security decides
--   every row read, exactly as on the pages; hidden, deleted, draft and proposed content is left
--   out on top of that. Tables that signed-out callers may not select at all (threads, replies,
--   profiles) are only queried for signed-in callers, in separate PL/pgSQL statements, because
--   PostgreSQL checks table privileges for every table a statement names.
-- * Typo tolerance: erfa.search_words is a vocabulary of the words in titles and names, kept by
--   triggers, with a trigram index (pg_trgm) for "did you mean". Each word remembers who may see
--   the title it came from (everyone, signed-in members, or readers of one group), so the
--   vocabulary never suggests a word from a closed group's title to someone outside it.
-- * Snippets come from ts_headline, computed only for the page of hits that is returned, with
--   private-use characters U+E000/U+E001 around matches; the app escapes the text and turns the
--   markers into <mark>.
-- * Bounded work: each type contributes at most a few hundred matches to a page (its first
--   matches and its first title matches) and at most 1 000 to the facet counts, so a word that
--   half of 100 000 records contain costs about as much as a rare one (see erfa.search_hits).

create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
create extension if not exists pg_trgm with schema extensions;

-- Under row-level security PostgreSQL lets an index answer a condition only when the condition's
-- function is LEAKPROOF (it runs before the policies, on rows the caller may not see). The text
-- search match (tsvector @@ tsquery) and trigram similarity (%) are not marked so, which means
-- a sequential scan that unpacks every row's vector: seconds on 100 000 records instead of
-- milliseconds. Neither can reveal anything about a row but whether it matched (they raise no
-- errors that depend on the data), so they are marked here. That takes a superuser: where the
-- migration runs without one (hosted Supabase), search gives the same answers, only slower.
do $$
begin
  alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof;
  alter function extensions.similarity_op(text, text) leakproof;
exception when insufficient_privilege then
  raise notice 'search: text search and trigram matching stay non-leakproof (no superuser); search works without their indexes';
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Words and queries
-- ---------------------------------------------------------------------------------------------

-- The words of a text, lower-cased, in order (anything but letters and digits separates).
-- The database's collation classifies the letters: a caller's C collation (a `name` such as
-- tg_table_name passed along makes one) would split "Gävleborg" at the "ä".
create or replace function erfa.words_of(t text) returns table (word text, ord bigint)
language sql immutable parallel safe set search_path = '' as $$
  select lower(w), row_number() over (order by n)
  from regexp_split_to_table(coalesce(t, '') collate "default", '[^[:alnum:]]+')
    with ordinality as x(w, n)
  where w <> ''
$$;

-- A bilingual, weighted document vector; the building block of every stored `fts` column.
create or replace function erfa.search_vector(a text, b text default '', c text default '')
returns tsvector
language sql immutable parallel safe set search_path = '' as $$
  select setweight(to_tsvector('pg_catalog.swedish', coalesce(a, '')), 'A')
    || setweight(to_tsvector('pg_catalog.english', coalesce(a, '')), 'A')
    || setweight(to_tsvector('pg_catalog.swedish', coalesce(b, '')), 'B')
    || setweight(to_tsvector('pg_catalog.english', coalesce(b, '')), 'B')
    || setweight(to_tsvector('pg_catalog.swedish', coalesce(c, '')), 'C')
    || setweight(to_tsvector('pg_catalog.english', coalesce(c, '')), 'C')
$$;

-- What a person typed, as a query: every word (at most 8) must match, in its Swedish or its
-- English stem; the last word also as a prefix unless the text ends in a space or punctuation
-- (the word is complete). A stop word in either language is left out, or a Swedish "och"
-- would have to appear in English texts.
create or replace function erfa.search_query(q text) returns tsquery
language plpgsql stable parallel safe set search_path = '' as $$
declare
  input text := left(coalesce(q, ''), 200);
  typing boolean := input ~ '[[:alnum:]]$';
  result tsquery := '';
  sv tsquery;
  en tsquery;
  w record;
  n int;
begin
  select count(*) into n from (select 1 from erfa.words_of(input) limit 8) x;
  for w in select word, ord from erfa.words_of(input) limit 8 loop
    sv := to_tsquery('pg_catalog.swedish', quote_literal(w.word));
    en := to_tsquery('pg_catalog.english', quote_literal(w.word));
    continue when numnode(sv) = 0 or numnode(en) = 0;
    if typing and w.ord = n and length(w.word) >= 2 then
      sv := to_tsquery('pg_catalog.swedish', quote_literal(w.word) || ':*');
      en := to_tsquery('pg_catalog.english', quote_literal(w.word) || ':*');
    end if;
    result := result && (sv || en);
  end loop;
  return result;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Stored vectors and their indexes
-- ---------------------------------------------------------------------------------------------
alter table public.experiences add column fts tsvector generated always as (
  erfa.search_vector(title, summary, background || ' ' || actions || ' ' || results || ' ' || lessons)
) stored;
alter table public.threads add column fts tsvector generated always as (
  erfa.search_vector(title, body)) stored;
alter table public.replies add column fts tsvector generated always as (
  erfa.search_vector('', body)) stored;
-- A document's text is capped: a tsvector holds at most 1 MB, and a save must never fail on it.
alter table public.documents add column fts tsvector generated always as (
  erfa.search_vector(title, summary, left(content_text, 100000))) stored;
alter table public.groups add column fts tsvector generated always as (
  erfa.search_vector(name, description)) stored;
alter table public.organizations add column fts tsvector generated always as (
  erfa.search_vector(name, county)) stored;
alter table public.profiles add column fts tsvector generated always as (
  erfa.search_vector(name, title)) stored;
alter table public.events add column fts tsvector generated always as (
  erfa.search_vector(title, description, location)) stored;

-- An experience's revision trigger compares the whole row, old and new, to tell a moderation act
-- (no new revision) from an edit. In a BEFORE trigger the generated vectors are not computed yet,
-- so they must be left out of that comparison, as 20261123000100 leaves the moderation fields.
create or replace function erfa_private.record_experience_revision() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  ignored text[] := array['hidden_at','hidden_by','hidden_reason','updated_at','revision','fts','fts_title'];
begin
  if tg_op = 'UPDATE' then
    if (to_jsonb(new) - ignored) = (to_jsonb(old) - ignored) then
      new.revision := old.revision;
      return new;
    end if;
    new.revision := old.revision + 1;
    new.updated_at := now();
    if new.status = 'published' and old.status <> 'published' then
      new.published_at := now();
    end if;
  else
    new.revision := 1;
    if new.status = 'published' then
      new.published_at := coalesce(new.published_at, now());
    end if;
  end if;
  return new;
end
$$;

-- Titles alone, for the large tables: search ranks the title matches among the first matches
-- (see erfa.search_hits).
alter table public.research add column fts_title tsvector generated always as (
  erfa.search_vector(title)) stored;
alter table public.experiences add column fts_title tsvector generated always as (
  erfa.search_vector(title)) stored;
alter table public.documents add column fts_title tsvector generated always as (
  erfa.search_vector(title)) stored;
alter table public.threads add column fts_title tsvector generated always as (
  erfa.search_vector(title)) stored;

create index experiences_fts_idx on public.experiences using gin (fts);
create index threads_fts_idx on public.threads using gin (fts);
create index replies_fts_idx on public.replies using gin (fts);
create index documents_fts_idx on public.documents using gin (fts);
create index groups_fts_idx on public.groups using gin (fts);
create index organizations_fts_idx on public.organizations using gin (fts);
create index profiles_fts_idx on public.profiles using gin (fts);
create index events_fts_idx on public.events using gin (fts);
create index research_fts_title_idx on public.research using gin (fts_title);
create index experiences_fts_title_idx on public.experiences using gin (fts_title);
create index documents_fts_title_idx on public.documents using gin (fts_title);
create index threads_fts_title_idx on public.threads using gin (fts_title);

-- ---------------------------------------------------------------------------------------------
-- Vocabulary for "did you mean"
-- ---------------------------------------------------------------------------------------------
create table erfa.search_words (
  word text not null check (length(word) between 3 and 60),
  -- Who may see the title the word came from: 'public' (everyone), 'members' (every active
  -- signed-in member) or 'group' (those who may read group_id's content).
  audience text not null check (audience in ('public', 'members', 'group')),
  group_id uuid references public.groups (id) on delete cascade,
  check ((audience = 'group') = (group_id is not null))
);
create unique index search_words_once_idx on erfa.search_words
  (word, audience, coalesce(group_id, '00000000-0000-0000-0000-000000000000'));
create index search_words_trgm_idx on erfa.search_words using gin (word extensions.gin_trgm_ops);

-- The title words of one row and who may see them; nothing for rows nobody finds (drafts,
-- hidden or deleted posts, proposed groups, deactivated people).
create or replace function erfa_private.search_words_of(tbl text, r jsonb)
returns table (word text, audience text, group_id uuid)
language plpgsql stable set search_path = '' as $$
declare
  src text;
  aud text;
begin
  case tbl
    when 'experiences' then
      if r->>'status' <> 'published' or r->>'hidden_at' is not null then return; end if;
      src := r->>'title';
      aud := case when (r->>'shared_with_all')::boolean then 'members' else 'group' end;
    when 'threads' then
      if r->>'hidden_at' is not null or r->>'deleted_at' is not null then return; end if;
      src := r->>'title';
      aud := 'group';
    when 'documents' then
      src := r->>'title';
      aud := case when r->>'status' = 'published' and (r->>'is_public')::boolean then 'public'
        when r->>'status' = 'published' then 'members' else 'group' end;
    when 'research' then
      src := concat_ws(' ', r->>'title', (select string_agg(k, ' ') from jsonb_array_elements_text(r->'keywords') k));
      aud := case when r->>'visibility' = 'public' then 'public' else 'members' end;
    when 'groups' then
      if r->>'status' not in ('active', 'archived') then return; end if;
      src := r->>'name';
      aud := 'members';
    when 'profiles' then
      if r->>'deactivated_at' is not null then return; end if;
      src := concat_ws(' ', r->>'name', r->>'title');
      aud := 'members';
    when 'events' then
      src := r->>'title';
      aud := case when r->>'group_id' is not null then 'group'
        when r->>'visibility' = 'public' then 'public' else 'members' end;
    when 'sdg_goals' then
      src := concat_ws(' ', r->>'name_sv', r->>'name_en', r->>'title_sv');
      aud := 'public';
    else
      src := r->>'name';
      aud := 'public';
  end case;
  return query
    select distinct w.word, aud, case when aud = 'group' then coalesce(r->>'group_id', r->>'id')::uuid end
    from erfa.words_of(src) w
    where length(w.word) between 3 and 60 and w.word !~ '^[0-9]+$';
end
$$;

-- Words are only added: a word whose title changed or went away stays, still visible only to
-- those who could see it. erfa_private.rebuild_search_words() starts afresh when wanted.
create or replace function erfa_private.collect_search_words() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into erfa.search_words (word, audience, group_id)
  select w.word, w.audience, w.group_id
  from erfa_private.search_words_of(tg_table_name, to_jsonb(new)) w
  on conflict do nothing;
  return null;
end
$$;

create trigger experiences_search_words after insert or update of title, status, hidden_at, shared_with_all
  on public.experiences for each row execute function erfa_private.collect_search_words();
create trigger threads_search_words after insert or update of title, hidden_at, deleted_at
  on public.threads for each row execute function erfa_private.collect_search_words();
create trigger documents_search_words after insert or update of title, status, is_public
  on public.documents for each row execute function erfa_private.collect_search_words();
create trigger research_search_words after insert or update of title, keywords, visibility
  on public.research for each row execute function erfa_private.collect_search_words();
create trigger groups_search_words after insert or update of name, status
  on public.groups for each row execute function erfa_private.collect_search_words();
create trigger organizations_search_words after insert or update of name
  on public.organizations for each row execute function erfa_private.collect_search_words();
create trigger profiles_search_words after insert or update of name, title, deactivated_at
  on public.profiles for each row execute function erfa_private.collect_search_words();
create trigger events_search_words after insert or update of title, visibility, group_id
  on public.events for each row execute function erfa_private.collect_search_words();
create trigger themes_search_words after insert or update of name
  on public.themes for each row execute function erfa_private.collect_search_words();
create trigger sdg_goals_search_words after insert or update
  on public.sdg_goals for each row execute function erfa_private.collect_search_words();

create or replace function erfa_private.rebuild_search_words() returns void
language plpgsql security definer set search_path = '' as $$
declare
  tbl text;
begin
  delete from erfa.search_words;
  foreach tbl in array array['experiences', 'threads', 'documents', 'research', 'groups',
    'organizations', 'profiles', 'events', 'sdg_goals', 'themes'] loop
    execute format($q$
      insert into erfa.search_words (word, audience, group_id)
      select w.word, w.audience, w.group_id from public.%I t,
        erfa_private.search_words_of(%L, to_jsonb(t)) w
      on conflict do nothing$q$, tbl, tbl);
  end loop;
end
$$;
select erfa_private.rebuild_search_words();

alter table erfa.search_words enable row level security;
grant select on erfa.search_words to anon, authenticated;
create policy search_words_read on erfa.search_words for select to anon, authenticated using (
  audience = 'public' or ((select erfa.is_active_user()) and (
    audience = 'members' or group_id in (select erfa.readable_groups()))));

-- The text the snippet is cut from, for one hit the caller has already found (so RLS lets the
-- row through). PL/pgSQL so that each type is its own statement (see the header on privileges).
-- Markdown marks are blanked: a snippet is plain text.
create or replace function erfa.search_body(p_type text, p_id uuid) returns text
language plpgsql stable set search_path = '' as $$
declare
  body text;
begin
  case p_type
    when 'experience' then
      select concat_ws(E'\n', e.summary, e.background, e.actions, e.results, e.lessons) into body
      from public.experiences e where e.id = p_id;
    when 'thread' then select t.body into body from public.threads t where t.id = p_id;
    when 'reply' then select r.body into body from public.replies r where r.id = p_id;
    when 'document' then
      select concat_ws(E'\n', d.summary, left(d.content_text, 20000)) into body
      from public.documents d where d.id = p_id;
    when 'research' then select r.abstract into body from public.research r where r.id = p_id;
    when 'group' then select g.description into body from public.groups g where g.id = p_id;
    when 'event' then
      select concat_ws(E'\n', e.location, e.description) into body from public.events e where e.id = p_id;
    when 'person' then select p.title into body from public.profiles p where p.id = p_id;
    else body := null;
  end case;
  body := left(translate(body, chr(57344) || chr(57345), ''), 30000);
  if p_type in ('experience', 'thread', 'reply', 'group') then
    body := regexp_replace(body, '^[ \t]*(#+|>+|[-*+]|[0-9]+\.)[ \t]+', '', 'gn');
    body := regexp_replace(body, '\]\([^)]*\)|\*\*|__|[][*`~|]', ' ', 'g');
  end if;
  return nullif(btrim(body, E' \n\t'), '');
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Hits
-- ---------------------------------------------------------------------------------------------

-- True when a hit passes the filters {type, goal, organization, theme, year} (all optional).
-- Plain SQL without settings, so that PostgreSQL inlines it into the queries that use it.
create or replace function erfa.search_filter(f jsonb, p_type text, p_goals smallint[],
  p_organization uuid, p_theme uuid, p_year smallint) returns boolean
language sql immutable parallel safe as $$
  select (f->>'type' is null or p_type = f->>'type')
    and (f->>'goal' is null or p_goals @> array[(f->>'goal')::smallint])
    and (f->>'organization' is null or p_organization = (f->>'organization')::uuid)
    and (f->>'theme' is null or p_theme = (f->>'theme')::uuid)
    and (f->>'year' is null or p_year = (f->>'year')::smallint)
$$;

-- The rows matching the query that the caller may read and that the pages show, with what
-- results are sorted and filtered by: rank, date, year, goals, organization and theme (group
-- content takes its group's theme and goals), passing the filters f.
--
-- `cap` bounds the work: each type stops after that many matches, so a word found in half of
-- 100 000 records costs as little as a rare one. Which matches, by `mode`:
-- * 'relevance': the first ones as they come;
-- * 'titles': the first ones whose title matches (a small index of titles alone), for the large
--   tables; search takes these too, so that the matches that rank best are always ranked;
-- * 'date': the newest, walking the date indexes;
-- * 'count': the first ones, unranked (rank null), for counting.
-- Plans are made for each call (force_custom_plan), so that the mode folds away and each query
-- uses the index its mode needs. Sequential scans are off: the planner would otherwise read a
-- common word's matches by scanning the table, unpacking every row's vector to test it, where
-- the GIN index knows the matching rows without reading a vector.
create or replace function erfa.search_hits(tsq tsquery, f jsonb default '{}', cap int default null,
  mode text default 'relevance')
returns table (type text, id uuid, title text, path text, context text, rank real,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid)
language plpgsql stable set search_path = '' set plan_cache_mode = 'force_custom_plan'
  set enable_seqscan = off as $$
#variable_conflict use_column
declare
  only_type text := f->>'type';
  member boolean := erfa.uid() is not null;
  titles boolean := mode = 'titles';
  newest boolean := mode = 'date';
  ranked boolean := mode <> 'count';
begin
  if tsq is null or numnode(tsq) = 0 then
    return;
  end if;
  if only_type is null or only_type = 'research' then
    return query select 'research'::text, r.id, r.title, '/research/' || r.id, i.name,
        case when ranked then ts_rank(r.fts, tsq) end,
        coalesce(make_timestamptz(r.year, 1, 1, 0, 0, 0), r.created_at),
        coalesce(r.year, extract(year from r.created_at)::smallint), r.goals, r.institution_id, null::uuid
      from public.research r left join public.organizations i on i.id = r.institution_id
      where case when titles then r.fts_title @@ tsq else r.fts @@ tsq end
        and erfa.search_filter(f, 'research', r.goals, r.institution_id, null,
          coalesce(r.year, extract(year from r.created_at)::smallint))
      order by case when newest then r.year end desc, case when newest then r.created_at end desc
      limit cap;
  end if;
  if only_type is null or only_type = 'document' then
    return query select 'document'::text, d.id, d.title, '/docs/' || d.id, g.name,
        case when ranked then ts_rank(d.fts, tsq) end, d.content_updated_at,
        extract(year from d.content_updated_at)::smallint,
        d.sdg_goals, d.organization_id, g.theme_id
      from public.documents d left join public.groups g on g.id = d.group_id
      where case when titles then d.fts_title @@ tsq else d.fts @@ tsq end
        and erfa.search_filter(f, 'document', d.sdg_goals, d.organization_id,
          g.theme_id, extract(year from d.content_updated_at)::smallint)
      order by case when newest then d.content_updated_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'event') then
    return query select 'event'::text, e.id, e.title, '/events/' || e.id, g.name,
        case when ranked then ts_rank(e.fts, tsq) end, e.starts_at,
        extract(year from e.starts_at)::smallint,
        e.sdg_goals, e.organization_id, g.theme_id
      from public.events e left join public.groups g on g.id = e.group_id
      where e.fts @@ tsq and erfa.search_filter(f, 'event', e.sdg_goals, e.organization_id,
        g.theme_id, extract(year from e.starts_at)::smallint)
      order by case when newest then e.starts_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'organization') then
    return query select 'organization'::text, o.id, o.name, '/organizations/' || o.slug, o.county,
        case when ranked then ts_rank(o.fts, tsq) end, null::timestamptz, null::smallint,
        '{}'::smallint[], o.id, null::uuid
      from public.organizations o
      where o.fts @@ tsq and erfa.search_filter(f, 'organization', '{}', o.id, null, null)
      limit cap;
  end if;
  if not member then
    return;
  end if;
  if only_type is null or only_type = 'experience' then
    return query select 'experience'::text, e.id, e.title,
        '/groups/' || g.slug || '/experiences/' || e.id, g.name,
        case when ranked then ts_rank(e.fts, tsq) end, e.published_at,
        extract(year from e.published_at)::smallint,
        e.sdg_goals, e.organization_id, g.theme_id
      from public.experiences e join public.groups g on g.id = e.group_id
      where case when titles then e.fts_title @@ tsq else e.fts @@ tsq end
        and e.status = 'published' and e.hidden_at is null
        and erfa.search_filter(f, 'experience', e.sdg_goals, e.organization_id, g.theme_id,
          extract(year from e.published_at)::smallint)
      order by case when newest then e.published_at end desc
      limit cap;
  end if;
  if only_type is null or only_type = 'thread' then
    return query select 'thread'::text, t.id, t.title,
        '/groups/' || g.slug || '/discussions/' || t.id, g.name,
        case when ranked then ts_rank(t.fts, tsq) end, t.created_at,
        extract(year from t.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.threads t join public.groups g on g.id = t.group_id
      where case when titles then t.fts_title @@ tsq else t.fts @@ tsq end
        and t.hidden_at is null and t.deleted_at is null
        and erfa.search_filter(f, 'thread', g.sdg_goals, null, g.theme_id,
          extract(year from t.created_at)::smallint)
      order by case when newest then t.created_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'reply') then
    return query select 'reply'::text, r.id, t.title,
        '/groups/' || g.slug || '/discussions/' || t.id || '#reply-' || r.id, g.name,
        case when ranked then ts_rank(r.fts, tsq) end, r.created_at,
        extract(year from r.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.replies r join public.threads t on t.id = r.thread_id
        join public.groups g on g.id = t.group_id
      where r.fts @@ tsq and r.hidden_at is null and r.deleted_at is null
        and t.hidden_at is null and t.deleted_at is null
        and erfa.search_filter(f, 'reply', g.sdg_goals, null, g.theme_id,
          extract(year from r.created_at)::smallint)
      order by case when newest then r.created_at end desc
      limit cap;
  end if;
  if not titles and (only_type is null or only_type = 'group') then
    return query select 'group'::text, g.id, g.name, '/groups/' || g.slug, null::text,
        case when ranked then ts_rank(g.fts, tsq) end, g.created_at,
        extract(year from g.created_at)::smallint,
        g.sdg_goals, null::uuid, g.theme_id
      from public.groups g
      where g.fts @@ tsq and g.status in ('active', 'archived')
        and erfa.search_filter(f, 'group', g.sdg_goals, null, g.theme_id,
          extract(year from g.created_at)::smallint)
      order by case when newest then g.created_at end desc
      limit cap;
  end if;
  -- People are found by name and title, and by their organization's name (ranked lower). They
  -- are shown on their organization's page, so people without one are not listed.
  if not titles and (only_type is null or only_type = 'person') then
    return query select 'person'::text, p.id, p.name, '/organizations/' || o.slug || '#people-heading',
        o.name, case when ranked then greatest(ts_rank(p.fts, tsq), ts_rank(o.fts, tsq) / 2)::real end,
        null::timestamptz,
        null::smallint, '{}'::smallint[], p.organization_id, null::uuid
      from public.profiles p join public.organizations o on o.id = p.organization_id
      where (p.fts @@ tsq or o.fts @@ tsq) and p.deactivated_at is null
        and erfa.search_filter(f, 'person', '{}', p.organization_id, null, null)
      limit cap;
  end if;
end
$$;

-- Newest first without sorting every match (see erfa.search_hits).
create index experiences_published_idx on public.experiences (published_at desc)
  where status = 'published' and hidden_at is null;
create index threads_created_idx on public.threads (created_at desc);
create index replies_created_idx on public.replies (created_at desc);
create index documents_content_updated_idx on public.documents (content_updated_at desc);

-- One page of results, best first (sort 'relevance') or newest first ('date'), each with a
-- highlighted snippet. filters: {type, goal, organization, theme, year}. Best first ranks the
-- first matches of each type together with the first titles-only matches (see search_hits).
create or replace function public.search(q text, filters jsonb default '{}', sort text default 'relevance',
  lim int default 20, off int default 0)
returns table (type text, id uuid, title text, snippet text, path text, context text,
  date timestamptz, year smallint, goals smallint[], organization_id uuid, theme_id uuid, rank real)
language sql stable set search_path = '' as $$
  with query as (
    select erfa.search_query(q) as tsq, least(greatest(lim, 1), 50) as lim,
      least(greatest(off, 0), 10000) as off
  ), found as (
    select distinct on (h.type, h.id) h.* from query, lateral (
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 80,
        case when sort = 'date' then 'date' else 'relevance' end)
      union all
      select * from erfa.search_hits(query.tsq, filters, query.off + query.lim + 80, 'titles')
      where sort <> 'date'
    ) h
    order by h.type, h.id
  ), page as (
    select h.*, row_number() over (order by case when sort = 'date' then h.date end desc nulls last,
      h.rank desc, h.date desc nulls last, h.id) as n
    from found h
    order by n limit (select lim from query) offset (select off from query)
  )
  select p.type, p.id, p.title,
    ts_headline('pg_catalog.swedish', erfa.search_body(p.type, p.id), query.tsq,
      'StartSel=' || chr(57344) || ', StopSel=' || chr(57345)
        || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'),
    p.path, p.context, p.date, p.year, p.goals, p.organization_id, p.theme_id, p.rank
  from page p, query
  order by p.n
$$;

-- Counts for the facets of a query. Each facet counts within the other facets' filters, so
-- choosing one type still shows how many hits the other types have. With more than 1 000
-- matches of a type, the counts are of its first 1 000 only, and `capped` says so.
create or replace function public.search_facets(q text, filters jsonb default '{}') returns jsonb
language sql stable set search_path = '' as $$
  with hit as materialized (
    select h.type, h.goals, h.organization_id, h.theme_id, h.year,
      erfa.search_filter(filters - 'type', h.type, h.goals, h.organization_id, h.theme_id, h.year) as by_type,
      erfa.search_filter(filters - 'goal', h.type, h.goals, h.organization_id, h.theme_id, h.year) as by_goal,
      erfa.search_filter(filters - 'organization', h.type, h.goals, h.organization_id, h.theme_id, h.year) as by_org,
      erfa.search_filter(filters - 'theme', h.type, h.goals, h.organization_id, h.theme_id, h.year) as by_theme,
      erfa.search_filter(filters - 'year', h.type, h.goals, h.organization_id, h.theme_id, h.year) as by_year,
      erfa.search_filter(filters, h.type, h.goals, h.organization_id, h.theme_id, h.year) as shown
    from erfa.search_hits(erfa.search_query(q), '{}', 1000, 'count') h
  )
  select jsonb_build_object(
    'total', (select count(*) from hit where shown),
    'capped', (select coalesce(max(n) >= 1000, false) from
      (select count(*) n from hit group by type) x),
    'type', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select type k, count(*) n from hit where by_type group by 1) x),
    'goal', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select unnest(goals)::text k, count(*) n from hit where by_goal group by 1) x),
    'year', (select coalesce(jsonb_object_agg(k, n), '{}') from
      (select year::text k, count(*) n from hit where by_year and year is not null group by 1) x),
    'organization', (select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, 'count', x.n)
        order by x.n desc, o.name), '[]') from
      (select organization_id k, count(*) n from hit where by_org and organization_id is not null
        group by 1 order by 2 desc limit 30) x join public.organizations o on o.id = x.k),
    'theme', (select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'count', x.n)
        order by x.n desc, t.name), '[]') from
      (select theme_id k, count(*) n from hit where by_theme and theme_id is not null group by 1) x
      join public.themes t on t.id = x.k)
  )
$$;

-- ---------------------------------------------------------------------------------------------
-- Did you mean, related goals, type-ahead
-- ---------------------------------------------------------------------------------------------

-- The query with each word the caller's vocabulary lacks replaced by the most similar word in
-- it (trigram similarity); null when nothing changes.
create or replace function erfa.search_correction(q text) returns text
language sql stable set search_path = '' as $$
  with typed as (
    select word, ord from erfa.words_of(left(q, 200)) limit 8
  ), fixed as (
    select t.ord, t.word as typed, coalesce(
      (select t.word where length(t.word) < 3 or t.word ~ '^[0-9]+$'
        or exists (select 1 from erfa.search_words w where w.word = t.word)),
      (select w.word from erfa.search_words w where w.word operator(extensions.%) t.word
        order by extensions.similarity(w.word, t.word) desc, w.word limit 1),
      t.word) as word
    from typed t
  )
  select case when bool_or(typed <> word) then string_agg(word, ' ' order by ord) end from fixed
$$;

-- Hints for a query with no results: a corrected query, and the global goals whose names match.
create or replace function public.search_hints(q text) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'correction', erfa.search_correction(q),
    'goals', (select coalesce(jsonb_agg(g.number order by g.number), '[]') from public.sdg_goals g
      where erfa.search_vector(concat_ws(' ', g.name_sv, g.name_en, g.title_sv)) @@ erfa.search_query(q)
        or extensions.word_similarity(lower(left(q, 200)), lower(g.name_sv || ' ' || g.name_en)) >= 0.6))
$$;

-- The type-ahead: the best 8 hits for what has been typed (the last word as a prefix), among
-- the first titles-only matches and the first matches of each type; when nothing matches, the
-- hits for the corrected query, which is returned with them.
create or replace function public.search_suggest(q text)
returns table (type text, id uuid, title text, path text, context text, corrected text)
language plpgsql stable set search_path = '' as $$
#variable_conflict use_column
declare
  typed text := q;
  fixed text;
begin
  for attempt in 1..2 loop
    return query select h.type, h.id, h.title, h.path, h.context, fixed from (
        select distinct on (x.type, x.id) x.* from (
          select * from erfa.search_hits(erfa.search_query(typed), '{}', 20, 'titles')
          union all
          select * from erfa.search_hits(erfa.search_query(typed), '{}', 20)
        ) x order by x.type, x.id
      ) h
      order by h.rank desc, h.date desc nulls last, h.id limit 8;
    exit when found or attempt = 2;
    fixed := erfa.search_correction(q);
    exit when fixed is null;
    typed := fixed;
  end loop;
end
$$;

grant execute on function erfa.words_of(text), erfa.search_vector(text, text, text),
  erfa.search_query(text), erfa.search_hits(tsquery, jsonb, int, text),

  erfa.search_filter(jsonb, text, smallint[], uuid, uuid, smallint), erfa.search_body(text, uuid),
  erfa.search_correction(text), public.search(text, jsonb, text, int, int),
  public.search_facets(text, jsonb), public.search_hints(text), public.search_suggest(text)
  to anon, authenticated;
revoke execute on function erfa_private.search_words_of(text, jsonb), erfa_private.collect_search_words(),
  erfa_private.rebuild_search_words() from public, anon, authenticated;
