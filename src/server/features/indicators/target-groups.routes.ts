import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { UploadQuery } from '../../../shared/imports.ts'
import { TargetGroupCommitted, TargetGroupPreview, TargetGroupSnapshots } from '../../../shared/target-groups.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { acceptUploads, stagedImportRoutes } from '../imports/imports.routes.ts'
import { commitTargetGroups, discardTargetGroups, previewTargetGroups, targetGroupSnapshots } from './target-groups.service.ts'

const PlanParams = z.object({ planId: z.uuid() })

export function targetGroupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['follow-up']
    const base = '/api/plans/:planId/target-groups'

    acceptUploads(app)

    app.get(
      base,
      {
        config: { access: { resource: 'indicator-values', action: 'read' } },
        schema: { tags, summary: 'Målgrupper: antal ledige pr. § 6-kode og afdeling, pr. opgørelsesdato', params: PlanParams, response: { 200: TargetGroupSnapshots, 403: ErrorBody, 404: ErrorBody } },
      },
      async (req) => targetGroupSnapshots(ctx, grantOf(req, 'indicator-values', 'read'), req.params.planId),
    )

    stagedImportRoutes(app, {
      base: `${base}/imports`,
      params: PlanParams,
      query: UploadQuery,
      resource: 'indicator-values',
      tags,
      summaries: {
        upload: 'Læs en fil med målgruppetal (CSV eller Excel) og vis, hvad den vil tilføje',
        commit: 'Gem alle målgruppetal fra en læst fil (alt eller intet)',
        discard: 'Annullér en læst fil med målgruppetal uden at gemme',
      },
      preview: { schema: TargetGroupPreview, run: (grant, { planId }, _query, file) => previewTargetGroups(ctx, grant, planId, file) },
      commit: { schema: TargetGroupCommitted, run: (grant, { planId }, importId) => commitTargetGroups(ctx, grant, planId, importId) },
      discard: (grant, { planId }, importId) => discardTargetGroups(ctx, grant, planId, importId),
    })
  }
}
