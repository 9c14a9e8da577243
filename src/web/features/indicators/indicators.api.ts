import { z } from 'zod'
import { type ComparisonFetch, ComparisonFetchPreview } from '../../../shared/comparison-sources.ts'
import {
  type CommentCreate,
  FollowUp,
  FollowUpOutreach,
  FollowUpOverview,
  ImportPreview,
  IndicatorComment,
  IndicatorValueDto,
  PeriodLock,
  type PeriodLockChange,
  type Population,
  type ValueCreate,
  ValueHistory,
  type ValueRetraction,
} from '../../../shared/indicators.ts'
import { type UploadOptions, api } from '../../lib/api.ts'
import { agreementPath } from '../agreements/agreements.api.ts'

const agreementApi = (planId: string, agreementId: string) => `/api/plans/${encodeURIComponent(planId)}/agreements/${encodeURIComponent(agreementId)}`

/** Every indicator of every agreement on the user's plans, or on one plan. */
export const readOverview = (planId: string | undefined, signal?: AbortSignal) =>
  api.get(planId ? `/api/plans/${encodeURIComponent(planId)}/follow-up` : '/api/follow-up', FollowUpOverview, { signal })

export const readFollowUp = (planId: string, agreementId: string, signal?: AbortSignal) =>
  api.get(`${agreementApi(planId, agreementId)}/follow-up`, FollowUp, { signal })

/** The follow-up's quarter of open counselling and staff time; no quarter: the last one over. */
export const readFollowUpOutreach = (planId: string, agreementId: string, quarter: string | null, signal?: AbortSignal) =>
  api.get(`${agreementApi(planId, agreementId)}/follow-up/outreach${quarter ? `?quarter=${encodeURIComponent(quarter)}` : ''}`, FollowUpOutreach, { signal })

export const addValue = (planId: string, agreementId: string, body: ValueCreate) => api.post(`${agreementApi(planId, agreementId)}/values`, IndicatorValueDto, body)

export interface ValueKey {
  indicatorKey: string
  rowKey: string
  population: Population
  period: string
}

export const retractValue = (planId: string, agreementId: string, body: ValueRetraction) =>
  api.post(`${agreementApi(planId, agreementId)}/values/retraction`, IndicatorValueDto, body)

export const readValueHistory = (planId: string, agreementId: string, key: ValueKey, signal?: AbortSignal) =>
  api.get(`${agreementApi(planId, agreementId)}/values/history?${new URLSearchParams({ ...key }).toString()}`, ValueHistory, { signal })

export const changePeriodLock = (planId: string, agreementId: string, body: z.input<typeof PeriodLockChange>) =>
  api.put(`${agreementApi(planId, agreementId)}/periods`, PeriodLock, body)

export const addComment = (planId: string, agreementId: string, body: z.input<typeof CommentCreate>) =>
  api.post(`${agreementApi(planId, agreementId)}/comments`, IndicatorComment, body)

/**
 * Sends the file as it is; the server reads CSV or Excel and answers with what it would add. With a
 * mappingId, the file is a Beboerdata table read through that saved mapping instead.
 */
export const uploadImport = (planId: string, agreementId: string, file: File, options?: UploadOptions & { mappingId?: string }) => {
  const query = new URLSearchParams({ fileName: file.name })
  if (options?.mappingId) query.set('mappingId', options.mappingId)
  return api.upload(`${agreementApi(planId, agreementId)}/imports?${query.toString()}`, ImportPreview, file, options)
}

export const commitImport = (planId: string, agreementId: string, importId: string) =>
  api.post(
    `${agreementApi(planId, agreementId)}/imports/${encodeURIComponent(importId)}/commit`,
    // valueCount: the values written; unchanged: those equal to the current ones, skipped.
    z.object({ valueCount: z.number().int(), unchanged: z.number().int() }),
  )

/** Drops a previewed file on the server, so it cannot be saved later by mistake. */
export const discardImport = (planId: string, agreementId: string, importId: string) =>
  api.post(`${agreementApi(planId, agreementId)}/imports/${encodeURIComponent(importId)}/discard`, null)

/**
 * Fetches the comparison population's figures from Danmarks Statistik or Jobindsats. The answer is an
 * ordinary preview (committed or discarded like a file's), plus warnings and where it was fetched from.
 */
export const fetchComparison = (planId: string, agreementId: string, body: ComparisonFetch, signal?: AbortSignal) =>
  api.post(`${agreementApi(planId, agreementId)}/comparison-fetch`, ComparisonFetchPreview, body, { signal })

// Addresses of the pages. Danish, because users see and share them.

export { overviewPath } from '../../app/menu-paths.ts'

export const followUpPath = (planId: string, agreementId: string) => `${agreementPath(planId, agreementId)}/opfoelgning`

export const importPath = (planId: string, agreementId: string) => `${followUpPath(planId, agreementId)}/importer`

const populationParam: Record<Population, string> = { area: 'omraade', comparison: 'kommune' }

export const historyPath = (planId: string, agreementId: string, key: ValueKey) =>
  `${followUpPath(planId, agreementId)}/historik?${new URLSearchParams({
    indikator: key.indicatorKey,
    raekke: key.rowKey,
    gruppe: populationParam[key.population],
    periode: key.period,
  }).toString()}`

/** The value a history page's address names, or null when the address is incomplete. */
export function historyKeyOf(search: URLSearchParams): ValueKey | null {
  const indicatorKey = search.get('indikator')
  const rowKey = search.get('raekke')
  const period = search.get('periode')
  const group = search.get('gruppe')
  const population = (Object.keys(populationParam) as Population[]).find((p) => populationParam[p] === group)
  if (!indicatorKey || !rowKey || !period || !population) return null
  return { indicatorKey, rowKey, population, period }
}

/** Anchor of one indicator row on the dashboard, for links from the overview. */
export const seriesAnchor = (indicatorKey: string, rowKey: string) => `indikator-${indicatorKey}-${rowKey}`
