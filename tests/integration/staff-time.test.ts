import { beforeAll, describe, expect, it } from 'vitest'
import { seedAgreements } from '../../src/server/features/agreements/agreements.seed.ts'
import { seedPlans } from '../../src/server/features/plans/plans.seed.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { QuarterView } from '../../src/shared/staff-time.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'

// Staff time over HTTP (decision 015): the conversation calendar under the resident gate, hours
// registered per week, and the quarter's delivered against promised, read from the seed agreements.

let t: TestDatabase
let app: App
let varde: string
let soenderborg: string
let vardeAgreement: string
let soenderborgAgreement: string
const activities = new Map<string, string>()
const cookies: Record<'jobcenter' | 'jobcenter2' | 'boligsocial' | 'projektleder' | 'bestyrelse', string> = {} as never

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  ;[soenderborg, varde] = (await seedPlans(t.ctx)) as [string, string]
  await seedAgreements(t.ctx)
  vardeAgreement = (await t.db.selectFrom('agreement').select('id').where('plan_id', '=', varde).executeTakeFirstOrThrow()).id
  soenderborgAgreement = (await t.db.selectFrom('agreement').select('id').where('plan_id', '=', soenderborg).executeTakeFirstOrThrow()).id
  for (const a of await t.db.selectFrom('activity').select(['id', 'key']).where('plan_id', '=', varde).execute()) activities.set(a.key, a.id)
  for (const role of ['jobcenter', 'boligsocial', 'projektleder', 'bestyrelse'] as const) cookies[role] = await login(app, await makeUser(t.ctx, role, [varde, soenderborg]))
  cookies.jobcenter2 = await login(app, await makeUser(t.ctx, 'jobcenter', [varde]))
})

