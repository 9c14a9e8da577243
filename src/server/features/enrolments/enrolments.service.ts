import type { AgreementContent } from '../../../shared/agreements.ts'
import {
  type Activity,
  type ActivitySettings,
  type Enrolment,
  EnrolmentCreate,
  enrolmentStatusOf,
  EnrolmentUpdate,
  type ExitReason,
  FREE_TEXT_DEFAULT_CATEGORY,
  type FollowupCreate,
  FollowupCorrection,
  EnrolmentReopening,
  type Roster,
} from '../../../shared/enrolments.ts'
import type { ConsentCategory } from '../../../shared/consents.ts'
import { addDays, comparePeriods, parsePeriod, periodLabel } from '../../../shared/lib/period.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { suppressCount } from '../indicators/suppression.ts'
import { type ParticipantView, sees } from '../participants/participant-access.ts'
import { refuseErased, refuseErasedResident } from '../participants/erased-guard.ts'
import { requireView, scopesOf } from '../participants/resident-gate.ts'
import * as repo from './enrolments.repo.ts'

// Enrolments (forløb) in activities: referral, waiting list, start, follow-ups, exit. The fact that
// a resident is in a course is 'employment' information: the other party sees enrolments only
// under a consent naming that category (participant-access.ts, asked through resident-gate.ts).

type Db = AppContext['db']

async function activityOfPlan(db: Db, planId: string, activityId: string) {
  const row = await repo.activityOfPlan(db, planId, activityId)
  if (!row) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  return row
}

/** Selection criteria of the activity, from the latest revision of every agreement that links it. */
async function selectionCriteria(db: Db, activityId: string, key: string): Promise<string[]> {
  const criteria: string[] = []
  for (const stored of await repo.linkedAgreementContents(db, activityId)) {
    const content = stored as AgreementContent
    for (const c of content.activities.find((a) => a.key === key)?.selectionCriteria ?? []) if (!criteria.includes(c)) criteria.push(c)
  }
  return criteria
}

export async function listActivities(ctx: AppContext, grant: Grant<'activities', 'read'>): Promise<Activity[]> {
  return activitiesOfPlan(ctx, grant.planId!, hidesSmallNumbers(grant))
}

async function activitiesOfPlan(ctx: AppContext, planId: string, suppress: boolean): Promise<Activity[]> {
  const rows = await repo.activitiesOfPlan(ctx.db, planId)
  const result: Activity[] = []
  for (const r of rows) {
    // Board members see occupancy as a number only when it is not small. A hidden count reads 0 and
    // is flagged, so the page can say "hidden": a bare 0 would tell the board the course is empty.
    const active = suppress ? suppressCount(r.active, ctx.config.SUPPRESSION_THRESHOLD).value : r.active
    const waiting = suppress ? suppressCount(r.waiting, ctx.config.SUPPRESSION_THRESHOLD).value : r.waiting
    result.push({
      id: r.id,
      key: r.key,
      name: r.name,
      capacity: r.capacity,
      defaultWeeks: r.default_weeks,
      selectionCriteria: await selectionCriteria(ctx.db, r.id, r.key),
      active: active ?? 0,
      waiting: waiting ?? 0,
      activeHidden: active === null,
      waitingHidden: waiting === null,
    })
  }
  return result
}

export async function updateActivity(ctx: AppContext, grant: Grant<'activities', 'update'>, activityId: string, input: ActivitySettings): Promise<void> {
  const activity = await activityOfPlan(ctx.db, grant.planId!, activityId)
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateActivity(trx, activityId, input)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'activities', entityId: activityId, planId: grant.planId, details: { before: { capacity: activity.capacity, defaultWeeks: activity.default_weeks }, after: input } })
  })
}

