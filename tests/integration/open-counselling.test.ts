import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { AppointmentList, CounsellingFiguresDto, OccurrenceDetail, OccurrenceWeek, TopicList } from '../../src/shared/counselling.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import type { Role } from '../../src/shared/users.ts'
import { login, makeUser, partiesOfKinds, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Open counselling over HTTP against a real database, on Sønderborg's seed agreement: Åben
// rådgivning at Stenbjergparken on Mondays, Kløver-/Hvedemarken on Tuesdays and Nørager og
// Søstjernevej m.fl. on Thursdays, 12-17, 3-4 staff; the agreement runs to 31 August 2025.

let t: TestDatabase
let app: App
let planId: string
const cookies = {} as Record<Role | 'boligsocial2' | 'jobcenter2', string>
const userIds = {} as Record<string, string>

const base = () => `/api/plans/${planId}/counselling`
const get = (who: keyof typeof cookies, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } })
const send = (who: keyof typeof cookies, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload === undefined ? {} : { payload: payload as object }) })

async function week(who: keyof typeof cookies, day: string): Promise<OccurrenceWeek> {
  const res = await get(who, `${base()}/occurrences?week=${day}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as OccurrenceWeek
}
async function detail(who: keyof typeof cookies, id: string): Promise<OccurrenceDetail> {
  const res = await get(who, `${base()}/occurrences/${id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as OccurrenceDetail
}
async function occurrenceOn(day: string): Promise<OccurrenceDetail> {
  const w = await week('boligsocial', day)
  const o = w.occurrences.find((x) => x.heldOn === day)
  if (!o) throw new Error(`no occurrence on ${day}`)
  return detail('boligsocial', o.id)
}
async function registerResident(name: string): Promise<string> {
  const res = await send('boligsocial', 'POST', `/api/plans/${planId}/participants`, {
    name,
    phone: null,
    email: null,
    address: null,
    birthYear: null,
    ageBand: null,
    housingAreaId: null,
    departmentId: null,
    targetGroupCode: null,
    targetGroupOn: null,
    registeredOn: '2025-01-02',
  })
  expect(res.statusCode, res.body).toBe(201)
  return (res.json() as { id: string }).id
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  planId = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  for (const role of ['admin', 'projektleder', 'boligsocial', 'jobcenter', 'bestyrelse', 'boligsocial2', 'jobcenter2'] as const) {
    const user = await makeUser(t.ctx, role.replace('2', '') as Role, [planId])
    userIds[role] = user.id
    cookies[role] = await login(app, user)
  }
})

describe('occurrences from the agreement', () => {
  it("opens a week with the three sites' occurrences, 12-17 with 3-4 staff, and adds nothing when opened again", async () => {
    const w = await week('boligsocial', '2025-08-27')
    expect(w.from).toBe('2025-08-25')
    expect(w.to).toBe('2025-08-31')
    expect(w.occurrences.map((o) => [o.heldOn, o.site, o.startsAt, o.endsAt, o.staffingMin, o.staffingMax])).toEqual([
      ['2025-08-25', 'Stenbjergparken', '12:00', '17:00', 3, 4],
      ['2025-08-26', 'Kløver-/Hvedemarken', '12:00', '17:00', 3, 4],
      ['2025-08-28', 'Nørager og Søstjernevej m.fl.', '12:00', '17:00', 3, 4],
    ])
    await week('jobcenter', '2025-08-25')
    const stored = await t.db.selectFrom('counselling_occurrence').select('id').where('plan_id', '=', planId).where('held_on', '>=', '2025-08-25').where('held_on', '<=', '2025-08-31').execute()
    expect(stored).toHaveLength(3)
  })

  it('marks 2. pinsedag as a holiday on which Stenbjergparken is not held, and refuses to check in to it', async () => {
    const w = await week('boligsocial', '2025-06-09')
    const monday = w.occurrences.find((o) => o.heldOn === '2025-06-09')!
    expect(monday.holiday).toBe('2. pinsedag')
    const res = await send('boligsocial', 'POST', `${base()}/occurrences/${monday.id}/check`, { action: 'in' })
    expect(res.statusCode).toBe(409)
    expect((res.json() as { message: string }).message).toContain('2. pinsedag')
  })

  it('says plainly that the agreement promises nothing after its last day', async () => {
    const w = await week('boligsocial', '2025-09-03')
    expect(w.occurrences).toEqual([])
    expect(w.note).toContain('til og med')
    expect(w.note).toContain('2025')
  })

  it('keeps board members and administrators out of the drop-in desk', async () => {
    expect((await get('bestyrelse', `${base()}/occurrences?week=2025-08-25`)).statusCode).toBe(403)
    expect((await get('admin', `${base()}/occurrences?week=2025-08-25`)).statusCode).toBe(403)
  })
})

describe('the roster', () => {
  it('shows who checked in, by party, and says when the occurrence is under-staffed until 3 are there', async () => {
    const o = await occurrenceOn('2025-08-26')
    expect(o.staffing).toBe('under')
    expect((await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/check`, { action: 'in' })).statusCode).toBe(204)
    expect((await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/check`, { action: 'in' })).statusCode).toBe(409)
    expect((await send('jobcenter', 'POST', `${base()}/occurrences/${o.id}/check`, { action: 'in' })).statusCode).toBe(204)
    let d = await detail('boligsocial', o.id)
    expect(d.staffingText).toBe('Underbemandet: 2 medarbejdere har tjekket ind, og der er lovet 3-4.')
    const parties = await t.db
      .selectFrom('user_plan as up')
      .innerJoin('plan_party as p', 'p.id', 'up.party_id')
      .select(['up.user_id', 'p.name', 'p.unit'])
      .where('up.plan_id', '=', planId)
      .execute()
    const partyOf = (id: string) => parties.find((p) => p.user_id === id)!
    expect(d.roster.map((r) => [r.userId, r.party])).toEqual(
      [userIds.boligsocial!, userIds.jobcenter!].map((id) => [id, partyOf(id).unit ? `${partyOf(id).name}, ${partyOf(id).unit}` : partyOf(id).name]),
    )
    expect(d.roster[0]!.party).not.toBe(d.roster[1]!.party)
    expect((await send('boligsocial2', 'POST', `${base()}/occurrences/${o.id}/check`, { action: 'in' })).statusCode).toBe(204)
    d = await detail('jobcenter', o.id)
    expect(d.staffing).toBe('met')
    expect(d.checkedIn).toBe(true)
    expect((await send('jobcenter', 'POST', `${base()}/occurrences/${o.id}/check`, { action: 'out' })).statusCode).toBe(204)
    d = await detail('jobcenter', o.id)
    expect(d.checkedOut).toBe(true)
    // Checked out, still counted: they were there.
    expect(d.staff).toBe(3)
  })

  it('cancels an occurrence with a reason, after which no one checks in', async () => {
    const o = await occurrenceOn('2025-08-28')
    expect((await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/cancel`, { reason: '' })).statusCode).toBe(400)
    expect((await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/cancel`, { reason: 'Beboerhuset er lukket på grund af vandskade' })).statusCode).toBe(204)
    expect((await detail('boligsocial', o.id)).cancelledReason).toBe('Beboerhuset er lukket på grund af vandskade')
    expect((await send('jobcenter', 'POST', `${base()}/occurrences/${o.id}/check`, { action: 'in' })).statusCode).toBe(409)
  })
})

