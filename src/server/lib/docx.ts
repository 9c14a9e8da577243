import { Packer, type Document } from 'docx'

// What every Word document of Indsats shares: page, font, language and colours, and document
// properties with the language set (the docx library writes no dc:language; Word and screen readers
// read the document's language from it).

// Arial rather than Calibri: LibreOffice substitutes Liberation Sans, which has Arial's exact metrics,
// so pages break the same way in Word and in LibreOffice.
export const DOCX_FONT = 'Arial'
export const DOCX_LANGUAGE = 'da-DK'
/** A4 portrait with 2 cm margins, in twentieths of a point. */
export const DOCX_PAGE = { width: 11906, height: 16838, margin: 1134 } as const
export const DOCX_TEXT_WIDTH = DOCX_PAGE.width - 2 * DOCX_PAGE.margin
export const DOCX_HEADING_COLOUR = '1F3864'
export const DOCX_MUTED = '595959'

export interface DocxProperties {
  title: string
  subject: string
  keywords: string
  creator: string
  description?: string
  language: string
  /** The revision of what the document shows, when it has one. */
  revision?: number
  created: Date
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function coreProperties(p: DocxProperties): string {
  const when = p.created.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${xml(p.title)}</dc:title>`,
    `<dc:subject>${xml(p.subject)}</dc:subject>`,
    `<dc:creator>${xml(p.creator)}</dc:creator>`,
    `<cp:keywords>${xml(p.keywords)}</cp:keywords>`,
    ...(p.description !== undefined ? [`<dc:description>${xml(p.description)}</dc:description>`] : []),
    `<dc:language>${p.language}</dc:language>`,
    `<cp:lastModifiedBy>${xml(p.creator)}</cp:lastModifiedBy>`,
    ...(p.revision !== undefined ? [`<cp:revision>${p.revision}</cp:revision>`] : []),
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('')
}

/** The .docx bytes, with Indsats's document properties (language included). */
export function packDocx(doc: Document, properties: DocxProperties): Promise<Buffer> {
  return Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreProperties(properties) }])
}
