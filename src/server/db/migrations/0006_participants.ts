import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Residents in the activities (decision 008): participants (deltagere) with the least personal data
// the work needs, their consents (samtykker), enrolments (forløb) with follow-ups, sessions with
// attendance, each plan's privacy settings, and the log of what anonymisation removed.
//
// Personal data sits in a few named columns and tables so that anonymisation can remove exactly
// that and keep what the aggregate figures are computed from (dates, activities, exit reasons,
// attendance). A check constraint makes an anonymised participant without personal data a rule of
// the database, not a hope.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per plan, made on first use. next_number hands out the pseudonyms (D-0001, D-0002 …)
  // under the row lock, so two workers registering at once never get the same one.
  await sql`
    create table plan_privacy (
      plan_id uuid primary key references plan (id),
      cpr_enabled boolean not null default false,
      months_after_last_enrolment integer not null default 12 check (months_after_last_enrolment between 0 and 120),
      days_after_consent_withdrawal integer not null default 30 check (days_after_consent_withdrawal between 0 and 3650),
      months_after_plan_end integer not null default 0 check (months_after_plan_end between 0 and 120),
      next_number integer not null default 1,
      updated_by uuid references app_user (id),
      updated_at timestamptz not null default now()
    )`.execute(db)

  // What an activity can take (e.g. 12 at a time) and how long a course lasts by default (10 weeks).
  await sql`alter table activity
    add column capacity integer check (capacity > 0),
    add column default_weeks integer check (default_weeks between 1 and 208)`.execute(db)

  await sql`
    create table participant (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      pseudonym text not null,
      owner_party text not null check (owner_party in ('boligsocial', 'jobcenter')),
      registered_on date not null,
      name text,
      phone text,
      email text,
      address text,
      birth_year integer check (birth_year between 1900 and 2100),
      age_band text,
      housing_area_id uuid references housing_area (id),
      department_id uuid references department (id),
      target_group_code text,
      target_group_on date,
      cpr_encrypted text,
      cpr_lookup text,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      anonymised_at timestamptz,
      anonymised_reason text check (anonymised_reason in ('after-last-enrolment', 'after-consent-withdrawal', 'plan-ended', 'never-enrolled', 'erasure')),
      unique (plan_id, pseudonym),
      check ((anonymised_at is null) = (anonymised_reason is null)),
      check (anonymised_at is null or (name is null and phone is null and email is null and address is null
        and birth_year is null and cpr_encrypted is null and cpr_lookup is null)),
      check (anonymised_at is not null or name is not null),
      check ((cpr_encrypted is null) = (cpr_lookup is null))
    )`.execute(db)
  await sql`create unique index participant_cpr_idx on participant (plan_id, cpr_lookup) where cpr_lookup is not null`.execute(db)
  await sql`create index participant_plan_idx on participant (plan_id, pseudonym)`.execute(db)

  // Free text about a resident, each note filed under the consent category it belongs to, so a
  // note about health is shown only to a party the resident let see health.
  await sql`
    create table participant_note (
      id uuid primary key default gen_random_uuid(),
      participant_id uuid not null references participant (id),
      category text not null check (category in ('contact', 'employment', 'benefits', 'health', 'addiction', 'finances', 'family', 'housing', 'notes')),
      body text not null check (btrim(body) <> ''),
      written_on date not null,
      written_by uuid references app_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index participant_note_idx on participant_note (participant_id, written_on)`.execute(db)

  await sql`
    create table consent (
      id uuid primary key default gen_random_uuid(),
      participant_id uuid not null references participant (id),
      parties text[] not null check (cardinality(parties) > 0 and parties <@ array['boligsocial', 'jobcenter']::text[]),
      categories text[] not null check (cardinality(categories) > 0 and categories <@ array['contact', 'employment', 'benefits', 'health', 'addiction', 'finances', 'family', 'housing', 'notes']::text[]),
      purpose text not null,
      form text not null check (form in ('oral', 'written')),
      given_on date not null,
      valid_until date check (valid_until >= given_on),
      withdrawn_on date check (withdrawn_on >= given_on),
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now(),
      withdrawal_recorded_by uuid references app_user (id),
      withdrawal_recorded_at timestamptz
    )`.execute(db)
  await sql`create index consent_participant_idx on consent (participant_id)`.execute(db)

  // The signed consent, for a written one. Kept apart so lists never read the bytes.
  await sql`
    create table consent_document (
      consent_id uuid primary key references consent (id),
      file_name text not null,
      media_type text not null,
      bytes bytea not null,
      uploaded_by uuid references app_user (id),
      uploaded_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table enrolment (
      id uuid primary key default gen_random_uuid(),
      participant_id uuid not null references participant (id),
      activity_id uuid not null references activity (id),
      referred_on date not null,
      referred_by text not null,
      start_on date check (start_on >= referred_on),
      planned_end_on date check (planned_end_on >= start_on),
      exit_on date,
      exit_reason text check (exit_reason in ('virksomhedspraktik', 'job', 'uddannelse', 'andet-tilbud', 'sygdom', 'fraflytning', 'ophoer', 'andet')),
      destination_on date check (destination_on >= exit_on),
      exit_note text,
      internship_contact boolean not null default false,
      selection jsonb,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      -- An exit without a start is a place given up on the waiting list.
      check (exit_on is null or exit_on >= coalesce(start_on, referred_on)),
      check ((exit_on is null) = (exit_reason is null)),
      check (destination_on is null or exit_on is not null)
    )`.execute(db)
  await sql`create index enrolment_participant_idx on enrolment (participant_id)`.execute(db)
  await sql`create index enrolment_activity_idx on enrolment (activity_id, start_on)`.execute(db)

  await sql`
    create table enrolment_followup (
      id uuid primary key default gen_random_uuid(),
      enrolment_id uuid not null references enrolment (id),
      held_on date not null,
      note text,
      written_by uuid references app_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index enrolment_followup_idx on enrolment_followup (enrolment_id, held_on)`.execute(db)

  // A session is a conversation, group talk, excursion or presentation. Named attendance goes
  // through enrolments; sessions open to anyone (an information meeting) count heads instead.
  await sql`
    create table activity_session (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      activity_id uuid not null references activity (id),
      kind text not null check (kind in ('individual', 'group', 'excursion', 'presentation', 'other')),
      held_on date not null,
      title text not null check (btrim(title) <> ''),
      anonymous_count integer check (anonymous_count >= 0),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index activity_session_idx on activity_session (activity_id, held_on)`.execute(db)

  await sql`
    create table session_attendance (
      session_id uuid not null references activity_session (id),
      enrolment_id uuid not null references enrolment (id),
      status text not null check (status in ('present', 'absent', 'excused')),
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now(),
      primary key (session_id, enrolment_id)
    )`.execute(db)
  await sql`create index session_attendance_enrolment_idx on session_attendance (enrolment_id)`.execute(db)

  // What anonymisation or erasure removed: counts and field names, never the data itself. Kept
  // as evidence that the plan's retention rule is carried out; insert-only like the audit log.
  await sql`
    create table participant_removal (
      id uuid primary key default gen_random_uuid(),
      participant_id uuid not null references participant (id),
      plan_id uuid not null references plan (id),
      reason text not null check (reason in ('after-last-enrolment', 'after-consent-withdrawal', 'plan-ended', 'never-enrolled', 'erasure')),
      removed jsonb not null,
      actor_id uuid references app_user (id),
      actor_label text not null,
      at timestamptz not null default now()
    )`.execute(db)
  await sql`revoke update, delete, truncate on participant_removal from indsats_app`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
