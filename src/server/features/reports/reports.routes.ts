import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ReportParams, ReportQuery } from '../../../shared/reports.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { statusReport } from './reports.service.ts'

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Everyone on the plan reads the follow-up, so everyone may download the report of it (always
    // with small counts hidden: reports.service.ts).
    app.get(
      '/api/plans/:planId/agreements/:agreementId/report',
      {
        config: { access: { resource: 'indicator-values', action: 'read' } },
        schema: {
          tags: ['reports'],
          summary: 'Statusrapport til bestyrelsen for en periode, som Word, Excel eller PDF',
          params: ReportParams,
          querystring: ReportQuery,
          // No response schemas, as the agreement's export: a declared one types reply.send() and the
          // file is bytes, not JSON. Errors still have the one ErrorBody shape (app.ts).
        },
      },
      async (req, reply) => {
        const file = await statusReport(ctx, grantOf(req, 'indicator-values', 'read'), req.params.agreementId, req.query, { ip: req.ip })
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          .send(file.body)
      },
    )
  }
}
