import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

type Db = Database | Transaction<DB>

export async function secondFactorOf(db: Db, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_pending_secret', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst()
}

/** One stored (encrypted) secret, to check the key against; null when no user has one. */
export async function anyStoredSecret(db: Db): Promise<{ userId: string; secret: string } | null> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'totp_secret', 'totp_pending_secret'])
    .where((eb) => eb.or([eb('totp_secret', 'is not', null), eb('totp_pending_secret', 'is not', null)]))
    .limit(1)
    .executeTakeFirst()
  return row ? { userId: row.id, secret: (row.totp_secret ?? row.totp_pending_secret)! } : null
}

/**
 * Counts one attempt at the second factor in one statement, as claimSignInAttempt does for the
 * password, with a count of its own: a right password resets the password's count, so sharing it
 * would let someone who has the password guess codes without end. Null while the user waits.
 */
export async function claimSecondFactorAttempt(db: Db, userId: string, now: Date, maxFailures: number, delays: number[]): Promise<number | null> {
  const row = await db
    .updateTable('app_user')
    .set({
      totp_failures: sql<number>`totp_failures + 1`,
      totp_locked_until: sql<Date | null>`case when totp_failures + 1 >= ${maxFailures}
        then ${now}::timestamptz + (${delays}::int[])[least(totp_failures + 2 - ${maxFailures}, ${delays.length})] * interval '1 millisecond'
        else totp_locked_until end`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_locked_until', 'is', null), eb('totp_locked_until', '<=', now)]))
    .returning('totp_failures')
    .executeTakeFirst()
  return row ? row.totp_failures : null
}

/** After a right code: the count starts again, and codes of this step or earlier no longer work. */
export async function acceptSecondFactor(db: Db, userId: string, lastStep: number | null): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_failures: 0, totp_locked_until: null, ...(lastStep !== null ? { totp_last_step: lastStep } : {}) })
    .where('id', '=', userId)
    .execute()
}

export async function setPendingSecret(db: Db, userId: string, secret: string): Promise<void> {
  await db.updateTable('app_user').set({ totp_pending_secret: secret }).where('id', '=', userId).execute()
}

export async function enableSecondFactor(db: Db, userId: string, secret: string, step: number, now: Date): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: secret, totp_pending_secret: null, totp_enabled_at: now, totp_last_step: step, totp_failures: 0, totp_locked_until: null })
    .where('id', '=', userId)
    .execute()
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[], now: Date): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
  await db
    .insertInto('recovery_code')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now })))
    .execute()
}

/** Uses up an unused recovery code of the user's in one statement; false if there is none such. */
export async function useRecoveryCode(db: Db, userId: string, hash: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('recovery_code')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function markSessionSecondFactor(db: Db, sessionId: string, now: Date, method: 'totp' | 'recovery_code'): Promise<void> {
  await db.updateTable('session').set({ second_factor_at: now, second_factor_method: method }).where('id', '=', sessionId).execute()
}

/** Removes the user's second factor: the secret, any half-finished enrolment and the recovery codes. */
export async function removeSecondFactor(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, totp_failures: 0, totp_locked_until: null })
    .where('id', '=', userId)
    .execute()
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
}
