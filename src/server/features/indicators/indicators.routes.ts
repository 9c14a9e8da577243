import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import {
  CommentCreate,
  FollowUp,
  FollowUpOverview,
  FollowUpParams,
  ImportPreview,
  IndicatorComment,
  IndicatorValueDto,
  PeriodLock,
  PeriodLockChange,
  ValueCreate,
  ValueHistory,
  ValueHistoryQuery,
} from '../../../shared/indicators.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { addComment, addValue, changePeriodLock, commitImport, discardImport, followUp, followUpOverview, previewImport, valueHistory } from './indicators.service.ts'
import { valueMappingRoutes } from './value-mappings.routes.ts'
import { previewMappedImport } from './value-mappings.service.ts'

/** Largest file an import takes: a 100 000-row extract is about 5 MB. */
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024

export function indicatorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['follow-up']
    const base = '/api/plans/:planId/agreements/:agreementId'

    // Files arrive as the raw bytes of the upload; the name travels in the query string.
    app.addContentTypeParser(['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    )

    app.get(
      '/api/follow-up',
      { config: { access: { resource: 'follow-up-overview', action: 'read' } }, schema: { tags, summary: 'Status for alle indikatorer på alle mine planer', response: { 200: FollowUpOverview } } },
      async (req) => followUpOverview(ctx, grantOf(req, 'follow-up-overview', 'read')),
    )

    app.get(
      '/api/plans/:planId/follow-up',
      {
        config: { access: { resource: 'follow-up-overview', action: 'read' } },
        schema: { tags, summary: 'Status for alle indikatorer på planen', params: z.object({ planId: z.uuid() }), response: { 200: FollowUpOverview, 403: ErrorBody } },
      },
      async (req) => {
        const grant = grantOf(req, 'follow-up-overview', 'read')
        if (!grant.actor.planIds.includes(req.params.planId)) throw new AppError('forbidden')
        return followUpOverview(ctx, grant, req.params.planId)
      },
    )

    app.get(
      `${base}/follow-up`,
      { config: { access: { resource: 'indicator-values', action: 'read' } }, schema: { tags, summary: 'Opfølgning: indikatorernes værdier, status, låste perioder og kommentarer', params: FollowUpParams, response: { 200: FollowUp, 403: ErrorBody, 404: ErrorBody } } },
      async (req) => followUp(ctx, grantOf(req, 'indicator-values', 'read'), req.params.agreementId),
    )

    app.post(
      `${base}/values`,
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: { tags, summary: 'Registrér eller ret en værdi', params: FollowUpParams, body: ValueCreate, response: { 201: IndicatorValueDto, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } },
      },
      async (req, reply) => reply.code(201).send(await addValue(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, req.body)),
    )

    app.get(
      `${base}/values/history`,
      { config: { access: { resource: 'indicator-values', action: 'read' } }, schema: { tags, summary: 'En værdis historik (rettelser)', params: FollowUpParams, querystring: ValueHistoryQuery, response: { 200: ValueHistory } } },
      async (req) => ({ values: await valueHistory(ctx, grantOf(req, 'indicator-values', 'read'), req.params.agreementId, req.query) }),
    )

    app.put(
      `${base}/periods`,
      {
        config: { access: { resource: 'indicator-periods', action: 'update' } },
        schema: { tags, summary: 'Lås en godkendt periode, eller lås den op med en begrundelse', params: FollowUpParams, body: PeriodLockChange, response: { 200: PeriodLock, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } },
      },
      async (req) => changePeriodLock(ctx, grantOf(req, 'indicator-periods', 'update'), req.params.agreementId, req.body),
    )

    app.post(
      `${base}/comments`,
      {
        config: { access: { resource: 'indicator-comments', action: 'create' } },
        schema: { tags, summary: 'Kommentér en indikator for en periode', params: FollowUpParams, body: CommentCreate, response: { 201: IndicatorComment, 400: ErrorBody, 403: ErrorBody } },
      },
      async (req, reply) => reply.code(201).send(await addComment(ctx, grantOf(req, 'indicator-comments', 'create'), req.params.agreementId, req.body)),
    )

    app.post(
      `${base}/imports`,
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: {
          tags,
          summary: 'Læs en fil med værdier (CSV eller Excel) og vis, hvad den vil tilføje',
          params: FollowUpParams,
          // With mappingId, the file is a Beboerdata table read with that saved mapping, not the long format.
          querystring: z.object({ fileName: z.string().min(1).max(255), mappingId: z.uuid().optional() }),
          response: { 201: ImportPreview, 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError('validation', 'Vælg en fil at indlæse.')
        const grant = grantOf(req, 'indicator-values', 'create')
        const file = { name: req.query.fileName, bytes: req.body }
        const preview = req.query.mappingId
          ? (await previewMappedImport(ctx, grant, req.params.agreementId, req.query.mappingId, file)).preview
          : await previewImport(ctx, grant, req.params.agreementId, file)
        return reply.code(201).send(preview)
      },
    )

    app.post(
      `${base}/imports/:importId/commit`,
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: {
          tags,
          summary: 'Gem alle værdier fra en læst fil (alt eller intet)',
          params: FollowUpParams.extend({ importId: z.uuid() }),
          response: { 200: z.object({ valueCount: z.number().int(), unchanged: z.number().int() }), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req) => commitImport(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, req.params.importId),
    )

    app.post(
      `${base}/imports/:importId/discard`,
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: { tags, summary: 'Annullér en læst fil uden at gemme', params: FollowUpParams.extend({ importId: z.uuid() }), response: { 204: z.null(), 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
      },
      async (req, reply) => {
        await discardImport(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, req.params.importId)
        return reply.code(204).send(null)
      },
    )

    // A child plugin, so it shares the parser for raw uploads above.
    await app.register(valueMappingRoutes(ctx, IMPORT_BODY_LIMIT))
  }
}
