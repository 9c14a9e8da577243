import { type Transaction, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'
import { LEISURE_JOB_PATHWAY, isLeisureJobActivity } from '../../../shared/pathways.ts'

// SQL for pathways (decision 023): an activity's steps, young people's steps reached, and the
// activity's groups. What the figures mean is pathway-figures.ts.

type Db = Database | Transaction<DB>

export async function activityOfPlan(db: Db, planId: string, activityId: string) {
  return db.selectFrom('activity').select(['id', 'key', 'name']).where('id', '=', activityId).where('plan_id', '=', planId).executeTakeFirst()
}

/** The plan's activities that have a pathway, with how many steps. */
export async function pathwayActivitiesOfPlan(db: Db, planId: string) {
  return db
    .selectFrom('activity as a')
    .innerJoin('pathway_step as s', 's.activity_id', 'a.id')
    .select(['a.id', 'a.name', (eb) => eb.fn.countAll<string>().as('steps')])
    .where('a.plan_id', '=', planId)
    .groupBy(['a.id', 'a.name'])
    .orderBy('a.name')
    .execute()
}

/** The agreement's activities that have a pathway, in name order. */
export async function agreementInPlan(db: Db, planId: string, agreementId: string): Promise<boolean> {
  const row = await db.selectFrom('agreement').select('id').where('id', '=', agreementId).where('plan_id', '=', planId).executeTakeFirst()
  return row !== undefined
}

export async function pathwayActivitiesOfAgreement(db: Db, agreementId: string) {
  return db
    .selectFrom('activity as a')
    .innerJoin('agreement_activity as aa', 'aa.activity_id', 'a.id')
    .select(['a.id', 'a.key', 'a.name'])
    .where('aa.agreement_id', '=', agreementId)
    .where((eb) => eb.exists(eb.selectFrom('pathway_step as s').select('s.id').whereRef('s.activity_id', '=', 'a.id')))
    .orderBy('a.name')
    .execute()
}

export async function stepsOf(db: Db, activityIds: readonly string[]) {
  if (activityIds.length === 0) return []
  return db
    .selectFrom('pathway_step')
    .select(['id', 'activity_id', 'position', 'key', 'name', 'ask_after_months'])
    .where('activity_id', 'in', [...activityIds])
    .orderBy('activity_id')
    .orderBy('position')
    .execute()
}

/** The step, if it belongs to an activity of the plan. */
export async function stepOfPlan(db: Db, planId: string, stepId: string) {
  return db
    .selectFrom('pathway_step as s')
    .innerJoin('activity as a', 'a.id', 's.activity_id')
    .select(['s.id', 's.activity_id', 's.position', 's.name', 's.ask_after_months', 'a.name as activity_name'])
    .where('s.id', '=', stepId)
    .where('a.plan_id', '=', planId)
    .executeTakeFirst()
}

/** Replaces an activity's steps, keeping the id of a step whose key stays; a step with progress cannot go. */
export async function replaceSteps(trx: Transaction<DB>, activityId: string, steps: readonly { key: string; name: string; askAfterMonths: number | null }[], by: string): Promise<{ removedWithProgress: string[] }> {
  const existing = await trx.selectFrom('pathway_step').select(['id', 'key', 'name']).where('activity_id', '=', activityId).execute()
  const keys = new Set(steps.map((s) => s.key))
  const gone = existing.filter((e) => !keys.has(e.key))
  if (gone.length > 0) {
    const used = await trx.selectFrom('pathway_progress').select('step_id').distinct().where('step_id', 'in', gone.map((g) => g.id)).execute()
    if (used.length > 0) return { removedWithProgress: gone.filter((g) => used.some((u) => u.step_id === g.id)).map((g) => g.name) }
    await trx.deleteFrom('pathway_step').where('id', 'in', gone.map((g) => g.id)).execute()
  }
  // Positions move out of the way first, so the unique (activity, position) holds at every row.
  await trx.updateTable('pathway_step').set({ position: sql`position + 1000` }).where('activity_id', '=', activityId).execute()
  let position = 1
  for (const s of steps) {
    await trx
      .insertInto('pathway_step')
      .values({ activity_id: activityId, position, key: s.key, name: s.name, ask_after_months: s.askAfterMonths, created_by: by })
      .onConflict((oc) => oc.columns(['activity_id', 'key']).doUpdateSet({ position, name: s.name, ask_after_months: s.askAfterMonths }))
      .execute()
    position++
  }
  return { removedWithProgress: [] }
}

/** Gives each activity of the plan about leisure jobs the standard pathway, unless it has steps already. */
export async function ensureStandardPathways(trx: Transaction<DB>, planId: string): Promise<void> {
  const bare = await trx
    .selectFrom('activity as a')
    .select(['a.id', 'a.name'])
    .where('a.plan_id', '=', planId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('pathway_step as s').select('s.id').whereRef('s.activity_id', '=', 'a.id'))))
    .execute()
  for (const activity of bare.filter((a) => isLeisureJobActivity(a.name))) {
    await trx
      .insertInto('pathway_step')
      .values(LEISURE_JOB_PATHWAY.map((s, i) => ({ activity_id: activity.id, position: i + 1, key: s.key, name: s.name, ask_after_months: s.askAfterMonths })))
      .execute()
  }
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

