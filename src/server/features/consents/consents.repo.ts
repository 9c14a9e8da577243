import { type Transaction, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'
import { type ConsentRow, namedParties, toConsentRow } from './consent-rows.sql.ts'

// SQL for consents and their signed documents. Other features read consents through
// consent-records.service.ts; what a consent allows is decided by consent-validity.ts.

type Db = Database | Transaction<DB>

export type { ConsentRow }

// The ids of the parties a consent names (consent_party), as text so they compare with ids elsewhere.
const partyIds = sql<string[]>`coalesce((select array_agg(cp.party_id::text) from consent_party cp where cp.consent_id = c.id), '{}')`

export async function consentsOf(db: Db, participantIds: readonly string[]): Promise<Map<string, ConsentRow[]>> {
  const byParticipant = new Map<string, ConsentRow[]>()
  if (participantIds.length === 0) return byParticipant
  const rows = await db
    .selectFrom('consent as c')
    .innerJoin('participant as p', 'p.id', 'c.participant_id')
    .leftJoin('consent_document as d', 'd.consent_id', 'c.id')
    .leftJoin('app_user as u', 'u.id', 'c.recorded_by')
    .select([
      'c.id',
      'c.participant_id',
      'p.birth_year',
      'c.given_by',
      'c.guardian_name',
      'c.guardian_relation',
      'c.young_person_say',
      'c.young_person_note',
      namedParties.as('parties'),
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
    list.push(toConsentRow(r))
    byParticipant.set(r.participant_id, list)
  }
  return byParticipant
}

/** One consent, if it belongs to a resident of the plan. */
export async function consentOfPlan(db: Db, planId: string, consentId: string) {
  return db
    .selectFrom('consent as c')
    .innerJoin('participant as p', 'p.id', 'c.participant_id')
    .select(['c.id', 'c.participant_id', 'c.form', 'c.given_on', 'c.withdrawn_on', partyIds.as('parties')])
    .where('c.id', '=', consentId)
    .where('p.plan_id', '=', planId)
    .executeTakeFirst()
}

export async function insertConsent(
  trx: Transaction<DB>,
  consent: {
    participantId: string
    parties: string[]
    categories: string[]
    purpose: string
    form: string
    givenOn: string
    validUntil: string | null
    recordedBy: string
    guardian: { name: string; relation: string; youngPersonSay: string; youngPersonNote: string | null } | null
  },
): Promise<{ id: string }> {
  const row = await trx
    .insertInto('consent')
    .values({
      participant_id: consent.participantId,
      categories: consent.categories,
      purpose: consent.purpose,
      form: consent.form,
      given_on: consent.givenOn,
      valid_until: consent.validUntil,
      recorded_by: consent.recordedBy,
      given_by: consent.guardian ? 'guardian' : 'self',
      guardian_name: consent.guardian?.name ?? null,
      guardian_relation: consent.guardian?.relation ?? null,
      young_person_say: consent.guardian?.youngPersonSay ?? null,
      young_person_note: consent.guardian?.youngPersonNote ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('consent_party')
    .values(consent.parties.map((party_id) => ({ consent_id: row.id, party_id })))
    .execute()
  return row
}

/** The parties of the plan among `ids` that a new consent may name (not archived), with their names. */
export async function livePartiesOfPlan(db: Db, planId: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db.selectFrom('plan_party').select(['id', 'name', 'unit']).where('plan_id', '=', planId).where('id', 'in', [...ids]).where('archived_at', 'is', null).orderBy('position').execute()
}

/** Records the withdrawal unless one is already recorded; false if it was. */
export async function withdraw(trx: Transaction<DB>, consentId: string, withdrawnOn: string, by: string, at: Date): Promise<boolean> {
  const updated = await trx
    .updateTable('consent')
    .set({ withdrawn_on: withdrawnOn, withdrawal_recorded_by: by, withdrawal_recorded_at: at })
    .where('id', '=', consentId)
    .where('withdrawn_on', 'is', null)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) > 0
}

/** Stores the signed document, replacing an earlier one. */
export async function saveDocument(trx: Transaction<DB>, consentId: string, file: { name: string; mediaType: string; bytes: Buffer }, by: string, at: Date): Promise<void> {
  await trx
    .insertInto('consent_document')
    .values({ consent_id: consentId, file_name: file.name, media_type: file.mediaType, bytes: file.bytes, uploaded_by: by })
    .onConflict((oc) => oc.column('consent_id').doUpdateSet({ file_name: file.name, media_type: file.mediaType, bytes: file.bytes, uploaded_by: by, uploaded_at: at }))
    .execute()
}

export async function documentOf(db: Db, consentId: string) {
  return db.selectFrom('consent_document').select(['file_name', 'media_type', 'bytes']).where('consent_id', '=', consentId).executeTakeFirst()
}

/** The resident's birth year, for who may give a consent (decision 023). */
export async function birthYearOf(db: Db, participantId: string): Promise<number | null> {
  const row = await db.selectFrom('participant').select('birth_year').where('id', '=', participantId).executeTakeFirst()
  return row?.birth_year ?? null
}
