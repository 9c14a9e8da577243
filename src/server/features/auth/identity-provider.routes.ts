import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { IdentityProviderDto, IdentityProviderProblem } from '../../../shared/auth.ts'
import { OIDC_CALLBACK_PATH } from '../../config.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { SESSION_COOKIE } from './auth.service.ts'
import { type SignInAttempt, finishSignIn, identityProvider, startSignIn } from './identity-provider.service.ts'

// Sign-in through the organisation's identity provider (decision 032). The browser navigates these
// addresses itself (no fetch), so each answers with a redirect: to the provider, to the start page,
// or back to the sign-in page with the problem's code, which that page shows in Danish.

/** Holds state, nonce and PKCE verifier while the browser is at the provider; only sent back to these routes. */
export const ATTEMPT_COOKIE = 'indsats_oidc'
const ATTEMPT_PATH = '/api/auth/oidc'
const ATTEMPT_MINUTES = 10
const LOGIN_PAGE = '/log-ind'

const Attempt = z.object({ state: z.string().min(1).max(200), nonce: z.string().min(1).max(200), codeVerifier: z.string().min(43).max(128) })

function readAttempt(value: string | undefined): SignInAttempt | null {
  if (!value) return null
  try {
    const parsed = Attempt.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function identityProviderRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const secure = (req: FastifyRequest) => (ctx.config.COOKIE_SECURE === 'auto' ? req.protocol === 'https' : ctx.config.COOKIE_SECURE === 'true')
    const toLoginPage = (reply: FastifyReply, error: unknown) => {
      const problem = error instanceof AppError ? IdentityProviderProblem.safeParse(error.code) : null
      if (!problem?.success) throw error
      return reply.redirect(`${LOGIN_PAGE}?fejl=${problem.data}`, 303)
    }

    app.get(
      ATTEMPT_PATH,
      { config: { access: { public: true } }, schema: { tags: ['session'], summary: 'Log ind via identitetsudbyder: er det slået til?', response: { 200: IdentityProviderDto } } },
      async () => identityProvider(ctx),
    )

    app.get(
      `${ATTEMPT_PATH}/start`,
      { config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { tags: ['session'], summary: 'Log ind via identitetsudbyder: gå til udbyderen' } },
      async (req, reply) => {
        let started: Awaited<ReturnType<typeof startSignIn>>
        try {
          started = await startSignIn(ctx)
        } catch (error) {
          return toLoginPage(reply, error)
        }
        reply.setCookie(ATTEMPT_COOKIE, Buffer.from(JSON.stringify(started.attempt)).toString('base64url'), {
          path: ATTEMPT_PATH,
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level navigation from another site.
          sameSite: 'lax',
          secure: secure(req),
          maxAge: ATTEMPT_MINUTES * 60,
        })
        return reply.redirect(started.url, 303)
      },
    )

    app.get(
      OIDC_CALLBACK_PATH,
      { config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { tags: ['session'], summary: 'Log ind via identitetsudbyder: tilbage fra udbyderen' } },
      async (req, reply) => {
        // One attempt, one return: a replayed or second callback finds no attempt.
        reply.clearCookie(ATTEMPT_COOKIE, { path: ATTEMPT_PATH })
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''
        try {
          const { token, expiresAt } = await finishSignIn(ctx, query, readAttempt(req.cookies[ATTEMPT_COOKIE]), req.ip)
          reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(req), expires: expiresAt })
          // The start page's guard takes the user on to the second factor or a new password, as after a password.
          return reply.redirect('/', 303)
        } catch (error) {
          return toLoginPage(reply, error)
        }
      },
    )
  }
}
