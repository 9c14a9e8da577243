import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  AgreementComparison,
  AgreementDetail,
  AgreementList,
  AgreementParams,
  AgreementQuery,
  CompareQuery,
  ExportQuery,
  RevisionCreate,
  RevisionCreated,
} from '../../../shared/agreements.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { PlanIdParams } from '../../../shared/plans.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { exportAgreement } from './agreement-export.ts'
import { agreementFile, compareAgreementRevisions, createRevision, getAgreement, listAgreements } from './agreements.service.ts'

export function agreementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { access: { resource: 'agreements', action: 'read' } } as const
    const tags = ['agreements']

    app.get(
      '/api/plans/:planId/agreements',
      { config: read, schema: { tags, summary: 'Planens delaftaler', params: PlanIdParams, response: { 200: AgreementList, 403: ErrorBody } } },
      async (req) => ({ agreements: await listAgreements(ctx, grantOf(req, 'agreements', 'read')) }),
    )

    app.get(
      '/api/plans/:planId/agreements/:agreementId',
      {
        config: read,
        schema: { tags, summary: 'En delaftale (nyeste eller valgt revision)', params: AgreementParams, querystring: AgreementQuery, response: { 200: AgreementDetail, 403: ErrorBody, 404: ErrorBody } },
      },
      async (req) => getAgreement(ctx, grantOf(req, 'agreements', 'read'), req.params.agreementId, req.query.revision),
    )

    app.post(
      '/api/plans/:planId/agreements/:agreementId/revisions',
      {
        config: { access: { resource: 'agreements', action: 'update' } },
        schema: {
          tags,
          summary: 'Gem en ny revision af delaftalen',
          params: AgreementParams,
          body: RevisionCreate,
          response: { 201: RevisionCreated, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => {
        const created = await createRevision(ctx, grantOf(req, 'agreements', 'update'), req.params.agreementId, req.body)
        return reply.code(201).send(created)
      },
    )

    app.get(
      '/api/plans/:planId/agreements/:agreementId/compare',
      {
        config: read,
        schema: { tags, summary: 'Sammenlign to revisioner', params: AgreementParams, querystring: CompareQuery, response: { 200: AgreementComparison, 403: ErrorBody, 404: ErrorBody } },
      },
      async (req) => compareAgreementRevisions(ctx, grantOf(req, 'agreements', 'read'), req.params.agreementId, req.query.from, req.query.to),
    )

    app.get(
      '/api/plans/:planId/agreements/:agreementId/export',
      { config: read, schema: { tags, summary: 'Hent delaftalen som Word, PDF, YAML eller JSON', params: AgreementParams, querystring: ExportQuery } },
      async (req, reply) => {
        const found = await agreementFile(ctx, grantOf(req, 'agreements', 'read'), req.params.agreementId, req.query.revision)
        const exported = await exportAgreement({ ...found, generatedAt: ctx.now() }, req.query.format)
        return reply
          .header('content-type', exported.contentType)
          .header('content-disposition', `attachment; filename="${exported.fileName}"`)
          .header('cache-control', 'no-store')
          .send(exported.body)
      },
    )
  }
}
