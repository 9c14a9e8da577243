import type { AgreementContent } from '../../../shared/agreements.ts'
import {
  type Appointment,
  AppointmentCreate,
  type AppointmentStatus,
  type Inquiry,
  InquiryCreate,
  type OccurrenceDetail,
  type OccurrenceSummary,
  type OccurrenceWeek,
  type Referral,
  type Topic,
} from '../../../shared/counselling.ts'
import { formatDay } from '../../../shared/lib/format.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { refuseErased, refuseErasedResident } from '../participants/erased-guard.ts'
import { requireView, type ResidentGrant, scopesOf } from '../participants/resident-gate.ts'
import { staffingVerdict } from './counselling-figures.ts'
import { addDays } from '../../../shared/lib/danish-holidays.ts'
import { generateOccurrences, mondayOf } from './occurrence-generation.ts'
import * as repo from './counselling.repo.ts'

// Open counselling at the drop-in desk (decision 014): a week's occurrences, materialised from the
// agreements' weekly schedules when the week is opened; checking in and out; one-tap inquiries with
// an optional referral and an undo; appointments beyond the open hours. A linked resident leaves
// only through the resident gate: a reader it does not let see them gets the inquiry without them.

/** The topics a plan starts with; the project leader adds and retires topics from there. */
export const DEFAULT_TOPICS = ['Jobsøgning', 'Uddannelse', 'Myndigheder og breve', 'Økonomi', 'Bolig', 'Sundhed', 'Fritid', 'Førtidspension', 'Andet'] as const

type ScheduledActivity = Pick<AgreementContent['activities'][number], 'key' | 'schedules'>

/**
 * The stretches of days each agreement revision's schedules hold for: from the day the revision
 * takes effect (or the agreement's first day) to the day before the next revision takes effect (or
 * the agreement's last day).
 */
async function scheduleWindows(ctx: AppContext, planId: string) {
  const revisions = await repo.agreementRevisionsOfPlan(ctx.db, planId)
  const windows: { from: string; to: string; activities: ScheduledActivity[] }[] = []
  revisions.forEach((r, i) => {
    const content = r.content as Pick<AgreementContent, 'validFrom' | 'validTo' | 'activities'>
    const next = revisions[i + 1]
    const nextStarts = next && next.agreement_id === r.agreement_id ? next.effective_from : null
    const from = r.effective_from > content.validFrom ? r.effective_from : content.validFrom
    const to = nextStarts !== null && addDays(nextStarts, -1) < content.validTo ? addDays(nextStarts, -1) : content.validTo
    const activities = (content.activities ?? []).filter((a) => (a.schedules ?? []).length > 0)
    if (activities.length > 0 && from <= to) windows.push({ from, to, activities })
  })
  return windows
}

/** The occurrences the plan's agreements promise in a range of days, as rows to store. */
export async function promisedOccurrences(ctx: AppContext, planId: string, range: { from: string; to: string }) {
  const windows = await scheduleWindows(ctx, planId)
  const activityIds = new Map((await repo.activitiesOfPlan(ctx.db, planId)).map((a) => [a.key, a.id]))
  const rows = windows.flatMap((w) =>
    w.activities.flatMap((a) => {
      const activityId = activityIds.get(a.key)
      if (!activityId) return []
      return generateOccurrences(a.schedules, range, w).map((o) => ({
        plan_id: planId,
        activity_id: activityId,
        schedule_key: o.scheduleKey,
        site: o.site,
        venue: o.venue,
        held_on: o.heldOn,
        starts_at: o.startsAt,
        ends_at: o.endsAt,
        staffing_min: o.staffingMin,
        staffing_max: o.staffingMax,
        holiday: o.holiday,
      }))
    }),
  )
  return { rows, windows: windows.map(({ from, to }) => ({ from, to })) }
}

/** Materialises the occurrences of a range of days; adding nothing that is there already. */
export async function generateForRange(ctx: AppContext, grant: Grant, range: { from: string; to: string }): Promise<{ added: number; windows: { from: string; to: string }[] }> {
  const planId = grant.planId!
  const { rows, windows } = await promisedOccurrences(ctx, planId, range)
  const added = await ctx.db.transaction().execute(async (trx) => {
    const n = await repo.insertOccurrences(trx, rows)
    if (n > 0) {
      await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'counselling-occurrence', entityId: planId, planId, details: { from: range.from, to: range.to, added: n } })
    }
    return n
  })
  return { added, windows }
}

