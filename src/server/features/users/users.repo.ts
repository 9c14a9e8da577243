import type { Database } from '../../db/client.ts'
import { sql, type Transaction } from 'kysely'
import { preparedSelect } from '../../db/prepared-select.ts'
import type { DB } from '../../db/types.ts'
import type { Role } from '../../../shared/users.ts'

type Db = Database | Transaction<DB>

export interface UserRow {
  id: string
  email: string
  name: string
  role: Role
  organisation_id: string
  organisation_name: string
  password_hash: string
  must_change_password: boolean
  failed_logins: number
  locked_until: Date | null
  disabled_at: Date | null
  totp_enabled_at: Date | null
}

function selectUsers(db: Db) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.organisation_id',
      'o.name as organisation_name',
      'u.password_hash',
      'u.must_change_password',
      'u.failed_logins',
      'u.locked_until',
      'u.disabled_at',
      'u.totp_enabled_at',
    ])
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const row = await selectUsers(db)
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', email.toLowerCase()))
    .executeTakeFirst()
  return row as UserRow | undefined
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return (await selectUsers(db).where('u.id', '=', id).executeTakeFirst()) as UserRow | undefined
}

/** A membership as a request needs it: the plan, and the party of the plan the user works for (decision 012). */
export interface MembershipRow {
  planId: string
  party: { id: string; name: string; unit: string | null; dataController: boolean } | null
}

/**
 * The columns a request's actor is made of, memberships included (ordered by plan name), so that
 * one query answers "who is this": `u` must be the user row in the query it is added to.
 */
export const actorColumns = [
  'u.id',
  'u.name',
  'u.email',
  'u.role',
  'u.organisation_id',
  'u.must_change_password',
  'u.disabled_at',
  sql<MembershipRow[]>`coalesce((
    select json_agg(json_build_object(
        'planId', up.plan_id,
        'party', case when pp.id is null then null
                 else json_build_object('id', pp.id, 'name', pp.name, 'unit', pp.unit, 'dataController', pp.data_controller) end
      ) order by p.name, p.id)
    from user_plan up join plan p on p.id = up.plan_id left join plan_party pp on pp.id = up.party_id
    where up.user_id = u.id), '[]'::json)`.as('memberships'),
] as const

/** The user and their memberships, in one query. */
export async function findActorRow(db: Db, id: string) {
  return db.selectFrom('app_user as u').select(actorColumns).where('u.id', '=', id).executeTakeFirst()
}

export type ActorRow = NonNullable<Awaited<ReturnType<typeof findActorRow>>>

// Read whenever a session is not remembered; compiled once (decision 043).
const actorRowsBySession = preparedSelect((db, sessionId: string) =>
  db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.last_seen_at', 's.expires_at', 's.second_factor_at', 's.sign_in_method', 'u.totp_enabled_at', ...actorColumns])
    .where('s.id', '=', sessionId),
)

/** A session's times with its user and the user's memberships: all a request's authentication reads, in one query. */
export async function findActorRowBySession(db: Db, sessionId: string) {
  return (await actorRowsBySession(db, sessionId))[0]
}

export async function listUserRows(db: Db): Promise<UserRow[]> {
  return (await selectUsers(db).orderBy('u.name').execute()) as UserRow[]
}

export interface PlanRow {
  id: string
  name: string
  municipality: string
  /** The party of the plan the user belongs to (decision 012), if any. */
  party: { id: string; name: string; unit: string | null; dataController: boolean } | null
}

/** Plans per user id. */
export async function plansOfUsers(db: Db, userIds: string[]): Promise<Map<string, PlanRow[]>> {
  const map = new Map<string, PlanRow[]>()
  if (userIds.length === 0) return map
  const rows = await db
    .selectFrom('user_plan as up')
    .innerJoin('plan as p', 'p.id', 'up.plan_id')
    .leftJoin('plan_party as pp', 'pp.id', 'up.party_id')
    .select(['up.user_id', 'p.id', 'p.name', 'p.municipality', 'pp.id as party_id', 'pp.name as party_name', 'pp.unit as party_unit', 'pp.data_controller'])
    .where('up.user_id', 'in', userIds)
    .orderBy('p.name')
    .execute()
  for (const r of rows) {
    const plan: PlanRow = {
      id: r.id,
      name: r.name,
      municipality: r.municipality,
      party: r.party_id ? { id: r.party_id, name: r.party_name!, unit: r.party_unit, dataController: r.data_controller ?? false } : null,
    }
    map.set(r.user_id, [...(map.get(r.user_id) ?? []), plan])
  }
  return map
}

