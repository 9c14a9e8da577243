import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { Role } from '../../src/shared/users.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { docxText } from '../support/docx-text.ts'

// The board's status report over HTTP with a real database: the Sønderborg agreement with values
// typed in for 2023, a comment, the second quarter approved; then each format is downloaded and
// read back to check what it says.

// Debian's poppler-utils. Without it the PDF's text cannot be read: CI must fail, a developer's
// machine skips those checks and says why (as agreement-pdf.test.ts does).
const PDFTOTEXT = '/usr/bin/pdftotext'
const hasPdftotext = fs.existsSync(PDFTOTEXT)
const mustRun = process.env.CI === 'true'
if (!hasPdftotext && !mustRun) console.warn(`reports.test.ts: skipping the PDF text checks, ${PDFTOTEXT} is missing (apt-get install poppler-utils).`)

let t: TestDatabase
let app: App
let sonderborg: { planId: string; agreementId: string }
let varde: { planId: string; agreementId: string }
const cookies = new Map<string, string>()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-report-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const SHARE = 'andel-offentligt-forsoergede-fuldtidspersoner'
const UNEMPLOYED = 'beboere-omfattet-af-fremskudt-jobcenter'
const ACTIVATION = 'aktiveringsgrad-blandt-ledige'
const COMMENT = 'Virksomhedsnetværket er kommet godt i gang, og flere er i praktik.'
const OLD_COMMENT = 'Dette gjaldt første kvartal.'

async function as(role: Role, p = sonderborg): Promise<string> {
  const id = `${role}:${p.planId}`
  if (!cookies.has(id)) cookies.set(id, await login(app, await makeUser(t.ctx, role, [p.planId])))
  return cookies.get(id)!
}

const url = (p: { planId: string; agreementId: string }, rest: string) => `/api/plans/${p.planId}/agreements/${p.agreementId}${rest}`

async function post(path: string, payload: object) {
  const res = await app.inject({ method: 'POST', url: url(sonderborg, path), headers: { cookie: await as('projektleder') }, payload })
  expect(res.statusCode, res.body).toBe(201)
}

