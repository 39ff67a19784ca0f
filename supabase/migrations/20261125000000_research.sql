-- Research and Agenda 2030: research records from universities, linked by SDG goal and target,
-- and linked (after a person on each side agrees) to groups, experiences and documents.
--
-- Reading rules:
-- * research is public by default (signed out too, and through /rest/v1 for open-data reuse);
--   its author can make a record members-only (every active signed-in member);
-- * its authors, goals, files and comments follow the record;
-- * a link between research and a group, experience or document is visible only to those who
--   may read both ends, so a closed group's links never leak; proposed links only to the
--   proposer and those who decide on them.
-- Writing: researchers (role 'researcher', or people of a university) post research; the
-- record's creator and administrators edit it. Machines (OpenAlex, keyword rules) only suggest
-- goals; people confirm or reject them.

-- array_to_string is only stable in general; for text[] it is immutable, which a generated
-- column needs.
create or replace function erfa.words(list text[]) returns text
language sql immutable parallel safe set search_path = '' as $$
  select array_to_string(list, ' ')
$$;

-- A title compared without case, spaces or punctuation: how duplicates are found.
create or replace function erfa.title_key(title text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select lower(regexp_replace(title, '[[:space:][:punct:]]+', '', 'g'))
$$;

create table public.research (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(btrim(title)) between 3 and 500),
  abstract text not null default '' check (length(abstract) <= 20000),
  year smallint check (year between 1900 and 2100),
  type text not null default 'article' check (type in ('article', 'report', 'thesis', 'project', 'dataset')),
  language text check (language ~ '^[a-z]{2}$'),
  doi text check (doi ~ '^10\.[0-9]{4,9}/\S+$' and doi = lower(doi) and length(doi) <= 300),
  url text check (url ~ '^https?://' and length(url) <= 1000),
  open_access_url text check (open_access_url ~ '^https?://' and length(open_access_url) <= 1000),
  keywords text[] not null default '{}' check (cardinality(keywords) <= 30),
  institution_id uuid references public.organizations (id) on delete set null,
  visibility text not null default 'public' check (visibility in ('public', 'members')),
  -- Confirmed goals and targets, kept by trigger from research_sdg: what facets filter on.
  goals smallint[] not null default '{}',
  targets text[] not null default '{}',
  -- Confirmed links to groups, experiences and documents, kept by trigger: "most linked".
  link_count integer not null default 0,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Both configurations: Swedish stemming for Swedish text, English for English, either way.
  fts tsvector generated always as (
    setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('swedish', erfa.words(keywords)), 'A')
    || setweight(to_tsvector('english', erfa.words(keywords)), 'A')
    || setweight(to_tsvector('swedish', abstract), 'B') || setweight(to_tsvector('english', abstract), 'B')
  ) stored
);
create unique index research_doi_idx on public.research (doi) where doi is not null;
create index research_year_idx on public.research (year desc, created_at desc);
create index research_created_idx on public.research (created_at desc);
create index research_goals_idx on public.research using gin (goals);
create index research_targets_idx on public.research using gin (targets);
create index research_fts_idx on public.research using gin (fts);
create index research_institution_idx on public.research (institution_id);
create index research_links_count_idx on public.research (link_count desc, created_at desc);
create index research_title_key_idx on public.research (erfa.title_key(title));

create table public.research_authors (
  research_id uuid not null references public.research (id) on delete cascade,
  position smallint not null check (position between 0 and 199),
  name text not null check (length(btrim(name)) between 1 and 200),
  orcid text check (orcid ~ '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$'),
  primary key (research_id, position)
);
create index research_authors_orcid_idx on public.research_authors (orcid) where orcid is not null;

-- A goal (target null) or a target link. Machines suggest (source openalex/keywords, with a
-- confidence); people confirm or reject; manual links are confirmed when made.
create table public.research_sdg (
  id uuid primary key default gen_random_uuid(),
  research_id uuid not null references public.research (id) on delete cascade,
  goal smallint not null references public.sdg_goals (number),
  target text references public.sdg_targets (id),
  source text not null check (source in ('manual', 'openalex', 'keywords')),
  confidence real check (confidence between 0 and 1),
  status text not null check (status in ('suggested', 'confirmed', 'rejected')),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  note text not null default '' check (length(note) <= 500),
  created_at timestamptz not null default now(),
  check (target is null or split_part(target, '.', 1)::smallint = goal),
  check ((source = 'manual') = (confidence is null))
);
create unique index research_sdg_once_idx on public.research_sdg (research_id, goal, coalesce(target, ''));
create index research_sdg_goal_idx on public.research_sdg (goal, status);

