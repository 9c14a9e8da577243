import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { SessionCreate, SessionDeletion, SessionList, SessionUpdate } from '../../../shared/sessions.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { createSession, deleteSession, listSessions, updateSession } from './sessions.service.ts'

const ActivityParams = z.object({ planId: z.uuid(), activityId: z.uuid() })
const SessionParams = z.object({ planId: z.uuid(), sessionId: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function sessionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['sessions']
    const base = '/api/plans/:planId/activities/:activityId/sessions'

    app.get(
      base,
      {
        config: { access: { resource: 'sessions', action: 'read' } },
        schema: { tags, summary: 'Aktivitetsgange med fremmøde', params: ActivityParams, response: { 200: SessionList, ...errors } },
      },
      async (req) => {
        const { sessions, ids, disclosedIds } = await listSessions(ctx, grantOf(req, 'sessions', 'read'), req.params.activityId)
        // The residents shown to the other party under their consent: each is a disclosure.
        return disclose(req, { sessions }, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {} })
      },
    )

    app.post(
      base,
      {
        config: { access: { resource: 'sessions', action: 'create' } },
        schema: { tags, summary: 'Registrér en aktivitetsgang og fremmødet for hele holdet', params: ActivityParams, body: SessionCreate, response: { 201: z.object({ id: z.uuid() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await createSession(ctx, grantOf(req, 'sessions', 'create'), req.params.activityId, req.body)),
    )

    app.put(
      '/api/plans/:planId/sessions/:sessionId',
      {
        config: { access: { resource: 'sessions', action: 'update' } },
        schema: { tags, summary: 'Ret en aktivitetsgang og fremmødet, med begrundelse', params: SessionParams, body: SessionUpdate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updateSession(ctx, grantOf(req, 'sessions', 'update'), req.params.sessionId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/plans/:planId/sessions/:sessionId/deletion',
      {
        config: { access: { resource: 'sessions', action: 'delete' } },
        schema: { tags, summary: 'Slet en aktivitetsgang og dens fremmøde, med begrundelse', params: SessionParams, body: SessionDeletion, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await deleteSession(ctx, grantOf(req, 'sessions', 'delete'), req.params.sessionId, req.body)
        return reply.code(204).send(null)
      },
    )
  }
}
