import type { ImportProblem } from '../../../../shared/imports.ts'
import { findHeaderRow, type HeaderColumn, type Table, type TableRow } from '../../imports/read-table.ts'

/** The columns found on the sheet that came closest to a full header: what the user is told is missing. */
export interface PartialHeader<K extends string> {
  sheet: string | null
  row: number
  found: K[]
}

export interface SheetRowsReading<K extends string, R> {
  columnNames: Record<K, readonly string[]>
  hasRequiredColumns: (found: ReadonlySet<K>) => boolean
  /** One row under the header: the record, or null with its problems pushed. */
  readRow: (row: TableRow, sheet: string | null, columns: Partial<Record<K, HeaderColumn>>, problems: ImportProblem[]) => R | null
  /** What makes two rows the same record. */
  keyOf: (record: R) => string
  /** The message for a record read twice; `where` names the first place it was read. */
  repeated: (record: R, where: string, row: number) => string
  missingHeader: (best: PartialHeader<K> | null) => ImportProblem
}

/**
 * The walk both figure imports share: each sheet with a complete header row is read row by row,
 * a record read twice is a problem naming both places, and sheets without a header are skipped
 * and listed, unless no sheet has one, when the problem says which columns are missing.
 */
export function readSheetRows<K extends string, R>(table: Pick<Table, 'sheets'>, reading: SheetRowsReading<K, R>): { records: R[]; problems: ImportProblem[]; ignoredSheets: string[] } {
  const records: R[] = []
  const problems: ImportProblem[] = []
  const ignoredSheets: string[] = []
  const seen = new Map<string, { row: number; sheet: string | null }>()
  let bestPartial: PartialHeader<K> | null = null
  let anySheetRead = false
  let firstHeaderRow: number | null = null
  let firstHeaderSheet: string | null = null

  for (const sheet of table.sheets) {
    const header = findHeaderRow(sheet, reading.columnNames, reading.hasRequiredColumns)
    if (!header.complete) {
      if (sheet.name !== null) ignoredSheets.push(sheet.name)
      const found = header.best ? (Object.keys(header.best.columns) as K[]) : []
      if (header.best && (!bestPartial || found.length > bestPartial.found.length)) bestPartial = { sheet: sheet.name, row: header.best.row, found }
      continue
    }
    if (!anySheetRead) [firstHeaderRow, firstHeaderSheet] = [header.match.row, sheet.name]
    anySheetRead = true
    problems.push(...header.match.problems)
    for (let i = header.match.index + 1; i < sheet.rows.length; i++) {
      const tableRow = sheet.rows[i] as TableRow
      const record = reading.readRow(tableRow, sheet.name, header.match.columns, problems)
      if (!record) continue
      const key = reading.keyOf(record)
      const first = seen.get(key)
      if (first) {
        const where = first.sheet === sheet.name ? `række ${first.row}` : `række ${first.row} på arket "${first.sheet}"`
        problems.push({ row: tableRow.row, column: null, sheet: sheet.name, message: reading.repeated(record, where, tableRow.row) })
        continue
      }
      seen.set(key, { row: tableRow.row, sheet: sheet.name })
      records.push(record)
    }
  }

  if (!anySheetRead) {
    ignoredSheets.length = 0
    problems.push(reading.missingHeader(bestPartial))
  } else if (records.length === 0 && problems.length === 0) {
    problems.push({ row: firstHeaderRow ?? 0, column: null, sheet: firstHeaderSheet, message: 'Der er ingen rækker med tal under overskrifterne.' })
  }
  return { records, problems, ignoredSheets }
}
