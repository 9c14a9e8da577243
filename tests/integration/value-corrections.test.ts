import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { FollowUp, IndicatorValueDto } from '../../src/shared/indicators.ts'
import type { Role } from '../../src/shared/users.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Every mistake in the follow-up can be put right, and implausible input is stopped where it is
// typed (over HTTP, on a real database, in Sønderborg's agreement): a value for a period that has
// not begun, a number that cannot be stored exactly, a count ten times the baseline (233 residents
// under the outreach job centre) unless confirmed, and a value retracted with its reason.

let t: TestDatabase
let app: App
let plan: { planId: string; agreementId: string }
const cookies = new Map<string, string>()
const UNEMPLOYED = 'beboere-omfattet-af-fremskudt-jobcenter'

beforeAll(async () => {
  t = await testDatabase()
  t.ctx.now = () => new Date()
  app = await testApp(t.ctx)
  const s = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  plan = { planId: s.planId, agreementId: s.agreementId }
})

async function as(role: Role): Promise<string> {
  if (!cookies.has(role)) cookies.set(role, await login(app, await makeUser(t.ctx, role, [plan.planId])))
  return cookies.get(role)!
}

async function call(role: Role, method: 'GET' | 'POST' | 'PUT', rest: string, payload?: unknown) {
  return app.inject({ method, url: `/api/plans/${plan.planId}/agreements/${plan.agreementId}${rest}`, headers: { cookie: await as(role) }, ...(payload ? { payload: payload as object } : {}) })
}

const key = (period: string) => ({ indicatorKey: UNEMPLOYED, rowKey: 'alle', population: 'area' as const, period })

describe('implausible values', () => {
  it('refuses a value for a period that has not begun, at the period field', async () => {
    const res = await call('jobcenter', 'POST', '/values', { ...key('2099-Q1'), count: 200 })
    expect(res.statusCode).toBe(400)
    expect(res.json().issues).toEqual([
      { path: 'period', message: '1. kvartal 2099 er ikke begyndt endnu (den begynder 1. januar 2099). En værdi registreres, når perioden er begyndt; mål for perioden står i delaftalen.' },
    ])
  })

  it('refuses numbers that would not be stored exactly, and shares above 100 %', async () => {
    const huge = await app.inject({
      method: 'POST',
      url: `/api/plans/${plan.planId}/agreements/${plan.agreementId}/values`,
      headers: { cookie: await as('jobcenter'), 'content-type': 'application/json' },
      payload: `{"indicatorKey":"${UNEMPLOYED}","rowKey":"alle","population":"area","period":"2024-Q1","count":99999999999999999999}`,
    })
    expect(huge.statusCode).toBe(400)
    expect(JSON.stringify(huge.json())).toContain('Antallet er for stort til at blive gemt præcist.')
    const share = await call('jobcenter', 'POST', '/values', { ...key('2024-Q1'), share: 101 })
    expect(share.statusCode).toBe(400)
    expect(JSON.stringify(share.json())).toContain('En andel er højst 100 %.')
    const stored = await t.db.selectFrom('indicator_value').select('id').where('indicator_key', '=', UNEMPLOYED).execute()
    expect(stored).toEqual([])
  })

  it('asks for confirmation of a count more than ten times the baseline, and stores it once confirmed', async () => {
    const asked = await call('jobcenter', 'POST', '/values', { ...key('2024-Q2'), count: 2331 })
    expect(asked.statusCode).toBe(409)
    expect(asked.json()).toMatchObject({ code: 'confirmation_required', message: 'Antallet 2.331 er mere end 10 gange baseline (233). Tjek tallet, og bekræft det, hvis det er rigtigt.' })
    expect((await call('jobcenter', 'POST', '/values', { ...key('2024-Q2'), count: 2330 })).statusCode).toBe(201)
    const confirmed = await call('jobcenter', 'POST', '/values', { ...key('2024-Q3'), count: 2331, confirmImplausible: true })
    expect(confirmed.statusCode).toBe(201)
  })
})

describe('retracting a value', () => {
  it('leaves the period without a value, keeps the history with the reason, and is audited', async () => {
    expect((await call('jobcenter', 'POST', '/values', { ...key('2024-Q4'), count: 212 })).statusCode).toBe(201)
    const before = (await call('jobcenter', 'GET', '/follow-up')).json() as FollowUp
    expect(before.series.find((s) => s.indicatorKey === UNEMPLOYED)!.values.map((v) => v.period)).toContain('2024-Q4')

    const missingReason = await call('jobcenter', 'POST', '/values/retraction', { ...key('2024-Q4'), reason: ' ' })
    expect(missingReason.statusCode).toBe(400)
    expect(JSON.stringify(missingReason.json())).toContain('Skriv hvorfor værdien trækkes tilbage.')

    const retracted = await call('jobcenter', 'POST', '/values/retraction', { ...key('2024-Q4'), reason: 'Tallet hørte til 2025, ikke 2024.' })
    expect(retracted.statusCode, retracted.body).toBe(201)
    expect(retracted.json()).toMatchObject({ retracted: true, share: null, count: null, note: 'Tallet hørte til 2025, ikke 2024.' })

    const after = (await call('bestyrelse', 'GET', '/follow-up')).json() as FollowUp
    expect(after.series.find((s) => s.indicatorKey === UNEMPLOYED)!.values.map((v) => v.period)).not.toContain('2024-Q4')
    const history = (await call('jobcenter', 'GET', `/values/history?${new URLSearchParams(key('2024-Q4')).toString()}`)).json() as { values: IndicatorValueDto[] }
    expect(history.values.map((v) => [v.retracted, v.count, v.note])).toEqual([
      [true, null, 'Tallet hørte til 2025, ikke 2024.'],
      [false, 212, null],
    ])
    const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).where('entity', '=', 'indicator-value').where('entity_id', '=', retracted.json().id).execute()
    expect(audit).toEqual([{ action: 'delete', details: expect.objectContaining({ reason: 'Tallet hørte til 2025, ikke 2024.', period: '2024-Q4' }) }])

    const again = await call('jobcenter', 'POST', '/values/retraction', { ...key('2024-Q4'), reason: 'Igen.' })
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toBe('4. kvartal 2024 har ingen værdi at trække tilbage.')
    // A new value after a retraction is a correction like any other.
    expect((await call('jobcenter', 'POST', '/values', { ...key('2024-Q4'), count: 198, note: 'Det rigtige tal.' })).statusCode).toBe(201)
  })

  it('is refused in a locked period, and by the board', async () => {
    expect((await call('jobcenter', 'POST', '/values', { ...key('2023-Q1'), count: 220 })).statusCode).toBe(201)
    expect((await call('projektleder', 'PUT', '/periods', { period: '2023-Q1', locked: true })).statusCode).toBe(200)
    const locked = await call('jobcenter', 'POST', '/values/retraction', { ...key('2023-Q1'), reason: 'Forkert.' })
    expect(locked.statusCode).toBe(409)
    expect(locked.json().message).toContain('er godkendt og låst')
    expect((await call('bestyrelse', 'POST', '/values/retraction', { ...key('2023-Q1'), reason: 'Forkert.' })).statusCode).toBe(403)
  })
})
