import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { Participant } from '../../src/shared/participants.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { type TestUser, login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Young people over HTTP against a real database (decision 023): a parent's consent for a young
// person under 15, the young person's own from 15, and the leisure-job pathway of Varde's activity.

let t: TestDatabase
let app: App
let plan: string
const cookies = new Map<string, string>()
let worker: TestUser
let jobcenter: TestUser
let leader: TestUser
let board: TestUser

const year = () => Number(new Date().toISOString().slice(0, 4))
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

async function as(user: TestUser): Promise<string> {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return cookies.get(user.email)!
}

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: unknown) {
  return app.inject({ method, url: `/api/plans/${plan}${path}`, headers: { cookie: await as(user) }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

async function register(name: string, birthYear: number | null): Promise<string> {
  const res = await call(worker, 'POST', '/participants', {
    name,
    phone: '',
    email: '',
    address: 'Stenbjergparken 1',
    birthYear,
    ageBand: null,
    housingAreaId: null,
    departmentId: null,
    targetGroupCode: null,
    targetGroupOn: null,
    registeredOn: daysAgo(200),
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

let parties: string[]
const consentBody = (extra: object) => ({
  parties,
  categories: ['contact', 'employment'],
  purpose: 'At finde et fritidsjob sammen med erhvervsguiden.',
  form: 'oral',
  givenOn: daysAgo(150),
  validUntil: null,
  ...extra,
})
const mother = { name: 'Fatima Ali', relation: 'mother', youngPersonSay: 'agrees', youngPersonNote: 'Vil gerne arbejde i en butik.' }

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  const v = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')
  plan = v.planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  jobcenter = await makeUser(t.ctx, 'jobcenter', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
  board = await makeUser(t.ctx, 'bestyrelse', [plan])
  parties = await partiesOfKinds(t.ctx, plan, ['boligsocial', 'jobcenter'])
})

describe('consent for a young person', () => {
  it('at 14 takes a parent with custody, with the young person’s own say, and the job centre then sees her', async () => {
    const id = await register('Sara Ali', year() - 14)
    const alone = await call(worker, 'POST', `/participants/${id}/consents`, consentBody({}))
    expect(alone.statusCode).toBe(400)
    expect(alone.json().message).toBe('Den unge er under 15 år, så samtykket gives af en forælder med forældremyndighed.')

    const given = await call(worker, 'POST', `/participants/${id}/consents`, consentBody({ guardian: mother }))
    expect(given.statusCode, given.body).toBe(201)
    const page = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    expect(page.consents).toMatchObject([{ state: 'in-force', givenBy: 'guardian', guardian: mother, asksForOwnConsent: false }])
    expect((await call(jobcenter, 'GET', `/participants/${id}`)).statusCode).toBe(200)
  })

  it('at 15 is the young person’s own: a parent’s consent is refused', async () => {
    const id = await register('Omar Ali', year() - 15)
    const res = await call(worker, 'POST', `/participants/${id}/consents`, consentBody({ givenOn: daysAgo(0), guardian: mother }))
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe('Den unge er 15 år og giver selv samtykke fra 15 år.')
    expect((await call(worker, 'POST', `/participants/${id}/consents`, consentBody({ givenOn: daysAgo(0) }))).statusCode).toBe(201)
  })

  it('given by a parent before 15 still counts at 15, and the page asks for the young person’s own', async () => {
    // Born 15 years ago; the parent consented on 31 December last year, when she counted as 14.
    const id = await register('Lina Ali', year() - 15)
    const res = await call(worker, 'POST', `/participants/${id}/consents`, consentBody({ givenOn: `${year() - 1}-12-31`, guardian: mother }))
    expect(res.statusCode, res.body).toBe(201)
    const page = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    expect(page.consents).toMatchObject([{ state: 'in-force', givenBy: 'guardian', asksForOwnConsent: true }])
  })

  it('from a parent counts for nothing at 18: the job centre no longer sees the young person', async () => {
    const id = await register('Yusuf Ali', year() - 18)
    // Recorded straight into the database: at 18 the app would refuse a parent's consent.
    const consentId = (
      await t.ctx.db
        .insertInto('consent')
        .values({ participant_id: id, categories: ['contact'], purpose: 'Fritidsjob', form: 'oral', given_on: `${year() - 4}-05-01`, given_by: 'guardian', guardian_name: 'Fatima Ali', guardian_relation: 'mother', young_person_say: 'agrees' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await t.ctx.db.insertInto('consent_party').values(parties.map((party_id) => ({ consent_id: consentId, party_id }))).execute()
    const page = (await call(worker, 'GET', `/participants/${id}`)).json() as Participant
    expect(page.consents).toMatchObject([{ state: 'outgrown' }])
    expect((await call(jobcenter, 'GET', `/participants/${id}`)).statusCode).toBe(403)
  })

  it('from an adult needs no guardian, as before', async () => {
    const id = await register('Hans Hansen', 1980)
    expect((await call(worker, 'POST', `/participants/${id}/consents`, consentBody({}))).statusCode).toBe(201)
    void leader
    void board
  })
})