const summary = (o: repo.OccurrenceRow): OccurrenceSummary => ({
  id: o.id,
  activityName: o.activity_name,
  site: o.site,
  venue: o.venue,
  heldOn: o.held_on,
  startsAt: o.starts_at,
  endsAt: o.ends_at,
  staffingMin: o.staffing_min,
  staffingMax: o.staffing_max,
  holiday: o.holiday,
  cancelledReason: o.cancelled_reason,
  staff: o.staff,
  inquiries: o.inquiries,
})

/** The week a day is in (Monday to Sunday), its occurrences materialised first. */
export async function openWeek(ctx: AppContext, grant: Grant<'counselling-occurrences', 'read'>, day: string | undefined): Promise<OccurrenceWeek> {
  const from = mondayOf(day ?? today(ctx))
  const to = addDays(from, 6)
  const { windows } = await generateForRange(ctx, grant, { from, to })
  const occurrences = (await repo.occurrencesInRange(ctx.db, grant.planId!, from, to)).map(summary)
  let note: string | null = null
  if (occurrences.length === 0) {
    if (windows.length === 0) note = 'Ingen aktivitet i helhedsplanens delaftaler har faste åbningstider.'
    else {
      const first = windows.map((w) => w.from).sort()[0]!
      const last = windows.map((w) => w.to).sort().at(-1)!
      if (to < first) note = `Delaftalerne lover åben rådgivning fra ${formatDay(first)}.`
      else if (from > last) note = `Delaftalerne lover åben rådgivning til og med ${formatDay(last)}. Der er ingen åbningstider efter den dag.`
    }
  }
  return { from, to, occurrences, note }
}

async function occurrenceOrThrow(ctx: AppContext, planId: string, occurrenceId: string) {
  const o = await repo.occurrenceOfPlan(ctx.db, planId, occurrenceId)
  if (!o) throw new AppError('not_found', 'Åbningstiden findes ikke i denne helhedsplan.')
  return o
}

/** Why staff cannot register at the occurrence (check in, log an inquiry), or null when they can. */
function closedReason(o: repo.OccurrenceRow, asOf: string): string | null {
  if (o.holiday) return `Åbningstiden holdes ikke: ${formatDay(o.held_on)} er ${o.holiday.toLowerCase()}.`
  if (o.cancelled_reason) return 'Åbningstiden er aflyst.'
  if (o.held_on > asOf) return 'Åbningstiden er ikke begyndt endnu.'
  return null
}

function requireOpen(o: repo.OccurrenceRow, asOf: string): void {
  const reason = closedReason(o, asOf)
  if (reason) throw new AppError('conflict', reason)
}

const partyName = (p: { party_name: string | null; party_unit: string | null }) => (p.party_name === null ? null : p.party_unit ? `${p.party_name}, ${p.party_unit}` : p.party_name)

async function ensureTopicsOf(ctx: AppContext, grant: Grant): Promise<void> {
  const planId = grant.planId!
  await ctx.db.transaction().execute(async (trx) => {
    const added = await repo.ensureTopics(trx, planId, DEFAULT_TOPICS)
    if (added > 0) await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'inquiry-topic', entityId: null, planId, details: { defaults: added } })
  })
}

async function topicList(ctx: AppContext, grant: Grant): Promise<Topic[]> {
  await ensureTopicsOf(ctx, grant)
  return (await repo.topicsOfPlan(ctx.db, grant.planId!)).map((t) => ({ id: t.id, label: t.label, retired: t.retired_at !== null }))
}

/** Which linked residents the reader may see: the gate's scope, anything but none. */
async function visibleResidents(ctx: AppContext, grant: ResidentGrant, participantIds: readonly (string | null)[]) {
  const ids = participantIds.filter((id): id is string => id !== null)
  const scopes = await scopesOf(ctx, grant, ids)
  const shown = new Set<string>()
  const disclosed = new Set<string>()
  const resident = (id: string | null) => {
    if (id === null) return null
    const s = scopes.get(id)
    if (!s || s.scope.kind === 'none') return null
    shown.add(id)
    if (s.scope.kind === 'consent') disclosed.add(id)
    return { id, pseudonym: s.pseudonym, name: s.name }
  }
  return { resident, shown, disclosed }
}

