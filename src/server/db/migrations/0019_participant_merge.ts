import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Merging a resident registered twice (decision 025): everything about the duplicate moves to the
// resident kept, and the duplicate's row goes. What was merged into what is kept here, insert-only
// like the audit log, so a page or an old link naming the duplicate can say where it went. Only a
// new table: safe for existing data.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table participant_merge (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      -- The duplicate's id and pseudonym; its row is deleted by the merge, so no foreign key.
      merged_id uuid not null unique,
      merged_pseudonym text not null,
      into_id uuid not null references participant (id),
      -- How many notes, consents, enrolments, … moved, by kind.
      moved jsonb not null,
      merged_by uuid references app_user (id),
      merged_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index participant_merge_into_idx on participant_merge (into_id)`.execute(db)
  await sql`revoke update, delete, truncate on participant_merge from indsats_app`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
