-- Bergslagsakademin: the year's theme (decided by the working group), the municipalities and
-- regions that take part each year, their agreed contribution, applications from officers and
-- the interest of companies and universities.
--
-- Who sees what: themes and the list of participants are public (anon too). What a
-- participant pays, whether it is settled and who represents it sit in a table of their own
-- that only administrators read, so no column grant or view is needed to hide them.
-- Applications are read by their applicant and administrators; the interest form is read by
-- administrators only (it is written by visitors through the privileged pool).

create table public.academy_themes (
  year smallint primary key check (year between 2000 and 2100),
  title_sv text not null check (length(btrim(title_sv)) between 2 and 200),
  title_en text not null default '' check (length(title_en) <= 200),
  description_sv text not null default '' check (length(description_sv) <= 4000),
  description_en text not null default '' check (length(description_en) <= 4000),
  decided_on date not null,
  decided_by text not null check (length(btrim(decided_by)) between 2 and 200),
  created_at timestamptz not null default now()
);

create table public.academy_participants (
  id uuid primary key default gen_random_uuid(),
  year smallint not null check (year between 2000 and 2100),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  created_at timestamptz not null default now(),
  unique (year, organization_id)
);

create table public.academy_contributions (
  participant_id uuid primary key references public.academy_participants (id) on delete cascade,
  representative_name text not null check (length(btrim(representative_name)) between 2 and 120),
  representative_email text check (representative_email ~ '^[^@\s]+@[^@\s]+$'),
  amount_sek integer not null check (amount_sek between 0 and 10000000),
  settled_at timestamptz
);

create table public.academy_applications (
  id uuid primary key default gen_random_uuid(),
  year smallint not null check (year between 2000 and 2100),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  applicant_id uuid references public.profiles (id) on delete set null,
  representative_name text not null check (length(btrim(representative_name)) between 2 and 120),
  representative_email text not null check (representative_email ~ '^[^@\s]+@[^@\s]+$'),
  message text not null default '' check (length(message) <= 2000),
  status text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
-- One open or approved application per municipality and year; a declined one may be followed
-- by a new one.
create unique index academy_applications_one_per_year_idx on public.academy_applications
  (year, organization_id) where status <> 'declined';
create index academy_applications_pending_idx on public.academy_applications (created_at)
  where status = 'pending';

create table public.academy_interest (
  id bigint generated always as identity primary key,
  name text not null check (length(btrim(name)) between 2 and 120),
  organization text not null check (length(btrim(organization)) between 2 and 160),
  kind text not null check (kind in ('company', 'university', 'other')),
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  message text not null default '' check (length(message) <= 2000),
  created_at timestamptz not null default now()
);

alter table public.academy_themes enable row level security;
alter table public.academy_participants enable row level security;
alter table public.academy_contributions enable row level security;
alter table public.academy_applications enable row level security;
alter table public.academy_interest enable row level security;

grant select on public.academy_themes to anon, authenticated;
grant insert, update, delete on public.academy_themes to authenticated;
create policy academy_themes_read on public.academy_themes for select to anon, authenticated using (true);
create policy academy_themes_write on public.academy_themes for all to authenticated
  using ((select erfa.is_admin())) with check ((select erfa.is_admin()));

grant select on public.academy_participants to anon, authenticated;
grant insert, delete on public.academy_participants to authenticated;
create policy academy_participants_read on public.academy_participants for select to anon, authenticated
  using (true);
create policy academy_participants_write on public.academy_participants for all to authenticated
  using ((select erfa.is_admin())) with check ((select erfa.is_admin()));

grant select, insert, update, delete on public.academy_contributions to authenticated;
create policy academy_contributions_admin on public.academy_contributions for all to authenticated
  using ((select erfa.is_admin())) with check ((select erfa.is_admin()));

grant select on public.academy_applications to authenticated;
grant insert (year, organization_id, applicant_id, representative_name, representative_email, message)
  on public.academy_applications to authenticated;
grant update (status, decided_by, decided_at) on public.academy_applications to authenticated;
create policy academy_applications_read on public.academy_applications for select to authenticated
  using (applicant_id = (select erfa.uid()) or (select erfa.is_admin()));
-- An officer applies for their own organization, and only for a municipality or region.
create policy academy_applications_apply on public.academy_applications for insert to authenticated
  with check (
    applicant_id = (select erfa.uid())
    and organization_id = (select p.organization_id from public.profiles p where p.id = (select erfa.uid()))
    and exists (select 1 from public.organizations o
      where o.id = organization_id and o.kind in ('kommun', 'region'))
  );
create policy academy_applications_decide on public.academy_applications for update to authenticated
  using ((select erfa.is_admin())) with check ((select erfa.is_admin()));

grant select on public.academy_interest to authenticated;
create policy academy_interest_read on public.academy_interest for select to authenticated
  using ((select erfa.is_admin()));

-- Approving makes the year's participation and its contribution in the same transaction, so
-- an approval is never half-saved. Security invoker: the caller's RLS decides (administrators
-- only may update applications and write participants and contributions).
create function public.approve_academy_application(application uuid, amount integer)
returns uuid
language plpgsql
security invoker
set search_path = ''
as $$
declare
  app public.academy_applications;
  participant uuid;
begin
  update public.academy_applications
    set status = 'approved', decided_by = erfa.uid(), decided_at = now()
    where id = application and status = 'pending'
    returning * into app;
  if app.id is null then
    raise exception 'no pending application %', application using errcode = 'P0002';
  end if;
  insert into public.academy_participants (year, organization_id)
    values (app.year, app.organization_id)
    returning id into participant;
  insert into public.academy_contributions (participant_id, representative_name, representative_email, amount_sek)
    values (participant, app.representative_name, app.representative_email, amount);
  return participant;
end;
$$;
grant execute on function public.approve_academy_application(uuid, integer) to authenticated;
