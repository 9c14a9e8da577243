import { type FundingPeriodCreate, ReferenceData, type TargetGroupCodeCreate, TargetGroupCodeDto, type TargetGroupCodeUpdate } from '../../../shared/reference-data.ts'
import { api } from '../../lib/api.ts'

export { referenceDataPath } from '../../app/menu-paths.ts'

export const readReferenceData = (signal?: AbortSignal) => api.get('/api/reference-data', ReferenceData, { signal })

export const addTargetGroupCode = (body: TargetGroupCodeCreate) => api.post('/api/reference-data/target-groups', TargetGroupCodeDto, body)

export const updateTargetGroupCode = (code: string, validFrom: string, body: TargetGroupCodeUpdate) =>
  api.put(`/api/reference-data/target-groups/${encodeURIComponent(code)}/${encodeURIComponent(validFrom)}`, TargetGroupCodeDto, body)

export const addFundingPeriod = (body: FundingPeriodCreate) => api.post('/api/reference-data/funding-periods', null, body)
