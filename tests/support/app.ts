import type { Role } from '../../src/shared/users.ts'
import { buildApp } from '../../src/server/app.ts'
import type { App } from '../../src/server/lib/request.ts'
import { SESSION_COOKIE, sessionId } from '../../src/server/features/auth/auth.service.ts'
import { updateUser } from '../../src/server/features/users/users.repo.ts'
import { createUserWithPassword } from '../../src/server/features/users/users.service.ts'
import { findOrCreatePlan } from '../../src/server/features/plans/plans.repo.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { AppContext } from '../../src/server/lib/context.ts'

/** The context each test app was built with, so login() can reach its database. */
const contextOf = new WeakMap<App, AppContext>()

/** For an app a test builds itself (with routes of its own): lets login() reach its database. */
export function remembering<T extends App>(app: T, ctx: AppContext): T {
  contextOf.set(app, ctx)
  return app
}

export async function testApp(ctx: AppContext): Promise<App> {
  const app = await buildApp(ctx)
  await app.ready()
  contextOf.set(app, ctx)
  return app
}

export async function makePlan(ctx: AppContext, municipality: string): Promise<string> {
  return (await findOrCreatePlan(ctx.db, { name: `Helhedsplan ${municipality}`, municipality })).id
}

let userCounter = 0

export interface TestUser {
  id: string
  email: string
  password: string
  role: Role
}

/** A user who has already chosen their own password (so routes are not blocked by the first-login change). */
export async function makeUser(ctx: AppContext, role: Role, planIds: string[] = [], options: { mustChangePassword?: boolean; partyIds?: Record<string, string> } = {}): Promise<TestUser> {
  const email = `${role}.${++userCounter}.${process.pid}@example.dk`
  const { user, oneTimePassword } = await createUserWithPassword(ctx, systemAuthority('system'), {
    email,
    name: `${role} ${userCounter}`,
    role,
    organisation: `Organisation ${role}`,
    planIds,
    ...(options.partyIds ? { partyIds: options.partyIds } : {}),
  })
  if (!options.mustChangePassword) await updateUser(ctx.db, user.id, { must_change_password: false })
  return { id: user.id, email, password: oneTimePassword, role }
}

/**
 * Logs in through the API with the password and returns the cookie header to send with later
 * requests. The session is then marked as having had its second factor, straight in the database:
 * the tests of other features are about those features, and second-factor.test.ts proves over HTTP
 * that a session without it opens nothing.
 */
export async function login(app: App, user: { email: string; password: string }): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: user.email, password: user.password } })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)
  if (!cookie) throw new Error('no session cookie')
  const ctx = contextOf.get(app)
  if (!ctx) throw new Error('login() needs an app made by testApp()')
  await ctx.db.updateTable('session').set({ second_factor_at: ctx.now(), second_factor_method: 'totp' }).where('id', '=', sessionId(cookie.value)).execute()
  return `${SESSION_COOKIE}=${cookie.value}`
}

/** The plan's first party of each kind named, by id: what a consent names to share with them. */
export async function partiesOfKinds(ctx: AppContext, planId: string, kinds: readonly string[]): Promise<string[]> {
  const rows = await ctx.db.selectFrom('plan_party').select(['id', 'kind']).where('plan_id', '=', planId).where('archived_at', 'is', null).orderBy('position').execute()
  return kinds.map((kind) => rows.find((r) => r.kind === kind)!.id)
}
