import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { FollowUp, ImportPreview, IndicatorSeries } from '../../src/shared/indicators.ts'
import type { DetectedTable, ValueMappingDto } from '../../src/shared/value-mappings.ts'
import type { Role } from '../../src/shared/users.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { commitImport } from '../../src/server/features/indicators/indicators.service.ts'
import { findMapping, listMappings, previewMappedImport } from '../../src/server/features/indicators/value-mappings.service.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

// LBF Beboerdata tables imported with a saved mapping: mapped once, then next year's file in one step.

let t: TestDatabase
let app: App
let varde: { planId: string; agreementId: string }
const cookies = new Map<string, string>()

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  const v = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')
  varde = { planId: v.planId, agreementId: v.agreementId }
})

async function as(role: Role): Promise<string> {
  if (!cookies.has(role)) cookies.set(role, await login(app, await makeUser(t.ctx, role, [varde.planId])))
  return cookies.get(role)!
}

const url = (rest: string) => `/api/plans/${varde.planId}/agreements/${varde.agreementId}${rest}`
const INDICATOR = 'offentligt-forsoergede-fuldtidspersoner'

/** An LBF Beboerdata table 14 with ten years ending in `lastYear`; "." where Danmarks Statistik suppressed. */
async function table14(lastYear: number, labels: [string, string] = ['18-29-årige', '30-64-årige']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.addWorksheet('Forside').addRow(['LBF Beboerdata', 'Boligområdet Vestervang, Varde'])
  const ws = wb.addWorksheet('Tabel 14')
  ws.addRow(['Tabel 14. Antal og andel offentligt forsørgede fuldtidspersoner'])
  ws.addRow(['Kilde: Danmarks Statistik'])
  const years = Array.from({ length: 10 }, (_, i) => lastYear - 9 + i)
  ws.addRow(['', ...years.map(String)])
  // The same figure for the same year in every file: next year's download repeats nine of them.
  ws.addRow([labels[0], ...years.map((y) => (y === 2016 || y === 2021 ? '.' : 20 + (y - 2014) / 10))])
  ws.addRow([labels[1], ...years.map((y) => 160 + (y - 2014) + 0.3)])
  ws.addRow(['65 år og derover', ...years.map(() => '.')])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function upload(role: Role, path: string, bytes: Buffer) {
  return app.inject({ method: 'POST', url: url(path), headers: { cookie: await as(role), 'content-type': 'application/octet-stream' }, payload: bytes })
}

async function followUp(): Promise<FollowUp> {
  const res = await app.inject({ method: 'GET', url: url('/follow-up'), headers: { cookie: await as('projektleder') } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

const series = (f: FollowUp, rowKey: string): IndicatorSeries => f.series.find((s) => s.indicatorKey === INDICATOR && s.rowKey === rowKey)!

const definition = {
  name: 'Beboerdata tabel 14',
  sheet: 'Tabel 14',
  population: 'area',
  measure: 'count',
  rows: [
    { label: '18-29-årige', indicatorKey: INDICATOR, rowKey: '18-29-aarige' },
    { label: '30-64-årige', indicatorKey: INDICATOR, rowKey: '30-64-aarige' },
  ],
}

let mapping: ValueMappingDto

describe('Beboerdata mappings', () => {
  it('detects the table in a Beboerdata file: sheet, years and row labels', async () => {
    const res = await upload('boligsocial', '/imports/detect?fileName=tabel14-2023.xlsx', await table14(2023))
    expect(res.statusCode, res.body).toBe(200)
    const detected: DetectedTable = res.json()
    expect(detected).toMatchObject({ sheet: 'Tabel 14', headerRow: 3, labelColumn: { letter: 'A', header: '' }, sheets: ['Forside', 'Tabel 14'] })
    expect(detected.years.map((y) => y.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023])
    expect(detected.rowLabels).toEqual(['18-29-årige', '30-64-årige', '65 år og derover'])
  })

  it('refuses a board member creating a mapping, but lets them list mappings', async () => {
    const res = await app.inject({ method: 'POST', url: url('/value-mappings'), headers: { cookie: await as('bestyrelse') }, payload: definition })
    expect(res.statusCode).toBe(403)
    const list = await app.inject({ method: 'GET', url: url('/value-mappings'), headers: { cookie: await as('bestyrelse') } })
    expect(list.statusCode).toBe(200)
  })

  it('refuses a mapping to an indicator row the agreement does not have', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url('/value-mappings'),
      headers: { cookie: await as('projektleder') },
      payload: { ...definition, rows: [{ label: '18-29-årige', indicatorKey: INDICATOR, rowKey: '18-24-aarige' }] },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().issues[0]).toMatchObject({ path: 'rows.0.rowKey', message: expect.stringContaining('Rækken "18-24-aarige" findes ikke') })
  })

  it('saves a mapping, audits it, and refuses a second one with the same name', async () => {
    const res = await app.inject({ method: 'POST', url: url('/value-mappings'), headers: { cookie: await as('projektleder') }, payload: definition })
    expect(res.statusCode, res.body).toBe(201)
    mapping = res.json()
    expect(mapping).toMatchObject({ name: 'Beboerdata tabel 14', source: 'beboerdata', definition, createdBy: expect.stringMatching(/^projektleder/) })
    const again = await app.inject({ method: 'POST', url: url('/value-mappings'), headers: { cookie: await as('projektleder') }, payload: { ...definition, name: 'beboerdata TABEL 14' } })
    expect(again.statusCode).toBe(409)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'value-mapping').execute()
    expect(audit).toEqual([{ action: 'create', entity_id: mapping.id }])
  })

  it('imports a 2023 file with the mapping in two steps: 2 rows × 10 years minus suppressed cells, with provenance', async () => {
    const res = await upload('jobcenter', `/imports?fileName=tabel14-2023.xlsx&mappingId=${mapping.id}`, await table14(2023))
    expect(res.statusCode, res.body).toBe(201)
    const preview: ImportPreview = res.json()
    expect(preview.problems).toEqual([])
    expect(preview.valueCount).toBe(18) // 20 minus the two "." for the 18-29-årige
    expect(preview.format).toBe('beboerdata: Beboerdata tabel 14')
    expect(preview.values[0]).toEqual({ indicatorKey: INDICATOR, rowKey: '18-29-aarige', population: 'area', period: '2014', share: null, count: 20, row: 4 })
    const commit = await app.inject({ method: 'POST', url: url(`/imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(commit.statusCode, commit.body).toBe(200)
    expect(commit.json()).toEqual({ valueCount: 18, unchanged: 0 })

    const f = await followUp()
    const young = series(f, '18-29-aarige').values
    expect(young.map((v) => v.period)).toEqual(['2014', '2015', '2017', '2018', '2019', '2020', '2022', '2023'])
    expect(young.find((v) => v.period === '2015')).toMatchObject({ count: 20.1, share: null, population: 'area' })
    expect(series(f, '30-64-aarige').values).toHaveLength(10)
    expect(series(f, '30-64-aarige').values.at(-1)).toMatchObject({
      period: '2023',
      count: 169.3,
      provenance: { kind: 'imported', importId: preview.importId, fileName: 'tabel14-2023.xlsx', row: 5, sheet: 'Tabel 14', source: 'beboerdata: Beboerdata tabel 14' },
    })
  })

  it('imports next year\'s file in one step with the same mapping, as the command line does: only 2024 is new', async () => {
    const cli = systemAuthority('cli')
    const found = await findMapping(t.ctx, cli, varde.agreementId, 'beboerdata tabel 14')
    expect(found.id).toBe(mapping.id)
    expect((await listMappings(t.ctx, cli, varde.agreementId)).map((m) => m.name)).toEqual(['Beboerdata tabel 14'])
    const { preview, suppressed } = await previewMappedImport(t.ctx, cli, varde.agreementId, found.id, { name: 'tabel14-2024.xlsx', bytes: await table14(2024) })
    expect(preview.problems).toEqual([])
    expect(suppressed).toBe(2)
    expect(preview).toMatchObject({ valueCount: 18, unchanged: 16, replacing: 0 })
    expect(await commitImport(t.ctx, cli, varde.agreementId, preview.importId)).toEqual({ valueCount: 2, unchanged: 16 })
    const f = await followUp()
    expect(series(f, '18-29-aarige').values.at(-1)).toMatchObject({ period: '2024', count: 21 })
    expect(series(f, '30-64-aarige').values.at(-1)).toMatchObject({ period: '2024', count: 170.3, provenance: { kind: 'imported', fileName: 'tabel14-2024.xlsx' } })
  })

  it('reports a located problem and saves nothing when the file\'s labels have changed', async () => {
    const before = await t.db.selectFrom('indicator_value').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const res = await upload('jobcenter', `/imports?fileName=tabel14-2025.xlsx&mappingId=${mapping.id}`, await table14(2025, ['18-29 år', '30-64-årige']))
    expect(res.statusCode, res.body).toBe(201)
    const preview: ImportPreview = res.json()
    expect(preview.valueCount).toBe(0)
    expect(preview.problems).toEqual([
      {
        row: 3,
        column: 'A',
        sheet: 'Tabel 14',
        message: 'Rækken "18-29-årige" fra opsætningen "Beboerdata tabel 14" findes ikke i tabellen. Tabellen har rækkerne "18-29 år", "30-64-årige", "65 år og derover". Ret opsætningen, hvis tabellen har skiftet tekst.',
      },
    ])
    const commit = await app.inject({ method: 'POST', url: url(`/imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(commit.statusCode).toBe(400)
    const after = await t.db.selectFrom('indicator_value').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('replaces a mapping\'s definition, audits the one before, and the new labels then import', async () => {
    const next = { ...definition, rows: [{ ...definition.rows[0]!, label: '18-29 år' }, definition.rows[1]!] }
    const res = await app.inject({ method: 'PUT', url: url(`/value-mappings/${mapping.id}`), headers: { cookie: await as('boligsocial') }, payload: next })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ id: mapping.id, definition: next, updatedBy: expect.stringMatching(/^boligsocial/) })
    const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).where('entity', '=', 'value-mapping').where('action', '=', 'update').executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ before: definition, after: next })
    const board = await app.inject({ method: 'PUT', url: url(`/value-mappings/${mapping.id}`), headers: { cookie: await as('bestyrelse') }, payload: next })
    expect(board.statusCode).toBe(403)
    const upload2025 = await upload('jobcenter', `/imports?fileName=tabel14-2025.xlsx&mappingId=${mapping.id}`, await table14(2025, ['18-29 år', '30-64-årige']))
    expect((upload2025.json() as ImportPreview).problems).toEqual([])
  })

  it('does not find a mapping of another agreement', async () => {
    const res = await upload('jobcenter', `/imports?fileName=x.xlsx&mappingId=00000000-0000-4000-8000-000000000000`, await table14(2023))
    expect(res.statusCode).toBe(404)
  })
})
