import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

type Db = Database | Transaction<DB>

export async function fundingPeriod(db: Db, code: string) {
  return db
    .selectFrom('funding_period')
    .select(['code', 'name', sql<string>`starts_on::text`.as('startsOn'), sql<string>`ends_on::text`.as('endsOn')])
    .where('code', '=', code)
    .executeTakeFirst()
}

export async function effortAreas(db: Db, fundingPeriodCode: string) {
  return db
    .selectFrom('effort_area')
    .select(['code', 'name', 'funding_period as fundingPeriod'])
    .where('funding_period', '=', fundingPeriodCode)
    .orderBy('sort_order')
    .execute()
}

export async function findAgreementByKey(db: Db, planId: string, key: string) {
  return db.selectFrom('agreement').selectAll().where('plan_id', '=', planId).where('key', '=', key).executeTakeFirst()
}

/** How many agreements began as a seed file (their first revision came from the seed). */
export async function countSeededAgreements(db: Db): Promise<number> {
  const row = await db.selectFrom('agreement_revision').select((eb) => eb.fn.countAll<number>().as('n')).where('number', '=', 1).where('source', '=', 'seed').executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The agreement row, locked until the transaction ends, so two saves cannot both become revision N. */
export async function lockAgreement(trx: Transaction<DB>, agreementId: string) {
  return trx.selectFrom('agreement').selectAll().where('id', '=', agreementId).forUpdate().executeTakeFirst()
}

export async function insertAgreement(trx: Transaction<DB>, row: { planId: string; key: string; fundingPeriod: string; effortArea: string }) {
  return (
    await trx
      .insertInto('agreement')
      .values({ plan_id: row.planId, key: row.key, funding_period: row.fundingPeriod, effort_area: row.effortArea })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

const revisionColumns = [
  'r.id',
  'r.agreement_id',
  'r.number',
  sql<string>`r.effective_from::text`.as('effective_from'),
  'r.board_decision',
  'r.note',
  'r.source',
  'r.plan_section',
  'r.content',
  'r.content_hash',
  'r.created_by_label',
  'r.created_at',
  'u.name as created_by_name',
] as const

function revisions(db: Db) {
  return db.selectFrom('agreement_revision as r').leftJoin('app_user as u', 'u.id', 'r.created_by')
}

export async function latestRevision(db: Db, agreementId: string) {
  return revisions(db).select(revisionColumns).where('r.agreement_id', '=', agreementId).orderBy('r.number', 'desc').limit(1).executeTakeFirst()
}

export async function revisionByNumber(db: Db, agreementId: string, number: number) {
  return revisions(db).select(revisionColumns).where('r.agreement_id', '=', agreementId).where('r.number', '=', number).executeTakeFirst()
}

export type RevisionRow = NonNullable<Awaited<ReturnType<typeof latestRevision>>>

/** Every revision's metadata, newest first (without the documents). */
export async function revisionList(db: Db, agreementId: string) {
  return revisions(db)
    .select([
      'r.number',
      sql<string>`r.effective_from::text`.as('effective_from'),
      'r.board_decision',
      'r.note',
      'r.source',
      'r.created_by_label',
      'r.created_at',
      'u.name as created_by_name',
    ])
    .where('r.agreement_id', '=', agreementId)
    .orderBy('r.number', 'desc')
    .execute()
}

export async function insertRevision(
  trx: Transaction<DB>,
  row: {
    agreementId: string
    number: number
    effectiveFrom: string
    boardDecision: string
    note: string | null
    source: 'seed' | 'import' | 'edit'
    planSection: unknown
    content: unknown
    contentHash: string
    createdBy: string | null
    createdByLabel: string
  },
): Promise<void> {
  await trx
    .insertInto('agreement_revision')
    .values({
      agreement_id: row.agreementId,
      number: row.number,
      effective_from: row.effectiveFrom,
      board_decision: row.boardDecision,
      note: row.note,
      source: row.source,
      plan_section: JSON.stringify(row.planSection),
      content: JSON.stringify(row.content),
      content_hash: row.contentHash,
      created_by: row.createdBy,
      created_by_label: row.createdByLabel,
    })
    .execute()
}

/**
 * The agreements of the given plans, each with its latest revision's number and content hash but
 * not its documents, in the order of agreementsWithLatest: to read the documents only when not known.
 */
export async function latestRevisionHeads(db: Db, planIds: readonly string[]) {
  if (planIds.length === 0) return []
  return db
    .selectFrom('agreement as a')
    .innerJoin('plan as p', 'p.id', 'a.plan_id')
    .innerJoin('effort_area as e', (j) => j.onRef('e.funding_period', '=', 'a.funding_period').onRef('e.code', '=', 'a.effort_area'))
    .innerJoin('agreement_revision as r', (j) =>
      j.onRef('r.agreement_id', '=', 'a.id').on(sql<boolean>`r.number = (select max(r2.number) from agreement_revision r2 where r2.agreement_id = a.id)`),
    )
    .select(['a.id', 'a.plan_id', 'e.name as effort_area_name', 'r.id as revision_id', 'r.agreement_id', 'r.number', 'r.content_hash'])
    .where('a.plan_id', 'in', [...planIds])
    .orderBy('p.municipality')
    .orderBy('e.sort_order')
    .orderBy('a.key')
    .execute()
}

/** The content of these revisions (by revision id). */
export async function revisionContents(db: Db, revisionIds: readonly string[]) {
  if (revisionIds.length === 0) return []
  return db.selectFrom('agreement_revision as r').select(['r.id', 'r.agreement_id', 'r.number', 'r.content_hash', 'r.content']).where('r.id', 'in', [...revisionIds]).execute()
}

/** Agreements of the given plans (all plans when null), each with its latest revision. */
export async function agreementsWithLatest(db: Db, planIds: readonly string[] | null) {
  let query = db
    .selectFrom('agreement as a')
    .innerJoin('plan as p', 'p.id', 'a.plan_id')
    .innerJoin('effort_area as e', (j) => j.onRef('e.funding_period', '=', 'a.funding_period').onRef('e.code', '=', 'a.effort_area'))
    .innerJoin('agreement_revision as r', (j) =>
      j.onRef('r.agreement_id', '=', 'a.id').on(sql<boolean>`r.number = (select max(r2.number) from agreement_revision r2 where r2.agreement_id = a.id)`),
    )
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .select([
      'a.id',
      'a.plan_id',
      'a.key',
      'a.funding_period',
      'a.effort_area',
      'e.name as effort_area_name',
      'e.sort_order',
      'p.name as plan_name',
      'p.municipality',
      // Not r.id: the row's id is the agreement's.
      ...revisionColumns.filter((c) => typeof c !== 'string' || !['r.id', 'u.name as created_by_name'].includes(c)),
      'u.name as created_by_name',
    ])
    .orderBy('p.municipality')
    .orderBy('e.sort_order')
    .orderBy('a.key')
  if (planIds) {
    if (planIds.length === 0) return []
    query = query.where('a.plan_id', 'in', [...planIds])
  }
  return query.execute()
}

export async function agreementInPlan(db: Db, planId: string, agreementId: string) {
  return db
    .selectFrom('agreement as a')
    .innerJoin('effort_area as e', (j) => j.onRef('e.funding_period', '=', 'a.funding_period').onRef('e.code', '=', 'a.effort_area'))
    .select(['a.id', 'a.plan_id', 'a.key', 'a.funding_period', 'a.effort_area', 'e.name as effort_area_name'])
    .where('a.id', '=', agreementId)
    .where('a.plan_id', '=', planId)
    .executeTakeFirst()
}

/**
 * An agreement (on `planId` when given) with its latest revision's number, hash and plan section,
 * without the document: one query for reads that usually know the document already.
 */
export async function agreementWithLatestHead(db: Db, agreementId: string, planId: string | null) {
  let query = db
    .selectFrom('agreement as a')
    .innerJoin('effort_area as e', (j) => j.onRef('e.funding_period', '=', 'a.funding_period').onRef('e.code', '=', 'a.effort_area'))
    .innerJoin('agreement_revision as r', (j) =>
      j.onRef('r.agreement_id', '=', 'a.id').on(sql<boolean>`r.number = (select max(r2.number) from agreement_revision r2 where r2.agreement_id = a.id)`),
    )
    .select(['a.id', 'a.plan_id', 'e.name as effort_area_name', 'r.id as revision_id', 'r.agreement_id', 'r.number', 'r.content_hash', 'r.plan_section'])
    .where('a.id', '=', agreementId)
  if (planId !== null) query = query.where('a.plan_id', '=', planId)
  return query.executeTakeFirst()
}

export async function agreementById(db: Db, agreementId: string) {
  return db
    .selectFrom('agreement as a')
    .innerJoin('effort_area as e', (j) => j.onRef('e.funding_period', '=', 'a.funding_period').onRef('e.code', '=', 'a.effort_area'))
    .innerJoin('plan as p', 'p.id', 'a.plan_id')
    .select(['a.id', 'a.plan_id', 'a.key', 'a.funding_period', 'a.effort_area', 'e.name as effort_area_name', 'p.municipality'])
    .where('a.id', '=', agreementId)
    .executeTakeFirst()
}

/** Adds the plan's housing areas and departments named by an agreement file (never removes: other agreements may name others). */
export async function upsertPlanStructure(
  trx: Transaction<DB>,
  planId: string,
  section: { housingAreas: { name: string }[]; departments: { number: string; name?: string | undefined; housingArea?: string | undefined }[] },
): Promise<void> {
  for (const area of section.housingAreas) {
    await trx.insertInto('housing_area').values({ plan_id: planId, name: area.name }).onConflict((oc) => oc.columns(['plan_id', 'name']).doNothing()).execute()
  }
  for (const dep of section.departments) {
    const areaId = dep.housingArea
      ? ((await trx.selectFrom('housing_area').select('id').where('plan_id', '=', planId).where('name', '=', dep.housingArea).executeTakeFirst())?.id ?? null)
      : null
    await trx
      .insertInto('department')
      .values({ plan_id: planId, number: dep.number, name: dep.name ?? null, housing_area_id: areaId })
      .onConflict((oc) => oc.columns(['plan_id', 'number']).doUpdateSet({ name: dep.name ?? null, housing_area_id: areaId }))
      .execute()
  }
}

/**
 * The plan-level activities of an agreement's latest revision, and the agreement's links to them.
 * Capacity and default length are filled from the agreement's targets only where still empty, so
 * what the project leader set stays (enrolments/activity-defaults.ts).
 */
export async function syncActivities(
  trx: Transaction<DB>,
  planId: string,
  agreementId: string,
  activities: { key: string; name: string; capacity: number | null; defaultWeeks: number | null }[],
): Promise<void> {
  const ids: string[] = []
  for (const act of activities) {
    const row = await trx
      .insertInto('activity')
      .values({ plan_id: planId, key: act.key, name: act.name, capacity: act.capacity, default_weeks: act.defaultWeeks })
      .onConflict((oc) =>
        oc.columns(['plan_id', 'key']).doUpdateSet({
          name: act.name,
          capacity: sql<number | null>`coalesce(activity.capacity, excluded.capacity)`,
          default_weeks: sql<number | null>`coalesce(activity.default_weeks, excluded.default_weeks)`,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.push(row.id)
  }
  await trx.deleteFrom('agreement_activity').where('agreement_id', '=', agreementId).execute()
  if (ids.length) await trx.insertInto('agreement_activity').values(ids.map((id) => ({ agreement_id: agreementId, activity_id: id }))).execute()
}
