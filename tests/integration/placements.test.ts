import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { Company, CompanyFigures } from '../../src/shared/companies.ts'
import type { Activity, ActivityFigures } from '../../src/shared/enrolments.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { addDays, addMonths } from '../../src/shared/lib/period.ts'
import type { Placement, PlacementList } from '../../src/shared/placements.ts'
import type { Role } from '../../src/shared/users.ts'
import { login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Placements over HTTP against a real database (decision 022): the company side and the resident
// side for the job centre, places filling an opening, the link to a course exit and the transition
// figure, the three-month follow-up asked at its day, the end and its outcome, and no writes about
// an anonymised resident.

let t: TestDatabase
let app: App
let planId: string
let course: Activity
let companyId: string
const cookies = new Map<Role, string>()
const today = isoDay(new Date())
const daysAgo = (n: number) => addDays(today, -n)

async function as(role: Role): Promise<string> {
  if (!cookies.has(role)) cookies.set(role, await login(app, await makeUser(t.ctx, role, [planId])))
  return cookies.get(role)!
}

async function call(role: Role, method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown) {
  return app.inject({ method, url: `/api/plans/${planId}${path}`, headers: { cookie: await as(role) }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

async function created(role: Role, path: string, payload: unknown): Promise<string> {
  const res = await call(role, 'POST', path, payload)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<{ id: string }>().id
}

/** A resident registered by the housing-social team; with `consent`, the job centre may see their contact details and employment. */
async function resident(name: string, consent: boolean): Promise<string> {
  const id = await created('boligsocial', '/participants', { name, phone: null, email: null, address: null, birthYear: 1990, ageBand: null, housingAreaId: null, departmentId: null, registeredOn: daysAgo(60), targetGroupCode: '6.3', targetGroupOn: daysAgo(60) })
  if (consent) {
    const parties = await partiesOfKinds(t.ctx, planId, ['boligsocial', 'jobcenter'])
    await created('boligsocial', `/participants/${id}/consents`, { parties, categories: ['contact', 'employment'], purpose: 'Praktik og job sammen med jobcentret.', form: 'oral', givenOn: daysAgo(50), validUntil: null })
  }
  return id
}

async function opening(places: number, kind = 'virksomhedspraktik'): Promise<string> {
  return created('jobcenter', `/companies/${companyId}/openings`, { kind, title: `Praktik ${places}`, places })
}

const openingStatus = async (id: string) => (await call('jobcenter', 'GET', `/companies/${companyId}`)).json<Company>().openings.find((o) => o.id === id)!.status

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  planId = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  const activities = (await call('projektleder', 'GET', '/activities')).json<Activity[]>()
  course = activities.find((a) => a.key === 'beskaeftigelsesfremmende-forloeb')!
  companyId = await created('jobcenter', '/companies', { cvr: '20165715', name: 'Danfoss A/S' })
})

describe('the job centre and a placed resident', () => {
  it('shows the job centre the company side always and the resident only under consent', async () => {
    const withConsent = await resident('Amira Hansen', true)
    const without = await resident('Bo Jensen', false)
    const open = await opening(3)
    // The housing-social team owns both records, so it may place both.
    const p1 = await created('boligsocial', '/placements', { openingId: open, participantId: withConsent, startOn: daysAgo(5), mentor: 'Lone (lagerchef)' })
    const p2 = await created('boligsocial', '/placements', { openingId: open, participantId: without, startOn: daysAgo(5) })

    const list = (await call('jobcenter', 'GET', `/placements?companyId=${companyId}`)).json<PlacementList>()
    expect(list.placements.map((p) => p.id)).toEqual([p1])
    expect(list.placements[0]).toMatchObject({ name: 'Amira Hansen', companyName: 'Danfoss A/S', openingTitle: 'Praktik 3', status: 'running' })
    expect(list.hidden).toBe(1)
    expect(JSON.stringify(list)).not.toContain('Bo Jensen')

    const refused = await call('jobcenter', 'GET', `/placements/${p2}`)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('consent_required')
    expect(refused.body).not.toContain('Bo Jensen')
    // The company side: the opening's places, taken by both, whoever may see whom.
    const choices = (await call('jobcenter', 'GET', '/placement-choices')).json<{ openings: { id: string; taken: number }[] }>()
    expect(choices.openings.find((o) => o.id === open)).toMatchObject({ taken: 2 })
    // And the job centre cannot place the resident it may not see.
    const placeRefused = await call('jobcenter', 'POST', '/placements', { openingId: open, participantId: without, startOn: today })
    expect(placeRefused.statusCode).toBe(403)
  })

  it('logs each read with the residents shown and the consent it rests on', async () => {
    const id = await resident('Camilla Holm', true)
    const p = await created('boligsocial', '/placements', { openingId: await opening(1), participantId: id, startOn: today })
    const res = await call('jobcenter', 'GET', `/placements/${p}`)
    expect(res.statusCode).toBe(200)
    const row = await t.db.selectFrom('audit_log').select(['entity', 'entity_id', 'details']).where('action', '=', 'read').where('entity_id', '=', p).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ entity: 'placement', entity_id: p, details: { ids: [id], disclosure: { categories: ['contact', 'employment'] } } })
    const write = await t.db.selectFrom('audit_log').select(['entity', 'action', 'details']).where('entity_id', '=', p).where('action', '=', 'create').executeTakeFirstOrThrow()
    expect(write).toMatchObject({ entity: 'placement', details: { participantId: id } })
  })
})

