import { createHash, randomBytes } from 'node:crypto'
import type { PasswordChange, SignInMethod } from '../../../shared/auth.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Actor } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { SessionCache } from '../../lib/session-cache.ts'
import { actorOf, claimSignInAttempt, sessionWithActor, toActor, updateSignInState, userForSignIn } from '../users/users.service.ts'
import { commonPasswords, WEAK_PASSWORD_MESSAGE, weakPassword } from './password-strength.ts'
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts'
import { sessionIsActive, sessionNeedsTouch, signInDelayMs, signInDelayTable } from './session-rule.ts'
import { secondFactorStep } from './second-factor.service.ts'
import * as sessions from './sessions.repo.ts'
import type { SecondFactorStep } from '../../../shared/second-factor.ts'

export const SESSION_COOKIE = 'indsats_session'

export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface LoggedIn {
  token: string
  actor: Actor
  expiresAt: Date
  /** What the session still needs before it opens anything (decision 027). */
  secondFactor: SecondFactorStep
}

/**
 * Signs in. An unknown or disabled e-mail, a wrong password and an account that is waiting after too
 * many wrong ones all get the same answer after the same work (one password hash), so an attacker
 * learns neither which accounts exist nor which are waiting. Each attempt is counted in the database
 * in one statement (`claimSignInAttempt`), so guesses sent in parallel cannot share a count.
 */
export async function login(ctx: AppContext, email: string, password: string, ip: string): Promise<LoggedIn> {
  const now = ctx.now()
  const refuse = async (details: Record<string, unknown>, userId?: string): Promise<never> => {
    await writeAudit(ctx.db, {
      actor: { label: 'anonymous' },
      action: 'login_failed',
      entity: userId ? 'user' : 'login-session',
      ...(userId ? { entityId: userId } : {}),
      details,
      ip,
    })
    throw new AppError('invalid_credentials')
  }
  const user = await userForSignIn(ctx, { email })
  if (!user || user.disabled_at) {
    await verifyPassword(await dummyPasswordHash(), password)
    return refuse({ reason: 'unknown_or_disabled' })
  }
  const { LOGIN_MAX_FAILURES: maxFailures, LOGIN_LOCK_MINUTES: capMinutes } = ctx.config
  const failures = await claimSignInAttempt(ctx.db, user.id, now, maxFailures, signInDelayTable(maxFailures, capMinutes))
  if (failures === null) {
    await verifyPassword(await dummyPasswordHash(), password)
    return refuse({ reason: 'locked' }, user.id)
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const delay = signInDelayMs(failures, maxFailures, capMinutes)
    return refuse({ reason: 'wrong_password', failures, ...(delay > 0 ? { delaySeconds: delay / 1000 } : {}) }, user.id)
  }
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_MAX_HOURS * 3_600_000)
  await ctx.db.transaction().execute(async (trx) => {
    await updateSignInState(trx, user.id, { failed_logins: 0, locked_until: null })
    await trx.insertInto('session').values({ id: sessionId(token), user_id: user.id, expires_at: expiresAt, created_at: now, last_seen_at: now }).execute()
    await writeAudit(trx, { actor: { id: user.id }, action: 'login', entity: 'login-session', ip })
  })
  const actor = await actorOf(ctx, user.id)
  return { token, actor, expiresAt, secondFactor: secondFactorStep(actor.role, null, user.totp_enabled_at) }
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof sessionWithActor>>>
type ActiveSession = Extract<SessionLookup, { state: 'active' }>

/**
 * A remembered session: its row, and what the row says about the request, worked out once when the
 * row is read (the row's times are still checked on every request).
 */
interface RememberedSession {
  row: SessionRow
  active: ActiveSession
}

const sessionCaches = new WeakMap<AppContext['db'], SessionCache<RememberedSession>>()

/**
 * The remembered sessions of the app's database (decision 037), by the token itself: a request that
 * finds its session there needs no hash of the token (decision 043).
 */
function sessionCacheOf(ctx: AppContext): SessionCache<RememberedSession> {
  let cache = sessionCaches.get(ctx.db)
  if (!cache) {
    cache = new SessionCache<RememberedSession>(ctx.config.SESSION_CACHE_SECONDS * 1000)
    sessionCaches.set(ctx.db, cache)
  }
  return cache
}

export type SessionLookup =
  | { state: 'active'; actor: Actor; sessionId: string; expiresAt: Date; secondFactor: SecondFactorStep; signInMethod: SignInMethod }
  | { state: 'expired' }
  | { state: 'none' }

