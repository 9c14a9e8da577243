import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { suppressTable } from '../../src/server/features/indicators/suppression.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { TargetGroupPreview, TargetGroupSnapshots } from '../../src/shared/target-groups.ts'
import type { Role } from '../../src/shared/users.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

let t: TestDatabase
let app: App
let sonderborg: string
let varde: string
const cookies = new Map<string, string>()
const fixture = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/imports/soenderborg-maalgrupper-2021-03-01.csv'))

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  sonderborg = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  varde = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')).planId
})

async function as(role: Role, planId = sonderborg): Promise<string> {
  const id = `${role}:${planId}`
  if (!cookies.has(id)) cookies.set(id, await login(app, await makeUser(t.ctx, role, [planId])))
  return cookies.get(id)!
}

async function upload(role: Role, fileName: string, bytes: Buffer, planId = sonderborg) {
  return app.inject({
    method: 'POST',
    url: `/api/plans/${planId}/target-groups/imports?fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie: await as(role, planId), 'content-type': 'application/octet-stream' },
    payload: bytes,
  })
}

async function commit(role: Role, importId: string, planId = sonderborg) {
  return app.inject({ method: 'POST', url: `/api/plans/${planId}/target-groups/imports/${importId}/commit`, headers: { cookie: await as(role, planId) } })
}

async function snapshots(role: Role, planId = sonderborg): Promise<TargetGroupSnapshots> {
  const res = await app.inject({ method: 'GET', url: `/api/plans/${planId}/target-groups`, headers: { cookie: await as(role, planId) } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

const numbers = (s: TargetGroupSnapshots['snapshots'][number]) => ({
  rows: s.rows.map((r) => [r.code, r.counts.map((c) => c.value), r.total.value]),
  columnTotals: s.columnTotals.map((c) => c.value),
  grandTotal: s.grandTotal.value,
})

describe('target-group counts', () => {
  it('shows a file with located problems and refuses to commit it, saving nothing', async () => {
    const broken = ['Dato;Kode;Betegnelse;Afdeling;Antal', '01.03.2021;6.1;Dagpengemodtagere;22;7', '01.03.2021;7.1;Ukendt;22;3', '01.03.2021;6.2;Jobparate;24;mange'].join('\n')
    const res = await upload('jobcenter', 'forkert.csv', Buffer.from(broken, 'utf8'))
    expect(res.statusCode, res.body).toBe(201)
    const preview = res.json() as TargetGroupPreview
    expect(preview.problems.map((p) => [p.row, p.column?.[0]])).toEqual([
      [3, 'B'],
      [4, 'E'],
    ])
    const refused = await commit('jobcenter', preview.importId)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toContain('Intet er gemt')
    expect((await snapshots('projektleder')).snapshots).toEqual([])
  })

  it('imports the job centre\'s table in two steps and adds up rows, departments and the whole', async () => {
    const res = await upload('jobcenter', 'soenderborg-maalgrupper-2021-03-01.csv', fixture)
    expect(res.statusCode, res.body).toBe(201)
    const preview = res.json() as TargetGroupPreview
    expect(preview).toMatchObject({ problems: [], rowCount: 28, dates: ['2021-03-01'], format: 'csv' })
    expect(preview.rows[0]).toEqual({ date: '2021-03-01', code: '6.1', label: 'Dagpengemodtagere med ledighed over 26 uger', department: '22', count: 7, row: 3 })
    const committed = await commit('jobcenter', preview.importId)
    expect(committed.statusCode, committed.body).toBe(200)
    expect(committed.json()).toEqual({ rowCount: 28, unchanged: 0 })
    expect((await commit('jobcenter', preview.importId)).statusCode).toBe(409)

    const staff = await snapshots('projektleder')
    expect(staff.suppressed).toBe(false)
    const [s] = staff.snapshots
    expect(s!.date).toBe('2021-03-01')
    expect(s!.departments).toEqual(['22', '24', '30', '35'])
    expect(s!.rows.map((r) => r.code)).toEqual(['6.1', '6.2', '6.3', '6.4', '6.5', '6.8', 'INT-SHP'])
    expect(numbers(s!).columnTotals).toEqual([67, 67, 68, 63])
    expect(numbers(s!).grandTotal).toBe(265)
    expect(s!.rows.find((r) => r.code === '6.5')!.counts.map((c) => c.value)).toEqual([5, 4, 1, 2])
    expect(s!.rows.flatMap((r) => r.counts).some((c) => c.hidden)).toBe(false)

    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'target-group-import').execute()
    expect(audit).toEqual([{ action: 'create', entity: 'target-group-import' }])

    // The same file again adds nothing; one changed count is the only row written.
    const again = (await upload('jobcenter', 'igen.csv', fixture)).json() as TargetGroupPreview
    expect((await commit('jobcenter', again.importId)).json()).toEqual({ rowCount: 0, unchanged: 28 })
    const changed = (await upload('jobcenter', 'rettet.csv', Buffer.from(fixture.toString('utf8').replace(';22;7\r\n', ';22;8\r\n'), 'utf8'))).json() as TargetGroupPreview
    expect((await commit('jobcenter', changed.importId)).json()).toEqual({ rowCount: 1, unchanged: 27 })
    expect(numbers((await snapshots('projektleder')).snapshots[0]!).grandTotal).toBe(266)
    const back = (await upload('jobcenter', 'tilbage.csv', fixture)).json() as TargetGroupPreview
    expect((await commit('jobcenter', back.importId)).json()).toEqual({ rowCount: 1, unchanged: 27 })
    expect(numbers((await snapshots('projektleder')).snapshots[0]!).grandTotal).toBe(265)
  })

  it('hides small counts from board members, and enough others that none can be worked out', async () => {
    const full = (await snapshots('boligsocial')).snapshots[0]!
    const expected = suppressTable(
      {
        rows: full.rows.map((r) => ({ label: r.code, cells: r.counts.map((c) => c.value), total: r.total.value })),
        columnTotals: full.columnTotals.map((c) => c.value),
        grandTotal: full.grandTotal.value,
      },
      5,
    )
    const board = await snapshots('bestyrelse')
    expect(board.suppressed).toBe(true)
    const s = board.snapshots[0]!
    expect(s.rows.map((r) => r.counts.map((c) => c.hidden))).toEqual(expected.rows.map((r) => r.cells.map((c) => c.suppressed !== null)))
    expect(s.rows.map((r) => r.total.hidden)).toEqual(expected.rows.map((r) => r.total!.suppressed !== null))
    expect(s.columnTotals.map((c) => c.hidden)).toEqual(expected.columnTotals!.map((c) => c.suppressed !== null))
    // The small ones (4, 1, 2 in 6.5; 3 in 6.4; 4 in 6.8) are hidden, and their values are gone.
    const cell = (code: string, department: string) => s.rows.find((r) => r.code === code)!.counts[s.departments.indexOf(department)]!
    for (const [code, department] of [['6.5', '24'], ['6.5', '30'], ['6.5', '35'], ['6.4', '30'], ['6.8', '30']] as const) {
      expect(cell(code, department)).toEqual({ value: null, hidden: true })
    }
    // Every row and column with a hidden number holds at least two.
    for (const r of s.rows) expect([...r.counts, r.total].filter((c) => c.hidden).length).not.toBe(1)
    for (let j = 0; j < s.departments.length; j++) expect([...s.rows.map((r) => r.counts[j]!), s.columnTotals[j]!].filter((c) => c.hidden).length).not.toBe(1)
    expect(s.grandTotal).toEqual({ value: 265, hidden: false })
  })

  it('refuses board members uploading, and refuses another plan\'s users', async () => {
    expect((await upload('bestyrelse', 'maalgrupper.csv', fixture)).statusCode).toBe(403)
    const other = await as('projektleder', varde)
    expect((await app.inject({ method: 'GET', url: `/api/plans/${sonderborg}/target-groups`, headers: { cookie: other } })).statusCode).toBe(403)
    const res = await app.inject({
      method: 'POST',
      url: `/api/plans/${sonderborg}/target-groups/imports?fileName=x.csv`,
      headers: { cookie: other, 'content-type': 'application/octet-stream' },
      payload: fixture,
    })
    expect(res.statusCode).toBe(403)
    // An import of one plan cannot be committed through another.
    const preview = (await upload('jobcenter', 'varde.csv', fixture, varde)).json() as TargetGroupPreview
    expect((await commit('jobcenter', preview.importId)).statusCode).toBe(404)
    expect((await snapshots('projektleder', varde)).snapshots).toEqual([])
  })

  it('forgets a discarded file, so it can be committed neither here nor as indicator values', async () => {
    const preview = (await upload('jobcenter', 'maalgrupper.csv', fixture)).json() as TargetGroupPreview
    // A staged file of one kind is not found through another kind's commit.
    const agreements = await app.inject({ method: 'GET', url: `/api/plans/${sonderborg}/agreements`, headers: { cookie: await as('jobcenter') } })
    const agreementId = (agreements.json() as { agreements: { id: string }[] }).agreements[0]!.id
    const asValues = await app.inject({ method: 'POST', url: `/api/plans/${sonderborg}/agreements/${agreementId}/imports/${preview.importId}/commit`, headers: { cookie: await as('jobcenter') } })
    expect(asValues.statusCode, asValues.body).toBe(404)
    const discarded = await app.inject({ method: 'POST', url: `/api/plans/${sonderborg}/target-groups/imports/${preview.importId}/discard`, headers: { cookie: await as('jobcenter') } })
    expect(discarded.statusCode, discarded.body).toBe(204)
    const refused = await commit('jobcenter', preview.importId)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().message).toBe('Indlæsningen er annulleret.')
  })
})
