import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody } from '../../../shared/errors.ts'
import { PlanIdParams, PlanList, PlanMemberList } from '../../../shared/plans.ts'
import { disclose } from '../../lib/personal-data-read.ts'
import { grantOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
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
  }
}