function appointmentDto(a: Awaited<ReturnType<typeof repo.appointmentsOf>>[number], resident: Appointment['resident']): Appointment {
  return {
    id: a.id,
    onDay: a.on_day,
    atTime: a.at_time,
    party: partyName(a),
    topic: a.topic,
    status: a.status as AppointmentStatus,
    resident,
    residentHidden: a.participant_id !== null && resident === null,
    contactName: a.contact_name,
    contactPhone: a.contact_phone,
    site: a.site,
  }
}

export async function occurrenceDetail(
  ctx: AppContext,
  grant: Grant<'counselling-occurrences', 'read'>,
  occurrenceId: string,
): Promise<{ detail: OccurrenceDetail; ids: string[]; disclosedIds: string[] }> {
  const planId = grant.planId!
  const o = await occurrenceOrThrow(ctx, planId, occurrenceId)
  const [roster, inquiries, topics, parties, myPartyId, appointments] = await Promise.all([
    repo.rosterOf(ctx.db, occurrenceId),
    repo.inquiriesOfOccurrence(ctx.db, occurrenceId),
    topicList(ctx, grant),
    repo.partiesOfPlan(ctx.db, planId),
    repo.partyOfMember(ctx.db, planId, grant.actor.id),
    repo.appointmentsOf(ctx.db, planId, { occurrenceId }),
  ])
  const bookedHere = appointments
  const { resident, shown, disclosed } = await visibleResidents(ctx, grant, [...inquiries.map((i) => i.participant_id), ...bookedHere.map((a) => a.participant_id)])
  const present = new Set(roster.map((r) => r.user_id)).size
  const verdict = staffingVerdict(present, o.staffing_min, o.staffing_max)
  const mine = roster.find((r) => r.user_id === grant.actor.id)
  const inquiryList: Inquiry[] = inquiries.map((i) => ({
    id: i.id,
    topic: i.topic,
    party: partyName(i),
    referral: i.referral as Referral,
    resident: resident(i.participant_id),
    createdAt: i.created_at.toISOString(),
    mine: i.created_by === grant.actor.id,
  }))
  const detail: OccurrenceDetail = {
    ...summary(o),
    roster: roster.map((r) => ({ userId: r.user_id, name: r.name, party: partyName(r), checkedInAt: r.checked_in_at.toISOString(), checkedOutAt: r.checked_out_at?.toISOString() ?? null })),
    staffing: verdict.staffing,
    staffingText: verdict.text,
    checkedIn: mine !== undefined,
    checkedOut: mine?.checked_out_at != null,
    inquiryList,
    topics: topics.filter((t) => !t.retired),
    parties: parties.map((p) => ({ id: p.id, name: p.unit ? `${p.name}, ${p.unit}` : p.name })),
    myPartyId,
    open: closedReason(o, today(ctx)) === null,
    appointments: bookedHere.map((a) => appointmentDto(a, resident(a.participant_id))),
  }
  return { detail, ids: [...shown], disclosedIds: [...disclosed] }
}

export async function cancelOccurrence(ctx: AppContext, grant: Grant<'counselling-occurrences', 'update'>, occurrenceId: string, reason: string): Promise<void> {
  const planId = grant.planId!
  const o = await occurrenceOrThrow(ctx, planId, occurrenceId)
  if (o.holiday) throw new AppError('conflict', `Åbningstiden holdes ikke i forvejen: dagen er ${o.holiday.toLowerCase()}.`)
  if (o.cancelled_reason) throw new AppError('conflict', 'Åbningstiden er allerede aflyst.')
  await ctx.db.transaction().execute(async (trx) => {
    await repo.cancelOccurrence(trx, occurrenceId, reason, grant.actor.id)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'counselling-occurrence', entityId: occurrenceId, planId, details: { cancelled: true, reason } })
  })
}

