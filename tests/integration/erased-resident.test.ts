import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { Activity, Enrolment, Roster } from '../../src/shared/enrolments.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { addDays } from '../../src/shared/lib/period.ts'
import type { Participant } from '../../src/shared/participants.ts'
import { type TestUser, login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Erasure is final (decision 008): once a resident is anonymised, nothing new may be written about
// them, since the retention run skips them and it could never be removed again.

let t: TestDatabase
let app: App
let plan: string
let worker: TestUser
let leader: TestUser
let activities: Activity[]
const cookies = new Map<string, string>()
const daysAgo = (n: number) => addDays(isoDay(new Date()), -n)

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return app.inject({ method, url: `/api/plans/${plan}${url}`, headers: { cookie: cookies.get(user.email)!, ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

async function ok<T = unknown>(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<T> {
  const res = await call(user, method, url, payload)
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
  return (res.body ? res.json() : null) as T
}

const person = {
  // Some tests register Karina again; a conscious choice (decision 025).
  confirmDuplicates: true,
  name: 'Karina Holm',
  phone: '20 30 40 50',
  email: 'karina@example.dk',
  address: 'Stenbjergparken 1, 6400 Sønderborg',
  birthYear: 1985,
  ageBand: null,
  housingAreaId: null,
  departmentId: null,
  targetGroupCode: '6.3',
  targetGroupOn: daysAgo(40),
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  plan = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
  activities = await ok<Activity[]>(worker, 'GET', '/activities')
})

describe('an erased resident', () => {
  it('refuses every write about the resident after erasure, writing nothing', async () => {
    const r = await ok<{ id: string; pseudonym: string }>(worker, 'POST', '/participants', { ...person, registeredOn: daysAgo(40) })
    const consentBody = { parties: await partiesOfKinds(t.ctx, plan, ['boligsocial', 'jobcenter']), categories: ['contact', 'employment'], purpose: 'At jobcentret og helhedsplanen sammen kan hjælpe med job.', form: 'written', givenOn: daysAgo(40), validUntil: null }
    const consent = (await ok<{ id: string }>(worker, 'POST', `/participants/${r.id}/consents`, consentBody)).id
    const [course, other] = activities
    const enrolment = (await ok<{ id: string }>(worker, 'POST', `/participants/${r.id}/enrolments`, { activityId: course!.id, referredOn: daysAgo(35), referredBy: 'Fremskudt jobcenter', startOn: daysAgo(30), selection: null, allowOverbooking: true })).id
    await ok(worker, 'POST', `/enrolments/${enrolment}/followups`, { heldOn: daysAgo(20), note: 'Har søgt fem stillinger.' })

    expect((await call(leader, 'POST', `/participants/${r.id}/erasure`, { confirmPseudonym: r.pseudonym })).statusCode).toBe(204)
    const before = await rowsAbout(r.id, enrolment)
    const participant = await ok<Participant>(worker, 'GET', `/participants/${r.id}`)
    const e = await ok<Enrolment>(worker, 'GET', `/enrolments/${enrolment}`)
    // The course still counts the erased resident, marked so that attendance is never taken for them.
    const roster = await ok<Roster>(worker, 'GET', `/activities/${course!.id}/roster`)
    expect(roster.active.find((a) => a.enrolmentId === enrolment)).toMatchObject({ anonymised: true, name: null })
    expect(roster.active.filter((a) => a.enrolmentId !== enrolment).every((a) => !a.anonymised)).toBe(true)

    const attempts: [string, () => ReturnType<typeof call>][] = [
      ['update the resident', () => call(worker, 'PUT', `/participants/${r.id}`, { ...person, version: participant.version })],
      ['write a note', () => call(worker, 'POST', `/participants/${r.id}/notes`, { category: 'employment', body: 'Ny note.', writtenOn: daysAgo(1) })],
      ['record a consent', () => call(worker, 'POST', `/participants/${r.id}/consents`, { ...consentBody, givenOn: daysAgo(1) })],
      ['withdraw a consent', () => call(worker, 'POST', `/consents/${consent}/withdrawal`, { withdrawnOn: daysAgo(1) })],
      ['attach the signed consent', () => call(worker, 'PUT', `/consents/${consent}/document?fileName=samtykke.pdf`, Buffer.from('%PDF-1.4\n% underskrevet\n'), { 'content-type': 'application/pdf' })],
      ['enrol', () => call(worker, 'POST', `/participants/${r.id}/enrolments`, { activityId: (other ?? course)!.id, referredOn: daysAgo(2), referredBy: 'Fremskudt jobcenter', startOn: null, selection: null, allowOverbooking: true })],
      ['exit with a note', () => call(worker, 'PUT', `/enrolments/${enrolment}`, { version: e.version, startOn: e.startOn, plannedEndOn: e.plannedEndOn, exitOn: daysAgo(1), exitReason: 'job', destinationOn: null, exitNote: 'Fastansat.', internshipContact: false })],
      ['follow up', () => call(worker, 'POST', `/enrolments/${enrolment}/followups`, { heldOn: daysAgo(1), note: 'Har det svært.' })],
      ['take attendance', () => call(worker, 'POST', `/activities/${course!.id}/sessions`, { kind: 'group', heldOn: daysAgo(1), title: 'Værksted', anonymousCount: null, attendance: [{ enrolmentId: enrolment, status: 'present' }] })],
    ]
    for (const [what, attempt] of attempts) {
      const res = await attempt()
      expect(res.statusCode, `${what}: ${res.body}`).toBe(409)
      expect(res.json(), what).toEqual({ code: 'participant_anonymised', message: `Beboeren ${r.pseudonym} er anonymiseret: personoplysningerne er slettet, og der kan ikke skrives nyt om beboeren.` })
    }
    expect(await rowsAbout(r.id, enrolment)).toEqual(before)
  })
})

/** Everything stored about the resident that a write could add to or change. */
async function rowsAbout(participantId: string, enrolmentId: string) {
  const [participant, notes, consents, enrolments, followups, attendance] = await Promise.all([
    t.db.selectFrom('participant').selectAll().where('id', '=', participantId).execute(),
    t.db.selectFrom('participant_note').selectAll().where('participant_id', '=', participantId).execute(),
    t.db.selectFrom('consent').selectAll().where('participant_id', '=', participantId).execute(),
    t.db.selectFrom('enrolment').selectAll().where('participant_id', '=', participantId).execute(),
    t.db.selectFrom('enrolment_followup').selectAll().where('enrolment_id', '=', enrolmentId).execute(),
    t.db.selectFrom('session_attendance').selectAll().where('enrolment_id', '=', enrolmentId).execute(),
  ])
  return { participant, notes, consents, enrolments, followups, attendance }
}
