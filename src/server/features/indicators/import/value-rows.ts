import { countProblem, numberHint, readDanishNumber, shareProblem } from '../../../../shared/lib/danish-number.ts'
import type { AgreementContent, Indicator, IndicatorRow } from '../../../../shared/agreements.ts'
import type { ImportProblem } from '../../../../shared/imports.ts'
import { type PeriodKey, type Population, populationLabels } from '../../../../shared/indicators.ts'
import { formatNumber } from '../../../../shared/lib/format.ts'
import { periodLabel, readPeriod } from '../../../../shared/lib/period.ts'
import { type Cell, cellText, foldLabel, type HeaderColumn, type Table, type TableRow } from '../../imports/read-table.ts'
import { type PartialHeader, readSheetRows } from './sheet-rows.ts'

// The value extract in "long" form: one value per row, for one row of one indicator, for the area or
// the comparison population, in one period. Job-centre extracts and hand-made sheets alike:
//
//   indikator                          række     gruppe   periode         andel    antal
//   Aktiveringsgrad blandt de ledige             Område   2. kvt. 2021    24 %
//   Andel offentligt forsørgede …      18-29 år  Kommune  2019            12,1
//
// Every row is checked and every problem reported with its place (row, "D (periode)", sheet), so a
// user can fix the whole file in one go; the import itself is all or nothing (CONTRIBUTING.md, "One error type with codes").

export interface ImportedValue {
  indicatorKey: string
  rowKey: string
  population: Population
  period: PeriodKey
  /** Percent: 19.14 means 19,14 %. */
  share: number | null
  count: number | null
  /** Where the value came from: the row number in the file, and the sheet for Excel. */
  row: number
  sheet: string | null
}

export interface ValueRowsResult {
  values: ImportedValue[]
  problems: ImportProblem[]
  /** Sheets without a header row, skipped (a workbook may have a notes sheet); shown in the preview. */
  ignoredSheets: string[]
}

type ColumnKey = 'indicator' | 'row' | 'population' | 'period' | 'share' | 'count'

/** Accepted headers per column, compared without case, spacing, æøå-spelling, "(…)" or a trailing "%". */
export const valueColumnNames: Record<ColumnKey, readonly string[]> = {
  indicator: ['indikator', 'indikatornavn', 'indikatornøgle', 'indicator'],
  row: ['række', 'rækkenavn', 'rækkenøgle', 'row'],
  population: ['gruppe', 'population'],
  period: ['periode', 'tidspunkt', 'tid', 'dato', 'måned', 'kvartal', 'halvår', 'år', 'period'],
  share: ['andel', 'andel i procent', 'procent', 'pct', 'pct.', '%', 'share'],
  count: ['antal', 'antal personer', 'fuldtidspersoner', 'count'],
}

const hasRequiredColumns = (found: ReadonlySet<ColumnKey>) => found.has('indicator') && found.has('period') && (found.has('share') || found.has('count'))

const populationWords: Readonly<Record<string, Population>> = {
  omraade: 'area',
  boligomraade: 'area',
  boligomraadet: 'area',
  omraadet: 'area',
  maalgruppe: 'area',
  maalgruppen: 'area',
  area: 'area',
  kommune: 'comparison',
  kommunen: 'comparison',
  sammenligning: 'comparison',
  comparison: 'comparison',
}

export const PERIOD_FORMS = 'år (2023), halvår (1. halvår 2023 eller 2023-H1), kvartal (2. kvt. 2023, 2023K2 eller 2023-Q2), måned (maj 2023, udgang februar 2021 eller 2023-05) eller dato (02.06.2021)'

/** Names compare without case, spacing, footnote marks ("[^1]", "¹") or closing punctuation. */
function nameKey(text: string): string {
  return foldLabel(text.replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]/g, ''))
    .replace(/[\s.]+$/, '')
    .replace(/\s+/g, '')
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] as number
}

const quoteIndicator = (ind: Indicator) => `"${ind.name}" (${ind.key})`
const quoteRow = (row: IndicatorRow) => (row.label ? `"${row.label}" (${row.key})` : row.key)
const listRows = (ind: Indicator) => ind.rows.map(quoteRow).join(', ')
const roundPercent = (fraction: number) => Number((fraction * 100).toPrecision(15))

