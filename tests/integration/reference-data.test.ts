import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { ParticipantForm } from '../../src/shared/participants.ts'
import type { ReferenceData } from '../../src/shared/reference-data.ts'
import { type TestUser, login, makePlan, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Reference data that matches Danish law, kept current by an administrator (decision 021), over
// HTTP on a real database: the codes after the cash-benefit reform of 1 July 2025, a new version of
// a code for a later reform, and the next funding period with its effort areas.

let t: TestDatabase
let app: App
let plan: string
let admin: TestUser
let leader: TestUser
/** A fixed day for the date rules, or null for the real clock (sessions are dated by it too). */
let clock: string | null = null
const cookies = new Map<string, string>()

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return app.inject({ method, url, headers: { cookie: cookies.get(user.email)! }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

const formCodes = async (reader = leader) => {
  const res = await call(reader, 'GET', `/api/plans/${plan}/participant-form`)
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as ParticipantForm).targetGroups
}

beforeAll(async () => {
  t = await testDatabase()
  t.ctx.now = () => (clock === null ? new Date() : new Date(`${clock}T10:00:00Z`))
  app = await testApp(t.ctx)
  plan = await makePlan(t.ctx, 'Sønderborg')
  admin = await makeUser(t.ctx, 'admin', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
})

describe('target-group codes after the reform of 1 July 2025', () => {
  it('offer a code for a jobparat and an aktivitetsparat kontanthjælp recipient today, and none of the abolished benefits', async () => {
    const codes = await formCodes()
    expect(codes).toContainEqual({ code: '6.2', label: 'Jobparat kontanthjælpsmodtager' })
    expect(codes).toContainEqual({ code: '6.3', label: 'Aktivitetsparat kontanthjælpsmodtager' })
    expect(codes.map((c) => c.code)).toEqual(['6.1', '6.2', '6.3', '6.6', '6.7', '6.8'])
    expect(codes.find((c) => c.code === '6.8')).toEqual({ code: '6.8', label: 'Ressourceforløb' })
    expect(codes.some((c) => /vist som|overgangsydelse|uddannelseshjælp/i.test(c.label))).toBe(false)
  })

  it('keep the words that applied before the reform, dated', async () => {
    const res = await call(admin, 'GET', '/api/reference-data')
    expect(res.statusCode).toBe(200)
    const versions = (res.json() as ReferenceData).targetGroups.filter((c) => c.code === '6.2')
    expect(versions).toEqual([
      expect.objectContaining({ label: 'Jobparat kontanthjælps- og overgangsydelsesmodtager', validFrom: '2019-01-01', validTo: '2025-06-30' }),
      expect.objectContaining({ label: 'Jobparat kontanthjælpsmodtager', validFrom: '2025-07-01', validTo: null }),
    ])
  })
})

describe('an administrator keeping the codes current', () => {
  it('gives a code a new version from a later reform only after the old one is ended, and the forms follow the date', async () => {
    const next = { code: '6.3', label: 'Aktivitetsparat modtager af kontanthjælp (beskæftigelsesreformen)', validFrom: '2027-01-01', validTo: null, note: 'Lov nr. 1750 af 29.12.2025' }
    const clash = await call(admin, 'POST', '/api/reference-data/target-groups', next)
    expect(clash.statusCode).toBe(409)
    expect(clash.json().message).toBe(
      'Målgruppe 6.3 gælder allerede fra 1. juli 2025 ("Aktivitetsparat kontanthjælpsmodtager"). Afslut den version, før den nye begynder, så koden kun betyder én ting på hver dag.',
    )

    const ended = await call(admin, 'PUT', '/api/reference-data/target-groups/6.3/2025-07-01', { label: 'Aktivitetsparat kontanthjælpsmodtager', validTo: '2026-12-31', note: null })
    expect(ended.statusCode, ended.body).toBe(200)
    expect((await call(admin, 'POST', '/api/reference-data/target-groups', next)).statusCode).toBe(201)

    expect((await formCodes()).find((c) => c.code === '6.3')?.label).toBe('Aktivitetsparat kontanthjælpsmodtager')
    clock = '2027-01-01'
    try {
      // Signed in on that day, as a session is dated by the same clock.
      const onNewYearsDay = await makeUser(t.ctx, 'projektleder', [plan])
      expect((await formCodes(onNewYearsDay)).find((c) => c.code === '6.3')?.label).toBe('Aktivitetsparat modtager af kontanthjælp (beskæftigelsesreformen)')
    } finally {
      clock = null
    }

    const logged = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity', '=', 'reference-data').orderBy('at').execute()
    expect(logged).toEqual([
      { action: 'update', actor_id: admin.id },
      { action: 'create', actor_id: admin.id },
    ])
  })

  it('refuses an end before the start, a malformed code and anyone but the administrator, in Danish at the field', async () => {
    const backwards = await call(admin, 'PUT', '/api/reference-data/target-groups/6.1/2019-01-01', { label: 'Dagpengemodtager', validTo: '2018-12-31', note: null })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().issues).toEqual([{ path: 'validTo', message: 'Slutdatoen kan ikke ligge før startdatoen.' }])
    const bad = await call(admin, 'POST', '/api/reference-data/target-groups', { code: '6 2; drop', label: 'x', validFrom: '2027-01-01', validTo: null, note: null })
    expect(bad.statusCode).toBe(400)
    expect(JSON.stringify(bad.json())).toContain('Koden må kun indeholde bogstaver, tal, punktum og bindestreg.')
    expect((await call(leader, 'POST', '/api/reference-data/target-groups', { code: '6.9', label: 'Revalidering', validFrom: '2027-01-01', validTo: null, note: null })).statusCode).toBe(403)
    expect((await call(leader, 'GET', '/api/reference-data')).statusCode).toBe(403)
  })
})

describe('the next funding period', () => {
  it('is added with its effort areas without a code change, and may not overlap the one before', async () => {
    const period = {
      code: '2027-30',
      name: 'Landsbyggefondens boligsociale midler 2027-2030',
      startsOn: '2027-01-01',
      endsOn: '2030-12-31',
      effortAreas: [
        { code: 'beskaeftigelse', name: 'Beskæftigelse' },
        { code: 'uddannelse-og-livschancer', name: 'Uddannelse og livschancer' },
      ],
    }
    const overlapping = await call(admin, 'POST', '/api/reference-data/funding-periods', { ...period, code: '2026-30', startsOn: '2026-06-01' })
    expect(overlapping.statusCode).toBe(409)
    expect(overlapping.json().message).toBe('Perioden overlapper med Landsbyggefondens boligsociale midler 2019-2026 (1. januar 2019 til 31. december 2026).')
    expect((await call(admin, 'POST', '/api/reference-data/funding-periods', period)).statusCode).toBe(204)
    const data = (await call(admin, 'GET', '/api/reference-data')).json() as ReferenceData
    expect(data.fundingPeriods.map((p) => [p.code, p.effortAreas.map((a) => a.name)])).toEqual([
      ['2019-26', ['Uddannelse og livschancer', 'Beskæftigelse', 'Kriminalitetsforebyggelse', 'Sammenhængskraft og medborgerskab']],
      ['2027-30', ['Beskæftigelse', 'Uddannelse og livschancer']],
    ])
  })
})
