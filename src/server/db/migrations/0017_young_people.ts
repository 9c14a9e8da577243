import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Young people and guardians (decision 023): a consent given by a parent with custody for a young
// person under 15, with the guardian's name and relation and the young person's own say; and the
// pathway (forløbstrappe) of an activity, its steps, and each young person's steps reached, with
// dates and who recorded them.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every existing consent was given by the resident: the default says so.
  await sql`
    alter table consent
      add column given_by text not null default 'self' check (given_by in ('self', 'guardian')),
      add column guardian_name text check (guardian_name is null or btrim(guardian_name) <> ''),
      add column guardian_relation text check (guardian_relation in ('mother', 'father', 'other-custodian')),
      add column young_person_say text check (young_person_say in ('agrees', 'objects', 'not-able')),
      add column young_person_note text,
      add constraint consent_guardian_complete check (
        (given_by = 'self' and guardian_name is null and guardian_relation is null and young_person_say is null)
        or (given_by = 'guardian' and guardian_name is not null and guardian_relation is not null and young_person_say is not null))`.execute(db)

  // The steps of an activity's pathway, in order. A step with ask_after_months is a check asked that
  // many months after the step before it was reached ("still in the job after 3 months").
  await sql`
    create table pathway_step (
      id uuid primary key default gen_random_uuid(),
      activity_id uuid not null references activity (id),
      position integer not null check (position >= 1),
      key text not null check (key ~ '^[a-z0-9-]+$'),
      name text not null check (btrim(name) <> ''),
      ask_after_months integer check (ask_after_months between 1 and 120),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      unique (activity_id, key),
      unique (activity_id, position)
    )`.execute(db)

  // A step a young person reached, on a day, recorded by a staff member. For a check step,
  // still_held says whether the answer was yes (still in the job) or no.
  await sql`
    create table pathway_progress (
      id uuid primary key default gen_random_uuid(),
      participant_id uuid not null references participant (id),
      step_id uuid not null references pathway_step (id),
      reached_on date not null,
      still_held boolean,
      note text,
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now(),
      unique (participant_id, step_id)
    )`.execute(db)
  await sql`create index pathway_progress_step_idx on pathway_progress (step_id, reached_on)`.execute(db)

  // Groups (hold) of an activity, e.g. the pocket-money project's "Mod på matematik" groups: the
  // group's sessions and attendance are the activity's sessions and enrolments; the group row says
  // when a group ran, so groups per year can be counted against the agreement's "1 til 2 hold pr år".
  await sql`
    create table activity_group (
      id uuid primary key default gen_random_uuid(),
      activity_id uuid not null references activity (id),
      name text not null check (btrim(name) <> ''),
      starts_on date not null,
      ends_on date check (ends_on >= starts_on),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index activity_group_idx on activity_group (activity_id, starts_on)`.execute(db)

  // Activities already loaded whose name is about leisure jobs get the standard leisure-job
  // pathway, as a newly loaded agreement's do (agreements.repo.ts syncActivities).
  await sql`
    insert into pathway_step (activity_id, position, key, name, ask_after_months)
    select a.id, s.position, s.key, s.name, s.ask_after_months
    from activity a
    cross join (values
      (1, 'lommepengejob', 'Lommepengejob', null::integer),
      (2, 'vejledning-cv', 'Vejledning og CV', null),
      (3, 'erhvervsguide', 'Møde med erhvervsguiden', null),
      (4, 'jobsamtale', 'Jobsamtale', null),
      (5, 'fritidsjob', 'Fritidsjob', null),
      (6, 'fastholdt-3-maaneder', 'Stadig i job efter 3 måneder', 3)
    ) as s (position, key, name, ask_after_months)
    where a.name ilike '%fritidsjob%'
      and not exists (select 1 from pathway_step p where p.activity_id = a.id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