/** Checks the reader in to (or out of) an occurrence, for the party their membership names. */
export async function checkInOut(ctx: AppContext, grant: Grant<'counselling-occurrences', 'update'>, occurrenceId: string, action: 'in' | 'out'): Promise<void> {
  const planId = grant.planId!
  const o = await occurrenceOrThrow(ctx, planId, occurrenceId)
  requireOpen(o, today(ctx))
  const partyId = await repo.partyOfMember(ctx.db, planId, grant.actor.id)
  await ctx.db.transaction().execute(async (trx) => {
    const changed = action === 'in' ? await repo.checkIn(trx, occurrenceId, grant.actor.id, partyId) : await repo.checkOut(trx, occurrenceId, grant.actor.id)
    if (!changed) throw new AppError('conflict', action === 'in' ? 'Du er allerede tjekket ind.' : 'Du er ikke tjekket ind, eller du er allerede tjekket ud.')
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: action === 'in' ? 'create' : 'update', entity: 'counselling-checkin', entityId: occurrenceId, planId, details: { action, partyId } })
  })
}

async function partyOfPlan(ctx: AppContext, planId: string, partyId: string): Promise<void> {
  const parties = await repo.partiesOfPlan(ctx.db, planId)
  if (!parties.some((p) => p.id === partyId)) throw new AppError('validation', 'Parten findes ikke i denne helhedsplan.')
}

/** A resident to link: only one the gate lets the writer see, and never an anonymised one. */
async function linkableResident(ctx: AppContext, grant: ResidentGrant, participantId: string | null): Promise<void> {
  if (participantId === null) return
  const { head } = await requireView(ctx, grant, participantId)
  refuseErasedResident(head)
}

export async function logInquiry(ctx: AppContext, grant: Grant<'inquiries', 'create'>, occurrenceId: string, input: InquiryCreate): Promise<{ id: string }> {
  const data = InquiryCreate.parse(input)
  const planId = grant.planId!
  const o = await occurrenceOrThrow(ctx, planId, occurrenceId)
  requireOpen(o, today(ctx))
  const topic = await repo.topicOfPlan(ctx.db, planId, data.topicId)
  if (!topic) throw new AppError('validation', 'Emnet findes ikke i denne helhedsplan.')
  if (topic.retired_at) throw new AppError('validation', `Emnet "${topic.label}" bruges ikke længere.`)
  const partyId = data.partyId ?? (await repo.partyOfMember(ctx.db, planId, grant.actor.id))
  if (data.partyId) await partyOfPlan(ctx, planId, data.partyId)
  await linkableResident(ctx, grant, data.participantId)
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertInquiry(trx, {
      plan_id: planId,
      occurrence_id: occurrenceId,
      topic_id: topic.id,
      party_id: partyId,
      referral: data.referral,
      participant_id: data.participantId,
      created_by: grant.actor.id,
    })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'inquiry',
      entityId: row.id,
      planId,
      details: { occurrenceId, topic: topic.label, referral: data.referral, ...(data.participantId ? { participantId: data.participantId } : {}) },
    })
    return row
  })
}

/** Sets the referral of an inquiry (the optional second tap). */
export async function referInquiry(ctx: AppContext, grant: Grant<'inquiries', 'update'>, inquiryId: string, referral: Referral): Promise<void> {
  const planId = grant.planId!
  const inquiry = await repo.inquiryOfPlan(ctx.db, planId, inquiryId)
  if (!inquiry) throw new AppError('not_found', 'Henvendelsen findes ikke i denne helhedsplan.')
  if (inquiry.participant_id) await refuseErased(ctx, planId, [inquiry.participant_id])
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateReferral(trx, inquiryId, referral)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'inquiry', entityId: inquiryId, planId, details: { referral, was: inquiry.referral, ...(inquiry.participant_id ? { participantId: inquiry.participant_id } : {}) } })
  })
}

/** Takes back the reader's own latest inquiry at the occurrence (a tap on the wrong topic). */
export async function undoLastInquiry(ctx: AppContext, grant: Grant<'inquiries', 'delete'>, occurrenceId: string): Promise<{ id: string }> {
  const planId = grant.planId!
  await occurrenceOrThrow(ctx, planId, occurrenceId)
  const last = await repo.lastInquiryBy(ctx.db, occurrenceId, grant.actor.id)
  if (!last) throw new AppError('not_found', 'Du har ingen henvendelse at fortryde her.')
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteInquiry(trx, last.id)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'delete', entity: 'inquiry', entityId: last.id, planId, details: { occurrenceId, undo: true, ...(last.participant_id ? { participantId: last.participant_id } : {}) } })
  })
  return { id: last.id }
}

