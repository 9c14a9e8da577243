import { DueChecks } from '../../../shared/due-checks.ts'
import { api } from '../../lib/api.ts'

export const readDueChecks = (planId: string, signal?: AbortSignal) => api.get(`/api/plans/${encodeURIComponent(planId)}/due-checks`, DueChecks, { signal })

/** Marks a notice of new access to residents seen (decision 041). */
export const acknowledgeAccessNotice = (noticeId: string) => api.post(`/api/access-notices/${encodeURIComponent(noticeId)}/acknowledgement`, null)
