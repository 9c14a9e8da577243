import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { FundingPeriodCreate, ReferenceData, TargetGroupCodeCreate, TargetGroupCodeDto, TargetGroupCodeParams, TargetGroupCodeUpdate } from '../../../shared/reference-data.ts'
import type { AppContext } from '../../lib/context.ts'
import { grantOf } from '../../lib/request.ts'
import { addFundingPeriod, addTargetGroupCode, referenceData, updateTargetGroupCode } from './reference-data.service.ts'

const tags = ['reference-data']
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function referenceDataRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/reference-data',
      {
        config: { access: { resource: 'reference-data', action: 'read' } },
        schema: { tags, summary: 'Målgruppekoder, prioriteringsperioder og indsatsområder', response: { 200: ReferenceData, 403: ErrorBody } },
      },
      async (req) => referenceData(ctx, grantOf(req, 'reference-data', 'read')),
    )

    app.post(
      '/api/reference-data/target-groups',
      {
        config: { access: { resource: 'reference-data', action: 'create' } },
        schema: { tags, summary: 'Tilføj en målgruppekode eller en ny version af en', body: TargetGroupCodeCreate, response: { 201: TargetGroupCodeDto, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await addTargetGroupCode(ctx, grantOf(req, 'reference-data', 'create'), req.body)),
    )

    app.put(
      '/api/reference-data/target-groups/:code/:validFrom',
      {
        config: { access: { resource: 'reference-data', action: 'update' } },
        schema: { tags, summary: 'Ret betegnelsen for en version, eller afslut den', params: TargetGroupCodeParams, body: TargetGroupCodeUpdate, response: { 200: TargetGroupCodeDto, ...errors } },
      },
      async (req) => updateTargetGroupCode(ctx, grantOf(req, 'reference-data', 'update'), req.params.code, req.params.validFrom, req.body),
    )

    app.post(
      '/api/reference-data/funding-periods',
      {
        config: { access: { resource: 'reference-data', action: 'create' } },
        schema: { tags, summary: 'Tilføj en prioriteringsperiode med dens indsatsområder', body: FundingPeriodCreate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await addFundingPeriod(ctx, grantOf(req, 'reference-data', 'create'), req.body)
        return reply.code(204).send(null)
      },
    )
  }
}
