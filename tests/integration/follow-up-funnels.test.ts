import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { Activity } from '../../src/shared/enrolments.ts'
import type { FunnelFigures, Pathway } from '../../src/shared/pathways.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// The young people's funnel on the agreement's follow-up page, over HTTP: Varde's agreement, six
// young people who got a leisure job in 2025, four still in it after three months and two who lost
// it, one of them after a pocket-money job, and one "Mod på matematik" group. The project leader
// reads the counts as they are; a board member reads them with the small ones hidden; Sønderborg's
// agreement, whose activities have no pathway, has no funnel; another plan's agreement is not found.

let t: TestDatabase
let app: App
let planId: string
let agreementId: string
let other: { planId: string; agreementId: string }
let leader: string
let board: string

const funnels = (cookie: string, period = '2025', plan = planId, agreement = agreementId) =>
  app.inject({ method: 'GET', url: `/api/plans/${plan}/agreements/${agreement}/funnels?period=${period}`, headers: { cookie } })

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  ;({ planId, agreementId } = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed'))
  other = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  leader = await login(app, await makeUser(t.ctx, 'projektleder', [planId, other.planId]))
  board = await login(app, await makeUser(t.ctx, 'bestyrelse', [planId]))
  const worker = await login(app, await makeUser(t.ctx, 'boligsocial', [planId]))
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url: `/api/plans/${planId}${url}`, headers: { cookie: worker }, payload })
    expect(res.statusCode, res.body).toBe(201)
    return (res.json() as { id: string }).id
  }
  const activities = (await app.inject({ method: 'GET', url: `/api/plans/${planId}/activities`, headers: { cookie: worker } })).json() as Activity[]
  const activity = activities.find((a) => a.key === 'lommepenge-og-fritidsjobs')!
  const pathway = (await app.inject({ method: 'GET', url: `/api/plans/${planId}/activities/${activity.id}/pathway`, headers: { cookie: worker } })).json() as Pathway
  const step = (key: string) => pathway.steps.find((s) => s.key === key)!.id
  await post(`/activities/${activity.id}/groups`, { name: 'Mod på matematik, forår', startsOn: '2025-02-01', endsOn: null })
  for (let i = 0; i < 6; i++) {
    const id = await post('/participants', { name: `Ung ${i + 1}`, phone: '', email: '', address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: '2025-01-10' })
    if (i === 0) await post(`/participants/${id}/pathway-progress`, { stepId: step('lommepengejob'), reachedOn: '2025-02-05' })
    await post(`/participants/${id}/pathway-progress`, { stepId: step('fritidsjob'), reachedOn: '2025-03-03' })
    await post(`/participants/${id}/pathway-progress`, { stepId: step('fastholdt-3-maaneder'), reachedOn: '2025-06-03', stillHeld: i < 4 })
  }
})

describe("the funnel on an agreement's follow-up page", () => {
  it('gives the project leader the counts of the year as on the funnel page', async () => {
    const res = await funnels(leader)
    expect(res.statusCode, res.body).toBe(200)
    const [f, ...rest] = res.json() as FunnelFigures[]
    expect(rest).toEqual([])
    expect(f).toMatchObject({ period: '2025', entered: 6, kept: 4, lost: 2, awaiting: 0, hidden: false, suppressed: false })
    expect(f!.steps.find((s) => s.name.toLowerCase().includes('lommepenge'))).toMatchObject({ count: 1, hidden: false })
    expect(f!.groups).toMatchObject({ year: 2025, count: 1, verdict: 'within' })
    // The same figures as the activity's own funnel page.
    const page = await app.inject({ method: 'GET', url: `/api/plans/${planId}/activities/${f!.activityId}/funnel?period=2025`, headers: { cookie: leader } })
    expect(page.json()).toEqual(f)
  })

  it('hides the small counts from a board member, and all leisure-job counts when one is small', async () => {
    const [f] = (await funnels(board)).json() as FunnelFigures[]
    expect(f).toMatchObject({ suppressed: true, hidden: true })
    expect(f!.steps.find((s) => s.name.toLowerCase().includes('lommepenge'))).toMatchObject({ hidden: true })
  })

  it('is empty for an agreement without a pathway, not found for another plan’s agreement, and refuses a bad period', async () => {
    const none = await funnels(leader, '2025', other.planId, other.agreementId)
    expect(none.statusCode, none.body).toBe(200)
    expect(none.json()).toEqual([])
    expect((await funnels(leader, '2025', planId, other.agreementId)).statusCode).toBe(404)
    const bad = await funnels(leader, '2025-13')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('periode')
  })
})
