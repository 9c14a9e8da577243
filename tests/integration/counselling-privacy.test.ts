import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { OccurrenceDetail, OccurrenceWeek } from '../../src/shared/counselling.ts'
import { isoDay } from '../../src/shared/lib/format.ts'
import { addDays } from '../../src/shared/lib/period.ts'
import type { ParticipantExport } from '../../src/shared/participants.ts'
import type { Role } from '../../src/shared/users.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// Open counselling's and outreach's personal data under the residents' rights (decision 008): an
// inquiry linked to a resident, an appointment booked for one and an outreach conversation held with
// one are in the resident's own copy; erasure (and the retention run, through the same
// removePersonalDataOf) makes the inquiry and the conversation anonymous again and takes the resident
// off the appointment, all still counted in the figures; and the retention run removes the name and
// phone of a resident who is not registered a month after their appointment.

let t: TestDatabase
let app: App
let planId: string
const cookies = {} as Record<Role, string>

const base = () => `/api/plans/${planId}/counselling`
const get = (who: Role, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } })
const send = (who: Role, url: string, payload?: unknown) => app.inject({ method: 'POST', url, headers: { cookie: cookies[who] }, ...(payload === undefined ? {} : { payload: payload as object }) })

async function occurrenceOn(day: string): Promise<OccurrenceDetail> {
  const w = (await get('boligsocial', `${base()}/occurrences?week=${day}`)).json() as OccurrenceWeek
  const o = w.occurrences.find((x) => x.heldOn === day)!
  return (await get('boligsocial', `${base()}/occurrences/${o.id}`)).json() as OccurrenceDetail
}

async function registerResident(name: string): Promise<{ id: string; pseudonym: string }> {
  const res = await send('boligsocial', `/api/plans/${planId}/participants`, {
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
  return res.json() as { id: string; pseudonym: string }
}

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  planId = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  for (const role of ['projektleder', 'boligsocial'] as const) cookies[role] = await login(app, await makeUser(t.ctx, role, [planId]))
})

describe('open counselling and the residents’ rights', () => {
  it('puts a linked inquiry, an appointment and a conversation in the resident’s copy, and erasure leaves them anonymous but counted', async () => {
    const resident = await registerResident('Amira Hansen')
    const o = await occurrenceOn('2025-08-25')
    const topicId = o.topics.find((x) => x.label === 'Jobsøgning')!.id
    const linked = await send('boligsocial', `${base()}/occurrences/${o.id}/inquiries`, { topicId, participantId: resident.id })
    expect(linked.statusCode, linked.body).toBe(201)
    const inquiryId = (linked.json() as { id: string }).id
    const booked = await send('boligsocial', `${base()}/appointments`, { participantId: resident.id, onDay: '2025-08-28', atTime: '10:00', topicId })
    expect(booked.statusCode, booked.body).toBe(201)
    const appointmentId = (booked.json() as { id: string }).id

    const activity = await t.db.selectFrom('activity').select(['id', 'name']).where('plan_id', '=', planId).orderBy('name').executeTakeFirstOrThrow()
    const talked = await send('boligsocial', `/api/plans/${planId}/staff-time/conversations`, {
      activityId: activity.id,
      kind: 'individual',
      participantId: resident.id,
      heldOn: '2025-08-29',
      place: 'Beboerrådgivningen',
      durationMinutes: 45,
      transportMinutes: 10,
      adminMinutes: null,
    })
    expect(talked.statusCode, talked.body).toBe(201)
    const conversationId = (talked.json() as { id: string }).id

    const copy = (await get('projektleder', `/api/plans/${planId}/participants/${resident.id}/export`)).json() as ParticipantExport
    expect(copy.counselling).toEqual([
      expect.objectContaining({ Hvad: 'Henvendelse i åben rådgivning', Dato: '2025-08-25', Sted: 'Stenbjergparken', Emne: 'Jobsøgning', Henvist: expect.any(String) }),
      expect.objectContaining({ Hvad: 'Aftale', Dato: '2025-08-28', Tidspunkt: '10:00', Emne: 'Jobsøgning', Status: 'Aftalt' }),
      expect.objectContaining({ Hvad: `Samtale (${activity.name})`, Dato: '2025-08-29', Sted: 'Beboerrådgivningen', Varighed: '45 min.' }),
    ])
    const pdf = await get('projektleder', `/api/plans/${planId}/participants/${resident.id}/export?format=pdf`)
    expect(pdf.statusCode).toBe(200)

    const figuresBefore = (await get('projektleder', `${base()}/figures?from=2025-08-01&to=2025-08-31`)).json() as { totals: { inquiries: number } }
    const erased = await send('projektleder', `/api/plans/${planId}/participants/${resident.id}/erasure`, { confirmPseudonym: resident.pseudonym })
    expect(erased.statusCode, erased.body).toBe(204)

    const inquiry = await t.db.selectFrom('counselling_inquiry').select(['participant_id', 'topic_id']).where('id', '=', inquiryId).executeTakeFirstOrThrow()
    expect(inquiry).toEqual({ participant_id: null, topic_id: topicId })
    const appointment = await t.db.selectFrom('counselling_appointment').select(['participant_id', 'contact_name', 'contact_phone', 'on_day', 'status']).where('id', '=', appointmentId).executeTakeFirstOrThrow()
    expect(appointment).toEqual({ participant_id: null, contact_name: 'Slettet', contact_phone: null, on_day: '2025-08-28', status: 'booked' })
    const conversation = await t.db.selectFrom('staff_conversation').select(['participant_id', 'kind', 'duration_minutes']).where('id', '=', conversationId).executeTakeFirstOrThrow()
    expect(conversation).toEqual({ participant_id: null, kind: 'individual', duration_minutes: 45 })
    const figuresAfter = (await get('projektleder', `${base()}/figures?from=2025-08-01&to=2025-08-31`)).json() as { totals: { inquiries: number } }
    expect(figuresAfter.totals.inquiries).toBe(figuresBefore.totals.inquiries)

    const removal = await t.db.selectFrom('participant_removal').select('removed').where('participant_id', '=', resident.id).executeTakeFirstOrThrow()
    expect(removal.removed).toMatchObject({ inquiryLinks: 1, appointments: 1, conversationLinks: 1 })
    const after = (await get('projektleder', `/api/plans/${planId}/participants/${resident.id}/export`)).json() as ParticipantExport
    expect(after.counselling).toEqual([])
  })

  it('removes an unregistered resident’s name and phone from an appointment a month after it, not before', async () => {
    const today = isoDay(new Date())
    const book = async (onDay: string, contactName: string) => {
      const res = await send('boligsocial', `${base()}/appointments`, { contactName, contactPhone: '20 30 40 50', onDay, atTime: '09:30' })
      expect(res.statusCode, res.body).toBe(201)
      return (res.json() as { id: string }).id
    }
    const old = await book(addDays(today, -31), 'Fatima')
    const recent = await book(addDays(today, -30), 'Yusuf')
    const run = await send('projektleder', `/api/plans/${planId}/privacy/retention-run`)
    expect(run.statusCode, run.body).toBe(200)
    const contact = async (id: string) => t.db.selectFrom('counselling_appointment').select(['contact_name', 'contact_phone']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(await contact(old)).toEqual({ contact_name: 'Slettet', contact_phone: null })
    expect(await contact(recent)).toEqual({ contact_name: 'Yusuf', contact_phone: '20 30 40 50' })
  })
})
