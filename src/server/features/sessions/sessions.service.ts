import { type AttendanceStatus, type Session, SessionCreate, SessionDeletion, SessionUpdate } from '../../../shared/sessions.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { refuseErased } from '../participants/erased-guard.ts'
import { type ResidentGrant, scopesOf } from '../participants/resident-gate.ts'
import * as repo from './sessions.repo.ts'

// Sessions held within an activity and who came. Attendance is 'employment' information about each
// resident: a reader sees the rows of residents they may see and a count of the rest, so the
// number present is always true without naming anyone the reader may not know of.

export async function createSession(ctx: AppContext, grant: Grant<'sessions', 'create'>, activityId: string, input: SessionCreate): Promise<{ id: string }> {
  const data = SessionCreate.parse(input)
  const planId = grant.planId!
  const activity = await repo.activityOfPlan(ctx.db, planId, activityId)
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  await checkAttendance(ctx, grant, planId, activityId, data)
  await checkGroup(ctx, activityId, data.groupId)
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertSession(
      trx,
      { plan_id: planId, activity_id: activityId, group_id: data.groupId, kind: data.kind, held_on: data.heldOn, title: data.title, anonymous_count: data.anonymousCount, created_by: grant.actor.id },
      data.attendance,
    )
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'attendance-session',
      entityId: row.id,
      planId,
      details: { activityId, groupId: data.groupId, heldOn: data.heldOn, kind: data.kind, named: data.attendance.length, present: data.attendance.filter((a) => a.status === 'present').length, anonymousCount: data.anonymousCount },
    })
    return row
  })
}

/** A session's group must be one of its activity's groups (hold). */
async function checkGroup(ctx: AppContext, activityId: string, groupId: string | null): Promise<void> {
  if (groupId === null) return
  if (!(await repo.groupOfActivity(ctx.db, activityId, groupId))) {
    throw new AppError('validation', 'Holdet hører ikke til denne aktivitet.', { issues: [{ path: 'groupId', message: 'Vælg et af aktivitetens hold.' }] })
  }
}

/** The attendance written must be of this activity's residents, whom the writer sees, in course that day. */
async function checkAttendance(ctx: AppContext, grant: ResidentGrant, planId: string, activityId: string, data: SessionCreate): Promise<void> {
  const enrolmentIds = data.attendance.map((a) => a.enrolmentId)
  if (new Set(enrolmentIds).size !== enrolmentIds.length) throw new AppError('validation', 'En deltager står to gange på fremmødelisten.')
  if (enrolmentIds.length) {
    const enrolments = await repo.enrolmentsOfActivity(ctx.db, activityId, enrolmentIds)
    if (enrolments.length !== enrolmentIds.length) throw new AppError('validation', 'Fremmødelisten indeholder en deltager, der ikke er i denne aktivitet.')
    // Taking attendance is writing about each resident: only for residents the writer may see.
    const scopes = await scopesOf(ctx, grant, enrolments.map((e) => e.participant_id))
    const blind = enrolments.find((e) => {
      const s = scopes.get(e.participant_id)?.scope
      return !s || s.kind === 'none' || !s.categories.includes('employment')
    })
    if (blind) throw new AppError('consent_required', 'Fremmødelisten indeholder en beboer, hvis samtykke ikke omfatter dig.')
    await refuseErased(ctx, planId, enrolments.map((e) => e.participant_id))
    const outside = enrolments.find((e) => e.start_on === null || e.start_on > data.heldOn || (e.exit_on !== null && e.exit_on < data.heldOn))
    if (outside) throw new AppError('validation', 'En deltager på listen var ikke i forløb den dag.')
  }
}

/**
 * The session and its existing attendance, for a correction or deletion: which rows the writer may
 * see (and so replace), and whether any belong to residents the writer may not see.
 */
async function sessionForChange(ctx: AppContext, grant: Grant<'sessions', 'update' | 'delete'>, sessionId: string) {
  const planId = grant.planId!
  const session = await repo.sessionOfPlan(ctx.db, planId, sessionId)
  if (!session) throw new AppError('not_found', 'Aktivitetsgangen findes ikke i denne helhedsplan.')
  const rows = await repo.attendanceOfSessions(ctx.db, [sessionId])
  const scopes = await scopesOf(ctx, grant, rows.map((r) => r.participant_id))
  const sees = (participantId: string) => {
    const s = scopes.get(participantId)?.scope
    return s !== undefined && s.kind !== 'none' && s.categories.includes('employment')
  }
  return { planId, session, rows, visible: rows.filter((r) => sees(r.participant_id)), hidden: rows.filter((r) => !sees(r.participant_id)) }
}

