import { sql } from 'kysely'
import type { AgreementContent } from '../../../shared/agreements.ts'
import {
  type Activity,
  type ActivitySettings,
  type Enrolment,
  EnrolmentCreate,
  enrolmentStatusOf,
  EnrolmentUpdate,
  type ExitReason,
  type FollowupCreate,
  type Roster,
} from '../../../shared/enrolments.ts'
import { addDays } from '../../../shared/lib/period.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { suppressCount } from '../indicators/suppression.ts'
import { type ParticipantView, sees } from '../participants/participant-access.ts'
import { requireView, scopesOf, today } from '../participants/participants.service.ts'

// Enrolments (forløb) in activities: referral, waiting list, start, follow-ups, exit. The fact that
// a resident is in a course is 'employment' information: the other party sees enrolments only
// under a consent naming that category (participant-access.ts).

type Db = AppContext['db']

async function activityOfPlan(db: Db, planId: string, activityId: string) {
  const row = await db.selectFrom('activity').selectAll().where('id', '=', activityId).where('plan_id', '=', planId).executeTakeFirst()
  if (!row) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  return row
}

/** Selection criteria of the activity, from the latest revision of every agreement that links it. */
async function selectionCriteria(db: Db, activityId: string, key: string): Promise<string[]> {
  const rows = await db
    .selectFrom('agreement_activity as aa')
    .innerJoin('agreement_revision as r', 'r.agreement_id', 'aa.agreement_id')
    .select(['r.content'])
    .where('aa.activity_id', '=', activityId)
    .where(({ eb, selectFrom }) => eb('r.number', '=', selectFrom('agreement_revision as r2').select(sql<number>`max(r2.number)`.as('n')).whereRef('r2.agreement_id', '=', 'r.agreement_id')))
    .execute()
  const criteria: string[] = []
  for (const r of rows) {
    const content = r.content as AgreementContent
    for (const c of content.activities.find((a) => a.key === key)?.selectionCriteria ?? []) if (!criteria.includes(c)) criteria.push(c)
  }
  return criteria
}

/** Enrolments of an activity running on `day` (started on or before, not ended before). */
async function occupancyOn(db: Db, activityId: string, day: string, exceptEnrolmentId: string | null = null): Promise<number> {
  let q = db
    .selectFrom('enrolment')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('activity_id', '=', activityId)
    .where('start_on', '<=', day)
    .where((eb) => eb.or([eb('exit_on', 'is', null), eb('exit_on', '>=', day)]))
  if (exceptEnrolmentId) q = q.where('id', '<>', exceptEnrolmentId)
  return (await q.executeTakeFirstOrThrow()).n
}

export async function listActivities(ctx: AppContext, grant: Grant<'activities', 'read'>): Promise<Activity[]> {
  return activitiesOfPlan(ctx, grant.planId!, hidesSmallNumbers(grant))
}

async function activitiesOfPlan(ctx: AppContext, planId: string, suppress: boolean): Promise<Activity[]> {
  const rows = await ctx.db
    .selectFrom('activity as a')
    .select([
      'a.id',
      'a.key',
      'a.name',
      'a.capacity',
      'a.default_weeks',
      // Places taken: every started enrolment not yet ended, including one that starts later.
      sql<number>`(select count(*)::int from enrolment e where e.activity_id = a.id and e.start_on is not null and e.exit_on is null)`.as('active'),
      sql<number>`(select count(*)::int from enrolment e where e.activity_id = a.id and e.start_on is null and e.exit_on is null)`.as('waiting'),
    ])
    .where('a.plan_id', '=', planId)
    .orderBy('a.name')
    .execute()
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
    await trx.updateTable('activity').set({ capacity: input.capacity, default_weeks: input.defaultWeeks }).where('id', '=', activityId).execute()
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'activities', entityId: activityId, planId: grant.planId, details: { before: { capacity: activity.capacity, defaultWeeks: activity.default_weeks }, after: input } })
  })
}

