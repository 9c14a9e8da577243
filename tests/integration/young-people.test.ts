import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { Participant } from '../../src/shared/participants.ts'
import type { Activity } from '../../src/shared/enrolments.ts'
import type { DueCheck, FunnelFigures, ParticipantPathway, Pathway } from '../../src/shared/pathways.ts'
import { addMonths } from '../../src/shared/lib/period.ts'
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
  })
})

describe('the leisure-job pathway of Varde\'s activity', () => {
  let activity: Activity
  let pathway: Pathway
  let sara: string
  const step = (key: string) => pathway.steps.find((s) => s.key === key)!.id
  const today = () => new Date().toISOString().slice(0, 10)

  beforeAll(async () => {
    const activities = (await call(worker, 'GET', '/activities')).json() as Activity[]
    activity = activities.find((a) => a.key === 'lommepenge-og-fritidsjobs')!
    pathway = (await call(worker, 'GET', `/activities/${activity.id}/pathway`)).json() as Pathway
    sara = await register('Sara Hussein', year() - 14)
    const consent = await call(worker, 'POST', `/participants/${sara}/consents`, consentBody({ givenOn: daysAgo(200), guardian: mother }))
    expect(consent.statusCode, consent.body).toBe(201)
  })

  it('has the six steps of the funnel from the agreement, the last asked 3 months after the leisure job', () => {
    expect(pathway.steps.map((s) => [s.name, s.askAfterMonths])).toEqual([
      ['Lommepengejob', null],
      ['Vejledning og CV', null],
      ['Møde med erhvervsguiden', null],
      ['Jobsamtale', null],
      ['Fritidsjob', null],
      ['Stadig i job efter 3 måneder', 3],
    ])
  })

  it('records her steps with dates and who recorded them, and asks about the job three months after she started', async () => {
    const jobStart = addMonths(today(), -3)
    for (const [key, on] of [['lommepengejob', daysAgo(190)], ['erhvervsguide', daysAgo(120)], ['fritidsjob', jobStart]] as const) {
      const res = await call(worker, 'POST', `/participants/${sara}/pathway-progress`, { stepId: step(key), reachedOn: on })
      expect(res.statusCode, res.body).toBe(201)
    }
    const again = await call(worker, 'POST', `/participants/${sara}/pathway-progress`, { stepId: step('fritidsjob'), reachedOn: jobStart })
    expect(again.statusCode).toBe(409)
    expect(again.json().message).toBe('Fritidsjob er allerede registreret for den unge.')

    const [mine] = (await call(worker, 'GET', `/participants/${sara}/pathways`)).json() as ParticipantPathway[]
    expect(mine!.steps.map((s) => [s.key, s.reachedOn, s.dueOn])).toEqual([
      ['lommepengejob', daysAgo(190), null],
      ['vejledning-cv', null, null],
      ['erhvervsguide', daysAgo(120), null],
      ['jobsamtale', null, null],
      ['fritidsjob', jobStart, null],
      ['fastholdt-3-maaneder', null, today()],
    ])
    expect(mine!.steps[0]!.recordedBy).toMatch(/^boligsocial \d+$/)

    const due = (await call(worker, 'GET', `/activities/${activity.id}/pathway/due`)).json() as DueCheck[]
    expect(due).toEqual([{ participantId: sara, pseudonym: expect.any(String), name: 'Sara Hussein', stepId: step('fastholdt-3-maaneder'), stepName: 'Stadig i job efter 3 måneder', dueOn: today() }])

    const early = await call(worker, 'POST', `/participants/${sara}/pathway-progress`, { stepId: step('fastholdt-3-maaneder'), reachedOn: daysAgo(1), stillHeld: true })
    expect(early.statusCode).toBe(400)
    const yes = await call(worker, 'POST', `/participants/${sara}/pathway-progress`, { stepId: step('fastholdt-3-maaneder'), reachedOn: today(), stillHeld: true })
    expect(yes.statusCode, yes.body).toBe(201)
    expect((await call(worker, 'GET', `/activities/${activity.id}/pathway/due`)).json()).toEqual([])
  })

  it('counts the funnel for staff, and hides the small numbers from the board', async () => {
    const period = String(year())
    const staff = (await call(leader, 'GET', `/activities/${activity.id}/funnel?period=${period}`)).json() as FunnelFigures
    expect(staff.steps.find((s) => s.name === 'Stadig i job efter 3 måneder')).toMatchObject({ count: 1, hidden: false })
    expect(staff.groups).toMatchObject({ year: year(), min: 1, max: 2 })
    const outside = (await call(board, 'GET', `/activities/${activity.id}/funnel?period=${period}`)).json() as FunnelFigures
    expect(outside.suppressed).toBe(true)
    expect(outside.steps.every((s) => s.count === null || s.count === 0 || s.count >= 5)).toBe(true)
    expect(outside.steps.find((s) => s.name === 'Stadig i job efter 3 måneder')).toMatchObject({ count: null, hidden: true })
  })

  it('counts the "Mod på matematik" groups of the year against "1 til 2 hold pr år"', async () => {
    const before = (await call(leader, 'GET', `/activities/${activity.id}/funnel?period=${year()}`)).json() as FunnelFigures
    expect(before.groups).toMatchObject({ count: 0, verdict: 'below' })
    const res = await call(worker, 'POST', `/activities/${activity.id}/groups`, { name: 'Mod på matematik, forår', startsOn: `${year()}-02-01`, endsOn: null })
    expect(res.statusCode, res.body).toBe(201)
    const after = (await call(leader, 'GET', `/activities/${activity.id}/funnel?period=${year()}`)).json() as FunnelFigures
    expect(after.groups).toMatchObject({ count: 1, verdict: 'within' })
  })

  it('keeps her steps from the board, and from the job centre without a consent covering courses', async () => {
    expect((await call(board, 'GET', `/participants/${sara}/pathways`)).statusCode).toBe(403)
    const omar = await register('Omar Hussein', year() - 16)
    const own = await call(worker, 'POST', `/participants/${omar}/consents`, consentBody({ givenOn: daysAgo(1), categories: ['contact'] }))
    expect(own.statusCode, own.body).toBe(201)
    const refused = await call(jobcenter, 'GET', `/participants/${omar}/pathways`)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('consent_required')
  })

  it('lets the project leader give another activity its own steps', async () => {
    const activities = (await call(worker, 'GET', '/activities')).json() as Activity[]
    const other = activities.find((a) => a.id !== activity.id)!
    expect((await call(worker, 'PUT', `/activities/${other.id}/pathway`, { steps: [{ name: 'Første samtale', askAfterMonths: null }] })).statusCode).toBe(403)
    const res = await call(leader, 'PUT', `/activities/${other.id}/pathway`, { steps: [{ name: 'Første samtale', askAfterMonths: null }, { name: 'Praktik', askAfterMonths: null }, { name: 'Stadig i praktik', askAfterMonths: 2 }] })
    expect(res.statusCode, res.body).toBe(204)
    const p = (await call(worker, 'GET', `/activities/${other.id}/pathway`)).json() as Pathway
    expect(p.steps.map((s) => s.key)).toEqual(['foerste-samtale', 'praktik', 'stadig-i-praktik'])
  })
})

