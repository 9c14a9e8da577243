import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Closing a quarter locks it (decision 035): once the fixed outreach employee has closed her
// quarter's total, her hours in it are locked until the project leader reopens the quarter, with a
// reason. A reopening is a row of its own, never changed: the quarter is locked while its latest
// close is later than its latest reopening.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table time_quarter_reopen (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      agreement_id uuid not null references agreement (id),
      resource_key text not null,
      quarter text not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
      reason text not null check (btrim(reason) <> ''),
      reopened_by uuid not null references app_user (id),
      reopened_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index time_quarter_reopen_idx on time_quarter_reopen (agreement_id, resource_key, quarter, reopened_at)`.execute(db)
  await sql`revoke update, delete, truncate on time_quarter_reopen from indsats_app`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
