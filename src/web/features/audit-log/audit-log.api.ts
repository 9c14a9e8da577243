import { AuditLogPage } from '../../../shared/audit-log.ts'
import { api } from '../../lib/api.ts'

export const auditLogPath = '/revisionsspor'

export function readAuditLog(query: { before?: number | null; limit: number }, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(query.limit) })
  if (query.before) params.set('before', String(query.before))
  return api.get(`/api/audit-log?${params}`, AuditLogPage, { signal })
}
