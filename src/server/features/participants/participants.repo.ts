import { type Transaction, sql } from 'kysely'
import type { Party } from '../../../shared/consents.ts'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'
import type { ConsentRecord } from '../consents/consent-validity.ts'

// SQL for residents and their consents. Callers are the participants, consents, enrolments and
// sessions services, which decide per resident what may leave (participant-access.ts).

type Db = Database | Transaction<DB>

export interface ConsentRow extends ConsentRecord {
  participantId: string
  recordedAt: Date
  recordedBy: string | null
  documentFileName: string | null
  documentUploadedAt: Date | null
}

export async function consentsOf(db: Db, participantIds: readonly string[]): Promise<Map<string, ConsentRow[]>> {
  const byParticipant = new Map<string, ConsentRow[]>()
  if (participantIds.length === 0) return byParticipant
  const rows = await db
    .selectFrom('consent as c')
    .leftJoin('consent_document as d', 'd.consent_id', 'c.id')
    .leftJoin('app_user as u', 'u.id', 'c.recorded_by')
    .select([
      'c.id',
      'c.participant_id',
      'c.parties',
      'c.categories',
      'c.purpose',
      'c.form',
      'c.given_on',
      'c.valid_until',
      'c.withdrawn_on',
      'c.recorded_at',
      'u.name as recorded_by_name',
      'd.file_name',
      'd.uploaded_at',
    ])
    .where('c.participant_id', 'in', [...participantIds])
    .orderBy('c.given_on')
    .orderBy('c.recorded_at')
    .execute()
  for (const r of rows) {
    const list = byParticipant.get(r.participant_id) ?? []
    list.push({
      id: r.id,
      participantId: r.participant_id,
      parties: r.parties,
      categories: r.categories as ConsentRecord['categories'],
      purpose: r.purpose,
      form: r.form as ConsentRecord['form'],
      documentAttached: r.file_name !== null,
      givenOn: r.given_on as unknown as string,
      validUntil: r.valid_until as unknown as string | null,
      withdrawnOn: r.withdrawn_on as unknown as string | null,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by_name,
      documentFileName: r.file_name,
      documentUploadedAt: r.uploaded_at,
    })
    byParticipant.set(r.participant_id, list)
  }
  return byParticipant
}

export interface ParticipantHead {
  id: string
  planId: string
  pseudonym: string
  ownerParty: Party
  anonymised: boolean
}

export async function participantHead(db: Db, planId: string, id: string): Promise<ParticipantHead | null> {
  const row = await db
    .selectFrom('participant')
    .select(['id', 'plan_id', 'pseudonym', 'owner_party', 'anonymised_at'])
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? { id: row.id, planId: row.plan_id, pseudonym: row.pseudonym, ownerParty: row.owner_party as Party, anonymised: row.anonymised_at !== null } : null
}

export async function participantRecord(db: Db, planId: string, id: string) {
  return db
    .selectFrom('participant as p')
    .leftJoin('housing_area as h', 'h.id', 'p.housing_area_id')
    .leftJoin('department as d', 'd.id', 'p.department_id')
    .selectAll('p')
    .select(['h.name as housing_area_name', 'd.number as department_number', 'd.name as department_name'])
    .where('p.plan_id', '=', planId)
    .where('p.id', '=', id)
    .executeTakeFirst()
}
export type ParticipantRecordRow = NonNullable<Awaited<ReturnType<typeof participantRecord>>>

export async function notesOf(db: Db, participantId: string) {
  return db
    .selectFrom('participant_note as n')
    .leftJoin('app_user as u', 'u.id', 'n.written_by')
    .select(['n.id', 'n.category', 'n.body', 'n.written_on', 'u.name as written_by_name'])
    .where('n.participant_id', '=', participantId)
    .orderBy('n.written_on', 'desc')
    .orderBy('n.created_at', 'desc')
    .execute()
}

export async function enrolmentsOf(db: Db, participantIds: readonly string[]) {
  if (participantIds.length === 0) return []
  return db
    .selectFrom('enrolment as e')
    .innerJoin('activity as a', 'a.id', 'e.activity_id')
    .select(['e.id', 'e.participant_id', 'e.activity_id', 'a.name as activity_name', 'e.referred_on', 'e.start_on', 'e.exit_on'])
    .where('e.participant_id', 'in', [...participantIds])
    .orderBy('e.referred_on', 'desc')
    .execute()
}

