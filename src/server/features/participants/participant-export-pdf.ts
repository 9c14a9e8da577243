import { formatDate, formatDateTime, formatDay } from '../../../shared/lib/format.ts'
import type { ParticipantExport } from '../../../shared/participants.ts'
import {
  PDF_CELL_PADDING,
  PDF_HEADING_COLOUR,
  PDF_MUTED,
  PDF_PAGE,
  PDF_TEXT_WIDTH,
  type PdfContent as Content,
  type PdfContentObject as ContentObject,
  type PdfNodeInfo as NodeInfo,
  type PdfPageBreakHelpers as PageBreakHelpers,
  pdfPageSetup,
  renderPdf,
} from '../../lib/pdf.ts'

// The resident's own copy of their data (decision 008) as a PDF they can read: the same export as
// the JSON file, section by section, in short plain sentences, larger type and calm tables. The
// export's keys are already Danish labels, so every field it holds is printed without a list here
// to keep in step; only values are turned into words (dates, yes/no). Nothing is read from the
// database or the clock: the date on the front is the export's own.

const MARGIN = PDF_PAGE.margin
const TEXT_WIDTH = PDF_TEXT_WIDTH
const CELL_PADDING = PDF_CELL_PADDING
const HEADING_COLOUR = PDF_HEADING_COLOUR
const MUTED = PDF_MUTED
const RULE = '#BFBFBF'
const LABEL_FILL = '#F2F2F2'
const HEADER_FILL = '#D9E2F3'
/** Not a heading level: marks a line that must not end a page (see pageBreakBefore). */
const KEEP_WITH_NEXT = 9

const participantExportPdfText = {
  title: 'Dine oplysninger i Indsats',
  intro: [
    'Du har ret til at vide, hvilke oplysninger vi har om dig. Her er en kopi af alt det, der står om dig i Indsats. Indsats er det system, som den boligsociale helhedsplan bruger til sine aktiviteter.',
    'Du kan se, hvad der er registreret om dig. Til sidst kan du se, hvornår dine oplysninger er blevet set eller ændret, og hvorfor. Der står, om det var den boligsociale helhedsplan eller jobcentret, men ikke navnene på de enkelte medarbejdere.',
    'Er der noget, der er forkert, kan du få det rettet. Du kan også bede om at få dine oplysninger slettet. Kontakt det boligsociale team, så hjælper de dig.',
  ],
  about: {
    heading: 'Om dig',
    lead: 'Her er de oplysninger om dig, der er registreret. Oplysninger, der ikke er registreret, står ikke på listen.',
    empty: 'Der er ikke registreret nogen oplysninger om dig.',
  },
  consents: {
    heading: 'Dine samtykker',
    lead: 'Et samtykke er din tilladelse til, at den boligsociale helhedsplan og jobcentret må dele bestemte oplysninger om dig med hinanden.',
    empty: 'Der er ikke registreret noget samtykke fra dig.',
  },
  enrolments: {
    heading: 'Dine forløb',
    lead: 'Her er de forløb, du er eller har været tilmeldt, med opfølgninger og fremmøde.',
    empty: 'Du har ikke været tilmeldt et forløb.',
  },
  counselling: {
    heading: 'Rådgivning og samtaler',
    lead: 'Her er de gange, du har fået hjælp i den åbne rådgivning, hvor det er skrevet ned, at det var dig, de aftaler, der er lavet med dig, og de samtaler, en medarbejder har haft med dig.',
  },
  notes: {
    heading: 'Noter',
    lead: 'Noter er det, medarbejderne har skrevet ned om dig.',
    empty: 'Der er ikke skrevet nogen noter om dig.',
  },
  accessLog: {
    heading: 'Hvem har set dine oplysninger',
    lead: 'Her kan du se, hvornår dine oplysninger er blevet set eller ændret, hvem der gjorde det, og hvorfor. Tidspunkterne er dansk tid.',
    empty: 'Der er ikke registreret nogen, der har set dine oplysninger.',
    columns: ['Hvornår', 'Hvem', 'Hvad skete der'],
  },
} as const

