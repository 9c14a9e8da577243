import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { ActivityGroup, ActivityGroupCreate, DueCheck, FunnelActivity, FunnelFigures, ParticipantPathway, Pathway, PathwaySteps, ProgressCreate } from '../../../shared/pathways.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { disclosureDetails } from '../participants/resident-gate.ts'
import { agreementFunnels, createGroup, dueList, funnelActivities, funnelFigures, getPathway, listGroups, participantPathways, recordProgress, setPathway } from './pathways.service.ts'

const PlanParams = z.object({ planId: z.uuid() })
const ActivityParams = PlanParams.extend({ activityId: z.uuid() })
const ParticipantParams = PlanParams.extend({ participantId: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function pathwayRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['pathways']

    app.get(
      '/api/plans/:planId/pathways',
      {
        config: { access: { resource: 'funnel-figures', action: 'read' } },
        schema: { tags, summary: 'Helhedsplanens aktiviteter med en forløbstrappe (tragte)', params: PlanParams, response: { 200: z.array(FunnelActivity), ...errors } },
      },
      async (req) => funnelActivities(ctx, grantOf(req, 'funnel-figures', 'read')),
    )

    app.get(
      '/api/plans/:planId/activities/:activityId/pathway',
      {
        config: { access: { resource: 'pathways', action: 'read' } },
        schema: { tags, summary: 'En aktivitets forløbstrappe (trinene)', params: ActivityParams, response: { 200: Pathway, ...errors } },
      },
      async (req) => getPathway(ctx, grantOf(req, 'pathways', 'read'), req.params.activityId),
    )

    app.put(
      '/api/plans/:planId/activities/:activityId/pathway',
      {
        config: { access: { resource: 'pathways', action: 'update' } },
        schema: { tags, summary: 'Fastlæg en aktivitets trin', params: ActivityParams, body: PathwaySteps, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await setPathway(ctx, grantOf(req, 'pathways', 'update'), req.params.activityId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/api/plans/:planId/participants/:participantId/pathways',
      {
        config: { access: { resource: 'pathway-progress', action: 'read' } },
        schema: { tags, summary: 'Den unges trin i hver aktivitets forløb', params: ParticipantParams, response: { 200: z.array(ParticipantPathway), ...errors } },
      },
      async (req) => {
        const { dto, view } = await participantPathways(ctx, grantOf(req, 'pathway-progress', 'read'), req.params.participantId)
        return disclose(req, dto, { ids: [req.params.participantId], details: disclosureDetails(view) })
      },
    )

    app.post(
      '/api/plans/:planId/participants/:participantId/pathway-progress',
      {
        config: { access: { resource: 'pathway-progress', action: 'create' } },
        schema: { tags, summary: 'Registrér et trin, den unge har nået', params: ParticipantParams, body: ProgressCreate, response: { 201: z.object({ id: z.uuid() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await recordProgress(ctx, grantOf(req, 'pathway-progress', 'create'), req.params.participantId, req.body)),
    )

    app.get(
      '/api/plans/:planId/activities/:activityId/pathway/due',
      {
        config: { access: { resource: 'pathway-progress', action: 'read' } },
        schema: { tags, summary: 'Opfølgninger, der skal spørges om nu', params: ActivityParams, response: { 200: z.array(DueCheck), ...errors } },
      },
      async (req) => {
        const { items, ids, disclosedIds } = await dueList(ctx, grantOf(req, 'pathway-progress', 'read'), req.params.activityId)
        return disclose(req, items, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {} })
      },
    )

    app.get(
      '/api/plans/:planId/activities/:activityId/groups',
      {
        config: { access: { resource: 'activity-groups', action: 'read' } },
        schema: { tags, summary: 'En aktivitets hold', params: ActivityParams, response: { 200: z.array(ActivityGroup), ...errors } },
      },
      async (req) => listGroups(ctx, grantOf(req, 'activity-groups', 'read'), req.params.activityId),
    )

    app.post(
      '/api/plans/:planId/activities/:activityId/groups',
      {
        config: { access: { resource: 'activity-groups', action: 'create' } },
        schema: { tags, summary: 'Opret et hold', params: ActivityParams, body: ActivityGroupCreate, response: { 201: z.object({ id: z.uuid() }), ...errors } },
      },
      async (req, reply) => reply.code(201).send(await createGroup(ctx, grantOf(req, 'activity-groups', 'create'), req.params.activityId, req.body)),
    )

    app.get(
      '/api/plans/:planId/activities/:activityId/funnel',
      {
        config: { access: { resource: 'funnel-figures', action: 'read' } },
        schema: { tags, summary: 'Tragten: unge pr. trin, fritidsjob fastholdt og hold pr. år', params: ActivityParams, querystring: z.object({ period: z.string().max(20) }), response: { 200: FunnelFigures, ...errors } },
      },
      async (req) => funnelFigures(ctx, grantOf(req, 'funnel-figures', 'read'), req.params.activityId, req.query.period),
    )

    app.get(
      '/api/plans/:planId/agreements/:agreementId/funnels',
      {
        config: { access: { resource: 'funnel-figures', action: 'read' } },
        schema: {
          tags,
          summary: 'Opfølgning: tragten for delaftalens aktiviteter med et forløb',
          params: PlanParams.extend({ agreementId: z.uuid() }),
          querystring: z.object({ period: z.string().max(20) }),
          response: { 200: z.array(FunnelFigures), ...errors },
        },
      },
      async (req) => agreementFunnels(ctx, grantOf(req, 'funnel-figures', 'read'), req.params.agreementId, req.query.period),
    )
  }
}
