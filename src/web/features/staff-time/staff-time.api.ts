import { z } from 'zod'
import {
  type ConversationCreate,
  ConversationList,
  type QuarterCloseCreate,
  QuarterView,
  StaffTimeImportCommitted,
  StaffTimeImportPreview,
  StaffTimeOptions,
  StaffTimeSettingsUpdate,
  type TimeEntryCreate,
  TimeEntryList,
  type QuarterReopen,
} from '../../../shared/staff-time.ts'
import { api, type UploadOptions } from '../../lib/api.ts'

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/staff-time`

export { staffTimePath } from '../../app/menu-paths.ts'
export const planStaffTimePath = (planId: string) => `/planer/${encodeURIComponent(planId)}/tid`
export const conversationPath = (planId: string) => `${planStaffTimePath(planId)}/samtaler`
export const hoursPath = (planId: string) => `${planStaffTimePath(planId)}/timer`
export const quarterPath = (planId: string, agreementId: string, quarter?: string) =>
  `${planStaffTimePath(planId)}/delaftaler/${encodeURIComponent(agreementId)}${quarter ? `?kvartal=${encodeURIComponent(quarter)}` : ''}`
export const quarterCsvUrl = (planId: string, agreementId: string, quarter: string) => `${base(planId)}/agreements/${encodeURIComponent(agreementId)}/quarter.csv?quarter=${encodeURIComponent(quarter)}`

export const readOptions = (planId: string, signal?: AbortSignal) => api.get(`${base(planId)}/options`, StaffTimeOptions, { signal })
export const listConversations = (planId: string, signal?: AbortSignal) => api.get(`${base(planId)}/conversations`, ConversationList, { signal })
export const createConversation = (planId: string, body: ConversationCreate) => api.post(`${base(planId)}/conversations`, z.object({ id: z.uuid() }), body)
export const listMyHours = (planId: string, signal?: AbortSignal) => api.get(`${base(planId)}/hours`, TimeEntryList, { signal })
export const registerHours = (planId: string, body: TimeEntryCreate) => api.post(`${base(planId)}/hours`, z.object({ id: z.uuid(), replaced: z.boolean() }), body)
export const readQuarter = (planId: string, agreementId: string, quarter: string | null, signal?: AbortSignal) =>
  api.get(`${base(planId)}/agreements/${encodeURIComponent(agreementId)}/quarter${quarter ? `?quarter=${encodeURIComponent(quarter)}` : ''}`, QuarterView, { signal })
export const closeQuarter = (planId: string, agreementId: string, body: QuarterCloseCreate) =>
  api.post(`${base(planId)}/agreements/${encodeURIComponent(agreementId)}/closes`, z.object({ id: z.uuid(), totalHours: z.number() }), body)

/** The two imports of the job centre's own files (decision 015): where each is staged, by plan (and agreement, for time sheets). */
export const reopenQuarter = (planId: string, agreementId: string, body: QuarterReopen) => api.post(`${base(planId)}/agreements/${encodeURIComponent(agreementId)}/reopenings`, null, body)
export const calendarImportPath = (planId: string) => `${conversationPath(planId)}/importer`
export const timeSheetImportPath = (planId: string, agreementId: string) => `${planStaffTimePath(planId)}/delaftaler/${encodeURIComponent(agreementId)}/timeskema`
const calendarImports = (planId: string) => `${base(planId)}/calendar/imports`
const timeSheetImports = (planId: string, agreementId: string) => `${base(planId)}/agreements/${encodeURIComponent(agreementId)}/time-sheets/imports`

export interface StaffTimeImportTarget {
  upload: (file: File, options: UploadOptions) => Promise<StaffTimeImportPreview>
  commit: (importId: string) => Promise<{ rowCount: number }>
  discard: (importId: string) => Promise<unknown>
}

function importTarget(url: string): StaffTimeImportTarget {
  return {
    upload: (file, options) => api.upload(`${url}?${new URLSearchParams({ fileName: file.name }).toString()}`, StaffTimeImportPreview, file, options),
    commit: (importId) => api.post(`${url}/${encodeURIComponent(importId)}/commit`, StaffTimeImportCommitted),
    discard: (importId) => api.post(`${url}/${encodeURIComponent(importId)}/discard`, null),
  }
}
export const calendarImport = (planId: string) => importTarget(calendarImports(planId))
export const timeSheetImport = (planId: string, agreementId: string) => importTarget(timeSheetImports(planId, agreementId))
export const updateSettings = (planId: string, body: StaffTimeSettingsUpdate) => api.put(`${base(planId)}/settings`, StaffTimeSettingsUpdate, body)
