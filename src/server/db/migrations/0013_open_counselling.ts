import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Open counselling (åben rådgivning, decision 014): the dated occurrences an activity's weekly
// schedules promise, who of the staff was there, the inquiries residents came with, and the
// appointments booked beyond the open hours.
//
// - An occurrence is materialised from a schedule of the agreement's current revision, one per
//   (activity, schedule key, day), so generating a range twice adds nothing. Times are the Danish
//   wall-clock times the agreement states ("12-17"), not instants: a Monday 12:00 is 12:00 on both
//   sides of a change to summer time. The promised staffing (3-4) is copied from the schedule, so an
//   occurrence keeps the promise it was held under when a later revision changes it. A public
//   holiday is marked, not left out, so "planned" can say what the weekly promise was.
// - Topics are a plan's maintained list (the project leader adds and retires them), not an enum.
// - An inquiry is anonymous unless linked to a registered resident; the link is shown only to a
//   reader the resident gate lets see that resident.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table counselling_occurrence (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      activity_id uuid not null references activity (id),
      schedule_key text not null,
      site text not null,
      venue text,
      held_on date not null,
      starts_at time not null,
      ends_at time not null check (starts_at < ends_at),
      staffing_min integer check (staffing_min >= 0),
      staffing_max integer check (staffing_max >= 0),
      -- The public holiday the day falls on; the occurrence is then not held.
      holiday text,
      cancelled_reason text check (cancelled_reason is null or btrim(cancelled_reason) <> ''),
      cancelled_by uuid references app_user (id),
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      unique (activity_id, schedule_key, held_on),
      check ((cancelled_at is null) = (cancelled_reason is null))
    )`.execute(db)
  await sql`create index counselling_occurrence_plan_idx on counselling_occurrence (plan_id, held_on)`.execute(db)

  await sql`
    create table counselling_checkin (
      id uuid primary key default gen_random_uuid(),
      occurrence_id uuid not null references counselling_occurrence (id),
      user_id uuid not null references app_user (id),
      party_id uuid references plan_party (id),
      checked_in_at timestamptz not null default now(),
      checked_out_at timestamptz,
      unique (occurrence_id, user_id),
      check (checked_out_at is null or checked_out_at >= checked_in_at)
    )`.execute(db)

  await sql`
    create table inquiry_topic (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      label text not null check (btrim(label) <> ''),
      position integer not null,
      retired_at timestamptz,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      unique (plan_id, label)
    )`.execute(db)

  await sql`
    create table counselling_inquiry (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      occurrence_id uuid not null references counselling_occurrence (id),
      topic_id uuid not null references inquiry_topic (id),
      party_id uuid references plan_party (id),
      referral text not null default 'none' check (referral in ('none', 'jobcenter', 'appointment', 'elsewhere')),
      participant_id uuid references participant (id),
      created_by uuid not null references app_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index counselling_inquiry_occurrence_idx on counselling_inquiry (occurrence_id)`.execute(db)
  await sql`create index counselling_inquiry_plan_idx on counselling_inquiry (plan_id)`.execute(db)

  await sql`
    create table counselling_appointment (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      -- The open hours it was booked at, if any.
      occurrence_id uuid references counselling_occurrence (id),
      participant_id uuid references participant (id),
      -- For a resident who is not registered: what staff need to meet them, nothing more.
      contact_name text check (contact_name is null or btrim(contact_name) <> ''),
      contact_phone text,
      on_day date not null,
      at_time time not null,
      party_id uuid references plan_party (id),
      topic_id uuid references inquiry_topic (id),
      status text not null default 'booked' check (status in ('booked', 'held', 'cancelled', 'no-show')),
      created_by uuid not null references app_user (id),
      created_at timestamptz not null default now(),
      check (participant_id is not null or contact_name is not null)
    )`.execute(db)
  await sql`create index counselling_appointment_plan_idx on counselling_appointment (plan_id, on_day)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
