import { z } from 'zod'
import { Enrolment, type EnrolmentCreate, type EnrolmentReopening, type EnrolmentUpdate, type FollowupCorrection, type FollowupCreate } from '../../../shared/enrolments.ts'
import { api } from '../../lib/api.ts'

const planApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`
const enrolmentApi = (planId: string, enrolmentId: string) => `${planApi(planId)}/enrolments/${encodeURIComponent(enrolmentId)}`
const Created = z.object({ id: z.uuid() })

/** Refused with capacity_full when the activity is full on the start day, unless `allowOverbooking`. */
export const enrol = (planId: string, participantId: string, body: EnrolmentCreate) =>
  api.post(`${planApi(planId)}/participants/${encodeURIComponent(participantId)}/enrolments`, Created, body)

export const readEnrolment = (planId: string, enrolmentId: string, signal?: AbortSignal) => api.get(enrolmentApi(planId, enrolmentId), Enrolment, { signal })

/** Refused with conflict when someone else saved the enrolment after `version` was read. */
export const updateEnrolment = (planId: string, enrolmentId: string, body: EnrolmentUpdate) => api.put(enrolmentApi(planId, enrolmentId), null, body)

export const addFollowup = (planId: string, enrolmentId: string, body: FollowupCreate) => api.post(`${enrolmentApi(planId, enrolmentId)}/followups`, Created, body)

export const correctFollowup = (planId: string, enrolmentId: string, followupId: string, body: FollowupCorrection) =>
  api.put(`${enrolmentApi(planId, enrolmentId)}/followups/${encodeURIComponent(followupId)}`, null, body)

/** Refused with capacity_full when a started course would take a place in a full activity, unless `allowOverbooking`. */
export const reopenEnrolment = (planId: string, enrolmentId: string, body: EnrolmentReopening) => api.post(`${enrolmentApi(planId, enrolmentId)}/reopening`, null, body)
