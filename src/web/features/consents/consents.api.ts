import { z } from 'zod'
import type { ConsentCreate } from '../../../shared/consents.ts'
import { type UploadOptions, api } from '../../lib/api.ts'

const planApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`
const consentApi = (planId: string, consentId: string) => `${planApi(planId)}/consents/${encodeURIComponent(consentId)}`

export const recordConsent = (planId: string, participantId: string, body: ConsentCreate) =>
  api.post(`${planApi(planId)}/participants/${encodeURIComponent(participantId)}/consents`, z.object({ id: z.uuid() }), body)

/** Takes effect at once: from `withdrawnOn` the consent allows nothing. */
export const withdrawConsent = (planId: string, consentId: string, withdrawnOn: string) => api.post(`${consentApi(planId, consentId)}/withdrawal`, null, { withdrawnOn })

/** The signed consent, stored as it is: the file's own type goes with it, and its name in the address. */
export const uploadConsentDocument = (planId: string, consentId: string, file: File, options?: UploadOptions) =>
  api.upload(`${consentApi(planId, consentId)}/document?${new URLSearchParams({ fileName: file.name }).toString()}`, null, file, {
    ...options,
    method: 'PUT',
    contentType: file.type,
  })

/** A plain link target: the server answers with the file as an attachment. */
export const consentDocumentUrl = (planId: string, consentId: string) => `${consentApi(planId, consentId)}/document`
