import { roleRule } from '../../../shared/permissions.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import type { Role } from '../../../shared/users.ts'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/types.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Authority, auditActor, type Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import * as repo from './plans.repo.ts'

/** The plans the actor may see: their own; an administrator sees every plan (to grant access to it). */
export async function visiblePlans(ctx: AppContext, grant: Grant<'plans', 'read'>): Promise<PlanDto[]> {
  return repo.listPlans(ctx.db, roleRule(grant.actor.role).listsEveryPlan ? null : grant.actor.planIds)
}

export async function planMembers(ctx: AppContext, grant: Grant<'plan-members', 'read'>) {
  const rows = await repo.listMembers(ctx.db, grant.planId!)
  return rows.map((r) => ({ ...r, role: r.role as Role }))
}

/** Every plan, for the operator at the command line (who picks plans by id, name or municipality). */
export async function listPlansForCli(ctx: AppContext): Promise<PlanDto[]> {
  return repo.listPlans(ctx.db, null)
}

/** The one plan an operator names by id, name or municipality; a Danish error lists the plans otherwise. */
export async function findPlanForCli(ctx: AppContext, wanted: string): Promise<PlanDto> {
  const plans = await listPlansForCli(ctx)
  const matches = plans.filter((p) => [p.id, p.name.toLowerCase(), p.municipality.toLowerCase()].includes(wanted.toLowerCase()))
  if (matches.length !== 1) {
    throw new AppError('validation', `Planen "${wanted}" ${matches.length ? 'er tvetydig' : 'findes ikke'}. Planer: ${plans.map((p) => `${p.municipality}: ${p.name}`).join('; ')}`)
  }
  return matches[0]!
}

/**
 * The plan an imported agreement names, created (and audited) if Indsats does not have it yet.
 * Runs inside the caller's transaction so a failed import leaves no plan behind.
 */
export async function ensurePlan(
  trx: Transaction<DB>,
  authority: Authority,
  plan: { name: string; municipality: string },
  details: Record<string, unknown>,
): Promise<{ id: string; created: boolean }> {
  const found = await repo.findOrCreatePlan(trx, plan)
  if (found.created) {
    await writeAudit(trx, { actor: auditActor(authority), action: 'create', entity: 'plan', entityId: found.id, planId: found.id, details: { ...plan, ...details } })
  }
  return found
}