describe('places in an opening', () => {
  it('shows an opening as filled when its places are taken, refuses one more, and opens it again when a placement ends', async () => {
    const open = await opening(2)
    const a = await resident('Dorte Lund', true)
    const b = await resident('Emil Kragh', true)
    const c = await resident('Frida Nør', true)
    await created('jobcenter', '/placements', { openingId: open, participantId: a, startOn: daysAgo(10) })
    expect(await openingStatus(open)).toBe('open')
    const second = await created('jobcenter', '/placements', { openingId: open, participantId: b, startOn: daysAgo(10) })
    expect(await openingStatus(open)).toBe('filled')

    const full = await call('jobcenter', 'POST', '/placements', { openingId: open, participantId: c, startOn: today })
    expect(full.statusCode).toBe(409)
    expect(full.json().message).toBe('Alle 2 pladser i Praktik 2 hos Danfoss A/S er besat. Afslut en udplacering, eller ret antallet af pladser.')

    const ended = await call('jobcenter', 'PUT', `/placements/${second}`, { version: 1, plannedEndOn: null, hoursPerWeek: 20, mentor: null, endOn: today, outcome: 'completed' })
    expect(ended.statusCode, ended.body).toBe(204)
    expect(await openingStatus(open)).toBe('open')
    expect((await call('jobcenter', 'POST', '/placements', { openingId: open, participantId: c, startOn: today })).statusCode).toBe(201)
  })
})

describe('a placement after the course', () => {
  it('links the placement to the course exit, so the transition figure counts it without typing it again', async () => {
    const id = await resident('Gitte Poulsen', true)
    const enrolmentId = await created('boligsocial', `/participants/${id}/enrolments`, { activityId: course.id, referredOn: daysAgo(80), referredBy: 'Fremskudt jobcenter', startOn: daysAgo(70), selection: null, allowOverbooking: true })
    const period = today.slice(0, 4)
    const transition = async () => (await call('projektleder', 'GET', `/activities/${course.id}/figures?period=${period}`)).json<ActivityFigures>().figures.find((f) => f.key === 'transition-share')!
    // The course ends today with an exit into an internship; the day it starts is not typed.
    const exit = await call('boligsocial', 'PUT', `/enrolments/${enrolmentId}`, { version: 1, startOn: daysAgo(70), plannedEndOn: null, exitOn: today, exitReason: 'virksomhedspraktik', destinationOn: null, exitNote: null, internshipContact: true })
    expect(exit.statusCode, exit.body).toBe(204)
    const before = await transition()

    const refusedEarly = await call('jobcenter', 'POST', '/placements', { openingId: await opening(1), participantId: id, enrolmentId, startOn: daysAgo(1) })
    expect(refusedEarly.statusCode).toBe(400)
    expect(refusedEarly.json().issues).toContainEqual({ path: 'startOn', message: 'Startdatoen ligger før forløbets sidste dag.' })

    const p = await created('jobcenter', '/placements', { openingId: await opening(1), participantId: id, enrolmentId, startOn: today })
    const after = await transition()
    // The exit now has its destination (the placement's first day): it counts as a transition today.
    expect(after.numerator).toBe((before.numerator ?? 0) + 1)
    const enrolment = await t.db.selectFrom('enrolment').select(['exit_reason', 'destination_on']).where('id', '=', enrolmentId).executeTakeFirstOrThrow()
    expect(enrolment).toEqual({ exit_reason: 'virksomhedspraktik', destination_on: today })
    expect((await call('jobcenter', 'GET', `/placements/${p}`)).json<Placement>().enrolmentId).toBe(enrolmentId)
  })

  it('refuses to link a course the resident has not finished', async () => {
    const id = await resident('Hans Mik', true)
    const enrolmentId = await created('boligsocial', `/participants/${id}/enrolments`, { activityId: course.id, referredOn: daysAgo(20), referredBy: 'Jobcenter', startOn: daysAgo(10), selection: null, allowOverbooking: true })
    const res = await call('jobcenter', 'POST', '/placements', { openingId: await opening(1), participantId: id, enrolmentId, startOn: today })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain('Afslut forløbet, før udplaceringen knyttes til det.')
  })
})

