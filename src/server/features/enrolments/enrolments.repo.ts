import { type Insertable, type Transaction, type Updateable, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

// SQL for activities' places and enrolments (referral, start, follow-ups, exit), and the facts the
// figures are computed from. Callers are this folder's services, which decide per resident what
// may leave through the resident gate.

type Db = Database | Transaction<DB>

export async function activityOfPlan(db: Db, planId: string, activityId: string) {
  return db.selectFrom('activity').selectAll().where('id', '=', activityId).where('plan_id', '=', planId).executeTakeFirst()
}

/** The content of the latest revision of every agreement that links the activity. */
export async function linkedAgreementContents(db: Db, activityId: string): Promise<unknown[]> {
  const rows = await db
    .selectFrom('agreement_activity as aa')
    .innerJoin('agreement_revision as r', 'r.agreement_id', 'aa.agreement_id')
    .select(['r.content'])
    .where('aa.activity_id', '=', activityId)
    .where(({ eb, selectFrom }) => eb('r.number', '=', selectFrom('agreement_revision as r2').select(sql<number>`max(r2.number)`.as('n')).whereRef('r2.agreement_id', '=', 'r.agreement_id')))
    .execute()
  return rows.map((r) => r.content)
}

/** Enrolments of an activity running on `day` (started on or before, not ended before). */
export async function occupancyOn(db: Db, activityId: string, day: string, exceptEnrolmentId: string | null = null): Promise<number> {
  let q = db
    .selectFrom('enrolment')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('activity_id', '=', activityId)
    .where('start_on', '<=', day)
    .where((eb) => eb.or([eb('exit_on', 'is', null), eb('exit_on', '>=', day)]))
  if (exceptEnrolmentId) q = q.where('id', '<>', exceptEnrolmentId)
  return (await q.executeTakeFirstOrThrow()).n
}

/** The plan's activities with their running and waiting enrolments. */
export async function activitiesOfPlan(db: Db, planId: string) {
  return db
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
}

export async function updateActivity(trx: Transaction<DB>, activityId: string, values: { capacity: number | null; defaultWeeks: number | null }): Promise<void> {
  await trx.updateTable('activity').set({ capacity: values.capacity, default_weeks: values.defaultWeeks }).where('id', '=', activityId).execute()
}

/** An activity's enrolments that have not ended, in order of referral. */
export async function openEnrolmentsOfActivity(db: Db, activityId: string) {
  return db
    .selectFrom('enrolment as e')
    .innerJoin('participant as p', 'p.id', 'e.participant_id')
    .select(['e.id', 'e.participant_id', 'e.referred_on', 'e.start_on', 'e.planned_end_on', 'e.exit_on', sql<boolean>`p.anonymised_at is not null`.as('anonymised')])
    .where('e.activity_id', '=', activityId)
    .where('e.exit_on', 'is', null)
    .orderBy('e.referred_on')
    .orderBy('e.created_at')
    .execute()
}

/** The resident's enrolment in the activity that has not ended, if any. */
export async function openEnrolment(db: Db, participantId: string, activityId: string) {
  return db.selectFrom('enrolment').select('id').where('participant_id', '=', participantId).where('activity_id', '=', activityId).where('exit_on', 'is', null).executeTakeFirst()
}

/** Serialises enrolments in one activity until the transaction ends. */
export async function lockActivityEnrolments(trx: Transaction<DB>, activityId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`enrolment:${activityId}`}))`.execute(trx)
}

export async function insertEnrolment(trx: Transaction<DB>, values: Insertable<DB['enrolment']>): Promise<{ id: string }> {
  return trx.insertInto('enrolment').values(values).returning('id').executeTakeFirstOrThrow()
}

/** One enrolment, if its resident belongs to the plan, with its activity and resident. */
export async function enrolmentOfPlan(db: Db, planId: string, enrolmentId: string) {
  return db
    .selectFrom('enrolment as e')
    .innerJoin('participant as p', 'p.id', 'e.participant_id')
    .innerJoin('activity as a', 'a.id', 'e.activity_id')
    .selectAll('e')
    .select(['a.name as activity_name', 'a.capacity', 'a.default_weeks', 'a.key as activity_key', 'p.pseudonym', 'p.name as participant_name'])
    .where('e.id', '=', enrolmentId)
    .where('p.plan_id', '=', planId)
    .executeTakeFirst()
}

export async function followupsOf(db: Db, enrolmentId: string) {
  return db
    .selectFrom('enrolment_followup as f')
    .leftJoin('app_user as u', 'u.id', 'f.written_by')
    .select(['f.id', 'f.held_on', 'f.note', 'f.category', 'u.name as written_by_name'])
    .where('f.enrolment_id', '=', enrolmentId)
    .orderBy('f.held_on', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute()
}

export async function attendanceOf(db: Db, enrolmentId: string) {
  return db
    .selectFrom('session_attendance as sa')
    .innerJoin('activity_session as s', 's.id', 'sa.session_id')
    .select(['s.id', 's.held_on', 's.title', 'sa.status'])
    .where('sa.enrolment_id', '=', enrolmentId)
    .orderBy('s.held_on', 'desc')
    .execute()
}

/** Writes the change if the enrolment is still at `version`; false if someone else changed it first. */
export async function updateEnrolment(trx: Transaction<DB>, enrolmentId: string, version: number, values: Updateable<DB['enrolment']>): Promise<boolean> {
  const updated = await trx.updateTable('enrolment').set(values).where('id', '=', enrolmentId).where('version', '=', version).executeTakeFirst()
  return Number(updated.numUpdatedRows) > 0
}

export async function insertFollowup(trx: Transaction<DB>, values: Insertable<DB['enrolment_followup']>): Promise<{ id: string }> {
  return trx.insertInto('enrolment_followup').values(values).returning('id').executeTakeFirstOrThrow()
}

/** One follow-up of the enrolment, if it is one of its own. */
export async function followupOfEnrolment(db: Db, enrolmentId: string, followupId: string) {
  return db.selectFrom('enrolment_followup').select(['id', 'held_on', 'note', 'category']).where('id', '=', followupId).where('enrolment_id', '=', enrolmentId).executeTakeFirst()
}

export async function updateFollowup(trx: Transaction<DB>, followupId: string, values: Updateable<DB['enrolment_followup']>): Promise<void> {
  await trx.updateTable('enrolment_followup').set(values).where('id', '=', followupId).execute()
}

/**
 * The periods locked (approved) in the follow-up of any agreement that links the activity: the
 * figures computed from its enrolments may have been written into them. The latest event per
 * agreement and period decides, as on the follow-up page.
 */
export async function lockedPeriodsOfActivity(db: Db, activityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('indicator_period_event as e')
        .innerJoin('agreement_activity as aa', 'aa.agreement_id', 'e.agreement_id')
        .select(['e.agreement_id', 'e.period', 'e.locked'])
        .distinctOn(['e.agreement_id', 'e.period'])
        .where('aa.activity_id', '=', activityId)
        .orderBy('e.agreement_id')
        .orderBy('e.period')
        .orderBy('e.seq', 'desc')
        .as('latest'),
    )
    .select('latest.period')
    .distinct()
    .where('latest.locked', '=', true)
    .execute()
  return rows.map((r) => r.period)
}

/** The named residents' enrolments with their activity's name, latest referral first. */
export async function enrolmentsOf(db: Db, participantIds: readonly string[]) {
  if (participantIds.length === 0) return []
  return db
    .selectFrom('enrolment as e')
    .innerJoin('activity as a', 'a.id', 'e.activity_id')
    .select(['e.id', 'e.participant_id', 'e.activity_id', 'a.name as activity_name', 'e.referred_on', 'e.start_on', 'e.exit_on'])
    .where('e.participant_id', 'in', [...participantIds])
    .orderBy('e.referred_on', 'desc')
    .execute()
}


// ---- the facts behind the figures ------------------------------------------------------------

export async function figureActivity(db: Db, planId: string, activityId: string) {
  return db.selectFrom('activity').select(['id', 'key', 'capacity']).where('id', '=', activityId).where('plan_id', '=', planId).executeTakeFirst()
}

export async function enrolmentsOfActivity(db: Db, activityId: string) {
  return db
    .selectFrom('enrolment')
    .select(['id', 'participant_id', 'activity_id', 'referred_on', 'start_on', 'exit_on', 'exit_reason', 'destination_on'])
    .where('activity_id', '=', activityId)
    .execute()
}

export async function attendanceOfEnrolments(db: Db, enrolmentIds: readonly string[]) {
  if (enrolmentIds.length === 0) return []
  return db
    .selectFrom('session_attendance as sa')
    .innerJoin('activity_session as s', 's.id', 'sa.session_id')
    .select(['sa.enrolment_id', 's.held_on', 'sa.status'])
    .where('sa.enrolment_id', 'in', [...enrolmentIds])
    .execute()
}
