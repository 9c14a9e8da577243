import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agreementDocumentModel, templateText } from './agreement-document.ts'
import { parseAgreementFile } from './agreement-file.ts'
import { renderAgreementPdf } from './agreement-pdf.ts'
import { hasPdftotext, mustReadPdfText as mustRun, PDFTOTEXT, pdfText, warnIfNoPdfText } from '../../../../tests/support/pdf-text.ts'

const FIXTURE = path.resolve(import.meta.dirname, '../../../../tests/fixtures/agreements/minimal.yaml')
// Debian's poppler-utils; .ci/run installs it. Without it the text checks cannot run: CI must fail,
// a developer's machine skips them and says why.
warnIfNoPdfText('agreement-pdf.test.ts')

async function render(): Promise<Buffer> {
  const parsed = parseAgreementFile(fs.readFileSync(FIXTURE, 'utf8'))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  const model = agreementDocumentModel(parsed.file, { effortAreaName: 'Beskæftigelse', revisionNumber: 3, generatedAt: new Date('2026-01-05T10:00:00Z') })
  return renderAgreementPdf(model)
}

describe('renderAgreementPdf', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-pdf-'))
  let pdf: Buffer

  beforeAll(async () => {
    pdf = await render()
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('writes a PDF without a browser', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(10_000)
    const raw = pdf.toString('latin1')
    // The Roboto files that ship with pdfmake are embedded, so every reader shows the same letters.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Regular/)
    // Headings become bookmarks, and the document says it is Danish.
    expect(raw).toContain('/Outlines')
    expect(raw).toContain('/Lang (da-DK)')
  })

  it('finds pdftotext when it has to', () => {
    if (mustRun) expect(hasPdftotext, `${PDFTOTEXT} is missing: install poppler-utils`).toBe(true)
  })

  describe.skipIf(!hasPdftotext && !mustRun)('text', () => {
    let text: string
    // Table cells wrap, so compare with runs of white space as one space.
    const flat = () => text.replace(/\s+/g, ' ')
    beforeAll(() => {
      fs.writeFileSync(path.join(dir, 'delaftale.pdf'), pdf)
      text = pdfText(pdf)
    })

    it('has the template’s headings in order', () => {
      const positions = [
        'Delaftale for indsatsområdet Beskæftigelse',
        'Navn på den boligsociale indsats, som delaftalen vedrører:',
        'Delaftalen gælder fra - til:',
        'Delaftalens parter:',
        templateText.headings.goals,
        'Medarbejderressourcer for indsatsområdet:',
        'Sammenhæng med den kommunale indsats i boligområdet:',
        'Aktivitetsnavn: Åben rådgivning',
        'Aktivitetsnavn: Praktikpladser til udsatte ledige',
        'Bilag: Overblik',
        'Noter',
      ].map((h) => flat().indexOf(h))
      expect(positions.every((p) => p >= 0)).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    })

    it('writes numbers, dates and times in Danish form', () => {
      for (const expected of [
        '19,14 %',
        '12,32 %',
        'Antal 3.207,1 / Andel 15,06 %',
        '1.736',
        'Udgang februar 2021',
        '02.06.2021',
        'Kvartalsvis',
        'Ansvarlig – Projektleder',
        '1. september 2021 – 31. august 2025',
        'kl. 12-17',
        '3-4 medarbejdere',
        '8,5 timer',
        'Hovedtotal',
      ]) {
        expect(flat()).toContain(expected)
      }
    })

    it('renders Danish letters and typographic characters with the bundled font', () => {
      expect(flat()).toContain('ÆØÅ Boligselskab')
      expect(flat()).toContain('Ærø Øst og Åby')
      expect(flat()).toContain('”Alle beboere skal have en vej ind i fællesskabet')
      expect(flat()).toContain('½ times praktik')
      expect(flat()).toContain('’skridt på vejen’')
    })

    it('numbers every page "Side X af Y"', () => {
      const pages = execFileSync('/usr/bin/pdfinfo', [path.join(dir, 'delaftale.pdf')], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1]
      expect(Number(pages)).toBeGreaterThan(1)
      for (let n = 1; n <= Number(pages); n++) expect(text).toContain(`Side ${n} af ${pages}`)
    })

    it('collects the footnotes as numbered notes at the end', () => {
      const notes = text.slice(text.lastIndexOf('Noter'))
      expect(notes).toMatch(/1\s+Landsbyggefondens Beboerdata 2020, tabel 14/)
      expect(notes).toMatch(/2\s+Andel fra oversigtstabellen/)
      expect(notes).toMatch(/3\s+Tryghed og trivsel i udsatte boligområder, VIVE 2019/)
    })
  })
})

describe('a long unbroken word in agreement text', () => {
  it.skipIf(!hasPdftotext && !mustRun)('is wrapped across lines and kept whole, letter for letter', async () => {
    const parsed = parseAgreementFile(fs.readFileSync(FIXTURE, 'utf8'))
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    const word = 'Beslutning'.repeat(1_900)
    const file = { ...parsed.file, revision: { ...parsed.file.revision, boardDecision: word } }
    const pdf = await renderAgreementPdf(agreementDocumentModel(file, { effortAreaName: 'Beskæftigelse', revisionNumber: 3, generatedAt: new Date('2026-01-05T10:00:00Z') }))
    const text = pdfText(pdf)
    const lines = text.split('\n').filter((line) => line.includes('Beslutning'))
    expect(lines.length).toBeGreaterThan(100)
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200)
    // Every letter is there: the breaks fall every 40 characters, between two "Beslutning"s.
    expect(text.replace(/[\s\u200b]/g, '').match(/Beslutning/g)?.length).toBeGreaterThanOrEqual(1_900)
  })
})
