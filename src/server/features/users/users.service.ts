import { hearsOfResidentAccess, may, partyOf } from '../../../shared/permissions.ts'
import { partyName } from '../../../shared/parties.ts'
import type { Role, UserCreate, UserDto, UserUpdate } from '../../../shared/users.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Actor, type Authority, auditActor } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { type Delivery, sendMail } from '../../lib/mail.ts'
import { hashPassword, oneTimePassword } from '../auth/passwords.ts'
import { newUserMail, passwordResetMail, residentAccessMail } from './user-mails.ts'
import { ACCESS_NOTICE_DAYS, type AccessNotice, type ResidentAccessKind } from '../../../shared/access-notices.ts'
import * as repo from './users.repo.ts'

type Trx = Parameters<typeof repo.setUserPlans>[0]

export function toUserDto(row: repo.UserRow, plans: repo.PlanRow[]): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    plans: plans.map((p) => ({ id: p.id, name: p.name, municipality: p.municipality, party: p.party ? { id: p.party.id, name: partyName(p.party) } : null })),
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password,
    secondFactorEnrolled: row.totp_enabled_at !== null,
  }
}

export async function getUserDto(ctx: AppContext, userId: string): Promise<UserDto> {
  const row = await repo.findUserById(ctx.db, userId)
  if (!row) throw new AppError('not_found', 'Brugeren findes ikke.')
  const plans = await repo.plansOfUsers(ctx.db, [row.id])
  return toUserDto(row, plans.get(row.id) ?? [])
}

export async function listUsers(ctx: AppContext, _authority: Authority<'users', 'read'>): Promise<UserDto[]> {
  const rows = await repo.listUserRows(ctx.db)
  const plans = await repo.plansOfUsers(
    ctx.db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toUserDto(r, plans.get(r.id) ?? []))
}

/**
 * Creates a user and e-mails them their one-time password, which they must change at first login.
 * The administrator never sees it (issue 13, finding 9): with it they could sign in as the user and
 * read residents of plans that are not theirs. The mail is sent before the transaction commits, so a
 * mail server that refuses leaves no user behind whom nobody can sign in as.
 */
export async function createUser(
  ctx: AppContext,
  authority: Authority<'users', 'create'>,
  input: UserCreate,
): Promise<{ user: UserDto; passwordSentTo: string; mailDelivery: Delivery['via'] }> {
  let delivery: Delivery | undefined
  const { id } = await insertUser(ctx, authority, input, async (password) => {
    delivery = await sendMail(ctx, newUserMail(input, password, authority))
    return { oneTimePasswordMailed: true }
  })
  return { user: await getUserDto(ctx, id), passwordSentTo: input.email, mailDelivery: delivery!.via }
}

/**
 * Creates a user and hands the one-time password to the caller: for the first administrator of a new
 * installation (printed once at start-up) and the operator's command line, who has the machine and
 * its database anyway.
 */
export async function createUserWithPassword(
  ctx: AppContext,
  authority: Authority<'users', 'create'>,
  input: UserCreate,
): Promise<{ user: UserDto; oneTimePassword: string }> {
  const { id, password } = await insertUser(ctx, authority, input, async () => ({}))
  return { user: await getUserDto(ctx, id), oneTimePassword: password }
}

async function insertUser(
  ctx: AppContext,
  authority: Authority<'users', 'create'>,
  input: UserCreate,
  deliver: (password: string) => Promise<Record<string, unknown>>,
): Promise<{ id: string; password: string }> {
  const password = oneTimePassword()
  const passwordHash = await hashPassword(password)
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUserByEmail(trx, input.email)) {
      throw new AppError('conflict', `Der findes allerede en bruger med e-mailen ${input.email}.`)
    }
    await assertPlansExist(trx, input.planIds)
    await assertPartiesOfPlans(trx, input.planIds, input.partyIds ?? {})
    const organisationId = await repo.organisationIdByName(trx, input.organisation)
    const userId = await repo.insertUser(trx, { ...input, organisationId, passwordHash })
    await repo.setUserPlans(trx, userId, input.planIds, partyOf(input.role), input.partyIds ?? {})
    const announced = announcedDetails(await announceResidentAccess(ctx, trx, authority, { id: userId, ...input }, input.planIds, 'new'))
    const delivered = await deliver(password)
    await writeAudit(trx, {
      actor: auditActor(authority),
      action: 'create',
      entity: 'user',
      entityId: userId,
      details: { email: input.email, role: input.role, organisation: input.organisation, planIds: input.planIds, ...delivered, ...announced },
    })
    return userId
  })
  return { id, password }
}

/**
 * Tells each plan's project leader (hearsOfResidentAccess) that `user` can now read the plan's
 * residents, and by whose hand (issue 13, finding 9): by mail, and by a notice on their front page
 * (decision 041). Nothing is said when the role reads no residents. Returns what goes into the
 * audit row: who was told about which plan.
 */
