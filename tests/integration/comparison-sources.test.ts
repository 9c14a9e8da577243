import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { ComparisonFetchPreview } from '../../src/shared/comparison-sources.ts'
import type { FollowUp, IndicatorSeries } from '../../src/shared/indicators.ts'
import type { Role } from '../../src/shared/users.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { listSourceKeys, setSourceKey } from '../../src/server/features/indicators/comparison-sources.service.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { noNetwork, readRecording, replay } from '../fixtures/sources/replay.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

let t: TestDatabase
let app: App
let sonderborg: { planId: string; agreementId: string }
const cookies = new Map<string, string>()
/** Every answer body, to show that no key ever leaves the server. */
const bodies: string[] = []
const cli = systemAuthority('cli')

const KEY = 'TEST-KEY-0000'
const WRONG_KEY = 'WRONG-KEY-0000'
const COUNT_INDICATOR = 'beboere-omfattet-af-fremskudt-jobcenter'
const SHARE_INDICATOR = 'andel-offentligt-forsoergede-fuldtidspersoner'
const SHARE_OF_POPULATION = 'Fuldtidspersoner i pct. af befolkningen 16-66 år'

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  const s = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  sonderborg = { planId: s.planId, agreementId: s.agreementId }
})

/** One signed-in user per role; makeUser puts each in the organisation "Organisation <role>". */
async function as(role: Role): Promise<string> {
  if (!cookies.has(role)) cookies.set(role, await login(app, await makeUser(t.ctx, role, [sonderborg.planId])))
  return cookies.get(role)!
}

const url = (rest: string) => `/api/plans/${sonderborg.planId}/agreements/${sonderborg.agreementId}${rest}`

async function post(role: Role, path: string, payload?: unknown) {
  const res = await app.inject({ method: 'POST', url: url(path), headers: { cookie: await as(role) }, ...(payload === undefined ? {} : { payload: payload as object }) })
  bodies.push(res.body)
  return res
}

