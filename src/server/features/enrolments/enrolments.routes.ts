import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Activity, ActivityFigures, ActivitySettings, ComputedValueCreate, Enrolment, EnrolmentCreate, EnrolmentReopening, EnrolmentUpdate, FollowupCorrection, FollowupCreate, Roster } from '../../../shared/enrolments.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { IndicatorValueDto } from '../../../shared/indicators.ts'
import { disclosureDetails } from '../participants/resident-gate.ts'
import { activityFigures, storeComputedValue } from './figures.service.ts'
import { addFollowup, correctFollowup, enrol, getEnrolment, listActivities, reopenEnrolment, roster, updateActivity, updateEnrolment } from './enrolments.service.ts'

const PlanParams = z.object({ planId: z.uuid() })
const ActivityParams = PlanParams.extend({ activityId: z.uuid() })
const EnrolmentParams = PlanParams.extend({ enrolmentId: z.uuid() })
const FollowupParams = EnrolmentParams.extend({ followupId: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function enrolmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['enrolments']

    app.get(
      '/api/plans/:planId/activities',
      {
        config: { access: { resource: 'activities', action: 'read' } },
        schema: { tags, summary: 'Helhedsplanens aktiviteter med kapacitet og belægning', params: PlanParams, response: { 200: z.array(Activity), ...errors } },
      },
      async (req) => listActivities(ctx, grantOf(req, 'activities', 'read')),
    )

    app.put(
      '/api/plans/:planId/activities/:activityId',
      {
        config: { access: { resource: 'activities', action: 'update' } },
        schema: { tags, summary: 'Ret en aktivitets kapacitet og standardvarighed', params: ActivityParams, body: ActivitySettings, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updateActivity(ctx, grantOf(req, 'activities', 'update'), req.params.activityId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/plans/:planId/activities/:activityId/roster',
      {
        config: { access: { resource: 'enrolments', action: 'read' } },
        schema: { tags, summary: 'Hvem er i forløb nu, og hvem venter', params: ActivityParams, response: { 200: Roster, ...errors } },
      },
      async (req) => {
        const { ids, disclosedIds, ...result } = await roster(ctx, grantOf(req, 'enrolments', 'read'), req.params.activityId)
        // The residents shown to the other party under their consent: each is a disclosure.
        return disclose(req, result, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {} })
      },
    )

    app.post(
      '/api/plans/:planId/participants/:participantId/enrolments',
      {
        config: { access: { resource: 'enrolments', action: 'create' } },
        schema: { tags, summary: 'Tilmeld en deltager en aktivitet (eller sæt på venteliste)', params: PlanParams.extend({ participantId: z.uuid() }), body: EnrolmentCreate, response: { 201: z.object({ id: z.uuid() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await enrol(ctx, grantOf(req, 'enrolments', 'create'), req.params.participantId, req.body)),
    )

    app.get(
      '/api/plans/:planId/enrolments/:enrolmentId',
      {
        config: { access: { resource: 'enrolments', action: 'read' } },
        schema: { tags, summary: 'Et forløb med opfølgninger og fremmøde', params: EnrolmentParams, response: { 200: Enrolment, ...errors } },
      },
      async (req) => {
        const { dto, view } = await getEnrolment(ctx, grantOf(req, 'enrolments', 'read'), req.params.enrolmentId)
        // A read by the other party records the consents it rests on (decision 008).
        return disclose(req, dto, { ids: [dto.participantId], details: disclosureDetails(view) })
      },
    )

    app.put(
      '/api/plans/:planId/enrolments/:enrolmentId',
      {
        config: { access: { resource: 'enrolments', action: 'update' } },
        schema: { tags, summary: 'Start, ret eller afslut et forløb', params: EnrolmentParams, body: EnrolmentUpdate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updateEnrolment(ctx, grantOf(req, 'enrolments', 'update'), req.params.enrolmentId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/plans/:planId/enrolments/:enrolmentId/followups',
      {
        config: { access: { resource: 'enrolments', action: 'update' } },
        schema: { tags, summary: 'Skriv en statusopfølgning på et forløb', params: EnrolmentParams, body: FollowupCreate, response: { 201: z.object({ id: z.uuid() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await addFollowup(ctx, grantOf(req, 'enrolments', 'update'), req.params.enrolmentId, req.body)),
    )

    app.put(
      '/api/plans/:planId/enrolments/:enrolmentId/followups/:followupId',
      {
        config: { access: { resource: 'enrolments', action: 'update' } },
        schema: { tags, summary: 'Ret en statusopfølgning, med begrundelse', params: FollowupParams, body: FollowupCorrection, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await correctFollowup(ctx, grantOf(req, 'enrolments', 'update'), req.params.enrolmentId, req.params.followupId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/api/plans/:planId/enrolments/:enrolmentId/reopening',
      {
        config: { access: { resource: 'enrolments', action: 'update' } },
        schema: { tags, summary: 'Genåbn et afsluttet forløb, med begrundelse', params: EnrolmentParams, body: EnrolmentReopening, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await reopenEnrolment(ctx, grantOf(req, 'enrolments', 'update'), req.params.enrolmentId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/plans/:planId/activities/:activityId/figures',
      {
        config: { access: { resource: 'participant-figures', action: 'read' } },
        schema: { tags, summary: 'Nøgletal beregnet ud fra aktivitetens forløb, for en periode', params: ActivityParams, querystring: z.object({ period: z.string().min(4).max(10) }), response: { 200: ActivityFigures, ...errors } },
      },
      async (req) => activityFigures(ctx, grantOf(req, 'participant-figures', 'read'), req.params.activityId, req.query.period),
    )

    app.post(
      '/api/plans/:planId/computed-values',
      {
        config: { access: { resource: 'indicator-values', action: 'create' } },
        schema: { tags, summary: 'Overfør et beregnet nøgletal til opfølgningen som værdi for en indikator', params: PlanParams, body: ComputedValueCreate, response: { 201: IndicatorValueDto, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await storeComputedValue(ctx, grantOf(req, 'indicator-values', 'create'), req.body)),
    )
  }
}
