import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { ImportProblem, StagedImport } from '../../../shared/imports.ts'
import { formatNumber } from '../../../shared/lib/format.ts'
import type { DB } from '../../db/types.ts'
import type { Authority } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import type { Resource } from '../../../shared/permissions.ts'
import * as repo from './imports.repo.ts'
import { readTableInThread } from './read-table-thread.ts'
import { checkBeforeReading, ImportFileError, readTable, type Table } from './read-table.ts'

// The two-step import every kind goes through (decision 011). Step one reads a file (or figures
// fetched from a source) into rows and problems and keeps them as a staged import, saving nothing;
// the user sees every problem with its row and column, and what would change. Step two writes the
// staged rows in one transaction, all or none, and only if there were no problems.
//
// A kind supplies what differs: its reader (table → rows and problems, the files in its folder), and
// its writer (rows → the tables it fills, and the audit row). Everything here is the same for all.

/** Rows a preview shows; the rest are counted, not sent. */
export const PREVIEW_ROWS = 50

/**
 * Problems kept and shown; the rest are counted in one line after them. A file with a million wrong
 * rows used to store and send every problem (15.7 MB of JSON), which no one reads past the first.
 */
export const SHOWN_PROBLEMS = 200

/** The first SHOWN_PROBLEMS problems, and a last line saying how many more there are. */
export function capProblems(problems: ImportProblem[]): ImportProblem[] {
  if (problems.length <= SHOWN_PROBLEMS) return problems
  const more = problems.length - SHOWN_PROBLEMS
  return [
    ...problems.slice(0, SHOWN_PROBLEMS),
    { row: 0, column: null, sheet: null, message: `… og ${formatNumber(more)} ${more === 1 ? 'problem' : 'problemer'} mere. Ret dem ovenfor, og indlæs filen igen for at se resten.` },
  ]
}

export interface Upload {
  name: string
  bytes: Buffer
}

/** Where a staged import belongs: always a plan, and an agreement for kinds kept per agreement. */
export interface ImportTarget {
  planId: string
  agreementId: string | null
}

/** What a kind's reader makes of a table: the rows it would add and every problem, located. */
export interface RowsRead<Row> {
  rows: Row[]
  problems: ImportProblem[]
}

/** Who a staged import or a written row is recorded as: a user, or "Kommandolinjen". */
export interface RecordedBy {
  id: string | null
  label: string
}

export function recordedBy(authority: Authority): RecordedBy {
  return 'actor' in authority ? { id: authority.actor.id, label: authority.actor.name } : { id: null, label: authority.label === 'cli' ? 'Kommandolinjen' : 'Indsats' }
}

/** A kind of import: which permission it needs, where it serialises commits, and how it writes. */
export interface ImportKind<R extends Resource, Target extends ImportTarget, Row, Committed> {
  kind: repo.StagedKind
  /** The permission a caller needs to stage, commit or discard one (always the `create` action). */
  resource: R
  /** Serialises commits into the same target, so two files cannot interleave. */
  lock: (trx: Transaction<DB>, target: Target) => Promise<void>
  /**
   * Writes the staged rows and the audit row, inside the commit's transaction; throws to write none.
   * `pending` is the staged record (file name, format, checksum) and `all` its rows.
   */
  /**
   * Keeps the rows of a preview in a table of the kind's own, in the preview's transaction, instead
   * of as the import's jsonb payload (values: staged_value, with COPY); `write` then finds them there,
   * and `all` holds only rows staged as a payload before the kind had a table, or the rows of
   * `writeRead`, which stages nothing.
   */
  stage?: (trx: Transaction<DB>, importId: string, rows: Row[]) => Promise<void>
  write: (trx: Transaction<DB>, context: { target: Target; importId: string; pending: repo.StagedRow; all: Row[]; by: RecordedBy; authority: Authority<R, 'create'> }) => Promise<Committed>
}

/**
 * Reads an uploaded file with a kind's reader. A file that cannot be read at all (empty, damaged,
 * neither CSV nor Excel) is a problem of the file as a whole, shown like any other, not an error.
 */
export async function readUpload<Read extends RowsRead<unknown>>(
  file: Upload,
  reader: (table: Table) => Read,
  /** The kind's column names: they settle a CSV whose delimiter is ambiguous (`read-table.ts` `sniffDelimiter`). */
  expectedHeaders: readonly string[] = [],
  /**
   * Reads a CSV file in this thread: for the command line, whose process has no one else to answer
   * and whose file's size, rows and cells are limited all the same (TABLE_LIMITS). Handing 100 000
   * rows back from a thread cost more than reading them. A workbook is always read in a thread.
   */
  options: { csvHere?: boolean } = {},
): Promise<{ format: string; read: Read | null; rows: Read['rows']; problems: ImportProblem[] }> {
  try {
    const table =
      options.csvHere && (await checkBeforeReading(file.bytes, file.name)) === 'csv'
        ? await readTable(file.bytes, file.name, { expectedHeaders })
        : await readTableInThread(file.bytes, file.name, undefined, expectedHeaders)
    const read = reader(table)
    return { format: table.format, read, rows: read.rows, problems: read.problems }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error
    return { format: 'ukendt', read: null, rows: [], problems: error.problems }
  }
}

