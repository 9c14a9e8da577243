import { type Insertable, type Transaction, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

// SQL for open counselling: occurrences and who checked in, topics, inquiries and appointments.
// Callers are this folder's services, which decide through the resident gate which linked resident
// may leave.

type Db = Database | Transaction<DB>

/** Every revision of every agreement of the plan, with its content, in the order they take effect. */
export async function agreementRevisionsOfPlan(db: Db, planId: string) {
  return db
    .selectFrom('agreement_revision as r')
    .innerJoin('agreement as a', 'a.id', 'r.agreement_id')
    .select(['r.agreement_id', 'r.number', sql<string>`r.effective_from::text`.as('effective_from'), 'r.content'])
    .where('a.plan_id', '=', planId)
    .orderBy('r.agreement_id')
    .orderBy('r.effective_from')
    .orderBy('r.number')
    .execute()
}

export async function activitiesOfPlan(db: Db, planId: string) {
  return db.selectFrom('activity').select(['id', 'key']).where('plan_id', '=', planId).execute()
}

/** Adds the occurrences not there yet; returns how many were added. */
export async function insertOccurrences(trx: Transaction<DB>, rows: readonly Insertable<DB['counselling_occurrence']>[]): Promise<number> {
  if (rows.length === 0) return 0
  const inserted = await trx
    .insertInto('counselling_occurrence')
    .values([...rows])
    .onConflict((oc) => oc.columns(['activity_id', 'schedule_key', 'held_on']).doNothing())
    .returning('id')
    .execute()
  return inserted.length
}

const occurrenceColumns = [
  'o.id',
  'o.activity_id',
  'a.name as activity_name',
  'o.site',
  'o.venue',
  'o.held_on',
  sql<string>`to_char(o.starts_at, 'HH24:MI')`.as('starts_at'),
  sql<string>`to_char(o.ends_at, 'HH24:MI')`.as('ends_at'),
  'o.staffing_min',
  'o.staffing_max',
  'o.holiday',
  'o.cancelled_reason',
  sql<number>`(select count(distinct c.user_id)::int from counselling_checkin c where c.occurrence_id = o.id)`.as('staff'),
  sql<number>`(select count(*)::int from counselling_inquiry i where i.occurrence_id = o.id)`.as('inquiries'),
] as const

export async function occurrencesInRange(db: Db, planId: string, from: string, to: string) {
  return db
    .selectFrom('counselling_occurrence as o')
    .innerJoin('activity as a', 'a.id', 'o.activity_id')
    .select(occurrenceColumns)
    .where('o.plan_id', '=', planId)
    .where('o.held_on', '>=', from)
    .where('o.held_on', '<=', to)
    .orderBy('o.held_on')
    .orderBy('o.starts_at')
    .orderBy('o.site')
    .execute()
}

export async function occurrenceOfPlan(db: Db, planId: string, occurrenceId: string) {
  return db
    .selectFrom('counselling_occurrence as o')
    .innerJoin('activity as a', 'a.id', 'o.activity_id')
    .select(occurrenceColumns)
    .where('o.plan_id', '=', planId)
    .where('o.id', '=', occurrenceId)
    .executeTakeFirst()
}
export type OccurrenceRow = NonNullable<Awaited<ReturnType<typeof occurrenceOfPlan>>>

export async function cancelOccurrence(trx: Transaction<DB>, occurrenceId: string, reason: string, userId: string): Promise<void> {
  await trx.updateTable('counselling_occurrence').set({ cancelled_reason: reason, cancelled_by: userId, cancelled_at: sql`now()` }).where('id', '=', occurrenceId).execute()
}

export async function rosterOf(db: Db, occurrenceId: string) {
  return db
    .selectFrom('counselling_checkin as c')
    .innerJoin('app_user as u', 'u.id', 'c.user_id')
    .leftJoin('plan_party as p', 'p.id', 'c.party_id')
    .select(['c.user_id', 'u.name', 'p.name as party_name', 'p.unit as party_unit', 'c.checked_in_at', 'c.checked_out_at'])
    .where('c.occurrence_id', '=', occurrenceId)
    .orderBy('c.checked_in_at')
    .execute()
}

export async function checkIn(trx: Transaction<DB>, occurrenceId: string, userId: string, partyId: string | null): Promise<boolean> {
  const row = await trx
    .insertInto('counselling_checkin')
    .values({ occurrence_id: occurrenceId, user_id: userId, party_id: partyId })
    .onConflict((oc) => oc.columns(['occurrence_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export async function checkOut(trx: Transaction<DB>, occurrenceId: string, userId: string): Promise<boolean> {
  const r = await trx
    .updateTable('counselling_checkin')
    .set({ checked_out_at: sql`now()` })
    .where('occurrence_id', '=', occurrenceId)
    .where('user_id', '=', userId)
    .where('checked_out_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** The party the user works for on the plan (their membership's party). */
export async function partyOfMember(db: Db, planId: string, userId: string): Promise<string | null> {
  const row = await db.selectFrom('user_plan').select('party_id').where('plan_id', '=', planId).where('user_id', '=', userId).executeTakeFirst()
  return row?.party_id ?? null
}

export async function partiesOfPlan(db: Db, planId: string) {
  return db.selectFrom('plan_party').select(['id', 'name', 'unit']).where('plan_id', '=', planId).where('archived_at', 'is', null).orderBy('position').execute()
}

export async function topicsOfPlan(db: Db, planId: string) {
  return db.selectFrom('inquiry_topic').select(['id', 'label', 'retired_at']).where('plan_id', '=', planId).orderBy('position').orderBy('label').execute()
}

/** Gives the plan the default topics it lacks (none if it has any topic at all). */
export async function ensureTopics(trx: Transaction<DB>, planId: string, labels: readonly string[]): Promise<number> {
  const any = await trx.selectFrom('inquiry_topic').select('id').where('plan_id', '=', planId).limit(1).executeTakeFirst()
  if (any) return 0
  const rows = await trx
    .insertInto('inquiry_topic')
    .values(labels.map((label, i) => ({ plan_id: planId, label, position: (i + 1) * 10 })))
    .onConflict((oc) => oc.columns(['plan_id', 'label']).doNothing())
    .returning('id')
    .execute()
  return rows.length
}

export async function insertTopic(trx: Transaction<DB>, planId: string, label: string, userId: string) {
  const next = await trx.selectFrom('inquiry_topic').select(sql<number>`coalesce(max(position), 0)::int + 10`.as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow()
  return trx
    .insertInto('inquiry_topic')
    .values({ plan_id: planId, label, position: next.n, created_by: userId })
    .onConflict((oc) => oc.columns(['plan_id', 'label']).doNothing())
    .returning('id')
    .executeTakeFirst()
}

export async function topicOfPlan(db: Db, planId: string, topicId: string) {
  return db.selectFrom('inquiry_topic').select(['id', 'label', 'retired_at']).where('plan_id', '=', planId).where('id', '=', topicId).executeTakeFirst()
}

export async function setTopicRetired(trx: Transaction<DB>, topicId: string, retired: boolean): Promise<void> {
  await trx.updateTable('inquiry_topic').set({ retired_at: retired ? sql`now()` : null }).where('id', '=', topicId).execute()
}

export async function insertInquiry(trx: Transaction<DB>, row: Insertable<DB['counselling_inquiry']>): Promise<{ id: string }> {
  return trx.insertInto('counselling_inquiry').values(row).returning('id').executeTakeFirstOrThrow()
}

export async function inquiriesOfOccurrence(db: Db, occurrenceId: string) {
  return db
    .selectFrom('counselling_inquiry as i')
    .innerJoin('inquiry_topic as t', 't.id', 'i.topic_id')
    .leftJoin('plan_party as p', 'p.id', 'i.party_id')
    .select(['i.id', 't.label as topic', 'p.name as party_name', 'p.unit as party_unit', 'i.referral', 'i.participant_id', 'i.created_by', 'i.created_at'])
    .where('i.occurrence_id', '=', occurrenceId)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id')
    .execute()
}

export async function inquiryOfPlan(db: Db, planId: string, inquiryId: string) {
  return db.selectFrom('counselling_inquiry').select(['id', 'occurrence_id', 'created_by', 'referral', 'participant_id']).where('plan_id', '=', planId).where('id', '=', inquiryId).executeTakeFirst()
}

/** The user's latest inquiry at the occurrence: the one an undo takes back. */
export async function lastInquiryBy(db: Db, occurrenceId: string, userId: string) {
  return db
    .selectFrom('counselling_inquiry')
    .select(['id', 'referral', 'participant_id'])
    .where('occurrence_id', '=', occurrenceId)
    .where('created_by', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function updateReferral(trx: Transaction<DB>, inquiryId: string, referral: string): Promise<void> {
  await trx.updateTable('counselling_inquiry').set({ referral }).where('id', '=', inquiryId).execute()
}

export async function deleteInquiry(trx: Transaction<DB>, inquiryId: string): Promise<void> {
  await trx.deleteFrom('counselling_inquiry').where('id', '=', inquiryId).execute()
}

export async function insertAppointment(trx: Transaction<DB>, row: Insertable<DB['counselling_appointment']>): Promise<{ id: string }> {
  return trx.insertInto('counselling_appointment').values(row).returning('id').executeTakeFirstOrThrow()
}

/** The plan's appointments from a day on, or those booked at one occurrence; soonest first. */
export async function appointmentsOf(db: Db, planId: string, which: { from: string } | { occurrenceId: string }) {
  let query = db
    .selectFrom('counselling_appointment as ap')
    .leftJoin('plan_party as p', 'p.id', 'ap.party_id')
    .leftJoin('inquiry_topic as t', 't.id', 'ap.topic_id')
    .leftJoin('counselling_occurrence as o', 'o.id', 'ap.occurrence_id')
    .select([
      'ap.id',
      'ap.on_day',
      sql<string>`to_char(ap.at_time, 'HH24:MI')`.as('at_time'),
      'p.name as party_name',
      'p.unit as party_unit',
      't.label as topic',
      'ap.status',
      'ap.participant_id',
      'ap.contact_name',
      'ap.contact_phone',
      'o.site',
    ])
    .where('ap.plan_id', '=', planId)
  query = 'from' in which ? query.where('ap.on_day', '>=', which.from) : query.where('ap.occurrence_id', '=', which.occurrenceId)
  return query.orderBy('ap.on_day').orderBy('ap.at_time').execute()
}

export async function appointmentOfPlan(db: Db, planId: string, appointmentId: string) {
  return db.selectFrom('counselling_appointment').select(['id', 'participant_id', 'status']).where('plan_id', '=', planId).where('id', '=', appointmentId).executeTakeFirst()
}

export async function setAppointmentStatus(trx: Transaction<DB>, appointmentId: string, status: string): Promise<void> {
  await trx.updateTable('counselling_appointment').set({ status }).where('id', '=', appointmentId).execute()
}

/** What the figures are computed from: the occurrences in the range, each with the staff who checked in. */
export async function figureOccurrences(db: Db, planId: string, from: string, to: string) {
  return db
    .selectFrom('counselling_occurrence as o')
    .select([
      'o.id',
      'o.activity_id',
      'o.schedule_key',
      'o.site',
      'o.held_on',
      'o.holiday',
      'o.cancelled_at',
      'o.staffing_min',
      sql<string[]>`coalesce((select array_agg(distinct c.user_id::text) from counselling_checkin c where c.occurrence_id = o.id), '{}')`.as('staff_ids'),
    ])
    .where('o.plan_id', '=', planId)
    .where('o.held_on', '>=', from)
    .where('o.held_on', '<=', to)
    .execute()
}

export async function figureInquiries(db: Db, planId: string, from: string, to: string) {
  return db
    .selectFrom('counselling_inquiry as i')
    .innerJoin('counselling_occurrence as o', 'o.id', 'i.occurrence_id')
    .innerJoin('inquiry_topic as t', 't.id', 'i.topic_id')
    .select(['i.occurrence_id', 't.label as topic', 'i.referral', sql<number>`count(*)::int`.as('count')])
    .where('i.plan_id', '=', planId)
    .where('o.held_on', '>=', from)
    .where('o.held_on', '<=', to)
    .groupBy(['i.occurrence_id', 't.label', 'i.referral'])
    .execute()
}
