import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DueChecks } from '../../../shared/due-checks.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import type { AppContext } from '../../lib/context.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import { dueChecksOf } from './due-checks.service.ts'

const PlanParams = z.object({ planId: z.uuid() })

export function dueCheckRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/plans/:planId/due-checks',
      {
        config: { access: { resource: 'due-checks', action: 'read' } },
        schema: {
          tags: ['due-checks'],
          summary: 'Opfølgninger der venter: "stadig i job efter 3 måneder?" og forløbstrappens 3-måneders-opfølgning, der er forfaldne, for de beboere, du må se',
          params: PlanParams,
          response: { 200: DueChecks, 403: ErrorBody },
        },
      },
      async (req) => {
        const { ids, disclosedIds, ...body } = await dueChecksOf(ctx, grantOf(req, 'due-checks', 'read'))
        // The residents shown to the other party under their consent: each is a disclosure.
        return disclose(req, body, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {} })
      },
    )
  }
}
