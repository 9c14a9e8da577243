import fs from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { docxText, type DocxText } from '../../../../tests/support/docx-text.ts'
import { agreementDocumentModel, templateText } from './agreement-document.ts'
import { renderAgreementDocx } from './agreement-docx.ts'
import { parseAgreementFile } from './agreement-file.ts'

const FIXTURE = path.resolve(import.meta.dirname, '../../../../tests/fixtures/agreements/minimal.yaml')

async function render(): Promise<Buffer> {
  const parsed = parseAgreementFile(fs.readFileSync(FIXTURE, 'utf8'))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  const model = agreementDocumentModel(parsed.file, { effortAreaName: 'Beskæftigelse', revisionNumber: 3, generatedAt: new Date('2026-01-05T10:00:00Z') })
  return renderAgreementDocx(model)
}

const count = (haystack: string, needle: string | RegExp) => haystack.split(needle).length - 1

describe('renderAgreementDocx', () => {
  let docx: Buffer
  let text: DocxText
  let zip: JSZip
  let documentXml: string

  beforeAll(async () => {
    docx = await render()
    text = await docxText(docx)
    zip = await JSZip.loadAsync(docx)
    documentXml = await zip.file('word/document.xml')!.async('string')
  })

  it('writes a Word package', () => {
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK')
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/footnotes.xml', 'docProps/core.xml']))
  })

  it('uses real heading styles, so the navigation pane lists the template’s sections and the activities', async () => {
    expect(documentXml).toContain('<w:pStyle w:val="Title"/>')
    expect(count(documentXml, '<w:pStyle w:val="Heading1"/>')).toBe(10)
    expect(count(documentXml, '<w:pStyle w:val="Heading2"/>')).toBeGreaterThanOrEqual(2)
    expect(count(documentXml, '<w:pStyle w:val="Heading3"/>')).toBeGreaterThanOrEqual(7)
    const styles = await zip.file('word/styles.xml')!.async('string')
    // The outline level is what puts a heading in the navigation pane and a table of contents.
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/)
    expect(styles).toMatch(/w:styleId="Heading3"[\s\S]*?<w:outlineLvl w:val="2"\/>/)
    expect(text.body).toContain(templateText.headings.goals)
    expect(text.body).toContain('Aktivitetsnavn: Åben rådgivning')
  })

  it('draws tables as Word tables with a repeating header row and merged goal cells', () => {
    // Goal table, two target-group tables (one in the municipal section, one under the activity),
    // opening hours, the annex's resources and unreferenced snapshot.
    expect(count(documentXml, '<w:tbl>')).toBe(6)
    expect(count(documentXml, '<w:tblHeader/>')).toBe(6)
    expect(documentXml).toContain('<w:vMerge w:val="restart"/>')
    expect(documentXml).toContain('<w:vMerge w:val="continue"/>')
    const lines = text.body.split('\n')
    const header = lines.indexOf('Delmål')
    expect(lines.slice(header, header + 6)).toEqual(['Delmål', 'Indikator', 'Baseline boligområde / målgruppe', 'Evt. anden baseline (kommune)', 'Baseline år', 'Datakilde'])
  })

  it('writes numbers, dates and times in Danish form', () => {
    for (const expected of [
      'a. 18-29 år: 19,14 %',
      'a. 12,32 %',
      'b. Antal 3.207,1 / Andel 15,06 %',
      '121 aktive jobcentersager / 5 % af alle sager i VK',
      '1.736',
      'Udgang februar 2021',
      'februar 2021',
      '02.06.2021',
      'Jobcenter / Kvartalsvis',
      'Ansvarlig – Projektleder',
      '1. september 2021 – 31. august 2025',
      'kl. 12-17',
      '3-4 medarbejdere',
      'Beskæftigelse (denne delaftale): 8,5 timer – Beboere med en sag i jobcenteret',
      'mindst 16 timer pr. uge i 44 uger',
      'Målgrupper 01.03.2021',
    ]) {
      expect(text.body).toContain(expected)
    }
  })

  it('keeps Danish letters and typographic characters', () => {
    expect(text.body).toContain('ÆØÅ Boligselskab')
    expect(text.body).toContain('”Alle beboere skal have en vej ind i fællesskabet og på arbejdsmarkedet')
    expect(text.body).toContain('½ times praktik')
  })

  it('makes bullet and numbered lists from numbering definitions, each numbered list from 1', async () => {
    const numbering = await zip.file('word/numbering.xml')!.async('string')
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>')
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>')
    expect(numbering).toContain('<w:lvlText w:val="%1)"/>')
    // Two numbered lists (content and selection criteria) are two lists, not one running on.
    const numIds = new Set([...documentXml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]))
    expect(numIds.size).toBeGreaterThanOrEqual(3)
  })

  it('makes native footnotes for the text’s marks, numbered in reading order', async () => {
    expect(count(documentXml, /<w:footnoteReference w:id="\d+"\/>/)).toBe(3)
    expect(text.footnotes.split('\n')).toEqual(['Landsbyggefondens Beboerdata 2020, tabel 14', 'Andel fra oversigtstabellen', 'Tryghed og trivsel i udsatte boligområder, VIVE 2019'])
    // The footnote nobody points at is not lost: it is listed in the annex.
    expect(text.body).toContain('En note som ingen tekst henviser til')
  })

  it('puts the title in the header and "Side X af Y" as fields in the footer', () => {
    expect(text.headers).toBe('Delaftale for indsatsområdet Beskæftigelse · Ærø Øst og Åby')
    expect(text.footers).toBe('Side  af')
    const footer = Object.entries(text.xml).find(([name]) => name.startsWith('word/footer'))![1]
    expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/)
    expect(footer).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/)
  })

  it('sets A4 portrait, the Danish language and the document properties', async () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    const styles = await zip.file('word/styles.xml')!.async('string')
    expect(styles).toContain('<w:lang w:val="da-DK"/>')
    const core = await zip.file('docProps/core.xml')!.async('string')
    expect(core).toContain('<dc:title>Delaftale for indsatsområdet Beskæftigelse</dc:title>')
    expect(core).toContain('<dc:language>da-DK</dc:language>')
    expect(core).toContain('<dc:creator>Indsats</dc:creator>')
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T10:00:00Z</dcterms:created>')
  })

  it('gives each activity a bookmark, so it can be linked to', () => {
    expect(documentXml).toMatch(/<w:bookmarkStart w:name="aktivitet_aaben_raadgivning" w:id="\d+"\/>|<w:bookmarkStart w:id="\d+" w:name="aktivitet_aaben_raadgivning"\/>/)
  })

  it('renders the same text every time', async () => {
    const again = await docxText(await render())
    expect(again.all).toBe(text.all)
  })
})
