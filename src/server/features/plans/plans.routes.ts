import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { PlanIdParams, PlanList, PlanMemberList } from '../../../shared/plans.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { PartyIdParams, PlanParty, PlanPartyCreate, PlanPartyList, PlanPartyUpdate } from '../../../shared/parties.ts'
import { z } from 'zod'
import { addParty, changeParty, partyChoices, planParties } from './parties.service.ts'
import { planMembers, visiblePlans } from './plans.service.ts'

export function planRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/plans',
      { config: { access: { resource: 'plans', action: 'read' } }, schema: { tags: ['plans'], summary: 'Mine planer', response: { 200: PlanList } } },
      async (req) => ({ plans: await visiblePlans(ctx, grantOf(req, 'plans', 'read')) }),
    )

    app.get(
      '/api/plans/:planId/members',
      {
        config: { access: { resource: 'plan-members', action: 'read' } },
        schema: { tags: ['plans'], summary: 'Medarbejdere på planen', params: PlanIdParams, response: { 200: PlanMemberList, 403: ErrorBody } },
      },
      async (req) => {
        const members = await planMembers(ctx, grantOf(req, 'plan-members', 'read'))
        return disclose(req, { members }, { ids: members.map((m) => m.id) })
      },
    )

    app.get(
      '/api/plans/:planId/parties',
      {
        config: { access: { resource: 'plan-parties', action: 'read' } },
        schema: { tags: ['plans'], summary: 'Helhedsplanens parter', params: PlanIdParams, response: { 200: PlanPartyList, 403: ErrorBody } },
      },
      async (req) => ({ parties: await planParties(ctx, grantOf(req, 'plan-parties', 'read')) }),
    )

    app.post(
      '/api/plans/:planId/parties',
      {
        config: { access: { resource: 'plan-parties', action: 'create' } },
        schema: { tags: ['plans'], summary: 'Tilføj en part', params: PlanIdParams, body: PlanPartyCreate, response: { 201: PlanParty, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody } },
      },
      async (req, reply) => reply.code(201).send(await addParty(ctx, grantOf(req, 'plan-parties', 'create'), req.body)),
    )

    app.put(
      '/api/plans/:planId/parties/:partyId',
      {
        config: { access: { resource: 'plan-parties', action: 'update' } },
        schema: { tags: ['plans'], summary: 'Omdøb, ret eller arkivér en part', params: PartyIdParams, body: PlanPartyUpdate, response: { 200: PlanParty, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
      },
      async (req) => changeParty(ctx, grantOf(req, 'plan-parties', 'update'), req.params.partyId, req.body),
    )

    // For the user form: each plan's parties, so the administrator chooses a user's party per plan.
    app.get(
      '/api/users/party-choices',
      {
        config: { access: { resource: 'users', action: 'create' } },
        schema: { tags: ['users'], summary: 'Parter at vælge imellem pr. plan', response: { 200: z.object({ plans: z.record(z.string(), z.array(PlanParty)) }), 403: ErrorBody } },
      },
      async (req) => ({ plans: await partyChoices(ctx, grantOf(req, 'users', 'create')) }),
    )
  }
}
