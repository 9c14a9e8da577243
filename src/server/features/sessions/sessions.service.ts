import { sql } from 'kysely'
import { type AttendanceStatus, type Session, SessionCreate } from '../../../shared/sessions.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { scopesOf } from '../participants/participants.service.ts'

// Sessions held within an activity and who came. Attendance is 'employment' information about each
// resident: a reader sees the rows of residents they may see and a count of the rest, so the
// number present is always true without naming anyone the reader may not know of.

export async function createSession(ctx: AppContext, grant: Grant<'sessions', 'create'>, activityId: string, input: SessionCreate): Promise<{ id: string }> {
  const data = SessionCreate.parse(input)
  const planId = grant.planId!
  const activity = await ctx.db.selectFrom('activity').select(['id', 'name']).where('id', '=', activityId).where('plan_id', '=', planId).executeTakeFirst()
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  const enrolmentIds = data.attendance.map((a) => a.enrolmentId)
  if (new Set(enrolmentIds).size !== enrolmentIds.length) throw new AppError('validation', 'En deltager står to gange på fremmødelisten.')
  if (enrolmentIds.length) {
    const enrolments = await ctx.db
      .selectFrom('enrolment')
      .select(['id', 'participant_id', 'start_on', 'exit_on'])
      .where('activity_id', '=', activityId)
      .where('id', 'in', enrolmentIds)
      .execute()
    if (enrolments.length !== enrolmentIds.length) throw new AppError('validation', 'Fremmødelisten indeholder en deltager, der ikke er i denne aktivitet.')
    // Taking attendance is writing about each resident: only for residents the writer may see.
    const scopes = await scopesOf(ctx, grant, enrolments.map((e) => e.participant_id))
    const blind = enrolments.find((e) => {
      const s = scopes.get(e.participant_id)?.scope
      return !s || s.kind === 'none' || !s.categories.includes('employment')
    })
    if (blind) throw new AppError('consent_required', 'Fremmødelisten indeholder en beboer, hvis samtykke ikke omfatter dig.')
    const outside = enrolments.find((e) => e.start_on === null || (e.start_on as unknown as string) > data.heldOn || (e.exit_on !== null && (e.exit_on as unknown as string) < data.heldOn))
    if (outside) throw new AppError('validation', 'En deltager på listen var ikke i forløb den dag.')
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('activity_session')
      .values({ plan_id: planId, activity_id: activityId, kind: data.kind, held_on: data.heldOn, title: data.title, anonymous_count: data.anonymousCount, created_by: grant.actor.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (data.attendance.length) {
      await trx
        .insertInto('session_attendance')
        .values(data.attendance.map((a) => ({ session_id: row.id, enrolment_id: a.enrolmentId, status: a.status, recorded_by: grant.actor.id })))
        .execute()
    }
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
  const activity = await ctx.db.selectFrom('activity').select('id').where('id', '=', activityId).where('plan_id', '=', planId).executeTakeFirst()
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  const sessions = await ctx.db
    .selectFrom('activity_session')
    .select(['id', 'kind', 'held_on', 'title', 'anonymous_count'])
    .where('activity_id', '=', activityId)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute()
  const attendance = sessions.length
    ? await ctx.db
        .selectFrom('session_attendance as sa')
        .innerJoin('enrolment as e', 'e.id', 'sa.enrolment_id')
        .select(['sa.session_id', 'sa.enrolment_id', 'sa.status', 'e.participant_id'])
        .where(
          'sa.session_id',
          'in',
          sessions.map((s) => s.id),
        )
        .orderBy(sql`1`)
        .execute()
    : []
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
      heldOn: s.held_on as unknown as string,
      title: s.title,
      anonymousCount: s.anonymous_count,
      present: rows.filter((a) => a.status === 'present').length,
      attendance: shown,
      hidden,
    }
  })
  return { sessions: result, ids: [...ids], disclosedIds: [...disclosed] }
}
