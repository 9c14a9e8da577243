import { sql } from 'kysely'
import type { Database } from '../../db/client.ts'

// The link between an Indsats user and their account at the organisation's identity provider
// (decision 032), and the session a sign-in through it opens.

type Db = Pick<Database, 'selectFrom' | 'insertInto' | 'updateTable'>

/** The user linked to the provider's account, if any. */
export async function linkedUserId(db: Db, issuer: string, subject: string): Promise<string | undefined> {
  const row = await db.selectFrom('user_identity').select('user_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst()
  return row?.user_id
}

/** Whether the user is already linked to another account at this provider. */
export async function linkedSubjectOf(db: Db, issuer: string, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('user_identity').select('subject').where('issuer', '=', issuer).where('user_id', '=', userId).executeTakeFirst()
  return row?.subject
}

/** Links (or, when linked, notes the sign-in); true when the link is new. */
export async function recordLink(db: Db, issuer: string, subject: string, userId: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('user_identity')
    .values({ issuer, subject, user_id: userId, created_at: at, last_sign_in_at: at })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ last_sign_in_at: at }))
    // A row PostgreSQL inserted (not updated) has no xmax.
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow()
  return row.inserted
}

export async function insertSession(
  db: Db,
  session: { id: string; userId: string; now: Date; expiresAt: Date; secondFactorAt: Date | null; providerIdToken: string | null },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      sign_in_method: 'identity_provider',
      second_factor_at: session.secondFactorAt,
      second_factor_method: session.secondFactorAt ? 'identity_provider' : null,
      provider_id_token: session.providerIdToken,
    })
    .execute()
}