export async function roster(ctx: AppContext, grant: Grant<'enrolments', 'read'>, activityId: string): Promise<Roster & { ids: string[]; disclosedIds: string[] }> {
  // Staff only: this page names people, so its counts are never the board's suppressed ones.
  const activity = (await activitiesOfPlan(ctx, grant.planId!, false)).find((a) => a.id === activityId)
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  const rows = await repo.openEnrolmentsOfActivity(ctx.db, activityId)
  const scopes = await scopesOf(ctx, grant, rows.map((r) => r.participant_id))
  const result: Roster & { ids: string[]; disclosedIds: string[] } = { activity, active: [], waiting: [], hiddenActive: 0, hiddenWaiting: 0, ids: [], disclosedIds: [] }
  for (const r of rows) {
    const s = scopes.get(r.participant_id)
    const visible = s && s.scope.kind !== 'none' && s.scope.categories.includes('employment')
    const waiting = r.start_on === null
    if (!visible) {
      if (waiting) result.hiddenWaiting++
      else result.hiddenActive++
      continue
    }
    result.ids.push(r.participant_id)
    if (s.scope.kind === 'consent') result.disclosedIds.push(r.participant_id)
    if (r.start_on === null) result.waiting.push({ enrolmentId: r.id, participantId: r.participant_id, pseudonym: s.pseudonym, name: s.name, referredOn: r.referred_on })
    else result.active.push({ enrolmentId: r.id, participantId: r.participant_id, pseudonym: s.pseudonym, name: s.name, startOn: r.start_on, plannedEndOn: r.planned_end_on, anonymised: r.anonymised })
  }
  return result
}

function plannedEnd(startOn: string | null, weeks: number | null): string | null {
  return startOn && weeks ? addDays(startOn, weeks * 7 - 1) : null
}

/** What the user can do instead of overbooking: wait with the start, or leave the course ended. */
const CAPACITY_CHOICE = {
  start: 'Sæt beboeren på venteliste, eller bekræft, at aktiviteten må overbookes.',
  reopening: 'Lad forløbet være afsluttet, eller bekræft, at aktiviteten må overbookes, når forløbet genåbnes.',
} as const

async function checkCapacity(
  db: Db,
  activity: { id: string; capacity: number | null; name: string },
  startOn: string | null,
  allow: boolean,
  exceptEnrolmentId: string | null,
  step: keyof typeof CAPACITY_CHOICE = 'start',
): Promise<void> {
  if (!startOn || activity.capacity === null || allow) return
  const taken = await repo.occupancyOn(db, activity.id, startOn, exceptEnrolmentId)
  if (taken >= activity.capacity) {
    throw new AppError('capacity_full', `${activity.name} er fuld den dag: ${taken} af ${activity.capacity} pladser er optaget. ${CAPACITY_CHOICE[step]}`)
  }
}

export async function enrol(ctx: AppContext, grant: Grant<'enrolments', 'create'>, participantId: string, input: EnrolmentCreate): Promise<{ id: string }> {
  const data = EnrolmentCreate.parse(input)
  const planId = grant.planId!
  const { view, head } = await requireView(ctx, grant, participantId)
  if (!sees(view, 'employment')) throw new AppError('consent_required', 'Samtykket omfatter ikke forløb, så du kan ikke tilmelde beboeren.')
  refuseErasedResident(head)
  const activity = await activityOfPlan(ctx.db, planId, data.activityId)
  if (data.startOn && data.startOn < data.referredOn) throw new AppError('validation', 'Forløbet kan ikke starte, før beboeren er visiteret.', { issues: [{ path: 'startOn', message: 'Startdatoen ligger før visitationen.' }] })
  const open = await repo.openEnrolment(ctx.db, participantId, activity.id)
  if (open) throw new AppError('conflict', `Beboeren er allerede tilmeldt ${activity.name}.`)
  if (data.selection) {
    const criteria = await selectionCriteria(ctx.db, activity.id, activity.key)
    const answered = data.selection.answers.map((a) => a.criterion)
    if (criteria.length === 0 || criteria.some((c) => !answered.includes(c)) || answered.some((c) => !criteria.includes(c))) {
      throw new AppError('validation', 'Besvar hvert udvælgelseskriterie fra delaftalen.', { issues: [{ path: 'selection', message: 'Kriterierne svarer ikke til delaftalens.' }] })
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    // One enrolment at a time per activity, so two workers cannot both take the last place.
    await repo.lockActivityEnrolments(trx, activity.id)
    await checkCapacity(trx, activity, data.startOn, data.allowOverbooking, null)
    const row = await repo.insertEnrolment(trx, {
      participant_id: participantId,
      activity_id: activity.id,
      referred_on: data.referredOn,
      referred_by: data.referredBy,
      start_on: data.startOn,
      planned_end_on: plannedEnd(data.startOn, activity.default_weeks),
      selection: data.selection ? JSON.stringify(data.selection) : null,
      created_by: grant.actor.id,
    })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'enrolments',
      entityId: row.id,
      planId,
      details: { participantId, activityId: activity.id, startOn: data.startOn, overbooked: data.allowOverbooking && data.startOn !== null },
    })
    return row
  })
}

