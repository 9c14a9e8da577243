import JSZip from 'jszip'

// The text of a generated .docx, as a reader would see it, for assertions in tests: one line per
// paragraph (table cells are paragraphs too), tags stripped, entities decoded. Field codes (PAGE,
// NUMPAGES) are left out; their XML is in `xml` for tests that need to see the fields themselves.

export interface DocxText {
  /** word/document.xml */
  body: string
  /** word/footnotes.xml, without Word's separator notes. */
  footnotes: string
  headers: string
  footers: string
  /** Everything above, body first. */
  all: string
  /** The raw XML of every part read, by path inside the package. */
  xml: Record<string, string>
}

export interface DocxTextOptions {
  /** Keep U+00A0 as it is; by default it reads as a plain space, so "19,14 %" matches whichever was written. */
  keepNonBreakingSpaces?: boolean
}

export async function docxText(docx: Buffer | Uint8Array, options: DocxTextOptions = {}): Promise<DocxText> {
  const zip = await JSZip.loadAsync(docx)
  const xml: Record<string, string> = {}
  for (const name of Object.keys(zip.files)) {
    if (/^word\/(document|footnotes|header\d*|footer\d*)\.xml$/.test(name)) xml[name] = await zip.file(name)!.async('string')
  }
  const read = (pattern: RegExp) =>
    Object.keys(xml)
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => partText(xml[name] ?? '', options))
      .filter(Boolean)
      .join('\n')
  const body = read(/^word\/document\.xml$/)
  const footnotes = read(/^word\/footnotes\.xml$/)
  const headers = read(/^word\/header\d*\.xml$/)
  const footers = read(/^word\/footer\d*\.xml$/)
  return { body, footnotes, headers, footers, all: [body, footnotes, headers, footers].filter(Boolean).join('\n'), xml }
}

function partText(source: string, options: DocxTextOptions): string {
  const withoutSeparators = source.replace(/<w:footnote\b[^>]*w:type="(?:separator|continuationSeparator|continuationNotice)"[^>]*>[\s\S]*?<\/w:footnote>/g, '')
  const text = withoutSeparators
    .replace(/<w:instrText\b[^>]*>[\s\S]*?<\/w:instrText>/g, '')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
  const decoded = decodeEntities(text)
  const spaced = options.keepNonBreakingSpaces ? decoded : decoded.replace(/\u00a0/g, ' ')
  return spaced
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n')
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
}
