import type { PlanDto } from '../../../shared/plans.ts'
import { ApiError } from '../../lib/api.ts'
import { listPlans } from '../plans/plans.api.ts'

/** The plan a staff-time page is about, for its name; a plan the user does not have reads as not found. */
export async function loadPlan(planId: string, signal: AbortSignal): Promise<PlanDto> {
  const plans = await listPlans(signal)
  const plan = plans.plans.find((p) => p.id === planId)
  if (!plan) throw new ApiError('not_found', 'Helhedsplanen findes ikke.', 404)
  return plan
}

export const STAFF_TIME_TITLE = 'Tid og løfter'