async function enrolmentOfPlan(db: Db, planId: string, enrolmentId: string) {
  const row = await repo.enrolmentOfPlan(db, planId, enrolmentId)
  if (!row) throw new AppError('not_found', 'Forløbet findes ikke.')
  return row
}

async function employmentView(ctx: AppContext, grant: Grant<'enrolments'>, participantId: string) {
  const found = await requireView(ctx, grant, participantId)
  if (!sees(found.view, 'employment')) throw new AppError('consent_required', 'Samtykket omfatter ikke beboerens forløb.')
  return found
}

export async function getEnrolment(ctx: AppContext, grant: Grant<'enrolments', 'read'>, enrolmentId: string): Promise<{ dto: Enrolment; view: ParticipantView }> {
  const e = await enrolmentOfPlan(ctx.db, grant.planId!, enrolmentId)
  const { view } = await employmentView(ctx, grant, e.participant_id)
  const [followups, attendance] = await Promise.all([repo.followupsOf(ctx.db, enrolmentId), repo.attendanceOf(ctx.db, enrolmentId)])
  const dto: Enrolment = {
    id: e.id,
    participantId: e.participant_id,
    pseudonym: e.pseudonym,
    name: sees(view, 'contact') ? e.participant_name : null,
    activityId: e.activity_id,
    activityName: e.activity_name,
    status: enrolmentStatusOf({ startOn: e.start_on, exitOn: e.exit_on }),
    referredOn: e.referred_on,
    referredBy: e.referred_by,
    startOn: e.start_on,
    plannedEndOn: e.planned_end_on,
    exitOn: e.exit_on,
    exitReason: e.exit_reason as ExitReason | null,
    destinationOn: e.destination_on,
    // Free text is shown under the category its writer filed it under (decision 026).
    exitNote: e.exit_note !== null && sees(view, (e.exit_note_category ?? 'notes') as ConsentCategory) ? e.exit_note : null,
    exitNoteCategory: e.exit_note !== null && sees(view, (e.exit_note_category ?? 'notes') as ConsentCategory) ? ((e.exit_note_category ?? 'notes') as ConsentCategory) : null,
    internshipContact: e.internship_contact,
    selection: (e.selection as Enrolment['selection']) ?? null,
    followups: followups.filter((f) => sees(view, f.category as ConsentCategory)).map((f) => ({ id: f.id, heldOn: f.held_on, note: f.note, category: f.category as ConsentCategory, writtenBy: f.written_by_name })),
    attendance: attendance.map((a) => ({ sessionId: a.id, heldOn: a.held_on, title: a.title, status: a.status as 'present' | 'absent' | 'excused' })),
    version: e.version,
  }
  return { dto, view }
}

