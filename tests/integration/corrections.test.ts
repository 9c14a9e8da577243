import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { Participant } from '../../src/shared/participants.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { type TestUser, login, makeUser, testApp } from '../support/app.ts'
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

const editable = ({ registeredOn: _r, ...rest }: ReturnType<typeof person>) => rest

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
