import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// The company network's events are meetings (decision 024): the companies invited to one, and
// whether each attended. A new table only, so existing meetings are untouched.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table meeting_company (
      meeting_id uuid not null references meeting (id),
      company_id uuid not null references company (id),
      attended boolean not null default false,
      primary key (meeting_id, company_id)
    )`.execute(db)
  await sql`create index meeting_company_company_idx on meeting_company (company_id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