export async function listTopics(ctx: AppContext, grant: Grant<'inquiry-topics', 'read'>): Promise<Topic[]> {
  return topicList(ctx, grant)
}

export async function addTopic(ctx: AppContext, grant: Grant<'inquiry-topics', 'create'>, label: string): Promise<{ id: string }> {
  const planId = grant.planId!
  await ensureTopicsOf(ctx, grant)
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertTopic(trx, planId, label, grant.actor.id)
    if (!row) throw new AppError('conflict', `Emnet "${label}" findes allerede.`)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'inquiry-topic', entityId: row.id, planId, details: { label } })
    return row
  })
}

/** Retires a topic (it leaves the buttons; inquiries already logged keep it) or brings it back. */
export async function retireTopic(ctx: AppContext, grant: Grant<'inquiry-topics', 'update'>, topicId: string, retired: boolean): Promise<void> {
  const planId = grant.planId!
  const topic = await repo.topicOfPlan(ctx.db, planId, topicId)
  if (!topic) throw new AppError('not_found', 'Emnet findes ikke i denne helhedsplan.')
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setTopicRetired(trx, topicId, retired)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'inquiry-topic', entityId: topicId, planId, details: { retired } })
  })
}

export async function bookAppointment(ctx: AppContext, grant: Grant<'appointments', 'create'>, input: AppointmentCreate): Promise<{ id: string }> {
  const data = AppointmentCreate.parse(input)
  const planId = grant.planId!
  if (data.occurrenceId) await occurrenceOrThrow(ctx, planId, data.occurrenceId)
  if (data.partyId) await partyOfPlan(ctx, planId, data.partyId)
  if (data.topicId && !(await repo.topicOfPlan(ctx.db, planId, data.topicId))) throw new AppError('validation', 'Emnet findes ikke i denne helhedsplan.')
  await linkableResident(ctx, grant, data.participantId)
  const partyId = data.partyId ?? (await repo.partyOfMember(ctx.db, planId, grant.actor.id))
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertAppointment(trx, {
      plan_id: planId,
      occurrence_id: data.occurrenceId,
      // A registered resident is named by the link; their contact details live on their record.
      participant_id: data.participantId,
      contact_name: data.participantId ? null : data.contactName,
      contact_phone: data.participantId ? null : data.contactPhone,
      on_day: data.onDay,
      at_time: data.atTime,
      party_id: partyId,
      topic_id: data.topicId,
      created_by: grant.actor.id,
    })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'appointment',
      entityId: row.id,
      planId,
      details: { onDay: data.onDay, atTime: data.atTime, ...(data.participantId ? { participantId: data.participantId } : {}), ...(data.occurrenceId ? { occurrenceId: data.occurrenceId } : {}) },
    })
    return row
  })
}

export async function listAppointments(ctx: AppContext, grant: Grant<'appointments', 'read'>, from: string | undefined): Promise<{ appointments: Appointment[]; ids: string[]; disclosedIds: string[] }> {
  const rows = await repo.appointmentsOf(ctx.db, grant.planId!, { from: from ?? today(ctx) })
  const { resident, shown, disclosed } = await visibleResidents(ctx, grant, rows.map((a) => a.participant_id))
  return { appointments: rows.map((a) => appointmentDto(a, resident(a.participant_id))), ids: [...shown], disclosedIds: [...disclosed] }
}

export async function setAppointmentStatus(ctx: AppContext, grant: Grant<'appointments', 'update'>, appointmentId: string, status: AppointmentStatus): Promise<void> {
  const planId = grant.planId!
  const a = await repo.appointmentOfPlan(ctx.db, planId, appointmentId)
  if (!a) throw new AppError('not_found', 'Tiden findes ikke i denne helhedsplan.')
  if (a.participant_id) await refuseErased(ctx, planId, [a.participant_id])
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setAppointmentStatus(trx, appointmentId, status)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'appointment', entityId: appointmentId, planId, details: { status, was: a.status, ...(a.participant_id ? { participantId: a.participant_id } : {}) } })
  })
}
