import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// The rows of a previewed value import, one table row each, instead of one jsonb payload on the
// import (decision 039): the preview writes them with COPY, and the commit adds them to
// indicator_value with one INSERT … SELECT, so a 100 000-row file never passes through JSON. They are
// deleted when the import is committed or discarded, as the payload was emptied. Only a new table:
// safe for existing data (a preview staged before this migration keeps its payload and is read from it).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staged_value (
      import_id uuid not null references value_import (id),
      -- The file's row (and sheet), kept as the written value's provenance.
      row integer not null,
      sheet text,
      indicator_key text not null,
      row_key text not null,
      population text not null,
      period text not null,
      share double precision,
      count double precision
    )`.execute(db)
  await sql`create index staged_value_import_idx on staged_value (import_id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
