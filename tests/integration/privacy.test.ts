import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { runRetention } from '../../src/server/features/participants/privacy.service.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { Activity, ActivityFigures, Enrolment, ExitReason } from '../../src/shared/enrolments.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { addDays } from '../../src/shared/lib/period.ts'
import type { Participant, ParticipantExport, ParticipantList, PrivacyOverview, PrivacySettings } from '../../src/shared/participants.ts'
import { type TestUser, login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'
import { hasPdftotext, mustReadPdfText, PDFTOTEXT, pdfText, warnIfNoPdfText } from '../support/pdf-text.ts'

// Residents' rights and the retention rule over HTTP against a real database (decision 008): the
// retention run and its start-up path, erasure on request, the resident's own copy with its access
// log, CPR numbers kept encrypted, and a run that fails part-way leaving everything as it was.
// Dates are relative to today, as the server's Danish calendar day sees it.

let t: TestDatabase
let app: App
let keyDir: string
/** Sønderborg: the HTTP retention run, erasure, export and CPR. */
let plan: string
/** Varde: the start-up (system) run and the failing run, apart so their counts are exact. */
let otherPlan: string
let course: Activity
let otherActivity: Activity
let worker: TestUser
let jobcenter: TestUser
let leader: TestUser
const cookies = new Map<string, string>()
// Staff names that must never appear in a resident's copy of their data.
const staffNames = new Map<string, string>()
// Debian's poppler-utils reads the PDF copy's text; CI must have it, a developer's machine skips
// that check and says why (as agreement-pdf.test.ts does).
warnIfNoPdfText('privacy.test.ts')

const today = () => isoDay(new Date())
const daysAgo = (n: number) => addDays(today(), -n)
const yearOf = (day: string) => day.slice(0, 4)

// The seed agreements' funding period ends 2026-12-31. Ten years' grace keeps the plan-ended rule
// (which would make everyone due) out of these tests; the other periods are the defaults.
const POLICY: PrivacySettings = { cprEnabled: false, monthsAfterLastEnrolment: 12, daysAfterConsentWithdrawal: 30, monthsAfterPlanEnd: 120 }

async function as(user: TestUser): Promise<string> {
  if (!cookies.has(user.email)) cookies.set(user.email, await login(app, user))
  return cookies.get(user.email)!
}

async function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, planId = plan) {
  return app.inject({ method, url: `/api/plans/${planId}${url}`, headers: { cookie: await as(user) }, ...(payload !== undefined ? { payload: payload as object } : {}) })
}

async function ok<T = unknown>(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, planId = plan): Promise<T> {
  const res = await call(user, method, url, payload, planId)
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
  return (res.body ? res.json() : null) as T
}

interface Resident {
  id: string
  pseudonym: string
}

async function register(name: string, registeredOn: string, options: { planId?: string; cpr?: string } = {}): Promise<Resident> {
  return ok<Resident>(
    worker,
    'POST',
    '/participants',
    {
      name,
      // The residents share a phone number; registering them is a conscious choice (decision 025).
      confirmDuplicates: true,
      phone: '20 30 40 50',
      email: `${name.split(' ')[0]!.toLowerCase()}@example.dk`,
      address: 'Stenbjergparken 1, 6400 Sønderborg',
      birthYear: 1985,
      ageBand: null,
      housingAreaId: null,
      departmentId: null,
      targetGroupCode: '6.3',
      targetGroupOn: registeredOn,
      registeredOn,
      ...(options.cpr !== undefined ? { cpr: options.cpr } : {}),
    },
    options.planId ?? plan,
  )
}

async function giveConsent(who: Resident, givenOn: string, options: { form?: 'oral' | 'written'; purpose?: string; planId?: string } = {}): Promise<string> {
  const body = {
    parties: await partiesOfKinds(t.ctx, options.planId ?? plan, ['boligsocial', 'jobcenter']),
    categories: ['contact', 'employment'],
    purpose: options.purpose ?? 'At jobcentret og helhedsplanen sammen kan hjælpe med job og praktik.',
    form: options.form ?? 'oral',
    givenOn,
    validUntil: null,
  }
  return (await ok<{ id: string }>(worker, 'POST', `/participants/${who.id}/consents`, body, options.planId ?? plan)).id
}

async function attachSignedConsent(consentId: string): Promise<void> {
  const res = await app.inject({
    method: 'PUT',
    url: `/api/plans/${plan}/consents/${consentId}/document?fileName=samtykke.pdf`,
    headers: { cookie: await as(worker), 'content-type': 'application/pdf' },
    payload: Buffer.from('%PDF-1.4\n% underskrevet samtykke\n'),
  })
  expect(res.statusCode, res.body).toBe(204)
}

async function withdraw(consentId: string, withdrawnOn: string, planId = plan): Promise<void> {
  await ok(worker, 'POST', `/consents/${consentId}/withdrawal`, { withdrawnOn }, planId)
}

async function enrol(who: Resident, activity: Activity, referredOn: string, startOn: string | null, planId = plan): Promise<string> {
  const body = { activityId: activity.id, referredOn, referredBy: 'Fremskudt jobcenter', startOn, selection: null, allowOverbooking: true }
  return (await ok<{ id: string }>(worker, 'POST', `/participants/${who.id}/enrolments`, body, planId)).id
}