async function download(format: 'docx' | 'xlsx' | 'pdf', role: Role = 'projektleder', period = '2023-Q2') {
  return app.inject({ method: 'GET', url: url(sonderborg, `/report?period=${period}&format=${format}`), headers: { cookie: await as(role) } })
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  const s = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  const v = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')
  sonderborg = { planId: s.planId, agreementId: s.agreementId }
  varde = { planId: v.planId, agreementId: v.agreementId }

  const values: object[] = [
    { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2023-Q1', share: 24 },
    { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2023-Q2', share: 32.5 },
    { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'comparison', period: '2023-Q2', share: 34.25 },
    // After the report's period: in no report for the second quarter.
    { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2023-Q3', share: 77.7 },
    { indicatorKey: SHARE, rowKey: '18-29-aar', population: 'area', period: '2023-Q2', share: 17.45 },
    { indicatorKey: SHARE, rowKey: '30-64-aar', population: 'area', period: '2023-Q2', share: 48.15 },
    // Three residents: a number the board's readers must not see.
    { indicatorKey: UNEMPLOYED, rowKey: 'alle', population: 'area', period: '2023-Q2', count: 3 },
    { indicatorKey: UNEMPLOYED, rowKey: 'alle', population: 'comparison', period: '2023-Q2', count: 1702 },
    { indicatorKey: UNEMPLOYED, rowKey: 'alle', population: 'area', period: '2023-Q1', count: 214 },
  ]
  for (const value of values) await post('/values', value)
  await post('/comments', { indicatorKey: ACTIVATION, period: '2023-Q2', text: COMMENT })
  await post('/comments', { indicatorKey: ACTIVATION, period: '2023-Q1', text: OLD_COMMENT })
  const lock = await app.inject({ method: 'PUT', url: url(sonderborg, '/periods'), headers: { cookie: await as('projektleder') }, payload: { period: '2023-Q2', locked: true } })
  expect(lock.statusCode, lock.body).toBe(200)
})

/** Text with runs of white space (table cells, wrapped lines, no-break spaces) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ')

/**
 * What every format must say about the Sønderborg agreement in the second quarter of 2023. A table
 * cell's lines read as one in Word; pdftotext reads a PDF's table row by line, across the cells, so
 * there only the cell's first line is looked for.
 */
function expectReportText(text: string, cells: 'whole' | 'first-line' = 'whole') {
  const f = flat(text)
  const cell = (value: string, below: string) => (cells === 'whole' ? `${value} ${below}` : value)
  for (const expected of [
    'Statusrapport: Delaftale for indsatsområdet Beskæftigelse',
    'Helhedsplan: Aktiv i fællesskabet · Kommune: Sønderborg',
    '2. kvartal 2023',
    'Godkendt: 2. kvartal 2023 er godkendt og låst',
    'Antal under 5 er skjult af hensyn til beboernes anonymitet',
    'Andel offentligt forsørgede fuldtidspersoner',
    'Antal beboere omfattet af det fremskudte jobcenter',
    'Aktiveringsgrad blandt de ledige',
    cell('19,14 %', '(2018)'),
    cell('50,65 %', '(2018)'),
    cell('233', '(Udgang februar 2021)'),
    '17,45 %',
    '48,15 %',
    cell('32,5 %', '(2. kvartal 2023)'),
    cell('34,25 %', '(2. kvartal 2023)'),
    cell('1.702', '(2. kvartal 2023)'),
    cell('skjult', '(2. kvartal 2023)'),
    cells === 'whole' ? 'op til 85 % over en årrække' : 'op til 85 %',
    'Bagud',
    'Intet måltal',
    'Seneste værdi 32,5 % (2. kvartal 2023) er dårligere end forventet',
    COMMENT,
    'Aktivitetstal vises her, når forløb og fremmøde registreres i Indsats.',
  ]) {
    expect(f, expected).toContain(expected)
  }
  expect(f).not.toContain('77,7')
  expect(f).not.toContain(OLD_COMMENT)
  expect(f).not.toContain('Foreløbig')
}

describe('the status report as Word', () => {
  it('downloads as an attachment with an ASCII file name, and says what the agreement’s follow-up says', async () => {
    const res = await download('docx')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(res.headers['content-disposition']).toBe('attachment; filename="statusrapport-beskaeftigelse-soenderborg-2023-Q2.docx"')
    const text = await docxText(res.rawPayload)
    expectReportText(text.body)
    expect(text.footers).toContain('Side')
    expect(text.xml['word/footer1.xml'] ?? Object.values(text.xml).find((x) => x.includes('NUMPAGES'))).toMatch(/NUMPAGES/)
    // One chart per indicator row, as pictures with alternative text.
    const zip = await JSZip.loadAsync(res.rawPayload)
    expect(Object.keys(zip.files).filter((n) => /^word\/media\/.+\.png$/.test(n))).toHaveLength(4)
    expect(text.xml['word/document.xml']).toMatch(/<wp:docPr [^>]*descr="Boligområde\/målgruppe: /)
    expect(text.xml['word/document.xml']).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
  })

  it('logs the download in the audit log', async () => {
    const before = await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'status-report').execute()
    await download('docx', 'boligsocial')
    const rows = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'status-report').orderBy('id').execute()
    expect(rows.length).toBe(before.length + 1)
    expect(rows.at(-1)).toMatchObject({
      action: 'read',
      entity_id: sonderborg.agreementId,
      plan_id: sonderborg.planId,
      details: expect.objectContaining({ period: '2023-Q2', format: 'docx', suppressed: true, threshold: 5, fileName: 'statusrapport-beskaeftigelse-soenderborg-2023-Q2.docx' }),
    })
  })
})

describe('the status report as Excel', () => {
  let wb: ExcelJS.Workbook

  beforeAll(async () => {
    const res = await download('xlsx')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-disposition']).toBe('attachment; filename="statusrapport-beskaeftigelse-soenderborg-2023-Q2.xlsx"')
    wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer)
  })

  /** The overview's table as objects keyed by its header, found below the lines of text above it. */
  function overviewRows(): Record<string, ExcelJS.Cell>[] {
    const ws = wb.getWorksheet('Oversigt')!
    let headerRow = 0
    ws.eachRow((row, n) => {
      if (!headerRow && row.getCell(1).value === 'Delmål') headerRow = n
    })
    const header = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String)
    const out: Record<string, ExcelJS.Cell>[] = []
    for (let n = headerRow + 1; ws.getRow(n).getCell(2).value; n++) {
      out.push(Object.fromEntries(header.map((h, i) => [h, ws.getRow(n).getCell(i + 1)])))
    }
    return out
  }

  it('has the overview and the values, with the overview’s header frozen and filtered', () => {
    // Sønderborg promises open counselling and staff time: their section has a sheet of its own.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Oversigt', 'Værdier', 'Åben rådgivning og tid'])
    const ws = wb.getWorksheet('Oversigt')!
    expect(ws.getCell('A1').value).toBe('Statusrapport: Delaftale for indsatsområdet Beskæftigelse')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 })
    expect(ws.autoFilter).toBeTruthy()
    expect(ws.getImages()).toHaveLength(4)
  })

  it('gives the figures as numbers with Danish-ready formats, and the hidden count as a word', () => {
    const rows = overviewRows()
    expect(rows.map((r) => r['Indikator']!.value)).toEqual([
      'Andel offentligt forsørgede fuldtidspersoner',
      'Andel offentligt forsørgede fuldtidspersoner',
      'Antal beboere omfattet af det fremskudte jobcenter (dog ikke dagpengemodtagere 26+ uger)',
      'Aktiveringsgrad blandt de ledige',
    ])
    const [young, , unemployed, activation] = rows
    expect(young!['Baseline']!.value).toBe(19.14)
    expect(young!['Baseline']!.numFmt).toBe('0.00" %"')
    expect(young!['Seneste værdi']!.value).toBe(17.45)
    expect(activation!['Seneste værdi']!.value).toBe(32.5)
    expect(activation!['Periode']!.value).toBe('2. kvartal 2023')
    expect(activation!['Kommune']!.value).toBe(34.25)
    expect(activation!['Måltal']!.value).toBe(85)
    expect(activation!['Status']!.value).toBe('Bagud')
    expect(unemployed!['Baseline']!.value).toBe(233)
    expect(unemployed!['Baseline']!.numFmt).toBe('#,##0')
    expect(unemployed!['Seneste værdi']!.value).toBe('skjult')
    expect(unemployed!['Kommune']!.value).toBe(1702)
  })

  it('lists every value up to the period with where it came from, and nothing later', () => {
    const ws = wb.getWorksheet('Værdier')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(['Indikator', 'Række', 'Gruppe', 'Periode', 'Periodenøgle', 'Andel', 'Antal', 'Definition', 'Kilde', 'Note', 'Registreret'])
    const rows: unknown[][] = []
    ws.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1))
    })
    expect(rows.map((r) => r[4])).not.toContain('2023-Q3')
    const activation = rows.find((r) => r[0] === 'Aktiveringsgrad blandt de ledige' && r[2] === 'Boligområde/målgruppe' && r[4] === '2023-Q2')!
    expect(activation.slice(3, 9)).toEqual(['2. kvartal 2023', '2023-Q2', 32.5, undefined, 'Nuværende', expect.stringMatching(/^Indtastet af projektleder/)])
    const small = rows.find((r) => String(r[0]).startsWith('Antal beboere') && r[2] === 'Boligområde/målgruppe' && r[4] === '2023-Q2')!
    expect(small[6]).toBe('skjult')
    expect(rows.find((r) => String(r[0]).startsWith('Antal beboere') && r[4] === '2023-Q1')![6]).toBe(214)
  })
})

