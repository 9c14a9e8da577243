import type { Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

export async function listPlans(db: Database, onlyIds: readonly string[] | null) {
  let query = db.selectFrom('plan').select(['id', 'name', 'municipality']).orderBy('municipality').orderBy('name')
  if (onlyIds) {
    if (onlyIds.length === 0) return []
    query = query.where('id', 'in', [...onlyIds])
  }
  return query.execute()
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
  return { id: (await db.insertInto('plan').values(plan).returning('id').executeTakeFirstOrThrow()).id, created: true }
}
