import { z } from 'zod'
import { type SessionCreate, SessionList } from '../../../shared/sessions.ts'
import { api } from '../../lib/api.ts'

const sessionsApi = (planId: string, activityId: string) => `/api/plans/${encodeURIComponent(planId)}/activities/${encodeURIComponent(activityId)}/sessions`

export const listSessions = (planId: string, activityId: string, signal?: AbortSignal) => api.get(sessionsApi(planId, activityId), SessionList, { signal })

export const createSession = (planId: string, activityId: string, body: SessionCreate) => api.post(sessionsApi(planId, activityId), z.object({ id: z.uuid() }), body)