describe('the status report as PDF', () => {
  let pdf: Buffer

  beforeAll(async () => {
    const res = await download('pdf')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toBe('attachment; filename="statusrapport-beskaeftigelse-soenderborg-2023-Q2.pdf"')
    pdf = res.rawPayload
  })

  it('is a PDF', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.toString('latin1')).toContain('/Lang (da-DK)')
  })

  it('finds pdftotext when it has to', () => {
    if (mustRun) expect(hasPdftotext, `${PDFTOTEXT} is missing: install poppler-utils`).toBe(true)
  })

  it.skipIf(!hasPdftotext && !mustRun)('says what the Word document says, with "Side X af Y" on every page', () => {
    const file = path.join(dir, 'statusrapport.pdf')
    fs.writeFileSync(file, pdf)
    const text = execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ')
    expectReportText(text, 'first-line')
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))?.[1])
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Side ${n} af ${pages}`)
    // The charts are SVG drawn into the PDF: their labels are text too.
    expect(flat(text)).toContain('Forventet vej mod måltal')
  })
})

describe('who may download it', () => {
  it('gives a board member the report, with the small count hidden', async () => {
    const res = await download('docx', 'bestyrelse')
    expect(res.statusCode, res.body).toBe(200)
    const text = flat((await docxText(res.rawPayload)).body)
    expect(text).toContain('Antal beboere omfattet af det fremskudte jobcenter')
    expect(text).toContain('skjult (2. kvartal 2023)')
    expect(text).not.toMatch(/ 3 \(2\. kvartal 2023\)/)
    const xlsx = await download('xlsx', 'bestyrelse')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer)
    const counts: unknown[] = []
    wb.getWorksheet('Værdier')!.eachRow((row) => counts.push(row.getCell(7).value))
    expect(counts).toContain('skjult')
    expect(counts).not.toContain(3)
  })

  it('hides the small count from staff too: the report is for readers outside the team', async () => {
    const text = flat((await docxText((await download('docx', 'jobcenter')).rawPayload)).body)
    expect(text).toContain('skjult (2. kvartal 2023)')
  })

  it('refuses a user of another plan', async () => {
    const res = await app.inject({ method: 'GET', url: url(sonderborg, '/report?period=2023-Q2&format=pdf'), headers: { cookie: await as('projektleder', varde) } })
    expect(res.statusCode).toBe(403)
    const wrongPlan = await app.inject({ method: 'GET', url: `/api/plans/${varde.planId}/agreements/${sonderborg.agreementId}/report?period=2023-Q2&format=pdf`, headers: { cookie: await as('projektleder', varde) } })
    expect(wrongPlan.statusCode).toBe(404)
  })

  it('answers a period or format it cannot read with a Danish 400', async () => {
    const badPeriod = await download('docx', 'projektleder', '2023-Q5')
    expect(badPeriod.statusCode).toBe(400)
    expect(badPeriod.json()).toMatchObject({ code: 'validation', issues: [{ path: 'period', message: expect.stringMatching(/^Skriv perioden som år \(2023\), halvår/) }] })
    const noDay = await download('docx', 'projektleder', '2023-02-30')
    expect(noDay.json().issues).toEqual([{ path: 'period', message: 'Perioden findes ikke i kalenderen.' }])
    const badFormat = await app.inject({ method: 'GET', url: url(sonderborg, '/report?period=2023-Q2&format=odt'), headers: { cookie: await as('projektleder') } })
    expect(badFormat.statusCode).toBe(400)
    expect(badFormat.json().issues).toEqual([{ path: 'format', message: 'Formatet skal være docx, xlsx eller pdf.' }])
  })

  it('says the figures are preliminary for a period that is not approved', async () => {
    const text = flat((await docxText((await download('docx', 'projektleder', '2023-Q1')).rawPayload)).body)
    expect(text).toContain('Foreløbig: perioden er ikke godkendt')
    expect(text).toContain('24 % (1. kvartal 2023)')
    expect(text).toContain(OLD_COMMENT)
    expect(text).not.toContain('32,5')
  })
})