export async function updateEnrolment(ctx: AppContext, grant: Grant<'enrolments', 'update'>, enrolmentId: string, input: EnrolmentUpdate): Promise<void> {
  const data = EnrolmentUpdate.parse(input)
  const e = await enrolmentOfPlan(ctx.db, grant.planId!, enrolmentId)
  const { view } = await employmentView(ctx, grant, e.participant_id)
  await refuseErased(ctx, grant.planId!, [e.participant_id])
  // An exit note the reader cannot see (filed under a category outside their consent) was sent back
  // to them as null: that null keeps it rather than erasing it. A note they write must be filed
  // under a category they may read, as notes are.
  const hiddenNote = e.exit_note !== null && !sees(view, (e.exit_note_category ?? 'notes') as ConsentCategory)
  if (data.exitNote !== null && !sees(view, data.exitNoteCategory)) throw new AppError('consent_required', 'Samtykket omfatter ikke den slags oplysninger, du vil arkivere noten under. Vælg en anden kategori.', { issues: [{ path: 'exitNoteCategory', message: 'Vælg en kategori, som samtykket omfatter.' }] })
  const note = hiddenNote && data.exitNote === null ? { exit_note: e.exit_note, exit_note_category: e.exit_note_category } : { exit_note: data.exitNote, exit_note_category: data.exitNote === null ? null : data.exitNoteCategory }
  const issues: { path: string; message: string }[] = []
  const referredOn = e.referred_on
  if (data.startOn && data.startOn < referredOn) issues.push({ path: 'startOn', message: 'Startdatoen ligger før visitationen.' })
  // An exit without a start takes the resident off the waiting list (with its reason).
  if (data.exitOn && !data.startOn && data.exitOn < referredOn) issues.push({ path: 'exitOn', message: 'Datoen ligger før visitationen.' })
  if (data.exitOn && data.startOn && data.exitOn < data.startOn) issues.push({ path: 'exitOn', message: 'Slutdatoen ligger før startdatoen.' })
  if ((data.exitOn === null) !== (data.exitReason === null)) issues.push({ path: data.exitOn ? 'exitReason' : 'exitOn', message: 'Angiv både slutdato og afslutningsårsag.' })
  if (data.destinationOn && (!data.exitOn || data.destinationOn < data.exitOn)) issues.push({ path: 'destinationOn', message: 'Startdatoen for praktik, job eller uddannelse skal ligge efter forløbets afslutning.' })
  if (data.exitOn && data.exitOn > today(ctx)) issues.push({ path: 'exitOn', message: 'Et forløb kan ikke afsluttes i fremtiden.' })
  // Taking an exit away is a reopening, with its own reason in the log (decision 036).
  if (e.exit_on !== null && data.exitOn === null) issues.push({ path: 'exitOn', message: 'Et afsluttet forløb genåbnes med »Genåbn forløbet« og en begrundelse.' })
  if (issues.length) throw new AppError('validation', issues[0]!.message, { issues })
  if (e.exit_on !== data.exitOn || e.exit_reason !== data.exitReason) await refuseLockedDays(ctx.db, e.activity_id, [e.exit_on, data.exitOn])
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockActivityEnrolments(trx, e.activity_id)
    const startChanged = data.startOn !== e.start_on
    if (startChanged) await checkCapacity(trx, { id: e.activity_id, capacity: e.capacity, name: e.activity_name }, data.startOn, data.allowOverbooking, enrolmentId)
    const planned = data.plannedEndOn ?? (startChanged ? plannedEnd(data.startOn, e.default_weeks) : e.planned_end_on)
    const updated = await repo.updateEnrolment(trx, enrolmentId, data.version, {
      start_on: data.startOn,
      planned_end_on: data.startOn ? planned : null,
      exit_on: data.exitOn,
      exit_reason: data.exitReason,
      destination_on: data.destinationOn,
      ...note,
      internship_contact: data.internshipContact,
      updated_at: ctx.now(),
      version: data.version + 1,
    })
    if (!updated) throw new AppError('conflict', 'En anden har rettet forløbet imens. Hent siden igen.')
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'update',
      entity: 'enrolments',
      entityId: enrolmentId,
      planId: grant.planId,
      details: { participantId: e.participant_id, startOn: data.startOn, exitOn: data.exitOn, exitReason: data.exitReason },
    })
  })
}

export async function addFollowup(ctx: AppContext, grant: Grant<'enrolments', 'update'>, enrolmentId: string, input: FollowupCreate): Promise<{ id: string }> {
  const e = await enrolmentOfPlan(ctx.db, grant.planId!, enrolmentId)
  const { view } = await employmentView(ctx, grant, e.participant_id)
  await refuseErased(ctx, grant.planId!, [e.participant_id])
  if (e.start_on === null) throw new AppError('validation', 'Der følges op på forløb, der er startet.')
  const category = input.category ?? FREE_TEXT_DEFAULT_CATEGORY
  // Written only in a category the writer may read, as notes are (decision 026).
  if (!sees(view, category)) throw new AppError('consent_required', 'Samtykket omfatter ikke den slags oplysninger, du vil arkivere opfølgningen under. Vælg en anden kategori.', { issues: [{ path: 'category', message: 'Vælg en kategori, som samtykket omfatter.' }] })
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertFollowup(trx, { enrolment_id: enrolmentId, held_on: input.heldOn, note: input.note, category, written_by: grant.actor.id })
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'enrolment-followups', entityId: row.id, planId: grant.planId, details: { enrolmentId, participantId: e.participant_id, heldOn: input.heldOn, category } })
    return row
  })
}

/**
 * Refuses a change that touches a day inside a period approved and locked in the follow-up of an
 * agreement linking the activity: the figures computed from the enrolments may stand there, and
 * the project leader unlocks the period first, as for the values themselves.
 */
async function refuseLockedDays(db: Db, activityId: string, days: readonly (string | null)[]): Promise<void> {
  const touched = days.filter((d): d is string => d !== null)
  if (touched.length === 0) return
  const hit = (await repo.lockedPeriodsOfActivity(db, activityId))
    .filter((key) => {
      const p = parsePeriod(key)
      return p !== null && touched.some((d) => d >= p.start && d <= p.end)
    })
    .sort(comparePeriods)
  if (hit.length > 0) {
    throw new AppError('conflict', `${hit.map(periodLabel).join(', ')} er godkendt og låst i opfølgningen. En projektleder skal låse perioden op (med en begrundelse), før der kan rettes i den.`)
  }
}

