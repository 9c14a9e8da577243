import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { DOCX_FONT as FONT, DOCX_HEADING_COLOUR as HEADING_COLOUR, DOCX_LANGUAGE as LANGUAGE, DOCX_MUTED as MUTED, DOCX_PAGE as PAGE, DOCX_TEXT_WIDTH as TEXT_WIDTH, packDocx } from '../../lib/docx.ts'
import { CHART_HEIGHT, CHART_WIDTH, chartPng, statusReportChartSvg } from './status-report-chart.ts'
import type { CounsellingSection, SectionTable } from './status-report-counselling.ts'
import type { YouthSection } from './status-report-youth.ts'
import { type ReportGoal, reportText, type StatusReportModel, statusTableHeader, statusTableWidths } from './status-report.ts'

// The status report as a Word document, drawn from the report model (status-report.ts). Real Word
// structure, as the agreement document has it (agreement-docx.ts): heading styles, tables with a
// repeating header row, the charts as pictures with alternative text, and "Side X af Y" as fields.

const PRELIMINARY = '9C4A00'
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' }

type Block = Paragraph | Table

export async function renderStatusReportDocx(model: StatusReportModel): Promise<Buffer> {
  const children: Block[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] })]
  for (const line of model.meta) children.push(new Paragraph({ style: 'Meta', children: [new TextRun(line)] }))
  children.push(
    new Paragraph({
      spacing: { before: 160 },
      children: [new TextRun({ text: model.approval.text, bold: true, ...(model.approval.locked ? {} : { color: PRELIMINARY }) })],
    }),
    new Paragraph({ style: 'Meta', children: [new TextRun(model.smallNumberNote)] }),
  )

  children.push(heading(reportText.summary, 1), new Paragraph({ children: [new TextRun(model.summary.text)] }))
  children.push(
    table(
      ['Status', 'Indikatorrækker'],
      [60, 40],
      model.summary.counts.map((c) => [[c.label], [String(c.count)]]),
      ['left', 'right'],
      TEXT_WIDTH / 2,
    ),
    spacer(),
  )

  for (const goal of model.goals) children.push(...goalBlocks(goal, model))

  children.push(heading(model.activities.heading, 1), new Paragraph({ children: [new TextRun(model.activities.text)] }))
  if (model.companies) {
    children.push(
      heading(model.companies.heading, 1),
      new Paragraph({ children: [new TextRun(model.companies.text)] }),
      table(['Tal', 'Værdi', 'Sådan tælles det'], [30, 15, 55], model.companies.lines.map((l) => [[l.label], [l.value], [l.definition]]), ['left', 'right', 'left']),
    )
  }
  if (model.counselling) children.push(...counsellingBlocks(model.counselling))
  if (model.youth) children.push(...youthBlocks(model.youth))

  const doc = new Document({
    title: model.properties.title,
    subject: model.properties.subject,
    keywords: model.properties.keywords,
    creator: model.properties.creator,
    lastModifiedBy: model.properties.creator,
    styles: styles(),
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 283 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 },
          },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: model.headerText, size: 16, color: MUTED })] })] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES], size: 18, color: MUTED })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return packDocx(doc, model.properties)
}

function goalBlocks(goal: ReportGoal, model: StatusReportModel): Block[] {
  const out: Block[] = [heading(`Delmål: ${goal.text}`, 1)]
  // One table row per indicator row; the indicator's name spans its rows.
  const rows: Cell[][] = []
  for (const indicator of goal.indicators) {
    indicator.rows.forEach((r, i) => {
      const cells: Cell[] = []
      if (i === 0) cells.push({ lines: [r.cells.indicator], rowSpan: indicator.rows.length })
      cells.push(
        ...[r.cells.row, r.cells.baseline, r.cells.latest, r.cells.comparison, r.cells.target, r.cells.status].map((text): Cell => ({ lines: text.split('\n') })),
      )
      rows.push(cells)
    })
  }
  out.push(table([...statusTableHeader], [...statusTableWidths], rows, ['left', 'left', 'right', 'right', 'right', 'left', 'left']), spacer())

  for (const indicator of goal.indicators) {
    out.push(heading(indicator.name, 2))
    for (const r of indicator.rows) {
      if (indicator.rows.length > 1 && r.rowLabel) out.push(heading(r.rowLabel, 3))
      const svg = statusReportChartSvg(r.chart)
      out.push(
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data: chartPng(svg),
              transformation: { width: CHART_WIDTH, height: CHART_HEIGHT },
              altText: { name: r.chart.title, title: r.chart.title, description: chartDescription(svg) },
            }),
          ],
        }),
        new Paragraph({ children: [new TextRun({ text: `${r.statusLabel}: `, bold: true }), new TextRun(r.status.explanation)] }),
      )
    }
    if (indicator.breakNote) out.push(new Paragraph({ style: 'Meta', children: [new TextRun({ text: indicator.breakNote, italics: true })] }))
    if (indicator.comments.length) {
      out.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: `Kommentarer til ${model.periodLabel}:`, bold: true })] }))
      for (const c of indicator.comments) out.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun(c.line)] }))
    }
  }
  return out
}

