import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ComparisonFetch, ComparisonFetchPreview } from '../../../shared/comparison-sources.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { FollowUpParams } from '../../../shared/indicators.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { fetchComparisonPreview } from './comparison-sources.service.ts'

export function comparisonSourceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/plans/:planId/agreements/:agreementId/comparison-fetch',
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: {
          tags: ['follow-up'],
          summary: 'Hent kommunens tal fra Danmarks Statistik eller Jobindsats og vis, hvad de vil tilføje (gemmes først ved commit)',
          params: FollowUpParams,
          body: ComparisonFetch,
          response: { 201: ComparisonFetchPreview, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody, 500: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await fetchComparisonPreview(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, req.body)),
    )
  }
}
