-- Experience history: the revision row is written AFTER the experience row is stored.
--
-- 20261123000000_groups.sql wrote it from the BEFORE INSERT trigger, when the new experience
-- did not exist yet, so experience_revisions' foreign key refused every new experience (23503).
-- The BEFORE trigger keeps the bookkeeping on the row itself (revision number, updated_at,
-- published_at); a new AFTER trigger records the version once the row is there. An update that
-- changes nothing but moderation fields keeps its revision number and writes no revision.

create or replace function erfa_private.record_experience_revision() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    if (to_jsonb(new) - array['hidden_at','hidden_by','hidden_reason','updated_at','revision'])
       = (to_jsonb(old) - array['hidden_at','hidden_by','hidden_reason','updated_at','revision']) then
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

create or replace function erfa_private.store_experience_revision() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.revision = old.revision then
    return null;
  end if;
  insert into public.experience_revisions (experience_id, revision, data, edited_by)
  values (new.id, new.revision,
    jsonb_build_object('title', new.title, 'summary', new.summary, 'background', new.background,
      'actions', new.actions, 'results', new.results, 'lessons', new.lessons,
      'contact_person', new.contact_person, 'period_start', new.period_start,
      'period_end', new.period_end, 'sdg_goals', new.sdg_goals, 'sdg_targets', new.sdg_targets,
      'status', new.status, 'shared_with_all', new.shared_with_all),
    coalesce(erfa.uid(), new.author_id));
  return null;
end
$$;

create trigger experiences_revision_store after insert or update on public.experiences
  for each row execute function erfa_private.store_experience_revision();
