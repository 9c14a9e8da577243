import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docxText } from '../../../../tests/support/docx-text.ts'
import { agreementDocumentModel, templateText } from './agreement-document.ts'
import { renderAgreementDocx } from './agreement-docx.ts'
import { parseAgreementFile } from './agreement-file.ts'
import { renderAgreementPdf } from './agreement-pdf.ts'

// The two seed agreements, rendered, checked against what the SOURCE documents print
// (seed/sources/soenderborg-beskaeftigelse.txt and varde-beskaeftigelse.txt), not against the YAML:
// a value lost or mangled anywhere between the source, the transcription and the renderer fails
// here. Numbers are in the form a Danish reader expects: decimal comma, "." between thousands
// ("1.736", "3.207,1") and a space before the percent sign ("19,14 %").

const SEEDS = path.resolve(import.meta.dirname, '../../../../seed/agreements')
const PDFTOTEXT = '/usr/bin/pdftotext'
const hasPdftotext = fs.existsSync(PDFTOTEXT)
const mustRun = process.env.CI === 'true'

interface Checklist {
  file: string
  /** Every string must be found in the document's text (white space runs read as one space). */
  texts: string[]
  /** Rows of a table as their cells in order: each must appear as consecutive cells. */
  rows: string[][]
  footnotes: string[]
}

const headings = Object.values(templateText.headings)

const soenderborg: Checklist = {
  file: 'soenderborg-beskaeftigelse.yaml',
  texts: [
    ...headings,
    'Delaftale for indsatsområdet Beskæftigelse',
    'Den boligsociale helhedsplan',
    'Aktiv i fællesskabet',
    '1. september 2021 – 31. august 2025',
    'Jobcenter Sønderborg v. Jobaktiv og Integration og Virksomhedsservice',
    'Det fremskudte jobcenter i boligområderne (Beboerrådgivning for job og uddannelse).',
    'De lokale virksomheder tæt på boligområderne.',
    // Goals and indicators
    'Færre borgere på offentlig forsørgelse',
    'Andel offentligt forsørgede fuldtidspersoner',
    '18-29 år',
    '30-64 år',
    '19,14 %',
    '50,65 %',
    '12,32 %',
    '17,72 %',
    'Antallet af ledige beboere skal falde.',
    '233',
    '1.736',
    'De ledige skal være aktive og aktiveringsgraden skal øges.',
    'Aktiveringsgrad blandt de ledige',
    '20 %',
    '33 %',
    '2018',
    'LBF Beboerdata',
    'Udgang februar 2021',
    'Jobcenter / Kvartalsvis',
    // Targets
    '85 %',
    '12 beboere',
    '10 uger',
    // Activities
    'Praktikpladser til udsatte ledige',
    'Beskæftigelsesfremmende forløb for udsatte ledige',
    'Åben rådgivning',
    'fælles for alle delaftaler',
    // Resources, as printed and in numbers
    'Boligsocial virksomhedskonsulent: 80%',
    'Boligsocial syge- og fraværsmentor: 100%',
    'Projektleder: 38%',
    '80 %',
    '100 %',
    '38 %',
    '10 medarbejdere',
    // Target groups
    'Målgrupper 01.03.2021',
    'Målgruppen for den boligsociale indsats og for det fremskudte jobcenter er ca. 260 ledige',
    // Revision and sources
    'Delaftalen revideres løbende og mindst én gang årligt.',
    'Praktikpladser til særligt udsatte ledige, side 128-131.',
    'CFBU; Beskæftigelsesfremmende forløb for ægtefælleforsørgede kvinder, side 26-29.',
  ],
  rows: [
    ['Stenbjergparken', 'mandag', 'kl. 12-17', '3-4 medarbejdere'],
    ['Kløver-/Hvedemarken', 'tirsdag', 'kl. 12-17', '3-4 medarbejdere'],
    ['Nørager og Søstjernevej m.fl.', 'torsdag', 'kl. 12-17', '3-4 medarbejdere'],
    ['Målgrupper 01.03.2021', '22', '24', '30', '35', 'Hovedtotal'],
    ['6.1 - Dagpengemodtagere med ledighed over 26 uger', '7', '11', '7', '7', '32'],
    ['6.2 - Jobparat kontanthjælps- og overgangsydelsemodtager', '12', '15', '15', '10', '52'],
    ['6.3 - Aktivitetsparat kontanthjælps- og overgangsydelsemodtager', '14', '13', '25', '18', '70'],
    ['6.4 - Uddannelsesparat uddannelseshjælps- og overgangsydelsemodtager', '9', '10', '3', '8', '30'],
    ['6.5 - Aktivitetsparat uddannelseshjælps- og overgangsydelsemodtager', '5', '4', '1', '2', '12'],
    ['6.8 - Rehabilitent', '12', '7', '4', '8', '31'],
    ['INT-SHP - Selvforsørgelses- og hjemrejseydelsesmodtager i program', '8', '7', '13', '10', '38'],
    ['Hovedtotal', '67', '67', '68', '63', '265'],
  ],
  footnotes: ['Tryghed og trivsel i udsatte boligområder, VIVE 2019, side 6-9', 'Landsbyggefondens Beboerdata 2020, tabel 14'],
}

