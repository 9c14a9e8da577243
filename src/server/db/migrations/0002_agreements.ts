import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Agreements are stored as immutable revisions of a validated JSON document (decision 005): the
// document is irregular and nested, every revision must stay readable as it was, and two revisions
// are compared as documents. What other features need to point at (plans' areas and departments,
// activities shared between agreements) is kept in tables beside it. Funding periods, effort areas
// and the job centre's target-group codes are dated reference data, not enums.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table funding_period (
      code text primary key,
      name text not null,
      starts_on date not null,
      ends_on date not null
    )`.execute(db)

  await sql`
    create table effort_area (
      funding_period text not null references funding_period (code),
      code text not null,
      name text not null,
      sort_order integer not null,
      primary key (funding_period, code)
    )`.execute(db)

  await sql`insert into funding_period (code, name, starts_on, ends_on) values
    ('2019-26', 'Landsbyggefondens boligsociale midler 2019-2026', '2019-01-01', '2026-12-31')`.execute(db)
  await sql`insert into effort_area (funding_period, code, name, sort_order) values
    ('2019-26', 'uddannelse-og-livschancer', 'Uddannelse og livschancer', 1),
    ('2019-26', 'beskaeftigelse', 'Beskæftigelse', 2),
    ('2019-26', 'kriminalitetsforebyggelse', 'Kriminalitetsforebyggelse', 3),
    ('2019-26', 'sammenhaengskraft-og-medborgerskab', 'Sammenhængskraft og medborgerskab', 4)`.execute(db)

  // The target groups of the employment act's § 6, as the job centre's systems label them. Reforms
  // end codes (the 2025 cash-benefit reform abolished uddannelseshjælp, overgangsydelse and
  // selvforsørgelses- og hjemrejseydelse); snapshots keep their source's own label regardless.
  await sql`
    create table target_group_code (
      code text not null,
      label text not null,
      valid_from date not null,
      valid_to date,
      note text,
      primary key (code, valid_from)
    )`.execute(db)
  await sql`insert into target_group_code (code, label, valid_from, valid_to, note) values
    ('6.1', 'Dagpengemodtager', '2019-01-01', null, null),
    ('6.2', 'Jobparat kontanthjælps- og overgangsydelsesmodtager', '2019-01-01', '2025-06-30', 'Overgangsydelse afskaffet ved kontanthjælpsreformen 2025'),
    ('6.3', 'Aktivitetsparat kontanthjælps- og overgangsydelsesmodtager', '2019-01-01', '2025-06-30', 'Overgangsydelse afskaffet ved kontanthjælpsreformen 2025'),
    ('6.4', 'Uddannelsesparat uddannelseshjælps- og overgangsydelsesmodtager', '2019-01-01', '2025-06-30', 'Uddannelseshjælp afskaffet ved kontanthjælpsreformen 2025'),
    ('6.5', 'Aktivitetsparat uddannelseshjælps- og overgangsydelsesmodtager', '2019-01-01', '2025-06-30', 'Uddannelseshjælp afskaffet ved kontanthjælpsreformen 2025'),
    ('6.6', 'Sygedagpengemodtager', '2019-01-01', null, null),
    ('6.7', 'Jobafklaringsforløb', '2019-01-01', null, null),
    ('6.8', 'Ressourceforløb (vist som "Rehabilitent")', '2019-01-01', null, null),
    ('INT-SP', 'Selvforsørgende i program', '2019-01-01', '2025-06-30', 'Selvforsørgelses- og hjemrejseydelse afskaffet ved kontanthjælpsreformen 2025'),
    ('INT-SHP', 'Selvforsørgelses- og hjemrejseydelsesmodtager i program', '2019-01-01', '2025-06-30', 'Selvforsørgelses- og hjemrejseydelse afskaffet ved kontanthjælpsreformen 2025')`.execute(db)

  await sql`
    create table housing_area (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      name text not null,
      unique (plan_id, name)
    )`.execute(db)

  await sql`
    create table department (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      number text not null,
      name text,
      housing_area_id uuid references housing_area (id),
      unique (plan_id, number)
    )`.execute(db)

  await sql`
    create table agreement (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      key text not null,
      funding_period text not null,
      effort_area text not null,
      created_at timestamptz not null default now(),
      unique (plan_id, key),
      foreign key (funding_period, effort_area) references effort_area (funding_period, code)
    )`.execute(db)

  // Nothing is ever overwritten: revisions are insert-only for every role.
  await sql`
    create table agreement_revision (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreement (id),
      number integer not null check (number > 0),
      effective_from date not null,
      board_decision text not null,
      note text,
      source text not null check (source in ('seed', 'import', 'edit')),
      plan_section jsonb not null,
      content jsonb not null,
      content_hash text not null,
      created_by uuid references app_user (id),
      created_by_label text not null,
      created_at timestamptz not null default now(),
      unique (agreement_id, number)
    )`.execute(db)
  await sql`revoke update, delete, truncate on agreement_revision from indsats_app`.execute(db)
  await sql`
    create function agreement_revision_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'agreement revisions are never changed; save a new revision' using errcode = 'insufficient_privilege';
    end $$`.execute(db)
  await sql`create trigger agreement_revision_immutable before update or delete on agreement_revision
    for each row execute function agreement_revision_refuse_change()`.execute(db)

  // An activity is the plan's, and may serve several agreements (Åben rådgivning serves all four);
  // later features (enrolments, schedules, hours) point at this row.
  await sql`
    create table activity (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      key text not null,
      name text not null,
      unique (plan_id, key)
    )`.execute(db)

  await sql`
    create table agreement_activity (
      agreement_id uuid not null references agreement (id),
      activity_id uuid not null references activity (id),
      primary key (agreement_id, activity_id)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