/** The agreement's indicators and rows, looked up by key or by name/label. */
function indicatorIndex(agreement: AgreementContent) {
  const indicators = agreement.goals.flatMap((g) => g.indicators)
  const byName = new Map<string, Indicator>()
  const rowsOf = new Map<string, Map<string, IndicatorRow>>()
  for (const ind of indicators) {
    byName.set(nameKey(ind.name), ind)
    const rows = new Map<string, IndicatorRow>()
    for (const row of ind.rows) {
      if (row.label) rows.set(nameKey(row.label), row)
      rows.set(nameKey(row.key), row)
    }
    rowsOf.set(ind.key, rows)
  }
  // Keys win over names: set them last.
  for (const ind of indicators) byName.set(nameKey(ind.key), ind)

  const found = new Map<string, Indicator | string>()
  /** The indicator, or the problem message (cached: an extract repeats its names on every row). */
  const indicator = (text: string): Indicator | string => {
    let result = found.get(text)
    if (result === undefined) {
      result = byName.get(nameKey(text)) ?? unknownIndicator(text)
      found.set(text, result)
    }
    return result
  }
  const unknownIndicator = (text: string): string => {
    const wanted = foldLabel(text)
    const closest = indicators
      .map((ind) => {
        const name = foldLabel(ind.name)
        const contains = name.includes(wanted) || wanted.includes(name)
        return { ind, distance: contains ? Math.abs(name.length - wanted.length) / 10 : Math.min(levenshtein(wanted, name), levenshtein(wanted, ind.key)) }
      })
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 3)
      .map((c) => quoteIndicator(c.ind))
    const hint = closest.length > 0 ? ` Nærmeste: ${closest.join(', ')}.` : ' Delaftalen har ingen indikatorer.'
    return `Indikatoren "${text}" findes ikke i delaftalen.${hint} Skriv indikatorens navn eller nøgle, som det står i delaftalen.`
  }
  const rowsFound = new Map<string, IndicatorRow | string>()
  /** The indicator's row, or the problem message (cached, as the indicators are). */
  const row = (ind: Indicator, text: string, hasRowColumn: boolean): IndicatorRow | string => {
    if (text === '') {
      if (ind.rows.length === 1) return ind.rows[0] as IndicatorRow
      return `Skriv hvilken række værdien hører til: indikatoren "${ind.name}" har rækkerne ${listRows(ind)}.${hasRowColumn ? '' : ' Tilføj kolonnen række.'}`
    }
    const key = `${ind.key}\u0000${text}`
    let result = rowsFound.get(key)
    if (result === undefined) {
      result = rowsOf.get(ind.key)?.get(nameKey(text)) ?? `Rækken "${text}" findes ikke under indikatoren "${ind.name}". Indikatoren har rækkerne ${listRows(ind)}.`
      rowsFound.set(key, result)
    }
    return result
  }
  /** "Aktiveringsgrad blandt de ledige", or with its row: "Andel … › 18-29 år". */
  const describe = (indicatorKey: string, rowKey: string): string => {
    const ind = indicators.find((i) => i.key === indicatorKey)
    const row = ind?.rows.find((r) => r.key === rowKey)
    return `"${ind?.name ?? indicatorKey}"${ind && ind.rows.length > 1 ? ` › ${row?.label ?? rowKey}` : ''}`
  }
  return { indicator, row, describe }
}

/**
 * The values in a table of one value per row, checked against the agreement. Each sheet with a header
 * row (the first row naming at least indikator, periode and andel or antal; rows above it are titles)
 * is read; sheets without one are skipped and listed, unless no sheet has one.
 */
export function parseValueRows(table: Pick<Table, 'sheets'>, agreement: AgreementContent): ValueRowsResult {
  const index = indicatorIndex(agreement)
  const periods = new Map<string, PeriodKey | null>()
  const populations = new Map<string, Population | null>()
  const { records, problems, ignoredSheets } = readSheetRows(table, {
    columnNames: valueColumnNames,
    hasRequiredColumns,
    readRow: (row, sheet, columns, problems) => readValueRow(row, sheet, columns, index, periods, populations, problems),
    keyOf: (value) => `${value.indicatorKey}\u0000${value.rowKey}\u0000${value.population}\u0000${value.period}`,
    repeated: (value, where, row) =>
      `Samme indikator, række, gruppe og periode (${index.describe(value.indicatorKey, value.rowKey)}, ${populationLabels[value.population].toLowerCase()}, ${periodLabel(value.period)}) står både i ${where} og række ${row}. Slet den ene.`,
    missingHeader: missingHeaderProblem,
  })
  return { values: records, problems, ignoredSheets }
}

function missingHeaderProblem(best: PartialHeader<ColumnKey> | null): ImportProblem {
  const expected = 'Filen skal have en overskriftsrække med kolonnerne indikator, periode og andel og/eller antal (og efter behov række og gruppe).'
  if (!best) return { row: 0, column: null, sheet: null, message: `Fandt ingen overskriftsrække. ${expected}` }
  const missing = [!best.found.includes('indicator') && 'indikator', !best.found.includes('period') && 'periode', !best.found.includes('share') && !best.found.includes('count') && 'andel eller antal'].filter(
    (m): m is string => typeof m === 'string',
  )
  return { row: best.row, column: null, sheet: best.sheet, message: `Overskriftsrækken mangler ${missing.length > 1 ? 'kolonnerne' : 'kolonnen'} ${missing.join(' og ')}. ${expected}` }
}

