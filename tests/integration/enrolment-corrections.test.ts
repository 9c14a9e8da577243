import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { Activity, Enrolment } from '../../src/shared/enrolments.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { periodOfDate } from '../../src/shared/lib/period.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { type TestUser, login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Correcting a follow-up and reopening an exit (issue 10, decision 036), over HTTP against a real
// database: the reason and before/after in the audit log, and the same refusals as the other
// corrections (locked periods, erased residents, the other party).

let t: TestDatabase
let app: App
let plan: string
let agreementId: string
let course: Activity
const cookies = new Map<string, string>()
let worker: TestUser
let jobcenter: TestUser
let leader: TestUser

const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000))

async function as(user: TestUser): Promise<string> {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return cookies.get(user.email)!
}

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown) {
  return app.inject({ method, url: `/api/plans/${plan}${path}`, headers: { cookie: await as(user) }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

let serial = 0
/** A resident of the housing-social party in a course started 30 days ago, with one follow-up. */
async function residentInCourse(): Promise<{ participantId: string; enrolmentId: string; followupId: string }> {
  serial++
  const p = await call(worker, 'POST', '/participants', {
    confirmDuplicates: true,
    name: `Rettelse ${serial}`,
    phone: null,
    email: '',
    address: null,
    birthYear: 1980,
    ageBand: null,
    housingAreaId: null,
    departmentId: null,
    targetGroupCode: null,
    targetGroupOn: null,
    registeredOn: daysAgo(40),
  })
  expect(p.statusCode, p.body).toBe(201)
  const participantId = p.json().id as string
  const e = await call(worker, 'POST', `/participants/${participantId}/enrolments`, { activityId: course.id, referredOn: daysAgo(35), referredBy: 'Jobcenter', startOn: daysAgo(30), selection: null, allowOverbooking: true })
  expect(e.statusCode, e.body).toBe(201)
  const enrolmentId = e.json().id as string
  const f = await call(worker, 'POST', `/enrolments/${enrolmentId}/followups`, { heldOn: daysAgo(5), note: 'Møder stabilt op', category: 'employment' })
  expect(f.statusCode, f.body).toBe(201)
  return { participantId, enrolmentId, followupId: f.json().id as string }
}

async function enrolment(id: string): Promise<Enrolment> {
  const res = await call(worker, 'GET', `/enrolments/${id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as Enrolment
}

async function endCourse(enrolmentId: string, exitOn: string): Promise<void> {
  const e = await enrolment(enrolmentId)
  const res = await call(worker, 'PUT', `/enrolments/${enrolmentId}`, { version: e.version, startOn: e.startOn, plannedEndOn: e.plannedEndOn, exitOn, exitReason: 'job', destinationOn: null, exitNote: null, internshipContact: false })
  expect(res.statusCode, res.body).toBe(204)
}

async function lock(period: string, locked: boolean): Promise<void> {
  const res = await call(leader, 'PUT', `/agreements/${agreementId}/periods`, locked ? { period, locked } : { period, locked, reason: 'Rettelse' })
  expect(res.statusCode, res.body).toBe(200)
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  const s = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  plan = s.planId
  agreementId = s.agreementId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  jobcenter = await makeUser(t.ctx, 'jobcenter', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
  course = ((await call(worker, 'GET', '/activities')).json() as Activity[])[0]!
})

describe('correcting a follow-up', () => {
  it('replaces the day, category and note, and logs the reason with day and category before and after but not the note', async () => {
    const r = await residentInCourse()
    const body = { heldOn: daysAgo(6), category: 'notes', note: 'Møder stabilt op, har søgt to job', reason: 'Forkert dato' }
    const noReason = await call(worker, 'PUT', `/enrolments/${r.enrolmentId}/followups/${r.followupId}`, { ...body, reason: ' ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().issues[0]).toMatchObject({ path: 'reason', message: 'Skriv, hvorfor der rettes.' })

    const res = await call(worker, 'PUT', `/enrolments/${r.enrolmentId}/followups/${r.followupId}`, body)
    expect(res.statusCode, res.body).toBe(204)
    const after = await enrolment(r.enrolmentId)
    expect(after.followups).toMatchObject([{ id: r.followupId, heldOn: daysAgo(6), category: 'notes', note: 'Møder stabilt op, har søgt to job' }])

    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'action', 'details']).where('entity', '=', 'enrolment-followups').where('entity_id', '=', r.followupId).where('action', '=', 'update').executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      actor_id: worker.id,
      details: { reason: 'Forkert dato', before: { heldOn: daysAgo(5), category: 'employment' }, after: { heldOn: daysAgo(6), category: 'notes' }, note: { changed: true } },
    })
    // Free text about the resident is not copied into the log, which outlives an erasure.
    expect(JSON.stringify(audit.details)).not.toContain('Møder stabilt op')
  })

  it('refuses the other party without consent, and a follow-up of another enrolment', async () => {
    const r = await residentInCourse()
    const other = await residentInCourse()
    const body = { heldOn: daysAgo(5), category: 'employment', note: 'Rettet', reason: 'Stavefejl' }
    expect((await call(jobcenter, 'PUT', `/enrolments/${r.enrolmentId}/followups/${r.followupId}`, body)).statusCode).toBe(403)
    expect((await call(worker, 'PUT', `/enrolments/${r.enrolmentId}/followups/${other.followupId}`, body)).statusCode).toBe(404)
    expect((await enrolment(other.enrolmentId)).followups[0]?.note).toBe('Møder stabilt op')
  })

  it('refuses a correction in a period locked in the follow-up, and takes it once the period is opened again', async () => {
    const r = await residentInCourse()
    const quarter = periodOfDate(daysAgo(5), 'quarter')!
    await lock(quarter, true)
    try {
      const body = { heldOn: daysAgo(5), category: 'employment', note: 'Rettet i en låst periode', reason: 'Stavefejl' }
      const res = await call(worker, 'PUT', `/enrolments/${r.enrolmentId}/followups/${r.followupId}`, body)
      expect(res.statusCode).toBe(409)
      expect(res.json().message).toContain('er godkendt og låst i opfølgningen')
      expect((await enrolment(r.enrolmentId)).followups[0]?.note).toBe('Møder stabilt op')
      await lock(quarter, false)
      expect((await call(worker, 'PUT', `/enrolments/${r.enrolmentId}/followups/${r.followupId}`, body)).statusCode).toBe(204)
    } finally {
      const state = await t.db.selectFrom('indicator_period_event').select('locked').where('agreement_id', '=', agreementId).where('period', '=', quarter).orderBy('seq', 'desc').executeTakeFirst()
      if (state?.locked) await lock(quarter, false)
    }
  })

  it('refuses a correction about an erased resident', async () => {
    const r = await residentInCourse()
    const pseudonym = (await enrolment(r.enrolmentId)).pseudonym
    expect((await call(leader, 'POST', `/participants/${r.participantId}/erasure`, { confirmPseudonym: pseudonym })).statusCode).toBe(204)
    const res = await call(leader, 'PUT', `/enrolments/${r.enrolmentId}/followups/${r.followupId}`, { heldOn: daysAgo(5), category: 'employment', note: 'Efter sletning', reason: 'Fejl' })
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('participant_anonymised')
  })
})

describe('reopening an exit', () => {
  it('takes the exit away with a reason, and logs what the exit said', async () => {
    const r = await residentInCourse()
    await endCourse(r.enrolmentId, daysAgo(2))
    const ended = await enrolment(r.enrolmentId)
    expect(ended.status).toBe('ended')

    const noReason = await call(worker, 'POST', `/enrolments/${r.enrolmentId}/reopening`, { version: ended.version, reason: '' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().issues[0].path).toBe('reason')
    const res = await call(worker, 'POST', `/enrolments/${r.enrolmentId}/reopening`, { version: ended.version, reason: 'Afsluttet på den forkerte beboer' })
    expect(res.statusCode, res.body).toBe(204)

    const after = await enrolment(r.enrolmentId)
    expect(after).toMatchObject({ status: 'active', exitOn: null, exitReason: null, destinationOn: null, startOn: daysAgo(30), version: ended.version + 1 })
    const audit = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'enrolments').where('entity_id', '=', r.enrolmentId).where('action', '=', 'update').orderBy('at', 'desc').executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ reopened: true, reason: 'Afsluttet på den forkerte beboer', before: { exitOn: daysAgo(2), exitReason: 'job' }, after: { exitOn: null, exitReason: null } })

    // An open course has nothing to reopen; an old version is someone else's change.
    expect((await call(worker, 'POST', `/enrolments/${r.enrolmentId}/reopening`, { version: after.version, reason: 'Igen' })).statusCode).toBe(409)
  })

  it('does not let the ordinary form take an exit away without the reopening and its reason', async () => {
    const r = await residentInCourse()
    await endCourse(r.enrolmentId, daysAgo(2))
    const e = await enrolment(r.enrolmentId)
    const res = await call(worker, 'PUT', `/enrolments/${r.enrolmentId}`, { version: e.version, startOn: e.startOn, plannedEndOn: e.plannedEndOn, exitOn: null, exitReason: null, destinationOn: null, exitNote: null, internshipContact: false })
    expect(res.statusCode).toBe(400)
    expect(res.json().issues[0].path).toBe('exitOn')
    expect((await enrolment(r.enrolmentId)).status).toBe('ended')
  })

  it('refuses reopening an exit in a locked period, by the other party, and about an erased resident', async () => {
    const r = await residentInCourse()
    await endCourse(r.enrolmentId, daysAgo(2))
    const e = await enrolment(r.enrolmentId)
    expect((await call(jobcenter, 'POST', `/enrolments/${r.enrolmentId}/reopening`, { version: e.version, reason: 'Fejl' })).statusCode).toBe(403)

    const quarter = periodOfDate(daysAgo(2), 'quarter')!
    await lock(quarter, true)
    const locked = await call(worker, 'POST', `/enrolments/${r.enrolmentId}/reopening`, { version: e.version, reason: 'Fejl' })
    await lock(quarter, false)
    expect(locked.statusCode).toBe(409)
    expect(locked.json().message).toContain('er godkendt og låst i opfølgningen')

    expect((await call(leader, 'POST', `/participants/${r.participantId}/erasure`, { confirmPseudonym: e.pseudonym })).statusCode).toBe(204)
    const erased = await call(leader, 'POST', `/enrolments/${r.enrolmentId}/reopening`, { version: e.version, reason: 'Fejl' })
    expect(erased.json().code).toBe('participant_anonymised')
    expect((await enrolment(r.enrolmentId)).status).toBe('ended')
  })

  it('asks before a reopened course overbooks a full activity', async () => {
    const r = await residentInCourse()
    await endCourse(r.enrolmentId, daysAgo(2))
    const e = await enrolment(r.enrolmentId)
    const before = await t.db.selectFrom('activity').select('capacity').where('id', '=', course.id).executeTakeFirstOrThrow()
    const running = await t.db.selectFrom('enrolment').select((eb) => eb.fn.countAll<string>().as('n')).where('activity_id', '=', course.id).where('start_on', 'is not', null).where('exit_on', 'is', null).executeTakeFirstOrThrow()
    await t.db.updateTable('activity').set({ capacity: Math.max(1, Number(running.n)) }).where('id', '=', course.id).execute()
    try {
      const full = await call(worker, 'POST', `/enrolments/${r.enrolmentId}/reopening`, { version: e.version, reason: 'Fejl' })
      expect(full.statusCode).toBe(409)
      expect(full.json().code).toBe('capacity_full')
      // The choice is the reopening's own, not the start's waiting list.
      expect(full.json().message).toContain('Lad forløbet være afsluttet, eller bekræft, at aktiviteten må overbookes, når forløbet genåbnes.')
      expect(full.json().message).not.toContain('venteliste')
      expect((await call(worker, 'POST', `/enrolments/${r.enrolmentId}/reopening`, { version: e.version, reason: 'Fejl', allowOverbooking: true })).statusCode).toBe(204)
    } finally {
      await t.db.updateTable('activity').set({ capacity: before.capacity }).where('id', '=', course.id).execute()
    }
  })
})
