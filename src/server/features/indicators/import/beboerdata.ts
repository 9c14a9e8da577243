import type { AgreementContent } from '../../../../shared/agreements.ts'
import type { ImportProblem } from '../../../../shared/imports.ts'
import { formatNumber } from '../../../../shared/lib/format.ts'
import type { BeboerdataMapping } from '../../../../shared/value-mappings.ts'
import { type Cell, cellText, columnLetter, foldLabel, ImportFileError, type Table, type TableRow, type TableSheet } from '../../imports/read-table.ts'
import { readDanishNumber } from '../../../../shared/lib/danish-number.ts'
import type { ImportedValue } from './value-rows.ts'

// LBF Beboerdata tables (docs/domain.md, "Data sources users will bring"): title rows, then
// a header row with a label column and one column per year (2014 … 2023), then rows such as age bands
// with counts or shares. Danmarks Statistik suppresses small numbers: such cells show ".", "-", "x"
// or nothing, and are skipped (counted for the preview), not reported as errors. Which rows go where
// is the user's saved mapping (src/shared/value-mappings.ts), so next year's file imports in one step.

const MIN_YEAR = 1990
const MAX_YEAR = 2100
/** Marks Danmarks Statistik and LBF use for a suppressed or missing figure. */
const SUPPRESSED = new Set(['.', '..', '-', '–', '—', 'x', 'X', ':'])

export interface BeboerdataYear {
  /** 0-based column index. */
  index: number
  /** "C", for problems and the user. */
  column: string
  year: number
}

export interface DetectedBeboerdataTable {
  sheet: TableSheet
  /** 1-based row number of the header with the years, and its index in the sheet's rows. */
  headerRow: number
  headerIndex: number
  labelColumn: { index: number; letter: string; header: string }
  years: BeboerdataYear[]
  /** Row labels below the header that have at least one year cell filled in, as printed. */
  rowLabels: string[]
}

/** A year as a header: the number 2023 or the text "2023" (a trailing footnote mark is allowed). */
function headerYear(cell: Cell | undefined): number | null {
  if (cell === null || cell === undefined) return null
  const text = typeof cell === 'number' ? String(cell) : cell.replace(/\[\^\d+\]|[*\u00b9\u00b2\u00b3]/g, '').trim()
  if (!/^\d{4}$/.test(text)) return null
  const year = Number(text)
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null
}

function yearColumns(row: TableRow): BeboerdataYear[] {
  const years: BeboerdataYear[] = []
  row.cells.forEach((cell, index) => {
    const year = headerYear(cell)
    if (year !== null) years.push({ index, column: columnLetter(index), year })
  })
  return years
}

/** The first row with at least two year columns: rows above it are titles. */
function findYearHeader(sheet: TableSheet): { index: number; years: BeboerdataYear[] } | null {
  for (const [index, row] of sheet.rows.entries()) {
    const years = yearColumns(row)
    if (years.length >= 2) return { index, years }
  }
  return null
}

/** Labels compare without case, spacing, footnote marks, æøå spelling or a trailing ":" or ".". */
export function labelKey(text: string): string {
  return foldLabel(text.replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]/g, ''))
    .replace(/[\s.]+$/, '')
    .replace(/\s+/g, ' ')
}

const quoteList = (texts: string[]) => texts.map((t) => `"${t}"`).join(', ')

function refuse(message: string, where: { row?: number; column?: string | null; sheet?: string | null } = {}): never {
  throw new ImportFileError([{ row: where.row ?? 0, column: where.column ?? null, sheet: where.sheet ?? null, message }])
}

/**
 * Finds the Beboerdata table: the sheet (named, or the first with a header row of years), the header
 * row (the first with at least two years 1990–2100, as numbers or text), the label column (named by
 * its header, or the first column left of the years with text below the header) and the row labels.
 * Throws ImportFileError with a located problem when there is no such table.
 */
