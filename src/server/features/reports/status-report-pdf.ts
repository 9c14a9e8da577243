import { PDF_CELL_PADDING as CELL_PADDING, PDF_HEADING_COLOUR as HEADING_COLOUR, PDF_MUTED as MUTED, PDF_PAGE, PDF_TEXT_WIDTH as TEXT_WIDTH, type PdfContent as Content, type PdfContentObject as ContentObject, type PdfPageBreakHelpers as PageBreakHelpers, type PdfNodeInfo as NodeInfo, pdfPageSetup, renderPdf } from '../../lib/pdf.ts'
import { CHART_HEIGHT, CHART_WIDTH, statusReportChartSvg } from './status-report-chart.ts'
import type { CounsellingSection, SectionTable } from './status-report-counselling.ts'
import type { YouthSection } from './status-report-youth.ts'
import { type ReportGoal, reportText, type StatusReportModel, statusTableHeader, statusTableWidths } from './status-report.ts'

// The status report as a PDF, drawn from the report model (status-report.ts) with pdfmake, as the
// agreement's PDF is (agreement-pdf.ts): pure JavaScript, the Roboto files pdfmake ships, no
// browser. The charts go in as SVG, so they stay sharp at any zoom and their text is real text.

// Page, fonts and house colours: src/server/lib/pdf.ts.
const MARGIN = PDF_PAGE.margin
const PRELIMINARY = '#9C4A00'
/** Not a heading level: marks a line that must not end a page (see pageBreakBefore). */
const KEEP_WITH_NEXT = 9

export async function renderStatusReportPdf(model: StatusReportModel): Promise<Buffer> {
  const content: Content[] = [{ text: model.title, style: 'title' }]
  for (const line of model.meta) content.push({ text: line, style: 'meta' })
  content.push(
    { text: model.approval.text, bold: true, margin: [0, 8, 0, 3], ...(model.approval.locked ? {} : { color: PRELIMINARY }) },
    { text: model.smallNumberNote, style: 'meta' },
  )

  content.push(heading(reportText.summary, 1), { text: model.summary.text, style: 'paragraph' })
  content.push(
    table(
      ['Status', 'Indikatorrækker'],
      [60, 40],
      model.summary.counts.map((c) => [{ lines: [c.label] }, { lines: [String(c.count)] }]),
      ['left', 'right'],
      TEXT_WIDTH / 2,
    ),
  )
  for (const goal of model.goals) content.push(...goalContent(goal, model))
  content.push(heading(model.activities.heading, 1), { text: model.activities.text, style: 'paragraph' })
  if (model.companies) {
    content.push(
      heading(model.companies.heading, 1),
      { text: model.companies.text, style: 'paragraph' },
      table(['Tal', 'Værdi', 'Sådan tælles det'], [30, 15, 55], model.companies.lines.map((l) => [{ lines: [l.label] }, { lines: [l.value] }, { lines: [l.definition] }]), ['left', 'right', 'left']),
    )
  }
  if (model.counselling) content.push(...counsellingContent(model.counselling))
  if (model.youth) content.push(...youthContent(model.youth))

  const definition: ContentObject = {
    ...pdfPageSetup(model.properties),
    header: () => ({ text: model.headerText, style: 'running', alignment: 'right', fontSize: 8, color: MUTED, margin: [MARGIN, 28, MARGIN, 0] }),
    footer: (currentPage: number, pageCount: number) => ({ text: `Side ${currentPage} af ${pageCount}`, style: 'running', alignment: 'center', fontSize: 9, color: MUTED, margin: [MARGIN, 20, MARGIN, 0] }),
    // A heading never ends a page: it moves to the next page unless some of its own text or chart
    // follows it on this one. pdfmake's list of what follows also holds the running header and footer,
    // and the header row of a table that then moved on as a whole: neither counts.
    pageBreakBefore: (node: NodeInfo, helpers: PageBreakHelpers) =>
      node.headlineLevel !== undefined &&
      !helpers
        .getFollowingNodesOnPage()
        .some((n) => n.headlineLevel === undefined && n.style !== 'running' && n.style !== 'tableHeader' && (n.text !== undefined || n.svg !== undefined)),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true, color: HEADING_COLOUR, margin: [0, 0, 0, 8] },
      h1: { fontSize: 14, bold: true, color: HEADING_COLOUR, margin: [0, 14, 0, 6] },
      h2: { fontSize: 12, bold: true, color: HEADING_COLOUR, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10.5, bold: true, color: HEADING_COLOUR, margin: [0, 6, 0, 3] },
      paragraph: { margin: [0, 0, 0, 6] },
      meta: { fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 3] },
      running: {},
      list: { margin: [10, 0, 0, 6] },
      table: { fontSize: 8.5, lineHeight: 1.1, margin: [0, 2, 0, 10] },
      tableHeader: { bold: true, fillColor: '#D9E2F3' },
    },
  }
  return renderPdf(definition)
}

