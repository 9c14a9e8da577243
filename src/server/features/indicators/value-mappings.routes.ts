import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { FollowUpParams } from '../../../shared/indicators.ts'
import { BeboerdataMapping, DetectedTable, ValueMappingDto, ValueMappingList, ValueMappingParams } from '../../../shared/value-mappings.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { createMapping, detectTable, listMappings, replaceMapping } from './value-mappings.service.ts'

/**
 * Saved mappings for LBF Beboerdata tables, and reading a table's shape to build one. Registered from
 * indicatorRoutes, whose parser for raw file uploads the detect route relies on.
 */
export function valueMappingRoutes(ctx: AppContext, importBodyLimit: number): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['follow-up']
    const base = '/api/plans/:planId/agreements/:agreementId'

    app.get(
      `${base}/value-mappings`,
      {
        config: { access: { resource: 'indicator-values', action: 'read' } },
        schema: { tags, summary: 'Gemte opsætninger til indlæsning af Beboerdata-tabeller', params: FollowUpParams, response: { 200: ValueMappingList, 403: ErrorBody, 404: ErrorBody } },
      },
      async (req) => ({ mappings: await listMappings(ctx, grantOf(req, 'indicator-values', 'read'), req.params.agreementId) }),
    )

    app.post(
      `${base}/value-mappings`,
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: {
          tags,
          summary: 'Gem en opsætning: hvilke rækker i en Beboerdata-tabel der hører til hvilke indikatorrækker',
          params: FollowUpParams,
          body: BeboerdataMapping,
          response: { 201: ValueMappingDto, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => reply.code(201).send(await createMapping(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, req.body)),
    )

    app.put(
      `${base}/value-mappings/:mappingId`,
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: {
          tags,
          summary: 'Erstat en gemt opsætning',
          params: ValueMappingParams,
          body: BeboerdataMapping,
          response: { 200: ValueMappingDto, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req) => replaceMapping(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, req.params.mappingId, req.body),
    )

    app.post(
      `${base}/imports/detect`,
      {
        bodyLimit: importBodyLimit,
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: {
          tags,
          summary: 'Find tabellen i en Beboerdata-fil: årstal og rækkernes tekst, til at lave en opsætning',
          params: FollowUpParams,
          querystring: z.object({ fileName: z.string().min(1).max(255), sheet: z.string().min(1).max(200).optional(), labelColumn: z.string().min(1).max(200).optional() }),
          response: { 200: DetectedTable, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError('validation', 'Vælg en fil at indlæse.')
        return detectTable(ctx, grantOf(req, 'indicator-values', 'create'), req.params.agreementId, { name: req.query.fileName, bytes: req.body }, { sheet: req.query.sheet, labelColumn: req.query.labelColumn })
      },
    )
  }
}
