import type { AgreementContent } from '../../../shared/agreements.ts'
import { effortAreaName, formatResourceAmount } from '../../../shared/agreement-wording.ts'
import { mondayOfWeekKey, quarterOfWeek, shiftQuarter, weekKeyOf } from '../../../shared/lib/iso-week.ts'
import { addDays, periodLabel, periodOfDate } from '../../../shared/lib/period.ts'
import {
  type Conversation,
  ConversationCreate,
  type QuarterCloseCreate,
  QuarterReopen,
  type QuarterView,
  type StaffTimeOptions,
  StaffTimeSettingsUpdate,
  type TimeEntry,
  TimeEntryCreate,
} from '../../../shared/staff-time.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { currentAgreement } from '../agreements/agreements.service.ts'
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../indicators/suppression.ts'
import { refuseErased } from '../participants/erased-guard.ts'
import { requireView, scopesOf } from '../participants/resident-gate.ts'
import { DEFAULT_STAFF_TIME_SETTINGS, promisesOf, quarterSpan, type StaffTimeSettings } from './promise-arithmetic.ts'
import { quarterRowsFromWeeks } from './quarter-view.ts'
import * as repo from './staff-time.repo.ts'

// Staff time (decision 015): the conversation calendar, time sheets, closing a quarter, and the
// quarterly view of delivered against promised. Promises are read from the agreement's current
// revision; the arithmetic is in the pure rules beside this file.

type PlanGrant = Grant<'time-entries' | 'conversations' | 'staff-time-figures' | 'time-quarters' | 'staff-time-settings'>

async function agreementsOf(ctx: AppContext, grant: PlanGrant) {
  const ids = await repo.agreementIdsOfPlan(ctx.db, grant.planId!)
  return Promise.all(ids.map((id) => currentAgreement(ctx, grant, id)))
}

const activityRule = (agreements: readonly { content: AgreementContent }[], key: string) => {
  for (const a of agreements) {
    const act = a.content.activities.find((x) => x.key === key)
    if (act?.timeRecording) return act.timeRecording
  }
  return undefined
}

export async function settingsFor(ctx: AppContext, planId: string): Promise<StaffTimeSettings> {
  return (await repo.settingsOf(ctx.db, planId)) ?? DEFAULT_STAFF_TIME_SETTINGS
}

/** What the registration forms offer: the plan's agreements and their promises, and activities with their rule. */
export async function staffTimeOptions(ctx: AppContext, grant: Grant<'time-entries' | 'conversations'>): Promise<StaffTimeOptions> {
  const agreements = await agreementsOf(ctx, grant)
  const activities = await repo.activitiesOfPlan(ctx.db, grant.planId!)
  return {
    agreements: agreements.map((a) => ({
      id: a.id,
      title: a.content.title,
      promises: promisesOf(a.content).map((p) => ({ key: p.key, label: `${[p.organisation, p.unit ?? p.role].filter(Boolean).join(', ')}: ${p.quantity !== null ? formatResourceAmount({ ...p, unit: undefined, role: undefined, quantity: p.quantity, weeks: p.weeks ?? undefined }) : 'uden tal'}` })),
    })),
    activities: activities.map((act) => {
      const rule = activityRule(agreements, act.key)
      const allocations = agreements.flatMap((a) => a.content.activities.find((x) => x.key === act.key)?.allocations ?? [])
      const areas = [...new Set(allocations.map((al) => al.effortArea))]
      return {
        id: act.id,
        key: act.key,
        name: act.name,
        agreementIds: act.agreementIds,
        adminMinutesPerConversation: rule?.adminHoursPerConversation !== undefined ? Math.round(rule.adminHoursPerConversation * 60) : null,
        hoursFromConversations: rule?.hoursFromConversations ?? false,
        effortAreas: areas.map((code) => ({ code, name: effortAreaName(code) })),
      }
    }),
  }
}