export async function roster(ctx: AppContext, grant: Grant<'enrolments', 'read'>, activityId: string): Promise<Roster & { ids: string[]; disclosedIds: string[] }> {
  // Staff only: this page names people, so its counts are never the board's suppressed ones.
  const activity = (await activitiesOfPlan(ctx, grant.planId!, false)).find((a) => a.id === activityId)
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  const rows = await ctx.db
    .selectFrom('enrolment')
    .select(['id', 'participant_id', 'referred_on', 'start_on', 'planned_end_on', 'exit_on'])
    .where('activity_id', '=', activityId)
    .where('exit_on', 'is', null)
    .orderBy('referred_on')
    .orderBy('created_at')
    .execute()
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
    if (waiting) result.waiting.push({ enrolmentId: r.id, participantId: r.participant_id, pseudonym: s.pseudonym, name: s.name, referredOn: r.referred_on as unknown as string })
    else result.active.push({ enrolmentId: r.id, participantId: r.participant_id, pseudonym: s.pseudonym, name: s.name, startOn: r.start_on as unknown as string, plannedEndOn: r.planned_end_on as unknown as string | null })
  }
  return result
}

function plannedEnd(startOn: string | null, weeks: number | null): string | null {
  return startOn && weeks ? addDays(startOn, weeks * 7 - 1) : null
}

async function checkCapacity(db: Db, activity: { id: string; capacity: number | null; name: string }, startOn: string | null, allow: boolean, exceptEnrolmentId: string | null): Promise<void> {
  if (!startOn || activity.capacity === null || allow) return
  const taken = await occupancyOn(db, activity.id, startOn, exceptEnrolmentId)
  if (taken >= activity.capacity) {
    throw new AppError('capacity_full', `${activity.name} er fuld den dag: ${taken} af ${activity.capacity} pladser er optaget. Sæt beboeren på venteliste, eller bekræft, at aktiviteten må overbookes.`)
  }
}

