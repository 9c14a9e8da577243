import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { TargetGroupCommitted, TargetGroupPreview, TargetGroupSnapshots } from '../../../shared/target-groups.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { commitTargetGroups, previewTargetGroups, targetGroupSnapshots } from './target-groups.service.ts'

/** Largest file an import takes (as for indicator values). */
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024

const PlanParams = z.object({ planId: z.uuid() })

export function targetGroupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['follow-up']
    const base = '/api/plans/:planId/target-groups'

    // Files arrive as the raw bytes of the upload; the name travels in the query string.
    app.addContentTypeParser(['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    )

    app.get(
      base,
      {
        config: { access: { resource: 'indicator-values', action: 'read' } },
        schema: { tags, summary: 'Målgrupper: antal ledige pr. § 6-kode og afdeling, pr. opgørelsesdato', params: PlanParams, response: { 200: TargetGroupSnapshots, 403: ErrorBody, 404: ErrorBody } },
      },
      async (req) => targetGroupSnapshots(ctx, grantOf(req, 'indicator-values', 'read'), req.params.planId),
    )

    app.post(
      `${base}/imports`,
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: {
          tags,
          summary: 'Læs en fil med målgruppetal (CSV eller Excel) og vis, hvad den vil tilføje',
          params: PlanParams,
          querystring: z.object({ fileName: z.string().min(1).max(255) }),
          response: { 201: TargetGroupPreview, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError('validation', 'Vælg en fil at indlæse.')
        const preview = await previewTargetGroups(ctx, grantOf(req, 'indicator-values', 'create'), req.params.planId, { name: req.query.fileName, bytes: req.body })
        return reply.code(201).send(preview)
      },
    )

    app.post(
      `${base}/imports/:importId/commit`,
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: {
          tags,
          summary: 'Gem alle målgruppetal fra en læst fil (alt eller intet)',
          params: PlanParams.extend({ importId: z.uuid() }),
          response: { 200: TargetGroupCommitted, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req) => commitTargetGroups(ctx, grantOf(req, 'indicator-values', 'create'), req.params.planId, req.params.importId),
    )
  }
}
