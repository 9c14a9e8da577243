import { createRequire } from 'node:module'
import path from 'node:path'

// The one pdfmake instance every PDF of Indsats is drawn with: pure JavaScript on the server, no
// browser and no native code. The fonts are the Roboto files shipped inside pdfmake (Latin-1 and
// the general punctuation Danish texts use: æøå, ”, –, ½). A document fetches nothing: every URL is
// refused and only the font folder may be read.

// pdfmake 0.3 ships no type declarations; these are the few parts of its API Indsats uses.
export type PdfContent = string | PdfContentObject | PdfContent[]
export interface PdfContentObject {
  [key: string]: unknown
}
interface PdfMake {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void
  setUrlAccessPolicy(allow: (url: string) => boolean): void
  setLocalAccessPolicy(allow: (file: string) => boolean): void
  createPdf(definition: PdfContentObject): { getBuffer(): Promise<Buffer> }
}
/** What pdfmake tells pageBreakBefore about the nodes after a candidate break. */
export interface PdfNodeInfo {
  headlineLevel?: number
  text?: unknown
  svg?: unknown
  style?: unknown
}
export interface PdfPageBreakHelpers {
  getFollowingNodesOnPage(): PdfNodeInfo[]
}

const require = createRequire(import.meta.url)
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto')

// Loaded at the first PDF, not when the server starts: pdfmake and its font engine are large.
let instance: PdfMake | undefined
function pdfmake(): PdfMake {
  if (instance) return instance
  const loaded = require('pdfmake') as PdfMake
  loaded.setFonts({
    Roboto: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  })
  loaded.setUrlAccessPolicy(() => false)
  loaded.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR + path.sep))
  instance = loaded
  return loaded
}

/** A4 portrait with 2 cm margins, in points, and the house colours of Indsats's documents. */
export const PDF_PAGE = { width: 595.28, margin: 56.7 } as const
export const PDF_TEXT_WIDTH = PDF_PAGE.width - 2 * PDF_PAGE.margin
export const PDF_CELL_PADDING = 4
export const PDF_HEADING_COLOUR = '#1F3864'
export const PDF_MUTED = '#595959'

export function renderPdf(definition: PdfContentObject): Promise<Buffer> {
  return pdfmake().createPdf(definition).getBuffer()
}

/** What a document states about itself in the PDF (title, author, language …). */
export interface PdfProperties {
  title: string
  subject: string
  keywords: string
  creator: string
  language: string
  created: Date
}

/** A4 portrait with the house margins, the document's language and its information dictionary. */
export function pdfPageSetup(p: PdfProperties): PdfContentObject {
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [PDF_PAGE.margin, PDF_PAGE.margin, PDF_PAGE.margin, PDF_PAGE.margin],
    language: p.language,
    info: {
      title: p.title,
      author: p.creator,
      subject: p.subject,
      keywords: p.keywords,
      creator: p.creator,
      producer: 'Indsats',
      creationDate: p.created,
      modDate: p.created,
    },
  }
}
