import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as safeDefault from '../../src/server/db/migrations/0009_safe_retention_default.ts'
import { createDb } from '../../src/server/db/client.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { Activity } from '../../src/shared/enrolments.ts'
import type { PrivacyOverview, PrivacySettings } from '../../src/shared/participants.ts'
import { type TestUser, login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Retention that cannot surprise anyone (decision 020), over HTTP on a real database with the
// clock set to 15 January 2027, two weeks after the seed plans' funding period ended: a plan's end
// anonymises no one who is still being helped, the default keeps data a year after the plan, and a
// change of rules that would anonymise many at once must be confirmed with the number.

const TODAY = '2027-01-15'

let t: TestDatabase
let app: App
let plan: string
let course: Activity
let worker: TestUser
let leader: TestUser
const cookies = new Map<string, string>()

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return app.inject({ method, url: `/api/plans/${plan}${url}`, headers: { cookie: cookies.get(user.email)! }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

async function ok<T>(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<T> {
  const res = await call(user, method, url, payload)
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
  return (res.body ? res.json() : null) as T
}

async function register(name: string, registeredOn: string): Promise<{ id: string; pseudonym: string }> {
  return ok(worker, 'POST', '/participants', {
    name,
    phone: null,
    email: null,
    address: null,
    birthYear: 1990,
    ageBand: null,
    housingAreaId: null,
    departmentId: null,
    targetGroupCode: '6.3',
    targetGroupOn: registeredOn,
    registeredOn,
  })
}

async function enrol(who: { id: string }, referredOn: string, startOn: string | null): Promise<string> {
  const body = { activityId: course.id, referredOn, referredBy: 'Fremskudt jobcenter', startOn, selection: null, allowOverbooking: true }
  return (await ok<{ id: string }>(worker, 'POST', `/participants/${who.id}/enrolments`, body)).id
}

async function stillNamed(id: string): Promise<boolean> {
  const row = await t.db.selectFrom('participant').select(['name', 'anonymised_at']).where('id', '=', id).executeTakeFirstOrThrow()
  return row.name !== null && row.anonymised_at === null
}

beforeAll(async () => {
  t = await testDatabase()
  t.ctx.now = () => new Date(`${TODAY}T10:00:00Z`)
  app = await testApp(t.ctx)
  plan = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  leader = await makeUser(t.ctx, 'projektleder', [plan])
  course = (await ok<Activity[]>(worker, 'GET', '/activities')).find((a) => a.key === 'beskaeftigelsesfremmende-forloeb')!
})

afterAll(async () => {
  await app?.close()
})

describe('the default after the plan ends', () => {
  it('keeps residents a year after the plan ended, so nobody is anonymised on the first day after it', async () => {
    const privacy = await ok<PrivacyOverview>(leader, 'GET', '/privacy')
    expect(privacy.planEndsOn).toBe('2026-12-31')
    expect(privacy.settings.monthsAfterPlanEnd).toBe(12)
  })

  it('gives a plan whose settings no one ever saved the new default, and leaves a chosen 0 alone', async () => {
    const other = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')).planId
    await t.db.insertInto('plan_privacy').values({ plan_id: other, months_after_plan_end: 0 }).onConflict((oc) => oc.column('plan_id').doUpdateSet({ months_after_plan_end: 0, updated_by: null })).execute()
    await t.db.updateTable('plan_privacy').set({ months_after_plan_end: 0, updated_by: leader.id }).where('plan_id', '=', plan).execute()
    // Migrations run as the database owner, as at start-up.
    const owner = createDb(t.url, { role: 'owner', max: 1 })
    try {
      await safeDefault.up(owner as unknown as Parameters<typeof safeDefault.up>[0])
    } finally {
      await owner.destroy()
    }
    const rows = await t.db.selectFrom('plan_privacy').select(['plan_id', 'months_after_plan_end']).execute()
    expect(rows.find((r) => r.plan_id === other)?.months_after_plan_end).toBe(12)
    expect(rows.find((r) => r.plan_id === plan)?.months_after_plan_end).toBe(0)
    await t.db.updateTable('plan_privacy').set({ months_after_plan_end: 12 }).where('plan_id', '=', plan).execute()
  })
})

describe('a plan that has ended', () => {
  it('anonymises those no longer helped, and keeps those in an enrolment or on the waiting list until a person decides', async () => {
    const base: PrivacySettings = { cprEnabled: false, monthsAfterLastEnrolment: 60, daysAfterConsentWithdrawal: 30, monthsAfterPlanEnd: 12 }
    expect((await call(leader, 'PUT', '/privacy', base)).statusCode).toBe(204)

    const finished = await register('Amina Hassan', '2026-03-01')
    const finishedEnrolment = await enrol(finished, '2026-03-01', '2026-03-15')
    const e = await ok<{ version: number; startOn: string; plannedEndOn: string | null }>(worker, 'GET', `/enrolments/${finishedEnrolment}`)
    await ok(worker, 'PUT', `/enrolments/${finishedEnrolment}`, {
      version: e.version,
      startOn: e.startOn,
      plannedEndOn: e.plannedEndOn,
      exitOn: '2026-06-30',
      exitReason: 'job',
      destinationOn: null,
      exitNote: null,
      internshipContact: false,
    })
    const running = await register('Bilal Ahmed', '2026-09-01')
    await enrol(running, '2026-09-01', '2026-09-15')
    const waiting = await register('Camilla Juhl', '2026-12-01')
    await enrol(waiting, '2026-12-01', null)

    // 0 months after the plan: two residents due at once, a handful, so no confirmation is asked.
    expect((await call(leader, 'PUT', '/privacy', { ...base, monthsAfterPlanEnd: 0 })).statusCode).toBe(204)
    const privacy = await ok<PrivacyOverview>(leader, 'GET', '/privacy')
    expect(privacy.upcoming).toEqual({ dueNow: 1, within30Days: 0, awaitingDecision: 2 })
    const waits = privacy.due.filter((d) => d.awaitsDecision).map((d) => d.pseudonym)
    expect(waits.sort()).toEqual([running.pseudonym, waiting.pseudonym].sort())
    const runningRow = privacy.due.find((d) => d.pseudonym === running.pseudonym)!
    expect(runningRow).toMatchObject({ reason: 'plan-ended', dueOn: '2027-01-01' })
    expect(runningRow.explanation).toBe(
      'Venter på en beslutning: planen sluttede 31. december 2026, men deltageren er stadig i forløb eller på venteliste. Afslut forløbet, eller slet deltagerens oplysninger.',
    )

    expect(await ok(leader, 'POST', '/privacy/retention-run')).toEqual({ anonymised: 1 })
    expect(await stillNamed(finished.id)).toBe(false)
    expect(await stillNamed(running.id)).toBe(true)
    expect(await stillNamed(waiting.id)).toBe(true)
  })
})

describe('a change of rules that anonymises many at once', () => {
  it('is refused until the project leader repeats how many, and the audit row keeps the number', async () => {
    const base: PrivacySettings = { cprEnabled: false, monthsAfterLastEnrolment: 60, daysAfterConsentWithdrawal: 30, monthsAfterPlanEnd: 12 }
    expect((await call(leader, 'PUT', '/privacy', base)).statusCode).toBe(204)
    for (const name of ['Dorthe', 'Emil', 'Fatima', 'Gustav', 'Hanne', 'Ibrahim']) await register(`${name} Nielsen`, '2026-06-01')

    const asked = await call(leader, 'PUT', '/privacy', { ...base, monthsAfterLastEnrolment: 3 })
    expect(asked.statusCode).toBe(409)
    expect(asked.json()).toEqual({
      code: 'confirmation_required',
      message:
        'Med de nye regler skal 6 deltagere anonymiseres med det samme (ved næste daglige kørsel), og det kan ikke fortrydes. Bekræft antallet, hvis det er meningen.',
      issues: [{ path: 'confirmAnonymisations', message: '6 beboere anonymiseres med det samme, hvis reglerne gemmes. Skriv 6 for at bekræfte.' }],
    })
    expect((await ok<PrivacyOverview>(leader, 'GET', '/privacy')).settings.monthsAfterLastEnrolment).toBe(60)
    expect((await call(leader, 'PUT', '/privacy', { ...base, monthsAfterLastEnrolment: 3, confirmAnonymisations: 5 })).statusCode).toBe(409)

    expect((await call(leader, 'PUT', '/privacy', { ...base, monthsAfterLastEnrolment: 3, confirmAnonymisations: 6 })).statusCode).toBe(204)
    expect((await ok<PrivacyOverview>(leader, 'GET', '/privacy')).upcoming.dueNow).toBe(6)
    const audit = await t.db.selectFrom('audit_log').select('details').where('entity', '=', 'plan-privacy').orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(audit.details).toMatchObject({ newlyDue: 6, after: { monthsAfterLastEnrolment: 3 } })
  })
})