describe('the end, its outcome and "still in the job after 3 months"', () => {
  it('asks whether the resident is still in the job three months after the job began, and stops asking once answered', async () => {
    const id = await resident('Ida Berg', true)
    // An internship that ended 100 days ago in a job that began the day after.
    const endOn = daysAgo(100)
    const p = await created('jobcenter', '/placements', { openingId: await opening(1), participantId: id, startOn: daysAgo(180) })
    const dropped = await call('jobcenter', 'PUT', `/placements/${p}`, { version: 1, plannedEndOn: null, hoursPerWeek: 30, mentor: null, endOn, outcome: 'dropped-out' })
    expect(dropped.statusCode).toBe(400)
    expect(dropped.json().issues).toContainEqual({ path: 'endNote', message: 'Skriv, hvorfor beboeren stoppede.' })
    const ended = await call('jobcenter', 'PUT', `/placements/${p}`, { version: 1, plannedEndOn: null, hoursPerWeek: 30, mentor: null, endOn, outcome: 'job' })
    expect(ended.statusCode, ended.body).toBe(204)

    const placement = (await call('jobcenter', 'GET', `/placements/${p}`)).json<Placement>()
    const dueOn = addMonths(addDays(endOn, 1), 3)
    expect(placement).toMatchObject({ status: 'ended', outcome: 'job', threeMonthsDueOn: dueOn })
    const due = (await call('jobcenter', 'GET', '/placements')).json<PlacementList>().due
    expect(due).toContainEqual({ placementId: p, pseudonym: placement.pseudonym, name: 'Ida Berg', companyName: 'Danfoss A/S', dueOn })

    const unanswered = await call('jobcenter', 'POST', `/placements/${p}/followups`, { kind: 'three-months', heldOn: today })
    expect(unanswered.json().issues).toContainEqual({ path: 'stillInJob', message: 'Svar, om beboeren stadig er i job.' })
    await created('jobcenter', `/placements/${p}/followups`, { kind: 'three-months', heldOn: today, stillInJob: true, note: 'Fastansat på lageret.' })
    expect((await call('jobcenter', 'GET', '/placements')).json<PlacementList>().due.map((d) => d.placementId)).not.toContain(p)
    expect((await call('jobcenter', 'POST', `/placements/${p}/followups`, { kind: 'three-months', heldOn: today, stillInJob: false })).statusCode).toBe(409)
  })

  it('does not ask before the day has come', async () => {
    const id = await resident('Jens Vang', true)
    const p = await created('jobcenter', '/placements', { openingId: await opening(1, 'ordinaert-job'), participantId: id, startOn: daysAgo(30) })
    const placement = (await call('jobcenter', 'GET', `/placements/${p}`)).json<Placement>()
    expect(placement.threeMonthsDueOn).toBe(addMonths(daysAgo(30), 3))
    expect((await call('jobcenter', 'GET', '/placements')).json<PlacementList>().due.map((d) => d.placementId)).not.toContain(p)
  })
})

describe('an anonymised resident', () => {
  it('refuses new placements, changes and follow-ups', async () => {
    const id = await resident('Karen Ravn', true)
    const p = await created('boligsocial', '/placements', { openingId: await opening(2), participantId: id, startOn: daysAgo(3) })
    const pseudonym = (await call('projektleder', 'GET', `/placements/${p}`)).json<Placement>().pseudonym
    const erased = await call('projektleder', 'POST', `/participants/${id}/erasure`, { confirmPseudonym: pseudonym })
    expect(erased.statusCode, erased.body).toBe(204)
    for (const res of [
      await call('projektleder', 'POST', '/placements', { openingId: await opening(1), participantId: id, startOn: today }),
      await call('projektleder', 'PUT', `/placements/${p}`, { version: 1, plannedEndOn: null, hoursPerWeek: 20, mentor: null, endOn: today, outcome: 'completed' }),
      await call('projektleder', 'POST', `/placements/${p}/followups`, { kind: 'status', heldOn: today, note: 'Går godt' }),
    ]) {
      expect(res.statusCode).toBe(409)
      expect(res.json().code).toBe('participant_anonymised')
    }
  })
})

describe('placement figures on the company figures', () => {
  // The placements made above, all started within the last 180 days: 2 + 1 + 3 + 1 + 1 (Ida) + 1
  // (Jens) + 1 (Karen) = 10. Ended: Emil's (completed today, its 13 weeks still running: pending)
  // and Ida's (100 days ago, into a job the day after: within 13 weeks).
  const period = () => `/company-figures?from=${daysAgo(365)}&to=${today}`

  it('counts placements started and completed, the share into job or education, and the active company', async () => {
    const figures = (await call('projektleder', 'GET', period())).json<CompanyFigures>()
    expect(figures.placements).toEqual({
      started: { value: 10, hidden: false },
      completed: { value: 2, hidden: false },
      jobOrEducation: { numerator: 1, denominator: 1, pending: 1, share: 1, hidden: false },
    })
    expect(figures.active).toEqual({ value: 1, hidden: false })
    expect(figures.definitions.map((d) => d.name)).toContain('Job eller uddannelse inden for 13 uger')
  })

  it('hides the small numbers from the board', async () => {
    const figures = (await call('bestyrelse', 'GET', period())).json<CompanyFigures>()
    expect(figures.placements).toEqual({
      started: { value: 10, hidden: false },
      completed: { value: null, hidden: true },
      jobOrEducation: { numerator: null, denominator: null, pending: null, share: null, hidden: true },
    })
    expect(figures.active).toEqual({ value: null, hidden: true })
  })
})