/** What an empty list inside a course says, by the export's key for it. */
const emptyList: Record<string, string> = {
  Opfølgninger: 'Der er ikke registreret nogen opfølgninger.',
  Fremmøde: 'Der er ikke registreret noget fremmøde.',
}

export async function renderParticipantExportPdf(data: ParticipantExport): Promise<Buffer> {
  const t = participantExportPdfText
  const made = formatDate(data.exportedAt)
  const content: Content[] = [
    { text: t.title, style: 'title' },
    { text: [{ text: 'Helhedsplan: ', bold: true }, data.plan], style: 'meta' },
    { text: [{ text: 'Lavet den: ', bold: true }, made], style: 'meta', margin: [0, 0, 0, 14] },
    ...t.intro.map((p): Content => ({ text: p, style: 'paragraph' })),
  ]

  content.push(heading(t.about.heading, 1))
  const about = fieldRows(data.participant)
  content.push(about.length ? [lead(t.about.lead), keyValueTable(about)] : emptyNote(t.about.empty))

  if (data.consents.length === 0) content.push(heading(t.consents.heading, 1), emptyNote(t.consents.empty))
  else {
    data.consents.forEach((consent, i) => {
      const given = valueText(consent['Givet den'])
      const title = heading(given ? `Samtykke givet ${given}` : `Samtykke ${i + 1}`, 2)
      content.push(keptTogether(i === 0 ? [heading(t.consents.heading, 1), lead(t.consents.lead), title] : [title], fieldRows(consent, splitLists)))
    })
  }

  if (data.enrolments.length === 0) content.push(heading(t.enrolments.heading, 1), emptyNote(t.enrolments.empty))
  else {
    data.enrolments.forEach((enrolment, i) => {
      const title = heading(valueText(enrolment.Aktivitet) ?? `Forløb ${i + 1}`, 2)
      const details = fieldRows(Object.fromEntries(Object.entries(enrolment).filter(([key, value]) => key !== 'Aktivitet' && !Array.isArray(value))))
      content.push(keptTogether(i === 0 ? [heading(t.enrolments.heading, 1), lead(t.enrolments.lead), title] : [title], details))
      for (const [key, value] of Object.entries(enrolment)) {
        if (!Array.isArray(value)) continue
        content.push(heading(key, 3))
        const rows = value.filter(isRecord)
        content.push(rows.length ? listTable(rows) : emptyNote(emptyList[key] ?? 'Der er ikke registreret noget.'))
      }
    })
  }

  content.push(heading(t.notes.heading, 1))
  if (data.notes.length === 0) content.push(emptyNote(t.notes.empty))
  else {
    content.push(lead(t.notes.lead))
    for (const note of data.notes) content.push(noteBlock(note))
  }

  // Open counselling only when something is linked to the resident: most visits are anonymous.
  if (data.counselling && data.counselling.length > 0) {
    content.push(heading(t.counselling.heading, 1), lead(t.counselling.lead))
    for (const entry of data.counselling) {
      const head = [valueText(entry.Dato), valueText(entry.Hvad)].filter((x): x is string => x !== null).join(' – ')
      const rest = fieldRows(Object.fromEntries(Object.entries(entry).filter(([key, value]) => key !== 'Dato' && key !== 'Hvad' && value !== null)))
      content.push([{ text: head, style: 'noteHead', headlineLevel: KEEP_WITH_NEXT }, ...rest.map(([label, value]): Content => ({ text: [{ text: `${label}: `, bold: true }, value], style: 'noteBody' }))])
    }
  }

  // The last section ends without a margin below: pdfmake starts an empty page for a margin that
  // does not fit on the last one.
  content.push(heading(t.accessLog.heading, 1))
  if (data.accessLog.length === 0) content.push({ ...emptyNote(t.accessLog.empty), margin: 0 })
  else {
    content.push(
      lead(t.accessLog.lead),
      // Time and party as wide as they are, so each access reads as one line where the page allows:
      // a row split over two pages is hard to follow.
      {
        ...table(
          [...t.accessLog.columns],
          ['auto', 'auto', '*'],
          data.accessLog.map((entry) => [formatDateTime(entry.at), entry.party, entry.purpose]),
        ),
        margin: [0, 2, 0, 0],
      },
    )
  }

  const definition: ContentObject = {
    ...pdfPageSetup({
      title: t.title,
      subject: `Kopi af de oplysninger, der er registreret om ${String(data.participant.Id ?? 'deltageren')}`,
      keywords: 'indsigt, personoplysninger',
      creator: 'Indsats',
      language: 'da-DK',
      created: new Date(data.exportedAt),
    }),
    footer: (currentPage: number, pageCount: number) => ({ text: `Side ${currentPage} af ${pageCount}`, style: 'running', alignment: 'center', fontSize: 10, color: MUTED, margin: [MARGIN, 20, MARGIN, 0] }),
    // A heading never ends a page: it moves to the next page unless some of its own text follows
    // it there (the footer and a table header that moved on with its table do not count). A block
    // kept whole is reported where it would have begun, so headings go inside it (keptTogether).
    pageBreakBefore: (node: NodeInfo, helpers: PageBreakHelpers) =>
      node.headlineLevel !== undefined &&
      !helpers
        .getFollowingNodesOnPage()
        .some((n) => n.headlineLevel === undefined && n.style !== 'running' && n.style !== 'tableHeader' && n.text !== undefined),
    content,
    // Somewhat larger type and more space between lines than the staff's documents: the reader may
    // not read easily.
    defaultStyle: { font: 'Roboto', fontSize: 11.5, lineHeight: 1.3 },
    styles: {
      title: { fontSize: 22, bold: true, color: HEADING_COLOUR, margin: [0, 0, 0, 10] },
      h1: { fontSize: 16, bold: true, color: HEADING_COLOUR, margin: [0, 18, 0, 6] },
      h2: { fontSize: 13, bold: true, color: HEADING_COLOUR, margin: [0, 10, 0, 4] },
      h3: { fontSize: 11.5, bold: true, color: HEADING_COLOUR, margin: [0, 6, 0, 3] },
      meta: { fontSize: 11.5, margin: [0, 0, 0, 2] },
      paragraph: { margin: [0, 0, 0, 8] },
      empty: { margin: [0, 0, 0, 8] },
      running: {},
      table: { fontSize: 10.5, lineHeight: 1.2, margin: [0, 2, 0, 10] },
      tableHeader: { bold: true, fillColor: HEADER_FILL },
      noteHead: { bold: true, margin: [0, 4, 0, 1] },
      noteBody: { margin: [0, 0, 0, 8] },
    },
  }
  return renderPdf(definition)
}

