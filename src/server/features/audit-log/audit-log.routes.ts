import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AuditLogFilter, AuditLogPage, AuditLogQuery } from '../../../shared/audit-log.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { auditCsv, readAuditLog } from './audit-log.service.ts'

export function auditLogRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audit-log']

    app.get(
      '/api/audit-log',
      {
        config: { access: { resource: 'audit-log', action: 'read' } },
        schema: { tags, summary: 'Revisionsspor, nyeste først, filtreret og i sider', querystring: AuditLogQuery, response: { 200: AuditLogPage, 400: ErrorBody, 403: ErrorBody } },
      },
      async (req) => {
        const { before, limit, ...filter } = req.query
        const page = await readAuditLog(ctx, grantOf(req, 'audit-log', 'read'), filter, { before, limit })
        // The log names people; what was asked of it is on record too.
        return disclose(req, page, { ids: [], details: { filter } })
      },
    )

    app.get(
      '/api/audit-log.csv',
      {
        config: { access: { resource: 'audit-log', action: 'read' } },
        // No response schema: the body is CSV text, streamed.
        schema: { tags, summary: 'Revisionssporet som CSV til Excel (samme filtre)', querystring: AuditLogFilter },
      },
      async (req, reply) => {
        const filter = req.query
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="revisionsspor.csv"')
          .header('cache-control', 'no-store')
        return disclose(req, auditCsv(ctx, grantOf(req, 'audit-log', 'read'), filter), { ids: [], details: { filter, format: 'csv' } })
      },
    )
  }
}