/** Every resident of a plan with what the list needs; the service filters by scope. */
export async function listRows(db: Db, planId: string, includeAnonymised: boolean) {
  let q = db
    .selectFrom('participant as p')
    .leftJoin('housing_area as h', 'h.id', 'p.housing_area_id')
    .select([
      'p.id',
      'p.pseudonym',
      'p.name',
      'p.age_band',
      'p.birth_year',
      'p.owner_party',
      'p.anonymised_at',
      'h.name as housing_area_name',
    ])
    .where('p.plan_id', '=', planId)
  if (!includeAnonymised) q = q.where('p.anonymised_at', 'is', null)
  return q.orderBy('p.pseudonym').execute()
}

/** Running and waiting enrolments per resident, for one page of a list. */
export async function enrolmentCounts(db: Db, participantIds: readonly string[]): Promise<Map<string, { active: number; waiting: number }>> {
  const map = new Map<string, { active: number; waiting: number }>()
  if (participantIds.length === 0) return map
  const rows = await db
    .selectFrom('enrolment')
    .select([
      'participant_id',
      sql<number>`count(*) filter (where start_on is not null and exit_on is null)::int`.as('active'),
      sql<number>`count(*) filter (where start_on is null and exit_on is null)::int`.as('waiting'),
    ])
    .where('participant_id', 'in', [...participantIds])
    .groupBy('participant_id')
    .execute()
  for (const r of rows) map.set(r.participant_id, { active: r.active, waiting: r.waiting })
  return map
}

/** All consents of a plan's residents in one query, for lists. */
export async function planConsents(db: Db, planId: string): Promise<Map<string, ConsentRecord[]>> {
  const rows = await db
    .selectFrom('consent as c')
    .innerJoin('participant as p', 'p.id', 'c.participant_id')
    .leftJoin('consent_document as d', 'd.consent_id', 'c.id')
    .select(['c.id', 'c.participant_id', 'c.parties', 'c.categories', 'c.purpose', 'c.form', 'c.given_on', 'c.valid_until', 'c.withdrawn_on', sql<boolean>`d.consent_id is not null`.as('has_document')])
    .where('p.plan_id', '=', planId)
    .execute()
  const map = new Map<string, ConsentRecord[]>()
  for (const r of rows) {
    const list = map.get(r.participant_id) ?? []
    list.push({
      id: r.id,
      parties: r.parties,
      categories: r.categories as ConsentRecord['categories'],
      purpose: r.purpose,
      form: r.form as ConsentRecord['form'],
      documentAttached: r.has_document,
      givenOn: r.given_on as unknown as string,
      validUntil: r.valid_until as unknown as string | null,
      withdrawnOn: r.withdrawn_on as unknown as string | null,
    })
    map.set(r.participant_id, list)
  }
  return map
}

/** The plan's privacy row, made with the defaults on first use. */
export async function privacyOf(db: Db, planId: string) {
  const read = () => db.selectFrom('plan_privacy').selectAll().where('plan_id', '=', planId).executeTakeFirst()
  const row = await read()
  if (row) return row
  // The defaults live in the migration; the row is written once, the first time a plan needs it.
  await db.insertInto('plan_privacy').values({ plan_id: planId }).onConflict((oc) => oc.column('plan_id').doNothing()).execute()
  return (await read())!
}

/** The next pseudonym of a plan ("D-0001"); the row lock serialises concurrent registrations. */
export async function nextPseudonym(trx: Transaction<DB>, planId: string): Promise<string> {
  await privacyOf(trx, planId)
  const row = await trx
    .updateTable('plan_privacy')
    .set({ next_number: sql`next_number + 1` })
    .where('plan_id', '=', planId)
    .returning(sql<number>`next_number - 1`.as('n'))
    .executeTakeFirstOrThrow()
  return `D-${String(row.n).padStart(4, '0')}`
}

/** The last day of the plan's funding period (the latest of its agreements'), or null. */
export async function planEndsOn(db: Db, planId: string): Promise<string | null> {
  const row = await db
    .selectFrom('agreement as a')
    .innerJoin('funding_period as f', 'f.code', 'a.funding_period')
    .select(sql<string | null>`max(f.ends_on)::text`.as('ends_on'))
    .where('a.plan_id', '=', planId)
    .executeTakeFirst()
  return row?.ends_on ?? null
}
