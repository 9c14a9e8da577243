import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Staff time against the agreements' promises (decision 015): the conversation calendar, hours per
// person, activity and ISO week, the quarter totals the responsible employee closes, the plan's
// settings for reading a promise as hours, and meetings with their participants, decisions and
// actions (generic: cooperation meetings, board meetings, and later the company network's).

export async function up(db: Kysely<unknown>): Promise<void> {
  // How a plan reads "80 % af en stilling" and "en dag i ugen" as hours.
  await sql`
    create table plan_staff_time_settings (
      plan_id uuid primary key references plan (id),
      normal_week_hours numeric(4, 2) not null default 37 check (normal_week_hours > 0 and normal_week_hours <= 60),
      hours_per_day numeric(4, 2) not null default 7.4 check (hours_per_day > 0 and hours_per_day <= 24),
      vacation_weeks_per_year numeric(4, 2) not null default 6 check (vacation_weeks_per_year >= 0 and vacation_weeks_per_year < 20),
      updated_by uuid references app_user (id),
      updated_at timestamptz not null default now()
    )`.execute(db)

  // A conversation in the outreach calendar. participant_id is set only for an individual
  // conversation with a registered resident, written through the resident gate under consent.
  await sql`
    create table staff_conversation (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      activity_id uuid not null references activity (id),
      staff_id uuid not null references app_user (id),
      party_id uuid references plan_party (id),
      kind text not null check (kind in ('individual', 'anonymous')),
      participant_id uuid references participant (id),
      held_on date not null,
      place text not null check (btrim(place) <> ''),
      duration_minutes integer not null check (duration_minutes > 0 and duration_minutes <= 720),
      transport_minutes integer not null default 0 check (transport_minutes >= 0 and transport_minutes <= 600),
      -- null: the activity's rule (the agreement's ½ hour) applies when hours are derived.
      admin_minutes integer check (admin_minutes >= 0 and admin_minutes <= 600),
      import_id uuid references value_import (id),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      check (participant_id is null or kind = 'individual')
    )`.execute(db)
  await sql`create index staff_conversation_plan_idx on staff_conversation (plan_id, held_on)`.execute(db)
  await sql`create index staff_conversation_participant_idx on staff_conversation (participant_id) where participant_id is not null`.execute(db)

  // Hours a person registers on a time sheet: per activity (or only a promise) per ISO week, in half
  // hours. One row per person, agreement, promise, activity, week and effort area: registering again
  // replaces the hours.
  await sql`
    create table time_entry (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      agreement_id uuid not null references agreement (id),
      activity_id uuid references activity (id),
      resource_key text,
      effort_area text,
      staff_id uuid not null references app_user (id),
      party_id uuid references plan_party (id),
      week_start date not null check (extract(isodow from week_start) = 1),
      hours numeric(5, 1) not null check (hours > 0 and hours <= 168 and hours * 2 = floor(hours * 2)),
      note text,
      import_id uuid references value_import (id),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (activity_id is not null or resource_key is not null),
      unique nulls not distinct (staff_id, agreement_id, resource_key, activity_id, week_start, effort_area)
    )`.execute(db)
  await sql`create index time_entry_plan_week_idx on time_entry (plan_id, agreement_id, week_start)`.execute(db)

  // "Den faste fremskudte medarbejder … opgør det samlede antal timer 1 gang pr kvartal": the total
  // as it stood when closed. Never changed; a later correction is a new close of the same quarter.
  await sql`
    create table time_quarter_close (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      agreement_id uuid not null references agreement (id),
      resource_key text not null,
      quarter text not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
      total_hours numeric(8, 2) not null check (total_hours >= 0),
      note text,
      closed_by uuid not null references app_user (id),
      closed_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index time_quarter_close_idx on time_quarter_close (agreement_id, resource_key, quarter, closed_at)`.execute(db)
  await sql`revoke update, delete, truncate on time_quarter_close from indsats_app`.execute(db)

  await sql`
    create table meeting (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      kind text not null check (kind in ('cooperation', 'board', 'company-network')),
      held_on date not null,
      title text not null check (btrim(title) <> ''),
      agenda text not null default '',
      minutes text not null default '',
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index meeting_plan_idx on meeting (plan_id, held_on)`.execute(db)

  // A participant is a user, or a person outside Indsats named in free text.
  await sql`
    create table meeting_participant (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meeting (id),
      user_id uuid references app_user (id),
      name text check (name is null or btrim(name) <> ''),
      check ((user_id is null) <> (name is null))
    )`.execute(db)
  await sql`create index meeting_participant_meeting_idx on meeting_participant (meeting_id)`.execute(db)

  // A decision; a board decision may approve an agreement revision and close a follow-up period.
  await sql`
    create table meeting_decision (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meeting (id),
      text text not null check (btrim(text) <> ''),
      agreement_id uuid references agreement (id),
      revision_number integer check (revision_number > 0),
      closes_period text,
      check (revision_number is null or agreement_id is not null)
    )`.execute(db)
  await sql`create index meeting_decision_meeting_idx on meeting_decision (meeting_id)`.execute(db)
  await sql`create index meeting_decision_revision_idx on meeting_decision (agreement_id, revision_number) where revision_number is not null`.execute(db)

  await sql`
    create table meeting_action (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meeting (id),
      text text not null check (btrim(text) <> ''),
      owner_id uuid not null references app_user (id),
      due_on date not null,
      done_at timestamptz,
      done_by uuid references app_user (id)
    )`.execute(db)
  await sql`create index meeting_action_owner_idx on meeting_action (owner_id, due_on) where done_at is null`.execute(db)

  await sql`alter table value_import drop constraint value_import_kind_check`.execute(db)
  await sql`alter table value_import add constraint value_import_kind_check check (kind in ('values', 'target-groups', 'companies', 'conversations', 'time-sheets'))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
