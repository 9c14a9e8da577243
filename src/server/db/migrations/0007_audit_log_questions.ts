import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Indexes for the questions the audit log is asked (decision 010): "who saw this resident" matches a
// row by its record id, by the ids a list read returned (jsonb containment) or by the resident a
// write names; "what happened on this plan" and "in this period" page by id within a plan or a time.
// The rows themselves are not touched: the log is append-only, and old entity names are mapped
// when read.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_log_entity_id_idx on audit_log (entity_id)`.execute(db)
  await sql`create index audit_log_details_idx on audit_log using gin (details jsonb_path_ops)`.execute(db)
  await sql`create index audit_log_participant_idx on audit_log ((details ->> 'participantId'))`.execute(db)
  await sql`create index audit_log_plan_idx on audit_log (plan_id, id)`.execute(db)
  await sql`create index audit_log_at_idx on audit_log (at)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