export async function organisationIdByName(db: Db, name: string): Promise<string> {
  const existing = await db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirst()
  if (existing) return existing.id
  // Two users of a new organisation created at once: the second insert waits for the first and
  // then finds the row, instead of failing on the unique name.
  const created = await db.insertInto('organisation').values({ name }).onConflict((oc) => oc.column('name').doNothing()).returning('id').executeTakeFirst()
  if (created) return created.id
  return (await db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}

export async function insertUser(
  db: Db,
  user: { email: string; name: string; role: Role; organisationId: string; passwordHash: string },
): Promise<string> {
  const row = await db
    .insertInto('app_user')
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      organisation_id: user.organisationId,
      password_hash: user.passwordHash,
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Gives the user these plans, in each as a member of the plan's first party of `partyKind`, if any. */
/**
 * Sets the user's plans, each with the party chosen for it in `partyIds`, or else the plan's first
 * party of `partyKind` (none if null). A chosen party of another plan is refused by the composite key.
 */
export async function setUserPlans(db: Db, userId: string, planIds: string[], partyKind: string | null, partyIds: Readonly<Record<string, string>> = {}): Promise<void> {
  await db.deleteFrom('user_plan').where('user_id', '=', userId).execute()
  if (planIds.length > 0) {
    await db
      .insertInto('user_plan')
      .values(planIds.map((plan_id) => ({ user_id: userId, plan_id, party_id: partyIds[plan_id] ?? (partyKind === null ? null : firstPartyOfKind(db, plan_id, partyKind)) })))
      .execute()
  }
}

/** The named parties that are live parties of the plans they are chosen for; the rest are not. */
export async function partiesOfPlans(db: Db, partyIds: Readonly<Record<string, string>>): Promise<number> {
  const pairs = Object.entries(partyIds)
  if (pairs.length === 0) return 0
  const rows = await db
    .selectFrom('plan_party')
    .select('id')
    .where('archived_at', 'is', null)
    .where((eb) => eb.or(pairs.map(([planId, partyId]) => eb.and([eb('plan_id', '=', planId), eb('id', '=', partyId)]))))
    .execute()
  return rows.length
}

function firstPartyOfKind(db: Db, planId: string, kind: string) {
  return db.selectFrom('plan_party').select('id').where('plan_id', '=', planId).where('kind', '=', kind).where('archived_at', 'is', null).orderBy('position').limit(1)
}

export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<{
    password_hash: string
    must_change_password: boolean
    failed_logins: number
    locked_until: Date | null
    disabled_at: Date | null
    name: string
    role: string
    organisation_id: string
  }>,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Counts one sign-in attempt against the account in one statement, so parallel guesses each get their
 * own number and no two read the same count. The attempt counts only when the account is not waiting
 * at `now`; the attempt that reaches `maxFailures` (and each after it) also starts the wait from
 * `delays` (milliseconds after the maxFailures-th, (maxFailures+1)-th … failure; the last holds
 * beyond), before its password is even checked, so guesses sent in parallel cannot slip past it.
 * Returns the count as if this attempt fails, or null when the account is waiting. The caller clears
 * the count when the password was right (`updateUser`).
 */
export async function claimSignInAttempt(db: Db, id: string, now: Date, maxFailures: number, delays: number[]): Promise<number | null> {
  const row = await db
    .updateTable('app_user')
    .set({
      failed_logins: sql<number>`failed_logins + 1`,
      locked_until: sql<Date | null>`case when failed_logins + 1 >= ${maxFailures}
        then ${now}::timestamptz + (${delays}::int[])[least(failed_logins + 2 - ${maxFailures}, ${delays.length})] * interval '1 millisecond'
        else locked_until end`,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_logins')
    .executeTakeFirst()
  return row ? row.failed_logins : null
}

/** Ends every sign-in of the user: their next request asks them to sign in again. */
export async function endSessionsOf(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** The active members of the plans, with their role: who may have to hear of a change on a plan. */
export async function activeMembersOfPlans(db: Db, planIds: string[]) {
  if (planIds.length === 0) return []
  return db
    .selectFrom('user_plan as up')
    .innerJoin('app_user as u', 'u.id', 'up.user_id')
    .select(['up.plan_id', 'u.id', 'u.name', 'u.email', 'u.role'])
    .where('up.plan_id', 'in', planIds)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.name')
    .execute()
}

/** The notices of new access to a plan's residents that `recipientId` has not marked seen, given since `since` (decision 041). */
export async function openAccessNotices(db: Db, recipientId: string, planId: string, since: Date) {
  return db
    .selectFrom('resident_access_notice as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .leftJoin('plan_party as pp', 'pp.id', 'n.party_id')
    .select(['n.id', 'u.name as user_name', 'n.role', 'n.kind', 'n.given_at', 'pp.name as party_name', 'pp.unit as party_unit'])
    .where('n.recipient_id', '=', recipientId)
    .where('n.plan_id', '=', planId)
    .where('n.acknowledged_at', 'is', null)
    .where('n.given_at', '>=', since)
    .orderBy('n.given_at', 'desc')
    .execute()
}

/** Marks the recipient's own notice seen; false when there is no such notice of theirs. */
export async function acknowledgeAccessNotice(db: Db, recipientId: string, noticeId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('resident_access_notice')
    .set({ acknowledged_at: at })
    .where('id', '=', noticeId)
    .where('recipient_id', '=', recipientId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