describe('one-tap inquiries', () => {
  it('logs five inquiries with one request each, for the user\'s party, refers one to the job centre and undoes a wrong tap', async () => {
    const o = await occurrenceOn('2025-08-25')
    const topic = (label: string) => o.topics.find((x) => x.label === label)!.id
    expect(o.topics.map((x) => x.label)).toEqual(['Jobsøgning', 'Uddannelse', 'Myndigheder og breve', 'Økonomi', 'Bolig', 'Sundhed', 'Fritid', 'Førtidspension', 'Andet'])
    const ids: string[] = []
    for (const label of ['Jobsøgning', 'Jobsøgning', 'Myndigheder og breve', 'Økonomi', 'Førtidspension']) {
      const res = await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/inquiries`, { topicId: topic(label) })
      expect(res.statusCode, res.body).toBe(201)
      ids.push((res.json() as { id: string }).id)
    }
    expect((await send('boligsocial', 'PUT', `${base()}/inquiries/${ids[1]}/referral`, { referral: 'jobcenter' })).statusCode).toBe(204)
    // A wrong tap, taken back: only the user's own latest.
    await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/inquiries`, { topicId: topic('Bolig') })
    expect((await send('jobcenter', 'DELETE', `${base()}/occurrences/${o.id}/inquiries/last`)).statusCode).toBe(404)
    expect((await send('boligsocial', 'DELETE', `${base()}/occurrences/${o.id}/inquiries/last`)).statusCode).toBe(200)
    const d = await detail('boligsocial', o.id)
    expect(d.inquiries).toBe(5)
    expect(d.inquiryList.map((i) => i.topic).sort()).toEqual(['Førtidspension', 'Jobsøgning', 'Jobsøgning', 'Myndigheder og breve', 'Økonomi'])
    expect(d.inquiryList.filter((i) => i.referral === 'jobcenter')).toHaveLength(1)
    expect(new Set(d.inquiryList.map((i) => i.party))).toEqual(new Set([d.parties.find((p) => p.id === d.myPartyId)!.name]))
    expect(d.inquiryList.every((i) => i.resident === null)).toBe(true)
  })

  it('refuses an inquiry on a topic that is not the plan\'s', async () => {
    const o = await occurrenceOn('2025-08-25')
    const res = await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/inquiries`, { topicId: '00000000-0000-4000-8000-000000000000' })
    expect(res.statusCode).toBe(400)
  })

  it('lets the project leader extend and retire topics, and no one else', async () => {
    expect((await send('boligsocial', 'POST', `${base()}/topics`, { label: 'Pas og opholdstilladelse' })).statusCode).toBe(403)
    expect((await send('projektleder', 'POST', `${base()}/topics`, { label: 'Pas og opholdstilladelse' })).statusCode).toBe(201)
    expect((await send('projektleder', 'POST', `${base()}/topics`, { label: 'Pas og opholdstilladelse' })).statusCode).toBe(409)
    const topics = ((await get('projektleder', `${base()}/topics`)).json() as TopicList).topics
    const leisure = topics.find((x) => x.label === 'Fritid')!
    expect((await send('projektleder', 'PUT', `${base()}/topics/${leisure.id}/retired`, { retired: true })).statusCode).toBe(204)
    const o = await occurrenceOn('2025-08-25')
    expect(o.topics.map((x) => x.label)).toContain('Pas og opholdstilladelse')
    expect(o.topics.map((x) => x.label)).not.toContain('Fritid')
    const res = await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/inquiries`, { topicId: leisure.id })
    expect(res.statusCode).toBe(400)
    expect((res.json() as { message: string }).message).toContain('Fritid')
  })
})

