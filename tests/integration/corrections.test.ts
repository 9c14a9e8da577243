import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { Participant, ParticipantMerged, PossibleDuplicate } from '../../src/shared/participants.ts'
import type { Activity, Enrolment } from '../../src/shared/enrolments.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { RESIDENT_TABLES_MOVED, RESIDENT_TABLES_NOT_MOVED } from '../../src/server/features/participants/participants.repo.ts'
import { type TestUser, login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Putting mistakes right, over HTTP against a real database: correcting a resident (with the
// birth-year rule and the before/after in the audit log).

let t: TestDatabase
let app: App
let plan: string
const cookies = new Map<string, string>()
let worker: TestUser
let jobcenter: TestUser
let leader: TestUser

const thisYear = new Date().getUTCFullYear()
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

async function as(user: TestUser): Promise<string> {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return cookies.get(user.email)!
}

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: unknown) {
  return app.inject({ method, url: `/api/plans/${plan}${path}`, headers: { cookie: await as(user) }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

const person = (changes: Record<string, unknown> = {}) => ({
  // Jonas is registered many times below; the duplicate tests say when they do not confirm.
  confirmDuplicates: true as boolean | undefined,
  name: 'Jonas Berg',
  phone: '20 30 40 50',
  email: '',
  address: 'Stenbjergparken 1',
  birthYear: 1985,
  ageBand: null,
  housingAreaId: null,
  departmentId: null,
  targetGroupCode: null,
  targetGroupOn: null,
  registeredOn: daysAgo(10),
  ...changes,
})

async function register(changes: Record<string, unknown> = {}): Promise<string> {
  const res = await call(worker, 'POST', '/participants', person(changes))
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

const editable = ({ registeredOn: _r, confirmDuplicates: _c, ...rest }: ReturnType<typeof person>) => rest

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  const s = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  plan = s.planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  jobcenter = await makeUser(t.ctx, 'jobcenter', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
})

describe('the birth-year rule', () => {
  it('refuses a birth year in the future when registering, naming the field', async () => {
    const res = await call(worker, 'POST', '/participants', person({ birthYear: thisYear + 1 }))
    expect(res.statusCode).toBe(400)
    expect(res.json().issues).toEqual([{ path: 'birthYear', message: `Fødselsåret kan ikke ligge i fremtiden. Skriv et år til og med ${thisYear}.` }])
  })

  it('refuses a birth year making the resident older than 110 when registering', async () => {
    const res = await call(worker, 'POST', '/participants', person({ birthYear: thisYear - 111 }))
    expect(res.statusCode).toBe(400)
    expect(res.json().issues[0]).toMatchObject({ path: 'birthYear', message: expect.stringContaining('ældre end 110 år') })
  })

  it('takes a resident who is exactly 110 this year, and one born this year', async () => {
    await register({ birthYear: thisYear - 110 })
    await register({ birthYear: thisYear })
  })

  it('refuses the same birth years when correcting, and leaves the record as it was', async () => {
    const id = await register()
    const before = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    for (const birthYear of [thisYear + 1, thisYear - 111]) {
      const res = await call(worker, 'PUT', `/participants/${id}`, { ...editable(person({ birthYear })), version: before.version })
      expect(res.statusCode).toBe(400)
      expect(res.json().issues[0].path).toBe('birthYear')
    }
    const after = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    expect(after.contact?.birthYear).toBe(1985)
    expect(after.version).toBe(before.version)
  })
})

describe('correcting a resident', () => {
  it('saves the correction and writes what changed to the audit log, with before and after for the non-identifying fields', async () => {
    const id = await register()
    const before = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    const res = await call(worker, 'PUT', `/participants/${id}`, { ...editable(person({ name: 'Jonas Bjerg', birthYear: 1958 })), version: before.version })
    expect(res.statusCode, res.body).toBe(204)

    const after = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    expect(after.contact).toMatchObject({ name: 'Jonas Bjerg', birthYear: 1958 })
    expect(after.ageBand).toBe('60+')
    expect(after.version).toBe(before.version + 1)

    const audit = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'participants').where('entity_id', '=', id).where('action', '=', 'update').executeTakeFirstOrThrow()
    const details = audit.details as { fields: string[]; changes: Record<string, unknown> }
    expect(details.fields.sort()).toEqual(['ageBand', 'birthYear', 'name'])
    expect(details.changes).toEqual({ birthYear: { from: 1985, to: 1958 }, ageBand: { from: '40-49', to: '60+' }, name: { changed: true } })
    // The old name is not copied into the log, which outlives an erasure.
    expect(JSON.stringify(audit.details)).not.toContain('Jonas Berg')
  })

  it('refuses a correction from the other party, and one made from an old version', async () => {
    const id = await register()
    const p = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    expect((await call(jobcenter, 'PUT', `/participants/${id}`, { ...editable(person()), version: p.version })).statusCode).toBe(403)
    expect((await call(leader, 'PUT', `/participants/${id}`, { ...editable(person({ phone: '11 22 33 44' })), version: p.version })).statusCode).toBe(204)
    const stale = await call(worker, 'PUT', `/participants/${id}`, { ...editable(person({ phone: '99 88 77 66' })), version: p.version })
    expect(stale.statusCode).toBe(409)
  })
})

describe('possible duplicates on registration', () => {
  it('flags the same name and birth year, the same phone and the same e-mail, links the resident, and registers only when confirmed', async () => {
    const first = await register({ name: 'Fatima Ali', birthYear: 1979, phone: '+45 61 62 63 64', email: 'fatima@example.dk' })
    const firstPseudonym = ((await call(worker, 'GET', `/participants/${first}`)).json() as Participant).pseudonym

    const duplicates = async (body: Record<string, unknown>) => {
      const res = await app.inject({ method: 'POST', url: `/api/plans/${plan}/participant-duplicates`, headers: { cookie: await as(worker) }, payload: { phone: null, email: null, birthYear: null, ...body } })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json() as { items: PossibleDuplicate[] }).items.filter((d) => d.id === first)
    }
    expect(await duplicates({ name: ' fatima ali ', birthYear: 1979 })).toEqual([{ id: first, pseudonym: firstPseudonym, name: 'Fatima Ali', reasons: ['name-and-birth-year'] }])
    expect((await duplicates({ name: 'F. Ali', phone: '61626364' }))[0]?.reasons).toEqual(['phone'])
    expect((await duplicates({ name: 'F. Ali', email: 'FATIMA@example.dk' }))[0]?.reasons).toEqual(['email'])
    // The same name with another birth year is another person.
    expect(await duplicates({ name: 'Fatima Ali', birthYear: 1980 })).toEqual([])

    const again = await call(worker, 'POST', '/participants', person({ name: 'Fatima Ali', birthYear: 1979, phone: null, confirmDuplicates: undefined }))
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'confirmation_required', message: expect.stringContaining(firstPseudonym) })
    const confirmed = await call(worker, 'POST', '/participants', person({ name: 'Fatima Ali', birthYear: 1979, phone: null, confirmDuplicates: true }))
    expect(confirmed.statusCode, confirmed.body).toBe(201)
    const audit = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'participants').where('entity_id', '=', confirmed.json().id).where('action', '=', 'create').executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ registeredDespiteDuplicates: [firstPseudonym] })
  })

  it('does not tell the job centre about a resident it may not see', async () => {
    const hidden = await register({ name: 'Skjult Person', birthYear: 1970, phone: '31 32 33 34' })
    const res = await app.inject({ method: 'POST', url: `/api/plans/${plan}/participant-duplicates`, headers: { cookie: await as(jobcenter) }, payload: { name: 'Skjult Person', birthYear: 1970, phone: '31 32 33 34', email: null } })
    expect(res.statusCode, res.body).toBe(200)
    expect((res.json() as { items: PossibleDuplicate[] }).items.map((d) => d.id)).not.toContain(hidden)
  })
})

