import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
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
  type ParagraphChild,
} from 'docx'
import { DOCX_FONT as FONT, DOCX_HEADING_COLOUR as HEADING_COLOUR, DOCX_LANGUAGE as LANGUAGE, DOCX_MUTED as MUTED, DOCX_PAGE as PAGE, DOCX_TEXT_WIDTH as TEXT_WIDTH, packDocx } from '../../lib/docx.ts'
import { splitFootnotes } from '../../../shared/lib/text-blocks.ts'
import type { Block, DocumentModel, Section, TableBlock } from './agreement-document.ts'

// The agreement as a Word document, drawn from the shared layout model (agreement-document.ts).
// Real Word structure throughout, because the people receiving it edit it in Word: heading styles
// (the navigation pane and a table of contents work), tables with repeating header rows, lists
// through numbering definitions, native footnotes, and page numbers as fields.


const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const

export async function renderAgreementDocx(model: DocumentModel): Promise<Buffer> {
  const notes = new Set(model.footnotes.map((f) => f.mark))
  const lists = { next: 1 }
  const children: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] })]
  for (const block of model.preamble) children.push(...renderBlock(block, 1, notes, lists))
  for (const section of model.sections) children.push(...renderSection(section, notes, lists))

  const doc = new Document({
    title: model.properties.title,
    subject: model.properties.subject,
    keywords: model.properties.keywords,
    description: model.properties.description,
    creator: model.properties.creator,
    lastModifiedBy: model.properties.creator,
    revision: model.properties.revision,
    styles: styles(),
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 283 } } } }],
        },
        {
          reference: 'numbered',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1)', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 425 } } } }],
        },
      ],
    },
    footnotes: Object.fromEntries(
      model.footnotes.map((f) => [f.mark, { children: [new Paragraph({ style: 'FootnoteText', children: [new TextRun(f.text)] })] }]),
    ),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: model.headerText, size: 16, color: MUTED })] }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES], size: 18, color: MUTED }),
                ],
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

function renderSection(section: Section, notes: Set<number>, lists: { next: number }): (Paragraph | Table)[] {
  const heading = new Paragraph({
    heading: HEADINGS[section.level - 1],
    children: section.id ? [new Bookmark({ id: bookmarkName(section.id), children: [new TextRun(section.heading)] })] : [new TextRun(section.heading)],
  })
  return [heading, ...section.blocks.flatMap((b) => renderBlock(b, section.level, notes, lists))]
}

function renderBlock(block: Block, level: Section['level'], notes: Set<number>, lists: { next: number }): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'paragraph':
      return [
        new Paragraph({
          style: block.style === 'quote' ? 'Quote' : block.style === 'meta' ? 'Meta' : undefined,
          // A bold lead-in ("Jobcenter Varde:", a table's title) belongs with what follows it.
          ...(block.style === 'strong' ? { keepNext: true } : {}),
          children: inline(block.text, notes, block.style === 'strong' ? { bold: true } : {}),
        }),
      ]
    case 'subheading':
      return [new Paragraph({ heading: HEADINGS[Math.min(level, 3)], children: inline(block.text, notes) })]
    case 'bullets':
      return block.items.map((item) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: inline(item, notes) }))
    case 'numbered': {
      // Every numbered list its own instance, so each starts at 1).
      const instance = lists.next++
      return block.items.map((item) => new Paragraph({ numbering: { reference: 'numbered', level: 0, instance }, children: inline(item, notes) }))
    }
    case 'table':
      return [renderTable(block, notes), new Paragraph({ spacing: { after: 0 }, children: [] })]
  }
}

function inline(text: string, notes: Set<number>, run: { bold?: boolean } = {}): ParagraphChild[] {
  return splitFootnotes(text).map((part) => {
    if (part.kind === 'text') return new TextRun({ text: part.text, ...run })
    return notes.has(part.mark) ? new FootnoteReferenceRun(part.mark) : new TextRun({ text: `[^${part.mark}]`, ...run })
  })
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' }

function renderTable(table: TableBlock, notes: Set<number>): Table {
  const total = table.widths.reduce((a, b) => a + b, 0)
  const columnWidths = table.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH))
  const widthOf = (col: number) => ({ size: columnWidths[col] ?? 0, type: WidthType.DXA })
  const cellParagraphs = (text: string, col: number, bold: boolean) =>
    text.split('\n').map(
      (line) =>
        new Paragraph({
          style: 'TableText',
          alignment: table.align?.[col] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: inline(line, notes, bold ? { bold } : {}),
        }),
    )

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.header.map(
      (text, col) =>
        new TableCell({ width: widthOf(col), shading: { type: ShadingType.CLEAR, fill: 'D9E2F3', color: 'auto' }, children: cellParagraphs(text, col, true) }),
    ),
  })
  // Columns covered by a merged cell from above are left out of a row; docx continues the merge there.
  const reach = new Array<number>(table.header.length).fill(0)
  const rows = table.rows.map((row) => {
    const cells: TableCell[] = []
    let next = 0
    for (let col = 0; col < table.header.length; col++) {
      if ((reach[col] ?? 0) > 0) {
        reach[col] = (reach[col] ?? 0) - 1
        continue
      }
      const cell = row.cells[next++] ?? { text: '' }
      reach[col] = (cell.rowSpan ?? 1) - 1
      cells.push(
        new TableCell({
          width: widthOf(col),
          ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
          ...(row.total ? { shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } } : {}),
          children: cellParagraphs(cell.text, col, row.total === true),
        }),
      )
    }
    return new TableRow({ children: cells })
  })
  return new Table({
    rows: [header, ...rows],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  })
}

/** Word bookmark names: a letter first, then letters, digits and underscores, at most 40 characters. */
function bookmarkName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_]/g, '_')
  return (/^[A-Za-z]/.test(name) ? name : `b_${name}`).slice(0, 40)
}

function styles() {
  const run = { font: FONT, language: { value: LANGUAGE } }
  const heading = (size: number, before: number, italics = false) => ({
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { ...run, size, bold: true, italics, color: HEADING_COLOUR },
    // Headings run to two or three lines ("Revision af delaftalen (…)"): single line height, not the body's 1.1.
    paragraph: { keepNext: true, keepLines: true, spacing: { before, after: 120, line: 240, lineRule: LineRuleType.AUTO } },
  })
  return {
    default: {
      // The line rule said out loud: LibreOffice reads a bare w:line as an exact height and overlaps larger text.
      document: { run: { ...run, size: 22 }, paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } } },
      title: { run: { ...run, size: 40, bold: true, color: HEADING_COLOUR } },
      heading1: { ...heading(30, 360), paragraph: { ...heading(30, 360).paragraph, outlineLevel: 0 } },
      heading2: { ...heading(26, 280), paragraph: { ...heading(26, 280).paragraph, outlineLevel: 1 } },
      heading3: { ...heading(23, 200), paragraph: { ...heading(23, 200).paragraph, outlineLevel: 2 } },
      heading4: { ...heading(22, 160, true), paragraph: { ...heading(22, 160, true).paragraph, outlineLevel: 3 } },
    },
    paragraphStyles: [
      { id: 'Meta', name: 'Metadata', basedOn: 'Normal', next: 'Normal', run: { ...run, size: 18, color: MUTED }, paragraph: { spacing: { after: 60 } } },
      { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { ...run, italics: true }, paragraph: { indent: { left: 567 } } },
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { ...run, size: 17 }, paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: 'FootnoteText', name: 'footnote text', basedOn: 'Normal', run: { ...run, size: 18 }, paragraph: { spacing: { after: 0 } } },
    ],
  }
}

