import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { ErasureRequestList, Participant, ParticipantExport } from '../../src/shared/participants.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { type TestUser, login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// A resident's rights started by the housing-social worker who meets them (issue 10, decision 036):
// the worker fetches the resident's own copy and records an erasure request; the project leader
// approves it (which erases) or rejects it with a reason; every step is in the audit log.

let t: TestDatabase
let app: App
let plan: string
const cookies = new Map<string, string>()
let worker: TestUser
let jobcenter: TestUser
let leader: TestUser
let board: TestUser

const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000))

async function as(user: TestUser): Promise<string> {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return cookies.get(user.email)!
}

async function call(user: TestUser, method: 'GET' | 'POST', path: string, payload?: unknown) {
  return app.inject({ method, url: `/api/plans/${plan}${path}`, headers: { cookie: await as(user) }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

let serial = 0
async function register(by: TestUser = worker): Promise<{ id: string; pseudonym: string }> {
  serial++
  const res = await call(by, 'POST', '/participants', {
    confirmDuplicates: true,
    name: `Sletning ${serial}`,
    phone: null,
    email: '',
    address: 'Nørrekær 7',
    birthYear: 1975,
    ageBand: null,
    housingAreaId: null,
    departmentId: null,
    targetGroupCode: null,
    targetGroupOn: null,
    registeredOn: daysAgo(20),
  })
  expect(res.statusCode, res.body).toBe(201)
  const id = res.json().id as string
  const p = (await call(by, 'GET', `/participants/${id}`)).json() as Participant
  return { id, pseudonym: p.pseudonym }
}

async function requestsOf(user: TestUser, id: string): Promise<ErasureRequestList['requests']> {
  const res = await call(user, 'GET', `/participants/${id}/erasure-requests`)
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as ErasureRequestList).requests
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
})

describe("the resident's own copy", () => {
  it('is fetched by the housing-social worker of a resident their party holds, and the fetch is logged', async () => {
    const r = await register()
    const res = await call(worker, 'GET', `/participants/${r.id}/export`)
    expect(res.statusCode, res.body).toBe(200)
    expect((res.json() as ParticipantExport).participant).toMatchObject({ Id: r.pseudonym, Navn: `Sletning ${serial}` })
    const logged = await t.db.selectFrom('audit_log').select('actor_id').where('entity', '=', 'participant-rights').where('action', '=', 'read').where('entity_id', '=', r.id).execute()
    expect(logged.map((l) => l.actor_id)).toEqual([worker.id])
  })

  it('is refused to the job centre and the board, who do not hold the resident', async () => {
    const r = await register()
    expect((await call(jobcenter, 'GET', `/participants/${r.id}/export`)).statusCode).toBe(403)
    expect((await call(board, 'GET', `/participants/${r.id}/export`)).statusCode).toBe(403)
  })
})

describe('an erasure request', () => {
  it('is recorded by the worker, approved by the project leader, which erases the resident, and is audited at each step', async () => {
    const r = await register()
    // The worker may not erase directly.
    expect((await call(worker, 'POST', `/participants/${r.id}/erasure`, { confirmPseudonym: r.pseudonym })).statusCode).toBe(403)

    const future = await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(-1) })
    expect(future.statusCode).toBe(400)
    expect(future.json().issues[0].path).toBe('receivedOn')
    const created = await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(2) })
    expect(created.statusCode, created.body).toBe(201)
    const requestId = created.json().id as string
    expect((await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(1) })).statusCode).toBe(409)

    const mine = await requestsOf(worker, r.id)
    expect(mine).toMatchObject([{ id: requestId, pseudonym: r.pseudonym, receivedOn: daysAgo(2), status: 'pending', requestedBy: expect.any(String), decidedBy: null }])
    // The project leader sees what waits, and so does the worker who took it; the worker does not decide.
    const waiting = (await call(leader, 'GET', '/erasure-requests')).json() as ErasureRequestList
    expect(waiting.requests.find((q) => q.id === requestId)).toMatchObject({ pseudonym: r.pseudonym, status: 'pending', dueOn: expect.any(String) })
    expect(((await call(worker, 'GET', '/erasure-requests')).json() as ErasureRequestList).requests.map((q) => q.id)).toContain(requestId)
    expect((await call(jobcenter, 'GET', '/erasure-requests')).statusCode).toBe(403)
    expect((await call(board, 'GET', '/erasure-requests')).statusCode).toBe(403)
    expect((await call(worker, 'POST', `/erasure-requests/${requestId}/decision`, { decision: 'approve', confirmPseudonym: r.pseudonym })).statusCode).toBe(403)

    // Approval is confirmed with the resident's id, as a direct erasure is.
    const wrongId = await call(leader, 'POST', `/erasure-requests/${requestId}/decision`, { decision: 'approve', confirmPseudonym: 'D-0000' })
    expect(wrongId.statusCode).toBe(400)
    expect((await requestsOf(leader, r.id))[0]?.status).toBe('pending')
    const approved = await call(leader, 'POST', `/erasure-requests/${requestId}/decision`, { decision: 'approve', confirmPseudonym: r.pseudonym.toLowerCase() })
    expect(approved.statusCode, approved.body).toBe(204)

    const after = (await call(leader, 'GET', `/participants/${r.id}`)).json() as Participant
    expect(after.anonymised).toBe(true)
    expect(JSON.stringify(after)).not.toContain('Nørrekær 7')
    expect((await requestsOf(leader, r.id))[0]).toMatchObject({ status: 'approved', decidedBy: expect.any(String) })
    // A decided request stays on the plan's list, after those that wait.
    const listed = ((await call(leader, 'GET', '/erasure-requests')).json() as ErasureRequestList).requests
    expect(listed.find((q) => q.id === requestId)).toMatchObject({ status: 'approved' })
    expect(listed.findIndex((q) => q.id === requestId)).toBeGreaterThan(listed.findLastIndex((q) => q.status === 'pending'))
    expect((await call(leader, 'POST', `/erasure-requests/${requestId}/decision`, { decision: 'reject', note: 'For sent' })).statusCode).toBe(409)

    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'action', 'entity', 'details']).where('entity_id', '=', r.id).where('entity', 'in', ['erasure-request', 'participants']).where('action', 'in', ['create', 'update', 'delete']).orderBy('id').execute()
    expect(audit.map((a) => [a.entity, a.action, a.actor_id])).toEqual([
      ['participants', 'create', worker.id],
      ['erasure-request', 'create', worker.id],
      ['erasure-request', 'update', leader.id],
      ['participants', 'delete', leader.id],
    ])
    expect(audit[2]!.details).toMatchObject({ requestId, decision: 'approve', receivedOn: daysAgo(2) })
    expect(audit[3]!.details).toMatchObject({ anonymised: 'erasure' })
  })

  it('is rejected by the project leader only with a reason, leaves the resident as they were, and tells the resident in their copy', async () => {
    const r = await register()
    const requestId = (await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(3) })).json().id as string
    const noReason = await call(leader, 'POST', `/erasure-requests/${requestId}/decision`, { decision: 'reject', note: ' ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().issues[0]).toMatchObject({ path: 'note', message: 'Skriv, hvorfor anmodningen afvises.' })
    expect((await call(leader, 'POST', `/erasure-requests/${requestId}/decision`, { decision: 'reject', note: 'Oplysningerne indgår i en verserende sag' })).statusCode).toBe(204)

    const p = (await call(worker, 'GET', `/participants/${r.id}`)).json() as Participant
    expect(p.anonymised).toBe(false)
    expect((await requestsOf(worker, r.id))[0]).toMatchObject({ status: 'rejected', note: 'Oplysningerne indgår i en verserende sag' })
    const copy = (await call(worker, 'GET', `/participants/${r.id}/export`)).json() as ParticipantExport
    expect(String(copy.participant['Anmodninger om sletning'])).toContain('afvist (Oplysningerne indgår i en verserende sag)')
    expect(copy.accessLog.map((a) => a.purpose)).toEqual(expect.arrayContaining(['Du bad om at blive slettet', 'Din anmodning om sletning blev afvist']))
    // A new request may follow a rejected one.
    expect((await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(0) })).statusCode).toBe(201)
  })

  it("is listed for the worker only when their party holds the resident, and for the project leader always", async () => {
    const other = await register(jobcenter)
    const requestId = (await call(leader, 'POST', `/participants/${other.id}/erasure-requests`, { receivedOn: daysAgo(1) })).json().id as string
    expect(((await call(leader, 'GET', '/erasure-requests')).json() as ErasureRequestList).requests.map((q) => q.id)).toContain(requestId)
    expect(((await call(worker, 'GET', '/erasure-requests')).json() as ErasureRequestList).requests.map((q) => q.id)).not.toContain(requestId)
  })

  it('is refused to the other party and the board, and about a resident already erased', async () => {
    const r = await register()
    expect((await call(jobcenter, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(1) })).statusCode).toBe(403)
    expect((await call(board, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(1) })).statusCode).toBe(403)
    expect((await call(leader, 'POST', `/participants/${r.id}/erasure`, { confirmPseudonym: r.pseudonym })).statusCode).toBe(204)
    const res = await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(1) })
    expect(res.json().code).toBe('participant_anonymised')
  })

  it('is answered by a direct erasure, and its reason is cleared when the resident is anonymised', async () => {
    const r = await register()
    const first = (await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(4) })).json().id as string
    expect((await call(leader, 'POST', `/erasure-requests/${first}/decision`, { decision: 'reject', note: `Afvist for ${r.pseudonym}` })).statusCode).toBe(204)
    const second = (await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(1) })).json().id as string
    expect((await call(leader, 'POST', `/participants/${r.id}/erasure`, { confirmPseudonym: r.pseudonym })).statusCode).toBe(204)
    const rows = await t.db.selectFrom('erasure_request').select(['id', 'status', 'decision_note']).where('participant_id', '=', r.id).execute()
    expect(rows.find((x) => x.id === second)).toMatchObject({ status: 'approved' })
    expect(rows.find((x) => x.id === first)).toMatchObject({ status: 'rejected', decision_note: null })
  })
})