describe('erasing a young person', () => {
  it('removes the parent’s name, the young person’s own words and the notes on her steps', async () => {
    const id = await register('Lina Ali', year() - 14)
    expect((await call(worker, 'POST', `/participants/${id}/consents`, consentBody({ guardian: mother }))).statusCode).toBe(201)
    const first = await t.db.selectFrom('pathway_step as s').innerJoin('activity as a', 'a.id', 's.activity_id').select('s.id').where('a.plan_id', '=', plan).orderBy('s.position').executeTakeFirstOrThrow()
    await t.db.insertInto('pathway_progress').values({ participant_id: id, step_id: first.id, reached_on: daysAgo(30), note: 'Fortalte om sin mors sygdom.' }).execute()
    const pseudonym = (await call(leader, 'GET', `/participants/${id}`)).json().pseudonym as string
    const erased = await call(leader, 'POST', `/participants/${id}/erasure`, { confirmPseudonym: pseudonym })
    expect(erased.statusCode, erased.body).toBe(204)

    const consent = await t.db.selectFrom('consent').select(['guardian_name', 'young_person_note', 'given_by']).where('participant_id', '=', id).executeTakeFirstOrThrow()
    expect(consent).toEqual({ guardian_name: 'Slettet', young_person_note: null, given_by: 'guardian' })
    const notes = await t.db.selectFrom('pathway_progress').select('note').where('participant_id', '=', id).execute()
    expect(notes).toEqual([{ note: null }])
    const removal = await t.db.selectFrom('participant_removal').select('removed').where('participant_id', '=', id).executeTakeFirstOrThrow()
    expect(removal.removed).toMatchObject({ guardianDetails: 1, pathwayNotes: 1 })
  })
})
