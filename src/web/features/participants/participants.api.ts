import { z } from 'zod'
import { type DuplicateCheck, type ErasureDecision, type ErasureRequestCreate, ErasureRequestList, type NoteCreate, type ParticipantExportFormat, CprReveal, ParticipantMerged, PossibleDuplicates, Participant, ParticipantCreate, ParticipantForm, ParticipantList, ParticipantUpdate } from '../../../shared/participants.ts'
import { api } from '../../lib/api.ts'

const participantsApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/participants`
const participantApi = (planId: string, participantId: string) => `${participantsApi(planId)}/${encodeURIComponent(participantId)}`

export interface ListQuery {
  q: string
  page: number
  includeAnonymised: boolean
}

export const PAGE_SIZE = 50

export const listParticipants = (planId: string, query: ListQuery, signal?: AbortSignal) => {
  const params = new URLSearchParams({ page: String(query.page), pageSize: String(PAGE_SIZE), includeAnonymised: String(query.includeAnonymised) })
  if (query.q.trim()) params.set('q', query.q.trim())
  return api.get(`${participantsApi(planId)}?${params.toString()}`, ParticipantList, { signal })
}

/** The choices of the registration form: housing areas, departments, § 6 codes, and whether CPR is on. */
export const readParticipantForm = (planId: string, signal?: AbortSignal) =>
  api.get(`/api/plans/${encodeURIComponent(planId)}/participant-form`, ParticipantForm, { signal })

export const registerParticipant = (planId: string, body: z.output<typeof ParticipantCreate>) =>
  api.post(participantsApi(planId), z.object({ id: z.uuid(), pseudonym: z.string() }), body)

/** A correction of the resident's record; `version` is the one the form was filled in from. */
export const updateParticipant = (planId: string, participantId: string, body: z.input<typeof ParticipantUpdate>) => api.put(participantApi(planId, participantId), null, body)

/** Residents already registered who may be the same person as the one being registered. */
export const findDuplicates = (planId: string, body: DuplicateCheck) => api.post(`/api/plans/${encodeURIComponent(planId)}/participant-duplicates`, PossibleDuplicates, body)

/** Merges the duplicate, named by its id ("D-0007"), into this resident. */
export const mergeParticipant = (planId: string, participantId: string, duplicate: string) => api.post(`${participantApi(planId, participantId)}/merge`, ParticipantMerged, { duplicate })

export const readParticipant = (planId: string, participantId: string, signal?: AbortSignal) =>
  api.get(participantApi(planId, participantId), Participant, { signal })

export const addNote = (planId: string, participantId: string, body: NoteCreate) =>
  api.post(`${participantApi(planId, participantId)}/notes`, z.object({ id: z.uuid() }), body)

/** The whole CPR number. Every call is a read of its own in the audit log. */
export const revealCpr = (planId: string, participantId: string) => api.get(`${participantApi(planId, participantId)}/cpr`, CprReveal)

/** A plain link target: the server answers with the resident's data as an attachment, JSON or PDF. */
export const exportUrl = (planId: string, participantId: string, format: ParticipantExportFormat) => `${participantApi(planId, participantId)}/export?format=${format}`

export const eraseParticipant = (planId: string, participantId: string, confirmPseudonym: string) =>
  api.post(`${participantApi(planId, participantId)}/erasure`, null, { confirmPseudonym })

/** A resident's erasure requests (decision 036): recorded by the worker, decided by the project leader. */
export const readErasureRequests = (planId: string, participantId: string, signal?: AbortSignal) =>
  api.get(`${participantApi(planId, participantId)}/erasure-requests`, ErasureRequestList, { signal })

export const requestErasure = (planId: string, participantId: string, body: ErasureRequestCreate) =>
  api.post(`${participantApi(planId, participantId)}/erasure-requests`, z.object({ id: z.uuid() }), body)

/** The plan's requests, waiting and decided, of the residents the reader sees in full. */
export const readPlanErasureRequests = (planId: string, signal?: AbortSignal) =>
  api.get(`/api/plans/${encodeURIComponent(planId)}/erasure-requests`, ErasureRequestList, { signal })

export const decideErasure = (planId: string, requestId: string, body: ErasureDecision) =>
  api.post(`/api/plans/${encodeURIComponent(planId)}/erasure-requests/${encodeURIComponent(requestId)}/decision`, null, body)

// Addresses of the pages: in participants.paths.ts, so pages that only link here do not load the contracts.
export { editParticipantPath, erasureRequestsPath, newParticipantPath, participantPath, participantsPath, residentsPath } from './participants.paths.ts'
