import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { Activity, ActivityFigures, Enrolment, Roster } from '../../src/shared/enrolments.ts'
import type { Participant, ParticipantList } from '../../src/shared/participants.ts'
import type { SessionList } from '../../src/shared/sessions.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { type TestUser, login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'
import { isoDay } from '../../src/shared/lib/format.ts'

// The working day with residents, over HTTP against a real database: register, consent, enrol,
// attendance, follow-up, exit; the job centre's view within consent, and its end on withdrawal.

let t: TestDatabase
let app: App
let plan: string
let course: Activity
const cookies = new Map<string, string>()
let worker: TestUser
let jobcenter: TestUser
let leader: TestUser
let board: TestUser

// Danish days, as the server counts them.
const today = () => isoDay(new Date())
const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000))

async function as(user: TestUser): Promise<string> {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return cookies.get(user.email)!
}

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown) {
  return app.inject({ method, url: `/api/plans/${plan}${path}`, headers: { cookie: await as(user) }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

async function register(name: string): Promise<string> {
  const res = await call(worker, 'POST', '/participants', {
    name,
    // Every resident here shares a phone number; registering them is a conscious choice (decision 025).
    confirmDuplicates: true,
    phone: '20 30 40 50',
    email: '',
    address: 'Stenbjergparken 1',
    birthYear: 1990,
    ageBand: null,
    housingAreaId: null,
    departmentId: null,
    targetGroupCode: '6.3',
    targetGroupOn: daysAgo(30),
    registeredOn: daysAgo(20),
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  const s = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  plan = s.planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  jobcenter = await makeUser(t.ctx, 'jobcenter', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
  board = await makeUser(t.ctx, 'bestyrelse', [plan])
  const activities = (await call(worker, 'GET', '/activities')).json() as Activity[]
  course = activities.find((a) => a.key === 'beskaeftigelsesfremmende-forloeb')!
})

describe('the course as the agreement describes it', () => {
  it('takes capacity 12 and 10 weeks from the agreement’s targets', () => {
    expect(course).toMatchObject({ name: expect.stringMatching(/^Beskæftigelsesfremmende forløb/), capacity: 12, defaultWeeks: 10, active: 0, waiting: 0 })
  })
})

describe('a resident from registration to exit', () => {
  it('registers, consents, enrols, attends, is followed up and exits into virksomhedspraktik; the job centre sees them until consent is withdrawn', async () => {
    const id = await register('Amina Hassan')

    // Without consent the job centre neither lists nor opens the resident.
    let list = (await call(jobcenter, 'GET', '/participants')).json() as ParticipantList
    expect(list.items.map((i) => i.id)).not.toContain(id)
    expect(list.hiddenByConsent).toBeGreaterThanOrEqual(1)
    let read = await call(jobcenter, 'GET', `/participants/${id}`)
    expect(read.statusCode).toBe(403)
    expect(read.json().code).toBe('consent_required')

    const consent = await call(worker, 'POST', `/participants/${id}/consents`, {
      parties: await partiesOfKinds(t.ctx, plan, ['boligsocial', 'jobcenter']),
      categories: ['contact', 'employment'],
      purpose: 'At jobcentret og helhedsplanen sammen kan hjælpe Amina i praktik.',
      form: 'oral',
      givenOn: daysAgo(14),
      validUntil: null,
    })
    expect(consent.statusCode, consent.body).toBe(201)

    const enrolment = await call(worker, 'POST', `/participants/${id}/enrolments`, {
      activityId: course.id,
      referredOn: daysAgo(14),
      referredBy: 'Fremskudt jobcenter',
      startOn: daysAgo(10),
      selection: null,
    })
    expect(enrolment.statusCode, enrolment.body).toBe(201)
    const enrolmentId = enrolment.json().id as string

    const session = await call(worker, 'POST', `/activities/${course.id}/sessions`, {
      kind: 'group',
      heldOn: daysAgo(3),
      title: 'Gruppesamtale om CV',
      anonymousCount: null,
      attendance: [{ enrolmentId, status: 'present' }],
    })
    expect(session.statusCode, session.body).toBe(201)

    const followup = await call(worker, 'POST', `/enrolments/${enrolmentId}/followups`, { heldOn: daysAgo(2), note: 'Har skrevet CV og søgt to praktikker.' })
    expect(followup.statusCode, followup.body).toBe(201)

    let detail = (await call(worker, 'GET', `/enrolments/${enrolmentId}`)).json() as Enrolment
    expect(detail).toMatchObject({ status: 'active', plannedEndOn: expect.any(String), attendance: [{ title: 'Gruppesamtale om CV', status: 'present' }] })
    const exit = await call(worker, 'PUT', `/enrolments/${enrolmentId}`, {
      version: detail.version,
      startOn: detail.startOn,
      plannedEndOn: detail.plannedEndOn,
      exitOn: today(),
      exitReason: 'virksomhedspraktik',
      destinationOn: null,
      exitNote: 'Praktik hos Danfoss',
      internshipContact: true,
    })
    expect(exit.statusCode, exit.body).toBe(204)
    detail = (await call(worker, 'GET', `/enrolments/${enrolmentId}`)).json() as Enrolment
    expect(detail).toMatchObject({ status: 'ended', exitReason: 'virksomhedspraktik', internshipContact: true })

    // The job centre now sees the resident, within the consent: contact and the course, no notes.
    list = (await call(jobcenter, 'GET', '/participants')).json() as ParticipantList
    expect(list.items.find((i) => i.id === id)).toMatchObject({ name: 'Amina Hassan', scope: 'consent' })
    read = await call(jobcenter, 'GET', `/participants/${id}`)
    expect(read.statusCode).toBe(200)
    const seen = read.json() as Participant
    expect(seen.access.scope).toBe('consent')
    expect(seen.contact?.name).toBe('Amina Hassan')
    expect(seen.targetGroup).toBeNull()
    expect(seen.enrolments?.[0]).toMatchObject({ activityName: course.name, status: 'ended' })
    const logged = await t.db.selectFrom('audit_log').select(['details']).where('actor_id', '=', jobcenter.id).where('entity', '=', 'participants').where('entity_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow()
    const [jobcentre] = await partiesOfKinds(t.ctx, plan, ['jobcenter'])
    expect(logged.details).toMatchObject({ disclosure: { party: jobcentre, categories: ['contact', 'employment'] } })

    // Withdrawal works at once.
    const consentId = seen.consents[0]!.id
    const withdraw = await call(worker, 'POST', `/consents/${consentId}/withdrawal`, { withdrawnOn: today() })
    expect(withdraw.statusCode, withdraw.body).toBe(204)
    expect((await call(jobcenter, 'GET', `/participants/${id}`)).statusCode).toBe(403)
    list = (await call(jobcenter, 'GET', '/participants')).json() as ParticipantList
    expect(list.items.map((i) => i.id)).not.toContain(id)
    // The housing-social worker who registered the resident still sees everything.
    const own = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    expect(own).toMatchObject({ access: { scope: 'full' }, targetGroup: { code: '6.3' }, consents: [{ state: 'withdrawn' }] })
  })
})

describe('capacity and waiting list', () => {
  it('warns when all 12 places are taken on the start day, takes an overbooking only when confirmed, and keeps the waiting list apart', async () => {
    // Amina (above) was in the course until today, so she holds one of the 12 places a week ago.
    const ids: string[] = []
    for (let i = 0; i < 13; i++) ids.push(await register(`Deltager ${i + 1}`))
    const enrol = (id: string, startOn: string | null, allowOverbooking = false) =>
      call(worker, 'POST', `/participants/${id}/enrolments`, { activityId: course.id, referredOn: daysAgo(9), referredBy: 'Jobcenter', startOn, selection: null, allowOverbooking })
    for (const id of ids.slice(0, 11)) expect((await enrol(id, daysAgo(7))).statusCode).toBe(201)
    const full = await enrol(ids[11]!, daysAgo(7))
    expect(full.statusCode).toBe(409)
    expect(full.json()).toMatchObject({ code: 'capacity_full', message: expect.stringContaining('12 af 12 pladser') })
    expect((await enrol(ids[11]!, daysAgo(7), true)).statusCode).toBe(201)
    expect((await enrol(ids[12]!, null)).statusCode).toBe(201)
    const roster = (await call(worker, 'GET', `/activities/${course.id}/roster`)).json() as Roster
    expect(roster.active).toHaveLength(12)
    expect(roster.waiting.map((w) => w.participantId)).toEqual([ids[12]])
    const activities = (await call(worker, 'GET', '/activities')).json() as Activity[]
    expect(activities.find((a) => a.id === course.id)).toMatchObject({ active: 12, waiting: 1 })
    const audit = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'enrolments').where('action', '=', 'create').orderBy('id', 'desc').limit(2).execute()
    expect(audit.map((a) => (a.details as { overbooked: boolean }).overbooked)).toEqual([false, true])
  })
})

describe('leaving the waiting list', () => {
  it('takes a resident off the waiting list with a reason, without a start, and frees the waiting place', async () => {
    const id = await register('Venter Vagn')
    const created = await call(worker, 'POST', `/participants/${id}/enrolments`, { activityId: course.id, referredOn: daysAgo(5), referredBy: 'Jobcenter', startOn: null, selection: null })
    const enrolmentId = created.json().id as string
    let roster = (await call(worker, 'GET', `/activities/${course.id}/roster`)).json() as Roster
    expect(roster.waiting.map((w) => w.enrolmentId)).toContain(enrolmentId)
    const detail = (await call(worker, 'GET', `/enrolments/${enrolmentId}`)).json() as Enrolment
    expect(detail.status).toBe('waiting')
    const off = await call(worker, 'PUT', `/enrolments/${enrolmentId}`, {
      version: detail.version,
      startOn: null,
      plannedEndOn: null,
      exitOn: today(),
      exitReason: 'andet-tilbud',
      destinationOn: null,
      exitNote: 'Fik plads i jobcentrets eget forløb',
      internshipContact: false,
    })
    expect(off.statusCode, off.body).toBe(204)
    expect(((await call(worker, 'GET', `/enrolments/${enrolmentId}`)).json() as Enrolment).status).toBe('ended')
    roster = (await call(worker, 'GET', `/activities/${course.id}/roster`)).json() as Roster
    expect(roster.waiting.map((w) => w.enrolmentId)).not.toContain(enrolmentId)
  })
})

describe('figures for the board', () => {
  it('shows counts to staff and hides small numbers from board members', async () => {
    const period = today().slice(0, 4)
    const staff = (await call(leader, 'GET', `/activities/${course.id}/figures?period=${period}`)).json() as ActivityFigures
    const active = staff.figures.find((f) => f.key === 'active-participants')!
    expect(active.value).toBeGreaterThanOrEqual(13)
    const exits = staff.exitReasons.find((e) => e.reason === 'virksomhedspraktik')!
    expect(exits).toMatchObject({ count: 1, hidden: false })
    const boardView = (await call(board, 'GET', `/activities/${course.id}/figures?period=${period}`)).json() as ActivityFigures
    expect(boardView.suppressed).toBe(true)
    expect(boardView.exitReasons.find((e) => e.reason === 'virksomhedspraktik')).toMatchObject({ count: null, hidden: true })
    expect(boardView.figures.find((f) => f.key === 'active-participants')?.value).toBe(active.value)
  })

  it('never tells a board member a small number: a small occupancy count is flagged hidden, and figures come without their notes', async () => {
    // 12 in the course and 1 waiting (above): the 12 may be shown, the 1 may not.
    const boardList = (await call(board, 'GET', '/activities')).json() as Activity[]
    expect(boardList.find((a) => a.id === course.id)).toMatchObject({ active: 12, activeHidden: false, waiting: 0, waitingHidden: true })
    const staffList = (await call(worker, 'GET', '/activities')).json() as Activity[]
    expect(staffList.find((a) => a.id === course.id)).toMatchObject({ active: 12, activeHidden: false, waiting: 1, waitingHidden: false })
    // The notes hold the counts behind each figure ("1 deltager stod på venteliste …"), unsuppressed.
    const period = today().slice(0, 4)
    const staff = (await call(leader, 'GET', `/activities/${course.id}/figures?period=${period}`)).json() as ActivityFigures
    expect(staff.figures.find((f) => f.key === 'active-participants')?.note).toMatch(/venteliste/)
    const boardView = (await call(board, 'GET', `/activities/${course.id}/figures?period=${period}`)).json() as ActivityFigures
    for (const figure of boardView.figures) expect(figure.note === null || figure.hidden, figure.key).toBe(true)
  })

  it('refuses board members every resident route', async () => {
    expect((await call(board, 'GET', '/participants')).statusCode).toBe(403)
    expect((await call(board, 'GET', `/activities/${course.id}/roster`)).statusCode).toBe(403)
  })

  it('lists sessions with their attendance for staff', async () => {
    const sessions = (await call(worker, 'GET', `/activities/${course.id}/sessions`)).json() as SessionList
    expect(sessions.sessions[0]).toMatchObject({ title: 'Gruppesamtale om CV', present: 1 })
  })
})
