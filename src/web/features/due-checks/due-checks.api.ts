import { DueChecks } from '../../../shared/due-checks.ts'
import { api } from '../../lib/api.ts'

export const readDueChecks = (planId: string, signal?: AbortSignal) => api.get(`/api/plans/${encodeURIComponent(planId)}/due-checks`, DueChecks, { signal })
