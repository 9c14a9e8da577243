import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import { preparedSelect } from '../../db/prepared-select.ts'
import type { DB } from '../../db/types.ts'

// The plan list is read on every page; compiled once (decision 043).
const everyPlan = preparedSelect((db) => db.selectFrom('plan').select(['id', 'name', 'municipality']).orderBy('municipality').orderBy('name'))
const plansAmong = preparedSelect((db, ids: readonly string[]) =>
  db.selectFrom('plan').select(['id', 'name', 'municipality']).where('id', '=', sql<string>`any(${ids})`).orderBy('municipality').orderBy('name'),
)

export async function listPlans(db: Database, onlyIds: readonly string[] | null) {
  if (!onlyIds) return everyPlan(db)
  if (onlyIds.length === 0) return []
  return plansAmong(db, onlyIds)
}

export async function listMembers(db: Database, planId: string) {
  return db
    .selectFrom('user_plan as up')
    .innerJoin('app_user as u', 'u.id', 'up.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name', 'u.email', 'u.role', 'o.name as organisation'])
    .where('up.plan_id', '=', planId)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.name')
    .execute()
}

/** The plan's id, and whether it was created now. */
export async function findOrCreatePlan(db: Database | Transaction<DB>, plan: { name: string; municipality: string }): Promise<{ id: string; created: boolean }> {
  const existing = await db
    .selectFrom('plan')
    .select('id')
    .where('name', '=', plan.name)
    .where('municipality', '=', plan.municipality)
    .executeTakeFirst()
  if (existing) return { id: existing.id, created: false }
  const { id } = await db.insertInto('plan').values(plan).returning('id').executeTakeFirstOrThrow()
  await db.insertInto('plan_party').values(DEFAULT_PARTIES.map((party) => ({ ...party, plan_id: id }))).execute()
  return { id, created: true }
}

// Every plan starts with the two parties residents have always been told about (the names migration
// 0008 gave existing plans); the project leader renames them and adds units and partners.
const DEFAULT_PARTIES = [
  { name: 'Den boligsociale helhedsplan', kind: 'boligsocial' },
  { name: 'Jobcentret', kind: 'jobcenter' },
] as const

/**
 * Swaps a plan's default parties for these, for a plan created in the same transaction (nothing
 * refers to its parties yet).
 */
export async function replacePartiesOfNewPlan(trx: Transaction<DB>, planId: string, parties: readonly { name: string; unit: string | null; kind: string }[]): Promise<void> {
  await trx.deleteFrom('plan_party').where('plan_id', '=', planId).execute()
  await trx.insertInto('plan_party').values(parties.map((p) => ({ plan_id: planId, name: p.name, unit: p.unit, kind: p.kind }))).execute()
}

/** The plan's parties in the order they were added, archived ones included. */
export async function partiesOf(db: Database | Transaction<DB>, planId: string) {
  return db.selectFrom('plan_party').select(['id', 'name', 'unit', 'kind', 'data_controller', 'archived_at']).where('plan_id', '=', planId).orderBy('position').execute()
}

export async function partyOfPlan(db: Database | Transaction<DB>, planId: string, partyId: string) {
  return db.selectFrom('plan_party').select(['id', 'name', 'unit', 'kind', 'data_controller', 'archived_at']).where('plan_id', '=', planId).where('id', '=', partyId).executeTakeFirst()
}

export async function partyNamed(db: Database | Transaction<DB>, planId: string, name: string, unit: string | null, exceptId: string | null) {
  let q = db.selectFrom('plan_party').select('id').where('plan_id', '=', planId).where('name', '=', name)
  q = unit === null ? q.where('unit', 'is', null) : q.where('unit', '=', unit)
  if (exceptId) q = q.where('id', '<>', exceptId)
  return q.executeTakeFirst()
}

/** Takes the data-controller mark off every other party of the plan (a plan has at most one). */
export async function clearDataController(trx: Transaction<DB>, planId: string, exceptId: string | null): Promise<void> {
  let q = trx.updateTable('plan_party').set({ data_controller: false }).where('plan_id', '=', planId).where('data_controller', '=', true)
  if (exceptId) q = q.where('id', '<>', exceptId)
  await q.execute()
}

export async function insertParty(trx: Transaction<DB>, values: { plan_id: string; name: string; unit: string | null; kind: string; data_controller: boolean; created_by: string }): Promise<{ id: string }> {
  return trx.insertInto('plan_party').values(values).returning('id').executeTakeFirstOrThrow()
}

export async function updateParty(trx: Transaction<DB>, partyId: string, values: { name: string; unit: string | null; kind: string; data_controller: boolean; archived_at: Date | null }): Promise<void> {
  await trx.updateTable('plan_party').set(values).where('id', '=', partyId).execute()
}

/** Every plan with its live parties, for choosing a user's party per plan. */
export async function livePartiesOfAllPlans(db: Database) {
  return db.selectFrom('plan_party').select(['id', 'plan_id', 'name', 'unit', 'kind', 'data_controller']).where('archived_at', 'is', null).orderBy('position').execute()
}