describe('merging two residents', () => {
  it('moves consents, enrolments with attendance and follow-ups, and notes into the kept resident, keeps what was merged into what, and audits it', async () => {
    const kept = await register({ name: 'Hassan Omar', birthYear: 1992, phone: null, address: null })
    const dup = await register({ name: 'Hasan Omar', birthYear: null, phone: '50 51 52 53', address: 'Nørrekær 4' })
    const dupPseudonym = ((await call(worker, 'GET', `/participants/${dup}`)).json() as Participant).pseudonym

    const consent = await call(worker, 'POST', `/participants/${dup}/consents`, {
      parties: await partiesOfKinds(t.ctx, plan, ['boligsocial', 'jobcenter']),
      categories: ['contact', 'employment'],
      purpose: 'Samarbejde om praktik',
      form: 'oral',
      givenOn: daysAgo(9),
      validUntil: null,
    })
    expect(consent.statusCode, consent.body).toBe(201)
    const course = ((await call(worker, 'GET', '/activities')).json() as Activity[])[0]!
    const enrolment = await call(worker, 'POST', `/participants/${dup}/enrolments`, { activityId: course.id, referredOn: daysAgo(8), referredBy: 'Jobcenter', startOn: daysAgo(7), selection: null, allowOverbooking: true })
    expect(enrolment.statusCode, enrolment.body).toBe(201)
    const enrolmentId = enrolment.json().id as string
    const session = await call(worker, 'POST', `/activities/${course.id}/sessions`, { kind: 'group', heldOn: daysAgo(3), title: 'CV-værksted', anonymousCount: null, attendance: [{ enrolmentId, status: 'present' }] })
    expect(session.statusCode, session.body).toBe(201)
    expect((await call(worker, 'POST', `/enrolments/${enrolmentId}/followups`, { heldOn: daysAgo(2), note: 'Godt i gang' })).statusCode).toBe(201)
    expect((await call(worker, 'POST', `/participants/${dup}/notes`, { category: 'notes', body: 'Foretrækker sms', writtenOn: daysAgo(1) })).statusCode).toBe(201)

    // Only the project leader merges; the housing-social worker is refused.
    expect((await call(worker, 'POST', `/participants/${kept}/merge`, { duplicate: dupPseudonym })).statusCode).toBe(403)
    const merged = await call(leader, 'POST', `/participants/${kept}/merge`, { duplicate: dupPseudonym.toLowerCase() })
    expect(merged.statusCode, merged.body).toBe(200)
    expect(merged.json() as ParticipantMerged).toEqual({
      mergedPseudonym: dupPseudonym,
      moved: { notes: 1, consents: 1, enrolments: 1, inquiries: 0, appointments: 0, conversations: 0, placements: 0, pathwaySteps: 0, erasureRequests: 0, attendance: 1, followups: 1 },
    })

    const after = (await call(leader, 'GET', `/participants/${kept}`)).json() as Participant
    expect(after.contact).toMatchObject({ name: 'Hassan Omar', birthYear: 1992, phone: '50 51 52 53', address: 'Nørrekær 4' })
    expect(after.consents).toHaveLength(1)
    expect(after.notes.map((n) => n.body)).toEqual(['Foretrækker sms'])
    expect(after.enrolments?.map((e) => e.id)).toEqual([enrolmentId])
    const detail = (await call(worker, 'GET', `/enrolments/${enrolmentId}`)).json() as Enrolment
    expect(detail.attendance).toMatchObject([{ title: 'CV-værksted', status: 'present' }])

    // The duplicate is gone; its old address says where it went.
    const gone = await call(leader, 'GET', `/participants/${dup}`)
    expect(gone.statusCode).toBe(404)
    expect(gone.json().message).toBe(`${dupPseudonym} er lagt sammen med ${after.pseudonym} og findes ikke længere for sig.`)
    const record = await t.db.selectFrom('participant_merge').selectAll().where('merged_id', '=', dup).executeTakeFirstOrThrow()
    expect(record).toMatchObject({ into_id: kept, merged_pseudonym: dupPseudonym, merged_by: leader.id })
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'details']).where('entity', '=', 'participant-merge').where('entity_id', '=', kept).executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor_id: leader.id, details: { mergedId: dup, mergedPseudonym: dupPseudonym, moved: { consents: 1, enrolments: 1, notes: 1 } } })
  })

  it('refuses merging a resident into itself, an unknown id, and an empty id, naming the field', async () => {
    const id = await register({ name: 'Eneste Person', birthYear: 1960, phone: null })
    const self = ((await call(leader, 'GET', `/participants/${id}`)).json() as Participant).pseudonym
    for (const duplicate of [self, 'D-9999', '']) {
      const res = await call(leader, 'POST', `/participants/${id}/merge`, { duplicate })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().issues[0].path).toBe('duplicate')
    }
  })
})