export function detectBeboerdataTable(table: Pick<Table, 'sheets'>, options: { sheet?: string | undefined; labelColumn?: string | undefined } = {}): DetectedBeboerdataTable {
  const sheetNames = table.sheets.map((s) => s.name).filter((n): n is string => n !== null)
  let sheet: TableSheet | undefined
  let header: { index: number; years: BeboerdataYear[] } | null = null
  if (options.sheet !== undefined) {
    sheet = table.sheets.find((s) => s.name !== null && labelKey(s.name) === labelKey(options.sheet!))
    if (!sheet) refuse(`Arket "${options.sheet}" findes ikke i filen. Filen har arkene ${quoteList(sheetNames)}.`)
    header = findYearHeader(sheet)
    if (!header) refuse(`Arket "${options.sheet}" har ingen overskriftsrække med årstal (fx 2014, 2015 … 2023).`, { sheet: sheet.name })
  } else {
    for (const s of table.sheets) {
      header = findYearHeader(s)
      if (header) {
        sheet = s
        break
      }
    }
    if (!sheet || !header) refuse('Fandt ingen tabel med årstal i overskriften (fx 2014, 2015 … 2023). En Beboerdata-tabel har en kolonne med rækkernes tekst og én kolonne pr. år.')
  }
  const headerTableRow = sheet.rows[header.index] as TableRow
  const firstYear = Math.min(...header.years.map((y) => y.index))
  const below = sheet.rows.slice(header.index + 1)
  const isText = (cell: Cell | undefined) => typeof cell === 'string' && cellText(cell) !== '' && readDanishNumber(cell) === null && !SUPPRESSED.has(cellText(cell))

  let labelIndex: number | undefined
  if (options.labelColumn !== undefined) {
    const wanted = labelKey(options.labelColumn)
    labelIndex = headerTableRow.cells.findIndex((c) => typeof c === 'string' && labelKey(c) === wanted)
    if (labelIndex < 0) {
      const headers = headerTableRow.cells.map((c) => cellText(c)).filter((t) => t !== '' && headerYear(t) === null)
      refuse(`Kolonnen "${options.labelColumn}" findes ikke i overskriftsrækken.${headers.length > 0 ? ` Overskrifterne er ${quoteList(headers)}.` : ' Rækkernes tekst står i en kolonne uden overskrift.'}`, {
        row: headerTableRow.row,
        sheet: sheet.name,
      })
    }
  } else {
    for (let i = 0; i < firstYear && labelIndex === undefined; i++) if (below.some((r) => isText(r.cells[i]))) labelIndex = i
    if (labelIndex === undefined) refuse('Fandt ingen kolonne med rækkernes tekst til venstre for årstallene.', { row: headerTableRow.row, sheet: sheet.name })
  }
  const years = header.years.filter((y) => y.index !== labelIndex)
  const rowLabels = below
    .filter((r) => cellText(r.cells[labelIndex!]) !== '' && years.some((y) => cellText(r.cells[y.index]) !== ''))
    .map((r) => cellText(r.cells[labelIndex!]))
  const headerText = cellText(headerTableRow.cells[labelIndex])
  return {
    sheet,
    headerRow: headerTableRow.row,
    headerIndex: header.index,
    labelColumn: { index: labelIndex, letter: columnLetter(labelIndex), header: headerText },
    years,
    rowLabels,
  }
}

export interface BeboerdataResult {
  values: ImportedValue[]
  problems: ImportProblem[]
  /** Cells left out because Danmarks Statistik suppressed them (".", "-", "x" or empty). */
  suppressed: number
}

const roundPercent = (fraction: number) => Number((fraction * 100).toPrecision(15))

/**
 * The values of a Beboerdata table read with a saved mapping: one per mapped row and year column,
 * period "YYYY". Every problem is located (row, column, sheet): a mapped label the file does not
 * have (naming the labels it does have), a label printed twice, a cell that is not a number. A
 * mapping row whose indicator row is gone from the agreement is a problem with the mapping (row 0).
 * Throws ImportFileError when the file has no such table at all.
 */
