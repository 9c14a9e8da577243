import { SESSION_COOKIE, sessionId } from '../../src/server/features/auth/auth.service.ts'
import type { AppContext } from '../../src/server/lib/context.ts'
import type { App } from '../../src/server/lib/request.ts'

/**
 * Signs a bench's user in with the password and returns the cookie header. The benches time pages,
 * not sign-in: the session is marked as having had its second factor (decision 027) straight in the
 * database, as the integration tests' login() does.
 */
export async function benchSession(app: App, ctx: AppContext, email: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } })
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)
  if (res.statusCode !== 200 || !cookie) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  await ctx.db.updateTable('session').set({ second_factor_at: new Date(), second_factor_method: 'totp' }).where('id', '=', sessionId(cookie.value)).execute()
  return `${SESSION_COOKIE}=${cookie.value}`
}