export async function progressOf(db: Db, participantIds: readonly string[]) {
  if (participantIds.length === 0) return []
  return db
    .selectFrom('pathway_progress as p')
    .leftJoin('app_user as u', 'u.id', 'p.recorded_by')
    .select(['p.id', 'p.participant_id', 'p.step_id', 'p.reached_on', 'p.still_held', 'p.note', 'u.name as recorded_by_name'])
    .where('p.participant_id', 'in', [...participantIds])
    .execute()
}

/** Activities with steps the resident has reached a step of, or is enrolled in. */
export async function pathwayActivitiesOf(db: Db, participantId: string) {
  return db
    .selectFrom('activity as a')
    .select(['a.id', 'a.name'])
    .where((eb) =>
      eb.exists(eb.selectFrom('pathway_step as s').select('s.id').whereRef('s.activity_id', '=', 'a.id')).and(
        eb.or([
          eb.exists(eb.selectFrom('pathway_progress as p').innerJoin('pathway_step as s2', 's2.id', 'p.step_id').select('p.id').whereRef('s2.activity_id', '=', 'a.id').where('p.participant_id', '=', participantId)),
          eb.exists(eb.selectFrom('enrolment as e').select('e.id').whereRef('e.activity_id', '=', 'a.id').where('e.participant_id', '=', participantId)),
        ]),
      ),
    )
    .orderBy('a.name')
    .execute()
}

/** The plan's activities whose pathway has a check step: where the plan's checks due come from. */
export async function checkActivitiesOfPlan(db: Db, planId: string) {
  return db
    .selectFrom('activity as a')
    .select(['a.id', 'a.name'])
    .where('a.plan_id', '=', planId)
    .where((eb) => eb.exists(eb.selectFrom('pathway_step as s').select('s.id').whereRef('s.activity_id', '=', 'a.id').where('s.ask_after_months', 'is not', null)))
    .orderBy('a.name')
    .execute()
}

/** Every step reached in an activity, for its figures and due list. */
export async function progressOfActivity(db: Db, activityId: string) {
  return db
    .selectFrom('pathway_progress as p')
    .innerJoin('pathway_step as s', 's.id', 'p.step_id')
    .select(['p.participant_id', 'p.step_id', 'p.reached_on', 'p.still_held'])
    .where('s.activity_id', '=', activityId)
    .execute()
}

export async function insertProgress(
  trx: Transaction<DB>,
  row: { participantId: string; stepId: string; reachedOn: string; stillHeld: boolean | null; note: string | null; recordedBy: string },
): Promise<{ id: string } | null> {
  const inserted = await trx
    .insertInto('pathway_progress')
    .values({ participant_id: row.participantId, step_id: row.stepId, reached_on: row.reachedOn, still_held: row.stillHeld, note: row.note, recorded_by: row.recordedBy })
    .onConflict((oc) => oc.columns(['participant_id', 'step_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted ?? null
}

export async function groupsOf(db: Db, activityId: string) {
  return db.selectFrom('activity_group').select(['id', 'name', 'starts_on', 'ends_on']).where('activity_id', '=', activityId).orderBy('starts_on').orderBy('name').execute()
}

/**
 * Each group's sessions and attendance (decision 030): sessions held for the group, attendances
 * marked present at them, and the young people present at least once. No names leave.
 */
export async function groupAttendanceOf(db: Db, activityId: string) {
  const rows = await db
    .selectFrom('activity_group as g')
    .leftJoin('activity_session as s', (j) => j.onRef('s.group_id', '=', 'g.id').onRef('s.activity_id', '=', 'g.activity_id'))
    .leftJoin('session_attendance as sa', (j) => j.onRef('sa.session_id', '=', 's.id').on('sa.status', '=', 'present'))
    .leftJoin('enrolment as e', 'e.id', 'sa.enrolment_id')
    .select((eb) => [
      'g.id',
      eb.fn.count<string>('s.id').distinct().as('sessions'),
      eb.fn.count<string>('sa.enrolment_id').as('present'),
      eb.fn.count<string>('e.participant_id').distinct().as('young_people'),
    ])
    .where('g.activity_id', '=', activityId)
    .groupBy('g.id')
    .execute()
  return new Map(rows.map((r) => [r.id, { sessions: Number(r.sessions), present: Number(r.present), youngPeople: Number(r.young_people) }]))
}

export async function insertGroup(trx: Transaction<DB>, row: { activityId: string; name: string; startsOn: string; endsOn: string | null; by: string }): Promise<{ id: string }> {
  return trx
    .insertInto('activity_group')
    .values({ activity_id: row.activityId, name: row.name, starts_on: row.startsOn, ends_on: row.endsOn, created_by: row.by })
    .returning('id')
    .executeTakeFirstOrThrow()
}
