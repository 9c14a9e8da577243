import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { agreementDocumentModel } from './agreement-document.ts'
import { renderAgreementDocx } from './agreement-docx.ts'
import { parseAgreementFile } from './agreement-file.ts'

// A second opinion on the .docx: LibreOffice must open it and lay it out. Word is not available
// here; LibreOffice is the strictest reader we have, and what many municipalities use.
// .ci/run installs libreoffice-writer-nogui; CI fails without it, a developer's machine skips.

const FIXTURE = path.resolve(import.meta.dirname, '../../../../tests/fixtures/agreements/minimal.yaml')
const SOFFICE = '/usr/bin/soffice'
const PDFTOTEXT = '/usr/bin/pdftotext'
const hasSoffice = fs.existsSync(SOFFICE)
const mustRun = process.env.CI === 'true'
if (!hasSoffice && !mustRun) console.warn(`agreement-docx-libreoffice.test.ts: skipping, ${SOFFICE} is missing (apt-get install libreoffice-writer-nogui).`)

describe('the Word document in LibreOffice', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-lo-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('finds LibreOffice when it has to', () => {
    if (mustRun) expect(hasSoffice, `${SOFFICE} is missing: install libreoffice-writer-nogui`).toBe(true)
  })

  it.skipIf(!hasSoffice && !mustRun)(
    'converts to a PDF with the content, the tables and the page numbers',
    async () => {
      const parsed = parseAgreementFile(fs.readFileSync(FIXTURE, 'utf8'))
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
      const model = agreementDocumentModel(parsed.file, { effortAreaName: 'Beskæftigelse', revisionNumber: 3, generatedAt: new Date('2026-01-05T10:00:00Z') })
      const docx = path.join(dir, 'delaftale.docx')
      fs.writeFileSync(docx, await renderAgreementDocx(model))

      // A fresh profile: no state from (or lock conflict with) anyone's running LibreOffice.
      const profile = `file://${path.join(dir, 'profile')}`
      execFileSync(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 90_000 })

      const pdf = path.join(dir, 'delaftale.pdf')
      expect(fs.existsSync(pdf)).toBe(true)
      const bytes = fs.readFileSync(pdf)
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(bytes.length).toBeGreaterThan(20_000)

      if (!fs.existsSync(PDFTOTEXT)) return
      const text = execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
      expect(text).toContain('Delaftale for indsatsområdet Beskæftigelse')
      expect(text).toContain('Aktivitetsnavn: Åben rådgivning')
      expect(text).toContain('19,14 %')
      expect(text).toContain('Åbakken (Fælleshuset)')
      // The footer's fields were computed: "Side 1 af N" with a real number.
      expect(text).toMatch(/Side 1 af [2-9]/)
      // Footnotes laid out as footnotes, with their text.
      expect(text).toContain('Tryghed og trivsel i udsatte boligområder, VIVE 2019')
    },
    120_000,
  )
})
