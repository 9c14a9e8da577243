import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AuditLogPage, AuditLogQuery } from '../../../shared/audit-log.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { readAuditLog } from './audit-log.service.ts'

export function auditLogRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit-log',
      {
        config: { access: { resource: 'audit-log', action: 'read' } },
        schema: { tags: ['audit-log'], summary: 'Revisionsspor, nyeste først', querystring: AuditLogQuery, response: { 200: AuditLogPage, 403: ErrorBody } },
      },
      async (req) => {
        return readAuditLog(ctx, grantOf(req, 'audit-log', 'read'), req.query)
      },
    )
  }
}
