import ExcelJS from 'exceljs'
import { formatDateTime } from '../../../shared/lib/format.ts'
import { CHART_HEIGHT, CHART_WIDTH, chartPng, statusReportChartSvg } from './status-report-chart.ts'
import type { CounsellingSection, SectionCell, SectionTable } from './status-report-counselling.ts'
import type { YouthSection } from './status-report-youth.ts'
import { type ReportRow, reportText, type StatusReportModel } from './status-report.ts'

// The status report as an Excel workbook, drawn from the report model (status-report.ts), for
// readers who want to work on the figures: "Oversigt" has one table of every indicator row (the
// goal in the first column, so the filter picks one goal's rows) and the charts below it;
// "Værdier" has every value up to the period with where it came from.
//
// Figures are numbers, not text: shares as percent numbers (19.14) with the format `0.00" %"`, counts
// with `#,##0`. Excel shows the separators of the reader's own locale, so a Danish Excel shows
// "19,14 %" and "1.736". A hidden count is the word "skjult", never a number.

const SHARE_FORMAT = '0.00" %"'
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } }
const HEADING_COLOUR = { argb: 'FF1F3864' }
const MUTED = { argb: 'FF595959' }
const PRELIMINARY = { argb: 'FF9C4A00' }
/** Excel's default row height in points, and roughly how many characters fit per unit of column width. */
const LINE_HEIGHT = 15

const countFormat = (n: number) => (Number.isInteger(n) ? '#,##0' : '#,##0.0')

interface Column {
  header: string
  width: number
  value: (r: ReportRow, goal: string) => string | number | null
  /** The number format of a number in this column. */
  numFmt?: (r: ReportRow, value: number) => string
  wrap?: boolean
}

const measureFormat = (r: ReportRow, n: number) => (r.measure === 'share' ? SHARE_FORMAT : countFormat(n))
const hiddenOr = (v: { countHidden: boolean } | null, measure: ReportRow['measure'], n: number | null) => (n === null && v?.countHidden && measure === 'count' ? reportText.hidden : n)

