import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { DueChecks } from '../../src/shared/due-checks.ts'
import type { Activity } from '../../src/shared/enrolments.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { addDays, addMonths } from '../../src/shared/lib/period.ts'
import type { Pathway } from '../../src/shared/pathways.ts'
import type { Role } from '../../src/shared/users.ts'
import { login, makeUser, partiesOfKinds, testApp, type TestUser } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// The front page's checks due (decision 031): placements' "still in the job after 3 months?" and
// the pathway's 3-month check, due today or overdue, per plan, for the residents the reader may see.

let t: TestDatabase
let app: App
let sonderborg: string
let varde: string
const today = isoDay(new Date())
const users = new Map<string, TestUser>()
const cookies = new Map<string, string>()

async function user(role: Role, plans: string[], key = `${role}:${plans.join(',')}`): Promise<TestUser> {
  if (!users.has(key)) users.set(key, await makeUser(t.ctx, role, plans))
  return users.get(key)!
}

async function call(who: TestUser, method: 'GET' | 'POST', planId: string, path: string, payload?: unknown) {
  if (!cookies.has(who.email)) cookies.set(who.email, await login(app, who))
  return app.inject({ method, url: `/api/plans/${planId}${path}`, headers: { cookie: cookies.get(who.email)! }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

async function created(who: TestUser, planId: string, path: string, payload: unknown): Promise<string> {
  const res = await call(who, 'POST', planId, path, payload)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<{ id: string }>().id
}

async function resident(planId: string, name: string, birthYear: number, consent: 'job centre' | 'none', guardian = false): Promise<string> {
  const worker = await user('boligsocial', [planId])
  const registeredOn = addDays(today, -400)
  const id = await created(worker, planId, '/participants', { name, phone: null, email: null, address: null, birthYear, ageBand: null, housingAreaId: null, departmentId: null, registeredOn, targetGroupCode: null, targetGroupOn: null })
  if (consent === 'job centre') {
    const parties = await partiesOfKinds(t.ctx, planId, ['boligsocial', 'jobcenter'])
    await created(worker, planId, `/participants/${id}/consents`, {
      parties,
      categories: ['contact', 'employment'],
      purpose: 'Job og praktik sammen med jobcentret.',
      form: 'oral',
      givenOn: addDays(today, -300),
      validUntil: null,
      ...(guardian ? { guardian: { name: 'Fatima Ali', relation: 'mother', youngPersonSay: 'agrees', youngPersonNote: null } } : {}),
    })
  }
  return id
}

const dueChecks = async (who: TestUser, planId: string) => {
  const res = await call(who, 'GET', planId, '/due-checks')
  expect(res.statusCode, res.body).toBe(200)
  return res.json<DueChecks>()
}

let amira: string
let bo: string
let clara: string
let dennis: string
let sara: string
let amiraPlacement: string

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  sonderborg = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  varde = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')).planId

  // Sønderborg: ordinary jobs found through the company consultant, registered by the housing-social team.
  const worker = await user('boligsocial', [sonderborg])
  const company = await created(await user('jobcenter', [sonderborg]), sonderborg, '/companies', { cvr: '20165715', name: 'Danfoss A/S' })
  const job = await created(await user('jobcenter', [sonderborg]), sonderborg, `/companies/${company}/openings`, { kind: 'ordinaert-job', title: 'Lagermedarbejder', places: 10 })
  amira = await resident(sonderborg, 'Amira Hansen', 1990, 'job centre')
  bo = await resident(sonderborg, 'Bo Jensen', 1985, 'none')
  clara = await resident(sonderborg, 'Clara Nør', 1992, 'job centre')
  dennis = await resident(sonderborg, 'Dennis Holm', 1988, 'job centre')
  // Amira's question fell due a month ago; Bo's today; Clara started ten days ago; Dennis's was answered.
  amiraPlacement = await created(worker, sonderborg, '/placements', { openingId: job, participantId: amira, startOn: addMonths(today, -4) })
  await created(worker, sonderborg, '/placements', { openingId: job, participantId: bo, startOn: addMonths(today, -3) })
  await created(worker, sonderborg, '/placements', { openingId: job, participantId: clara, startOn: addDays(today, -10) })
  const answered = await created(worker, sonderborg, '/placements', { openingId: job, participantId: dennis, startOn: addMonths(today, -5) })
  await created(worker, sonderborg, `/placements/${answered}/followups`, { kind: 'three-months', heldOn: today, stillInJob: true })

  // Varde: a 14-year-old whose leisure job began three months ago today.
  const vardeWorker = await user('boligsocial', [varde])
  const activity = (await call(vardeWorker, 'GET', varde, '/activities')).json<Activity[]>().find((a) => a.key === 'lommepenge-og-fritidsjobs')!
  const pathway = (await call(vardeWorker, 'GET', varde, `/activities/${activity.id}/pathway`)).json<Pathway>()
  sara = await resident(varde, 'Sara Hussein', Number(today.slice(0, 4)) - 14, 'job centre', true)
  const step = (key: string) => pathway.steps.find((s) => s.key === key)!.id
  await created(vardeWorker, varde, `/participants/${sara}/pathway-progress`, { stepId: step('lommepengejob'), reachedOn: addMonths(today, -6) })
  await created(vardeWorker, varde, `/participants/${sara}/pathway-progress`, { stepId: step('fritidsjob'), reachedOn: addMonths(today, -3) })
})

describe('the checks due on the front page', () => {
  it('lists the three-month questions due and overdue, oldest first, and nothing not yet due or already answered', async () => {
    const list = await dueChecks(await user('boligsocial', [sonderborg]), sonderborg)
    expect(list.asOf).toBe(today)
    expect(list.checks.map((c) => [c.name, c.kind, c.context, c.dueOn, c.overdue])).toEqual([
      ['Amira Hansen', 'placement-three-months', 'Danfoss A/S', addMonths(addMonths(today, -4), 3), true],
      ['Bo Jensen', 'placement-three-months', 'Danfoss A/S', addMonths(addMonths(today, -3), 3), false],
    ])
    expect(list.checks[0]).toMatchObject({ question: 'Stadig i job efter 3 måneder?', placementId: amiraPlacement, participantId: amira })
    expect(JSON.stringify(list)).not.toContain('Clara')
    expect(JSON.stringify(list)).not.toContain('Dennis')
  })

  it('shows the job centre only the residents whose consent covers it, and logs the read with them', async () => {
    const jobcenter = await user('jobcenter', [sonderborg])
    const list = await dueChecks(jobcenter, sonderborg)
    expect(list.checks.map((c) => c.participantId)).toEqual([amira])
    expect(JSON.stringify(list)).not.toContain('Bo Jensen')
    expect(JSON.stringify(list)).not.toContain(bo)
    const row = await t.db.selectFrom('audit_log').select(['entity', 'plan_id', 'details']).where('actor_id', '=', jobcenter.id).where('action', '=', 'read').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ entity: 'due-check', plan_id: sonderborg, details: { ids: [amira], disclosure: { ids: [amira] } } })
  })

  it('lists a young person’s pathway check on the day it falls due, under the plan it belongs to', async () => {
    const leader = await user('projektleder', [sonderborg, varde])
    const inVarde = await dueChecks(leader, varde)
    expect(inVarde.checks).toEqual([
      { kind: 'pathway-check', participantId: sara, pseudonym: expect.any(String), name: 'Sara Hussein', question: 'Stadig i job efter 3 måneder', context: expect.stringMatching(/ommepenge/), placementId: null, dueOn: today, overdue: false },
    ])
    const inSonderborg = await dueChecks(leader, sonderborg)
    expect(inSonderborg.checks.map((c) => c.participantId)).toEqual([amira, bo])
  })

  it('drops a question from the list once it is answered', async () => {
    const worker = await user('boligsocial', [sonderborg])
    await created(worker, sonderborg, `/placements/${amiraPlacement}/followups`, { kind: 'three-months', heldOn: today, stillInJob: false, note: 'Stoppede efter to måneder.' })
    expect((await dueChecks(worker, sonderborg)).checks.map((c) => c.participantId)).toEqual([bo])
  })

  it.each(['admin', 'bestyrelse', 'samarbejdspartner'] as const)('refuses a %s, who does not work with residents', async (role) => {
    const who = await user(role, [sonderborg])
    const res = await call(who, 'GET', sonderborg, '/due-checks')
    expect(res.statusCode).toBe(403)
    expect(res.body).not.toContain('Hansen')
  })

  it('refuses staff the checks of a plan they are not on', async () => {
    const res = await call(await user('boligsocial', [varde]), 'GET', sonderborg, '/due-checks')
    expect(res.statusCode).toBe(403)
  })
})
