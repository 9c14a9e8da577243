import {
  AgreementComparison,
  AgreementDetail,
  AgreementList,
  type ExportFormat,
  type RevisionCreate,
  RevisionCreated,
} from '../../../shared/agreements.ts'
import { api } from '../../lib/api.ts'
import { planPath } from '../plans/plans.api.ts'

const apiBase = (planId: string, agreementId?: string) =>
  `/api/plans/${encodeURIComponent(planId)}/agreements${agreementId ? `/${encodeURIComponent(agreementId)}` : ''}`

export const listAgreements = (planId: string, signal?: AbortSignal) => api.get(apiBase(planId), AgreementList, { signal })

/** The latest revision unless `revision` names another. */
export const readAgreement = (planId: string, agreementId: string, revision?: number, signal?: AbortSignal) =>
  api.get(`${apiBase(planId, agreementId)}${revision ? `?revision=${revision}` : ''}`, AgreementDetail, { signal })

export const createRevision = (planId: string, agreementId: string, body: RevisionCreate) =>
  api.post(`${apiBase(planId, agreementId)}/revisions`, RevisionCreated, body)

export const compareRevisions = (planId: string, agreementId: string, from: number, to: number, signal?: AbortSignal) =>
  api.get(`${apiBase(planId, agreementId)}/compare?from=${from}&to=${to}`, AgreementComparison, { signal })

/** A plain link target: the server answers with the file as an attachment. */
export const exportUrl = (planId: string, agreementId: string, format: ExportFormat, revision: number) =>
  `${apiBase(planId, agreementId)}/export?format=${format}&revision=${revision}`

// Addresses of the pages. Danish, because users see and share them.

export const agreementPath = (planId: string, agreementId: string, revision?: number) =>
  `${planPath(planId)}/delaftaler/${encodeURIComponent(agreementId)}${revision ? `?revision=${revision}` : ''}`

export const agreementEditPath = (planId: string, agreementId: string) => `${agreementPath(planId, agreementId)}/rediger`

export const agreementHistoryPath = (planId: string, agreementId: string) => `${agreementPath(planId, agreementId)}/revisioner`

export const agreementComparePath = (planId: string, agreementId: string, from: number, to: number) =>
  `${agreementPath(planId, agreementId)}/sammenlign?fra=${from}&til=${to}`