async function followUp(role: Role): Promise<FollowUp> {
  const res = await app.inject({ method: 'GET', url: url('/follow-up'), headers: { cookie: await as(role) } })
  bodies.push(res.body)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

const series = (f: FollowUp, indicatorKey: string, rowKey: string): IndicatorSeries => f.series.find((s) => s.indicatorKey === indicatorKey && s.rowKey === rowKey)!

const imports = async () => Number((await t.db.selectFrom('value_import').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

// The request recorded in tests/fixtures/sources/statbank/auk01-soenderborg-kvartaler.json.
const statbankQuarters = {
  source: 'statbank',
  table: 'AUK01',
  variables: [
    { code: 'OMRÅDE', values: ['540'] },
    { code: 'YDELSESTYPE', values: ['TOTUSU'] },
    { code: 'KØN', values: ['TOT'] },
    { code: 'ALDER', values: ['TOT'] },
    { code: 'Tid', values: ['2023K1', '2023K2', '2023K3', '2023K4'] },
  ],
  indicatorKey: COUNT_INDICATOR,
  rowKey: 'alle',
  measure: 'count',
}

// The request recorded in tests/fixtures/sources/jobindsats/*.json.
const jobindsatsSpring = {
  source: 'jobindsats',
  table: 'y60a02',
  area: 'Sønderborg',
  periods: ['2023M04', '2023M05', '2023M06'],
  measureName: SHARE_OF_POPULATION,
  indicatorKey: SHARE_INDICATOR,
  rowKey: '30-64-aar',
  measure: 'share',
  unit: 'percent',
}

describe('comparison figures from Danmarks Statistik', () => {
  it('previews the municipality\'s figures for the chosen indicator row, and saves nothing until committed', async () => {
    t.ctx.fetch = replay(readRecording('statbank', 'auk01-soenderborg-kvartaler.json')).fetch

    const res = await post('projektleder', '/comparison-fetch', statbankQuarters)

    expect(res.statusCode, res.body).toBe(201)
    const preview: ComparisonFetchPreview = res.json()
    expect(preview.fileName).toMatch(/^Danmarks Statistik AUK01 \(hentet \d{2}\.\d{2}\.\d{4}\)$/)
    expect(preview.format).toBe('statbank')
    expect(preview.problems).toEqual([])
    expect(preview.warnings).toEqual([])
    expect(preview.fetched).toMatchObject({ source: 'statbank', table: 'AUK01', url: 'https://api.statbank.dk/v1/data' })
    expect(preview.values.map((v) => [v.indicatorKey, v.rowKey, v.population, v.period, v.share, v.count, v.row])).toEqual([
      [COUNT_INDICATOR, 'alle', 'comparison', '2023-Q1', null, 7412, 1],
      [COUNT_INDICATOR, 'alle', 'comparison', '2023-Q2', null, 7389, 2],
      [COUNT_INDICATOR, 'alle', 'comparison', '2023-Q3', null, 7355, 3],
      [COUNT_INDICATOR, 'alle', 'comparison', '2023-Q4', null, 7298, 4],
    ])
    expect(series(await followUp('projektleder'), COUNT_INDICATOR, 'alle').values).toEqual([])

    const commit = await post('projektleder', `/imports/${preview.importId}/commit`)
    expect(commit.statusCode, commit.body).toBe(200)
    expect(commit.json()).toEqual({ valueCount: 4, unchanged: 0 })

    const values = series(await followUp('projektleder'), COUNT_INDICATOR, 'alle').values
    expect(values.map((v) => [v.population, v.period, v.count])).toEqual([
      ['comparison', '2023-Q1', 7412],
      ['comparison', '2023-Q2', 7389],
      ['comparison', '2023-Q3', 7355],
      ['comparison', '2023-Q4', 7298],
    ])
    expect(values[0]?.provenance).toEqual({ kind: 'imported', importId: preview.importId, fileName: preview.fileName, row: 1, sheet: null, source: 'statbank' })
  })

  it('passes on Danmarks Statistik\'s refusal as a Danish 400, and stores nothing', async () => {
    t.ctx.fetch = replay(readRecording('statbank', 'auk01-ukendt-tabel.json')).fetch
    const before = await imports()

    const res = await post('projektleder', '/comparison-fetch', {
      ...statbankQuarters,
      table: 'AUK99',
      variables: [
        { code: 'OMRÅDE', values: ['540'] },
        { code: 'Tid', values: ['2023K1'] },
      ],
    })

    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ code: 'validation', message: 'Danmarks Statistik afviste forespørgslen: Tabel findes ikke: AUK99' })
    expect(await imports()).toBe(before)
  })

  it('says in Danish when the answer cannot be read, and stores nothing', async () => {
    t.ctx.fetch = replay(readRecording('statbank', 'auk01-afbrudt-svar.json')).fetch
    const before = await imports()

    const res = await post('jobcenter', '/comparison-fetch', statbankQuarters)

    expect(res.statusCode).toBe(500)
    expect(res.json().message).toBe('Svaret fra Danmarks Statistik kunne ikke læses. Prøv igen senere, og kontakt en administrator, hvis det bliver ved.')
    expect(await imports()).toBe(before)
  })

  it('refuses an indicator row the agreement does not have before asking anyone, and a request without a source', async () => {
    t.ctx.fetch = noNetwork().fetch

    const unknown = await post('projektleder', '/comparison-fetch', { ...statbankQuarters, rowKey: 'findes-ikke' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toBe('Rækken "findes-ikke" findes ikke under indikatoren "Antal beboere omfattet af det fremskudte jobcenter (dog ikke dagpengemodtagere 26+ uger)".')

    const noSource = await post('projektleder', '/comparison-fetch', { ...statbankQuarters, source: 'eurostat' })
    expect(noSource.statusCode).toBe(400)
    expect(noSource.body).toContain('Vælg kilden')
  })

  it('refuses board members, without asking the source', async () => {
    t.ctx.fetch = noNetwork().fetch
    const res = await post('bestyrelse', '/comparison-fetch', statbankQuarters)
    expect(res.statusCode).toBe(403)
  })
})

describe('comparison figures from Jobindsats', () => {
  it('refuses with a Danish 403 when the user\'s organisation has no key', async () => {
    t.ctx.fetch = noNetwork().fetch

    const res = await post('boligsocial', '/comparison-fetch', jobindsatsSpring)

    expect(res.statusCode).toBe(403)
    expect(res.json().message).toMatch(/^Organisationen har ingen nøgle til Jobindsats\./)
  })

  it('fetches with the organisation\'s key once it is set, and commits shares for the comparison population', async () => {
    await as('jobcenter')
    const set = await setSourceKey(t.ctx, cli, { organisation: 'Organisation jobcenter', source: 'jobindsats', apiKey: `  ${KEY}\n` })
    expect(set).toMatchObject({ organisation: 'Organisation jobcenter', source: 'jobindsats', replaced: false })
    t.ctx.fetch = replay(readRecording('jobindsats', 'y60a02-soenderborg-maaneder.json')).fetch

    const res = await post('jobcenter', '/comparison-fetch', jobindsatsSpring)

    expect(res.statusCode, res.body).toBe(201)
    const preview: ComparisonFetchPreview = res.json()
    expect(preview.fileName).toMatch(/^Jobindsats y60a02 \(hentet \d{2}\.\d{2}\.\d{4}\)$/)
    expect(preview.format).toBe('jobindsats')
    expect(preview.values.map((v) => [v.population, v.period, v.share, v.count])).toEqual([
      ['comparison', '2023-04', 3.1, null],
      ['comparison', '2023-05', 3.1, null],
      ['comparison', '2023-06', 3, null],
    ])
    expect((await post('jobcenter', `/imports/${preview.importId}/commit`)).statusCode).toBe(200)
    const values = series(await followUp('jobcenter'), SHARE_INDICATOR, '30-64-aar').values
    expect(values.map((v) => [v.population, v.period, v.share])).toEqual([
      ['comparison', '2023-04', 3.1],
      ['comparison', '2023-05', 3.1],
      ['comparison', '2023-06', 3],
    ])
    expect(values[2]?.provenance).toMatchObject({ kind: 'imported', fileName: preview.fileName, source: 'jobindsats' })
  })

  it('shows a month the source has no figure for as a problem, and refuses to commit it', async () => {
    t.ctx.fetch = replay(readRecording('jobindsats', 'y60a02-soenderborg-maaneder.json')).fetch

    const res = await post('jobcenter', '/comparison-fetch', { ...jobindsatsSpring, area: 'Tønder' })

    expect(res.statusCode, res.body).toBe(201)
    const preview: ComparisonFetchPreview = res.json()
    expect(preview.values.map((v) => v.period)).toEqual(['2023-04', '2023-06'])
    expect(preview.problems).toEqual([
      { row: 2, column: null, sheet: null, message: 'Kilden har intet tal for maj 2023 (område: Tønder): tallet er ikke offentliggjort eller er udeladt, fordi det er for lille (diskretionering).' },
    ])
    const commit = await post('jobcenter', `/imports/${preview.importId}/commit`)
    expect(commit.statusCode).toBe(400)
  })

  it('says the key was refused when Jobindsats does not accept it (403), and says when to try again when it is busy (429)', async () => {
    await as('admin')
    await setSourceKey(t.ctx, cli, { organisation: 'Organisation admin', source: 'jobindsats', apiKey: WRONG_KEY })
    t.ctx.fetch = replay(readRecording('jobindsats', 'fejl-forkert-noegle.json')).fetch
    const before = await imports()

    const refused = await post('admin', '/comparison-fetch', jobindsatsSpring)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().message).toMatch(/^Jobindsats afviste organisationens nøgle: den er forkert eller udløbet/)
    expect(await imports()).toBe(before)

    t.ctx.fetch = replay(readRecording('jobindsats', 'fejl-for-mange-kald.json')).fetch
    const busy = await post('jobcenter', '/comparison-fetch', jobindsatsSpring)
    expect(busy.statusCode).toBe(429)
    expect(busy.json().message).toBe('Jobindsats afviser flere forespørgsler fra organisationens nøgle lige nu. Prøv igen om 2 minutter.')

    t.ctx.fetch = replay(readRecording('jobindsats', 'afbrudt-svar.json')).fetch
    const broken = await post('jobcenter', '/comparison-fetch', jobindsatsSpring)
    expect(broken.statusCode).toBe(500)
    expect(broken.json().message).toBe('Svaret fra Jobindsats kunne ikke læses. Prøv igen senere, og kontakt en administrator, hvis det bliver ved.')
    expect(await imports()).toBe(before)
  })

  it('lets a web user use only their own organisation\'s key: another organisation\'s id in the body is ignored', async () => {
    t.ctx.fetch = noNetwork().fetch
    const jobcenterOrg = (await t.db.selectFrom('organisation').select('id').where('name', '=', 'Organisation jobcenter').executeTakeFirstOrThrow()).id
    const res = await post('boligsocial', '/comparison-fetch', { ...jobindsatsSpring, organisationId: jobcenterOrg })
    expect(res.statusCode).toBe(403)
  })
})

describe('Jobindsats keys', () => {
  it('replaces a key, refuses an empty one, lists keys without them, and never lets a key reach an answer or the audit log', async () => {
    await expect(setSourceKey(t.ctx, cli, { organisation: 'Organisation jobcenter', source: 'jobindsats', apiKey: ' \n' })).rejects.toThrow(/^Nøglen er tom/)
    await expect(setSourceKey(t.ctx, cli, { organisation: 'Findes ikke', source: 'jobindsats', apiKey: KEY })).rejects.toThrow(/^Organisationen "Findes ikke" findes ikke/)
    expect((await setSourceKey(t.ctx, cli, { organisation: 'Organisation jobcenter', source: 'jobindsats', apiKey: KEY })).replaced).toBe(true)

    const listed = await listSourceKeys(t.ctx, cli)
    expect(listed.map((k) => [k.organisation, k.source, k.setBy])).toEqual([
      ['Organisation admin', 'jobindsats', 'Kommandolinjen'],
      ['Organisation jobcenter', 'jobindsats', 'Kommandolinjen'],
    ])
    expect(JSON.stringify(listed)).not.toContain(KEY)

    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    const credentialRows = audit.filter((a) => a.entity === 'source-credential')
    expect(credentialRows.map((a) => [a.action, a.actor_label])).toEqual([
      ['create', 'cli'],
      ['create', 'cli'],
      ['update', 'cli'],
    ])
    const serialized = JSON.stringify(audit)
    expect(serialized).not.toContain(KEY)
    expect(serialized).not.toContain(WRONG_KEY)

    expect(bodies.length).toBeGreaterThan(10)
    for (const body of bodies) {
      expect(body).not.toContain(KEY)
      expect(body).not.toContain(WRONG_KEY)
    }
  })

  it('cannot be deleted by the application', async () => {
    await expect(t.db.deleteFrom('source_credential').execute()).rejects.toThrow(/permission denied/)
  })
})