async function announceResidentAccess(
  ctx: AppContext,
  trx: Trx,
  authority: Authority<'users', 'create' | 'update'>,
  user: { id: string; name: string; email: string; organisation: string; role: Role },
  planIds: string[],
  kind: ResidentAccessKind,
): Promise<{ planId: string; to: string[] }[]> {
  if (planIds.length === 0 || !may(user.role, 'participants', 'read')) return []
  const members = await repo.activeMembersOfPlans(trx, planIds)
  const plans = await trx.selectFrom('plan').select(['id', 'name']).where('id', 'in', planIds).orderBy('name').execute()
  const leaders = new Map<string, { name: string; email: string; planIds: string[] }>()
  for (const m of members) {
    if (m.id === user.id || !hearsOfResidentAccess(m.role as Role)) continue
    const leader = leaders.get(m.id) ?? { name: m.name, email: m.email, planIds: [] }
    leader.planIds.push(m.plan_id)
    leaders.set(m.id, leader)
  }
  const parties = await trx.selectFrom('user_plan').select(['plan_id', 'party_id']).where('user_id', '=', user.id).where('plan_id', 'in', planIds).execute()
  const givenAt = ctx.now()
  const notices = [...leaders].flatMap(([leaderId, leader]) =>
    leader.planIds.map((planId) => ({
      plan_id: planId,
      recipient_id: leaderId,
      user_id: user.id,
      role: user.role,
      party_id: parties.find((p) => p.plan_id === planId)?.party_id ?? null,
      kind,
      given_by: 'actor' in authority ? authority.actor.id : null,
      given_at: givenAt,
    })),
  )
  if (notices.length > 0) await trx.insertInto('resident_access_notice').values(notices).execute()
  for (const leader of leaders.values()) {
    const theirPlans = plans.filter((p) => leader.planIds.includes(p.id))
    await sendMail(ctx, residentAccessMail(leader, { user, plans: theirPlans, kind }, authority))
  }
  return plans.map((p) => ({ planId: p.id, to: [...leaders].filter(([, l]) => l.planIds.includes(p.id)).map(([leaderId]) => leaderId) }))
}

/** The audit row's list of who was told about which plan; absent when nothing was announced. */
function announcedDetails(...lists: { planId: string; to: string[] }[][]): { residentAccessAnnounced?: { planId: string; to: string[] }[] } {
  const all = lists.flat()
  return all.length > 0 ? { residentAccessAnnounced: all } : {}
}

export async function disableUser(ctx: AppContext, authority: Authority<'users', 'update'>, userId: string): Promise<UserDto> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findUserById(trx, userId)
    if (!row) throw new AppError('not_found', 'Brugeren findes ikke.')
    if ('actor' in authority && authority.actor.id === userId) {
      throw new AppError('conflict', 'Du kan ikke deaktivere din egen konto.')
    }
    await repo.updateUser(trx, userId, { disabled_at: ctx.now() })
    await trx.deleteFrom('session').where('user_id', '=', userId).execute()
    await writeAudit(trx, { actor: auditActor(authority), action: 'update', entity: 'user', entityId: userId, details: { disabled: true } })
  })
  return getUserDto(ctx, userId)
}

/**
 * Changes a user's name, organisation, role, plans and parties (decision 025). Where rights shrink —
 * another role (roles are not ranked: each sees different residents), a plan taken away or another
 * party in a plan — the user's sessions end, so the change applies at once and nothing read under
 * the old rights stays open in a browser. A plan kept under the same role keeps its party unless
 * another is chosen.
 */