export async function updateSession(ctx: AppContext, grant: Grant<'sessions', 'update'>, sessionId: string, input: SessionUpdate): Promise<void> {
  const data = SessionUpdate.parse(input)
  const { planId, session, visible, hidden } = await sessionForChange(ctx, grant, sessionId)
  // Moving the day would move the attendance of residents the writer cannot check.
  if (hidden.length > 0 && data.heldOn !== session.held_on) throw new AppError('consent_required', 'Aktivitetsgangen har fremmøde for beboere, du ikke kan se, så du kan ikke flytte datoen.')
  await refuseErased(ctx, planId, visible.map((r) => r.participant_id))
  await checkAttendance(ctx, grant, planId, session.activity_id, data)
  await checkGroup(ctx, session.activity_id, data.groupId)
  if (hidden.some((h) => data.attendance.some((a) => a.enrolmentId === h.enrolment_id))) throw new AppError('consent_required', 'Fremmødelisten indeholder en beboer, hvis samtykke ikke omfatter dig.')
  const before = { kind: session.kind, groupId: session.group_id, heldOn: session.held_on, title: session.title, anonymousCount: session.anonymous_count, present: visible.filter((r) => r.status === 'present').length }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSession(
      trx,
      sessionId,
      { kind: data.kind, group_id: data.groupId, held_on: data.heldOn, title: data.title, anonymous_count: data.anonymousCount },
      visible.map((r) => r.enrolment_id),
      data.attendance,
      grant.actor.id,
    )
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'update',
      entity: 'attendance-session',
      entityId: sessionId,
      planId,
      details: {
        activityId: session.activity_id,
        reason: data.reason,
        before,
        after: { kind: data.kind, groupId: data.groupId, heldOn: data.heldOn, title: data.title, anonymousCount: data.anonymousCount, present: data.attendance.filter((a) => a.status === 'present').length },
      },
    })
  })
}

export async function deleteSession(ctx: AppContext, grant: Grant<'sessions', 'delete'>, sessionId: string, input: SessionDeletion): Promise<void> {
  const { reason } = SessionDeletion.parse(input)
  const { planId, session, rows, hidden } = await sessionForChange(ctx, grant, sessionId)
  if (hidden.length > 0) throw new AppError('consent_required', 'Aktivitetsgangen har fremmøde for beboere, du ikke kan se, så du kan ikke slette den.')
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sessionId)
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'delete',
      entity: 'attendance-session',
      entityId: sessionId,
      planId,
      details: { activityId: session.activity_id, reason, heldOn: session.held_on, kind: session.kind, title: session.title, named: rows.length, present: rows.filter((r) => r.status === 'present').length },
    })
  })
}

export async function listSessions(ctx: AppContext, grant: Grant<'sessions', 'read'>, activityId: string): Promise<{ sessions: Session[]; ids: string[]; disclosedIds: string[] }> {
  const planId = grant.planId!
  const activity = await repo.activityOfPlan(ctx.db, planId, activityId)
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  const sessions = await repo.sessionsOfActivity(ctx.db, activityId)
  const attendance = await repo.attendanceOfSessions(
    ctx.db,
    sessions.map((s) => s.id),
  )
  const scopes = await scopesOf(ctx, grant, attendance.map((a) => a.participant_id))
  const ids = new Set<string>()
  const disclosed = new Set<string>()
  const result: Session[] = sessions.map((s) => {
    const rows = attendance.filter((a) => a.session_id === s.id)
    const shown: Session['attendance'] = []
    let hidden = 0
    for (const a of rows) {
      const p = scopes.get(a.participant_id)
      if (!p || p.scope.kind === 'none' || !p.scope.categories.includes('employment')) {
        hidden++
        continue
      }
      ids.add(a.participant_id)
      if (p.scope.kind === 'consent') disclosed.add(a.participant_id)
      shown.push({ enrolmentId: a.enrolment_id, pseudonym: p.pseudonym, name: p.name, status: a.status as AttendanceStatus })
    }
    shown.sort((x, y) => x.pseudonym.localeCompare(y.pseudonym))
    return {
      id: s.id,
      activityId,
      kind: s.kind as Session['kind'],
      groupId: s.group_id,
      groupName: s.group_name,
      heldOn: s.held_on,
      title: s.title,
      anonymousCount: s.anonymous_count,
      present: rows.filter((a) => a.status === 'present').length,
      attendance: shown,
      hidden,
    }
  })
  return { sessions: result, ids: [...ids], disclosedIds: [...disclosed] }
}
