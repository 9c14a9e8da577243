import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

type Db = Database | Transaction<DB>

/**
 * The kinds a staged import can be. The table's check constraint (migration 0003) holds the same
 * list: a new kind's migration widens it.
 */
export type StagedKind = 'values' | 'target-groups' | 'companies' | 'conversations' | 'time-sheets'

export async function insertStaged(
  db: Db,
  row: {
    planId: string
    agreementId: string | null
    kind: StagedKind
    fileName: string
    format: string
    sha256: string
    rowCount: number
    problems: unknown
    payload: unknown
    createdBy: string | null
    createdByLabel: string
  },
): Promise<string> {
  const inserted = await db
    .insertInto('value_import')
    .values({
      plan_id: row.planId,
      agreement_id: row.agreementId,
      kind: row.kind,
      file_name: row.fileName,
      format: row.format,
      sha256: row.sha256,
      value_count: row.rowCount,
      problems: JSON.stringify(row.problems),
      payload: JSON.stringify(row.payload),
      created_by: row.createdBy,
      created_by_label: row.createdByLabel,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

export async function stagedForUpdate(trx: Transaction<DB>, importId: string) {
  return trx.selectFrom('value_import').selectAll().where('id', '=', importId).forUpdate().executeTakeFirst()
}

export type StagedRow = NonNullable<Awaited<ReturnType<typeof stagedForUpdate>>>

/** The record is kept (values point at it for their provenance); the parsed rows (payload or staged_value) are not. */
export async function markStaged(trx: Transaction<DB>, importId: string, status: 'committed' | 'discarded'): Promise<void> {
  await trx
    .updateTable('value_import')
    .set({ status, committed_at: status === 'committed' ? sql`now()` : null, payload: JSON.stringify([]) })
    .where('id', '=', importId)
    .execute()
  await trx.deleteFrom('staged_value').where('import_id', '=', importId).execute()
}
