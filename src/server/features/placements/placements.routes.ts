import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { Placement, PlacementChoices, PlacementCreate, PlacementFollowupCreate, PlacementList, PlacementListQuery, PlacementUpdate } from '../../../shared/placements.ts'
import type { AppContext } from '../../lib/context.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import { disclosureDetails } from '../participants/resident-gate.ts'
import { addPlacementFollowup, createPlacement, getPlacement, listPlacements, placementChoices, updatePlacement } from './placements.service.ts'

const PlanParams = z.object({ planId: z.uuid() })
const PlacementParams = PlanParams.extend({ placementId: z.uuid() })
const Created = z.object({ id: z.uuid() })
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

export function placementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['placements']
    const base = '/api/plans/:planId/placements'

    app.get(
      base,
      {
        config: { access: { resource: 'placements', action: 'read' } },
        schema: { tags, summary: 'Udplaceringer i virksomheder, som du må se, og de opfølgninger, der skal laves', params: PlanParams, querystring: PlacementListQuery, response: { 200: PlacementList, ...errors } },
      },
      async (req) => {
        const { ids, disclosedIds, ...body } = await listPlacements(ctx, grantOf(req, 'placements', 'read'), req.query)
        // The residents shown to the other party under their consent: each is a disclosure.
        return disclose(req, body, { ids, details: disclosedIds.length ? { disclosure: { ids: disclosedIds } } : {} })
      },
    )

    app.get(
      '/api/plans/:planId/placement-choices',
      {
        config: { access: { resource: 'placements', action: 'create' } },
        schema: { tags, summary: 'De åbne åbninger, en beboer kan udplaceres i, med besatte pladser', params: PlanParams, response: { 200: PlacementChoices, ...errors } },
      },
      async (req) => placementChoices(ctx, grantOf(req, 'placements', 'create')),
    )

    app.post(
      base,
      {
        config: { access: { resource: 'placements', action: 'create' } },
        schema: { tags, summary: 'Udplacér en beboer i en åbning (evt. efter et afsluttet forløb)', params: PlanParams, body: PlacementCreate, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await createPlacement(ctx, grantOf(req, 'placements', 'create'), req.body)),
    )

    app.get(
      `${base}/:placementId`,
      {
        config: { access: { resource: 'placements', action: 'read' } },
        schema: { tags, summary: 'En udplacering med opfølgninger og udfald', params: PlacementParams, response: { 200: Placement, ...errors } },
      },
      async (req) => {
        const { dto, view } = await getPlacement(ctx, grantOf(req, 'placements', 'read'), req.params.placementId)
        // A read by the other party records the consents it rests on (decision 008).
        return disclose(req, dto, { ids: [dto.participantId], details: disclosureDetails(view) })
      },
    )

    app.put(
      `${base}/:placementId`,
      {
        config: { access: { resource: 'placements', action: 'update' } },
        schema: { tags, summary: 'Ret eller afslut en udplacering med udfald', params: PlacementParams, body: PlacementUpdate, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await updatePlacement(ctx, grantOf(req, 'placements', 'update'), req.params.placementId, req.body)
        return reply.code(204).send(null)
      },
    )

    app.post(
      `${base}/:placementId/followups`,
      {
        config: { access: { resource: 'placements', action: 'update' } },
        schema: { tags, summary: 'Følg op på en udplacering, fx om beboeren stadig er i job efter 3 måneder', params: PlacementParams, body: PlacementFollowupCreate, response: { 201: Created, ...errors } },
      },
      async (req, reply) => reply.code(201).send(await addPlacementFollowup(ctx, grantOf(req, 'placements', 'update'), req.params.placementId, req.body)),
    )
  }
}