/** Corrects a follow-up written wrong: day, category and note, with a reason kept in the audit log. */
export async function correctFollowup(ctx: AppContext, grant: Grant<'enrolments', 'update'>, enrolmentId: string, followupId: string, input: FollowupCorrection): Promise<void> {
  const data = FollowupCorrection.parse(input)
  const e = await enrolmentOfPlan(ctx.db, grant.planId!, enrolmentId)
  const { view } = await employmentView(ctx, grant, e.participant_id)
  await refuseErased(ctx, grant.planId!, [e.participant_id])
  const f = await repo.followupOfEnrolment(ctx.db, enrolmentId, followupId)
  // A follow-up filed under a category the writer may not read is not theirs to see, so not to change.
  if (!f || !sees(view, f.category as ConsentCategory)) throw new AppError('not_found', 'Statusopfølgningen findes ikke.')
  if (!sees(view, data.category)) throw new AppError('consent_required', 'Samtykket omfatter ikke den slags oplysninger, du vil arkivere opfølgningen under. Vælg en anden kategori.', { issues: [{ path: 'category', message: 'Vælg en kategori, som samtykket omfatter.' }] })
  if (f.note === null) throw new AppError('conflict', 'Opfølgningens note er slettet sammen med beboerens personoplysninger og kan ikke rettes.')
  await refuseLockedDays(ctx.db, e.activity_id, [f.held_on, data.heldOn])
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateFollowup(trx, followupId, { held_on: data.heldOn, category: data.category, note: data.note })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'update',
      entity: 'enrolment-followups',
      entityId: followupId,
      planId: grant.planId,
      details: {
        enrolmentId,
        participantId: e.participant_id,
        reason: data.reason,
        // The note is free text about the resident: the log, which outlives an erasure, says only that it changed.
        before: { heldOn: f.held_on, category: f.category },
        after: { heldOn: data.heldOn, category: data.category },
        note: { changed: f.note !== data.note },
      },
    })
  })
}

/** Takes the exit off an ended enrolment, with a reason; the log keeps what the exit said. */
export async function reopenEnrolment(ctx: AppContext, grant: Grant<'enrolments', 'update'>, enrolmentId: string, input: EnrolmentReopening): Promise<void> {
  const data = EnrolmentReopening.parse(input)
  const e = await enrolmentOfPlan(ctx.db, grant.planId!, enrolmentId)
  await employmentView(ctx, grant, e.participant_id)
  await refuseErased(ctx, grant.planId!, [e.participant_id])
  if (e.exit_on === null) throw new AppError('conflict', 'Forløbet er ikke afsluttet, så der er intet at genåbne.')
  // The resident may meanwhile have been enrolled in the activity again: one open course at a time.
  const open = await repo.openEnrolment(ctx.db, e.participant_id, e.activity_id)
  if (open) throw new AppError('conflict', `Beboeren har allerede et åbent forløb i ${e.activity_name}. Ret det i stedet.`)
  await refuseLockedDays(ctx.db, e.activity_id, [e.exit_on])
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockActivityEnrolments(trx, e.activity_id)
    // A started course takes a place again from today.
    if (e.start_on !== null) await checkCapacity(trx, { id: e.activity_id, capacity: e.capacity, name: e.activity_name }, today(ctx), data.allowOverbooking, enrolmentId, 'reopening')
    const updated = await repo.updateEnrolment(trx, enrolmentId, data.version, { exit_on: null, exit_reason: null, destination_on: null, updated_at: ctx.now(), version: data.version + 1 })
    if (!updated) throw new AppError('conflict', 'En anden har rettet forløbet imens. Hent siden igen.')
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'update',
      entity: 'enrolments',
      entityId: enrolmentId,
      planId: grant.planId,
      details: {
        participantId: e.participant_id,
        reopened: true,
        reason: data.reason,
        before: { exitOn: e.exit_on, exitReason: e.exit_reason, destinationOn: e.destination_on },
        after: { exitOn: null, exitReason: null, destinationOn: null },
      },
    })
  })
}

/** The named residents' enrolments, for the resident's page and their own copy. */
export function enrolmentsOf(ctx: Pick<AppContext, 'db'>, participantIds: readonly string[]) {
  return repo.enrolmentsOf(ctx.db, participantIds)
}

