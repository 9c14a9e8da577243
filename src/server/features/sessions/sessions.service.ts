import { type AttendanceStatus, type Session, SessionCreate } from '../../../shared/sessions.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { refuseErased } from '../participants/erased-guard.ts'
import { scopesOf } from '../participants/resident-gate.ts'
import * as repo from './sessions.repo.ts'

// Sessions held within an activity and who came. Attendance is 'employment' information about each
// resident: a reader sees the rows of residents they may see and a count of the rest, so the
// number present is always true without naming anyone the reader may not know of.

export async function createSession(ctx: AppContext, grant: Grant<'sessions', 'create'>, activityId: string, input: SessionCreate): Promise<{ id: string }> {
  const data = SessionCreate.parse(input)
  const planId = grant.planId!
  const activity = await repo.activityOfPlan(ctx.db, planId, activityId)
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
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
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertSession(
      trx,
      { plan_id: planId, activity_id: activityId, kind: data.kind, held_on: data.heldOn, title: data.title, anonymous_count: data.anonymousCount, created_by: grant.actor.id },
      data.attendance,
    )
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'attendance-session',
      entityId: row.id,
      planId,
      details: { activityId, heldOn: data.heldOn, kind: data.kind, named: data.attendance.length, present: data.attendance.filter((a) => a.status === 'present').length, anonymousCount: data.anonymousCount },
    })
    return row
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
