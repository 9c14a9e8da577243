import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { SessionDto } from '../../../shared/auth.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { RecoveryCodes, SecondFactorCode, SecondFactorEnrolment, TotpCode } from '../../../shared/second-factor.ts'
import { UserDto, UserIdParams } from '../../../shared/users.ts'
import type { AppContext } from '../../lib/context.ts'
import { actorOf, grantOf } from '../../lib/request.ts'
import { getUserDto } from '../users/users.service.ts'
import { sessionId } from './auth.service.ts'
import { confirmEnrolment, resetSecondFactor, startEnrolment, verifySecondFactor } from './second-factor.service.ts'

// The second sign-in factor (decision 027). The three sign-in steps are reachable before the factor
// is given (`duringSignIn`), and rate-limited like the password step.

export function secondFactorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signInStep = { access: { self: true, duringSignIn: true }, rateLimit: { max: 20, timeWindow: '1 minute' } } as const

    app.post(
      '/api/session/second-factor',
      {
        config: signInStep,
        schema: { tags: ['session'], summary: 'Bekræft login med kode', body: SecondFactorCode, response: { 200: SessionDto, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 423: ErrorBody } },
      },
      async (req) => {
        const { actor, token, expiresAt, signInMethod } = actorOf(req)
        await verifySecondFactor(ctx, actor, sessionId(token), req.body.code, req.ip)
        return { user: { ...(await getUserDto(ctx, actor.id)), mustChangePassword: actor.mustChangePassword }, expiresAt: expiresAt.toISOString(), secondFactor: 'done' as const, signInMethod }
      },
    )

    app.post(
      '/api/session/second-factor/enrolment',
      {
        config: signInStep,
        schema: { tags: ['session'], summary: 'Start opsætning af godkendelsesapp', response: { 200: SecondFactorEnrolment, 409: ErrorBody } },
      },
      async (req) => startEnrolment(ctx, actorOf(req).actor),
    )

    app.post(
      '/api/session/second-factor/enrolment/confirm',
      {
        config: signInStep,
        schema: { tags: ['session'], summary: 'Afslut opsætning af godkendelsesapp', body: TotpCode, response: { 200: RecoveryCodes, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 423: ErrorBody } },
      },
      async (req) => {
        const { actor, token } = actorOf(req)
        return confirmEnrolment(ctx, actor, sessionId(token), req.body.code, req.ip)
      },
    )

    app.delete(
      '/api/users/:userId/second-factor',
      {
        config: { access: { resource: 'users', action: 'update' } },
        schema: { tags: ['users'], summary: 'Nulstil totrinsbekræftelse', params: UserIdParams, response: { 200: UserDto, 404: ErrorBody } },
      },
      async (req) => {
        await resetSecondFactor(ctx, grantOf(req, 'users', 'update'), req.params.userId)
        return getUserDto(ctx, req.params.userId)
      },
    )
  }
}