function activeSession(id: string, row: SessionRow): ActiveSession {
  // A one-time password is about signing in with a password; whoever came through the identity
  // provider has no use for one and is not sent to replace it (decision 032).
  const actor = row.sign_in_method === 'identity_provider' ? { ...toActor(row), mustChangePassword: false } : toActor(row)
  const signInMethod: SignInMethod = row.sign_in_method === 'identity_provider' ? 'identity_provider' : 'password'
  return { state: 'active', actor, sessionId: id, expiresAt: row.expires_at, secondFactor: secondFactorStep(actor.role, row.second_factor_at, row.totp_enabled_at), signInMethod }
}

/**
 * The session of a request that needs nothing written: remembered, still active, and seen within
 * the last minute. Undefined otherwise, and resolveSession decides. Answers without a promise, so
 * most signed-in requests pass authentication without waiting for anything.
 */
export function rememberedSession(ctx: AppContext, token: string | undefined): ActiveSession | undefined {
  if (!token) return undefined
  const entry = sessionCacheOf(ctx).get(token)
  if (!entry) return undefined
  const now = ctx.now()
  if (!sessionIsActive(entry.row, now, ctx.config.SESSION_IDLE_MINUTES) || entry.row.disabled_at || sessionNeedsTouch(entry.row, now)) return undefined
  return entry.active
}

/**
 * One query per request: the session, its user and the user's memberships together. Writes only
 * when something changes: an ended session is deleted, and last_seen_at is renewed at most once a
 * minute (sessionNeedsTouch), not on every request.
 */
export async function resolveSession(ctx: AppContext, token: string | undefined): Promise<SessionLookup> {
  if (!token) return { state: 'none' }
  const cache = sessionCacheOf(ctx)
  let entry = cache.get(token)
  if (!entry) {
    const readAt = cache.generation()
    const id = sessionId(token)
    const row = await sessionWithActor(ctx, id)
    if (!row) return { state: 'expired' }
    entry = { row, active: activeSession(id, row) }
    cache.set(token, entry, readAt)
  }
  const { row, active } = entry
  const now = ctx.now()
  if (!sessionIsActive(row, now, ctx.config.SESSION_IDLE_MINUTES) || row.disabled_at) {
    cache.delete(token)
    await sessions.deleteSession(ctx.db, active.sessionId)
    return { state: 'expired' }
  }
  if (sessionNeedsTouch(row, now)) {
    await sessions.touchSession(ctx.db, active.sessionId, now)
    cache.update(token, (e) => ({ ...e, row: { ...e.row, last_seen_at: now } }))
  }
  return active
}

/**
 * Ends the session. Gives back the ID token the identity provider issued for it, if it was kept
 * for signing out there too (decision 041); the row, and so the token, is gone either way.
 */
export async function logout(ctx: AppContext, actor: Actor, token: string): Promise<{ providerIdToken: string | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await trx.deleteFrom('session').where('id', '=', sessionId(token)).returning('provider_id_token').executeTakeFirst()
    await writeAudit(trx, { actor: { id: actor.id }, action: 'logout', entity: 'login-session' })
    return { providerIdToken: ended?.provider_id_token ?? null }
  })
}

/** Changes the password, ends the user's other sessions and clears the must-change flag. */
export async function changePassword(ctx: AppContext, actor: Actor, token: string, input: PasswordChange, signInMethod: SignInMethod): Promise<void> {
  // Whoever signed in through the organisation's login proved who they are there, not with the
  // password; the password is changed in a session that was opened with it (decision 041).
  if (signInMethod === 'identity_provider') throw new AppError('password_change_through_identity_provider')
  const user = await userForSignIn(ctx, { id: actor.id })
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation', 'Den nuværende adgangskode er forkert.', {
      issues: [{ path: 'currentPassword', message: 'Den nuværende adgangskode er forkert.' }],
    })
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('validation', 'Den nye adgangskode skal være en anden end den nuværende.', {
      issues: [{ path: 'newPassword', message: 'Den nye adgangskode skal være en anden end den nuværende.' }],
    })
  }
  const weak = weakPassword(input.newPassword, commonPasswords())
  if (weak) throw new AppError('validation', WEAK_PASSWORD_MESSAGE[weak], { issues: [{ path: 'newPassword', message: WEAK_PASSWORD_MESSAGE[weak] }] })
  const passwordHash = await hashPassword(input.newPassword)
  await ctx.db.transaction().execute(async (trx) => {
    await updateSignInState(trx, actor.id, { password_hash: passwordHash, must_change_password: false })
    await trx.deleteFrom('session').where('user_id', '=', actor.id).where('id', '!=', sessionId(token)).execute()
    await writeAudit(trx, { actor: { id: actor.id }, action: 'update', entity: 'user', entityId: actor.id, details: { passwordChanged: true } })
  })
}
