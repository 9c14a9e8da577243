import { type Insertable, type Transaction, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

// SQL for the sessions held within an activity and their attendance. The service decides per
// resident what may leave, through the resident gate.

type Db = Database | Transaction<DB>

export async function activityOfPlan(db: Db, planId: string, activityId: string) {
  return db.selectFrom('activity').select(['id', 'name']).where('id', '=', activityId).where('plan_id', '=', planId).executeTakeFirst()
}

/** The group, if it is one of the activity's. */
export async function groupOfActivity(db: Db, activityId: string, groupId: string) {
  return db.selectFrom('activity_group').select(['id', 'name']).where('id', '=', groupId).where('activity_id', '=', activityId).executeTakeFirst()
}

/** The named enrolments of the activity, with their resident and dates. */
export async function enrolmentsOfActivity(db: Db, activityId: string, enrolmentIds: readonly string[]) {
  return db
    .selectFrom('enrolment')
    .select(['id', 'participant_id', 'start_on', 'exit_on'])
    .where('activity_id', '=', activityId)
    .where('id', 'in', [...enrolmentIds])
    .execute()
}

/** The session and its named attendance, recorded by the session's creator. */
export async function insertSession(trx: Transaction<DB>, session: Insertable<DB['activity_session']>, attendance: readonly { enrolmentId: string; status: string }[]): Promise<{ id: string }> {
  const row = await trx.insertInto('activity_session').values(session).returning('id').executeTakeFirstOrThrow()
  if (attendance.length) {
    await trx
      .insertInto('session_attendance')
      .values(attendance.map((a) => ({ session_id: row.id, enrolment_id: a.enrolmentId, status: a.status, recorded_by: session.created_by })))
      .execute()
  }
  return row
}

/** The activity's latest sessions, newest first. */
export async function sessionsOfActivity(db: Db, activityId: string) {
  return db
    .selectFrom('activity_session as s')
    .leftJoin('activity_group as g', 'g.id', 's.group_id')
    .select(['s.id', 's.kind', 's.group_id', 'g.name as group_name', 's.held_on', 's.title', 's.anonymous_count'])
    .where('s.activity_id', '=', activityId)
    .orderBy('s.held_on', 'desc')
    .orderBy('s.created_at', 'desc')
    .limit(200)
    .execute()
}

/** Every attendance row of the sessions, with the resident it is about. */
export async function attendanceOfSessions(db: Db, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return []
  return db
    .selectFrom('session_attendance as sa')
    .innerJoin('enrolment as e', 'e.id', 'sa.enrolment_id')
    .select(['sa.session_id', 'sa.enrolment_id', 'sa.status', 'e.participant_id'])
    .where('sa.session_id', 'in', [...sessionIds])
    .orderBy(sql`1`)
    .execute()
}

/** One session of the plan, or undefined. */
export async function sessionOfPlan(db: Db, planId: string, sessionId: string) {
  return db.selectFrom('activity_session').select(['id', 'activity_id', 'group_id', 'kind', 'held_on', 'title', 'anonymous_count']).where('id', '=', sessionId).where('plan_id', '=', planId).executeTakeFirst()
}

/** Writes the session's own fields and replaces the attendance rows of the named enrolments. */
export async function updateSession(
  trx: Transaction<DB>,
  sessionId: string,
  values: { kind: string; group_id: string | null; held_on: string; title: string; anonymous_count: number | null },
  replaced: readonly string[],
  attendance: readonly { enrolmentId: string; status: string }[],
  recordedBy: string,
): Promise<void> {
  await trx.updateTable('activity_session').set(values).where('id', '=', sessionId).execute()
  if (replaced.length) await trx.deleteFrom('session_attendance').where('session_id', '=', sessionId).where('enrolment_id', 'in', [...replaced]).execute()
  if (attendance.length) {
    await trx
      .insertInto('session_attendance')
      .values(attendance.map((a) => ({ session_id: sessionId, enrolment_id: a.enrolmentId, status: a.status, recorded_by: recordedBy })))
      .execute()
  }
}

export async function deleteSession(trx: Transaction<DB>, sessionId: string): Promise<void> {
  await trx.deleteFrom('session_attendance').where('session_id', '=', sessionId).execute()
  await trx.deleteFrom('activity_session').where('id', '=', sessionId).execute()
}
