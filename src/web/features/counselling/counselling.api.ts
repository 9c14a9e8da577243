import { z } from 'zod'
import {
  type AppointmentCreate,
  type Referral,
  AppointmentList,
  CounsellingFiguresDto,
  OccurrenceDetail,
  OccurrenceWeek,
  TopicList,
} from '../../../shared/counselling.ts'
import { api } from '../../lib/api.ts'
import { planPath } from '../plans/plans.api.ts'

const counsellingApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/counselling`
const occurrenceApi = (planId: string, occurrenceId: string) => `${counsellingApi(planId)}/occurrences/${encodeURIComponent(occurrenceId)}`
const Created = z.object({ id: z.uuid() })

export const readWeek = (planId: string, week: string | null, signal?: AbortSignal) =>
  api.get(`${counsellingApi(planId)}/occurrences${week ? `?week=${encodeURIComponent(week)}` : ''}`, OccurrenceWeek, { signal })

export const readOccurrence = (planId: string, occurrenceId: string, signal?: AbortSignal) => api.get(occurrenceApi(planId, occurrenceId), OccurrenceDetail, { signal })

export const checkInOut = (planId: string, occurrenceId: string, action: 'in' | 'out') => api.post(`${occurrenceApi(planId, occurrenceId)}/check`, null, { action })

export const cancelOccurrence = (planId: string, occurrenceId: string, reason: string) => api.post(`${occurrenceApi(planId, occurrenceId)}/cancel`, null, { reason })

export const logInquiry = (planId: string, occurrenceId: string, topicId: string, participantId: string | null = null) =>
  api.post(`${occurrenceApi(planId, occurrenceId)}/inquiries`, Created, { topicId, participantId })

export const referInquiry = (planId: string, inquiryId: string, referral: Referral) =>
  api.put(`${counsellingApi(planId)}/inquiries/${encodeURIComponent(inquiryId)}/referral`, null, { referral })

export const undoLastInquiry = (planId: string, occurrenceId: string) => api.delete(`${occurrenceApi(planId, occurrenceId)}/inquiries/last`)

export const bookAppointment = (planId: string, body: AppointmentCreate) => api.post(`${counsellingApi(planId)}/appointments`, Created, body)

export const readAppointments = (planId: string, from: string | null, signal?: AbortSignal) =>
  api.get(`${counsellingApi(planId)}/appointments${from ? `?from=${encodeURIComponent(from)}` : ''}`, AppointmentList, { signal })

export const readTopics = (planId: string, signal?: AbortSignal) => api.get(`${counsellingApi(planId)}/topics`, TopicList, { signal })
export const addTopic = (planId: string, label: string) => api.post(`${counsellingApi(planId)}/topics`, Created, { label })
export const retireTopic = (planId: string, topicId: string, retired: boolean) => api.put(`${counsellingApi(planId)}/topics/${encodeURIComponent(topicId)}/retired`, null, { retired })

export const readFigures = (planId: string, from: string, to: string, signal?: AbortSignal) =>
  api.get(`${counsellingApi(planId)}/figures?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, CounsellingFiguresDto, { signal })

/** A plain link target: the server answers with the CSV as an attachment. */
export const figuresCsvUrl = (planId: string, from: string, to: string) => `${counsellingApi(planId)}/figures.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`

// Addresses of the pages. Danish, because users see and share them.

export { counsellingMenuPath } from '../../app/menu-paths.ts'
export const counsellingPath = (planId: string, week?: string) => `${planPath(planId)}/aaben-raadgivning${week ? `?uge=${week}` : ''}`
export const occurrencePath = (planId: string, occurrenceId: string) => `${planPath(planId)}/aaben-raadgivning/${encodeURIComponent(occurrenceId)}`
export const counsellingFiguresPath = (planId: string) => `${planPath(planId)}/aaben-raadgivning/noegletal`
