import { PlanList, PlanMemberList } from '../../../shared/plans.ts'
import { api } from '../../lib/api.ts'

export const listPlans = (signal?: AbortSignal) => api.get('/api/plans', PlanList, { signal })

export const listPlanMembers = (planId: string, signal?: AbortSignal) =>
  api.get(`/api/plans/${encodeURIComponent(planId)}/members`, PlanMemberList, { signal })

export const planPath = (planId: string) => `/planer/${encodeURIComponent(planId)}`