export async function createConversation(ctx: AppContext, grant: Grant<'conversations', 'create'>, input: ConversationCreate): Promise<{ id: string }> {
  const data = ConversationCreate.parse(input)
  const planId = grant.planId!
  const activity = await repo.activityInPlan(ctx.db, planId, data.activityId)
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  if (data.heldOn > today(ctx)) throw new AppError('validation', 'En samtale kan ikke registreres, før den er holdt.')
  if (data.kind === 'individual' && data.participantId) {
    // Writing about a resident: only one the writer may see, with employment information in the consent.
    const { view } = await requireView(ctx, grant, data.participantId)
    if (!view.scope.categories.includes('employment')) throw new AppError('consent_required', 'Beboerens samtykke omfatter ikke samtaler om job og uddannelse med dig.')
    await refuseErased(ctx, planId, [data.participantId])
  }
  const partyId = await repo.partyOfMember(ctx.db, planId, grant.actor.id)
  return ctx.db.transaction().execute(async (trx) => {
    const [id] = await repo.insertConversations(trx, [
      {
        plan_id: planId,
        activity_id: activity.id,
        staff_id: grant.actor.id,
        party_id: partyId,
        kind: data.kind,
        participant_id: data.participantId,
        held_on: data.heldOn,
        place: data.place,
        duration_minutes: data.durationMinutes,
        transport_minutes: data.transportMinutes,
        admin_minutes: data.adminMinutes,
        created_by: grant.actor.id,
      },
    ])
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'staff-conversation',
      entityId: id!,
      planId,
      details: { activityId: activity.id, heldOn: data.heldOn, kind: data.kind, ...(data.participantId ? { participantId: data.participantId } : {}), durationMinutes: data.durationMinutes, transportMinutes: data.transportMinutes },
    })
    return { id: id! }
  })
}

/** The plan's latest conversations; a linked resident is shown only to a reader the gate lets see them. */
export async function listConversations(ctx: AppContext, grant: Grant<'conversations', 'read'>): Promise<{ conversations: Conversation[]; ids: string[]; disclosedIds: string[] }> {
  const planId = grant.planId!
  const rows = await repo.conversationsOfPlan(ctx.db, planId, 200)
  const agreements = await agreementsOf(ctx, grant)
  const scopes = await scopesOf(
    ctx,
    grant,
    rows.flatMap((r) => (r.participant_id ? [r.participant_id] : [])),
  )
  const ids = new Set<string>()
  const disclosed = new Set<string>()
  const conversations = rows.map((r): Conversation => {
    let participant: Conversation['participant'] = null
    let residentHidden = false
    if (r.participant_id) {
      const s = scopes.get(r.participant_id)
      if (!s || s.scope.kind === 'none' || !s.scope.categories.includes('employment')) residentHidden = true
      else {
        participant = { id: r.participant_id, pseudonym: s.pseudonym, name: s.name }
        ids.add(r.participant_id)
        if (s.scope.kind === 'consent') disclosed.add(r.participant_id)
      }
    }
    const rule = activityRule(agreements, r.activity_key)
    const ruleMinutes = Math.round((rule?.adminHoursPerConversation ?? 0) * 60)
    return {
      id: r.id,
      activityId: r.activity_id,
      activityName: r.activity_name,
      staffName: r.staff_name,
      kind: r.kind as Conversation['kind'],
      participant,
      residentHidden,
      heldOn: r.held_on,
      place: r.place,
      durationMinutes: r.duration_minutes,
      transportMinutes: r.transport_minutes,
      adminMinutes: r.admin_minutes ?? ruleMinutes,
      adminByRule: r.admin_minutes === null,
    }
  })
  return { conversations, ids: [...ids], disclosedIds: [...disclosed] }
}

/** Registers (or replaces) a person's hours for an activity or promise in an ISO week. */
export async function registerHours(ctx: AppContext, grant: Grant<'time-entries', 'create'>, input: TimeEntryCreate): Promise<{ id: string; replaced: boolean }> {
  const data = TimeEntryCreate.parse(input)
  const planId = grant.planId!
  const agreement = await currentAgreement(ctx, grant, data.agreementId)
  let activityKey: string | null = null
  if (data.activityId) {
    const activity = await repo.activityInPlan(ctx.db, planId, data.activityId)
    if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
    activityKey = activity.key
  }
  const promises = promisesOf(agreement.content)
  if (data.resourceKey !== null && !promises.some((p) => p.key === data.resourceKey)) throw new AppError('validation', 'Ressourcen findes ikke i delaftalen.')
  if (data.effortArea !== null) {
    const act = agreement.content.activities.find((a) => a.key === activityKey)
    if (!act?.allocations.some((al) => al.effortArea === data.effortArea)) throw new AppError('validation', 'Aktiviteten er ikke fordelt på det indsatsområde.')
  }
  const weekStart = mondayOfWeekKey(data.week)!
  if (weekStart > today(ctx)) throw new AppError('validation', 'Timer kan ikke registreres for en uge, der ikke er begyndt.')
  // Her own closed quarter is locked for her until the project leader reopens it (decision 035).
  const quarter = quarterOfWeek(weekStart)
  if (await repo.lockedBy(ctx.db, agreement.id, quarter, grant.actor.id)) throw new AppError('conflict', `Du har opgjort ${periodLabel(quarter)}, så dine timer i kvartalet er låst. Projektlederen kan åbne kvartalet igen.`)
  const partyId = await repo.partyOfMember(ctx.db, planId, grant.actor.id)
  return ctx.db.transaction().execute(async (trx) => {
    const result = await repo.upsertTimeEntry(trx, {
      plan_id: planId,
      agreement_id: agreement.id,
      activity_id: data.activityId,
      resource_key: data.resourceKey,
      effort_area: data.effortArea,
      staff_id: grant.actor.id,
      party_id: partyId,
      week_start: weekStart,
      hours: String(data.hours),
      note: data.note,
      created_by: grant.actor.id,
    })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: result.replaced ? 'update' : 'create',
      entity: 'time-entry',
      entityId: result.id,
      planId,
      details: { agreementId: agreement.id, activityId: data.activityId, resourceKey: data.resourceKey, effortArea: data.effortArea, week: data.week, hours: data.hours },
    })
    return result
  })
}