describe('merging residents who asked to be erased', () => {
  it('moves one waiting request to the kept resident, and refuses to merge two, saying why', async () => {
    const a = await register()
    const b = await register()
    const c = await register()
    for (const r of [a, b, c]) expect((await call(worker, 'POST', `/participants/${r.id}/erasure-requests`, { receivedOn: daysAgo(3) })).statusCode).toBe(201)

    const refused = await call(leader, 'POST', `/participants/${a.id}/merge`, { duplicate: b.pseudonym })
    expect(refused.statusCode, refused.body).toBe(409)
    expect(refused.json().message).toContain('anmodning om sletning')
    // Nothing moved: both residents and their requests are where they were.
    expect(await requestsOf(leader, a.id)).toHaveLength(1)
    expect(await requestsOf(leader, b.id)).toHaveLength(1)

    // With one of them decided, the merge goes through and the waiting request follows.
    const decided = (await requestsOf(leader, b.id))[0]!
    expect((await call(leader, 'POST', `/erasure-requests/${decided.id}/decision`, { decision: 'reject', note: 'Oplysningerne skal bruges i en verserende sag.' })).statusCode).toBe(204)
    const merged = await call(leader, 'POST', `/participants/${c.id}/merge`, { duplicate: b.pseudonym })
    expect(merged.statusCode, merged.body).toBe(200)
    const requests = await requestsOf(leader, c.id)
    expect(requests.map((r) => r.status).sort()).toEqual(['pending', 'rejected'])
  })
})
