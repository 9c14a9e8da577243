import { type Insertable, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

// SQL for the conversation calendar, time sheets, closed quarters and the plan's time settings.
// Only the staff-time service calls it.

type Db = Database | Transaction<DB>

const num = (v: string | number) => Number(v)

export async function agreementIdsOfPlan(db: Db, planId: string): Promise<string[]> {
  return (await db.selectFrom('agreement').select('id').where('plan_id', '=', planId).orderBy('key').execute()).map((r) => r.id)
}

export async function activitiesOfPlan(db: Db, planId: string) {
  const rows = await db
    .selectFrom('activity as a')
    .leftJoin('agreement_activity as aa', 'aa.activity_id', 'a.id')
    .select(['a.id', 'a.key', 'a.name', 'aa.agreement_id'])
    .where('a.plan_id', '=', planId)
    .orderBy('a.name')
    .execute()
  const byId = new Map<string, { id: string; key: string; name: string; agreementIds: string[] }>()
  for (const r of rows) {
    const a = byId.get(r.id) ?? { id: r.id, key: r.key, name: r.name, agreementIds: [] }
    if (r.agreement_id) a.agreementIds.push(r.agreement_id)
    byId.set(r.id, a)
  }
  return [...byId.values()]
}

export async function partiesOfPlan(db: Db, planId: string) {
  return db.selectFrom('plan_party').select(['id', 'name', 'unit']).where('plan_id', '=', planId).where('archived_at', 'is', null).orderBy('position').execute()
}

/** The party a member acts for on the plan (decision 012), if any. */
export async function partyOfMember(db: Db, planId: string, userId: string): Promise<string | null> {
  const row = await db.selectFrom('user_plan').select('party_id').where('plan_id', '=', planId).where('user_id', '=', userId).executeTakeFirst()
  return row?.party_id ?? null
}

export async function settingsOf(db: Db, planId: string) {
  const row = await db.selectFrom('plan_staff_time_settings').selectAll().where('plan_id', '=', planId).executeTakeFirst()
  return row ? { normalWeekHours: num(row.normal_week_hours), hoursPerDay: num(row.hours_per_day), vacationWeeksPerYear: num(row.vacation_weeks_per_year) } : null
}

export async function upsertSettings(trx: Transaction<DB>, planId: string, s: { normalWeekHours: number; hoursPerDay: number; vacationWeeksPerYear: number }, by: string) {
  await trx
    .insertInto('plan_staff_time_settings')
    .values({ plan_id: planId, normal_week_hours: String(s.normalWeekHours), hours_per_day: String(s.hoursPerDay), vacation_weeks_per_year: String(s.vacationWeeksPerYear), updated_by: by })
    .onConflict((oc) =>
      oc.column('plan_id').doUpdateSet({ normal_week_hours: String(s.normalWeekHours), hours_per_day: String(s.hoursPerDay), vacation_weeks_per_year: String(s.vacationWeeksPerYear), updated_by: by, updated_at: sql`now()` }),
    )
    .execute()
}

export async function insertConversations(trx: Transaction<DB>, rows: readonly Insertable<DB['staff_conversation']>[]): Promise<string[]> {
  if (rows.length === 0) return []
  return (await trx.insertInto('staff_conversation').values([...rows]).returning('id').execute()).map((r) => r.id)
}

export async function conversationsOfPlan(db: Db, planId: string, limit: number) {
  return db
    .selectFrom('staff_conversation as c')
    .innerJoin('activity as a', 'a.id', 'c.activity_id')
    .innerJoin('app_user as u', 'u.id', 'c.staff_id')
    .select(['c.id', 'c.activity_id', 'a.key as activity_key', 'a.name as activity_name', 'u.name as staff_name', 'c.kind', 'c.participant_id', 'c.held_on', 'c.place', 'c.duration_minutes', 'c.transport_minutes', 'c.admin_minutes'])
    .where('c.plan_id', '=', planId)
    .orderBy('c.held_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .limit(limit)
    .execute()
}

/**
 * The conversations of the given activities held in [from, to], summed per person, party, activity
 * and ISO week in SQL: how many, their minutes with the administrative time as entered, and how many
 * leave it to the activity's rule (the caller adds the rule's minutes for those). The quarter view
 * needs no more than these sums (quarter-view.ts `quarterRowsFromWeeks`; property-tested against the
 * pure rule over single conversations).
 */
export async function conversationWeeksInSpan(db: Db, planId: string, activityKeys: readonly string[], from: string, to: string) {
  if (activityKeys.length === 0) return []
  const rows = await sql<{ staff_id: string; party_id: string | null; activity_key: string; week_start: string; conversations: number; minutes: number; by_rule: number }>`
    select c.staff_id, c.party_id, a.key as activity_key,
      to_char(c.held_on - (extract(isodow from c.held_on)::int - 1), 'YYYY-MM-DD') as week_start,
      count(*)::int as conversations,
      sum(c.duration_minutes + c.transport_minutes + coalesce(c.admin_minutes, 0))::int as minutes,
      (count(*) filter (where c.admin_minutes is null))::int as by_rule
    from staff_conversation c
    join activity a on a.id = c.activity_id
    where c.plan_id = ${planId} and c.held_on between ${from} and ${to} and a.key in (${sql.join([...activityKeys])})
    group by c.staff_id, c.party_id, a.key, 4`.execute(db)
  return rows.rows
}

/** One person's hours for a promise/activity/week/area: registering again replaces them. */
export async function upsertTimeEntry(trx: Transaction<DB>, row: Insertable<DB['time_entry']>): Promise<{ id: string; replaced: boolean }> {
  const existing = await trx
    .selectFrom('time_entry')
    .select('id')
    .where('staff_id', '=', row.staff_id)
    .where('agreement_id', '=', row.agreement_id)
    .where(sql<boolean>`resource_key is not distinct from ${row.resource_key ?? null}`)
    .where(sql<boolean>`activity_id is not distinct from ${row.activity_id ?? null}`)
    .where(sql<boolean>`effort_area is not distinct from ${row.effort_area ?? null}`)
    .where('week_start', '=', row.week_start)
    .forUpdate()
    .executeTakeFirst()
  if (existing) {
    await trx.updateTable('time_entry').set({ hours: row.hours, note: row.note, party_id: row.party_id, import_id: row.import_id ?? null, updated_at: sql`now()` }).where('id', '=', existing.id).execute()
    return { id: existing.id, replaced: true }
  }
  const inserted = await trx.insertInto('time_entry').values(row).returning('id').executeTakeFirstOrThrow()
  return { id: inserted.id, replaced: false }
}

export async function timeEntriesOf(db: Db, planId: string, staffId: string | null, limit: number) {
  let q = db
    .selectFrom('time_entry as t')
    .innerJoin('app_user as u', 'u.id', 't.staff_id')
    .leftJoin('activity as a', 'a.id', 't.activity_id')
    .select(['t.id', 't.agreement_id', 'a.name as activity_name', 't.resource_key', 't.effort_area', 'u.name as staff_name', 't.week_start', 't.hours', 't.note'])
    .where('t.plan_id', '=', planId)
  if (staffId) q = q.where('t.staff_id', '=', staffId)
  return q.orderBy('t.week_start', 'desc').orderBy('t.updated_at', 'desc').limit(limit).execute()
}

/** The sheet hours of an agreement in weeks starting within [firstMonday, lastMonday]. */
export async function sheetsInSpan(db: Db, agreementId: string, firstMonday: string, lastMonday: string) {
  return db
    .selectFrom('time_entry as t')
    .leftJoin('activity as a', 'a.id', 't.activity_id')
    .select(['t.staff_id', 't.party_id', 'a.key as activity_key', 't.resource_key', 't.effort_area', 't.week_start', 't.hours'])
    .where('t.agreement_id', '=', agreementId)
    .where('t.week_start', '>=', firstMonday)
    .where('t.week_start', '<=', lastMonday)
    .execute()
}

export async function latestCloses(db: Db, agreementId: string, quarter: string) {
  return db
    .selectFrom('time_quarter_close as q')
    .innerJoin('app_user as u', 'u.id', 'q.closed_by')
    .select(['q.resource_key', 'q.total_hours', 'u.name as closed_by', 'q.closed_by as closed_by_id', 'q.closed_at'])
    .where('q.agreement_id', '=', agreementId)
    .where('q.quarter', '=', quarter)
    .orderBy('q.closed_at', 'desc')
    .execute()
}

/** The reopenings of an agreement's quarter, newest first. */
export async function latestReopens(db: Db, agreementId: string, quarter: string) {
  return db.selectFrom('time_quarter_reopen').select(['resource_key', 'reopened_at']).where('agreement_id', '=', agreementId).where('quarter', '=', quarter).orderBy('reopened_at', 'desc').execute()
}

export async function insertReopen(trx: Transaction<DB>, row: Insertable<DB['time_quarter_reopen']>): Promise<string> {
  return (await trx.insertInto('time_quarter_reopen').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/**
 * Whether a person has a locked close of the agreement's quarter: a close by them with no reopening
 * of the same resource after it (decision 035).
 */
export async function lockedBy(db: Db, agreementId: string, quarter: string, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('time_quarter_close as c')
    .select('c.id')
    .where('c.agreement_id', '=', agreementId)
    .where('c.quarter', '=', quarter)
    .where('c.closed_by', '=', staffId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('time_quarter_reopen as r').select('r.id').whereRef('r.agreement_id', '=', 'c.agreement_id').whereRef('r.resource_key', '=', 'c.resource_key').whereRef('r.quarter', '=', 'c.quarter').whereRef('r.reopened_at', '>', 'c.closed_at'))),
    )
    .executeTakeFirst()
  return row !== undefined
}

export async function insertClose(trx: Transaction<DB>, row: Insertable<DB['time_quarter_close']>): Promise<string> {
  return (await trx.insertInto('time_quarter_close').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function activityInPlan(db: Db, planId: string, activityId: string) {
  return db.selectFrom('activity').select(['id', 'key', 'name']).where('id', '=', activityId).where('plan_id', '=', planId).executeTakeFirst()
}

export async function membersOfPlan(db: Db, planId: string) {
  return db.selectFrom('user_plan as up').innerJoin('app_user as u', 'u.id', 'up.user_id').select(['u.id', 'u.email', 'u.name']).where('up.plan_id', '=', planId).execute()
}

export async function partiesOfMembers(db: Db, planId: string): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('user_plan').select(['user_id', 'party_id']).where('plan_id', '=', planId).execute()
  return new Map(rows.map((r) => [r.user_id, r.party_id]))
}

/** Serialises imports into one plan's staff time. */
export async function lockPlanForImport(trx: Transaction<DB>, planId: string): Promise<void> {
  await sql`select id from plan where id = ${planId} for update`.execute(trx)
}
