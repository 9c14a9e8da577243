import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// A safe default for how long residents' data is kept after the plan ends (decision 020). The
// default was 0 months: every resident of a plan whose funding period ends 31 December would have
// been anonymised on 1 January, before the plan's final report was written and while a successor
// plan may still be helping them. The default is now 12 months, the same as after an enrolment.
//
// Existing plans: a plan whose privacy settings no person has ever saved (`updated_by` is null)
// had 0 from the old default, not from a decision, so it gets the new default too. A plan whose
// project leader saved the settings keeps what they chose, 0 included.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table plan_privacy alter column months_after_plan_end set default 12`.execute(db)
  await sql`update plan_privacy set months_after_plan_end = 12 where updated_by is null and months_after_plan_end = 0`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