export async function enrol(ctx: AppContext, grant: Grant<'enrolments', 'create'>, participantId: string, input: EnrolmentCreate): Promise<{ id: string }> {
  const data = EnrolmentCreate.parse(input)
  const planId = grant.planId!
  const { view, head } = await requireView(ctx, grant, participantId)
  if (!sees(view, 'employment')) throw new AppError('consent_required', 'Samtykket omfatter ikke forløb, så du kan ikke tilmelde beboeren.')
  if (head.anonymised) throw new AppError('conflict', 'Deltageren er anonymiseret.')
  const activity = await activityOfPlan(ctx.db, planId, data.activityId)
  if (data.startOn && data.startOn < data.referredOn) throw new AppError('validation', 'Forløbet kan ikke starte, før beboeren er visiteret.', { issues: [{ path: 'startOn', message: 'Startdatoen ligger før visitationen.' }] })
  const open = await ctx.db.selectFrom('enrolment').select('id').where('participant_id', '=', participantId).where('activity_id', '=', activity.id).where('exit_on', 'is', null).executeTakeFirst()
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
    await sql`select pg_advisory_xact_lock(hashtext(${`enrolment:${activity.id}`}))`.execute(trx)
    await checkCapacity(trx, activity, data.startOn, data.allowOverbooking, null)
    const row = await trx
      .insertInto('enrolment')
      .values({
        participant_id: participantId,
        activity_id: activity.id,
        referred_on: data.referredOn,
        referred_by: data.referredBy,
        start_on: data.startOn,
        planned_end_on: plannedEnd(data.startOn, activity.default_weeks),
        selection: data.selection ? JSON.stringify(data.selection) : null,
        created_by: grant.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
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
  const row = await db
    .selectFrom('enrolment as e')
    .innerJoin('participant as p', 'p.id', 'e.participant_id')
    .innerJoin('activity as a', 'a.id', 'e.activity_id')
    .selectAll('e')
    .select(['a.name as activity_name', 'a.capacity', 'a.default_weeks', 'a.key as activity_key', 'p.pseudonym'])
    .where('e.id', '=', enrolmentId)
    .where('p.plan_id', '=', planId)
    .executeTakeFirst()
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
  const [followups, attendance, person] = await Promise.all([
    ctx.db
      .selectFrom('enrolment_followup as f')
      .leftJoin('app_user as u', 'u.id', 'f.written_by')
      .select(['f.id', 'f.held_on', 'f.note', 'u.name as written_by_name'])
      .where('f.enrolment_id', '=', enrolmentId)
      .orderBy('f.held_on', 'desc')
      .orderBy('f.created_at', 'desc')
      .execute(),
    ctx.db
      .selectFrom('session_attendance as sa')
      .innerJoin('activity_session as s', 's.id', 'sa.session_id')
      .select(['s.id', 's.held_on', 's.title', 'sa.status'])
      .where('sa.enrolment_id', '=', enrolmentId)
      .orderBy('s.held_on', 'desc')
      .execute(),
    ctx.db.selectFrom('participant').select('name').where('id', '=', e.participant_id).executeTakeFirstOrThrow(),
  ])
  const dto: Enrolment = {
    id: e.id,
    participantId: e.participant_id,
    pseudonym: e.pseudonym,
    name: sees(view, 'contact') ? person.name : null,
    activityId: e.activity_id,
    activityName: e.activity_name,
    status: enrolmentStatusOf({ startOn: e.start_on as unknown as string | null, exitOn: e.exit_on as unknown as string | null }),
    referredOn: e.referred_on as unknown as string,
    referredBy: e.referred_by,
    startOn: e.start_on as unknown as string | null,
    plannedEndOn: e.planned_end_on as unknown as string | null,
    exitOn: e.exit_on as unknown as string | null,
    exitReason: e.exit_reason as ExitReason | null,
    destinationOn: e.destination_on as unknown as string | null,
    exitNote: e.exit_note,
    internshipContact: e.internship_contact,
    selection: (e.selection as Enrolment['selection']) ?? null,
    followups: followups.map((f) => ({ id: f.id, heldOn: f.held_on as unknown as string, note: f.note, writtenBy: f.written_by_name })),
    attendance: attendance.map((a) => ({ sessionId: a.id, heldOn: a.held_on as unknown as string, title: a.title, status: a.status as 'present' | 'absent' | 'excused' })),
    version: e.version,
  }
  return { dto, view }
}

export async function updateEnrolment(ctx: AppContext, grant: Grant<'enrolments', 'update'>, enrolmentId: string, input: EnrolmentUpdate): Promise<void> {
  const data = EnrolmentUpdate.parse(input)
  const e = await enrolmentOfPlan(ctx.db, grant.planId!, enrolmentId)
  await employmentView(ctx, grant, e.participant_id)
  const issues: { path: string; message: string }[] = []
  const referredOn = e.referred_on as unknown as string
  if (data.startOn && data.startOn < referredOn) issues.push({ path: 'startOn', message: 'Startdatoen ligger før visitationen.' })
  // An exit without a start takes the resident off the waiting list (with its reason).
  if (data.exitOn && !data.startOn && data.exitOn < referredOn) issues.push({ path: 'exitOn', message: 'Datoen ligger før visitationen.' })
  if (data.exitOn && data.startOn && data.exitOn < data.startOn) issues.push({ path: 'exitOn', message: 'Slutdatoen ligger før startdatoen.' })
  if ((data.exitOn === null) !== (data.exitReason === null)) issues.push({ path: data.exitOn ? 'exitReason' : 'exitOn', message: 'Angiv både slutdato og afslutningsårsag.' })
  if (data.destinationOn && (!data.exitOn || data.destinationOn < data.exitOn)) issues.push({ path: 'destinationOn', message: 'Startdatoen for praktik, job eller uddannelse skal ligge efter forløbets afslutning.' })
  if (data.exitOn && data.exitOn > today(ctx)) issues.push({ path: 'exitOn', message: 'Et forløb kan ikke afsluttes i fremtiden.' })
  if (issues.length) throw new AppError('validation', issues[0]!.message, { issues })
  await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`enrolment:${e.activity_id}`}))`.execute(trx)
    const startChanged = data.startOn !== (e.start_on as unknown as string | null)
    if (startChanged) await checkCapacity(trx, { id: e.activity_id, capacity: e.capacity, name: e.activity_name }, data.startOn, data.allowOverbooking, enrolmentId)
    const planned = data.plannedEndOn ?? (startChanged ? plannedEnd(data.startOn, e.default_weeks) : (e.planned_end_on as unknown as string | null))
    const updated = await trx
      .updateTable('enrolment')
      .set({
        start_on: data.startOn,
        planned_end_on: data.startOn ? planned : null,
        exit_on: data.exitOn,
        exit_reason: data.exitReason,
        destination_on: data.destinationOn,
        exit_note: data.exitNote,
        internship_contact: data.internshipContact,
        updated_at: ctx.now(),
        version: data.version + 1,
      })
      .where('id', '=', enrolmentId)
      .where('version', '=', data.version)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('conflict', 'En anden har rettet forløbet imens. Hent siden igen.')
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
  await employmentView(ctx, grant, e.participant_id)
  if (e.start_on === null) throw new AppError('validation', 'Der følges op på forløb, der er startet.')
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('enrolment_followup')
      .values({ enrolment_id: enrolmentId, held_on: input.heldOn, note: input.note, written_by: grant.actor.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'enrolment-followups', entityId: row.id, planId: grant.planId, details: { enrolmentId, participantId: e.participant_id, heldOn: input.heldOn } })
    return row
  })
}
