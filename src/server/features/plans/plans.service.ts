import type { PlanDto } from '../../../shared/plans.ts'
import type { Role } from '../../../shared/users.ts'
import type { Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import * as repo from './plans.repo.ts'

/** The plans the actor may see: their own; an administrator sees every plan (to grant access to it). */
export async function visiblePlans(ctx: AppContext, grant: Grant<'plans', 'read'>): Promise<PlanDto[]> {
  return repo.listPlans(ctx.db, grant.actor.role === 'admin' ? null : grant.actor.planIds)
}

export async function planMembers(ctx: AppContext, grant: Grant<'plan-members', 'read'>) {
  const rows = await repo.listMembers(ctx.db, grant.planId!)
  return rows.map((r) => ({ ...r, role: r.role as Role }))
}

/** Every plan, for the operator at the command line (who picks plans by id, name or municipality). */
export async function listPlansForCli(ctx: AppContext): Promise<PlanDto[]> {
  return repo.listPlans(ctx.db, null)
}