describe('inquiries linked to a resident', () => {
  it('shows a job-centre user the linked resident only under a consent naming the job centre', async () => {
    const o = await occurrenceOn('2025-08-26')
    const residentId = await registerResident('Amira Hansen')
    const topicId = o.topics.find((x) => x.label === 'Jobsøgning')!.id
    // The job centre may not link a resident it cannot see.
    const refused = await send('jobcenter', 'POST', `${base()}/occurrences/${o.id}/inquiries`, { topicId, participantId: residentId })
    expect(refused.statusCode).toBe(403)
    const linked = await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/inquiries`, { topicId, participantId: residentId })
    expect(linked.statusCode, linked.body).toBe(201)
    const inquiryId = (linked.json() as { id: string }).id

    const own = (await detail('boligsocial', o.id)).inquiryList.find((i) => i.id === inquiryId)!
    expect(own.resident).toMatchObject({ id: residentId, name: 'Amira Hansen' })
    const blind = (await detail('jobcenter', o.id)).inquiryList.find((i) => i.id === inquiryId)!
    expect(blind.topic).toBe('Jobsøgning')
    expect(blind.resident).toBeNull()

    const consent = await send('boligsocial', 'POST', `/api/plans/${planId}/participants/${residentId}/consents`, {
      parties: await partiesOfKinds(t.ctx, planId, ['boligsocial', 'jobcenter']),
      categories: ['contact', 'employment'],
      purpose: 'Hjælp til jobsøgning sammen med jobcentret',
      form: 'oral',
      givenOn: isoDay(new Date()),
      validUntil: null,
    })
    expect(consent.statusCode, consent.body).toBe(201)
    const seen = (await detail('jobcenter', o.id)).inquiryList.find((i) => i.id === inquiryId)!
    expect(seen.resident).toMatchObject({ id: residentId, name: 'Amira Hansen' })
    // The read is on record as a disclosure under the consent.
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('actor_id', '=', userIds.jobcenter!)
      .where('entity', '=', 'counselling-occurrence')
      .where('action', '=', 'read')
      .where('entity_id', '=', o.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(audit.details)).toContain(residentId)
  })
})

describe('an anonymised resident', () => {
  it('cannot have an inquiry linked to them, and their linked inquiry becomes anonymous, so it can still be corrected', async () => {
    const o = await occurrenceOn('2025-08-12')
    const residentId = await registerResident('Lene Mikkelsen')
    const topicId = o.topics.find((x) => x.label === 'Økonomi')!.id
    const linked = await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/inquiries`, { topicId, participantId: residentId })
    expect(linked.statusCode).toBe(201)
    const { pseudonym } = (await t.db.selectFrom('participant').select('pseudonym').where('id', '=', residentId).executeTakeFirstOrThrow()) as { pseudonym: string }
    const erased = await send('projektleder', 'POST', `/api/plans/${planId}/participants/${residentId}/erasure`, { confirmPseudonym: pseudonym })
    expect(erased.statusCode, erased.body).toBeLessThan(300)
    const again = await send('boligsocial', 'POST', `${base()}/occurrences/${o.id}/inquiries`, { topicId, participantId: residentId })
    expect(again.statusCode).toBe(409)
    expect((again.json() as { code: string }).code).toBe('participant_anonymised')
    const inquiryId = (linked.json() as { id: string }).id
    const inquiry = await t.db.selectFrom('counselling_inquiry').select('participant_id').where('id', '=', inquiryId).executeTakeFirstOrThrow()
    expect(inquiry.participant_id).toBeNull()
    const refer = await send('boligsocial', 'PUT', `${base()}/inquiries/${inquiryId}/referral`, { referral: 'elsewhere' })
    expect(refer.statusCode, refer.body).toBe(204)
  })
})

