import { z } from 'zod'
import { type ActionDeletion, CompanyMeetings, Meeting, type MeetingCreate, MeetingList, type MeetingUpdate, MyActions } from '../../../shared/meetings.ts'
import { api } from '../../lib/api.ts'
import { planPath } from '../plans/plans.api.ts'

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/meetings`

export const MEETINGS_TITLE = 'Møder'
export { meetingsMenuPath } from '../../app/menu-paths.ts'
export const meetingsPath = (planId: string) => `${planPath(planId)}/moeder`
export const newMeetingPath = (planId: string) => `${meetingsPath(planId)}/nyt`
export const meetingPath = (planId: string, meetingId: string) => `${meetingsPath(planId)}/${encodeURIComponent(meetingId)}`
export const editMeetingPath = (planId: string, meetingId: string) => `${meetingPath(planId, meetingId)}/ret`

export const listMeetings = (planId: string, signal?: AbortSignal) => api.get(base(planId), MeetingList, { signal })
export const readMeeting = (planId: string, meetingId: string, signal?: AbortSignal) => api.get(`${base(planId)}/${encodeURIComponent(meetingId)}`, Meeting, { signal })
export const createMeeting = (planId: string, body: MeetingCreate) => api.post(base(planId), z.object({ id: z.uuid() }), body)
export const updateMeeting = (planId: string, meetingId: string, body: MeetingUpdate) => api.put(`${base(planId)}/${encodeURIComponent(meetingId)}`, z.object({ id: z.uuid() }), body)
export const readMyActions = (planId: string, signal?: AbortSignal) => api.get(`${base(planId)}/my-actions`, MyActions, { signal })
export const markActionDone = (planId: string, actionId: string) => api.post(`${base(planId)}/actions/${encodeURIComponent(actionId)}/done`, null)
export const deleteAction = (planId: string, actionId: string, body: ActionDeletion) => api.post(`${base(planId)}/actions/${encodeURIComponent(actionId)}/deletion`, null, body)
export const readCompanyMeetings = (planId: string, companyId: string, signal?: AbortSignal) =>
  api.get(`/api/plans/${encodeURIComponent(planId)}/companies/${encodeURIComponent(companyId)}/meetings`, CompanyMeetings, { signal })
