import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Access, Actor, Grant } from './authorize.ts'
import { AppError } from './errors.ts'
import type { Action, Resource } from '../../shared/permissions.ts'
import type { SignInMethod } from '../../shared/auth.ts'
import type { SecondFactorStep } from '../../shared/second-factor.ts'

// What a route module needs from the request pipeline that app.ts sets up: the request's
// decorations, the typed app and the two accessors. Routes import this, never app.ts, so the
// import graph has no loop (app.ts → routes → lib).

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Required on every route: app.ts refuses to register one without. */
    access?: Access
  }
  interface FastifyRequest {
    actor: Actor | null
    sessionToken: string | null
    /** When the session ends if the user does nothing more: the idle limit or its absolute expiry. */
    sessionExpiresAt: Date | null
    /** Where the session stands with the second factor (decision 027). */
    secondFactor: SecondFactorStep | null
    /** How the session was signed in (decision 032). */
    signInMethod: SignInMethod | null
    grant: Grant | null
  }
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>

/** The grant the route's access declaration produced, checked to be the one the handler expects. */
export function grantOf<R extends Resource, A extends Action>(req: FastifyRequest, resource: R, action: A): Grant<R, A> {
  const grant = req.grant
  if (!grant || grant.resource !== resource || grant.action !== action) {
    throw new AppError('internal', undefined, { logDetail: `route declares no ${resource}:${action} access` })
  }
  return grant as Grant<R, A>
}

/** The signed-in actor of a `self` route. */
export function actorOf(req: FastifyRequest): { actor: Actor; token: string; expiresAt: Date; secondFactor: SecondFactorStep; signInMethod: SignInMethod } {
  if (!req.actor || !req.sessionToken || !req.sessionExpiresAt || !req.secondFactor || !req.signInMethod) throw new AppError('unauthenticated')
  return { actor: req.actor, token: req.sessionToken, expiresAt: req.sessionExpiresAt, secondFactor: req.secondFactor, signInMethod: req.signInMethod }
}