describe('what a merge moves', () => {
  it('moves every table that names a resident, so no record of the duplicate is lost or left behind', async () => {
    const { rows } = await sql<{ table: string }>`
      select distinct c.conrelid::regclass::text as table from pg_constraint c
      where c.contype = 'f' and c.confrelid = 'participant'::regclass and c.conrelid <> 'participant'::regclass`.execute(t.db)
    const naming = rows.map((r) => r.table).sort()
    expect(naming).toEqual([...RESIDENT_TABLES_MOVED, ...RESIDENT_TABLES_NOT_MOVED].sort())
  })
})

describe('correcting and deleting an attendance session', () => {
  it('corrects the day, title and attendance with a reason, deletes with a reason, and audits both', async () => {
    const id = await register({ name: 'Mødet Mette', birthYear: 1988, phone: null })
    const course = ((await call(worker, 'GET', '/activities')).json() as Activity[])[0]!
    const enrolment = await call(worker, 'POST', `/participants/${id}/enrolments`, { activityId: course.id, referredOn: daysAgo(20), referredBy: 'Jobcenter', startOn: daysAgo(15), selection: null, allowOverbooking: true })
    const enrolmentId = enrolment.json().id as string
    const created = await call(worker, 'POST', `/activities/${course.id}/sessions`, { kind: 'group', heldOn: daysAgo(3), title: 'CV-værksted', anonymousCount: null, attendance: [{ enrolmentId, status: 'absent' }] })
    const sessionId = created.json().id as string

    const body = { kind: 'group', heldOn: daysAgo(4), title: 'CV-værksted (rettet)', anonymousCount: 2, attendance: [{ enrolmentId, status: 'present' }] }
    const noReason = await call(worker, 'PUT', `/sessions/${sessionId}`, { ...body, reason: ' ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().issues[0]).toMatchObject({ path: 'reason', message: 'Skriv, hvorfor aktivitetsgangen rettes eller slettes.' })
    const beforeCourse = await call(worker, 'PUT', `/sessions/${sessionId}`, { ...body, heldOn: daysAgo(16), reason: 'Forkert dato' })
    expect(beforeCourse.statusCode).toBe(400)
    expect(beforeCourse.json().message).toBe('En deltager på listen var ikke i forløb den dag.')

    expect((await call(worker, 'PUT', `/sessions/${sessionId}`, { ...body, reason: 'Mette kom alligevel' })).statusCode).toBe(204)
    const list = (await call(worker, 'GET', `/activities/${course.id}/sessions`)).json() as { sessions: { id: string; heldOn: string; title: string; present: number; anonymousCount: number | null }[] }
    expect(list.sessions.find((s) => s.id === sessionId)).toMatchObject({ heldOn: daysAgo(4), title: 'CV-værksted (rettet)', present: 1, anonymousCount: 2 })
    const updated = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'attendance-session').where('entity_id', '=', sessionId).where('action', '=', 'update').executeTakeFirstOrThrow()
    expect(updated.details).toMatchObject({ reason: 'Mette kom alligevel', before: { heldOn: daysAgo(3), present: 0 }, after: { heldOn: daysAgo(4), present: 1 } })

    // The board member may not delete; without a reason it is refused.
    const board = await makeUser(t.ctx, 'bestyrelse', [plan])
    expect((await call(board, 'POST', `/sessions/${sessionId}/deletion`, { reason: 'Fejl' })).statusCode).toBe(403)
    expect((await call(worker, 'POST', `/sessions/${sessionId}/deletion`, { reason: '' })).statusCode).toBe(400)
    expect((await call(worker, 'POST', `/sessions/${sessionId}/deletion`, { reason: 'Registreret på den forkerte aktivitet' })).statusCode).toBe(204)
    const after = (await call(worker, 'GET', `/activities/${course.id}/sessions`)).json() as { sessions: { id: string }[] }
    expect(after.sessions.map((s) => s.id)).not.toContain(sessionId)
    const detail = (await call(worker, 'GET', `/enrolments/${enrolmentId}`)).json() as Enrolment
    expect(detail.attendance).toEqual([])
    const deleted = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'attendance-session').where('entity_id', '=', sessionId).where('action', '=', 'delete').executeTakeFirstOrThrow()
    expect(deleted.details).toMatchObject({ reason: 'Registreret på den forkerte aktivitet', title: 'CV-værksted (rettet)', present: 1 })
    expect((await call(worker, 'POST', `/sessions/${sessionId}/deletion`, { reason: 'Igen' })).statusCode).toBe(404)
  })
})

