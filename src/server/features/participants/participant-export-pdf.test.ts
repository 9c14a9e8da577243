import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParticipantExport } from '../../../shared/participants.ts'
import { hasPdftotext, mustReadPdfText as mustRun, PDFTOTEXT, pdfText, warnIfNoPdfText } from '../../../../tests/support/pdf-text.ts'
import { renderParticipantExportPdf } from './participant-export-pdf.ts'

warnIfNoPdfText('participant-export-pdf.test.ts')

/** A resident's copy as exportParticipant builds it: Danish keys, ISO days and moments. */
const copy: ParticipantExport = {
  exportedAt: '2026-03-02T09:15:00.000Z',
  plan: 'Helhedsplan for Nørager og Søparken, Sønderborg',
  participant: {
    Id: 'D-0042',
    Navn: 'Leila Nouri',
    Telefon: '20 30 40 50',
    'E-mail': 'leila@example.dk',
    Adresse: 'Stenbjergparken 1, 6400 Sønderborg',
    Fødselsår: 1985,
    Aldersgruppe: '40-49 år',
    'CPR-nummer': null,
    Boligområde: 'Nørager',
    Afdeling: null,
    Målgruppe: '6.3',
    'Målgruppe pr.': '2026-01-05',
    'Registreret den': '2026-01-05',
    Anonymiseret: null,
  },
  consents: [
    {
      'Må dele': 'Den boligsociale helhedsplan og Jobcentret',
      Oplysninger: 'Navn, adresse og telefonnummer; Job, uddannelse og praktik, og dine forløb hos os',
      Formål: 'At jobcentret og helhedsplanen sammen kan hjælpe Leila i praktik.',
      Form: 'Mundtligt',
      'Givet den': '2026-01-10',
      'Gælder til': null,
      'Trukket tilbage den': null,
      Status: 'I kraft',
    },
  ],
  enrolments: [
    {
      Aktivitet: 'Beskæftigelsesfremmende forløb',
      'Visiteret den': '2026-01-12',
      'Visiteret af': 'Fremskudt jobcenter',
      'Startet den': '2026-01-15',
      'Planlagt slut': null,
      'Afsluttet den': null,
      Afslutningsårsag: null,
      'Videre til fra': null,
      'Note ved afslutning': null,
      'Kontakt under praktik': false,
      Opfølgninger: [{ Dato: '2026-02-01', Note: 'Leila har fået en praktikplads i kantinen.' }],
      Fremmøde: [{ Dato: '2026-01-20', Aktivitet: 'Virksomhedsbesøg hos Linak', Status: 'Mødt' }],
    },
  ],
  notes: [],
  accessLog: [
    { at: '2026-01-05T10:30:00.000Z', party: 'Den boligsociale helhedsplan', purpose: 'Du blev registreret' },
    { at: '2026-02-03T13:05:00.000Z', party: 'Jobcentret', purpose: 'Dine oplysninger blev vist efter dit samtykke' },
  ],
}

describe('renderParticipantExportPdf', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-indsigt-'))
  let pdf: Buffer

  beforeAll(async () => {
    pdf = await renderParticipantExportPdf(copy)
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('writes a Danish PDF with the bundled font', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const raw = pdf.toString('latin1')
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Regular/)
    expect(raw).toContain('/Lang (da-DK)')
  })

  it('finds pdftotext when it has to', () => {
    if (mustRun) expect(hasPdftotext, `${PDFTOTEXT} is missing: install poppler-utils`).toBe(true)
  })

  describe.skipIf(!hasPdftotext && !mustRun)('text', () => {
    let text: string
    // Table cells and long lines wrap, so compare with runs of white space as one space.
    const flat = () => text.replace(/\s+/g, ' ')
    beforeAll(() => {
      fs.writeFileSync(path.join(dir, 'indsigt.pdf'), pdf)
      text = pdfText(pdf)
    })

    it('has the title, the plan, the day it was made and the sections in order', () => {
      expect(flat()).toContain('Helhedsplan: Helhedsplan for Nørager og Søparken, Sønderborg')
      expect(flat()).toContain('Lavet den: 2. marts 2026')
      const positions = ['Dine oplysninger i Indsats', 'Om dig', 'Dine samtykker', 'Dine forløb', 'Noter', 'Hvem har set dine oplysninger'].map((h) => flat().indexOf(h))
      expect(positions.every((p) => p >= 0)).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    })

    it('tells the resident what the copy is, that staff are not named, and whom to ask for a correction or erasure', () => {
      expect(flat()).toContain('ikke navnene på de enkelte medarbejdere')
      expect(flat()).toContain('Du kan også bede om at få dine oplysninger slettet. Kontakt det boligsociale team')
    })

    it('lists what is registered about the resident, with days in Danish and nothing for empty fields', () => {
      expect(flat()).toContain('Navn Leila Nouri')
      expect(flat()).toContain('Fødselsår 1985')
      expect(flat()).toContain('Registreret den 5. januar 2026')
      expect(flat()).not.toContain('CPR-nummer')
      expect(flat()).not.toContain('Anonymiseret')
    })

    it('shows each consent with what it covers, who may share, and its state', () => {
      expect(flat()).toContain('Samtykke givet 10. januar 2026')
      expect(flat()).toContain('Må dele Den boligsociale helhedsplan og Jobcentret')
      expect(flat()).toContain('Formål At jobcentret og helhedsplanen sammen kan hjælpe Leila i praktik.')
      expect(flat()).toContain('Status I kraft')
    })

    it('shows each course with its follow-ups and attendance', () => {
      expect(flat()).toContain('Beskæftigelsesfremmende forløb')
      expect(flat()).toContain('Startet den 15. januar 2026')
      expect(flat()).toContain('Kontakt under praktik Nej')
      expect(flat()).toContain('1. februar 2026 Leila har fået en praktikplads i kantinen.')
      expect(flat()).toContain('20. januar 2026 Virksomhedsbesøg hos Linak Mødt')
    })

    it('says so in a sentence when a section is empty', () => {
      expect(flat()).toContain('Noter Der er ikke skrevet nogen noter om dig.')
    })

    it('lists who looked by Danish time, party and purpose', () => {
      expect(flat()).toContain('Hvornår Hvem Hvad skete der')
      expect(flat()).toContain('5. jan. 2026, 11.30 Den boligsociale helhedsplan Du blev registreret')
      expect(flat()).toContain('3. feb. 2026, 14.05 Jobcentret Dine oplysninger blev vist efter dit samtykke')
    })

    it('keeps every line of a value longer than a page', async () => {
      const lines = Array.from({ length: 120 }, (_, i) => `Linje ${i + 1} af noten ved afslutningen.`)
      const long = { ...copy, enrolments: [{ ...copy.enrolments[0]!, 'Note ved afslutning': lines.join('\n') }] }
      const longText = pdfText(await renderParticipantExportPdf(long))
      for (const line of lines) expect(longText).toContain(line)
    })

    it('numbers every page "Side X af Y"', () => {
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [path.join(dir, 'indsigt.pdf')], { encoding: 'utf8' }))?.[1])
      expect(pages).toBeGreaterThan(0)
      expect(text).toContain(`Side 1 af ${pages}`)
      for (let n = 2; n <= pages; n++) expect(text).toContain(`Side ${n} af ${pages}`)
    })
  })
})
