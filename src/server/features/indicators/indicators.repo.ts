import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sql, type Transaction } from 'kysely'
import { clientOfTransaction, type Database } from '../../db/client.ts'
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

const INSERT_BATCH = 10_000

/**
 * Values in bulk: one statement per 10 000 rows, each column sent as one array and unnested by
 * PostgreSQL (18 parameters a statement rather than 18 a row), which is the cost of parsing and
 * planning a statement paid once per batch rather than growing with it.
 */
export async function insertValues(trx: Transaction<DB>, rows: NewValue[]): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH)
    const column = <T>(pick: (r: NewValue) => T) => batch.map(pick)
    const inserted = await sql<{ id: string }>`
      insert into indicator_value (agreement_id, indicator_key, row_key, population, period, period_end, share, count, note, definition_version,
        source, import_id, import_row, import_sheet, rule, rule_version, recorded_by, recorded_by_label)
      select * from unnest(
        ${column((r) => r.agreementId)}::uuid[], ${column((r) => r.indicatorKey)}::text[], ${column((r) => r.rowKey)}::text[],
        ${column((r) => r.population)}::text[], ${column((r) => r.period)}::text[], ${column((r) => r.periodEnd)}::date[],
        ${column((r) => r.share)}::double precision[], ${column((r) => r.count)}::double precision[], ${column((r) => r.note)}::text[],
        ${column((r) => r.definitionVersion)}::text[], ${column((r) => r.source)}::text[], ${column((r) => r.importId ?? null)}::uuid[],
        ${column((r) => r.importRow ?? null)}::integer[], ${column((r) => r.importSheet ?? null)}::text[], ${column((r) => r.rule ?? null)}::text[],
        ${column((r) => r.ruleVersion ?? null)}::text[], ${column((r) => r.recordedBy)}::uuid[], ${column((r) => r.recordedByLabel)}::text[]
      )
      returning id`.execute(trx)
    ids.push(...inserted.rows.map((r) => r.id))
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

/** One CSV field of COPY: null is an empty unquoted field, anything else is quoted (so "" is an empty text). */
function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `"${String(value)}"`
  return `"${value.replaceAll('"', '""')}"`
}

/** Streams CSV lines into a COPY … FROM STDIN on the transaction's own client; false when it has none. */
async function copyInto(trx: Transaction<DB>, statement: string, lines: Iterable<string>): Promise<boolean> {
  const client = await clientOfTransaction(trx)
  if (!client) return false
  const { from: copyFrom } = await import('pg-copy-streams')
  await pipeline(Readable.from(lines), client.query(copyFrom(statement)))
  return true
}

export interface StagedValue {
  indicatorKey: string
  rowKey: string
  population: string
  period: string
  share: number | null
  count: number | null
  row: number
  sheet: string | null
}

function* stagedLines(importId: string, rows: readonly StagedValue[]): Generator<string> {
  for (let i = 0; i < rows.length; i += 2_000) {
    let chunk = ''
    for (const r of rows.slice(i, i + 2_000)) {
      chunk += `${[importId, r.row, r.sheet, r.indicatorKey, r.rowKey, r.population, r.period, r.share, r.count].map(csvField).join(',')}\n`
    }
    yield chunk
  }
}

/** A previewed import's rows, kept in staged_value (migration 0028) with COPY until it is committed or discarded. */
export async function stageValues(trx: Transaction<DB>, importId: string, rows: readonly StagedValue[]): Promise<void> {
  if (rows.length === 0) return
  const copied = await copyInto(trx, 'copy staged_value (import_id, row, sheet, indicator_key, row_key, population, period, share, count) from stdin with (format csv)', stagedLines(importId, rows))
  if (copied) return
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH)
    const column = <T>(pick: (r: StagedValue) => T) => batch.map(pick)
    await sql`
      insert into staged_value (import_id, row, sheet, indicator_key, row_key, population, period, share, count)
      select ${importId}::uuid, * from unnest(
        ${column((r) => r.row)}::integer[], ${column((r) => r.sheet)}::text[], ${column((r) => r.indicatorKey)}::text[], ${column((r) => r.rowKey)}::text[],
        ${column((r) => r.population)}::text[], ${column((r) => r.period)}::text[], ${column((r) => r.share)}::double precision[], ${column((r) => r.count)}::double precision[]
      )`.execute(trx)
  }
}

/** What every value of one import shares, and what each takes from its period and its indicator. */
export interface ImportedValuesWrite {
  agreementId: string
  importId: string
  periodEnds: Map<string, string>
  versions: Map<string, string>
  recordedBy: string | null
  recordedByLabel: string
}