const post = (who: keyof typeof cookies, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: { cookie: cookies[who] }, payload: payload as object })
const get = (who: keyof typeof cookies, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } })
const conversation = (over: Record<string, unknown> = {}) => ({
  activityId: activities.get('fremskudt-ungeindsats'),
  kind: 'anonymous',
  participantId: null,
  heldOn: '2025-07-08',
  place: 'Trivselshuset',
  durationMinutes: 60,
  transportMinutes: 30,
  adminMinutes: null,
  ...over,
})
const hours = (over: Record<string, unknown>) => ({ agreementId: vardeAgreement, activityId: null, resourceKey: null, effortArea: null, hours: 8, note: null, ...over })
const quarter = async (who: keyof typeof cookies, agreementId: string, q: string) => {
  const res = await get(who, `/api/plans/${agreementId === vardeAgreement ? varde : soenderborg}/staff-time/agreements/${agreementId}/quarter?quarter=${q}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as QuarterView
}
const row = (view: QuarterView, key: string) => view.promises.find((p) => p.key === key)!

describe('the conversation calendar', () => {
  it('a job-centre user records two conversations with transport time; each counts the agreement\'s ½ hour of administration', async () => {
    expect((await post('jobcenter', `/api/plans/${varde}/staff-time/conversations`, conversation())).statusCode).toBe(201)
    expect((await post('jobcenter', `/api/plans/${varde}/staff-time/conversations`, conversation({ heldOn: '2025-07-10', transportMinutes: 15 }))).statusCode).toBe(201)
    const list = (await get('jobcenter', `/api/plans/${varde}/staff-time/conversations`)).json() as { conversations: { adminMinutes: number; adminByRule: boolean; transportMinutes: number }[] }
    expect(list.conversations.map((c) => [c.transportMinutes, c.adminMinutes, c.adminByRule])).toEqual([
      [15, 30, true],
      [30, 30, true],
    ])
    // 60 + 30 + 30 and 60 + 15 + 30 minutes = 3,75 hours toward "mindst fem timer ugentligt".
    const view = await quarter('projektleder', vardeAgreement, '2025-Q3')
    expect(view.conversations).toBe(2)
    expect(row(view, 'ungeindsats-jobcenter-timer').deliveredHours).toBeCloseTo(3.75, 10)
    // The same hours feed "Afdeling Ung støtter med 5 timer pr uge i 40 uger".
    expect(row(view, 'jobcenter-afdeling-ung').deliveredHours).toBeCloseTo(3.75, 10)
  })

  it('a time sheet for the same person, activity and week replaces the hours derived from conversations', async () => {
    const res = await post('jobcenter', `/api/plans/${varde}/staff-time/hours`, hours({ activityId: activities.get('fremskudt-ungeindsats'), week: '2025-W28', hours: 6 }))
    expect(res.statusCode, res.body).toBe(201)
    const view = await quarter('projektleder', vardeAgreement, '2025-Q3')
    expect(row(view, 'ungeindsats-jobcenter-timer').deliveredHours).toBe(6)
    // Registering the week again replaces it.
    const again = await post('jobcenter', `/api/plans/${varde}/staff-time/hours`, hours({ activityId: activities.get('fremskudt-ungeindsats'), week: '2025-W28', hours: 7.5 }))
    expect(again.json()).toMatchObject({ replaced: true })
    expect(row(await quarter('projektleder', vardeAgreement, '2025-Q3'), 'ungeindsats-jobcenter-timer').deliveredHours).toBe(7.5)
  })

  it('refuses to link a conversation to a resident whose consent does not cover the job centre, and accepts it once it does', async () => {
    const created = await post('boligsocial', `/api/plans/${varde}/participants`, {
      name: 'Sara Holm', phone: null, email: null, address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: '2025-03-01',
    })
    expect(created.statusCode, created.body).toBe(201)
    const participantId = (created.json() as { id: string }).id
    const refused = await post('jobcenter', `/api/plans/${varde}/staff-time/conversations`, conversation({ kind: 'individual', participantId }))
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ code: 'consent_required' })

    const consent = await post('boligsocial', `/api/plans/${varde}/participants/${participantId}/consents`, {
      parties: await partiesOfKinds(t.ctx, varde, ['boligsocial', 'jobcenter']), categories: ['contact', 'employment'], purpose: 'Job og uddannelse', form: 'oral', givenOn: '2025-03-01', validUntil: null,
    })
    expect(consent.statusCode, consent.body).toBe(201)
    const linked = await post('jobcenter', `/api/plans/${varde}/staff-time/conversations`, conversation({ kind: 'individual', participantId, heldOn: '2025-08-05' }))
    expect(linked.statusCode, linked.body).toBe(201)
    const list = (await get('jobcenter', `/api/plans/${varde}/staff-time/conversations`)).json() as { conversations: { participant: { name: string | null } | null; residentHidden: boolean }[] }
    expect(list.conversations[0]).toMatchObject({ participant: { name: 'Sara Holm' }, residentHidden: false })
  })

  it('hides a linked resident from a job-centre reader outside the consent, and counts the conversation', async () => {
    const created = await post('boligsocial', `/api/plans/${varde}/participants`, {
      name: 'Omar Said', phone: null, email: null, address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: '2025-03-01',
    })
    const participantId = (created.json() as { id: string }).id
    expect((await post('boligsocial', `/api/plans/${varde}/staff-time/conversations`, conversation({ kind: 'individual', participantId, heldOn: '2025-08-06' }))).statusCode).toBe(201)
    const seen = (await get('jobcenter2', `/api/plans/${varde}/staff-time/conversations`)).json() as { conversations: { heldOn: string; participant: unknown; residentHidden: boolean }[] }
    const it = seen.conversations.find((c) => c.heldOn === '2025-08-06')!
    expect(it).toMatchObject({ participant: null, residentHidden: true })
    expect(JSON.stringify(seen)).not.toContain('Omar Said')
  })

  it('keeps board members out of the calendar', async () => {
    expect((await get('bestyrelse', `/api/plans/${varde}/staff-time/conversations`)).statusCode).toBe(403)
  })
})

describe('delivered against promised', () => {
  it('judges "mindst 16 timer ugentligt i 44 uger" not kept at 11,5 hours a week in 3rd quarter 2025', async () => {
    // 11 weeks × 11,5 hours = 126,5 hours over the quarter's weeks.
    const weeks = ['2025-W27', '2025-W28', '2025-W29', '2025-W30', '2025-W31', '2025-W32', '2025-W33', '2025-W34', '2025-W35', '2025-W36', '2025-W37']
    for (const week of weeks) {
      const res = await post('jobcenter2', `/api/plans/${varde}/staff-time/hours`, hours({ activityId: activities.get('fremskudt-kontanthjaelp-og-integration'), week, hours: 11.5 }))
      expect(res.statusCode, res.body).toBe(201)
    }
    const view = await quarter('bestyrelse', vardeAgreement, '2025-Q3')
    const r = row(view, 'kontanthjaelp-jobcenter-timer')
    expect(r).toMatchObject({ promisedHours: 176, deliveredHours: 126.5, averagePerWeek: 11.5, verdict: 'not-kept', party: 'Jobcenter Varde (Kontanthjælp & Integration)' })
    expect(r.sentence).toContain('lovede mindst 16 timer pr. uge i 44 uger; 3. kvartal 2025: 11,5 timer om ugen i gennemsnit')
    // The 40-week line of the same 16 hours: 160 promised, also not kept.
    expect(row(view, 'jobcenter-kontanthjaelp-og-integration')).toMatchObject({ promisedHours: 160, deliveredHours: 126.5, verdict: 'not-kept' })
    // A board member sees the figures with a small number of conversations hidden.
    expect(view.conversations).toBeNull()
  })

  it('shows Sønderborg\'s posts as hours from a 37-hour week, and keeps a 100 % post when its hours are there', async () => {
    const fourteen = ['2025-W14', '2025-W15', '2025-W16', '2025-W17', '2025-W18', '2025-W19', '2025-W20', '2025-W21', '2025-W22', '2025-W23', '2025-W24', '2025-W25', '2025-W26']
    for (const week of fourteen) {
      const res = await post('boligsocial', `/api/plans/${soenderborg}/staff-time/hours`, hours({ agreementId: soenderborgAgreement, resourceKey: 'boligsocial-syge-og-fravaersmentor', week, hours: 31 }))
      expect(res.statusCode, res.body).toBe(201)
    }
    const view = await quarter('projektleder', soenderborgAgreement, '2025-Q2')
    // 13 weeks less 5 holidays = 12 working weeks, less 6/52 vacation: 37 × 12 × 46/52 = 392,77 hours.
    expect(row(view, 'boligsocial-syge-og-fravaersmentor').promisedHours).toBeCloseTo(392.769, 2)
    expect(row(view, 'boligsocial-syge-og-fravaersmentor')).toMatchObject({ deliveredHours: 403, verdict: 'kept' })
    expect(row(view, 'boligsocial-virksomhedskonsulent')).toMatchObject({ deliveredHours: 0, verdict: 'not-kept' })
    expect(row(view, 'jobcenter-soenderborg-fremskudt-indsats')).toMatchObject({ promisedPeople: 10, verdict: 'not-kept' })
    expect(view.holidays).toHaveLength(5)
  })

  it('exports the quarter as CSV for the municipality', async () => {
    const res = await get('projektleder', `/api/plans/${varde}/staff-time/agreements/${vardeAgreement}/quarter.csv?quarter=2025-Q3`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    const lines = res.body.replace('\uFEFF', '').trim().split('\r\n')
    expect(lines[0]).toContain('Kvartal;Part;Hvor')
    expect(lines.find((l) => l.includes('i 44 uger'))).toContain(';176;16;11;;126,5;1;11,5;Ikke holdt;')
  })

  it('lets the fixed outreach employee close the quarter\'s total where the agreement asks for it, and only there', async () => {
    const closed = await post('jobcenter', `/api/plans/${varde}/staff-time/agreements/${vardeAgreement}/closes`, { resourceKey: 'ungeindsats-jobcenter-timer', quarter: '2025-Q3', note: null })
    expect(closed.statusCode, closed.body).toBe(201)
    const view = await quarter('projektleder', vardeAgreement, '2025-Q3')
    expect(row(view, 'ungeindsats-jobcenter-timer').closed).toMatchObject({ totalHours: row(view, 'ungeindsats-jobcenter-timer').deliveredHours })
    const refused = await post('jobcenter', `/api/plans/${varde}/staff-time/agreements/${vardeAgreement}/closes`, { resourceKey: 'kontanthjaelp-jobcenter-timer', quarter: '2025-Q3', note: null })
    expect(refused.statusCode).toBe(400)
  })

  it('refuses hours that are not in half hours', async () => {
    const res = await post('jobcenter', `/api/plans/${varde}/staff-time/hours`, hours({ activityId: activities.get('fremskudt-ungeindsats'), week: '2025-W30', hours: 2.25 }))
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('halve timer')
  })
})