describe('appointments beyond the open hours', () => {
  it('books a time for a resident who is not registered by first name and phone, and for a registered resident only with consent', async () => {
    const o = await occurrenceOn('2025-08-25')
    const missing = await send('boligsocial', 'POST', `${base()}/appointments`, { onDay: '2025-08-27', atTime: '09:30' })
    expect(missing.statusCode).toBe(400)
    const booked = await send('boligsocial', 'POST', `${base()}/appointments`, { occurrenceId: o.id, contactName: 'Fatima', contactPhone: '20 30 40 50', onDay: '2025-08-27', atTime: '09:30' })
    expect(booked.statusCode, booked.body).toBe(201)
    const residentId = await registerResident('Karim Jensen')
    expect((await send('jobcenter', 'POST', `${base()}/appointments`, { participantId: residentId, onDay: '2025-08-28', atTime: '10:00' })).statusCode).toBe(403)
    expect((await send('boligsocial', 'POST', `${base()}/appointments`, { participantId: residentId, onDay: '2025-08-28', atTime: '10:00' })).statusCode).toBe(201)

    const list = ((await get('jobcenter', `${base()}/appointments?from=2025-08-01`)).json() as AppointmentList).appointments
    expect(list.map((a) => [a.onDay, a.atTime, a.contactName, a.residentHidden])).toEqual([
      ['2025-08-27', '09:30', 'Fatima', false],
      ['2025-08-28', '10:00', null, true],
    ])
    expect(list[1]!.resident).toBeNull()
    const own = ((await get('boligsocial', `${base()}/appointments?from=2025-08-01`)).json() as AppointmentList).appointments
    expect(own[1]!.resident).toMatchObject({ id: residentId, name: 'Karim Jensen' })
    expect((await detail('boligsocial', o.id)).appointments.map((a) => a.contactName)).toEqual(['Fatima'])
    expect((await send('jobcenter', 'PUT', `${base()}/appointments/${list[0]!.id}/status`, { status: 'held' })).statusCode).toBe(204)
    expect((await get('bestyrelse', `${base()}/appointments`)).statusCode).toBe(403)
  })
})

