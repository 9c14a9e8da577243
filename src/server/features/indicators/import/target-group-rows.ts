import type { ImportProblem } from '../../../../shared/imports.ts'
import { formatNumber } from '../../../../shared/lib/format.ts'
import { parsePeriod, readPeriod } from '../../../../shared/lib/period.ts'
import { type Cell, cellText, type HeaderColumn, type Table, type TableRow } from '../../imports/read-table.ts'
import { type PartialHeader, readSheetRows } from './sheet-rows.ts'
import { readDanishNumber } from '../../../../shared/lib/danish-number.ts'

// Target-group counts (målgruppeopgørelser) in long form: how many unemployed residents the job centre
// counts per target group on a date, per department or for the whole area. The codes follow the
// employment act's § 6 list ("6.1" dagpenge … "6.8" ressourceforløb) plus the integration codes
// ("INT-SHP"); the list changes with reforms, so any "6.n" or "INT-…" code is accepted and the label
// is kept exactly as the source printed it (docs/domain.md, "Target-group snapshots").
//
//   dato        kode     betegnelse                                      afdeling  antal
//   01.03.2021  6.1      Dagpengemodtagere med ledighed over 26 uger     22        7

export interface ImportedTargetGroupCount {
  /** "YYYY-MM-DD" */
  date: string
  /** "6.1", "6.8", "INT-SHP": as the source wrote it, tidied ("§ 6,1" → "6.1", "int-shp" → "INT-SHP"). */
  code: string
  /** The source's label, verbatim (spaces at the ends trimmed). */
  label: string
  /** The department number; null for a count for the whole area. */
  department: string | null
  count: number
  row: number
  sheet: string | null
}

export interface TargetGroupRowsResult {
  rows: ImportedTargetGroupCount[]
  problems: ImportProblem[]
  /** Sheets without a header row, skipped; shown in the preview. */
  ignoredSheets: string[]
}

type ColumnKey = 'date' | 'code' | 'label' | 'department' | 'count'

/** Accepted headers per column, compared as in value-rows.ts. */
export const targetGroupColumnNames: Record<ColumnKey, readonly string[]> = {
  date: ['dato', 'opgørelsesdato', 'tidspunkt', 'date'],
  code: ['kode', 'målgruppekode', 'code'],
  label: ['betegnelse', 'målgruppe', 'tekst', 'beskrivelse', 'label'],
  department: ['afdeling', 'afd', 'afd.', 'afdelingsnummer', 'boligafdeling', 'department'],
  count: ['antal', 'antal personer', 'antal ledige', 'count'],
}

const hasRequiredColumns = (found: ReadonlySet<ColumnKey>) => found.has('date') && found.has('code') && found.has('label') && found.has('count')

/** A row whose code or label says it is a total ("Hovedtotal", "I alt"): the importer adds up itself. */
const TOTAL = /^(i alt|total|totalt|hovedtotal|sum)\b/i

const CODE_FORMS = 'Skriv § 6-koden som 6.1, 6.2 … 6.8, eller en integrationskode som INT-SHP eller INT-SP.'

/** "6.1", "§ 6,1" and 6.1 (a number) → "6.1"; "int-shp" → "INT-SHP"; anything else → null. */
export function readTargetGroupCode(cell: Cell): string | null {
  const s = cellText(cell).replace(/^§\s*/, '').replace(/\s+/g, '')
  const paragraph = /^6[.,](\d{1,2})$/.exec(s)
  if (paragraph) return `6.${paragraph[1]}`
  if (/^int-[a-zæøå]+$/i.test(s)) return s.toUpperCase()
  return null
}

/**
 * The counts in a table of one count per row. Each sheet with a header row (the first row naming at
 * least dato, kode, betegnelse and antal) is read; sheets without one are skipped and listed, unless
 * no sheet has one.
 */
export function parseTargetGroupRows(table: Pick<Table, 'sheets'>): TargetGroupRowsResult {
  const dates = new Map<string, string | null>()
  const { records, problems, ignoredSheets } = readSheetRows(table, {
    columnNames: targetGroupColumnNames,
    hasRequiredColumns,
    readRow: (row, sheet, columns, problems) => readCountRow(row, sheet, columns, dates, problems),
    keyOf: (count) => `${count.date}\u0000${count.code}\u0000${count.department ?? ''}`,
    repeated: (count, where, row) => {
      const department = count.department === null ? 'hele området' : `afdeling ${count.department}`
      return `Samme dato, kode og afdeling (${count.date}, ${count.code}, ${department}) står både i ${where} og række ${row}. Slet den ene.`
    },
    missingHeader: missingHeaderProblem,
  })
  return { rows: records, problems, ignoredSheets }
}