/** The reader's own latest hours. */
export async function myTimeEntries(ctx: AppContext, grant: Grant<'time-entries', 'read'>): Promise<TimeEntry[]> {
  const rows = await repo.timeEntriesOf(ctx.db, grant.planId!, grant.actor.id, 100)
  return rows.map((r) => ({
    id: r.id,
    agreementId: r.agreement_id,
    activityName: r.activity_name,
    resourceKey: r.resource_key,
    effortArea: r.effort_area,
    staffName: r.staff_name,
    week: weekKeyOf(r.week_start),
    weekStart: r.week_start,
    hours: Number(r.hours),
    note: r.note,
  }))
}

/** The last quarter that has ended by today, within the agreement's period. */
function defaultQuarter(asOf: string, validFrom: string, validTo: string): string {
  let q = shiftQuarter(periodOfDate(asOf, 'quarter')!, -1)
  const last = periodOfDate(validTo, 'quarter')!
  const first = periodOfDate(validFrom, 'quarter')!
  if (q > last) q = last
  if (q < first) q = first
  return q
}

export async function quarterView(ctx: AppContext, grant: Grant<'staff-time-figures', 'read'>, agreementId: string, quarter?: string): Promise<QuarterView> {
  return buildQuarter(ctx, grant, agreementId, quarter, hidesSmallNumbers(grant))
}

/**
 * The quarter for the board's status report (reports.service.ts): the same rows, with the count of
 * conversations hidden when small, as for a reader outside the team.
 */
export async function quarterForReport(ctx: AppContext, grant: Grant<'indicator-values', 'read'>, agreementId: string, quarter: string): Promise<QuarterView> {
  return buildQuarter(ctx, grant, agreementId, quarter, true)
}

/** The quarter on the follow-up dashboard: the rows as on the quarter page, a small count of conversations hidden from readers outside the team. */
export async function quarterForFollowUp(ctx: AppContext, grant: Grant<'indicator-values', 'read'>, agreementId: string, quarter?: string): Promise<QuarterView> {
  return buildQuarter(ctx, grant, agreementId, quarter, hidesSmallNumbers(grant))
}

async function buildQuarter(ctx: AppContext, grant: PlanGrant | Grant<'indicator-values', 'read'>, agreementId: string, quarter: string | undefined, hideSmall: boolean): Promise<QuarterView> {
  const planId = grant.planId!
  const agreement = await currentAgreement(ctx, grant, agreementId)
  const asOf = today(ctx)
  const q = quarter ?? defaultQuarter(asOf, agreement.content.validFrom, agreement.content.validTo)
  const span = quarterSpan(q)
  const first = span.weeks[0]!
  const last = span.weeks.at(-1)!
  const [settings, parties, sheets, conversations, closes, reopens] = await Promise.all([
    settingsFor(ctx, planId),
    repo.partiesOfPlan(ctx.db, planId),
    repo.sheetsInSpan(ctx.db, agreement.id, first, last),
    repo.conversationWeeksInSpan(ctx.db, planId, agreement.content.activities.map((a) => a.key), first, addDays(last, 6)),
    repo.latestCloses(ctx.db, agreement.id, q),
    repo.latestReopens(ctx.db, agreement.id, q),
  ])
  const closed = new Map<string, { totalHours: number; by: string; at: string; locked: boolean }>()
  for (const c of closes) {
    if (closed.has(c.resource_key)) continue
    const reopened = reopens.find((r) => r.resource_key === c.resource_key)
    closed.set(c.resource_key, { totalHours: Number(c.total_hours), by: c.closed_by, at: new Date(c.closed_at).toISOString(), locked: !reopened || new Date(reopened.reopened_at) < new Date(c.closed_at) })
  }
  const result = quarterRowsFromWeeks({
    content: agreement.content,
    parties,
    settings,
    span,
    sheets: sheets.map((s) => ({ staffId: s.staff_id, partyId: s.party_id, activityKey: s.activity_key, resourceKey: s.resource_key, effortArea: s.effort_area, weekStart: s.week_start, hours: Number(s.hours) })),
    conversationWeeks: conversations.map((c) => ({
      staffId: c.staff_id,
      partyId: c.party_id,
      activityKey: c.activity_key,
      weekStart: c.week_start,
      conversations: c.conversations,
      minutes: c.minutes,
      byRule: c.by_rule,
    })),
    closes: closed,
    asOf,
  })
  const firstQuarter = periodOfDate(agreement.content.validFrom, 'quarter')!
  const lastQuarter = periodOfDate(agreement.content.validTo, 'quarter')!
  const count = result.conversationCount
  return {
    agreementId: agreement.id,
    agreementTitle: agreement.content.title,
    quarter: q,
    quarterLabel: periodLabel(q),
    firstWeek: weekKeyOf(first),
    lastWeek: weekKeyOf(last),
    weeks: span.weeks.length,
    holidays: span.holidays,
    previousQuarter: q > firstQuarter ? shiftQuarter(q, -1) : null,
    nextQuarter: q < lastQuarter ? shiftQuarter(q, 1) : null,
    settings,
    promises: result.rows,
    // A handful of conversations may point at residents: hidden from readers outside the team.
    conversations: hideSmall && count > 0 && count < DEFAULT_SUPPRESSION_THRESHOLD ? null : count,
    conversationHours: result.conversationHours,
    hoursTotal: result.hoursTotal,
  }
}

