import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Signing out of Indsats also ends the session at the identity provider (decision 041). The
// provider is told which sign-in is ending by the ID token it issued (`id_token_hint`), so a
// session signed in through a provider that offers sign-out keeps that token, and only until the
// session ends: it is deleted with the session row.
//
// New access to a plan's residents is shown on the project leader's front page as well as mailed
// (decision 041): one notice per person told, until they mark it seen or for 14 days.
// A nullable column and a new table: safe for existing data.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table session add column provider_id_token text`.execute(db)
  await sql`
    alter table session add constraint session_provider_id_token_check
      check (provider_id_token is null or sign_in_method = 'identity_provider')`.execute(db)

  await sql`
    create table resident_access_notice (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plan (id),
      -- The project leader told, who alone sees and acknowledges the notice.
      recipient_id uuid not null references app_user (id),
      -- Who was given access, with which role and party at the time.
      user_id uuid not null references app_user (id),
      role text not null,
      party_id uuid references plan_party (id),
      kind text not null check (kind in ('new', 'role_changed', 'party_changed')),
      given_by uuid references app_user (id),
      given_at timestamptz not null,
      acknowledged_at timestamptz
    )`.execute(db)
  await sql`create index resident_access_notice_recipient_idx on resident_access_notice (recipient_id, plan_id, given_at) where acknowledged_at is null`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