async function exit(enrolmentId: string, exitOn: string, exitReason: ExitReason, exitNote: string | null, planId = plan): Promise<void> {
  const e = await ok<Enrolment>(worker, 'GET', `/enrolments/${enrolmentId}`, undefined, planId)
  await ok(worker, 'PUT', `/enrolments/${enrolmentId}`, { version: e.version, startOn: e.startOn, plannedEndOn: e.plannedEndOn, exitOn, exitReason, destinationOn: null, exitNote, internshipContact: false }, planId)
}

async function followUp(enrolmentId: string, heldOn: string, note: string): Promise<void> {
  await ok(worker, 'POST', `/enrolments/${enrolmentId}/followups`, { heldOn, note })
}

async function attend(activity: Activity, heldOn: string, title: string, enrolmentIds: string[]): Promise<void> {
  await ok(worker, 'POST', `/activities/${activity.id}/sessions`, { kind: 'group', heldOn, title, anonymousCount: null, attendance: enrolmentIds.map((enrolmentId) => ({ enrolmentId, status: 'present' })) })
}

async function writeNote(who: Resident, body: string, writtenOn: string, planId = plan): Promise<void> {
  await ok(worker, 'POST', `/participants/${who.id}/notes`, { category: 'employment', body, writtenOn }, planId)
}

async function setPolicy(settings: PrivacySettings, planId = plan) {
  return call(leader, 'PUT', '/privacy', settings, planId)
}

/** The course's figures for each period, as the follow-up reads them. */
async function figures(activity: Activity, periods: string[], planId = plan): Promise<ActivityFigures[]> {
  return Promise.all(periods.map((period) => ok<ActivityFigures>(leader, 'GET', `/activities/${activity.id}/figures?period=${period}`, undefined, planId)))
}

const read = (who: Resident, planId = plan) => ok<Participant>(leader, 'GET', `/participants/${who.id}`, undefined, planId)

const noContact = { name: null, phone: null, email: null, address: null, birthYear: null }

async function personalData(id: string) {
  return t.db.selectFrom('participant').select(['name', 'phone', 'email', 'address', 'birth_year', 'cpr_encrypted', 'anonymised_at', 'anonymised_reason']).where('id', '=', id).executeTakeFirstOrThrow()
}

async function removalsOf(id: string) {
  return t.db.selectFrom('participant_removal').select(['reason', 'removed', 'actor_id', 'actor_label']).where('participant_id', '=', id).execute()
}

async function deletionsLogged(id: string) {
  return t.db.selectFrom('audit_log').select(['actor_id', 'actor_label', 'details']).where('action', '=', 'delete').where('entity', '=', 'participants').where('entity_id', '=', id).execute()
}

beforeAll(async () => {
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-privacy-test-'))
  t = await testDatabase({ CPR_KEY_FILE: path.join(keyDir, 'cpr.key') })
  app = await testApp(t.ctx)
  plan = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  otherPlan = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')).planId
  worker = await makeUser(t.ctx, 'boligsocial', [plan, otherPlan])
  jobcenter = await makeUser(t.ctx, 'jobcenter', [plan, otherPlan])
  leader = await makeUser(t.ctx, 'projektleder', [plan, otherPlan])
  for (const [user, name] of [
    [worker, 'Mette Bøgh Kristiansen'],
    [jobcenter, 'Jørgen Vestergaard Holm'],
    [leader, 'Susanne Ibsen Lauridsen'],
  ] as const) {
    await t.db.updateTable('app_user').set({ name }).where('id', '=', user.id).execute()
    staffNames.set(user.id, name)
  }
  course = (await ok<Activity[]>(worker, 'GET', '/activities')).find((a) => a.key === 'beskaeftigelsesfremmende-forloeb')!
  otherActivity = (await ok<Activity[]>(worker, 'GET', '/activities', undefined, otherPlan))[0]!
  expect((await setPolicy(POLICY)).statusCode).toBe(204)
  expect((await setPolicy(POLICY, otherPlan)).statusCode).toBe(204)
})

afterAll(() => {
  if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true })
})

