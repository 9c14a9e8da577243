import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ConsentCreate, ConsentWithdraw } from '../../../shared/consents.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { disclosureDetails } from '../participants/resident-gate.ts'
import { MAX_DOCUMENT_BYTES, attachDocument, consentDocument, recordConsent, withdrawConsent } from './consents.service.ts'

const PlanParams = z.object({ planId: z.uuid() })
const ConsentParams = PlanParams.extend({ consentId: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function consentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['consents']

    // The signed consent arrives as the raw bytes of the file; its name travels in the query string.
    app.addContentTypeParser(['application/pdf', 'image/jpeg', 'image/png'], { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_req, body, done) => done(null, body))

    app.post(
      '/api/plans/:planId/participants/:participantId/consents',
      {
        config: { access: { resource: 'consents', action: 'create' } },
        schema: { tags, summary: 'Registrér et samtykke', params: PlanParams.extend({ participantId: z.uuid() }), body: ConsentCreate, response: { 201: z.object({ id: z.uuid() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await recordConsent(ctx, grantOf(req, 'consents', 'create'), req.params.participantId, req.body)),
    )

    app.post(
      '/api/plans/:planId/consents/:consentId/withdrawal',
      {
        config: { access: { resource: 'consents', action: 'update' } },
        schema: { tags, summary: 'Træk et samtykke tilbage (virker med det samme)', params: ConsentParams, body: ConsentWithdraw, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await withdrawConsent(ctx, grantOf(req, 'consents', 'update'), req.params.consentId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.put(
      '/api/plans/:planId/consents/:consentId/document',
      {
        bodyLimit: MAX_DOCUMENT_BYTES,
        config: { access: { resource: 'consents', action: 'update' } },
        schema: { tags, summary: 'Vedhæft det underskrevne samtykke (PDF, JPEG eller PNG)', params: ConsentParams, querystring: z.object({ fileName: z.string().min(1).max(255) }), response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('validation', 'Vedhæft det underskrevne samtykke som PDF, JPEG eller PNG.')
        await attachDocument(ctx, grantOf(req, 'consents', 'update'), req.params.consentId, { name: req.query.fileName, mediaType: req.headers['content-type'] ?? '', bytes: req.body })
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/plans/:planId/consents/:consentId/document',
      {
        config: { access: { resource: 'consents', action: 'read' } },
        // No response schema: the body is the file's bytes.
        schema: { tags, summary: 'Hent det underskrevne samtykke', params: ConsentParams },
      },
      async (req, reply) => {
        const doc = await consentDocument(ctx, grantOf(req, 'consents', 'read'), req.params.consentId)
        reply
          .header('content-type', doc.mediaType)
          .header('content-disposition', `attachment; filename="${encodeURIComponent(doc.fileName)}"`)
          .header('cache-control', 'no-store')
        // A read by the other party records the consents it rests on (decision 008).
        return disclose(req, doc.bytes, { ids: [doc.participantId], details: disclosureDetails(doc.view) })
      },
    )
  }
}
