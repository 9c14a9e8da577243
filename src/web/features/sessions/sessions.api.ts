import { z } from 'zod'
import { type SessionCreate, type SessionDeletion, SessionList, type SessionUpdate } from '../../../shared/sessions.ts'
import { api } from '../../lib/api.ts'

const sessionsApi = (planId: string, activityId: string) => `/api/plans/${encodeURIComponent(planId)}/activities/${encodeURIComponent(activityId)}/sessions`

export const listSessions = (planId: string, activityId: string, signal?: AbortSignal) => api.get(sessionsApi(planId, activityId), SessionList, { signal })

export const createSession = (planId: string, activityId: string, body: SessionCreate) => api.post(sessionsApi(planId, activityId), z.object({ id: z.uuid() }), body)

const sessionApi = (planId: string, sessionId: string) => `/api/plans/${encodeURIComponent(planId)}/sessions/${encodeURIComponent(sessionId)}`

export const updateSession = (planId: string, sessionId: string, body: SessionUpdate) => api.put(sessionApi(planId, sessionId), null, body)

export const deleteSession = (planId: string, sessionId: string, body: SessionDeletion) => api.post(`${sessionApi(planId, sessionId)}/deletion`, null, body)