/** "Åben rådgivning og tid": the tables of the section, each under its caption, and the verdicts in words. */
function counsellingBlocks(section: CounsellingSection): Block[] {
  const out: Block[] = [heading(section.heading, 1), new Paragraph({ children: [new TextRun(section.intro)] })]
  const sectionTable = (t: SectionTable) => [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: t.caption, bold: true })] }),
    table(t.header, t.widths, t.rows.map((r) => r.map((c) => [c.text])), t.align),
    spacer(),
  ]
  if (section.sites) out.push(heading('Åbningstider og bemanding', 2), ...sectionTable(section.sites))
  if (section.referred) out.push(new Paragraph({ children: [new TextRun(section.referred)] }))
  if (section.topics) out.push(heading('Henvendelser pr. emne', 2), ...sectionTable(section.topics))
  if (section.staff) {
    out.push(heading('Medarbejdertimer: leveret mod lovet', 2), ...sectionTable(section.staff))
    for (const v of section.verdicts) out.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun(v)] }))
    if (section.staffNote) out.push(new Paragraph({ children: [new TextRun(section.staffNote)] }))
  }
  for (const note of section.notes) out.push(new Paragraph({ style: 'Meta', children: [new TextRun(note)] }))
  return out
}

/** "Unge og fritidsjob": per activity with a pathway, its sentences and tables, each under its caption. */
function youthBlocks(section: YouthSection): Block[] {
  const out: Block[] = [heading(section.heading, 1), new Paragraph({ children: [new TextRun(section.intro)] })]
  for (const part of section.parts) {
    out.push(heading(part.heading, 2))
    for (const p of part.paragraphs) out.push(new Paragraph({ children: [new TextRun(p)] }))
    for (const t of part.tables) {
      out.push(
        new Paragraph({ keepNext: true, children: [new TextRun({ text: t.caption, bold: true })] }),
        table(t.header, t.widths, t.rows.map((r) => r.map((c) => [c.text])), t.align),
        spacer(),
      )
    }
  }
  for (const note of section.notes) out.push(new Paragraph({ style: 'Meta', children: [new TextRun(note)] }))
  return out
}

/** The chart's own <desc>: the values in words, for screen readers. */
function chartDescription(svg: string): string {
  const m = /<desc>([\s\S]*?)<\/desc>/.exec(svg)
  return (m?.[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
}

function heading(text: string, level: 1 | 2 | 3): Paragraph {
  const levels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const
  return new Paragraph({ heading: levels[level - 1], children: [new TextRun(text)] })
}

function spacer(): Paragraph {
  return new Paragraph({ spacing: { after: 0 }, children: [] })
}

interface Cell {
  lines: string[]
  rowSpan?: number
}

function table(header: string[], widths: number[], rows: (Cell | string[])[][], align: ('left' | 'right')[], width = TEXT_WIDTH): Table {
  const total = widths.reduce((a, b) => a + b, 0)
  const columnWidths = widths.map((w) => Math.floor((w / total) * width))
  const paragraphs = (lines: string[], col: number, bold = false) =>
    lines.map(
      (line) =>
        new Paragraph({
          style: 'TableText',
          alignment: align[col] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: line, ...(bold ? { bold } : {}) })],
        }),
    )
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: header.map(
      (text, col) =>
        new TableCell({
          width: { size: columnWidths[col]!, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, fill: 'D9E2F3', color: 'auto' },
          children: paragraphs([text], col, true),
        }),
    ),
  })
  // Columns covered by a cell from a row above are left out of a row; docx continues the merge there.
  const reach = new Array<number>(header.length).fill(0)
  const body = rows.map((row) => {
    const cells: TableCell[] = []
    let next = 0
    for (let col = 0; col < header.length; col++) {
      if ((reach[col] ?? 0) > 0) {
        reach[col]!--
        continue
      }
      const raw = row[next++]
      const cell: Cell = Array.isArray(raw) ? { lines: raw } : (raw ?? { lines: [''] })
      reach[col] = (cell.rowSpan ?? 1) - 1
      cells.push(
        new TableCell({
          width: { size: columnWidths[col]!, type: WidthType.DXA },
          ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
          children: paragraphs(cell.lines, col),
        }),
      )
    }
    return new TableRow({ cantSplit: true, children: cells })
  })
  return new Table({
    rows: [headerRow, ...body],
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  })
}

function styles() {
  const run = { font: FONT, language: { value: LANGUAGE } }
  const heading = (size: number, before: number, outlineLevel: number) => ({
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { ...run, size, bold: true, color: HEADING_COLOUR },
    paragraph: { keepNext: true, keepLines: true, outlineLevel, spacing: { before, after: 120, line: 240, lineRule: LineRuleType.AUTO } },
  })
  return {
    default: {
      // The line rule said out loud: LibreOffice reads a bare w:line as an exact height (agreement-docx.ts).
      document: { run: { ...run, size: 21 }, paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } } },
      title: { run: { ...run, size: 36, bold: true, color: HEADING_COLOUR } },
      heading1: heading(28, 360, 0),
      heading2: heading(24, 240, 1),
      heading3: heading(21, 160, 2),
    },
    paragraphStyles: [
      { id: 'Meta', name: 'Metadata', basedOn: 'Normal', next: 'Normal', run: { ...run, size: 18, color: MUTED }, paragraph: { spacing: { after: 60 } } },
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { ...run, size: 17 }, paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
    ],
  }
}

