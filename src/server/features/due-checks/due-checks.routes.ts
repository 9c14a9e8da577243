import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DueChecks } from '../../../shared/due-checks.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import type { AppContext } from '../../lib/context.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { actorOf, grantOf } from '../../lib/request.ts'
import { acknowledgeAccessNotice } from '../users/users.service.ts'
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

    app.post(
      '/api/access-notices/:noticeId/acknowledgement',
      {
        // The reader's own notice (decision 041): whose it is is checked in the query.
        config: { access: { self: true } },
        schema: { tags: ['due-checks'], summary: 'Markér en besked om ny adgang til beboere som set', params: z.object({ noticeId: z.uuid() }), response: { 204: z.null(), 404: ErrorBody } },
      },
      async (req, reply) => {
        await acknowledgeAccessNotice(ctx, actorOf(req).actor, req.params.noticeId)
        return reply.code(204).send(null)
      },
    )
  }
}