export async function updateUserAccount(ctx: AppContext, authority: Authority<'users', 'update'>, userId: string, input: UserUpdate): Promise<{ user: UserDto; sessionsEnded: boolean }> {
  const ended = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findUserById(trx, userId)
    if (!row) throw new AppError('not_found', 'Brugeren findes ikke.')
    if ('actor' in authority && authority.actor.id === userId && input.role !== row.role) {
      throw new AppError('validation', 'Du kan ikke ændre din egen rolle. Bed en anden administrator om det.', { issues: [{ path: 'role', message: 'Du kan ikke ændre din egen rolle.' }] })
    }
    const planIds = [...new Set(input.planIds)]
    await assertPlansExist(trx, planIds)
    await assertPartiesOfPlans(trx, planIds, input.partyIds ?? {})
    const before = (await repo.plansOfUsers(trx, [userId])).get(userId) ?? []
    const sameRole = input.role === row.role
    const kept: Record<string, string> = {}
    if (sameRole) for (const p of before) if (p.party && planIds.includes(p.id)) kept[p.id] = p.party.id
    const partyIds = { ...kept, ...(input.partyIds ?? {}) }
    const organisationId = await repo.organisationIdByName(trx, input.organisation)
    await repo.updateUser(trx, userId, { name: input.name, role: input.role, organisation_id: organisationId })
    await repo.setUserPlans(trx, userId, planIds, partyOf(input.role), partyIds)
    const after = (await repo.plansOfUsers(trx, [userId])).get(userId) ?? []
    const removedPlans = before.filter((p) => !planIds.includes(p.id)).map((p) => p.id)
    // Plans kept whose party changed: under the same role, residents of another party come into reach.
    const movedPlans = after
      .filter((p) => {
        const old = before.find((b) => b.id === p.id)
        return old !== undefined && (old.party?.id ?? null) !== (p.party?.id ?? null)
      })
      .map((p) => p.id)
    const partyChanged = movedPlans.length > 0
    const shrinks = !sameRole || removedPlans.length > 0 || partyChanged
    if (shrinks) await repo.endSessionsOf(trx, userId)
    const added = planIds.filter((id) => !before.some((b) => b.id === id))
    // Roles are not ranked (each sees different residents), so another role on a kept plan is new access too.
    const reached = sameRole ? added : planIds
    const given = { id: userId, name: input.name, email: row.email, organisation: input.organisation, role: input.role }
    const announced = announcedDetails(
      await announceResidentAccess(ctx, trx, authority, given, reached, sameRole ? 'new' : 'role_changed'),
      // Another party on a kept plan with the same role reaches that party's residents (decision 041).
      sameRole ? await announceResidentAccess(ctx, trx, authority, given, movedPlans.filter((id) => after.find((p) => p.id === id)?.party), 'party_changed') : [],
    )
    await writeAudit(trx, {
      actor: auditActor(authority),
      action: 'update',
      entity: 'user',
      entityId: userId,
      details: {
        changes: {
          ...(row.name !== input.name ? { name: { from: row.name, to: input.name } } : {}),
          ...(row.organisation_name !== input.organisation ? { organisation: { from: row.organisation_name, to: input.organisation } } : {}),
          ...(!sameRole ? { role: { from: row.role, to: input.role } } : {}),
        },
        plansAdded: added,
        plansRemoved: removedPlans,
        partyChanged,
        sessionsEnded: shrinks,
        ...announced,
      },
    })
    return shrinks
  })
  return { user: await getUserDto(ctx, userId), sessionsEnded: ended }
}

/**
 * Lets a disabled user sign in again: its own audited act, so a password reset can no longer
 * re-enable an account on the side (issue 13, finding 9). Their password is the one they had.
 */
export async function enableUser(ctx: AppContext, authority: Authority<'users', 'update'>, userId: string): Promise<UserDto> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findUserById(trx, userId)
    if (!row) throw new AppError('not_found', 'Brugeren findes ikke.')
    if (!row.disabled_at) throw new AppError('conflict', 'Brugeren er ikke deaktiveret.')
    await repo.updateUser(trx, userId, { disabled_at: null, failed_logins: 0, locked_until: null })
    await writeAudit(trx, { actor: auditActor(authority), action: 'update', entity: 'user', entityId: userId, details: { enabled: true } })
  })
  return getUserDto(ctx, userId)
}

/**
 * Sets a new one-time password, lifts any lock and ends the user's sessions. A disabled user stays
 * disabled (enableUser). The password goes to the user by e-mail, never to the administrator (issue
 * 13, finding 9); sent before the commit, so a refused mail changes nothing.
 */
export async function resetPassword(
  ctx: AppContext,
  authority: Authority<'users', 'update'>,
  userId: string,
): Promise<{ user: UserDto; passwordSentTo: string; mailDelivery: Delivery['via'] }> {
  let delivery: Delivery | undefined
  let email = ''
  await setOneTimePassword(ctx, authority, userId, async (row, password) => {
    email = row.email
    delivery = await sendMail(ctx, passwordResetMail(row, password, authority))
    return { oneTimePasswordMailed: true }
  })
  return { user: await getUserDto(ctx, userId), passwordSentTo: email, mailDelivery: delivery!.via }
}

/** As resetPassword, handing the password to the operator at the command line (who may have no mail server). */
export async function resetPasswordWithPassword(ctx: AppContext, authority: Authority<'users', 'update'>, userId: string): Promise<{ user: UserDto; oneTimePassword: string }> {
  const password = await setOneTimePassword(ctx, authority, userId, async () => ({}))
  return { user: await getUserDto(ctx, userId), oneTimePassword: password }
}