/** Keeps rows and problems as a staged import, whatever read them; nothing is written yet. */
export async function stageImport<R extends Resource, Target extends ImportTarget, Row, Committed>(
  ctx: AppContext,
  kind: ImportKind<R, Target, Row, Committed>,
  authority: Authority<R, 'create'>,
  target: Target,
  file: Upload,
  read: { format: string; rows: Row[]; problems: ImportProblem[] },
): Promise<StagedImport> {
  const by = recordedBy(authority)
  const problems = capProblems(read.problems)
  const keep = problems.length === 0 ? kind.stage : undefined
  const importId = await ctx.db.transaction().execute(async (trx) => {
    // A file with problems is never committed, so its rows are not kept.
    const id = await repo.insertStaged(trx, importRecord(kind, target, file, read, by, problems, problems.length > 0 || keep ? [] : read.rows))
    if (keep) await keep(trx, id, read.rows)
    return id
  })
  return { importId, fileName: file.name, format: read.format, problems }
}

/** Why a file with problems is not written. */
const FILE_HAS_PROBLEMS = 'Filen har fejl. Ret dem, og indlæs filen igen. Intet er gemt.'

/** The import's own record: what was read from which file, by whom; `payload` is the rows kept with it, if any. */
function importRecord(
  kind: { kind: repo.StagedKind },
  target: ImportTarget,
  file: Upload,
  read: { format: string; rows: unknown[] },
  by: ReturnType<typeof recordedBy>,
  problems: ImportProblem[],
  payload: unknown[],
): Parameters<typeof repo.insertStaged>[1] {
  return {
    planId: target.planId,
    agreementId: target.agreementId,
    kind: kind.kind,
    fileName: file.name,
    format: read.format,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    rowCount: read.rows.length,
    problems,
    payload,
    createdBy: by.id,
    createdByLabel: by.label,
  }
}

/** The staged import, locked for the transaction, if it is this kind's, for this target, and still open. */
async function openStaged(trx: Transaction<DB>, kind: { kind: repo.StagedKind }, target: ImportTarget, importId: string): Promise<repo.StagedRow> {
  const pending = await repo.stagedForUpdate(trx, importId)
  if (!pending || pending.kind !== kind.kind || pending.plan_id !== target.planId || pending.agreement_id !== target.agreementId) {
    throw new AppError('not_found', 'Indlæsningen findes ikke.')
  }
  if (pending.status !== 'preview') throw new AppError('conflict', pending.status === 'committed' ? 'Filen er allerede indlæst.' : 'Indlæsningen er annulleret.')
  return pending
}

/** Writes every row of a staged import in one transaction, or none. */
export async function commitStaged<R extends Resource, Target extends ImportTarget, Row, Committed>(
  ctx: AppContext,
  kind: ImportKind<R, Target, Row, Committed>,
  authority: Authority<R, 'create'>,
  target: Target,
  importId: string,
): Promise<Committed> {
  const by = recordedBy(authority)
  return ctx.db.transaction().execute(async (trx) => {
    await kind.lock(trx, target)
    const pending = await openStaged(trx, kind, target, importId)
    if ((pending.problems as unknown[]).length > 0) throw new AppError('validation', FILE_HAS_PROBLEMS)
    const committed = await kind.write(trx, { target, importId, pending, all: pending.payload as unknown as Row[], by, authority })
    await repo.markStaged(trx, importId, 'committed')
    return committed
  })
}

/**
 * Writes rows read without problems in one transaction, or none, without staging them first: the
 * command line reads, shows and commits in one go, so its rows need not be written to the database
 * and read back. The import's record is kept as for a staged one (written values point at it for
 * their provenance), committed in the same transaction.
 */
export async function writeRead<R extends Resource, Target extends ImportTarget, Row, Committed>(
  ctx: AppContext,
  kind: ImportKind<R, Target, Row, Committed>,
  authority: Authority<R, 'create'>,
  target: Target,
  file: Upload,
  read: { format: string; rows: Row[]; problems: ImportProblem[] },
): Promise<Committed> {
  if (read.problems.length > 0) throw new AppError('validation', FILE_HAS_PROBLEMS)
  const by = recordedBy(authority)
  return ctx.db.transaction().execute(async (trx) => {
    await kind.lock(trx, target)
    const importId = await repo.insertStaged(trx, importRecord(kind, target, file, read, by, [], []))
    const pending = await openStaged(trx, kind, target, importId)
    const committed = await kind.write(trx, { target, importId, pending, all: read.rows, by, authority })
    await repo.markStaged(trx, importId, 'committed')
    return committed
  })
}

/** Drops a staged import the user chose not to save; its rows are deleted, the record kept. */
export async function discardStaged<R extends Resource, Target extends ImportTarget, Row, Committed>(
  ctx: AppContext,
  kind: ImportKind<R, Target, Row, Committed>,
  _authority: Authority<R, 'create'>,
  target: Target,
  importId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await openStaged(trx, kind, target, importId)
    await repo.markStaged(trx, importId, 'discarded')
  })
}