create table public.research_files (
  id uuid primary key default gen_random_uuid(),
  research_id uuid not null references public.research (id) on delete cascade,
  filename text not null check (length(filename) between 1 and 200),
  media_type text not null check (media_type = 'application/pdf'),
  size_bytes integer not null check (size_bytes between 1 and 26214400),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
create index research_files_research_idx on public.research_files (research_id);

create table public.research_comments (
  id uuid primary key default gen_random_uuid(),
  research_id uuid not null references public.research (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  body text not null check (length(btrim(body)) between 1 and 5000),
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index research_comments_research_idx on public.research_comments (research_id, created_at);

-- "This is relevant to us": a proposed link between research and a group, experience or
-- document, confirmed or declined by the other side.
create table public.research_links (
  id uuid primary key default gen_random_uuid(),
  research_id uuid not null references public.research (id) on delete cascade,
  group_id uuid not null references public.groups (id) on delete cascade,
  experience_id uuid references public.experiences (id) on delete cascade,
  document_id uuid references public.documents (id) on delete cascade,
  note text not null default '' check (length(note) <= 1000),
  status text not null default 'proposed' check (status in ('proposed', 'confirmed', 'declined')),
  proposed_by uuid references public.profiles (id) on delete set null,
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  check (experience_id is null or document_id is null)
);
create unique index research_links_once_idx on public.research_links
  (research_id, group_id, coalesce(experience_id, document_id, group_id));
create index research_links_group_idx on public.research_links (group_id, status);
create index research_links_experience_idx on public.research_links (experience_id) where experience_id is not null;
create index research_links_document_idx on public.research_links (document_id) where document_id is not null;

-- ---------------------------------------------------------------------------------------------
-- Integrity
-- ---------------------------------------------------------------------------------------------

-- A link's group is its experience's or document's group, so group rules apply to it.
create or replace function erfa_private.research_link_group() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.experience_id is not null then
    select group_id into new.group_id from public.experiences where id = new.experience_id;
  elsif new.document_id is not null then
    select group_id into new.group_id from public.documents where id = new.document_id;
  end if;
  return new;
end
$$;
create trigger research_links_group before insert on public.research_links
  for each row execute function erfa_private.research_link_group();

-- Keeps research.goals/targets equal to the confirmed links.
create or replace function erfa_private.sync_research_goals() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  rid uuid := coalesce(new.research_id, old.research_id);
begin
  update public.research r set
    goals = coalesce((select array_agg(distinct s.goal order by s.goal) from public.research_sdg s
      where s.research_id = rid and s.status = 'confirmed'), '{}'),
    targets = coalesce((select array_agg(distinct s.target order by s.target) from public.research_sdg s
      where s.research_id = rid and s.status = 'confirmed' and s.target is not null), '{}')
  where r.id = rid;
  return null;
end
$$;
create trigger research_sdg_sync after insert or update or delete on public.research_sdg
  for each row execute function erfa_private.sync_research_goals();

create or replace function erfa_private.count_research_links() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  rid uuid := coalesce(new.research_id, old.research_id);
begin
  update public.research set link_count = (
    select count(*) from public.research_links l where l.research_id = rid and l.status = 'confirmed')
  where id = rid;
  return null;
end
$$;
create trigger research_links_count after insert or update of status or delete on public.research_links
  for each row execute function erfa_private.count_research_links();

create or replace function erfa_private.touch_research() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;
-- Only what people edit moves updated_at, not the goals kept by the trigger above.
create trigger research_touch before update of title, abstract, year, type, language, doi, url,
  open_access_url, keywords, institution_id, visibility on public.research
  for each row execute function erfa_private.touch_research();

-- ---------------------------------------------------------------------------------------------
-- Access helpers
-- ---------------------------------------------------------------------------------------------

-- Researchers, people of a university, and administrators post research.
create or replace function erfa.can_post_research() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.profiles p left join public.organizations o on o.id = p.organization_id
    where p.id = erfa.uid() and p.deactivated_at is null
      and (p.role in ('researcher', 'admin') or o.kind = 'university')
  )
$$;

-- Research the caller may edit: own records, all for administrators.
create or replace function erfa.editable_research() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select r.id from public.research r
  where erfa.is_active_user() and (r.created_by = erfa.uid() or erfa.is_admin())
$$;

-- Links the caller may decide on: as the research's editor, or as coordinator of the group;
-- never one's own proposal (the other side agrees), except administrators.
create or replace function erfa.decidable_research_links() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select l.id from public.research_links l
  where erfa.is_active_user() and (
    erfa.is_admin() or (
      l.proposed_by is distinct from erfa.uid() and (
        l.research_id in (select erfa.editable_research())
        or l.group_id in (select erfa.moderated_groups())))
  )
$$;

-- Documents readable by the caller are erfa.readable_documents(); experiences through their RLS.

alter table public.research enable row level security;
alter table public.research_authors enable row level security;
alter table public.research_sdg enable row level security;
alter table public.research_files enable row level security;
alter table public.research_comments enable row level security;
alter table public.research_links enable row level security;

grant execute on function erfa.can_post_research(), erfa.editable_research(),
  erfa.decidable_research_links() to authenticated;

grant select on public.research to anon, authenticated;
grant insert (title, abstract, year, type, language, doi, url, open_access_url, keywords,
  institution_id, visibility, created_by) on public.research to authenticated;
grant update (title, abstract, year, type, language, doi, url, open_access_url, keywords,
  institution_id, visibility) on public.research to authenticated;
grant delete on public.research to authenticated;
create policy research_read_public on public.research for select to anon using (visibility = 'public');
create policy research_read on public.research for select to authenticated using (
  visibility = 'public' or created_by = (select erfa.uid()) or (select erfa.is_active_user()));
create policy research_create on public.research for insert to authenticated with check (
  created_by = erfa.uid() and erfa.can_post_research());
create policy research_edit on public.research for update to authenticated
  using (id in (select erfa.editable_research())) with check (true);
create policy research_remove on public.research for delete to authenticated
  using (id in (select erfa.editable_research()));

grant select on public.research_authors to anon, authenticated;
grant insert, update, delete on public.research_authors to authenticated;
create policy research_authors_read on public.research_authors for select to anon, authenticated
  using (research_id in (select r.id from public.research r));
create policy research_authors_write on public.research_authors for all to authenticated
  using (research_id in (select erfa.editable_research()))
  with check (research_id in (select erfa.editable_research()));

grant select on public.research_sdg to anon, authenticated;
grant insert (research_id, goal, target, source, confidence, status, decided_by, decided_at, note),
  update (status, decided_by, decided_at, note), delete on public.research_sdg to authenticated;
create policy research_sdg_read on public.research_sdg for select to anon, authenticated
  using (research_id in (select r.id from public.research r));
create policy research_sdg_write on public.research_sdg for all to authenticated
  using (research_id in (select erfa.editable_research()))
  with check (research_id in (select erfa.editable_research()));

grant select on public.research_files to anon, authenticated;
grant insert (research_id, filename, media_type, size_bytes, sha256, uploaded_by), delete
  on public.research_files to authenticated;
create policy research_files_read on public.research_files for select to anon, authenticated
  using (research_id in (select r.id from public.research r));
create policy research_files_add on public.research_files for insert to authenticated
  with check (uploaded_by = erfa.uid() and research_id in (select erfa.editable_research()));
create policy research_files_remove on public.research_files for delete to authenticated
  using (research_id in (select erfa.editable_research()));

grant select, insert (research_id, author_id, body), update (deleted_at) on public.research_comments to authenticated;
create policy research_comments_read on public.research_comments for select to authenticated
  using (research_id in (select r.id from public.research r));
create policy research_comments_create on public.research_comments for insert to authenticated
  with check (author_id = erfa.uid() and erfa.is_active_user()
    and research_id in (select r.id from public.research r));
create policy research_comments_delete on public.research_comments for update to authenticated
  using (author_id = erfa.uid() or (select erfa.is_admin())) with check (true);

grant select, insert (research_id, group_id, experience_id, document_id, note, proposed_by),
  update (status, decided_by, decided_at) on public.research_links to authenticated;
create policy research_links_read on public.research_links for select to authenticated using (
  research_id in (select r.id from public.research r)
  and group_id in (select erfa.readable_groups())
  and (experience_id is null or experience_id in (select e.id from public.experiences e))
  and (document_id is null or document_id in (select erfa.readable_documents()))
  and (status = 'confirmed' or proposed_by = (select erfa.uid())
    or id in (select erfa.decidable_research_links())));
-- Signed out: confirmed links between public research and public documents only.
grant select on public.research_links to anon;
create policy research_links_read_public on public.research_links for select to anon using (
  status = 'confirmed' and research_id in (select r.id from public.research r)
  and document_id in (select erfa.readable_documents()));
create policy research_links_propose on public.research_links for insert to authenticated with check (
  proposed_by = erfa.uid() and erfa.is_active_user()
  and research_id in (select r.id from public.research r)
  and (experience_id is not null or document_id is not null or group_id in (select erfa.readable_groups()))
  and (experience_id is null or experience_id in (select e.id from public.experiences e))
  and (document_id is null or document_id in (select erfa.readable_documents())));
create policy research_links_decide on public.research_links for update to authenticated
  using (id in (select erfa.decidable_research_links())) with check (true);

-- New notification kinds for research links.
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
  'experience_published', 'thread_created', 'reply', 'mention', 'join_request',
  'join_approved', 'join_declined', 'invitation', 'group_approved', 'content_hidden',
  'document_comment', 'document_status', 'research_link_proposed', 'research_link_decided'
));

