import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// API keys for the sources of comparison figures that need one. STAR gives one Jobindsats key per
// organisation, so a key belongs to an organisation, not to a user or a plan. The key is written by
// an operator at the command line and read only to call the source: no API or CLI output carries it,
// and the audit log records who set it and when, never the key itself.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table source_credential (
      organisation_id uuid not null references organisation (id),
      source text not null check (source in ('jobindsats')),
      api_key text not null check (btrim(api_key) <> ''),
      set_by uuid references app_user (id),
      set_by_label text not null,
      set_at timestamptz not null default now(),
      primary key (organisation_id, source)
    )`.execute(db)
  // Select, insert and update only: a key is replaced, not removed behind the audit log's back.
  await sql`revoke delete, truncate on source_credential from indsats_app`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
