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

/** Every PDF of Indsats: the definition's long words broken for layout first (`breakLongWords`). */
export function renderPdf(definition: PdfContentObject): Promise<Buffer> {
  return pdfmake().createPdf(breakLongWords(definition) as PdfContentObject).getBuffer()
}

/** Longest run of characters without a break opportunity that reaches pdfmake. */
export const PDF_LONGEST_WORD = 40
const ZERO_WIDTH_SPACE = '\u200b'
const LONG_WORD = new RegExp(`[^\\s\u200b]{${PDF_LONGEST_WORD + 1},}`, 'g')

/**
 * A text with a zero-width break opportunity after every PDF_LONGEST_WORD characters of a longer word.
 * pdfmake fits a word wider than the line by trying it ever shorter, so a 40 000-character "word"
 * took a minute and gigabytes (issue 13); broken up, it wraps like any text, and looks the same.
 */
export function breakLongWordsInText(text: string): string {
  return text.replace(LONG_WORD, (word) => word.replace(new RegExp(`(.{${PDF_LONGEST_WORD}})(?=.)`, 'gsu'), `$1${ZERO_WIDTH_SPACE}`))
}

/**
 * The document definition with every text broken by breakLongWordsInText: strings under a `text` key
 * and strings in lists (content, table cells, list items). Other strings (style names, ids, widths,
 * SVG) are left alone, and functions (header, footer) get their answer broken the same way.
 */
export function breakLongWords(node: unknown, isText = false): unknown {
  if (typeof node === 'string') return isText ? breakLongWordsInText(node) : node
  if (typeof node === 'function') return (...args: unknown[]) => breakLongWords((node as (...a: unknown[]) => unknown)(...args), isText)
  if (Array.isArray(node)) return node.map((item) => breakLongWords(item, true))
  if (node !== null && typeof node === 'object' && !(node instanceof Date) && !Buffer.isBuffer(node)) {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(node)) out[key] = key === 'svg' || key === 'info' ? value : breakLongWords(value, key === 'text')
    return out
  }
  return node
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
