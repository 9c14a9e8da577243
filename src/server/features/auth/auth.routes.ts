import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { LoginRequest, PasswordChange, SessionDto, SignedOut } from '../../../shared/auth.ts'
import { ErrorBody } from '../../../shared/errors.ts'
import { actorOf } from '../../lib/request.ts'
import type { AppContext } from '../../lib/context.ts'
import { getUserDto } from '../users/users.service.ts'
import { SESSION_COOKIE, changePassword, login, logout } from './auth.service.ts'
import { providerSignOutUrl } from './identity-provider.service.ts'

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const cookieOptions = (secure: boolean, expires: Date) =>
      ({ path: '/', httpOnly: true, sameSite: 'lax', secure, expires }) as const

    app.post(
      '/api/session',
      {
        config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: { tags: ['session'], summary: 'Log ind', body: LoginRequest, response: { 200: SessionDto, 401: ErrorBody, 423: ErrorBody } },
      },
      async (req, reply) => {
        const { token, actor, expiresAt, secondFactor } = await login(ctx, req.body.email, req.body.password, req.ip)
        const secure = ctx.config.COOKIE_SECURE === 'auto' ? req.protocol === 'https' : ctx.config.COOKIE_SECURE === 'true'
        reply.setCookie(SESSION_COOKIE, token, cookieOptions(secure, expiresAt))
        return { user: { ...(await getUserDto(ctx, actor.id)), mustChangePassword: actor.mustChangePassword }, expiresAt: expiresAt.toISOString(), secondFactor, signInMethod: 'password' as const }
      },
    )

    app.get(
      '/api/session',
      { config: { access: { self: true, duringSignIn: true } }, schema: { tags: ['session'], summary: 'Den indloggede bruger', response: { 200: SessionDto, 401: ErrorBody } } },
      async (req) => {
        const { actor, expiresAt, secondFactor, signInMethod } = actorOf(req)
        return { user: { ...(await getUserDto(ctx, actor.id)), mustChangePassword: actor.mustChangePassword }, expiresAt: expiresAt.toISOString(), secondFactor, signInMethod }
      },
    )

    app.delete(
      '/api/session',
      { config: { access: { self: true, duringSignIn: true } }, schema: { tags: ['session'], summary: 'Log ud', response: { 200: SignedOut } } },
      async (req, reply) => {
        const { actor, token } = actorOf(req)
        const { providerIdToken } = await logout(ctx, actor, token)
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        // Signed in through the organisation's login: the browser goes on to sign out there too (decision 041).
        return { providerSignOutUrl: providerIdToken ? await providerSignOutUrl(ctx, providerIdToken) : null }
      },
    )

    app.post(
      '/api/session/password',
      {
        config: { access: { self: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { tags: ['session'], summary: 'Skift adgangskode', body: PasswordChange, response: { 204: z.null(), 400: ErrorBody, 403: ErrorBody } },
      },
      async (req, reply) => {
        const { actor, token, signInMethod } = actorOf(req)
        await changePassword(ctx, actor, token, req.body, signInMethod)
        return reply.code(204).send(null)
      },
    )
  }
}