describe('the retention rule', () => {
  it('anonymises exactly the residents whose time is up, keeps the figures and logs what went', async () => {
    // Due: an enrolment that ended two years ago (with every kind of personal data), a consent
    // withdrawn 60 days ago, and a registration two years ago that never led to an enrolment.
    const ended = await register('Amina Hassan', daysAgo(3 * 365 + 10))
    const endedConsent = await giveConsent(ended, daysAgo(3 * 365 + 10), { form: 'written', purpose: 'At Amina kan komme i job.' })
    await attachSignedConsent(endedConsent)
    const endedEnrolment = await enrol(ended, course, daysAgo(3 * 365 + 5), daysAgo(3 * 365))
    await attend(course, daysAgo(3 * 365 - 14), 'Gruppesamtale om CV', [endedEnrolment])
    await followUp(endedEnrolment, daysAgo(3 * 365 - 20), 'Amina har fået styr på sin gæld og søger job.')
    await exit(endedEnrolment, daysAgo(2 * 365), 'job', 'Fastansat hos Danfoss')
    await writeNote(ended, 'Vil gerne arbejde med børn.', daysAgo(3 * 365))

    const withdrawn = await register('Bilal Farah', daysAgo(100))
    await withdraw(await giveConsent(withdrawn, daysAgo(95)), daysAgo(60))
    await writeNote(withdrawn, 'Ønsker ikke længere kontakt.', daysAgo(60))

    const neverEnrolled = await register('Camilla Berg', daysAgo(2 * 365))
    await writeNote(neverEnrolled, 'Kom til informationsmødet.', daysAgo(2 * 365))

    // Not due: an enrolment ended two months ago, one still running after three years, a consent
    // withdrawn ten days ago, and a resident on the waiting list for two years.
    const endedLately = await register('Dorte Lund', daysAgo(200))
    const endedLatelyEnrolment = await enrol(endedLately, course, daysAgo(190), daysAgo(180))
    await followUp(endedLatelyEnrolment, daysAgo(100), 'Går godt.')
    await exit(endedLatelyEnrolment, daysAgo(60), 'uddannelse', 'Startet på SOSU-uddannelsen')
    await writeNote(endedLately, 'Har brug for hjælp til SU.', daysAgo(60))

    const stillEnrolled = await register('Erik Madsen', daysAgo(3 * 365))
    await enrol(stillEnrolled, course, daysAgo(3 * 365), daysAgo(3 * 365))

    const withdrawnLately = await register('Fatima Ali', daysAgo(20))
    await withdraw(await giveConsent(withdrawnLately, daysAgo(20)), daysAgo(10))

    const waiting = await register('Gustav Nielsen', daysAgo(2 * 365))
    await enrol(waiting, course, daysAgo(2 * 365), null)

    const due = [ended, withdrawn, neverEnrolled]
    const notDue = [endedLately, stillEnrolled, withdrawnLately, waiting]

    // The overview names who is due now and who falls due later, with the rule that applies.
    const overview = await ok<PrivacyOverview>(leader, 'GET', '/privacy')
    expect(overview.settings).toEqual(POLICY)
    expect(overview.planEndsOn).toBe('2026-12-31')
    const listed = new Map(overview.due.map((d) => [d.participantId, d]))
    expect(listed.get(ended.id)).toMatchObject({ pseudonym: ended.pseudonym, reason: 'after-last-enrolment', explanation: expect.stringMatching(/^Skal anonymiseres nu/) })
    expect(listed.get(withdrawn.id)).toMatchObject({ reason: 'after-consent-withdrawal', dueOn: daysAgo(30), explanation: expect.stringMatching(/^Skal anonymiseres nu/) })
    expect(listed.get(neverEnrolled.id)).toMatchObject({ reason: 'never-enrolled', explanation: expect.stringMatching(/^Skal anonymiseres nu/) })
    for (const r of due) expect(listed.get(r.id)!.dueOn <= today()).toBe(true)
    expect(listed.get(endedLately.id)).toMatchObject({ reason: 'after-last-enrolment' })
    expect(listed.get(withdrawnLately.id)).toMatchObject({ reason: 'after-consent-withdrawal', dueOn: addDays(today(), 20) })
    // A running or waiting enrolment holds the data until the plan's end (plus the grace period).
    expect(listed.get(stillEnrolled.id)).toMatchObject({ reason: 'plan-ended' })
    expect(listed.get(waiting.id)).toMatchObject({ reason: 'plan-ended' })
    for (const r of notDue) {
      expect(listed.get(r.id)!.dueOn > today()).toBe(true)
      expect(listed.get(r.id)!.explanation).not.toMatch(/^Skal anonymiseres nu/)
    }

    const periods = [...new Set([yearOf(daysAgo(3 * 365)), yearOf(daysAgo(2 * 365)), yearOf(today()), `${yearOf(daysAgo(2 * 365))}-Q${Math.ceil(Number(daysAgo(2 * 365).slice(5, 7)) / 3)}`])]
    const figuresBefore = await figures(course, periods)
    // The figures have something in them to keep: the job exit and the attendance.
    const exitYear = figuresBefore[periods.indexOf(yearOf(daysAgo(2 * 365)))]!
    expect(exitYear.exitReasons.find((e) => e.reason === 'job')?.count).toBe(1)
    const untouchedBefore = await Promise.all(notDue.map((r) => read(r)))
    const endedEnrolmentBefore = await ok<Enrolment>(leader, 'GET', `/enrolments/${endedEnrolment}`)
    expect(endedEnrolmentBefore).toMatchObject({ exitNote: 'Fastansat hos Danfoss', followups: [{ note: 'Amina har fået styr på sin gæld og søger job.' }] })

    expect(await ok(leader, 'POST', '/privacy/retention-run')).toEqual({ anonymised: 3 })

    // Personal data gone; pseudonym, dates, enrolments and the consents' shape kept.
    for (const r of due) {
      const p = await read(r)
      expect(p).toMatchObject({ pseudonym: r.pseudonym, anonymised: true, contact: noContact, notes: [] })
      for (const c of p.consents) expect(c).toMatchObject({ purpose: '', document: null })
      expect(await personalData(r.id)).toMatchObject({ name: null, phone: null, email: null, address: null, birth_year: null, cpr_encrypted: null })
    }
    const endedAfter = await read(ended)
    expect(endedAfter.consents).toHaveLength(1)
    expect(endedAfter.enrolments).toEqual([expect.objectContaining({ id: endedEnrolment, status: 'ended', exitOn: daysAgo(2 * 365) })])
    const endedEnrolmentAfter = await ok<Enrolment>(leader, 'GET', `/enrolments/${endedEnrolment}`)
    expect(endedEnrolmentAfter).toMatchObject({ name: null, exitNote: null, exitReason: 'job', followups: [{ note: null, heldOn: daysAgo(3 * 365 - 20) }], attendance: [{ title: 'Gruppesamtale om CV', status: 'present' }] })
    expect(await t.db.selectFrom('consent_document').select('consent_id').where('consent_id', '=', endedConsent).execute()).toEqual([])
    const consentDownload = await call(leader, 'GET', `/consents/${endedConsent}/document`)
    expect(consentDownload.statusCode).toBe(404)

    // Everyone else exactly as before.
    expect(await Promise.all(notDue.map((r) => read(r)))).toEqual(untouchedBefore)

    expect(await figures(course, periods)).toEqual(figuresBefore)

    // What went is counted, never copied, in participant_removal and the audit log.
    const expected: Record<string, { reason: string; removed: Record<string, number> }> = {
      [ended.id]: { reason: 'after-last-enrolment', removed: { fields: 5, notes: 1, consentDocuments: 1, consentPurposes: 1, followupNotes: 1, enrolmentNotes: 1, placementNotes: 0, guardianDetails: 0, pathwayNotes: 0, inquiryLinks: 0, appointments: 0, conversationLinks: 0 } },
      [withdrawn.id]: { reason: 'after-consent-withdrawal', removed: { fields: 5, notes: 1, consentDocuments: 0, consentPurposes: 1, followupNotes: 0, enrolmentNotes: 0, placementNotes: 0, guardianDetails: 0, pathwayNotes: 0, inquiryLinks: 0, appointments: 0, conversationLinks: 0 } },
      [neverEnrolled.id]: { reason: 'never-enrolled', removed: { fields: 5, notes: 1, consentDocuments: 0, consentPurposes: 0, followupNotes: 0, enrolmentNotes: 0, placementNotes: 0, guardianDetails: 0, pathwayNotes: 0, inquiryLinks: 0, appointments: 0, conversationLinks: 0 } },
    }
    for (const r of due) {
      const { reason, removed } = expected[r.id]!
      expect(await removalsOf(r.id)).toEqual([{ reason, removed, actor_id: leader.id, actor_label: 'user' }])
      expect(await deletionsLogged(r.id)).toEqual([{ actor_id: leader.id, actor_label: 'user', details: { anonymised: reason, removed } }])
      expect(await personalData(r.id)).toMatchObject({ anonymised_reason: reason })
    }
    for (const r of notDue) expect(await removalsOf(r.id)).toEqual([])

    const after = await ok<PrivacyOverview>(leader, 'GET', '/privacy')
    for (const r of due) expect(after.due.some((d) => d.participantId === r.id)).toBe(false)
    expect(after.removals).toEqual(expect.arrayContaining(due.map((r) => expect.objectContaining({ pseudonym: r.pseudonym, reason: expected[r.id]!.reason, removed: expected[r.id]!.removed }))))

    // The list leaves anonymised residents out unless asked, and then shows them without a name.
    const list = await ok<ParticipantList>(worker, 'GET', '/participants?pageSize=200')
    expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining(notDue.map((r) => r.id)))
    for (const r of due) expect(list.items.some((i) => i.id === r.id)).toBe(false)
    const all = await ok<ParticipantList>(worker, 'GET', '/participants?pageSize=200&includeAnonymised=true')
    for (const r of due) expect(all.items.find((i) => i.id === r.id)).toMatchObject({ anonymised: true, name: null })

    // Nothing is left for a second run.
    expect(await ok(leader, 'POST', '/privacy/retention-run')).toEqual({ anonymised: 0 })
  })

  it('runs at start-up as the system, over every plan, and logs the system as the one who removed', async () => {
    const neverEnrolled = await register('Hanne Olsen', daysAgo(2 * 365), { planId: otherPlan })
    await writeNote(neverEnrolled, 'Flyttet fra området.', daysAgo(400), otherPlan)
    const ended = await register('Ibrahim Yusuf', daysAgo(3 * 365), { planId: otherPlan })
    const enrolment = await enrol(ended, otherActivity, daysAgo(3 * 365), daysAgo(3 * 365), otherPlan)
    await exit(enrolment, daysAgo(14 * 31), 'andet', 'Flyttede til Esbjerg', otherPlan)
    const recent = await register('Jonas Krogh', daysAgo(10), { planId: otherPlan })

    const result = await runRetention(t.ctx, systemAuthority('system'))

    // The Sønderborg plan has nobody due after the run above; only Varde's two go.
    expect(result).toEqual({ anonymised: 2, byPlan: { [otherPlan]: 2 } })
    for (const [r, reason] of [
      [neverEnrolled, 'never-enrolled'],
      [ended, 'after-last-enrolment'],
    ] as const) {
      expect(await read(r, otherPlan)).toMatchObject({ anonymised: true, contact: noContact, notes: [] })
      expect(await removalsOf(r.id)).toEqual([{ reason, removed: expect.objectContaining({ fields: 5 }), actor_id: null, actor_label: 'system' }])
      expect(await deletionsLogged(r.id)).toEqual([{ actor_id: null, actor_label: 'system', details: expect.objectContaining({ anonymised: reason }) }])
    }
    expect((await read(recent, otherPlan)).contact?.name).toBe('Jonas Krogh')
    expect(await ok<Enrolment>(leader, 'GET', `/enrolments/${enrolment}`, undefined, otherPlan)).toMatchObject({ exitNote: null, exitReason: 'andet' })
  })
})