/** The responsible employee closes a quarter's total for a promise whose activity asks for it. */
export async function closeQuarter(ctx: AppContext, grant: Grant<'time-quarters', 'create'>, agreementId: string, input: QuarterCloseCreate): Promise<{ id: string; totalHours: number }> {
  const planId = grant.planId!
  const agreement = await currentAgreement(ctx, grant, agreementId)
  const span = quarterSpan(input.quarter)
  if (addDays(span.weeks.at(-1)!, 6) >= today(ctx)) throw new AppError('validation', 'Kvartalet kan først opgøres, når det er slut.')
  const closes = agreement.content.activities.some((a) => a.timeRecording?.quarterlyClose && a.timeRecording.resourceKey === input.resourceKey)
  if (!closes) throw new AppError('validation', 'Delaftalen beder ikke om en kvartalsopgørelse af den ressource.')
  const view = await buildQuarter(ctx, grant, agreementId, input.quarter, false)
  const row = view.promises.find((p) => p.key === input.resourceKey)!
  if (row.closed?.locked) throw new AppError('conflict', 'Kvartalet er allerede opgjort og låst. Projektlederen kan åbne det igen, hvis timerne skal rettes.')
  const total = Math.round(row.deliveredHours * 100) / 100
  const id = await ctx.db.transaction().execute(async (trx) => {
    const closeId = await repo.insertClose(trx, { plan_id: planId, agreement_id: agreement.id, resource_key: input.resourceKey, quarter: input.quarter, total_hours: String(total), note: input.note, closed_by: grant.actor.id })
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'time-quarter-close', entityId: closeId, planId, details: { agreementId: agreement.id, resourceKey: input.resourceKey, quarter: input.quarter, totalHours: total } })
    return closeId
  })
  return { id, totalHours: total }
}

export async function updateSettings(ctx: AppContext, grant: Grant<'staff-time-settings', 'update'>, input: StaffTimeSettingsUpdate): Promise<StaffTimeSettings> {
  const data = StaffTimeSettingsUpdate.parse(input)
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertSettings(trx, grant.planId!, data, grant.actor.id)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'staff-time-settings', entityId: grant.planId!, planId: grant.planId!, details: { ...data } })
  })
  return data
}

/** The project leader reopens a closed quarter with a reason, so its hours can be corrected and closed again (decision 035). */
export async function reopenQuarter(ctx: AppContext, grant: Grant<'time-quarters', 'update'>, agreementId: string, input: QuarterReopen): Promise<void> {
  const data = QuarterReopen.parse(input)
  const planId = grant.planId!
  const agreement = await currentAgreement(ctx, grant, agreementId)
  const view = await buildQuarter(ctx, grant, agreement.id, data.quarter, false)
  const row = view.promises.find((p) => p.key === data.resourceKey)
  if (!row?.closed?.locked) throw new AppError('conflict', 'Kvartalet er ikke opgjort og låst for den ressource.')
  await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertReopen(trx, { plan_id: planId, agreement_id: agreement.id, resource_key: data.resourceKey, quarter: data.quarter, reason: data.reason, reopened_by: grant.actor.id })
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'time-quarter-close', entityId: id, planId, details: { agreementId: agreement.id, resourceKey: data.resourceKey, quarter: data.quarter, reopened: true, reason: data.reason } })
  })
}
