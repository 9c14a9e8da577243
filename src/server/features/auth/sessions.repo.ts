import type { Database } from '../../db/client.ts'
import { actorColumns } from '../users/users.repo.ts'

export async function findSession(db: Database, id: string) {
  return db
    .selectFrom('session')
    .select(['id', 'user_id', 'created_at', 'last_seen_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** A session with its user and the user's memberships: everything a request's authentication needs, in one query. */
export async function findSessionWithActor(db: Database, id: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.last_seen_at', 's.expires_at', ...actorColumns])
    .where('s.id', '=', id)
    .executeTakeFirst()
}

export async function touchSession(db: Database, id: string, at: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute()
}

export async function deleteSession(db: Database, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute()
}

export async function deleteExpiredSessions(db: Database, now: Date, idleCutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleCutoff)]))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