function heading(text: string, level: 1 | 2 | 3): ContentObject {
  return { text, style: `h${level}`, headlineLevel: level, ...(level < 3 ? { outline: true } : {}) }
}

/** A section's opening sentence goes to the next page with what it introduces, as a heading does. */
function lead(text: string): ContentObject {
  return { text, style: 'paragraph', headlineLevel: KEEP_WITH_NEXT }
}

function emptyNote(text: string): ContentObject {
  return { text, style: 'empty' }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A stored value in words: days and moments in Danish form, yes or no, and numbers as written
 * (the export's numbers are years and codes, not amounts). Null when nothing is registered.
 */
function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    if (value.trim() === '') return null
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value)
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value)
    return value
  }
  return JSON.stringify(value)
}

/** A consent's categories come joined by "; ": one to a line reads more easily. */
function splitLists(key: string, text: string): string {
  return key === 'Oplysninger' ? text.split('; ').join('\n') : text
}

/** A record's registered fields as label and value, in the export's order; empty ones left out. */
function fieldRows(record: Record<string, unknown>, shape: (key: string, text: string) => string = (_, text) => text): [string, string][] {
  const rows: [string, string][] = []
  for (const [key, value] of Object.entries(record)) {
    const text = valueText(value)
    if (text !== null) rows.push([key, shape(key, text)])
  }
  return rows
}

