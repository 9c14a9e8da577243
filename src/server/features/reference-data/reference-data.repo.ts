import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/types.ts'

type Db = Kysely<DB> | Transaction<DB>

export async function targetGroupCodes(db: Db) {
  return db
    .selectFrom('target_group_code')
    .select(['code', 'label', sql<string>`valid_from::text`.as('valid_from'), sql<string | null>`valid_to::text`.as('valid_to'), 'note'])
    .orderBy('code')
    .orderBy('valid_from')
    .execute()
}

/** Serialises changes to one code's versions, so two administrators cannot make overlapping ones. */
export async function lockCode(trx: Transaction<DB>, code: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`target_group_code:${code}`}))`.execute(trx)
}

export async function insertTargetGroupCode(trx: Transaction<DB>, row: { code: string; label: string; validFrom: string; validTo: string | null; note: string | null }) {
  await trx
    .insertInto('target_group_code')
    .values({ code: row.code, label: row.label, valid_from: row.validFrom, valid_to: row.validTo, note: row.note })
    .execute()
}

export async function updateTargetGroupCode(trx: Transaction<DB>, code: string, validFrom: string, change: { label: string; validTo: string | null; note: string | null }) {
  const result = await trx
    .updateTable('target_group_code')
    .set({ label: change.label, valid_to: change.validTo, note: change.note })
    .where('code', '=', code)
    .where('valid_from', '=', validFrom)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function fundingPeriods(db: Db) {
  const [periods, areas] = await Promise.all([
    db
      .selectFrom('funding_period')
      .select(['code', 'name', sql<string>`starts_on::text`.as('starts_on'), sql<string>`ends_on::text`.as('ends_on')])
      .orderBy('starts_on')
      .execute(),
    db.selectFrom('effort_area').select(['funding_period', 'code', 'name', 'sort_order']).orderBy('funding_period').orderBy('sort_order').execute(),
  ])
  return { periods, areas }
}

export async function insertFundingPeriod(
  trx: Transaction<DB>,
  period: { code: string; name: string; startsOn: string; endsOn: string; effortAreas: { code: string; name: string }[] },
): Promise<void> {
  await trx.insertInto('funding_period').values({ code: period.code, name: period.name, starts_on: period.startsOn, ends_on: period.endsOn }).execute()
  await trx
    .insertInto('effort_area')
    .values(period.effortAreas.map((a, i) => ({ funding_period: period.code, code: a.code, name: a.name, sort_order: i + 1 })))
    .execute()
}

export async function lockFundingPeriods(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('funding_period'))`.execute(trx)
}
