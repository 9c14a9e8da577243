import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { OccurrenceDetail, OccurrenceWeek } from '../../src/shared/counselling.ts'
import type { FollowUpOutreach } from '../../src/shared/indicators.ts'
import type { QuarterView } from '../../src/shared/staff-time.ts'
import type { Role } from '../../src/shared/users.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// The follow-up dashboard's quarter of open counselling and staff time, over HTTP with Sønderborg's
// agreement. Recorded in the week of 25 August 2025 (as in report-counselling.test.ts):
// - Monday, Stenbjergparken: three staff check in; ten inquiries, five referred: held, staffed.
// - Tuesday, Kløver-/Hvedemarken: cancelled.
// - Thursday, Nørager: one staff member checks in, one inquiry: held, under-staffed.
// Planned in the calendar quarter up to the agreement's end on 31 August: 8 + 9 + 9 = 26.
// The mentor registers 31 hours in each of nine weeks: 279 hours.

let t: TestDatabase
let app: App
let planId: string
let agreementId: string
const cookies = {} as Record<Role | 'boligsocial2', string>

const base = () => `/api/plans/${planId}/counselling`
const get = (who: keyof typeof cookies, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } })
const send = (who: keyof typeof cookies, url: string, payload?: object) => app.inject({ method: 'POST', url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) })
const outreach = async (who: keyof typeof cookies, quarter = '2025-Q3') => {
  const res = await get(who, `/api/plans/${planId}/agreements/${agreementId}/follow-up/outreach?quarter=${quarter}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as FollowUpOutreach
}

async function occurrenceOn(day: string): Promise<OccurrenceDetail> {
  const w = (await get('boligsocial', `${base()}/occurrences?week=${day}`)).json() as OccurrenceWeek
  const o = w.occurrences.find((x) => x.heldOn === day)!
  return (await get('boligsocial', `${base()}/occurrences/${o.id}`)).json() as OccurrenceDetail
}

async function inquiries(o: OccurrenceDetail, label: string, n: number, referral?: string) {
  const topicId = o.topics.find((x) => x.label === label)!.id
  for (let i = 0; i < n; i++) {
    const res = await send('boligsocial', `${base()}/occurrences/${o.id}/inquiries`, { topicId })
    expect(res.statusCode, res.body).toBe(201)
    if (referral) {
      const id = (res.json() as { id: string }).id
      const refer = await app.inject({ method: 'PUT', url: `${base()}/inquiries/${id}/referral`, headers: { cookie: cookies.boligsocial }, payload: { referral } })
      expect(refer.statusCode, refer.body).toBe(204)
    }
  }
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  ;({ planId, agreementId } = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed'))
  for (const role of ['projektleder', 'boligsocial', 'boligsocial2', 'jobcenter', 'bestyrelse'] as const) {
    cookies[role] = await login(app, await makeUser(t.ctx, role.replace('2', '') as Role, [planId]))
  }
  const monday = await occurrenceOn('2025-08-25')
  for (const who of ['boligsocial', 'boligsocial2', 'jobcenter'] as const) expect((await send(who, `${base()}/occurrences/${monday.id}/check`, { action: 'in' })).statusCode).toBe(204)
  await inquiries(monday, 'Jobsøgning', 5, 'jobcenter')
  await inquiries(monday, 'Økonomi', 5)
  const tuesday = await occurrenceOn('2025-08-26')
  expect((await send('boligsocial', `${base()}/occurrences/${tuesday.id}/cancel`, { reason: 'Beboerhuset er lukket' })).statusCode).toBe(204)
  const thursday = await occurrenceOn('2025-08-28')
  expect((await send('boligsocial', `${base()}/occurrences/${thursday.id}/check`, { action: 'in' })).statusCode).toBe(204)
  await inquiries(thursday, 'Bolig', 1)
  for (const week of ['2025-W27', '2025-W28', '2025-W29', '2025-W30', '2025-W31', '2025-W32', '2025-W33', '2025-W34', '2025-W35']) {
    const res = await send('boligsocial', `/api/plans/${planId}/staff-time/hours`, { agreementId, activityId: null, resourceKey: 'boligsocial-syge-og-fravaersmentor', effortArea: null, hours: 31, note: null, week })
    expect(res.statusCode, res.body).toBe(201)
  }
})

describe('the follow-up’s quarter of open counselling and staff time', () => {
  it('shows the project leader occurrences held against planned, staffing met and every inquiry', async () => {
    const o = await outreach('projektleder')
    expect(o.quarterLabel).toBe('3. kvartal 2025')
    expect(o.suppressed).toBe(false)
    expect(o.counselling).toMatchObject({ planned: 26, held: 2, cancelled: 1, notRecorded: 23, staffingMet: 1, understaffed: 1, inquiries: 11, referred: 5 })
    expect(o.counselling!.referredShare).toBeCloseTo(5 / 11)
    expect(o.counselling!.sites.find((s) => s.site === 'Stenbjergparken')).toMatchObject({ planned: 8, held: 1, inquiries: 10, referred: 5 })
    expect(o.counselling!.sites.find((s) => s.site.startsWith('Nørager'))).toMatchObject({ held: 1, staffingMet: 0, inquiries: 1 })
  })

  it('hides a board member’s small counts of inquiries, as on the figures page, but not the staff’s work', async () => {
    const o = await outreach('bestyrelse')
    expect(o.suppressed).toBe(true)
    expect(o.counselling).toMatchObject({ planned: 26, held: 2, staffingMet: 1, inquiries: 11 })
    // Nørager's one inquiry is hidden, and with the total shown Stenbjergparken's 10 would give it away.
    expect(o.counselling!.sites.find((s) => s.site.startsWith('Nørager'))!.inquiries).toBeNull()
    expect(o.counselling!.sites.find((s) => s.site === 'Stenbjergparken')!.inquiries).toBeNull()
    const figures = (await get('bestyrelse', `${base()}/figures?from=2025-07-01&to=2025-09-30`)).json() as { sites: { site: string; inquiries: number | null }[] }
    expect(o.counselling!.sites.map((s) => s.inquiries)).toEqual(figures.sites.map((s) => s.inquiries))
  })

  it('gives every staff promise delivered against promised, as the quarter page does', async () => {
    const o = await outreach('bestyrelse')
    const quarter = (await get('projektleder', `/api/plans/${planId}/staff-time/agreements/${agreementId}/quarter?quarter=2025-Q3`)).json() as QuarterView
    expect(o.staff!.promises.map((p) => [p.key, p.deliveredHours, p.verdict, p.sentence])).toEqual(quarter.promises.map((p) => [p.key, p.deliveredHours, p.verdict, p.sentence]))
    expect(o.staff!.promises.find((p) => p.key === 'boligsocial-syge-og-fravaersmentor')!.deliveredHours).toBe(279)
    expect(o.staff!.hoursTotal).toBe(279)
  })

  it('moves between quarters and shows nothing recorded in an empty one', async () => {
    const o = await outreach('projektleder', '2025-Q2')
    expect(o.nextQuarter).toBe('2025-Q3')
    expect(o.counselling!.held).toBe(0)
    expect(o.counselling!.planned).toBeGreaterThan(0)
    expect(o.staff!.hoursTotal).toBe(0)
  })

  it('is not shown to someone outside the plan', async () => {
    const stranger = await login(app, await makeUser(t.ctx, 'bestyrelse', []))
    const res = await app.inject({ method: 'GET', url: `/api/plans/${planId}/agreements/${agreementId}/follow-up/outreach?quarter=2025-Q3`, headers: { cookie: stranger } })
    expect(res.statusCode).toBe(403)
  })
})
