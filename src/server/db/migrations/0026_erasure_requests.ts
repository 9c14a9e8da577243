import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// A resident's request to be erased, taken by the housing-social worker who meets them and decided
// by the project leader (decision 036). Approval anonymises the resident in the same transaction;
// a rejection says why. One request awaits a decision per resident at a time. Only a new table:
// safe for existing data.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table erasure_request (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      participant_id uuid not null references participant (id),
      -- The day the resident asked: the answer is due within a month of it (GDPR art. 12(3)).
      received_on date not null,
      requested_by uuid references app_user (id),
      requested_at timestamptz not null default now(),
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      decided_by uuid references app_user (id),
      decided_at timestamptz,
      -- Why a request was rejected; free text, so anonymisation clears it.
      decision_note text,
      check ((status = 'pending') = (decided_at is null))
    )`.execute(db)
  await sql`create unique index erasure_request_pending_idx on erasure_request (participant_id) where status = 'pending'`.execute(db)
  await sql`create index erasure_request_plan_idx on erasure_request (plan_id, status)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