describe('figures', () => {
  const range = 'from=2025-08-18&to=2025-08-31'

  it('counts occurrences held vs planned, staffing, inquiries per site and topic, and the share referred', async () => {
    const res = await get('projektleder', `${base()}/figures?${range}`)
    expect(res.statusCode, res.body).toBe(200)
    const f = res.json() as CounsellingFiguresDto
    expect(f.suppressed).toBe(false)
    // Two weeks of three sites; Nørager on 28 August was cancelled; the rest of the week of
    // 18 August was never opened, so it is planned and not recorded.
    expect(f.totals).toMatchObject({ planned: 6, cancelled: 1, held: 2, notRecorded: 3, staffingMet: 1, understaffed: 1, inquiries: 6, referred: 1 })
    expect(f.referredShare).toBeCloseTo(1 / 6)
    const sten = f.sites.find((s) => s.site === 'Stenbjergparken')!
    expect(sten).toMatchObject({ planned: 2, held: 1, understaffed: 1, inquiries: 5, referred: 1 })
    expect(f.topics[0]).toMatchObject({ topic: 'Jobsøgning', total: 3 })
    expect(f.weeks.map((w) => [w.week, w.weekNumber, w.total])).toEqual([['2025-08-25', 35, 6]])
  })

  it('gives board members the figures with small numbers of inquiries hidden', async () => {
    const f = (await get('bestyrelse', `${base()}/figures?${range}`)).json() as CounsellingFiguresDto
    expect(f.suppressed).toBe(true)
    expect(f.totals.planned).toBe(6)
    expect(f.totals.inquiries).toBe(6)
    expect(f.totals.referred).toBeNull()
    expect(f.referredShare).toBeNull()
    expect(f.topics.find((x) => x.topic === 'Jobsøgning')!.total).toBeNull()
    expect(JSON.stringify(f.sites.map((s) => s.inquiries))).not.toContain('5')
  })

  it('exports the figures as CSV for Excel, hidden numbers marked', async () => {
    const full = await get('projektleder', `${base()}/figures.csv?${range}`)
    expect(full.headers['content-type']).toContain('text/csv')
    expect(full.body).toContain('Henvendelser;Stenbjergparken;;;5')
    expect(full.body).toContain('Henvendelser pr. uge;Stenbjergparken;2025-U35;;5')
    const board = await get('bestyrelse', `${base()}/figures.csv?${range}`)
    expect(board.body).toContain('Henvendelser henvist;Stenbjergparken;;;skjult')
  })
})
