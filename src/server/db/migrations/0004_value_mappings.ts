import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Saved column mappings for importing tables that are not in the long value format (LBF Beboerdata):
// the first time a user maps a table (sheet, row labels → indicator rows, area or comparison, share or
// count); next year the new file is imported in one step with the same mapping. A mapping is edited by
// replacing its definition; every change is in the audit log.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table value_mapping (
      id uuid primary key default gen_random_uuid(),
      agreement_id uuid not null references agreement (id),
      name text not null,
      source text not null check (source in ('beboerdata')),
      definition jsonb not null,
      created_by uuid references app_user (id),
      created_by_label text not null,
      created_at timestamptz not null default now(),
      updated_by uuid references app_user (id),
      updated_by_label text not null,
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create unique index value_mapping_name_idx on value_mapping (agreement_id, lower(name))`.execute(db)
  await sql`revoke delete, truncate on value_mapping from indsats_app`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
