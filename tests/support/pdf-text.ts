import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// Reading the text of a generated PDF, the way a person's PDF reader would: with poppler's
// pdftotext (Debian's poppler-utils, installed by .ci/run). Under CI=true a missing pdftotext is a
// failure, not a skip; elsewhere the text checks are skipped with a warning.

export const PDFTOTEXT = '/usr/bin/pdftotext'
export const hasPdftotext = fs.existsSync(PDFTOTEXT)
export const mustReadPdfText = process.env.CI === 'true'

/** Says once, for the test file `who`, that its text checks are skipped on this machine. */
export function warnIfNoPdfText(who: string): void {
  if (!hasPdftotext && !mustReadPdfText) console.warn(`${who}: skipping the PDF text checks, ${PDFTOTEXT} is missing (apt-get install poppler-utils).`)
}

/** The PDF's text in reading order, with non-breaking spaces as plain spaces. */
export function pdfText(pdf: Buffer | Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-pdftext-'))
  try {
    const file = path.join(dir, 'document.pdf')
    fs.writeFileSync(file, pdf)
    return execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
