import { type Transaction, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

// SQL for placements (decision 022). The callers are this folder's services, which decide per
// resident what may leave through the resident gate. Two writes reach outside the placement's own
// tables, in the same transaction as the placement: the opening's status follows its places taken,
// and a course exit the placement follows gets the placement as its destination.

type Db = Database | Transaction<DB>

const placementColumns = [
  'pl.id',
  'pl.plan_id',
  'pl.opening_id',
  'pl.participant_id',
  'pl.enrolment_id',
  'pl.start_on',
  'pl.planned_end_on',
  'pl.hours_per_week',
  'pl.mentor',
  'pl.end_on',
  'pl.outcome',
  'pl.outcome_on',
  'pl.end_note',
  'pl.version',
] as const

function placements(db: Db) {
  return db
    .selectFrom('placement as pl')
    .innerJoin('opening as o', 'o.id', 'pl.opening_id')
    .innerJoin('company as co', 'co.id', 'o.company_id')
    .innerJoin('participant as p', 'p.id', 'pl.participant_id')
    .select(placementColumns)
    .select(['o.title as opening_title', 'o.kind as opening_kind', 'co.id as company_id', 'co.name as company_name', 'p.pseudonym', 'p.name as participant_name'])
    .select(sql<boolean>`exists (select 1 from placement_followup f where f.placement_id = pl.id and f.kind = 'three-months')`.as('three_months_answered'))
}

export type PlacementRow = Awaited<ReturnType<typeof placementOfPlan>> & object

export async function placementOfPlan(db: Db, planId: string, placementId: string) {
  return placements(db).where('pl.plan_id', '=', planId).where('pl.id', '=', placementId).executeTakeFirst()
}

export async function placementsOfPlan(db: Db, planId: string, filter: { companyId?: string; participantId?: string }) {
  let q = placements(db).where('pl.plan_id', '=', planId)
  if (filter.companyId) q = q.where('co.id', '=', filter.companyId)
  if (filter.participantId) q = q.where('pl.participant_id', '=', filter.participantId)
  return q.orderBy('pl.start_on', 'desc').orderBy('pl.id').execute()
}

/** The plan's placements that are or led to a job and whose three-month question is unanswered. */
export async function unansweredJobPlacements(db: Db, planId: string, jobKinds: readonly string[]) {
  return placements(db)
    .where('pl.plan_id', '=', planId)
    .where((eb) => eb.or([eb('o.kind', 'in', [...jobKinds]), eb('pl.outcome', '=', 'job')]))
    .where(sql<boolean>`not exists (select 1 from placement_followup f where f.placement_id = pl.id and f.kind = 'three-months')`)
    .execute()
}

export async function followupsOf(db: Db, placementId: string) {
  return db
    .selectFrom('placement_followup as f')
    .leftJoin('app_user as u', 'u.id', 'f.written_by')
    .select(['f.id', 'f.kind', 'f.held_on', 'f.still_in_job', 'f.note', 'u.name as written_by_name'])
    .where('f.placement_id', '=', placementId)
    .orderBy('f.held_on', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute()
}

/** The opening with its places taken (placements not yet ended), locked for the placement being written. */
export async function lockOpening(trx: Transaction<DB>, planId: string, openingId: string) {
  const opening = await trx
    .selectFrom('opening as o')
    .innerJoin('company as co', 'co.id', 'o.company_id')
    .select(['o.id', 'o.title', 'o.kind', 'o.places', 'o.status', 'co.name as company_name'])
    .where('o.plan_id', '=', planId)
    .where('o.id', '=', openingId)
    .forUpdate('o')
    .executeTakeFirst()
  if (!opening) return undefined
  return { ...opening, taken: await placesTaken(trx, openingId) }
}

export async function placesTaken(db: Db, openingId: string): Promise<number> {
  const row = await db.selectFrom('placement').select(sql<number>`count(*)::int`.as('n')).where('opening_id', '=', openingId).where('end_on', 'is', null).executeTakeFirstOrThrow()
  return row.n
}

export async function setOpeningStatus(trx: Transaction<DB>, openingId: string, status: string): Promise<void> {
  await trx.updateTable('opening').set({ status, updated_at: sql`now()` }).where('id', '=', openingId).execute()
}

/** Open openings of the plan with their places taken, for the form that places a resident. */
export async function openingChoices(db: Db, planId: string) {
  return db
    .selectFrom('opening as o')
    .innerJoin('company as co', 'co.id', 'o.company_id')
    .select(['o.id', 'o.title', 'o.kind', 'o.places', 'co.name as company_name'])
    .select(sql<number>`(select count(*)::int from placement pl where pl.opening_id = o.id and pl.end_on is null)`.as('taken'))
    .where('o.plan_id', '=', planId)
    .where('o.status', '=', 'open')
    .orderBy('co.name')
    .orderBy('o.title')
    .execute()
}

export async function enrolmentOfParticipant(db: Db, participantId: string, enrolmentId: string) {
  return db
    .selectFrom('enrolment as e')
    .innerJoin('activity as a', 'a.id', 'e.activity_id')
    .select(['e.id', 'e.exit_on', 'e.exit_reason', 'e.destination_on', 'a.name as activity_name'])
    .where('e.id', '=', enrolmentId)
    .where('e.participant_id', '=', participantId)
    .executeTakeFirst()
}

/**
 * The course exit now has a destination: the placement. A reason or a day already recorded stays
 * as recorded; only what is missing is filled in, so the exit figures count the transition.
 */
export async function fillExitDestination(trx: Transaction<DB>, enrolmentId: string, startOn: string): Promise<boolean> {
  const result = await trx
    .updateTable('enrolment')
    .set({
      exit_reason: sql`coalesce(exit_reason, 'virksomhedspraktik')`,
      destination_on: sql`coalesce(destination_on, ${startOn}::date)`,
      updated_at: sql`now()`,
      version: sql`version + 1`,
    })
    .where('id', '=', enrolmentId)
    .where((eb) => eb.or([eb('exit_reason', 'is', null), eb('destination_on', 'is', null)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function insertPlacement(
  trx: Transaction<DB>,
  p: { planId: string; openingId: string; participantId: string; enrolmentId: string | null; startOn: string; plannedEndOn: string | null; hoursPerWeek: number | null; mentor: string | null; createdBy: string },
): Promise<string> {
  const row = await trx
    .insertInto('placement')
    .values({
      plan_id: p.planId,
      opening_id: p.openingId,
      participant_id: p.participantId,
      enrolment_id: p.enrolmentId,
      start_on: p.startOn,
      planned_end_on: p.plannedEndOn,
      hours_per_week: p.hoursPerWeek === null ? null : String(p.hoursPerWeek),
      mentor: p.mentor,
      created_by: p.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updatePlacement(
  trx: Transaction<DB>,
  id: string,
  version: number,
  p: { plannedEndOn: string | null; hoursPerWeek: number | null; mentor: string | null; endOn: string | null; outcome: string | null; outcomeOn: string | null; endNote: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('placement')
    .set({
      planned_end_on: p.plannedEndOn,
      hours_per_week: p.hoursPerWeek === null ? null : String(p.hoursPerWeek),
      mentor: p.mentor,
      end_on: p.endOn,
      outcome: p.outcome,
      outcome_on: p.outcomeOn,
      end_note: p.endNote,
      updated_at: sql`now()`,
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function insertFollowup(trx: Transaction<DB>, f: { placementId: string; kind: string; heldOn: string; stillInJob: boolean | null; note: string | null; writtenBy: string }): Promise<string> {
  const row = await trx
    .insertInto('placement_followup')
    .values({ placement_id: f.placementId, kind: f.kind, held_on: f.heldOn, still_in_job: f.stillInJob, note: f.note, written_by: f.writtenBy })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The facts the figures are made from: every placement of the plan, with its company. */
/**
 * The placement figures of a period counted in SQL, each count as placement-figures.ts defines it
 * (its pure rules are the definition; a test holds the two to the same answers on made timelines).
 * Only the placements that touch the period are read: started by its last day, not ended before its first.
 */
export async function placementCountsIn(db: Db, planId: string, from: string, to: string, asOf: string, windowDays: number) {
  const row = await sql<{ started: string; completed: string; numerator: string; pending: string; ended: string }>`
    with pl as (
      select start_on, end_on, outcome,
        (outcome in ('job', 'education') and coalesce(outcome_on, end_on + 1) <= end_on + ${windowDays}::int and coalesce(outcome_on, end_on + 1) <= ${asOf}::date) as led_to_work
      from placement
      where plan_id = ${planId} and start_on <= ${to}::date and (end_on is null or end_on >= ${from}::date)
    )
    select
      count(*) filter (where start_on between ${from}::date and ${to}::date) as started,
      count(*) filter (where end_on between ${from}::date and ${to}::date and outcome is not null and outcome <> 'dropped-out') as completed,
      count(*) filter (where end_on between ${from}::date and ${to}::date and led_to_work) as numerator,
      count(*) filter (where end_on between ${from}::date and ${to}::date and not led_to_work and ${asOf}::date < end_on + ${windowDays}::int) as pending,
      count(*) filter (where end_on between ${from}::date and ${to}::date) as ended
    from pl`.execute(db)
  const r = row.rows[0]!
  return { started: Number(r.started), completed: Number(r.completed), numerator: Number(r.numerator), pending: Number(r.pending), ended: Number(r.ended) }
}

/** One placement per company that ran at least one day of the period: what makes a company active. */
export async function placementSpansIn(db: Db, planId: string, from: string, to: string) {
  return db
    .selectFrom('placement as pl')
    .innerJoin('opening as o', 'o.id', 'pl.opening_id')
    .distinctOn('o.company_id')
    .select(['o.company_id', 'pl.start_on', 'pl.end_on'])
    .where('pl.plan_id', '=', planId)
    .where('pl.start_on', '<=', to)
    .where((eb) => eb.or([eb('pl.end_on', 'is', null), eb('pl.end_on', '>=', from)]))
    .orderBy('o.company_id')
    .execute()
}