function missingHeaderProblem(best: PartialHeader<ColumnKey> | null): ImportProblem {
  const expected = 'Filen skal have en overskriftsrække med kolonnerne dato, kode, betegnelse og antal (og afdeling, når tallene er pr. afdeling).'
  if (!best) return { row: 0, column: null, sheet: null, message: `Fandt ingen overskriftsrække. ${expected}` }
  const names: Record<ColumnKey, string> = { date: 'dato', code: 'kode', label: 'betegnelse', department: 'afdeling', count: 'antal' }
  const missing = (['date', 'code', 'label', 'count'] as const).filter((k) => !best.found.includes(k)).map((k) => names[k])
  return { row: best.row, column: null, sheet: best.sheet, message: `Overskriftsrækken mangler ${missing.length > 1 ? 'kolonnerne' : 'kolonnen'} ${missing.join(' og ')}. ${expected}` }
}

function readCountRow(
  tableRow: TableRow,
  sheet: string | null,
  columns: Partial<Record<ColumnKey, HeaderColumn>>,
  dates: Map<string, string | null>,
  problems: ImportProblem[],
): ImportedTargetGroupCount | null {
  const cell = (column: HeaderColumn | undefined): Cell => (column ? (tableRow.cells[column.index] ?? null) : null)
  const text = (column: HeaderColumn | undefined) => cellText(cell(column))
  if ((Object.values(columns) as HeaderColumn[]).every((c) => text(c) === '')) return null
  const codeText = text(columns.code)
  const labelText = text(columns.label)
  if (TOTAL.test(codeText) || (codeText === '' && TOTAL.test(labelText))) return null

  const before = problems.length
  const problem = (column: HeaderColumn | undefined, message: string) => problems.push({ row: tableRow.row, column: column?.label ?? null, sheet, message })

  // dato
  let date: string | null = null
  const dateCell = cell(columns.date)
  const dateText = text(columns.date)
  if (dateText === '') problem(columns.date, 'Datoen mangler. Skriv den dag, tallene er opgjort, fx 01.03.2021.')
  else {
    if (!dates.has(dateText)) dates.set(dateText, readDay(dateCell))
    date = dates.get(dateText) ?? null
    if (!date) {
      const period = readPeriod(dateText)
      const why = period ? ' er ikke en bestemt dag' : ' kan ikke læses som en dato'
      problem(columns.date, `Datoen "${dateText}"${why}. Skriv den dag, tallene er opgjort, fx 01.03.2021 eller 1. marts 2021.`)
    }
  }

  // kode
  const code = readTargetGroupCode(cell(columns.code))
  if (codeText === '') problem(columns.code, `Koden mangler. ${CODE_FORMS}`)
  else if (!code) {
    // Danish Excel turns "6.1" typed into a cell into the date 6 January.
    const asDate = /^\d{4}-\d{2}-\d{2}$/.test(codeText) ? ' Excel har måske lavet koden om til en dato: formatér kolonnen som tekst, og skriv koden igen.' : ''
    problem(columns.code, `Koden "${codeText}" ligner ikke en målgruppekode. ${CODE_FORMS}${asDate}`)
  }

  // betegnelse: kept as the source wrote it, only trimmed at the ends.
  const labelCell = cell(columns.label)
  const label = labelCell === null ? '' : String(labelCell).trim()
  if (label === '') problem(columns.label, 'Betegnelsen mangler. Skriv målgruppens navn, som kilden skriver det.')

  // afdeling
  const department = text(columns.department).replace(/^afd(\.|eling)?\s*/i, '') || null

  // antal
  let count: number | null = null
  const countCell = cell(columns.count)
  const countText = text(columns.count)
  if (countText === '') problem(columns.count, 'Antallet mangler. Skriv 0, hvis der ingen er i målgruppen.')
  else {
    count = typeof countCell === 'number' ? countCell : countText.includes('%') ? null : readDanishNumber(countText)
    if (count === null) problem(columns.count, `Antallet "${countText}" er ikke et tal. Skriv fx 7 eller 1.736.`)
    else if (count < 0) problem(columns.count, `Antallet ${formatNumber(count)} er negativt. Et antal kan ikke være under 0.`)
  }

  if (problems.length > before || !date || !code || count === null) return null
  return { date, code, label, department, count, row: tableRow.row, sheet }
}

/**
 * A calendar day from a date cell: any form readPeriod reads as a day ("01.03.2021", "1. marts 2021",
 * "2021-03-01", which is also how Excel dates arrive from read-table.ts), or an Excel date serial
 * number that lost its date format (1990–2100).
 */
function readDay(cell: Cell): string | null {
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 32874 && cell <= 73415) return new Date(Math.round((cell - 25569) * 86_400_000)).toISOString().slice(0, 10)
    return null
  }
  const period = readPeriod(cellText(cell))
  return period && parsePeriod(period)?.kind === 'day' ? period : null
}
