import { needsSecondFactor } from '../../../shared/permissions.ts'
import type { RecoveryCodes, SecondFactorEnrolment, SecondFactorStep } from '../../../shared/second-factor.ts'
import type { Role } from '../../../shared/users.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Actor, type Authority, auditActor } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import * as repo from './second-factor.repo.ts'
import { signInDelayTable } from './session-rule.ts'
import { acceptedTotpStep, isTotpCode, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from './totp.ts'
import { decryptTotpSecret, encryptTotpSecret, loadCheckedTotpKey, totpKeySource } from './totp-secret.ts'

// The second sign-in factor (decision 027). After the password a session of a role that needs one
// (needsSecondFactor) can do nothing but give the code, or set up the app when the user has none yet.

let totpKey: { source: string; key: Promise<Buffer> } | null = null

/**
 * The key that encrypts second-factor secrets (decision 033), read once and checked against a stored
 * secret: a wrong or missing key stops the server at start-up (boot.ts) with a Danish message.
 */
export function totpKeyOf(ctx: AppContext): Promise<Buffer> {
  const source = JSON.stringify(totpKeySource(ctx.config))
  if (!totpKey || totpKey.source !== source) {
    const entry = { source, key: repo.anyStoredSecret(ctx.db).then((stored) => loadCheckedTotpKey(ctx.config, stored)) }
    totpKey = entry
    entry.key.catch(() => {
      if (totpKey === entry) totpKey = null
    })
  }
  return totpKey.key
}

/** Forgets the key read, so the next use reads and checks it again (after a restore). */
export function forgetTotpKey(): void {
  totpKey = null
}

/** Where a session stands: the role, when the session's second factor was given, whether the user has one. */
export function secondFactorStep(role: Role, givenAt: Date | null, enrolledAt: Date | null): SecondFactorStep {
  if (!needsSecondFactor(role)) return 'not_needed'
  if (givenAt) return 'done'
  return enrolledAt ? 'verify' : 'enrol'
}

/** Counts the attempt, or refuses while the user waits after too many wrong codes. */
async function claimAttempt(ctx: AppContext, actor: Actor, ip: string): Promise<void> {
  const { LOGIN_MAX_FAILURES: maxFailures, LOGIN_LOCK_MINUTES: capMinutes } = ctx.config
  const failures = await repo.claimSecondFactorAttempt(ctx.db, actor.id, ctx.now(), maxFailures, signInDelayTable(maxFailures, capMinutes))
  if (failures === null) {
    await writeAudit(ctx.db, { actor: { id: actor.id }, action: 'login_failed', entity: 'second-factor', entityId: actor.id, details: { reason: 'locked' }, ip })
    throw new AppError('account_locked', 'For mange forkerte koder. Vent lidt, og prøv igen.')
  }
}

async function refuse(ctx: AppContext, actor: Actor, ip: string, reason: string): Promise<never> {
  await writeAudit(ctx.db, { actor: { id: actor.id }, action: 'login_failed', entity: 'second-factor', entityId: actor.id, details: { reason }, ip })
  throw new AppError('invalid_second_factor', undefined, { issues: [{ path: 'code', message: 'Koden er forkert eller udløbet.' }] })
}

/**
 * Starts setting up an authenticator app: a new secret, kept aside until the user proves with a code
 * that the app has it. Only for a user without one; an administrator removes an old one first.
 */
export async function startEnrolment(ctx: AppContext, actor: Actor): Promise<SecondFactorEnrolment> {
  const current = await repo.secondFactorOf(ctx.db, actor.id)
  if (!current) throw new AppError('unauthenticated')
  if (current.totp_enabled_at) throw new AppError('conflict', 'Du har allerede en godkendelsesapp. Bed en administrator om at nulstille den, hvis du har mistet den.')
  const secret = await newTotpSecret()
  await repo.setPendingSecret(ctx.db, actor.id, encryptTotpSecret(secret, actor.id, await totpKeyOf(ctx)))
  const uri = await totpUri(secret, actor.email)
  // Loaded here, at a set-up, rather than at every start (decision 046).
  const { default: QRCode } = await import('qrcode')
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

/** Finishes setting up the app with its first code; the session counts as confirmed. Returns the recovery codes, once. */
export async function confirmEnrolment(ctx: AppContext, actor: Actor, sessionId: string, code: string, ip: string): Promise<RecoveryCodes> {
  await claimAttempt(ctx, actor, ip)
  const current = await repo.secondFactorOf(ctx.db, actor.id)
  if (!current?.totp_pending_secret || current.totp_enabled_at) {
    throw new AppError('conflict', 'Start opsætningen af godkendelsesappen forfra.')
  }
  const now = ctx.now()
  const pending = decryptTotpSecret(current.totp_pending_secret, actor.id, await totpKeyOf(ctx))
  const step = await acceptedTotpStep(pending, code, now, null)
  if (step === null) return refuse(ctx, actor, ip, 'wrong_code_at_enrolment')
  const recoveryCodes = newRecoveryCodes()
  // Stays encrypted: the pending value becomes the secret as it is.
  const secret = current.totp_pending_secret
  await ctx.db.transaction().execute(async (trx) => {
    await repo.enableSecondFactor(trx, actor.id, secret, step, now)
    await repo.replaceRecoveryCodes(trx, actor.id, recoveryCodes.map(recoveryCodeHash), now)
    await repo.markSessionSecondFactor(trx, sessionId, now, 'totp')
    await writeAudit(trx, { actor: { id: actor.id }, action: 'create', entity: 'second-factor', entityId: actor.id, details: { recoveryCodes: recoveryCodes.length }, ip })
  })
  return { recoveryCodes }
}

/** The second step of signing in: a code from the app, or a recovery code, which is then used up. */
export async function verifySecondFactor(ctx: AppContext, actor: Actor, sessionId: string, code: string, ip: string): Promise<void> {
  await claimAttempt(ctx, actor, ip)
  const current = await repo.secondFactorOf(ctx.db, actor.id)
  if (!current?.totp_secret || !current.totp_enabled_at) throw new AppError('conflict', 'Du har ikke sat en godkendelsesapp op endnu.')
  const now = ctx.now()
  if (isTotpCode(code)) {
    const secret = decryptTotpSecret(current.totp_secret, actor.id, await totpKeyOf(ctx))
    const step = await acceptedTotpStep(secret, code, now, current.totp_last_step === null ? null : Number(current.totp_last_step))
    if (step === null) return refuse(ctx, actor, ip, 'wrong_code')
    await ctx.db.transaction().execute(async (trx) => {
      await repo.acceptSecondFactor(trx, actor.id, step)
      await repo.markSessionSecondFactor(trx, sessionId, now, 'totp')
      await writeAudit(trx, { actor: { id: actor.id }, action: 'login', entity: 'second-factor', entityId: actor.id, details: { method: 'totp' }, ip })
    })
    return
  }
  const used = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.useRecoveryCode(trx, actor.id, recoveryCodeHash(code), now))) return false
    await repo.acceptSecondFactor(trx, actor.id, null)
    await repo.markSessionSecondFactor(trx, sessionId, now, 'recovery_code')
    const left = await repo.unusedRecoveryCodes(trx, actor.id)
    await writeAudit(trx, { actor: { id: actor.id }, action: 'login', entity: 'second-factor', entityId: actor.id, details: { method: 'recovery_code', recoveryCodesLeft: left }, ip })
    return true
  })
  if (!used) await refuse(ctx, actor, ip, 'wrong_recovery_code')
}

/**
 * An administrator removes a user's second factor (a lost phone): the user sets up a new app at the
 * next sign-in, and every session of theirs ends now.
 */
export async function resetSecondFactor(ctx: AppContext, authority: Authority<'users', 'update'>, userId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const user = await repo.secondFactorOf(trx, userId)
    if (!user) throw new AppError('not_found', 'Brugeren findes ikke.')
    await repo.removeSecondFactor(trx, userId)
    await trx.deleteFrom('session').where('user_id', '=', userId).execute()
    await writeAudit(trx, { actor: auditActor(authority), action: 'delete', entity: 'second-factor', entityId: userId, details: { hadSecondFactor: user.totp_enabled_at !== null } })
  })
}
