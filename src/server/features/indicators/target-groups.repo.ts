import type { Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

type Db = Database | Transaction<DB>

export async function planExists(db: Db, planId: string): Promise<boolean> {
  return (await db.selectFrom('plan').select('id').where('id', '=', planId).executeTakeFirst()) !== undefined
}

/** Serialises commits of target-group files for one plan (the plan row is the lock). */
export async function lockPlan(trx: Transaction<DB>, planId: string): Promise<void> {
  await trx.selectFrom('plan').select('id').where('id', '=', planId).forUpdate().executeTakeFirst()
}

/**
 * The current count per date, code and department: the last one recorded (counts are never changed;
 * a file imported again for the same date records new rows that take over).
 */
export async function currentCounts(db: Db, planId: string) {
  return db
    .selectFrom('target_group_count')
    .distinctOn(['counted_on', 'code', 'department'])
    .select(['counted_on', 'code', 'label', 'department', 'count', 'seq'])
    .where('plan_id', '=', planId)
    .orderBy('counted_on')
    .orderBy('code')
    .orderBy('department')
    .orderBy('seq', 'desc')
    .execute()
}

// Ten parameters a row: 2 000 rows stay well inside PostgreSQL's 65 535 parameters per statement.
const INSERT_BATCH = 2000

export async function insertCounts(
  trx: Transaction<DB>,
  rows: {
    planId: string
    countedOn: string
    code: string
    label: string
    department: string | null
    count: number
    importId: string
    importRow: number
    recordedBy: string | null
    recordedByLabel: string
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await trx
      .insertInto('target_group_count')
      .values(
        rows.slice(i, i + INSERT_BATCH).map((r) => ({
          plan_id: r.planId,
          counted_on: r.countedOn,
          code: r.code,
          label: r.label,
          department: r.department,
          count: r.count,
          import_id: r.importId,
          import_row: r.importRow,
          recorded_by: r.recordedBy,
          recorded_by_label: r.recordedByLabel,
        })),
      )
      .execute()
  }
}
