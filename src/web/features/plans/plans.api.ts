import { PlanParty, type PlanPartyCreate, PlanPartyList, type PlanPartyUpdate } from '../../../shared/parties.ts'
import { PlanList, PlanMemberList } from '../../../shared/plans.ts'
import { z } from 'zod'
import { api } from '../../lib/api.ts'

export const listPlans = (signal?: AbortSignal) => api.get('/api/plans', PlanList, { signal })

export const listPlanMembers = (planId: string, signal?: AbortSignal) =>
  api.get(`/api/plans/${encodeURIComponent(planId)}/members`, PlanMemberList, { signal })

export const planPath = (planId: string) => `/planer/${encodeURIComponent(planId)}`

export const listPlanParties = (planId: string, signal?: AbortSignal) => api.get(`/api/plans/${encodeURIComponent(planId)}/parties`, PlanPartyList, { signal })

export const addPlanParty = (planId: string, body: PlanPartyCreate) => api.post(`/api/plans/${encodeURIComponent(planId)}/parties`, PlanParty, body)

export const changePlanParty = (planId: string, partyId: string, body: PlanPartyUpdate) =>
  api.put(`/api/plans/${encodeURIComponent(planId)}/parties/${encodeURIComponent(partyId)}`, PlanParty, body)

/** Every plan's parties, by plan id, for choosing a user's party in each plan. */
export const listPartyChoices = (signal?: AbortSignal) => api.get('/api/users/party-choices', z.object({ plans: z.record(z.string(), z.array(PlanParty)) }), { signal })
