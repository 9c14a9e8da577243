import { PrivacyOverview, type PrivacySettings, RetentionRun } from '../../../shared/participants.ts'
import { api } from '../../lib/api.ts'
import { planPath } from '../plans/plans.api.ts'

const privacyApi = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/privacy`

export const readPrivacy = (planId: string, signal?: AbortSignal) => api.get(privacyApi(planId), PrivacyOverview, { signal })

export const updatePrivacy = (planId: string, body: PrivacySettings) => api.put(privacyApi(planId), null, body)

/** Anonymises every resident of the plan whose time is up today. */
export const runRetention = (planId: string) => api.post(`${privacyApi(planId)}/retention-run`, RetentionRun)

export const privacyPath = (planId: string) => `${planPath(planId)}/persondata`
