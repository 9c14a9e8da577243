import { z } from 'zod'
import { ActivityGroup, type ActivityGroupCreate, DueCheck, FunnelActivity, FunnelFigures, ParticipantPathway, Pathway, type ProgressCreate } from '../../../shared/pathways.ts'
import { api } from '../../lib/api.ts'
import { activityPath } from '../enrolments/activities.api.ts'

const planApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`
const activityApi = (planId: string, activityId: string) => `${planApi(planId)}/activities/${encodeURIComponent(activityId)}`
const Created = z.object({ id: z.uuid() })

/** The page of an activity's funnel: counts per step, the checks due and the groups. */
export const funnelPath = (planId: string, activityId: string) => `${activityPath(planId, activityId)}/tragt`

export { youthMenuPath } from '../../app/menu-paths.ts'
export const listFunnelActivities = (planId: string, signal?: AbortSignal) => api.get(`${planApi(planId)}/pathways`, z.array(FunnelActivity), { signal })

export const readParticipantPathways = (planId: string, participantId: string, signal?: AbortSignal) =>
  api.get(`${planApi(planId)}/participants/${encodeURIComponent(participantId)}/pathways`, z.array(ParticipantPathway), { signal })

export const recordProgress = (planId: string, participantId: string, body: ProgressCreate) =>
  api.post(`${planApi(planId)}/participants/${encodeURIComponent(participantId)}/pathway-progress`, Created, body)

export const readPathway = (planId: string, activityId: string, signal?: AbortSignal) => api.get(`${activityApi(planId, activityId)}/pathway`, Pathway, { signal })
export const readDue = (planId: string, activityId: string, signal?: AbortSignal) => api.get(`${activityApi(planId, activityId)}/pathway/due`, z.array(DueCheck), { signal })
export const readFunnel = (planId: string, activityId: string, period: string, signal?: AbortSignal) =>
  api.get(`${activityApi(planId, activityId)}/funnel?period=${encodeURIComponent(period)}`, FunnelFigures, { signal })
export const listGroups = (planId: string, activityId: string, signal?: AbortSignal) => api.get(`${activityApi(planId, activityId)}/groups`, z.array(ActivityGroup), { signal })
export const createGroup = (planId: string, activityId: string, body: ActivityGroupCreate) => api.post(`${activityApi(planId, activityId)}/groups`, Created, body)
export const readAgreementFunnels = (planId: string, agreementId: string, period: string, signal?: AbortSignal) =>
  api.get(`${planApi(planId)}/agreements/${encodeURIComponent(agreementId)}/funnels?period=${encodeURIComponent(period)}`, z.array(FunnelFigures), { signal })