// Table rows may break across pages (no dontBreakRows): pdfmake drops a row it must keep whole that
// is taller than a page, and a purpose or a note can be that long; and it reports a row kept whole
// where it would have begun, which misleads the rule that keeps headings with their text.
const tableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingLeft: () => CELL_PADDING + 2,
  paddingRight: () => CELL_PADDING + 2,
  paddingTop: () => 4,
  paddingBottom: () => 4,
}

/** pdfmake's widths are the text inside the cells: padding comes on top. */
function columnWidths(relative: number[]): number[] {
  const available = TEXT_WIDTH - relative.length * 2 * (CELL_PADDING + 2)
  const total = relative.reduce((a, b) => a + b, 0)
  return relative.map((w) => Math.floor((w / total) * available * 100) / 100)
}

/**
 * Headings with the table of fields they introduce, kept on one page when the table surely fits on
 * one with them; a longer one may break, as pdfmake drops whatever of a block kept whole does not
 * fit on a page, and nothing of the copy may go missing. The estimate counts 40 characters to a line
 * in the value column, where about 55 fit, and allows for the widest letters and the headings.
 *
 * Every heading that must stay with the table goes inside the block: pdfmake reports a block kept
 * whole as where it would have begun before it moved to the next page, so a heading left outside
 * would believe the table follows it on its page (see pageBreakBefore).
 */
function keptTogether(headings: ContentObject[], rows: [string, string][]): Content {
  if (rows.length === 0) return headings
  const lines = rows.reduce((n, [, value]) => n + value.split('\n').reduce((m, line) => m + Math.max(1, Math.ceil(line.length / 40)), 0), 0)
  const table = keyValueTable(rows)
  return rows.length <= 16 && lines <= 24 ? { stack: [...headings, table], unbreakable: true } : [...headings, table]
}

function keyValueTable(rows: [string, string][]): ContentObject {
  return {
    style: 'table',
    table: {
      widths: columnWidths([34, 66]),
      body: rows.map(([label, value]) => [
        { text: label, bold: true, fillColor: LABEL_FILL },
        { text: value },
      ]),
    },
    layout: tableLayout,
  }
}

function table(header: string[], widths: (number | 'auto' | '*')[], rows: string[][]): ContentObject {
  return {
    style: 'table',
    table: {
      headerRows: 1,
      widths,
      body: [header.map((text) => ({ text, style: 'tableHeader' })), ...rows.map((cells) => cells.map((text) => ({ text })))],
    },
    layout: tableLayout,
  }
}

/** A list inside a course (follow-ups, attendance) as a table with the export's keys as columns. */
function listTable(rows: Record<string, unknown>[]): ContentObject {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  // Dates are short; free text (a follow-up's note) gets the room.
  const relative = keys.map((k) => (k === 'Dato' ? 22 : k === 'Note' ? 78 : 39))
  return table(keys, columnWidths(relative), rows.map((r) => keys.map((k) => valueText(r[k]) ?? '–')))
}

/** A note as its date and subject on a line of their own, then the text, which may be long. */
function noteBlock(note: Record<string, unknown>): Content {
  const head = [valueText(note.Dato), valueText(note.Emne)].filter((s): s is string => s !== null).join(' – ')
  const rest = fieldRows(Object.fromEntries(Object.entries(note).filter(([key]) => key !== 'Dato' && key !== 'Emne' && key !== 'Note')))
  return [
    { text: head, style: 'noteHead', headlineLevel: KEEP_WITH_NEXT },
    ...rest.map(([label, value]): Content => ({ text: [{ text: `${label}: `, bold: true }, value], style: 'noteBody' })),
    { text: valueText(note.Note) ?? '–', style: 'noteBody' },
  ]
}
