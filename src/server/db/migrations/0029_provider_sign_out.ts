import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Signing out of Indsats also ends the session at the identity provider (decision 041). The
// provider is told which sign-in is ending by the ID token it issued (`id_token_hint`), so a
// session signed in through a provider that offers sign-out keeps that token, and only until the
// session ends: it is deleted with the session row. Nullable column: safe for existing data.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table session add column provider_id_token text`.execute(db)
  await sql`
    alter table session add constraint session_provider_id_token_check
      check (provider_id_token is null or sign_in_method = 'identity_provider')`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
