import { type AuditLogFilter, AuditLogPage } from '../../../shared/audit-log.ts'
import { api } from '../../lib/api.ts'

export { auditLogPath } from '../../app/menu-paths.ts'

const filterKeys = ['participant', 'userId', 'planId', 'entity', 'action', 'from', 'to'] as const satisfies readonly (keyof AuditLogFilter)[]

/** The filter as query parameters: the page's address, the API's and the CSV link's. */
export function filterParams(filter: AuditLogFilter): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of filterKeys) {
    const value = filter[key]
    if (value) params.set(key, value)
  }
  return params
}

export function filterOf(params: URLSearchParams): AuditLogFilter {
  const filter: Record<string, string> = {}
  for (const key of filterKeys) {
    const value = params.get(key)
    if (value) filter[key] = value
  }
  return filter as AuditLogFilter
}

export function readAuditLog(filter: AuditLogFilter, page: { before?: number | null; limit: number }, signal?: AbortSignal) {
  const params = filterParams(filter)
  params.set('limit', String(page.limit))
  if (page.before) params.set('before', String(page.before))
  return api.get(`/api/audit-log?${params}`, AuditLogPage, { signal })
}

export function auditCsvUrl(filter: AuditLogFilter): string {
  const params = filterParams(filter).toString()
  return `/api/audit-log.csv${params ? `?${params}` : ''}`
}
