import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

type Db = Database | Transaction<DB>

const valueColumns = [
  'v.id',
  'v.indicator_key',
  'v.row_key',
  'v.population',
  'v.period',
  'v.share',
  'v.count',
  'v.note',
  'v.definition_version',
  'v.source',
  'v.import_id',
  'v.import_row',
  'v.import_sheet',
  'v.rule',
  'v.rule_version',
  'v.recorded_by_label',
  'v.recorded_at',
  'v.retracted',
  'u.name as recorded_by_name',
  'i.file_name as import_file_name',
  'i.format as import_format',
] as const

function values(db: Db) {
  return db.selectFrom('indicator_value as v').leftJoin('app_user as u', 'u.id', 'v.recorded_by').leftJoin('value_import as i', 'i.id', 'v.import_id')
}

/** The current value (the last recorded) of every series, population and period of an agreement. */
export async function currentValues(db: Db, agreementId: string) {
  const latest = await values(db)
    .select(valueColumns)
    .distinctOn(['v.indicator_key', 'v.row_key', 'v.population', 'v.period'])
    .where('v.agreement_id', '=', agreementId)
    .orderBy('v.indicator_key')
    .orderBy('v.row_key')
    .orderBy('v.population')
    .orderBy('v.period')
    .orderBy('v.seq', 'desc')
    .execute()
  // A retracted value leaves its series without a value for the period.
  return latest.filter((v) => !v.retracted)
}

/** The current values of several agreements at once, with the agreement each belongs to. */
export async function currentValuesOfAgreements(db: Db, agreementIds: readonly string[]) {
  if (agreementIds.length === 0) return []
  return values(db)
    .select([...valueColumns, 'v.agreement_id'])
    .distinctOn(['v.agreement_id', 'v.indicator_key', 'v.row_key', 'v.population', 'v.period'])
    .where('v.agreement_id', 'in', [...agreementIds])
    .orderBy('v.agreement_id')
    .orderBy('v.indicator_key')
    .orderBy('v.row_key')
    .orderBy('v.population')
    .orderBy('v.period')
    .orderBy('v.seq', 'desc')
    .execute()
}

export type ValueRow = Awaited<ReturnType<typeof currentValues>>[number]

export async function valueHistory(db: Db, agreementId: string, key: { indicatorKey: string; rowKey: string; population: string; period: string }) {
  return values(db)
    .select(valueColumns)
    .where('v.agreement_id', '=', agreementId)
    .where('v.indicator_key', '=', key.indicatorKey)
    .where('v.row_key', '=', key.rowKey)
    .where('v.population', '=', key.population)
    .where('v.period', '=', key.period)
    .orderBy('v.seq', 'desc')
    .execute()
}

export async function valueById(db: Db, id: string) {
  return values(db).select(valueColumns).where('v.id', '=', id).executeTakeFirst()
}

export interface NewValue {
  agreementId: string
  indicatorKey: string
  rowKey: string
  population: string
  period: string
  periodEnd: string
  share: number | null
  count: number | null
  note: string | null
  definitionVersion: string
  source: 'typed' | 'imported' | 'computed'
  importId?: string
  importRow?: number
  importSheet?: string | null
  /** For source 'computed': which rule, and its version (a figure's definition). */
  rule?: string
  ruleVersion?: string
  recordedBy: string | null
  recordedByLabel: string
}

/** A correction to "no value" (migration 0011): typed, with its reason. */
export async function insertRetraction(
  trx: Transaction<DB>,
  r: Pick<NewValue, 'agreementId' | 'indicatorKey' | 'rowKey' | 'population' | 'period' | 'periodEnd' | 'definitionVersion' | 'recordedBy' | 'recordedByLabel'> & { note: string },
): Promise<string> {
  const row = await trx
    .insertInto('indicator_value')
    .values({
      agreement_id: r.agreementId,
      indicator_key: r.indicatorKey,
      row_key: r.rowKey,
      population: r.population,
      period: r.period,
      period_end: r.periodEnd,
      share: null,
      count: null,
      note: r.note,
      definition_version: r.definitionVersion,
      source: 'typed',
      retracted: true,
      recorded_by: r.recordedBy,
      recorded_by_label: r.recordedByLabel,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const INSERT_BATCH = 2000

export async function insertValues(trx: Transaction<DB>, rows: NewValue[]): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const inserted = await trx
      .insertInto('indicator_value')
      .values(
        rows.slice(i, i + INSERT_BATCH).map((r) => ({
          agreement_id: r.agreementId,
          indicator_key: r.indicatorKey,
          row_key: r.rowKey,
          population: r.population,
          period: r.period,
          period_end: r.periodEnd,
          share: r.share,
          count: r.count,
          note: r.note,
          definition_version: r.definitionVersion,
          source: r.source,
          import_id: r.importId ?? null,
          import_row: r.importRow ?? null,
          import_sheet: r.importSheet ?? null,
          rule: r.rule ?? null,
          rule_version: r.ruleVersion ?? null,
          recorded_by: r.recordedBy,
          recorded_by_label: r.recordedByLabel,
        })),
      )
      .returning('id')
      .execute()
    ids.push(...inserted.map((r) => r.id))
  }
  return ids
}

/** The latest lock event of every period of an agreement. */
export async function periodLocks(db: Db, agreementId: string) {
  return db
    .selectFrom('indicator_period_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.by_user')
    .select(['e.period', 'e.locked', 'e.reason', 'e.at', 'e.by_label', 'u.name as by_name'])
    .distinctOn('e.period')
    .where('e.agreement_id', '=', agreementId)
    .orderBy('e.period')
    .orderBy('e.seq', 'desc')
    .execute()
}

export async function lockedPeriods(db: Db, agreementId: string): Promise<Set<string>> {
  return new Set((await periodLocks(db, agreementId)).filter((p) => p.locked).map((p) => p.period))
}

export async function insertPeriodEvent(trx: Transaction<DB>, row: { agreementId: string; period: string; locked: boolean; reason: string | null; by: string | null; byLabel: string }) {
  return trx
    .insertInto('indicator_period_event')
    .values({ agreement_id: row.agreementId, period: row.period, locked: row.locked, reason: row.reason, by_user: row.by, by_label: row.byLabel })
    .returning(['at'])
    .executeTakeFirstOrThrow()
}

/** Serialises writes to one agreement's follow-up (values against locks), for the transaction. */
export async function lockFollowUp(trx: Transaction<DB>, agreementId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`follow-up:${agreementId}`}))`.execute(trx)
}

export async function comments(db: Db, agreementId: string) {
  return db
    .selectFrom('indicator_comment as c')
    .leftJoin('app_user as u', 'u.id', 'c.by_user')
    .select(['c.id', 'c.indicator_key', 'c.period', 'c.text', 'c.at', 'c.by_label', 'u.name as by_name'])
    .where('c.agreement_id', '=', agreementId)
    .orderBy('c.at')
    .execute()
}

export async function insertComment(db: Db, row: { agreementId: string; indicatorKey: string; period: string; text: string; by: string | null; byLabel: string }) {
  return db
    .insertInto('indicator_comment')
    .values({ agreement_id: row.agreementId, indicator_key: row.indicatorKey, period: row.period, text: row.text, by_user: row.by, by_label: row.byLabel })
    .returning(['id', 'at'])
    .executeTakeFirstOrThrow()
}