function* importedValueLines(w: ImportedValuesWrite, rows: readonly StagedValue[]): Generator<string> {
  // The columns every row shares are quoted once: agreement, import, source, recorded by.
  const shared = [w.agreementId, w.importId, 'imported', w.recordedBy, w.recordedByLabel].map(csvField).join(',')
  const periodEnds = new Map([...w.periodEnds].map(([period, end]) => [period, csvField(end)]))
  const versions = new Map([...w.versions].map(([key, version]) => [key, csvField(version)]))
  for (let i = 0; i < rows.length; i += 2_000) {
    let chunk = ''
    for (let j = i; j < Math.min(i + 2_000, rows.length); j++) {
      const r = rows[j] as StagedValue
      chunk += `${shared},${csvField(r.indicatorKey)},${csvField(r.rowKey)},${csvField(r.population)},${csvField(r.period)},${periodEnds.get(r.period)},${csvField(r.share)},${csvField(r.count)},${versions.get(r.indicatorKey)},${csvField(r.row)},${csvField(r.sheet)}\n`
    }
    yield chunk
  }
}

/**
 * Adds imported values held in memory (read at the command line, or a preview staged as a payload
 * before migration 0028) to indicator_value with one COPY, in the order given, each with its period's
 * last day and its indicator's definition version as given; returns how many. The caller has left out
 * the rows that would not change their series.
 */
export async function copyImportedValues(trx: Transaction<DB>, w: ImportedValuesWrite, rows: readonly StagedValue[]): Promise<number> {
  if (rows.length === 0) return 0
  for (const r of rows) {
    if (!w.periodEnds.has(r.period) || !w.versions.has(r.indicatorKey)) throw new Error(`no period end or definition version for ${r.indicatorKey} ${r.period}`)
  }
  const copied = await copyInto(
    trx,
    'copy indicator_value (agreement_id, import_id, source, recorded_by, recorded_by_label, indicator_key, row_key, population, period, period_end, share, count, definition_version, import_row, import_sheet) from stdin with (format csv)',
    importedValueLines(w, rows),
  )
  if (copied) return rows.length
  const ids = await insertValues(
    trx,
    rows.map((r) => ({
      agreementId: w.agreementId,
      indicatorKey: r.indicatorKey,
      rowKey: r.rowKey,
      population: r.population,
      period: r.period,
      periodEnd: w.periodEnds.get(r.period) as string,
      share: r.share,
      count: r.count,
      note: null,
      definitionVersion: w.versions.get(r.indicatorKey) as string,
      source: 'imported',
      importId: w.importId,
      importRow: r.row,
      importSheet: r.sheet,
      recordedBy: w.recordedBy,
      recordedByLabel: w.recordedByLabel,
    })),
  )
  return ids.length
}

/**
 * The staged rows that would change their series, as `s`: there is no current value for the series
 * and period (or it is retracted), or the current one has another share or count; unchanged rows are
 * skipped. The agreement's current values are read once and hash-joined, so the cost follows the
 * agreement's values and the file's rows, not the whole table (a per-row lookup was planned as a scan
 * when the table's statistics were older than its rows).
 */
const changedStagedRows = (agreementId: string, importId: string) => sql`(
  select s.* from staged_value s
  left join (
    select distinct on (v.indicator_key, v.row_key, v.population, v.period) v.indicator_key, v.row_key, v.population, v.period, v.share, v.count, v.retracted
    from indicator_value v where v.agreement_id = ${agreementId}
    order by v.indicator_key, v.row_key, v.population, v.period, v.seq desc
  ) c on c.indicator_key = s.indicator_key and c.row_key = s.row_key and c.population = s.population and c.period = s.period
  where s.import_id = ${importId}
    and (c.indicator_key is null or c.retracted or c.share is distinct from s.share or c.count is distinct from s.count))`

/** The periods and indicators of the staged rows that would be written (few: the rows are many). */
export async function stagedChanges(trx: Transaction<DB>, agreementId: string, importId: string) {
  const { rows } = await sql<{ period: string; indicator_key: string }>`
    select distinct s.period, s.indicator_key from ${changedStagedRows(agreementId, importId)} s`.execute(trx)
  return rows
}

/**
 * Adds the staged rows that change their series to indicator_value in one statement, in file order,
 * each with its period's last day and its indicator's definition version as given; returns how many.
 */
export async function insertStagedValues(
  trx: Transaction<DB>,
  w: ImportedValuesWrite,
): Promise<number> {
  const result = await sql`
    insert into indicator_value (agreement_id, indicator_key, row_key, population, period, period_end, share, count, definition_version,
      source, import_id, import_row, import_sheet, recorded_by, recorded_by_label)
    select ${w.agreementId}::uuid, s.indicator_key, s.row_key, s.population, s.period, e.period_end, s.share, s.count, d.version,
      'imported', s.import_id, s.row, s.sheet, ${w.recordedBy}::uuid, ${w.recordedByLabel}::text
    from ${changedStagedRows(w.agreementId, w.importId)} s
    join unnest(${[...w.periodEnds.keys()]}::text[], ${[...w.periodEnds.values()]}::date[]) as e (period, period_end) on e.period = s.period
    join unnest(${[...w.versions.keys()]}::text[], ${[...w.versions.values()]}::text[]) as d (indicator_key, version) on d.indicator_key = s.indicator_key
    order by s.row`.execute(trx)
  return Number(result.numAffectedRows ?? 0)
}
