import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { AgreementDetail } from '../../src/shared/agreements.ts'
import { type FollowUp, FollowUp as FollowUpSchema, type FollowUpOverview, FollowUpOverview as FollowUpOverviewSchema, type ImportPreview, type IndicatorSeries } from '../../src/shared/indicators.ts'
import type { Role } from '../../src/shared/users.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { commitRead, readImport } from '../../src/server/features/indicators/indicators.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

let t: TestDatabase
let app: App
let sonderborg: { planId: string; agreementId: string }
let varde: { planId: string; agreementId: string }
const cookies = new Map<string, string>()

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  const s = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  const v = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')
  sonderborg = { planId: s.planId, agreementId: s.agreementId }
  varde = { planId: v.planId, agreementId: v.agreementId }
})

/** One signed-in user per role and plan, made once. */
async function as(role: Role, p = sonderborg): Promise<string> {
  const id = `${role}:${p.planId}`
  if (!cookies.has(id)) cookies.set(id, await login(app, await makeUser(t.ctx, role, [p.planId])))
  return cookies.get(id)!
}

const url = (p: { planId: string; agreementId: string }, rest: string) => `/api/plans/${p.planId}/agreements/${p.agreementId}${rest}`

async function followUp(role: Role, p = sonderborg): Promise<FollowUp> {
  const res = await app.inject({ method: 'GET', url: url(p, '/follow-up'), headers: { cookie: await as(role, p) } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

function series(f: FollowUp, indicatorKey: string, rowKey = 'alle'): IndicatorSeries {
  return f.series.find((s) => s.indicatorKey === indicatorKey && s.rowKey === rowKey)!
}

async function post(role: Role, path: string, payload: unknown, p = sonderborg) {
  return app.inject({ method: 'POST', url: url(p, path), headers: { cookie: await as(role, p) }, payload: payload as object })
}

const ACTIVATION = 'aktiveringsgrad-blandt-ledige'
const UNEMPLOYED = 'beboere-omfattet-af-fremskudt-jobcenter'

describe('values typed in', () => {
  it('records a value with who typed it, and computes the indicator\'s status from baseline, target and latest value', async () => {
    // From 20 % (February 2021) towards 85 % by the agreement's end (31 August 2025), the straight
    // line expects about 46 % at the end of 2022: 30 % is behind, 50 % is on track.
    const res = await post('projektleder', '/values', { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2022-Q4', share: 30 })
    expect(res.statusCode, res.body).toBe(201)
    const s = series(await followUp('projektleder'), ACTIVATION)
    expect(s.values).toEqual([expect.objectContaining({ period: '2022-Q4', share: 30, count: null, population: 'area', provenance: { kind: 'typed', userName: expect.stringMatching(/^projektleder/) } })])
    expect(s.status).toMatchObject({ state: 'behind', latest: 30, latestPeriod: '2022-Q4' })
    expect(s.status.expected).toBeGreaterThan(45)
    expect(s.status.expected).toBeLessThan(48)
    expect(s.status.explanation).toMatch(/^Seneste værdi 30\s%/)
    await post('projektleder', '/values', { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2022-Q3', share: 50 })
    expect(series(await followUp('projektleder'), ACTIVATION).status.state).toBe('behind') // the latest period counts, not the best
    await post('projektleder', '/values', { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2022-Q4', share: 50, note: 'Tastefejl' })
    expect(series(await followUp('projektleder'), ACTIVATION).status).toMatchObject({ state: 'on-track', latest: 50 })
    await post('projektleder', '/values', { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2022-Q4', share: 30, note: 'Tilbage til jobcenterets tal' })
  })

  it('asks for a reason before correcting a value, and keeps the corrected one in the history', async () => {
    const key = { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2022-Q4' }
    const missing = await post('jobcenter', '/values', { ...key, share: 28 })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().issues).toEqual([{ path: 'note', message: 'Skriv hvorfor værdien rettes.' }])
    const corrected = await post('jobcenter', '/values', { ...key, share: 28, note: 'Jobcenterets tal var foreløbige' })
    expect(corrected.statusCode).toBe(201)
    expect(series(await followUp('jobcenter'), ACTIVATION).values.filter((v) => v.period === '2022-Q4').map((v) => v.share)).toEqual([28])
    const history = await app.inject({ method: 'GET', url: url(sonderborg, `/values/history?${new URLSearchParams(key)}`), headers: { cookie: await as('boligsocial') } })
    expect(history.json().values.map((v: { share: number; note: string | null }) => [v.share, v.note])).toEqual([
      [28, 'Jobcenterets tal var foreløbige'],
      [30, 'Tilbage til jobcenterets tal'],
      [50, 'Tastefejl'],
      [30, null],
    ])
  })

  it('refuses board members entering values, and refuses everyone another plan\'s follow-up', async () => {
    expect((await post('bestyrelse', '/values', { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2023-Q1', share: 31 })).statusCode).toBe(403)
    const other = await as('projektleder', varde)
    expect((await app.inject({ method: 'GET', url: url(sonderborg, '/follow-up'), headers: { cookie: other } })).statusCode).toBe(403)
    expect((await app.inject({ method: 'GET', url: `/api/plans/${varde.planId}/agreements/${sonderborg.agreementId}/follow-up`, headers: { cookie: other } })).statusCode).toBe(404)
  })

  it('hides small counts from board members but not from staff', async () => {
    const res = await post('projektleder', '/values', { indicatorKey: UNEMPLOYED, rowKey: 'alle', population: 'area', period: '2022-Q4', count: 3 })
    expect(res.statusCode).toBe(201)
    const board = await followUp('bestyrelse')
    expect(board.suppressed).toBe(true)
    expect(series(board, UNEMPLOYED).values[0]).toMatchObject({ period: '2022-Q4', count: null, countHidden: true })
    expect(series(await followUp('boligsocial'), UNEMPLOYED).values[0]).toMatchObject({ count: 3, countHidden: false })
  })

  it('never lets the application change or delete a recorded value', async () => {
    await expect(t.db.updateTable('indicator_value').set({ share: 99 }).execute()).rejects.toThrow(/permission denied|never changed/)
    await expect(t.db.deleteFrom('indicator_value').execute()).rejects.toThrow(/permission denied|never changed/)
  })
})

describe('approved periods', () => {
  it('locks a period against new values, unlocks it only with a reason, and audits both', async () => {
    const lock = await app.inject({ method: 'PUT', url: url(sonderborg, '/periods'), headers: { cookie: await as('projektleder') }, payload: { period: '2023-Q1', locked: true } })
    expect(lock.statusCode, lock.body).toBe(200)
    const refused = await post('jobcenter', '/values', { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2023-Q1', share: 31 })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().message).toContain('1. kvartal 2023 er godkendt og låst')
    const boardLock = await app.inject({ method: 'PUT', url: url(sonderborg, '/periods'), headers: { cookie: await as('jobcenter') }, payload: { period: '2023-Q1', locked: false, reason: 'x' } })
    expect(boardLock.statusCode).toBe(403)
    const noReason = await app.inject({ method: 'PUT', url: url(sonderborg, '/periods'), headers: { cookie: await as('projektleder') }, payload: { period: '2023-Q1', locked: false } })
    expect(noReason.statusCode).toBe(400)
    const unlock = await app.inject({
      method: 'PUT',
      url: url(sonderborg, '/periods'),
      headers: { cookie: await as('projektleder') },
      payload: { period: '2023-Q1', locked: false, reason: 'Jobcentret har rettet udtrækket' },
    })
    expect(unlock.statusCode).toBe(200)
    expect((await post('jobcenter', '/values', { indicatorKey: ACTIVATION, rowKey: 'alle', population: 'area', period: '2023-Q1', share: 31 })).statusCode).toBe(201)
    const audit = await t.db.selectFrom('audit_log').select(['details']).where('entity', '=', 'indicator-period').orderBy('id').execute()
    expect(audit.map((a) => (a.details as { locked: boolean }).locked)).toEqual([true, false])
    expect((await followUp('bestyrelse')).periods).toEqual([expect.objectContaining({ period: '2023-Q1', locked: false, reason: 'Jobcentret har rettet udtrækket' })])
  })
})

describe('comments', () => {
  it('keeps a comment per indicator and period, shown to the board', async () => {
    const res = await post('boligsocial', '/comments', { indicatorKey: ACTIVATION, period: '2023-Q1', text: 'Flere i virksomhedspraktik efter netværksmødet.' })
    expect(res.statusCode).toBe(201)
    expect((await followUp('bestyrelse')).comments).toEqual([expect.objectContaining({ indicatorKey: ACTIVATION, period: '2023-Q1', text: 'Flere i virksomhedspraktik efter netværksmødet.' })])
  })
})

describe('imports', () => {
  async function upload(role: Role, fileName: string, bytes: Buffer, p = sonderborg) {
    return app.inject({
      method: 'POST',
      url: url(p, `/imports?fileName=${encodeURIComponent(fileName)}`),
      headers: { cookie: await as(role, p), 'content-type': 'application/octet-stream' },
      payload: bytes,
    })
  }

  const good = [
    'indikator;række;gruppe;periode;andel;antal',
    'Aktiveringsgrad blandt de ledige;;område;2. kvartal 2023;32,5;',
    'Aktiveringsgrad blandt de ledige;;kommune;2023-Q2;34;',
    'Antal beboere omfattet af det fremskudte jobcenter (dog ikke dagpengemodtagere 26+ uger);;område;2023K2;;221',
  ].join('\r\n')

  it('locates every problem of a broken file by row and column, and saves nothing', async () => {
    const before = await t.db.selectFrom('indicator_value').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const broken = ['indikator;række;gruppe;periode;andel;antal', 'Aktiveringsgrad blandt de ledige;;område;5. kvartal 2023;32,5;', 'Ukendt indikator;;område;2023-Q2;;12'].join('\r\n')
    const res = await upload('jobcenter', 'udtraek.csv', iconv.encode(broken, 'win1252'))
    expect(res.statusCode, res.body).toBe(201)
    const preview = res.json() as ImportPreview
    expect(preview.problems.map((p) => [p.row, p.column?.split(' ')[0]])).toEqual([
      [2, 'D'],
      [3, 'A'],
    ])
    const commit = await app.inject({ method: 'POST', url: url(sonderborg, `/imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(commit.statusCode).toBe(400)
    expect(commit.json().message).toContain('Intet er gemt')
    const after = await t.db.selectFrom('indicator_value').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('imports a Windows-1252 semicolon file in two steps, with the file and row as each value\'s provenance', async () => {
    const res = await upload('jobcenter', 'jobcenter-2023-Q2.csv', iconv.encode(good, 'win1252'))
    const preview = res.json() as ImportPreview
    expect(preview).toMatchObject({ problems: [], valueCount: 3, replacing: 0, unchanged: 0, lockedPeriods: [], format: 'csv' })
    const commit = await app.inject({ method: 'POST', url: url(sonderborg, `/imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(commit.json()).toEqual({ valueCount: 3, unchanged: 0 })
    const f = await followUp('projektleder')
    const area = series(f, ACTIVATION).values.find((v) => v.period === '2023-Q2' && v.population === 'area')!
    expect(area).toMatchObject({ share: 32.5, provenance: { kind: 'imported', fileName: 'jobcenter-2023-Q2.csv', row: 2, sheet: null } })
    expect(series(f, UNEMPLOYED).values.find((v) => v.period === '2023-Q2')).toMatchObject({ count: 221, provenance: { kind: 'imported', row: 4 } })
    const again = await app.inject({ method: 'POST', url: url(sonderborg, `/imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(again.statusCode).toBe(409)
  })

  it('lets a previewed file be discarded, after which it cannot be committed', async () => {
    const preview = (await upload('jobcenter', 'fortrudt.csv', Buffer.from(good.replace('32,5', '40'), 'utf8'))).json() as ImportPreview
    const discard = await app.inject({ method: 'POST', url: url(sonderborg, `/imports/${preview.importId}/discard`), headers: { cookie: await as('jobcenter') } })
    expect(discard.statusCode).toBe(204)
    const commit = await app.inject({ method: 'POST', url: url(sonderborg, `/imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(commit.statusCode).toBe(409)
    expect(commit.json().message).toBe('Indlæsningen er annulleret.')
  })

  it('refuses a file with values for a locked period as a whole', async () => {
    await app.inject({ method: 'PUT', url: url(sonderborg, '/periods'), headers: { cookie: await as('projektleder') }, payload: { period: '2023-Q2', locked: true } })
    const preview = (await upload('jobcenter', 'igen.csv', Buffer.from(good.replace('32,5', '33'), 'utf8'))).json() as ImportPreview
    expect(preview).toMatchObject({ lockedPeriods: ['2023-Q2'], replacing: 1, unchanged: 2 })
    const commit = await app.inject({ method: 'POST', url: url(sonderborg, `/imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(commit.statusCode).toBe(409)
    expect(series(await followUp('projektleder'), ACTIVATION).values.find((v) => v.period === '2023-Q2' && v.population === 'area')!.share).toBe(32.5)
  })

  it('refuses it as a whole at the command line too, where the file is read and committed in one go', async () => {
    const cli = systemAuthority('cli')
    const file = { name: 'igen.csv', bytes: Buffer.from(good.replace('32,5', '33'), 'utf8') }
    const read = await readImport(t.ctx, cli, sonderborg.agreementId, file)
    expect(read).toMatchObject({ problems: [], lockedPeriods: ['2023-Q2'], replacing: 1, unchanged: 2 })
    const imports = () => t.db.selectFrom('value_import').select('id').where('agreement_id', '=', sonderborg.agreementId).execute()
    const before = await imports()
    await expect(commitRead(t.ctx, cli, sonderborg.agreementId, file, read)).rejects.toMatchObject({ code: 'conflict' })
    expect(await imports()).toEqual(before)
    expect(series(await followUp('projektleder'), ACTIVATION).values.find((v) => v.period === '2023-Q2' && v.population === 'area')!.share).toBe(32.5)
  })
})

describe('a changed definition', () => {
  it('starts a new series: earlier values are shown apart and no longer count for the status', async () => {
    const cookie = await as('projektleder')
    const current = (await app.inject({ method: 'GET', url: url(sonderborg, ''), headers: { cookie } })).json() as AgreementDetail
    const content = structuredClone(current.content)
    content.goals[2]!.indicators[0]!.definition = 'Andel af de ledige i målgruppen, der har haft mindst ét tilbud i kvartalet (jobcenterets nye opgørelse).'
    const saved = await app.inject({
      method: 'POST',
      url: url(sonderborg, '/revisions'),
      headers: { cookie },
      payload: { basedOnRevision: current.revision.number, revision: { effectiveFrom: '2024-01-01', boardDecision: 'Bestyrelsesmøde 5. december 2023' }, content },
    })
    expect(saved.statusCode, saved.body).toBe(201)
    const s = series(await followUp('projektleder'), ACTIVATION)
    expect(s.values).toEqual([])
    expect(s.earlierDefinition.map((v) => v.period)).toEqual(expect.arrayContaining(['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2']))
    expect(s.status.state).toBe('no-data')
  })
})

describe('overviews', () => {
  it('gives the status of every indicator row on the user\'s plans, and only those', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/follow-up', headers: { cookie: await as('bestyrelse', varde) } })
    const overview = res.json() as FollowUpOverview
    expect(overview.plans.map((p) => p.municipality)).toEqual(['Varde'])
    expect(overview.plans[0]!.agreements[0]!.series).toHaveLength(7)
    // Varde's agreement names no targets: nothing to be on track towards.
    expect(overview.plans[0]!.agreements[0]!.series.map((s) => s.status.state)).toEqual(Array(7).fill('no-target'))
    expect((await app.inject({ method: 'GET', url: `/api/plans/${sonderborg.planId}/follow-up`, headers: { cookie: await as('bestyrelse', varde) } })).statusCode).toBe(403)
  })
})

describe('answers sent without a second pass through their schema (decision 039)', () => {
  it('sends the dashboard and the overview with exactly the fields and order of their schemas, for staff and board', async () => {
    // By now Sønderborg has typed, corrected, imported and earlier-definition values, a locked
    // period and a comment; the board member gets small counts hidden.
    for (const role of ['projektleder', 'bestyrelse'] as const) {
      const cookie = await as(role)
      const dashboard = await app.inject({ method: 'GET', url: url(sonderborg, '/follow-up'), headers: { cookie } })
      expect(dashboard.statusCode).toBe(200)
      const parsed = FollowUpSchema.parse(dashboard.json())
      expect(parsed.series.some((s) => s.values.some((v) => v.provenance.kind === 'imported'))).toBe(true)
      expect(parsed.periods.length + parsed.comments.length).toBeGreaterThan(1)
      expect(JSON.stringify(parsed)).toBe(dashboard.body)
      for (const overviewUrl of ['/api/follow-up', `/api/plans/${sonderborg.planId}/follow-up`]) {
        const overview = await app.inject({ method: 'GET', url: overviewUrl, headers: { cookie } })
        expect(overview.statusCode).toBe(200)
        expect(JSON.stringify(FollowUpOverviewSchema.parse(overview.json()))).toBe(overview.body)
      }
    }
  })
})
