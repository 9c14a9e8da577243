import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// The residents list walks a plan's residents in its own order (pseudonym, then id) and stops after
// a page and a capped count (decision 038); the residents a party cannot see are counted from the
// other parties' residents, found by owner. Only indexes: safe for existing data. The new order index
// starts with the old one's columns, which it replaces.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index participant_list_idx on participant (plan_id, pseudonym, id)`.execute(db)
  await sql`drop index participant_plan_idx`.execute(db)
  await sql`create index participant_owner_idx on participant (plan_id, owner_party_id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