describe('erasure on request', () => {
  it('erases a resident only for the project leader who types the pseudonym, keeping the figures', async () => {
    const r = await register('Karina Holm', daysAgo(40))
    await giveConsent(r, daysAgo(40))
    const enrolment = await enrol(r, course, daysAgo(35), daysAgo(30))
    await attend(course, daysAgo(20), 'Jobsøgningsværksted', [enrolment])
    await followUp(enrolment, daysAgo(15), 'Har søgt fem stillinger.')
    await writeNote(r, 'Ønsker deltid.', daysAgo(15))
    const periods = [yearOf(today()), yearOf(daysAgo(40))].filter((p, i, all) => all.indexOf(p) === i)
    const figuresBefore = await figures(course, periods)
    expect(figuresBefore[0]!.figures.find((f) => f.key === 'active-participants')?.value).toBeGreaterThanOrEqual(1)

    const byWorker = await call(worker, 'POST', `/participants/${r.id}/erasure`, { confirmPseudonym: r.pseudonym })
    expect(byWorker.statusCode).toBe(403)
    expect(byWorker.json().code).toBe('forbidden')

    const wrong = await call(leader, 'POST', `/participants/${r.id}/erasure`, { confirmPseudonym: 'D-9999' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json()).toEqual({
      code: 'validation',
      message: `Skriv deltagerens id (${r.pseudonym}) for at bekræfte sletningen.`,
      issues: [{ path: 'confirmPseudonym', message: `Skriv ${r.pseudonym}.` }],
    })
    // Neither refusal removed anything.
    expect(await personalData(r.id)).toMatchObject({ name: 'Karina Holm', anonymised_at: null })
    expect((await read(r)).notes).toHaveLength(1)
    expect(await removalsOf(r.id)).toEqual([])
    expect(await deletionsLogged(r.id)).toEqual([])

    const right = await call(leader, 'POST', `/participants/${r.id}/erasure`, { confirmPseudonym: r.pseudonym })
    expect(right.statusCode, right.body).toBe(204)

    const p = await read(r)
    expect(p).toMatchObject({ anonymised: true, contact: noContact, notes: [], enrolments: [{ id: enrolment, status: 'active' }] })
    expect(p.consents).toEqual([expect.objectContaining({ purpose: '' })])
    expect(await ok<Enrolment>(leader, 'GET', `/enrolments/${enrolment}`)).toMatchObject({ name: null, followups: [{ note: null }], attendance: [{ status: 'present' }] })
    expect(await personalData(r.id)).toMatchObject({ name: null, phone: null, email: null, address: null, birth_year: null, anonymised_reason: 'erasure' })
    expect(await figures(course, periods)).toEqual(figuresBefore)
    const removed = { fields: 5, notes: 1, consentDocuments: 0, consentPurposes: 1, followupNotes: 1, enrolmentNotes: 0, placementNotes: 0, guardianDetails: 0, pathwayNotes: 0, inquiryLinks: 0, appointments: 0, conversationLinks: 0 }
    expect(await removalsOf(r.id)).toEqual([{ reason: 'erasure', removed, actor_id: leader.id, actor_label: 'user' }])
    expect(await deletionsLogged(r.id)).toEqual([{ actor_id: leader.id, actor_label: 'user', details: { anonymised: 'erasure', removed } }])

    const again = await call(leader, 'POST', `/participants/${r.id}/erasure`, { confirmPseudonym: r.pseudonym })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'conflict', message: 'Deltagerens personoplysninger er allerede slettet.' })
  })
})