function goalContent(goal: ReportGoal, model: StatusReportModel): Content[] {
  const out: Content[] = [heading(`Delmål: ${goal.text}`, 1)]
  const rows: Cell[][] = []
  for (const indicator of goal.indicators) {
    indicator.rows.forEach((r, i) => {
      const cells: Cell[] = [i === 0 ? { lines: [r.cells.indicator], rowSpan: indicator.rows.length } : null]
      cells.push(...[r.cells.row, r.cells.baseline, r.cells.latest, r.cells.comparison, r.cells.target, r.cells.status].map((text): Cell => ({ lines: text.split('\n') })))
      rows.push(cells)
    })
  }
  out.push(table([...statusTableHeader], [...statusTableWidths], rows, ['left', 'left', 'right', 'right', 'right', 'left', 'left']))

  for (const indicator of goal.indicators) {
    out.push(heading(indicator.name, 2))
    for (const r of indicator.rows) {
      const chart: Content[] = []
      if (indicator.rows.length > 1 && r.rowLabel) chart.push({ text: r.rowLabel, style: 'h3' })
      chart.push(
        { svg: statusReportChartSvg(r.chart), width: TEXT_WIDTH, height: (TEXT_WIDTH * CHART_HEIGHT) / CHART_WIDTH, margin: [0, 2, 0, 4] },
        { text: [{ text: `${r.statusLabel}: `, bold: true }, r.status.explanation], style: 'paragraph' },
      )
      // The chart, its heading and its sentence stay on one page.
      out.push({ stack: chart, unbreakable: true })
    }
    if (indicator.breakNote) out.push({ text: indicator.breakNote, style: 'meta', italics: true })
    if (indicator.comments.length) {
      out.push({ text: `Kommentarer til ${model.periodLabel}:`, bold: true, margin: [0, 2, 0, 2], headlineLevel: KEEP_WITH_NEXT })
      out.push({ ul: indicator.comments.map((c) => c.line), style: 'list' })
    }
  }
  return out
}

/** "Åben rådgivning og tid": the tables of the section, each under its caption, and the verdicts in words. */
function counsellingContent(section: CounsellingSection): Content[] {
  const out: Content[] = [heading(section.heading, 1), { text: section.intro, style: 'paragraph' }]
  const sectionTable = (t: SectionTable): Content[] => [
    { text: t.caption, bold: true, margin: [0, 2, 0, 2], headlineLevel: KEEP_WITH_NEXT },
    table(t.header, t.widths, t.rows.map((r) => r.map((c) => ({ lines: [c.text] }))), t.align),
  ]
  if (section.sites) out.push(heading('Åbningstider og bemanding', 2), ...sectionTable(section.sites))
  if (section.referred) out.push({ text: section.referred, style: 'paragraph' })
  if (section.topics) out.push(heading('Henvendelser pr. emne', 2), ...sectionTable(section.topics))
  if (section.staff) {
    out.push(heading('Medarbejdertimer: leveret mod lovet', 2), ...sectionTable(section.staff))
    if (section.verdicts.length) out.push({ ul: section.verdicts, style: 'list' })
    if (section.staffNote) out.push({ text: section.staffNote, style: 'paragraph' })
  }
  for (const note of section.notes) out.push({ text: note, style: 'meta' })
  return out
}

/** "Unge og fritidsjob": per activity with a pathway, its sentences and tables, each under its caption. */
function youthContent(section: YouthSection): Content[] {
  const out: Content[] = [heading(section.heading, 1), { text: section.intro, style: 'paragraph' }]
  for (const part of section.parts) {
    out.push(heading(part.heading, 2))
    for (const p of part.paragraphs) out.push({ text: p, style: 'paragraph' })
    for (const t of part.tables) {
      out.push(
        { text: t.caption, bold: true, margin: [0, 2, 0, 2], headlineLevel: KEEP_WITH_NEXT },
        table(t.header, t.widths, t.rows.map((r) => r.map((c) => ({ lines: [c.text] }))), t.align),
      )
    }
  }
  for (const note of section.notes) out.push({ text: note, style: 'meta' })
  return out
}

function heading(text: string, level: 1 | 2 | 3): ContentObject {
  return { text, style: `h${level}`, headlineLevel: level }
}

/** A cell, or null where a cell from the row above reaches down (pdfmake wants a placeholder there). */
type Cell = { lines: string[]; rowSpan?: number } | null

function table(header: string[], relative: number[], rows: Cell[][], align: ('left' | 'right')[], width = TEXT_WIDTH): ContentObject {
  const columns = header.length
  // pdfmake's widths are the text inside the cells: padding and rules come on top.
  const available = width - columns * 2 * CELL_PADDING - (columns + 1) * 0.5
  const total = relative.reduce((a, b) => a + b, 0)
  const widths = relative.map((w) => Math.floor((w / total) * available * 100) / 100)
  const body = rows.map((cells) =>
    cells.map((cell, col): ContentObject => {
      if (!cell) return {}
      return { text: cell.lines.join('\n'), alignment: align[col] ?? 'left', ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}) }
    }),
  )
  // Rows covered by a spanning cell come without it: fill in the placeholders pdfmake expects.
  const grid = body.map((cells) => {
    while (cells.length < columns) cells.unshift({})
    return cells
  })
  return {
    style: 'table',
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [header.map((text, col) => ({ text, style: 'tableHeader', alignment: align[col] ?? 'left' })), ...grid],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#A6A6A6',
      vLineColor: () => '#A6A6A6',
      paddingLeft: () => CELL_PADDING,
      paddingRight: () => CELL_PADDING,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
  }
}