describe('an administrator changing a user', () => {
  it('changes the name without ending sessions, and the role or plans with the user losing access at once', async () => {
    const admin = await makeUser(t.ctx, 'admin', [plan])
    const staff = await makeUser(t.ctx, 'boligsocial', [plan])
    const put = async (body: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: `/api/users/${staff.id}`, headers: { cookie: await as(admin) }, payload: { name: 'Sofie Lund', role: 'boligsocial', organisation: 'Boligforeningen', planIds: [plan], ...body } })
    const staffReads = async () => (await app.inject({ method: 'GET', url: `/api/plans/${plan}/participants`, headers: { cookie: await as(staff) } })).statusCode

    expect(await staffReads()).toBe(200)
    const renamed = await put({})
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.json()).toMatchObject({ user: { name: 'Sofie Lund', role: 'boligsocial', organisation: { name: 'Boligforeningen' } }, sessionsEnded: false })
    expect(await staffReads()).toBe(200)

    // The role goes down to board member: the open session ends, and a new sign-in gets the board's rights.
    const lowered = await put({ role: 'bestyrelse' })
    expect(lowered.json()).toMatchObject({ user: { role: 'bestyrelse' }, sessionsEnded: true })
    expect(await staffReads()).toBe(401)
    cookies.delete(staff.email)
    expect(await staffReads()).toBe(403)

    // Taking the plan away ends the session too.
    const removed = await put({ role: 'bestyrelse', planIds: [] })
    expect(removed.json()).toMatchObject({ user: { plans: [] }, sessionsEnded: true })
    expect(await staffReads()).toBe(401)

    const audit = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'user').where('entity_id', '=', staff.id).where('action', '=', 'update').orderBy('id').execute()
    expect(audit.map((a) => a.details)).toMatchObject([
      { changes: { name: { to: 'Sofie Lund' } }, sessionsEnded: false },
      { changes: { role: { from: 'boligsocial', to: 'bestyrelse' } }, sessionsEnded: true },
      { plansRemoved: [plan], sessionsEnded: true },
    ])
  })

  it('refuses an administrator changing their own role, and anyone but an administrator', async () => {
    const admin = await makeUser(t.ctx, 'admin', [plan])
    const own = await app.inject({ method: 'PUT', url: `/api/users/${admin.id}`, headers: { cookie: await as(admin) }, payload: { name: 'Admin', role: 'boligsocial', organisation: 'Kommunen', planIds: [] } })
    expect(own.statusCode).toBe(400)
    expect(own.json().issues[0]).toMatchObject({ path: 'role', message: 'Du kan ikke ændre din egen rolle.' })
    const byLeader = await app.inject({ method: 'PUT', url: `/api/users/${worker.id}`, headers: { cookie: await as(leader) }, payload: { name: 'X', role: 'admin', organisation: 'X', planIds: [] } })
    expect(byLeader.statusCode).toBe(403)
  })
})
