import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Placements (decision 022): a resident placed in a company's opening, with start, planned end,
// hours, mentor, follow-ups (among them "still in the job after 3 months") and the end with its
// outcome. A placement after a course exit points at that enrolment. New tables only: safe for
// existing data.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table opening add constraint opening_id_plan_key unique (id, plan_id)`.execute(db)
  await sql`
    create table placement (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null,
      opening_id uuid not null,
      participant_id uuid not null references participant (id),
      -- The course exit the placement follows (udslusning til virksomhedspraktik), if any.
      enrolment_id uuid references enrolment (id),
      start_on date not null,
      planned_end_on date,
      hours_per_week numeric(5, 2) check (hours_per_week is null or (hours_per_week > 0 and hours_per_week <= 60)),
      mentor text,
      end_on date,
      outcome text check (outcome is null or outcome in ('completed', 'job', 'education', 'dropped-out')),
      outcome_on date,
      end_note text,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (planned_end_on is null or planned_end_on >= start_on),
      check (end_on is null or end_on >= start_on),
      check ((end_on is null) = (outcome is null)),
      check (outcome_on is null or (end_on is not null and outcome_on >= end_on)),
      foreign key (opening_id, plan_id) references opening (id, plan_id)
    )`.execute(db)
  await sql`create index placement_opening_idx on placement (opening_id)`.execute(db)
  await sql`create index placement_participant_idx on placement (participant_id)`.execute(db)
  await sql`create index placement_plan_start_idx on placement (plan_id, start_on)`.execute(db)
  await sql`create index placement_enrolment_idx on placement (enrolment_id) where enrolment_id is not null`.execute(db)

  // Follow-ups on a placement. kind 'three-months' is the one the system asks for three months
  // after the start of a job; still_in_job answers it.
  await sql`
    create table placement_followup (
      id uuid primary key default gen_random_uuid(),
      placement_id uuid not null references placement (id),
      kind text not null check (kind in ('status', 'three-months')),
      held_on date not null,
      still_in_job boolean,
      note text,
      written_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      check (kind <> 'three-months' or still_in_job is not null)
    )`.execute(db)
  await sql`create index placement_followup_idx on placement_followup (placement_id, held_on)`.execute(db)
  await sql`create unique index placement_three_months_idx on placement_followup (placement_id) where kind = 'three-months'`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