async function setOneTimePassword(
  ctx: AppContext,
  authority: Authority<'users', 'update'>,
  userId: string,
  deliver: (row: repo.UserRow, password: string) => Promise<Record<string, unknown>>,
): Promise<string> {
  const password = oneTimePassword()
  const passwordHash = await hashPassword(password)
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findUserById(trx, userId)
    if (!row) throw new AppError('not_found', 'Brugeren findes ikke.')
    await repo.updateUser(trx, userId, {
      password_hash: passwordHash,
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
    })
    await trx.deleteFrom('session').where('user_id', '=', userId).execute()
    const delivered = await deliver(row, password)
    await writeAudit(trx, { actor: auditActor(authority), action: 'update', entity: 'user', entityId: userId, details: { passwordReset: true, ...delivered } })
  })
  return password
}

export async function findUserIdByEmail(ctx: AppContext, email: string): Promise<string> {
  const row = await repo.findUserByEmail(ctx.db, email)
  if (!row) throw new AppError('not_found', `Der findes ingen bruger med e-mailen ${email}.`)
  return row.id
}

async function assertPartiesOfPlans(trx: Trx, planIds: string[], partyIds: Readonly<Record<string, string>> = {}): Promise<void> {
  const chosen = Object.keys(partyIds)
  if (chosen.some((planId) => !planIds.includes(planId))) throw new AppError('validation', 'En part er valgt for en plan, brugeren ikke får adgang til.')
  if ((await repo.partiesOfPlans(trx, partyIds)) !== chosen.length) {
    throw new AppError('validation', 'En af de valgte parter hører ikke til planen, eller den er arkiveret.', { issues: [{ path: 'partyIds', message: 'Vælg en part fra helhedsplanens liste.' }] })
  }
}

async function assertPlansExist(trx: Trx, planIds: string[]): Promise<void> {
  if (planIds.length === 0) return
  const found = await trx.selectFrom('plan').select('id').where('id', 'in', planIds).execute()
  if (found.length !== new Set(planIds).size) throw new AppError('validation', 'En eller flere af de valgte planer findes ikke.')
}

// For the session feature, which signs users in but does not own their rows.

/** The stored user (credentials and lock state included) by e-mail or id. */
export async function userForSignIn(ctx: AppContext, by: { email: string } | { id: string }): Promise<repo.UserRow | undefined> {
  return 'email' in by ? repo.findUserByEmail(ctx.db, by.email) : repo.findUserById(ctx.db, by.id)
}

/** Failed-login count, lock, password: the fields sign-in changes. */
export const updateSignInState = repo.updateUser

/** Counting attempts atomically, with the delay after too many (auth.service.ts). */
export const claimSignInAttempt = repo.claimSignInAttempt

/** The user as the rest of the server sees them on a request. */
export async function actorOf(ctx: AppContext, userId: string): Promise<Actor> {
  const row = await repo.findActorRow(ctx.db, userId)
  if (!row) throw new AppError('unauthenticated')
  return toActor(row)
}

/** The user of a session (by its id), with the session's times, in one query; undefined when there is no such session. */
export async function sessionWithActor(ctx: AppContext, sessionId: string) {
  return repo.findActorRowBySession(ctx.db, sessionId)
}

/** An actor from the row `repo.actorColumns` selects (one query: user and memberships). */
export function toActor(row: repo.ActorRow): Actor {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    organisationId: row.organisation_id,
    planIds: row.memberships.map((m) => m.planId),
    parties: Object.fromEntries(row.memberships.flatMap((m) => (m.party ? [[m.planId, m.party]] : []))),
    mustChangePassword: row.must_change_password,
  }
}

/**
 * The front-page notices of new access to the plan's residents for the reader (decision 041):
 * their own, not marked seen, from the last ACCESS_NOTICE_DAYS days. The mail and the audit log
 * keep the news after that.
 */
export async function accessNoticesFor(ctx: AppContext, reader: Actor, planId: string): Promise<AccessNotice[]> {
  if (!hearsOfResidentAccess(reader.role)) return []
  const since = new Date(ctx.now().getTime() - ACCESS_NOTICE_DAYS * 86_400_000)
  const rows = await repo.openAccessNotices(ctx.db, reader.id, planId, since)
  return rows.map((r) => ({
    id: r.id,
    userName: r.user_name,
    role: r.role as Role,
    partyName: r.party_name ? partyName({ name: r.party_name, unit: r.party_unit }) : null,
    kind: r.kind as AccessNotice['kind'],
    givenAt: r.given_at.toISOString(),
  }))
}

/** The reader marks one of their notices seen; it leaves their front page. */
export async function acknowledgeAccessNotice(ctx: AppContext, reader: Actor, noticeId: string): Promise<void> {
  if (!(await repo.acknowledgeAccessNotice(ctx.db, reader.id, noticeId, ctx.now()))) throw new AppError('not_found', 'Beskeden findes ikke, eller den er allerede markeret som set.')
}