export function applyBeboerdataMapping(table: Pick<Table, 'sheets'>, mapping: BeboerdataMapping, agreement: AgreementContent): BeboerdataResult {
  const problems: ImportProblem[] = []
  const indicators = agreement.goals.flatMap((g) => g.indicators)
  const targets = new Set<string>()
  for (const m of mapping.rows) {
    const indicator = indicators.find((i) => i.key === m.indicatorKey)
    const target = `${m.indicatorKey}\u0000${m.rowKey}`
    if (!indicator) problems.push({ row: 0, column: null, sheet: null, message: `Opsætningen "${mapping.name}" peger på indikatoren "${m.indicatorKey}", som ikke findes i delaftalen. Ret opsætningen.` })
    else if (!indicator.rows.some((r) => r.key === m.rowKey)) {
      problems.push({ row: 0, column: null, sheet: null, message: `Opsætningen "${mapping.name}" peger på rækken "${m.rowKey}" under "${indicator.name}", som ikke findes i delaftalen. Ret opsætningen.` })
    } else if (targets.has(target)) {
      problems.push({ row: 0, column: null, sheet: null, message: `Opsætningen "${mapping.name}" lægger to af tabellens rækker i samme række "${m.rowKey}" under "${indicator.name}". Ret opsætningen.` })
    }
    targets.add(target)
  }

  const detected = detectBeboerdataTable(table, { sheet: mapping.sheet, labelColumn: mapping.labelColumn })
  const { sheet, labelColumn, years } = detected
  const labelWhere = `${labelColumn.letter}${labelColumn.header ? ` (${labelColumn.header})` : ''}`
  const rowsByLabel = new Map<string, TableRow[]>()
  for (const r of sheet.rows.slice(detected.headerIndex + 1)) {
    const text = cellText(r.cells[labelColumn.index])
    if (text === '') continue
    const key = labelKey(text)
    rowsByLabel.set(key, [...(rowsByLabel.get(key) ?? []), r])
  }

  const values: ImportedValue[] = []
  let suppressed = 0
  for (const m of mapping.rows) {
    const found = rowsByLabel.get(labelKey(m.label)) ?? []
    if (found.length === 0) {
      const labels = detected.rowLabels.length > 0 ? ` Tabellen har rækkerne ${quoteList(detected.rowLabels)}.` : ' Tabellen har ingen rækker med tal.'
      problems.push({
        row: detected.headerRow,
        column: labelWhere,
        sheet: sheet.name,
        message: `Rækken "${m.label}" fra opsætningen "${mapping.name}" findes ikke i tabellen.${labels} Ret opsætningen, hvis tabellen har skiftet tekst.`,
      })
      continue
    }
    if (found.length > 1) {
      problems.push({
        row: (found[1] as TableRow).row,
        column: labelWhere,
        sheet: sheet.name,
        message: `Rækken "${m.label}" står flere gange i tabellen (række ${found.map((r) => r.row).join(' og ')}), så det er uklart, hvilken der menes. Vælg et ark med kun én tabel.`,
      })
      continue
    }
    const tableRow = found[0] as TableRow
    for (const y of years) {
      const cell = tableRow.cells[y.index] ?? null
      const written = cellText(cell)
      if (written === '' || SUPPRESSED.has(written)) {
        suppressed++
        continue
      }
      const where = { row: tableRow.row, column: `${y.column} (${y.year})`, sheet: sheet.name }
      let number: number | null
      if (typeof cell === 'number') number = mapping.measure === 'share' && (tableRow.percentCells?.includes(y.index) ?? false) ? roundPercent(cell) : cell
      else number = readDanishNumber(written)
      if (number === null) {
        problems.push({ ...where, message: `"${written}" i rækken "${m.label}" for ${y.year} er ikke et tal. Skriv fx 233, 1.736 eller 22,2; en skjult værdi står som "." eller "-".` })
        continue
      }
      if (number < 0) {
        problems.push({ ...where, message: `${formatNumber(number)} i rækken "${m.label}" for ${y.year} er negativt.` })
        continue
      }
      if (mapping.measure === 'share' && number > 100) {
        problems.push({ ...where, message: `Andelen ${formatNumber(number)} % i rækken "${m.label}" for ${y.year} er over 100 %. Er tabellen antal og ikke andele? Ret opsætningen.` })
        continue
      }
      values.push({
        indicatorKey: m.indicatorKey,
        rowKey: m.rowKey,
        population: mapping.population,
        period: String(y.year),
        share: mapping.measure === 'share' ? number : null,
        count: mapping.measure === 'count' ? number : null,
        row: tableRow.row,
        sheet: sheet.name,
      })
    }
  }
  const duplicateYears = years.filter((y, i) => years.findIndex((o) => o.year === y.year) !== i)
  if (duplicateYears.length > 0) {
    const y = duplicateYears[0] as BeboerdataYear
    problems.push({ row: detected.headerRow, column: y.column, sheet: sheet.name, message: `Året ${y.year} står to gange i overskriftsrækken. Slet den ene kolonne.` })
  }
  if (problems.length === 0 && values.length === 0) {
    problems.push({ row: detected.headerRow, column: null, sheet: sheet.name, message: 'De valgte rækker har ingen tal: alle celler er tomme eller skjulte.' })
  }
  return { values: problems.length > 0 ? [] : values, problems, suppressed }
}