-- ---------------------------------------------------------------------------------------------
-- Saving a record with its authors and manual goals in one transaction (security invoker: the
-- caller's RLS applies to every statement inside).
-- p: {title, abstract, year, type, language, doi, url, open_access_url, keywords[], institution_id,
--     visibility, authors: [{name, orcid}], goals: [n], targets: ['8.5']}
-- ---------------------------------------------------------------------------------------------
create or replace function public.save_research(p_id uuid, p jsonb) returns uuid
language plpgsql set search_path = '' as $$
declare
  rid uuid := p_id;
begin
  if rid is null then
    insert into public.research (title, abstract, year, type, language, doi, url, open_access_url,
      keywords, institution_id, visibility, created_by)
    values (p->>'title', coalesce(p->>'abstract', ''), (p->>'year')::smallint, p->>'type',
      p->>'language', p->>'doi', p->>'url', p->>'open_access_url',
      coalesce(array(select jsonb_array_elements_text(p->'keywords')), '{}'),
      (p->>'institution_id')::uuid, coalesce(p->>'visibility', 'public'), erfa.uid())
    returning id into rid;
  else
    update public.research set title = p->>'title', abstract = coalesce(p->>'abstract', ''),
      year = (p->>'year')::smallint, type = p->>'type', language = p->>'language', doi = p->>'doi',
      url = p->>'url', open_access_url = p->>'open_access_url',
      keywords = coalesce(array(select jsonb_array_elements_text(p->'keywords')), '{}'),
      institution_id = (p->>'institution_id')::uuid, visibility = coalesce(p->>'visibility', 'public')
    where id = rid;
    if not found then
      raise exception 'not allowed' using errcode = '42501';
    end if;
    delete from public.research_authors where research_id = rid;
  end if;
  insert into public.research_authors (research_id, position, name, orcid)
  select rid, (a.ord - 1)::smallint, a.value->>'name', nullif(a.value->>'orcid', '')
  from jsonb_array_elements(coalesce(p->'authors', '[]')) with ordinality as a(value, ord);
  -- The goals and targets in the form are what the person confirms: new ones are added as
  -- manual links, suggested ones become confirmed, confirmed ones left out become rejected.
  if p ? 'goals' then
    delete from public.research_sdg where research_id = rid and source = 'manual';
    with wanted as (
      select g::smallint as goal, null::text as target from jsonb_array_elements_text(p->'goals') g
      union
      select split_part(t, '.', 1)::smallint, t from jsonb_array_elements_text(coalesce(p->'targets', '[]')) t
    )
    insert into public.research_sdg (research_id, goal, target, source, status, decided_by, decided_at)
    select rid, w.goal, w.target, 'manual', 'confirmed', erfa.uid(), now() from wanted w
    on conflict (research_id, goal, (coalesce(target, ''))) do update
      set status = 'confirmed', decided_by = erfa.uid(), decided_at = now();
    update public.research_sdg s set status = 'rejected', decided_by = erfa.uid(), decided_at = now()
    where s.research_id = rid and s.status = 'confirmed' and s.source <> 'manual'
      and not exists (
        select 1 from jsonb_array_elements_text(p->'goals') g
        where s.target is null and g::smallint = s.goal)
      and not exists (
        select 1 from jsonb_array_elements_text(coalesce(p->'targets', '[]')) t where s.target = t);
  end if;
  return rid;
end
$$;
grant execute on function public.save_research(uuid, jsonb) to authenticated;
revoke execute on function public.save_research(uuid, jsonb) from public, anon;

-- Records that may duplicate incoming ones (same DOI or same title key), as far as the caller
-- can see them.
create or replace function public.research_candidates(p_dois text[], p_titles text[])
returns table (id uuid, title text, year smallint, doi text)
language sql stable set search_path = '' as $$
  select r.id, r.title, r.year, r.doi from public.research r
  where r.doi = any(p_dois)
    or erfa.title_key(r.title) = any(array(select erfa.title_key(t) from unnest(p_titles) t))
  limit 2000
$$;
grant execute on function public.research_candidates(text[], text[]) to authenticated;
grant execute on function erfa.title_key(text) to anon, authenticated;