const varde: Checklist = {
  file: 'varde-beskaeftigelse.yaml',
  texts: [
    ...headings,
    'Delaftale for indsatsområdet Beskæftigelse',
    'Den boligsociale indsats i Isbjergparken og Lerpøtparken',
    'Det Boligsociale Team',
    '1. januar 2022 – 31. december 2025',
    'Jobcenter Varde ”Afdeling Ung” og ”Kontanthjælp & Integration.”',
    'Pro Varde – erhvervsguide',
    'Varde ungdomsskole/SSP',
    // Goals and indicators
    'Færre borgere på offentlig forsørgelse',
    'Fald i aktive jobcentersager',
    'Andelen af unge der gennemfører en ungdomsuddannelse stiger',
    'Gennemført ungdomsuddannelse',
    '22,2',
    '18,35',
    '160,3',
    '48,13 %',
    '687,5',
    '8,98 %',
    '3.207,1',
    '15,06 %',
    '121 aktive jobcentersager',
    '5 %',
    '2.402',
    '38 aktivitetsparate',
    '13,1 %',
    '289',
    '9 aktivitetsparate unge',
    '4,9 %',
    '183',
    '11 uddannelsesparate unge',
    '9,6 %',
    '114',
    '41,3 %',
    '50',
    '59,8 %',
    '5.651',
    '2019',
    '02.06.2021',
    '2020',
    'Beboerdata',
    'Opgørelse fra Varde Jobcenter',
    'Boligsociale data',
    'Ansvarlig – Projektleder',
    // Targets
    '4 oplæg',
    '1-2 hold',
    '15 borgere',
    // Activities
    'Lommepenge og fritidsjobs-indsats',
    'Fremskudt ungeindsats',
    'Fremskudt indsats for Kontanthjælp og integration',
    'Social vicevært',
    // Resources
    '5 timer pr uge i 40 uger',
    '16 timer pr uge i 40 uger',
    '44 uger',
    '16,5 timer',
    'Uddannelse og livschancer: 9 timer',
    'Beskæftigelse (denne delaftale): 8,5 timer',
    'Kriminalitetsforebyggelse: 4 timer',
    'Sammenhængskraft og medborgerskab: 8 timer',
    'Boligsociale timer: 8 timer',
    '½ time pr samtale',
    // Selection criteria and the rest
    'Borgeren har bopæl i Boligområdet.',
    'Delaftalen revideres løbende og mindst én gang om året.',
  ],
  rows: [
    ['6.1 - Dagpengemodtager', '21'],
    ['6.2 - Jobparat kontanthjælps- og overgangsydelsemodtager', '10'],
    ['6.3 - Aktivitetsparat kontanthjælps- og overgangsydelsesmodtager', '38'],
    ['6.4 - Uddannelsesparat uddannelseshjælps- og overgangsydelsesmodtager', '11'],
    ['6.5 - Aktivitetsparat uddannelseshjælps- og overgangsydelsesmodtager', '9'],
    ['6.6 - Sygedagpengemodtager', '10'],
    ['6.7 - Jobafklaringsforløb', '4'],
    ['6.8 - Rehabilitent', '11'],
    ['INT-SP - Selvforsørgende i program', '2'],
    ['INT-SHP - Selvforsørgelses- og hjemrejseydelsesmodtager i program', '5'],
    ['Sum', '121'],
    ['6.4 - Uddannelsesparat uddannelseshjælps- og overgangsydelsemodtager', '11'],
    ['6.5 - Aktivitetsparat uddannelseshjælps- og overgangsydelsemodtager', '9'],
    ['Sum', '30'],
  ],
  footnotes: [
    'Andel fra oversigtstabellen – antal under offentlig forsørgede',
    'F.eks. fra den sociale kapital fond i samarbejde med FRAK',
    'https://ungvarde.dk/download_frontend.php?id=1591',
  ],
}

function load(file: string) {
  const parsed = parseAgreementFile(fs.readFileSync(path.join(SEEDS, file), 'utf8'))
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems, null, 2)}`)
  return agreementDocumentModel(parsed.file, { effortAreaName: 'Beskæftigelse', revisionNumber: 1, generatedAt: new Date('2026-01-05T10:00:00Z') })
}

const flat = (s: string) => s.replace(/\s+/g, ' ')

/**
 * Whether `cells` appear as consecutive lines (table cells are one paragraph each in the .docx). A
 * cell may go on after a space ("Stenbjergparken (Beboerhuset)"), but "3" never matches "30".
 */
function hasRow(lines: string[], cells: string[]): boolean {
  const same = (line: string | undefined, cell: string) => line !== undefined && (line.trim() === cell || line.trim().startsWith(`${cell} `))
  return lines.some((_, i) => cells.every((cell, j) => same(lines[i + j], cell)))
}

describe.each([soenderborg, varde])('the seed $file', (checklist) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-seed-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  describe('as Word', () => {
    let body: string[]
    let all: string
    let footnotes: string
    beforeAll(async () => {
      const text = await docxText(await renderAgreementDocx(load(checklist.file)))
      body = text.body.split('\n')
      all = flat(text.all)
      footnotes = text.footnotes
    })

    it('holds every value, target, activity and resource the source prints', () => {
      expect(checklist.texts.filter((t) => !all.includes(flat(t)))).toEqual([])
    })

    it('holds the source’s tables row by row', () => {
      expect(checklist.rows.filter((row) => !hasRow(body, row))).toEqual([])
    })

    it('has the source’s footnotes as Word footnotes', () => {
      expect(footnotes.split('\n')).toEqual(checklist.footnotes)
    })
  })

  describe.skipIf(!hasPdftotext && !mustRun)('as PDF', () => {
    it('holds the same values', async () => {
      const file = path.join(dir, 'delaftale.pdf')
      fs.writeFileSync(file, await renderAgreementPdf(load(checklist.file)))
      const text = flat(execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' '))
      expect(checklist.texts.filter((t) => !text.includes(flat(t)))).toEqual([])
      expect(checklist.footnotes.filter((t) => !text.includes(t))).toEqual([])
    })
  })
})
