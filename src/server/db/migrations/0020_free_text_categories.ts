import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Free text about a resident is filed under a consent category by its writer (issue 13, finding
// 15; decision 026), as participant notes already are: a follow-up's note and an enrolment's exit
// note may be about health or money, and were shown to anyone who saw the resident's courses.
// Text written before this migration was never filed; it goes under 'notes' (conversation notes),
// the category that shows it to the fewest readers who did not write it: the party that owns the
// resident and the project leader still see it, a party under consent only when the resident let
// it see notes from conversations.

const CATEGORIES = sql`array['contact', 'employment', 'benefits', 'health', 'addiction', 'finances', 'family', 'housing', 'notes']::text[]`

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enrolment_followup add column category text not null default 'notes'`.execute(db)
  await sql`alter table enrolment_followup alter column category drop default`.execute(db)
  await sql`alter table enrolment_followup add constraint enrolment_followup_category_check check (category = any(${CATEGORIES}))`.execute(db)
  await sql`alter table enrolment add column exit_note_category text`.execute(db)
  await sql`update enrolment set exit_note_category = 'notes' where exit_note is not null`.execute(db)
  await sql`alter table enrolment add constraint enrolment_exit_note_category_check check (exit_note_category is null or exit_note_category = any(${CATEGORIES}))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
