import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { ActionDeletion, CompanyMeetings, Meeting, MeetingCreate, MeetingList, MeetingUpdate, MyActions } from '../../../shared/meetings.ts'
import type { AppContext } from '../../lib/context.ts'
import { grantOf } from '../../lib/request.ts'
import { createMeeting, deleteAction, getMeeting, listMeetings, markActionDone, meetingsOfCompany, myOpenActions, updateMeeting } from './meetings.service.ts'

const PlanParams = z.object({ planId: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function meetingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['meetings']
    const base = '/api/plans/:planId/meetings'

    app.get(base, { config: { access: { resource: 'meetings', action: 'read' } }, schema: { tags, summary: 'Planens møder', params: PlanParams, response: { 200: MeetingList, ...errors } } }, async (req) => ({
      meetings: await listMeetings(ctx, grantOf(req, 'meetings', 'read')),
    }))

    app.post(
      base,
      { config: { access: { resource: 'meetings', action: 'create' } }, schema: { tags, summary: 'Registrér et møde med deltagere, beslutninger og opfølgningspunkter', params: PlanParams, body: MeetingCreate, response: { 201: z.object({ id: z.uuid() }), ...errors } } },
      async (req, reply) => reply.code(201).send(await createMeeting(ctx, grantOf(req, 'meetings', 'create'), req.body)),
    )

    app.get(
      `${base}/my-actions`,
      { config: { access: { resource: 'meetings', action: 'read' } }, schema: { tags, summary: 'Mine åbne opfølgningspunkter', params: PlanParams, response: { 200: MyActions, ...errors } } },
      async (req) => ({ actions: await myOpenActions(ctx, grantOf(req, 'meetings', 'read')) }),
    )

    app.get(
      `${base}/:meetingId`,
      { config: { access: { resource: 'meetings', action: 'read' } }, schema: { tags, summary: 'Et møde', params: PlanParams.extend({ meetingId: z.uuid() }), response: { 200: Meeting, ...errors } } },
      async (req) => getMeeting(ctx, grantOf(req, 'meetings', 'read'), req.params.meetingId),
    )

    // Editing uses the permission to record meetings (decision 024): 'update' is every reader's, for their own actions.
    app.put(
      `${base}/:meetingId`,
      {
        config: { access: { resource: 'meetings', action: 'create' } },
        schema: { tags, summary: 'Ret et møde; nye opfølgningspunkter tilføjes, de gamle bliver', params: PlanParams.extend({ meetingId: z.uuid() }), body: MeetingUpdate, response: { 200: z.object({ id: z.uuid() }), ...errors } },
      },
      async (req) => updateMeeting(ctx, grantOf(req, 'meetings', 'create'), req.params.meetingId, req.body),
    )

    app.get(
      '/api/plans/:planId/companies/:companyId/meetings',
      {
        config: { access: { resource: 'meetings', action: 'read' } },
        schema: { tags, summary: 'Netværksmøder, virksomheden er inviteret til', params: PlanParams.extend({ companyId: z.uuid() }), response: { 200: CompanyMeetings, ...errors } },
      },
      async (req) => ({ meetings: await meetingsOfCompany(ctx, grantOf(req, 'meetings', 'read'), req.params.companyId) }),
    )

    app.post(
      `${base}/actions/:actionId/done`,
      { config: { access: { resource: 'meetings', action: 'update' } }, schema: { tags, summary: 'Markér et opfølgningspunkt som gjort', params: PlanParams.extend({ actionId: z.uuid() }), response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await markActionDone(ctx, grantOf(req, 'meetings', 'update'), req.params.actionId)
        return reply.code(204).send(null)
      },
    )

    // 'update' is every reader's (an owner may be any of them); the service lets only the owner and the meeting's author delete.
    app.post(
      `${base}/actions/:actionId/deletion`,
      {
        config: { access: { resource: 'meetings', action: 'update' } },
        schema: { tags, summary: 'Slet et opfølgningspunkt tilføjet ved en fejl, med begrundelse', params: PlanParams.extend({ actionId: z.uuid() }), body: ActionDeletion, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await deleteAction(ctx, grantOf(req, 'meetings', 'update'), req.params.actionId, req.body)
        return reply.code(204).send(null)
      },
    )
  }
}