export async function renderStatusReportXlsx(model: StatusReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = model.properties.creator
  wb.lastModifiedBy = model.properties.creator
  wb.title = model.properties.title
  wb.subject = model.properties.subject
  wb.keywords = model.properties.keywords
  wb.created = model.properties.created
  wb.modified = model.properties.created

  overview(wb, model)
  valuesSheet(wb, model)
  if (model.counselling) counsellingSheet(wb, model.counselling)
  if (model.youth) youthSheet(wb, model.youth)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function overview(wb: ExcelJS.Workbook, model: StatusReportModel): void {
  const ws = wb.addWorksheet('Oversigt', { properties: { defaultRowHeight: LINE_HEIGHT } })
  const columns: Column[] = [
    { header: 'Delmål', width: 28, value: (_, goal) => goal, wrap: true },
    { header: 'Indikator', width: 36, value: (r) => r.indicatorName, wrap: true },
    { header: 'Række', width: 12, value: (r) => r.rowLabel ?? '' },
    { header: 'Måles som', width: 10, value: (r) => (r.measure === 'share' ? 'Andel' : 'Antal') },
    { header: 'Baseline', width: 11, value: (r) => r.numbers.baseline, numFmt: measureFormat },
    { header: 'Baselinetidspunkt', width: 19, value: (r) => r.baselineTime },
    { header: 'Seneste værdi', width: 13, value: (r) => hiddenOr(r.latest, r.measure, r.numbers.latest), numFmt: measureFormat },
    { header: 'Periode', width: 16, value: (r) => r.latest?.periodLabel ?? '' },
    { header: 'Kommune', width: 11, value: (r) => hiddenOr(r.comparison, r.measure, r.numbers.comparison), numFmt: measureFormat },
    { header: 'Kommunens periode', width: 16, value: (r) => r.comparison?.periodLabel ?? '' },
    { header: 'Måltal', width: 11, value: (r) => r.numbers.target, numFmt: measureFormat },
    { header: 'Måltal (aftalens ord)', width: 24, value: (r) => r.targets.join('\n'), wrap: true },
    { header: 'Status', width: 13, value: (r) => r.statusLabel },
    { header: 'Forklaring', width: 60, value: (r) => r.status.explanation, wrap: true },
  ]
  ws.columns = columns.map((c) => ({ width: c.width }))

  const intro: [string, Partial<ExcelJS.Font>][] = [
    [model.title, { bold: true, size: 14, color: HEADING_COLOUR }],
    [model.meta.slice(0, 2).join(' · '), { color: MUTED }],
    [model.approval.text, { bold: true, ...(model.approval.locked ? {} : { color: PRELIMINARY }) }],
    [model.summary.text, {}],
    [model.smallNumberNote, { color: MUTED, italic: true }],
  ]
  intro.forEach(([text, font], i) => {
    const cell = ws.getCell(i + 1, 1)
    cell.value = text
    cell.font = font
  })

  const headerRow = intro.length + 1
  const header = ws.getRow(headerRow)
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    cell.alignment = { vertical: 'top', wrapText: true }
  })

  let rowNumber = headerRow
  const rows: { row: ReportRow; goal: string }[] = model.goals.flatMap((g) => g.indicators.flatMap((i) => i.rows.map((row) => ({ row, goal: g.text }))))
  for (const { row, goal } of rows) {
    const line = ws.getRow(++rowNumber)
    let lines = 1
    columns.forEach((c, i) => {
      const value = c.value(row, goal)
      const cell = line.getCell(i + 1)
      cell.value = value === '' ? null : value
      if (typeof value === 'number' && c.numFmt) cell.numFmt = c.numFmt(row, value)
      cell.alignment = { vertical: 'top', wrapText: c.wrap === true, ...(typeof value === 'string' && value === reportText.hidden ? { horizontal: 'right' } : {}) }
      if (typeof value === 'string') lines = Math.max(lines, wrappedLines(value, c.width))
    })
    // Excel does not grow a row for wrapped text by itself when the file is opened.
    line.height = lines * LINE_HEIGHT
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }]
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: rowNumber, column: columns.length } }

  // Comments and breaks under the table, then the charts, each under its own title.
  let next = rowNumber + 2
  const notes = model.goals.flatMap((g) =>
    g.indicators.flatMap((i) => [
      ...i.comments.map((c) => `${i.name} (${model.periodLabel}): ${c.line}`),
      ...(i.breakNote ? [`${i.name}: ${i.breakNote}`] : []),
    ]),
  )
  if (notes.length) {
    ws.getCell(next++, 1).value = 'Kommentarer og bemærkninger'
    ws.getCell(next - 1, 1).font = { bold: true, color: HEADING_COLOUR }
    for (const note of notes) ws.getCell(next++, 1).value = note
    next++
  }
  ws.getCell(next, 1).value = model.activities.heading
  ws.getCell(next++, 1).font = { bold: true, color: HEADING_COLOUR }
  ws.getCell(next++, 1).value = model.activities.text
  next++
  if (model.companies) {
    ws.getCell(next, 1).value = model.companies.heading
    ws.getCell(next++, 1).font = { bold: true, color: HEADING_COLOUR }
    ws.getCell(next++, 1).value = model.companies.text
    for (const line of model.companies.lines) {
      ws.getCell(next, 1).value = line.label
      ws.getCell(next, 2).value = line.value
      ws.getCell(next++, 3).value = line.definition
    }
    next++
  }

  const chartRows = Math.ceil((CHART_HEIGHT * 0.75) / LINE_HEIGHT) + 1
  for (const { row } of rows) {
    const title = ws.getCell(next, 1)
    title.value = row.chart.title
    title.font = { bold: true, color: HEADING_COLOUR }
    const image = wb.addImage({ buffer: chartPng(statusReportChartSvg(row.chart)) as unknown as ExcelJS.Buffer, extension: 'png' })
    // Anchored at the cell below the title (0-based), at the SVG's own size in pixels.
    ws.addImage(image, { tl: { col: 0, row: next }, ext: { width: CHART_WIDTH, height: CHART_HEIGHT } })
    next += chartRows + 2
  }
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
}

function valuesSheet(wb: ExcelJS.Workbook, model: StatusReportModel): void {
  const ws = wb.addWorksheet('Værdier')
  ws.columns = [
    { header: 'Indikator', key: 'indicator', width: 40 },
    { header: 'Række', key: 'row', width: 12 },
    { header: 'Gruppe', key: 'group', width: 24 },
    { header: 'Periode', key: 'period', width: 16 },
    { header: 'Periodenøgle', key: 'periodKey', width: 12 },
    { header: 'Andel', key: 'share', width: 10 },
    { header: 'Antal', key: 'count', width: 10 },
    { header: 'Definition', key: 'definition', width: 12 },
    { header: 'Kilde', key: 'provenance', width: 48 },
    { header: 'Note', key: 'note', width: 30 },
    { header: 'Registreret', key: 'recordedAt', width: 20 },
  ]
  const header = ws.getRow(1)
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL
  })
  for (const v of model.values) {
    const row = ws.addRow({
      indicator: v.indicatorName,
      row: v.rowLabel ?? '',
      group: v.populationLabel,
      period: v.periodLabel,
      periodKey: v.period,
      share: v.share,
      count: v.countHidden ? reportText.hidden : v.count,
      definition: v.currentDefinition ? 'Nuværende' : 'Tidligere',
      provenance: v.provenance,
      note: v.note ?? '',
      recordedAt: formatDateTime(v.recordedAt),
    })
    if (v.share !== null) row.getCell('share').numFmt = SHARE_FORMAT
    if (v.count !== null) row.getCell('count').numFmt = countFormat(v.count)
    if (v.countHidden) row.getCell('count').alignment = { horizontal: 'right' }
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }]
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, model.values.length + 1), column: 11 } }
}