function readValueRow(
  tableRow: TableRow,
  sheet: string | null,
  columns: Partial<Record<ColumnKey, HeaderColumn>>,
  index: ReturnType<typeof indicatorIndex>,
  periods: Map<string, PeriodKey | null>,
  /** Each text of the group column read once: an extract repeats the same two on every row. */
  populations: Map<string, Population | null>,
  problems: ImportProblem[],
): ImportedValue | null {
  const cell = (column: HeaderColumn | undefined): Cell => (column ? (tableRow.cells[column.index] ?? null) : null)
  const text = (column: HeaderColumn | undefined) => cellText(cell(column))
  // Each column's text once (these are all the columns read).
  const indicatorText = text(columns.indicator)
  const rowText = text(columns.row)
  const populationText = text(columns.population)
  const periodText = text(columns.period)
  const shareCell = cell(columns.share)
  const shareText = cellText(shareCell)
  const countCell = cell(columns.count)
  const countText = cellText(countCell)
  // A row with text only in columns we do not read (a remark) is no value.
  if (indicatorText === '' && rowText === '' && populationText === '' && periodText === '' && shareText === '' && countText === '') return null

  const before = problems.length
  const problem = (column: HeaderColumn | undefined, message: string) => problems.push({ row: tableRow.row, column: column?.label ?? null, sheet, message })

  // indikator, and række within it
  let indicator: Indicator | null = null
  let row: IndicatorRow | null = null
  if (indicatorText === '') problem(columns.indicator, 'Indikatoren mangler. Skriv indikatorens navn eller nøgle.')
  else {
    const found = index.indicator(indicatorText)
    if (typeof found === 'string') problem(columns.indicator, found)
    else {
      indicator = found
      const r = index.row(found, rowText, columns.row !== undefined)
      if (typeof r === 'string') problem(columns.row ?? columns.indicator, r)
      else row = r
    }
  }

  // gruppe
  let population: Population | null = 'area'
  if (populationText !== '') {
    if (!populations.has(populationText)) populations.set(populationText, populationWords[foldLabel(populationText).replace(/\s+/g, '')] ?? null)
    population = populations.get(populationText) ?? null
    if (!population) problem(columns.population, `Gruppen "${populationText}" kendes ikke. Skriv "område" (eller "boligområde" eller "målgruppe") eller "kommune" (eller "sammenligning"); tom betyder område.`)
  }

  // periode
  let period: PeriodKey | null = null
  if (periodText === '') problem(columns.period, `Perioden mangler. Skriv den som ${PERIOD_FORMS}.`)
  else {
    if (!periods.has(periodText)) periods.set(periodText, readPeriod(periodText))
    period = periods.get(periodText) ?? null
    if (!period) problem(columns.period, `Perioden "${periodText}" kan ikke læses. Skriv den som ${PERIOD_FORMS}.`)
  }

  // andel
  let share: number | null = null
  if (columns.share && shareText !== '') {
    const percentFormatted = typeof shareCell === 'number' && (tableRow.percentCells?.includes(columns.share.index) ?? false)
    share = typeof shareCell === 'number' ? (percentFormatted ? roundPercent(shareCell) : shareCell) : readDanishNumber(shareCell as string)
    const written = shareText
    // Made only for a problem: formatNumber builds an Intl.NumberFormat on every call.
    const formatNote = () => (percentFormatted ? ` (cellen er formateret som procent i Excel og indeholder ${formatNumber(shareCell as number, 4)})` : '')
    if (share === null) problem(columns.share, shareProblem(written))
    else if (share > 100) problem(columns.share, `Andelen ${formatNumber(share)} % er over 100 %${formatNote()}. En andel skrives i procent, fx 19,14.`)
    else if (share < 0) problem(columns.share, `Andelen ${formatNumber(share)} % er negativ${formatNote()}. En andel er mellem 0 og 100 %.`)
  }

  // antal
  let count: number | null = null
  if (columns.count && countText !== '') {
    const written = countText
    count = typeof countCell === 'number' ? countCell : written.includes('%') ? null : readDanishNumber(written)
    if (count === null) {
      const why = written.includes('%') ? ' Procenter hører til i kolonnen andel.' : numberHint(written)
      problem(columns.count, countProblem(written, why))
    } else if (count < 0) problem(columns.count, `Antallet ${formatNumber(count)} er negativt. Et antal kan ikke være under 0.`)
  }

  if (shareText === '' && countText === '') {
    problem(columns.share ?? columns.count, `Rækken har hverken en andel eller et antal. Skriv mindst det ene.`)
  }

  if (problems.length > before || !indicator || !row || !population || !period) return null
  return { indicatorKey: indicator.key, rowKey: row.key, population, period, share, count, row: tableRow.row, sheet }
}
