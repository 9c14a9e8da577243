import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { UploadQuery } from '../../../shared/imports.ts'
import {
  CommentCreate,
  FollowUp,
  FollowUpOutreach,
  FollowUpOutreachQuery,
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
  ValueRetraction,
} from '../../../shared/indicators.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { acceptUploads, IMPORT_BODY_LIMIT, stagedImportRoutes } from '../imports/imports.routes.ts'
import { addComment, addValue, changePeriodLock, commitImport, discardImport, followUp, followUpOverview, previewImport, retractValue, valueHistory } from './indicators.service.ts'
import { followUpOutreach } from './follow-up-outreach.service.ts'
import { schemaShapedResponse } from '../../lib/schema-shaped-response.ts'
import { valueMappingRoutes } from './value-mappings.routes.ts'
import { previewMappedImport } from './value-mappings.service.ts'

export function indicatorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['follow-up']
    const base = '/api/plans/:planId/agreements/:agreementId'

    acceptUploads(app)

    app.get(
      '/api/follow-up',
      {
        config: { access: { resource: 'follow-up-overview', action: 'read' } },
        schema: { tags, summary: 'Status for alle indikatorer på alle mine planer', response: { 200: FollowUpOverview } },
        serializerCompiler: schemaShapedResponse,
      },
      async (req) => followUpOverview(ctx, grantOf(req, 'follow-up-overview', 'read')),
    )

    app.get(
      '/api/plans/:planId/follow-up',
      {
        config: { access: { resource: 'follow-up-overview', action: 'read' } },
        schema: { tags, summary: 'Status for alle indikatorer på planen', params: z.object({ planId: z.uuid() }), response: { 200: FollowUpOverview, 403: ErrorBody } },
        serializerCompiler: schemaShapedResponse,
      },
      async (req) => {
        const grant = grantOf(req, 'follow-up-overview', 'read')
        if (!grant.actor.planIds.includes(req.params.planId)) throw new AppError('forbidden')
        return followUpOverview(ctx, grant, req.params.planId)
      },
    )

    app.get(
      `${base}/follow-up`,
      {
        config: { access: { resource: 'indicator-values', action: 'read' } },
        schema: { tags, summary: 'Opfølgning: indikatorernes værdier, status, låste perioder og kommentarer', params: FollowUpParams, response: { 200: FollowUp, 403: ErrorBody, 404: ErrorBody } },
        serializerCompiler: schemaShapedResponse,
      },
      async (req) => followUp(ctx, grantOf(req, 'indicator-values', 'read'), req.params.agreementId),
    )

    app.get(
      `${base}/follow-up/outreach`,
      {
        config: { access: { resource: 'indicator-values', action: 'read' } },
        schema: { tags, summary: 'Opfølgning: et kvartals åben rådgivning og medarbejdertid mod det lovede', params: FollowUpParams, querystring: FollowUpOutreachQuery, response: { 200: FollowUpOutreach, 403: ErrorBody, 404: ErrorBody } },
      },
      async (req) => followUpOutreach(ctx, grantOf(req, 'indicator-values', 'read'), req.params.agreementId, req.query.quarter),
    )

    app.post(
      `${base}/values`,
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: { tags, summary: 'Registrér eller ret en værdi', params: FollowUpParams, body: ValueCreate, response: { 201: IndicatorValueDto, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } },
      },
      async (req, reply) => reply.code(201).send(await addValue(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, req.body)),
    )

    app.post(
      `${base}/values/retraction`,
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: { tags, summary: 'Træk en periodes værdi tilbage (med begrundelse)', params: FollowUpParams, body: ValueRetraction, response: { 201: IndicatorValueDto, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } },
      },
      async (req, reply) => reply.code(201).send(await retractValue(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, req.body)),
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

    stagedImportRoutes(app, {
      base: `${base}/imports`,
      params: FollowUpParams,
      // With mappingId, the file is a Beboerdata table read with that saved mapping, not the long format.
      query: UploadQuery.extend({ mappingId: z.uuid().optional() }),
      resource: 'indicator-values',
      tags,
      summaries: {
        upload: 'Læs en fil med værdier (CSV eller Excel) og vis, hvad den vil tilføje',
        commit: 'Gem alle værdier fra en læst fil (alt eller intet)',
        discard: 'Annullér en læst fil uden at gemme',
      },
      preview: {
        schema: ImportPreview,
        run: async (grant, { agreementId }, { mappingId }, file) =>
          mappingId ? (await previewMappedImport(ctx, grant, agreementId, mappingId, file)).preview : previewImport(ctx, grant, agreementId, file),
      },
      commit: { schema: z.object({ valueCount: z.number().int(), unchanged: z.number().int() }), run: (grant, { agreementId }, importId) => commitImport(ctx, grant, agreementId, importId) },
      discard: (grant, { agreementId }, importId) => discardImport(ctx, grant, agreementId, importId),
    })

    // A child plugin, so it shares the parser for raw uploads above.
    await app.register(valueMappingRoutes(ctx, IMPORT_BODY_LIMIT))
  }
}