const SECTION_FORMATS: Record<NonNullable<SectionCell['format']>, (n: number) => string> = {
  count: countFormat,
  share: () => '0.0 %',
  hours: () => '#,##0.0" timer"',
  people: () => '#,##0" personer"',
}

/**
 * "Åben rådgivning og tid" on a sheet of its own: each table under its caption, figures as numbers
 * (a share as a fraction with a percent format), a hidden count as the word "skjult".
 */
function counsellingSheet(wb: ExcelJS.Workbook, section: CounsellingSection): void {
  const ws = wb.addWorksheet('Åben rådgivning og tid', { properties: { defaultRowHeight: LINE_HEIGHT } })
  const columns = Math.max(...[section.sites, section.topics, section.staff].map((t) => t?.header.length ?? 0))
  ws.columns = Array.from({ length: columns }, (_, i) => ({ width: i === 0 ? 34 : i === 1 && section.staff ? 40 : 16 }))
  let next = 1
  const line = (text: string, font: Partial<ExcelJS.Font> = {}) => {
    const cell = ws.getCell(next++, 1)
    cell.value = text
    cell.font = font
  }
  line(section.heading, { bold: true, size: 14, color: HEADING_COLOUR })
  line(section.intro)
  for (const t of [section.sites, section.topics, section.staff]) {
    if (!t) continue
    next++
    line(t.caption, { bold: true, color: HEADING_COLOUR })
    next = sectionTable(ws, t, next)
    if (t === section.sites && section.referred) line(section.referred)
    if (t === section.staff) {
      for (const v of section.verdicts) line(v)
      if (section.staffNote) line(section.staffNote)
    }
  }
  next++
  for (const note of section.notes) line(note, { color: MUTED, italic: true })
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
}

/** A section's table from row `next`: a header row, then its cells, numbers as numbers. Returns the row after it. */
function sectionTable(ws: ExcelJS.Worksheet, t: SectionTable, next: number): number {
  const header = ws.getRow(next++)
  header.height = Math.max(...t.header.map((h, i) => wrappedLines(h, ws.getColumn(i + 1).width ?? 16))) * LINE_HEIGHT
  t.header.forEach((h, i) => {
    const cell = header.getCell(i + 1)
    cell.value = h
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    cell.alignment = { vertical: 'top', wrapText: true }
  })
  for (const r of t.rows) {
    const row = ws.getRow(next++)
    let lines = 1
    r.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      if (c.value !== null && c.format) {
        cell.value = c.value
        cell.numFmt = SECTION_FORMATS[c.format](c.value)
      } else cell.value = c.text
      cell.alignment = { vertical: 'top', wrapText: true, ...(t.align[i] === 'right' ? { horizontal: 'right' } : {}) }
      lines = Math.max(lines, wrappedLines(c.text, ws.getColumn(i + 1).width ?? 16))
    })
    row.height = lines * LINE_HEIGHT
  }
  return next
}

/**
 * "Unge og fritidsjob" on a sheet of its own: per activity with a pathway its sentences and tables,
 * counts as numbers, a hidden count as the word "skjult".
 */
function youthSheet(wb: ExcelJS.Workbook, section: YouthSection): void {
  const ws = wb.addWorksheet('Unge og fritidsjob', { properties: { defaultRowHeight: LINE_HEIGHT } })
  ws.columns = [{ width: 44 }, { width: 18 }, { width: 12 }, { width: 14 }]
  let next = 1
  const line = (text: string, font: Partial<ExcelJS.Font> = {}) => {
    const cell = ws.getCell(next++, 1)
    cell.value = text
    cell.font = font
  }
  line(section.heading, { bold: true, size: 14, color: HEADING_COLOUR })
  line(section.intro)
  for (const part of section.parts) {
    next++
    line(part.heading, { bold: true, size: 12, color: HEADING_COLOUR })
    for (const p of part.paragraphs) line(p)
    for (const t of part.tables) {
      next++
      line(t.caption, { bold: true, color: HEADING_COLOUR })
      next = sectionTable(ws, t, next)
    }
  }
  next++
  for (const note of section.notes) line(note, { color: MUTED, italic: true })
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
}

/** How many lines a text takes in a column of this width (about one character per unit, words kept whole). */
function wrappedLines(text: string, width: number): number {
  return text.split('\n').reduce((n, paragraph) => {
    let lines = 1
    let used = 0
    for (const word of paragraph.split(' ')) {
      if (used > 0 && used + 1 + word.length > width) {
        lines++
        used = word.length
      } else used += (used > 0 ? 1 : 0) + word.length
    }
    return n + lines
  }, 0)
}
