import { PDF_CELL_PADDING as CELL_PADDING, PDF_HEADING_COLOUR as HEADING_COLOUR, PDF_MUTED as MUTED, PDF_PAGE, PDF_TEXT_WIDTH as TEXT_WIDTH, type PdfContent as Content, type PdfContentObject as ContentObject, type PdfPageBreakHelpers as PageBreakHelpers, type PdfNodeInfo as NodeInfo, pdfPageSetup, renderPdf } from '../../lib/pdf.ts'
import { splitFootnotes } from '../../../shared/lib/text-blocks.ts'
import { type Block, type DocumentModel, type Section, type TableBlock, tableGrid } from './agreement-document.ts'

// The agreement as a PDF, drawn from the shared layout model (agreement-document.ts) with pdfmake,
// in pure JavaScript on the server: no browser, no native code. The fonts are the Roboto files that
// ship inside pdfmake (Latin-1 and the general punctuation Danish texts use: æøå, ”, –, ½).
//
// pdfmake has no footnotes, so a mark becomes a superscript number linked to a numbered note in a
// "Noter" section at the end; the numbers are the model's, which are also Word's.

// Page, fonts and house colours: src/server/lib/pdf.ts.
const MARGIN = PDF_PAGE.margin
/** Not a heading level: marks a paragraph that must not end a page (see pageBreakBefore). */
const KEEP_WITH_NEXT = 9

export async function renderAgreementPdf(model: DocumentModel): Promise<Buffer> {
  const notes = new Set(model.footnotes.map((f) => f.mark))
  const outline = new OutlineIds()
  const content: Content[] = [{ text: model.title, style: 'title' }]
  for (const block of model.preamble) content.push(renderBlock(block, 1, notes))
  for (const section of model.sections) {
    content.push(heading(section.heading, section.level, outline, section.id))
    for (const block of section.blocks) content.push(renderBlock(block, section.level, notes))
  }
  if (model.footnotes.length) {
    content.push(heading('Noter', 1, outline, 'noter'))
    for (const f of model.footnotes) {
      content.push({ id: noteId(f.mark), style: 'note', text: [{ text: `${f.mark}  `, bold: true }, f.text] })
    }
  }

  const definition: ContentObject = {
    ...pdfPageSetup(model.properties),
    header: () => ({ text: model.headerText, alignment: 'right', fontSize: 8, color: MUTED, margin: [MARGIN, 28, MARGIN, 0] }),
    footer: (currentPage: number, pageCount: number) => ({
      text: `Side ${currentPage} af ${pageCount}`,
      alignment: 'center',
      fontSize: 9,
      color: MUTED,
      margin: [MARGIN, 20, MARGIN, 0],
    }),
    // A heading never ends a page: move it to the next page when nothing follows it on this one.
    pageBreakBefore: (node: NodeInfo, helpers: PageBreakHelpers) => node.headlineLevel !== undefined && helpers.getFollowingNodesOnPage().length === 0,
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 20, bold: true, color: HEADING_COLOUR, margin: [0, 0, 0, 12] },
      h1: { fontSize: 14, bold: true, color: HEADING_COLOUR, margin: [0, 14, 0, 6] },
      h2: { fontSize: 12.5, bold: true, color: HEADING_COLOUR, margin: [0, 12, 0, 5] },
      h3: { fontSize: 11, bold: true, color: HEADING_COLOUR, margin: [0, 9, 0, 4] },
      h4: { fontSize: 10.5, bold: true, italics: true, color: HEADING_COLOUR, margin: [0, 7, 0, 3] },
      paragraph: { margin: [0, 0, 0, 6] },
      strong: { bold: true, margin: [0, 2, 0, 4] },
      quote: { italics: true, margin: [24, 0, 0, 6] },
      meta: { fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 3] },
      list: { margin: [10, 0, 0, 6] },
      table: { fontSize: 8.5, lineHeight: 1.1, margin: [0, 2, 0, 10] },
      tableHeader: { bold: true, fillColor: '#D9E2F3' },
      totalRow: { bold: true, fillColor: '#F2F2F2' },
      note: { fontSize: 8.5, margin: [0, 0, 0, 3] },
    },
  }
  return renderPdf(definition)
}

/** Ids for the PDF's bookmarks, so each heading sits under the last heading one level up. */
class OutlineIds {
  private readonly last: string[] = []
  private count = 0

  add(level: number, id?: string): { id: string; parentId?: string } {
    const own = id ?? `h${++this.count}`
    const parentId = level > 1 ? this.last[level - 2] : undefined
    this.last[level - 1] = own
    this.last.length = level
    return parentId ? { id: own, parentId } : { id: own }
  }
}

function heading(text: string, level: number, outline: OutlineIds, id?: string): ContentObject {
  const ids = outline.add(level, id)
  return {
    text,
    style: `h${level}`,
    headlineLevel: level,
    id: ids.id,
    outline: true,
    ...(ids.parentId ? { outlineParentId: ids.parentId } : {}),
  }
}

function renderBlock(block: Block, level: Section['level'], notes: Set<number>): Content {
  switch (block.kind) {
    case 'paragraph':
      return {
        text: inline(block.text, notes),
        style: block.style ?? 'paragraph',
        // A bold lead-in ("Jobcenter Varde:", a table's title) is kept with what follows, like a heading.
        ...(block.style === 'strong' ? { headlineLevel: KEEP_WITH_NEXT } : {}),
      }
    case 'subheading': {
      const sub = Math.min(level + 1, 4)
      return { text: inline(block.text, notes), style: `h${sub}`, headlineLevel: sub }
    }
    case 'bullets':
      return { ul: block.items.map((item) => ({ text: inline(item, notes), margin: [0, 0, 0, 2] })), style: 'list' }
    case 'numbered':
      return { ol: block.items.map((item) => ({ text: inline(item, notes), margin: [0, 0, 0, 2] })), separator: ')', style: 'list' }
    case 'table':
      return renderTable(block, notes)
  }
}

function inline(text: string, notes: Set<number>): Content[] {
  return splitFootnotes(text).map((part): Content => {
    if (part.kind === 'text') return part.text
    if (!notes.has(part.mark)) return `[^${part.mark}]`
    return { text: String(part.mark), sup: true, linkToDestination: noteId(part.mark), color: HEADING_COLOUR }
  })
}

function noteId(mark: number): string {
  return `note-${mark}`
}

function renderTable(table: TableBlock, notes: Set<number>): ContentObject {
  const columns = table.header.length
  // pdfmake's widths are the text inside the cells: padding and rules come on top.
  const available = TEXT_WIDTH - columns * 2 * CELL_PADDING - (columns + 1) * 0.5
  const total = table.widths.reduce((a, b) => a + b, 0)
  const widths = table.widths.map((w) => Math.floor(((w / total) * available) * 100) / 100)
  const alignment = (col: number) => (table.align?.[col] === 'right' ? 'right' : 'left')
  const header = table.header.map((text, col) => ({ text: inline(text, notes), style: 'tableHeader', alignment: alignment(col) }))
  const body = tableGrid(table).map((cells, r) =>
    cells.map((cell, col): ContentObject => {
      // pdfmake wants a placeholder where a merged cell from above reaches down.
      if (!cell) return {}
      return {
        text: inline(cell.text, notes),
        alignment: alignment(col),
        ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
        ...(table.rows[r]?.total ? { style: 'totalRow' } : {}),
      }
    }),
  )
  return {
    style: 'table',
    table: { headerRows: 1, widths, body: [header, ...body] },
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