describe("the resident's copy of their data", () => {
  it('gives the project leader everything held about the resident in plain words, with who looked and why, and no staff names', async () => {
    const r = await register('Leila Nouri', daysAgo(50))
    await giveConsent(r, daysAgo(45), { purpose: 'At jobcentret og helhedsplanen sammen kan hjælpe Leila i praktik.' })
    const enrolment = await enrol(r, course, daysAgo(42), daysAgo(40))
    await attend(course, daysAgo(35), 'Virksomhedsbesøg hos Linak', [enrolment])
    await followUp(enrolment, daysAgo(30), 'Leila har fået en praktikplads i kantinen.')
    await writeNote(r, 'Taler godt dansk, vil gerne i køkken.', daysAgo(30))

    // Reads by both parties: the job centre under the consent, the housing-social worker in full.
    expect((await call(jobcenter, 'GET', `/participants/${r.id}`)).statusCode).toBe(200)
    expect((await call(worker, 'GET', `/participants/${r.id}`)).statusCode).toBe(200)

    // The project leader and the housing-social worker of the party holding the resident hand out
    // the copy (decision 036); the job centre, which does not hold the resident, does not.
    expect((await call(worker, 'GET', `/participants/${r.id}/export`)).statusCode).toBe(200)
    expect((await call(jobcenter, 'GET', `/participants/${r.id}/export`)).statusCode).toBe(403)

    const res = await call(leader, 'GET', `/participants/${r.id}/export`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-disposition']).toBe(`attachment; filename="indsigt-${r.pseudonym}.json"`)
    expect(res.headers['cache-control']).toBe('no-store')
    const copy = res.json() as ParticipantExport
    expect(copy.participant).toMatchObject({
      Id: r.pseudonym,
      Navn: 'Leila Nouri',
      Telefon: '20 30 40 50',
      'E-mail': 'leila@example.dk',
      Adresse: 'Stenbjergparken 1, 6400 Sønderborg',
      Fødselsår: 1985,
      'Registreret den': daysAgo(50),
      Anonymiseret: null,
    })
    expect(copy.consents).toEqual([
      {
        'Må dele': 'Den boligsociale helhedsplan og Jobcentret',
        Oplysninger: 'Navn, adresse og telefonnummer; Job, uddannelse og praktik, og dine forløb hos os',
        Formål: 'At jobcentret og helhedsplanen sammen kan hjælpe Leila i praktik.',
        Form: 'Mundtligt',
        'Givet den': daysAgo(45),
        'Gælder til': null,
        'Trukket tilbage den': null,
        Status: 'I kraft',
      },
    ])
    expect(copy.enrolments).toEqual([
      expect.objectContaining({
        Aktivitet: course.name,
        'Visiteret den': daysAgo(42),
        'Startet den': daysAgo(40),
        'Afsluttet den': null,
        Opfølgninger: [{ Dato: daysAgo(30), Note: 'Leila har fået en praktikplads i kantinen.' }],
        Fremmøde: [{ Dato: daysAgo(35), Aktivitet: 'Virksomhedsbesøg hos Linak', Status: 'Mødt' }],
      }),
    ])
    expect(copy.notes).toEqual([{ Dato: daysAgo(30), Emne: 'Job, uddannelse og praktik, og dine forløb hos os', Note: 'Taler godt dansk, vil gerne i køkken.' }])

    // The access log: when, which party and why, for both parties' reads.
    for (const entry of copy.accessLog) expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(copy.accessLog).toEqual(
      expect.arrayContaining([
        { at: expect.any(String), party: 'Den boligsociale helhedsplan', purpose: 'Du blev registreret' },
        { at: expect.any(String), party: 'Den boligsociale helhedsplan', purpose: 'Dit samtykke blev registreret' },
        { at: expect.any(String), party: 'Den boligsociale helhedsplan', purpose: 'Du blev tilmeldt et forløb' },
        { at: expect.any(String), party: 'Den boligsociale helhedsplan', purpose: 'Der blev fulgt op på dit forløb' },
        { at: expect.any(String), party: 'Jobcentret', purpose: 'Dine oplysninger blev vist efter dit samtykke' },
        { at: expect.any(String), party: 'Den boligsociale helhedsplan', purpose: 'Dine oplysninger blev slået op' },
      ]),
    )
    expect(copy.accessLog.filter((e) => e.at.slice(0, 10) === new Date().toISOString().slice(0, 10)).length).toBe(copy.accessLog.length)

    // No staff member is named anywhere in the file, by name or e-mail.
    for (const name of staffNames.values()) expect(res.body).not.toContain(name)
    for (const user of [worker, jobcenter, leader]) expect(res.body).not.toContain(user.email)

    // Each copy is logged (the worker's above, then the leader's), and shows in the next copy.
    const logged = await t.db.selectFrom('audit_log').select(['actor_id']).where('entity', '=', 'participant-rights').where('action', '=', 'read').where('entity_id', '=', r.id).orderBy('id').execute()
    expect(logged).toEqual([{ actor_id: worker.id }, { actor_id: leader.id }])
    const next = await ok<ParticipantExport>(leader, 'GET', `/participants/${r.id}/export`)
    expect(next.accessLog).toContainEqual({ at: expect.any(String), party: 'Den boligsociale helhedsplan', purpose: 'Du fik en kopi af dine oplysninger' })
  })

  it('gives the project leader the same copy as a PDF the resident can read, with no staff names, and logs it', async () => {
    const r = await register('Yasmin Kaya', daysAgo(20))
    await giveConsent(r, daysAgo(18), { purpose: 'At Yasmin kan komme i praktik.' })
    const enrolment = await enrol(r, course, daysAgo(15), daysAgo(14))
    await followUp(enrolment, daysAgo(7), 'Yasmin har været til samtale hos Danfoss.')
    expect((await call(jobcenter, 'GET', `/participants/${r.id}`)).statusCode).toBe(200)

    expect((await call(jobcenter, 'GET', `/participants/${r.id}/export?format=pdf`)).statusCode).toBe(403)
    const badFormat = await call(leader, 'GET', `/participants/${r.id}/export?format=docx`)
    expect(badFormat.statusCode).toBe(400)
    expect(badFormat.json().issues).toEqual([{ path: 'format', message: 'Formatet skal være json eller pdf.' }])

    const res = await call(leader, 'GET', `/participants/${r.id}/export?format=pdf`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="indsigt-${r.pseudonym}.pdf"`)
    expect(res.headers['cache-control']).toBe('no-store')
    const pdf = res.rawPayload
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')

    // The same read as the JSON copy, logged the same way.
    const logged = await t.db.selectFrom('audit_log').select(['actor_id', 'details']).where('entity', '=', 'participant-rights').where('action', '=', 'read').where('entity_id', '=', r.id).execute()
    expect(logged).toEqual([{ actor_id: leader.id, details: expect.objectContaining({ ids: [r.id] }) }])

    if (mustReadPdfText) expect(hasPdftotext, `${PDFTOTEXT} is missing: install poppler-utils`).toBe(true)
    if (!hasPdftotext) return
    const text = pdfText(pdf).replace(/\s+/g, ' ')
    expect(text).toContain('Dine oplysninger i Indsats')
    expect(text).toContain('Navn Yasmin Kaya')
    expect(text).toContain('Yasmin har været til samtale hos Danfoss.')
    expect(text).toContain('Jobcentret Dine oplysninger blev vist efter dit samtykke')
    for (const name of staffNames.values()) expect(text).not.toContain(name)
    for (const user of [worker, jobcenter, leader]) expect(text).not.toContain(user.email)
  })
})

/** The old modulus-11 check, which CPR numbers no longer always pass (cpr.ts, rule 3). */
function passesModulus11(cpr: string): boolean {
  const digits = cpr.replace(/\D/g, '').split('').map(Number)
  return digits.reduce((sum, d, i) => sum + d * [4, 3, 2, 7, 6, 5, 4, 3, 2, 1][i]!, 0) % 11 === 0
}

describe('CPR numbers', () => {
  it('takes valid numbers when turned on, refuses malformed and duplicate ones, shows them masked, logs a reveal and stores no digits', async () => {
    const withoutCpr = await call(worker, 'POST', '/participants', { name: 'Før CPR', phone: null, email: '', address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: today(), cpr: '010190-1234' })
    expect(withoutCpr.statusCode).toBe(400)
    expect(withoutCpr.json()).toMatchObject({ issues: [{ path: 'cpr', message: 'CPR-numre er slået fra i denne helhedsplan.' }] })

    expect((await setPolicy({ ...POLICY, cprEnabled: true })).statusCode).toBe(204)

    // 010190-1234 fails the modulus-11 check that was dropped in 2007; it is still a valid number.
    expect(passesModulus11('0101901234')).toBe(false)
    expect(passesModulus11('2412851237')).toBe(true)
    const first = await register('Mads Jensen', daysAgo(5), { cpr: '010190-1234' })
    const second = await register('Nadia Said', daysAgo(5), { cpr: '2412851237' })

    const malformed = await call(worker, 'POST', '/participants', { name: 'Oskar Berg', phone: null, email: '', address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: today(), cpr: '01019-01234' })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json()).toEqual({
      code: 'validation',
      message: 'CPR-nummeret skal have 10 cifre (ddmmåå-xxxx).',
      issues: [{ path: 'cpr', message: 'CPR-nummeret skal have 10 cifre (ddmmåå-xxxx).' }],
    })
    const notADay = await call(worker, 'POST', '/participants', { name: 'Oskar Berg', phone: null, email: '', address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: today(), cpr: '310290-1234' })
    expect(notADay.statusCode).toBe(400)
    expect(notADay.json()).toMatchObject({ message: 'CPR-nummerets første seks cifre er ikke en gyldig dato.', issues: [{ path: 'cpr' }] })

    // The same number written another way is the same person.
    const duplicate = await call(worker, 'POST', '/participants', { name: 'Mads J.', phone: null, email: '', address: null, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: today(), cpr: '010190 1234' })
    expect(duplicate.statusCode).toBe(409)
    expect(duplicate.json()).toMatchObject({ code: 'conflict', issues: [{ path: 'cpr', message: `CPR-nummeret er allerede registreret på ${first.pseudonym}.` }] })
    expect(await t.db.selectFrom('participant').select('id').where('name', '=', 'Mads J.').execute()).toEqual([])

    // Screens show the birth date part only; the other party sees no CPR at all.
    const shown = await call(worker, 'GET', `/participants/${first.id}`)
    expect(shown.json()).toMatchObject({ cprMasked: '010190-xxxx' })
    expect(shown.body).not.toContain('0101901234')
    expect(shown.body).not.toContain('010190-1234')
    expect((await read(second)).cprMasked).toBe('241285-xxxx')
    await giveConsent(first, daysAgo(5))
    const byJobcenter = await call(jobcenter, 'GET', `/participants/${first.id}`)
    expect(byJobcenter.json()).toMatchObject({ access: { scope: 'consent' }, cprMasked: null })
    expect((await call(jobcenter, 'GET', `/participants/${first.id}/cpr`)).statusCode).toBe(403)

    // The full number on request, never cached, and the reveal is logged.
    const reveal = await call(worker, 'GET', `/participants/${first.id}/cpr`)
    expect(reveal.statusCode).toBe(200)
    expect(reveal.json()).toEqual({ cpr: '0101901234' })
    expect(reveal.headers['cache-control']).toBe('no-store')
    const reveals = await t.db.selectFrom('audit_log').select(['actor_id', 'details']).where('entity', '=', 'participant-cpr').where('action', '=', 'read').where('entity_id', '=', first.id).execute()
    // The job centre's refused attempt above is logged too, marked as refused.
    expect(reveals).toHaveLength(2)
    expect(reveals).toEqual(
      expect.arrayContaining([
        { actor_id: worker.id, details: expect.objectContaining({ ids: [first.id] }) },
        { actor_id: jobcenter.id, details: expect.objectContaining({ refused: true }) },
      ]),
    )
    expect(reveals.find((l) => l.actor_id === worker.id)!.details).not.toHaveProperty('refused')

    // At rest: ciphertext and a keyed hash, no digits; and no digits anywhere in the audit log.
    const stored = await t.db.selectFrom('participant').select(['cpr_encrypted', 'cpr_lookup']).where('id', 'in', [first.id, second.id]).execute()
    for (const row of stored) {
      expect(row.cpr_encrypted).toMatch(/^v1:[A-Za-z0-9+/]+=*$/)
      expect(row.cpr_lookup).toMatch(/^[0-9a-f]{64}$/)
    }
    const rest = JSON.stringify(stored)
    for (const digits of ['0101901234', '010190', '2412851237', '241285']) expect(rest).not.toContain(digits)
    const audit = await t.db.selectFrom('audit_log').select('details').execute()
    expect(JSON.stringify(audit)).not.toContain('0101901234')
    expect(JSON.stringify(audit)).not.toContain('2412851237')

    // CPR cannot be turned off while numbers are stored.
    const off = await setPolicy(POLICY)
    expect(off.statusCode).toBe(409)
    expect(off.json()).toMatchObject({ code: 'conflict', message: 'CPR-numre kan ikke slås fra, mens 2 deltagere har et registreret CPR-nummer. Fjern numrene først.' })
    expect((await ok<PrivacyOverview>(leader, 'GET', '/privacy')).settings.cprEnabled).toBe(true)
  })
})

describe('a retention run that fails part-way', () => {
  it('anonymises nobody when one resident’s anonymisation fails, and everybody once it succeeds', async () => {
    const residents = [await register('Oliver Dam', daysAgo(2 * 365), { planId: otherPlan }), await register('Pia Skov', daysAgo(3 * 365), { planId: otherPlan })]
    const withdrawn = await register('Rasmus Friis', daysAgo(100), { planId: otherPlan })
    await withdraw(await giveConsent(withdrawn, daysAgo(90), { planId: otherPlan }), daysAgo(60), otherPlan)
    residents.push(withdrawn)
    for (const r of residents) await writeNote(r, 'Note der skal slettes.', daysAgo(60), otherPlan)

    // The second removal record of a transaction fails, so one resident is fully anonymised inside
    // the transaction before the error. A trigger in this test's own database, not in the app.
    const owner = new pg.Client({ connectionString: t.url })
    await owner.connect()
    try {
      await owner.query(`
        create function fail_second_removal() returns trigger language plpgsql as $$
        declare n integer := coalesce(nullif(current_setting('indsats_test.removals', true), ''), '0')::integer + 1;
        begin
          perform set_config('indsats_test.removals', n::text, true);
          if n = 2 then raise exception 'provoked failure in the second anonymisation'; end if;
          return new;
        end $$`)
      await owner.query('create trigger fail_second_removal before insert on participant_removal for each row execute function fail_second_removal()')

      const failed = await call(leader, 'POST', '/privacy/retention-run', undefined, otherPlan)
      expect(failed.statusCode).toBe(500)
      expect(failed.json().code).toBe('internal')
      for (const r of residents) {
        expect(await personalData(r.id)).toMatchObject({ name: expect.any(String), anonymised_at: null })
        expect((await read(r, otherPlan)).notes).toHaveLength(1)
        expect(await removalsOf(r.id)).toEqual([])
        expect(await deletionsLogged(r.id)).toEqual([])
      }
      expect((await read(withdrawn, otherPlan)).consents[0]!.purpose).not.toBe('')
    } finally {
      await owner.query('drop trigger if exists fail_second_removal on participant_removal')
      await owner.query('drop function if exists fail_second_removal()')
      await owner.end()
    }

    expect(await ok(leader, 'POST', '/privacy/retention-run', undefined, otherPlan)).toEqual({ anonymised: 3 })
    for (const r of residents) {
      expect(await read(r, otherPlan)).toMatchObject({ anonymised: true, contact: noContact, notes: [] })
      expect(await removalsOf(r.id)).toHaveLength(1)
    }
  })
})
