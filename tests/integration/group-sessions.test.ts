import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { Activity } from '../../src/shared/enrolments.ts'
import type { ActivityGroup } from '../../src/shared/pathways.ts'
import type { SessionList } from '../../src/shared/sessions.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { type TestUser, login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Group sessions (decision 030): two "Mod på matematik" groups of one year in Varde's pocket-money
// project each have their own sessions, and each group's attendance counts only its own sessions.

let t: TestDatabase
let app: App
let plan: string
let worker: TestUser
let cookie: string
let activity: Activity
let other: Activity
const year = Number(new Date().toISOString().slice(0, 4))
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

async function call(method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown) {
  return app.inject({ method, url: `/api/plans/${plan}${path}`, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

async function created(method: 'POST', path: string, payload: unknown): Promise<string> {
  const res = await call(method, path, payload)
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

/** A 13-year-old with a parent's consent, enrolled in the activity 60 days ago: her enrolment's id. */
async function youngPerson(name: string, parties: string[]): Promise<string> {
  const id = await created('POST', '/participants', { name, phone: '', email: '', address: null, birthYear: year - 13, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: daysAgo(70) })
  await created('POST', `/participants/${id}/consents`, {
    parties,
    categories: ['contact', 'employment'],
    purpose: 'Lommepengejob og matematik.',
    form: 'oral',
    givenOn: daysAgo(65),
    validUntil: null,
    guardian: { name: 'Forælder', relation: 'father', youngPersonSay: 'agrees', youngPersonNote: null },
  })
  return created('POST', `/participants/${id}/enrolments`, { activityId: activity.id, referredOn: daysAgo(61), referredBy: 'Skolen', startOn: daysAgo(60), selection: null, allowOverbooking: true })
}

const session = (groupId: string | null, title: string, heldOn: string, attendance: { enrolmentId: string; status: 'present' | 'absent' | 'excused' }[]) => ({
  kind: 'group',
  groupId,
  heldOn,
  title,
  anonymousCount: null,
  attendance,
})

let spring: string
let autumn: string
let ali: string
let bo: string
let cem: string

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  plan = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')).planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan])
  cookie = await login(app, worker)
  const activities = (await call('GET', '/activities')).json() as Activity[]
  activity = activities.find((a) => a.key === 'lommepenge-og-fritidsjobs')!
  other = activities.find((a) => a.id !== activity.id)!
  const parties = await partiesOfKinds(t.ctx, plan, ['boligsocial'])
  spring = await created('POST', `/activities/${activity.id}/groups`, { name: 'Mod på matematik, forår', startsOn: daysAgo(60), endsOn: null })
  autumn = await created('POST', `/activities/${activity.id}/groups`, { name: 'Mod på matematik, efterår', startsOn: daysAgo(30), endsOn: null })
  ali = await youngPerson('Ali', parties)
  bo = await youngPerson('Bo', parties)
  cem = await youngPerson('Cem', parties)
})

describe('sessions of a group', () => {
  it('belong to the group they were held for, and the activity’s list says which', async () => {
    await created('POST', `/activities/${activity.id}/sessions`, session(spring, 'Brøker', daysAgo(50), [{ enrolmentId: ali, status: 'present' }, { enrolmentId: bo, status: 'present' }]))
    await created('POST', `/activities/${activity.id}/sessions`, session(spring, 'Procent', daysAgo(43), [{ enrolmentId: ali, status: 'present' }, { enrolmentId: bo, status: 'absent' }]))
    await created('POST', `/activities/${activity.id}/sessions`, session(autumn, 'Ligninger', daysAgo(20), [{ enrolmentId: cem, status: 'present' }]))
    // An information meeting for everyone belongs to no group.
    await created('POST', `/activities/${activity.id}/sessions`, { ...session(null, 'Forældremøde', daysAgo(10), []), kind: 'presentation', anonymousCount: 12 })

    const { sessions } = (await call('GET', `/activities/${activity.id}/sessions`)).json() as SessionList
    expect(sessions.map((s) => [s.title, s.groupName])).toEqual([
      ['Forældremøde', null],
      ['Ligninger', 'Mod på matematik, efterår'],
      ['Procent', 'Mod på matematik, forår'],
      ['Brøker', 'Mod på matematik, forår'],
    ])
  })

  it('count per group: each group’s sessions, attendances and young people are its own', async () => {
    const groups = (await call('GET', `/activities/${activity.id}/groups`)).json() as ActivityGroup[]
    expect(groups.map((g) => [g.name, g.sessions, g.present, g.youngPeople])).toEqual([
      ['Mod på matematik, forår', 2, 3, 2],
      ['Mod på matematik, efterår', 1, 1, 1],
    ])
  })

  it('refuses a group of another activity, and keeps nothing', async () => {
    const res = await call('POST', `/activities/${other.id}/sessions`, session(spring, 'Forkert hold', daysAgo(5), []))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'validation', message: 'Holdet hører ikke til denne aktivitet.' })
    const { sessions } = (await call('GET', `/activities/${other.id}/sessions`)).json() as SessionList
    expect(sessions.map((s) => s.title)).not.toContain('Forkert hold')
  })

  it('moves with a correction, and the groups’ figures follow', async () => {
    const { sessions } = (await call('GET', `/activities/${activity.id}/sessions`)).json() as SessionList
    const procent = sessions.find((s) => s.title === 'Procent')!
    const res = await call('PUT', `/sessions/${procent.id}`, {
      kind: 'group',
      groupId: autumn,
      heldOn: procent.heldOn,
      title: procent.title,
      anonymousCount: null,
      attendance: procent.attendance.map((a) => ({ enrolmentId: a.enrolmentId, status: a.status })),
      reason: 'Registreret på det forkerte hold.',
    })
    expect(res.statusCode, res.body).toBe(204)
    const groups = (await call('GET', `/activities/${activity.id}/groups`)).json() as ActivityGroup[]
    expect(groups.map((g) => [g.name, g.sessions, g.present, g.youngPeople])).toEqual([
      ['Mod på matematik, forår', 1, 2, 2],
      ['Mod på matematik, efterår', 2, 2, 2],
    ])
  })

  it('cannot point at another activity’s group even in the database', async () => {
    const row = await t.db.selectFrom('activity_session').select('id').where('activity_id', '=', activity.id).where('group_id', 'is', null).executeTakeFirstOrThrow()
    const wrong = await t.db.insertInto('activity_group').values({ activity_id: other.id, name: 'Andet hold', starts_on: daysAgo(5) }).returning('id').executeTakeFirstOrThrow()
    await expect(t.db.updateTable('activity_session').set({ group_id: wrong.id }).where('id', '=', row.id).execute()).rejects.toThrow(/activity_session_group_fkey/)
  })
})
