import { type Transaction, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

// SQL for a plan's privacy settings, retention, erasure and the resident's own copy (decision 008).
// These are the queries about a resident's whole record: anonymisation blanks what their consents,
// enrolments and notes hold in one transaction, and the copy reads all of it, so they are kept here
// together rather than spread over the consents and enrolments repos, which no other feature may
// call.

type Db = Database | Transaction<DB>

export async function planIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('plan').select('id').execute()).map((p) => p.id)
}

export async function planTitle(db: Db, planId: string) {
  return db.selectFrom('plan').select(['name', 'municipality']).where('id', '=', planId).executeTakeFirstOrThrow()
}

/** The plan's latest anonymisations, newest first. */
export async function removalsOf(db: Db, planId: string) {
  return db
    .selectFrom('participant_removal as r')
    .innerJoin('participant as p', 'p.id', 'r.participant_id')
    .select(['p.pseudonym', 'r.reason', 'r.at', 'r.removed'])
    .where('r.plan_id', '=', planId)
    .orderBy('r.at', 'desc')
    .limit(100)
    .execute()
}

/** How many of the plan's residents have a CPR number stored. */
export async function storedCprCount(db: Db, planId: string): Promise<number> {
  const stored = await db.selectFrom('participant').select(sql<number>`count(*)::int`.as('n')).where('plan_id', '=', planId).where('cpr_encrypted', 'is not', null).executeTakeFirstOrThrow()
  return stored.n
}

export async function updateSettings(
  trx: Transaction<DB>,
  planId: string,
  settings: { cprEnabled: boolean; monthsAfterLastEnrolment: number; daysAfterConsentWithdrawal: number; monthsAfterPlanEnd: number },
  by: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('plan_privacy')
    .set({
      cpr_enabled: settings.cprEnabled,
      months_after_last_enrolment: settings.monthsAfterLastEnrolment,
      days_after_consent_withdrawal: settings.daysAfterConsentWithdrawal,
      months_after_plan_end: settings.monthsAfterPlanEnd,
      updated_by: by,
      updated_at: at,
    })
    .where('plan_id', '=', planId)
    .execute()
}

/** The plan's residents who still have personal data. */
export async function residentsNotAnonymised(db: Db, planId: string) {
  return db.selectFrom('participant').select(['id', 'pseudonym', 'registered_on']).where('plan_id', '=', planId).where('anonymised_at', 'is', null).execute()
}

/** The start and exit of every enrolment of the named residents, for the retention rule. */
export async function enrolmentDatesOf(db: Db, participantIds: readonly string[]) {
  if (participantIds.length === 0) return []
  return db.selectFrom('enrolment').select(['participant_id', 'start_on', 'exit_on']).where('participant_id', 'in', [...participantIds]).execute()
}

/** Removes a resident's personal data in `trx` and returns what went, counted. */
export type Removed = Record<'fields' | 'notes' | 'consentDocuments' | 'consentPurposes' | 'followupNotes' | 'enrolmentNotes' | 'placementNotes' | 'guardianDetails' | 'pathwayNotes' | 'inquiryLinks' | 'appointments' | 'conversationLinks', number>

/**
 * Removes the personal data of many residents with one statement per table (not per resident), and
 * says per resident what went. The caller's transaction makes it all or nothing.
 */
export async function removePersonalDataOf(trx: Transaction<DB>, participantIds: readonly string[], reason: string, at: Date): Promise<Map<string, Removed>> {
  const ids = [...participantIds]
  const removed = new Map<string, Removed>(ids.map((id) => [id, { fields: 0, notes: 0, consentDocuments: 0, consentPurposes: 0, followupNotes: 0, enrolmentNotes: 0, placementNotes: 0, guardianDetails: 0, pathwayNotes: 0, inquiryLinks: 0, appointments: 0, conversationLinks: 0 }]))
  if (ids.length === 0) return removed
  const count = (key: keyof Removed, rows: readonly { participant_id: string }[]) => {
    for (const r of rows) removed.get(r.participant_id)![key]++
  }
  const fields = await trx
    .selectFrom('participant')
    .select(['id', sql<number>`(name is not null)::int + (phone is not null)::int + (email is not null)::int + (address is not null)::int + (birth_year is not null)::int + (cpr_encrypted is not null)::int`.as('n')])
    .where('id', '=', sql<string>`any(${ids}::uuid[])`)
    .execute()
  for (const f of fields) removed.get(f.id)!.fields = f.n
  count('notes', await trx.deleteFrom('participant_note').where('participant_id', '=', sql<string>`any(${ids}::uuid[])`).returning('participant_id').execute())
  count(
    'consentDocuments',
    (
      await sql<{ participant_id: string }>`
        delete from consent_document d using consent c
        where c.id = d.consent_id and c.participant_id = any(${ids}::uuid[])
        returning c.participant_id`.execute(trx)
    ).rows,
  )
  count('consentPurposes', await trx.updateTable('consent').set({ purpose: '' }).where('participant_id', '=', sql<string>`any(${ids}::uuid[])`).where('purpose', '<>', '').returning('participant_id').execute())
  count(
    'followupNotes',
    (
      await sql<{ participant_id: string }>`
        update enrolment_followup f set note = null from enrolment e
        where e.id = f.enrolment_id and e.participant_id = any(${ids}::uuid[]) and f.note is not null
        returning e.participant_id`.execute(trx)
    ).rows,
  )
  // A rejection's reason is free text and may name the resident; the request itself (its days and
  // outcome) stays, as enrolment dates do.
  await trx.updateTable('erasure_request').set({ decision_note: null }).where('participant_id', '=', sql<string>`any(${ids}::uuid[])`).where('decision_note', 'is not', null).execute()
  count(
    'enrolmentNotes',
    await trx
      .updateTable('enrolment')
      .set({ exit_note: null, exit_note_category: null, selection: null })
      .where('participant_id', '=', sql<string>`any(${ids}::uuid[])`)
      .where((eb) => eb.or([eb('exit_note', 'is not', null), eb('selection', 'is not', null)]))
      .returning('participant_id')
      .execute(),
  )
  // Placements: why one stopped and what the follow-ups say are free text about the resident.
  count(
    'placementNotes',
    (
      await sql<{ participant_id: string }>`
        update placement_followup f set note = null from placement p
        where p.id = f.placement_id and p.participant_id = any(${ids}::uuid[]) and f.note is not null
        returning p.participant_id`.execute(trx)
    ).rows,
  )
  count(
    'placementNotes',
    await trx
      .updateTable('placement')
      .set({ end_note: null, mentor: null })
      .where('participant_id', '=', sql<string>`any(${ids}::uuid[])`)
      .where((eb) => eb.or([eb('end_note', 'is not', null), eb('mentor', 'is not', null)]))
      .returning('participant_id')
      .execute(),
  )
  // A parent's consent for a young person: the parent's name and the young person's own words. The
  // name is required while the consent says a parent gave it, so it is replaced, not emptied.
  count(
    'guardianDetails',
    await trx
      .updateTable('consent')
      .set({ guardian_name: sql`case when guardian_name is null then null else 'Slettet' end`, young_person_note: null })
      .where('participant_id', '=', sql<string>`any(${ids}::uuid[])`)
      .where((eb) => eb.or([eb('guardian_name', 'is not', null), eb('young_person_note', 'is not', null)]))
      .returning('participant_id')
      .execute(),
  )
  count('pathwayNotes', await trx.updateTable('pathway_progress').set({ note: null }).where('participant_id', '=', sql<string>`any(${ids}::uuid[])`).where('note', 'is not', null).returning('participant_id').execute())
  // Open counselling: an inquiry is anonymous unless linked under consent, so it goes back to being
  // anonymous and still counts in the figures. An appointment keeps its day, time and topic for the
  // figures; who it was with goes (the table needs a name when no resident is linked, so "Slettet").
  count(
    'inquiryLinks',
    (
      await sql<{ participant_id: string }>`
        update counselling_inquiry i set participant_id = null
        from counselling_inquiry old
        where old.id = i.id and old.participant_id = any(${ids}::uuid[])
        returning old.participant_id`.execute(trx)
    ).rows,
  )
  count(
    'appointments',
    (
      await sql<{ participant_id: string }>`
        update counselling_appointment a set participant_id = null, contact_name = 'Slettet', contact_phone = null
        from counselling_appointment old
        where old.id = a.id and old.participant_id = any(${ids}::uuid[])
        returning old.participant_id`.execute(trx)
    ).rows,
  )
  // An outreach conversation with a resident stays in the calendar and in the hours delivered; it
  // no longer says with whom.
  count(
    'conversationLinks',
    (
      await sql<{ participant_id: string }>`
        update staff_conversation c set participant_id = null
        from staff_conversation old
        where old.id = c.id and old.participant_id = any(${ids}::uuid[])
        returning old.participant_id`.execute(trx)
    ).rows,
  )
  await trx
    .updateTable('participant')
    .set({ name: null, phone: null, email: null, address: null, birth_year: null, cpr_encrypted: null, cpr_lookup: null, anonymised_at: at, anonymised_reason: reason, updated_at: at, version: sql`version + 1` })
    .where('id', '=', sql<string>`any(${ids}::uuid[])`)
    .execute()
  return removed
}

type Removal = { participantId: string; planId: string; reason: string; removed: Record<string, number>; actorId: string | null; actorLabel: string }

/** Counts anonymisations in participant_removal (insert-only): what went, never what it was. */
export async function recordRemoval(trx: Transaction<DB>, all: readonly Removal[]): Promise<void> {
  for (let i = 0; i < all.length; i += 1000) {
    await trx
      .insertInto('participant_removal')
      .values(all.slice(i, i + 1000).map((r) => ({ participant_id: r.participantId, plan_id: r.planId, reason: r.reason, removed: JSON.stringify(r.removed), actor_id: r.actorId, actor_label: r.actorLabel })))
      .execute()
  }
}

/**
 * Removes the name and phone number of residents not registered in Indsats from appointments whose
 * day is before `before` (retention.ts `appointmentContactsBefore`); returns how many.
 */
export async function removeAppointmentContacts(trx: Transaction<DB>, planId: string, before: string): Promise<number> {
  const rows = await trx
    .updateTable('counselling_appointment')
    .set({ contact_name: 'Slettet', contact_phone: null })
    .where('plan_id', '=', planId)
    .where('participant_id', 'is', null)
    .where('on_day', '<', before)
    .where((eb) => eb.or([eb('contact_name', '<>', 'Slettet'), eb('contact_phone', 'is not', null)]))
    .returning('id')
    .execute()
  return rows.length
}

// ---- the resident's own copy -----------------------------------------------------------------

/** The open counselling and outreach a resident is linked to: inquiries (under consent), appointments and conversations. */
export async function counsellingOf(db: Db, participantId: string) {
  const [inquiries, appointments] = await Promise.all([
    db
      .selectFrom('counselling_inquiry as i')
      .innerJoin('counselling_occurrence as o', 'o.id', 'i.occurrence_id')
      .innerJoin('inquiry_topic as t', 't.id', 'i.topic_id')
      .leftJoin('plan_party as p', 'p.id', 'i.party_id')
      .select(['o.held_on', 'o.site', 't.label as topic', 'i.referral', 'p.name as party'])
      .where('i.participant_id', '=', participantId)
      .orderBy('o.held_on')
      .execute(),
    db
      .selectFrom('counselling_appointment as a')
      .leftJoin('inquiry_topic as t', 't.id', 'a.topic_id')
      .leftJoin('plan_party as p', 'p.id', 'a.party_id')
      .select(['a.on_day', 'a.at_time', 't.label as topic', 'a.status', 'p.name as party'])
      .where('a.participant_id', '=', participantId)
      .orderBy('a.on_day')
      .orderBy('a.at_time')
      .execute(),
  ])
  return { inquiries, appointments, conversations: await conversationsOf(db, participantId) }
}

/** Outreach conversations recorded as held with the resident. */
function conversationsOf(db: Db, participantId: string) {
  return db
    .selectFrom('staff_conversation as c')
    .innerJoin('activity as a', 'a.id', 'c.activity_id')
    .leftJoin('plan_party as p', 'p.id', 'c.party_id')
    .select(['c.held_on', 'c.place', 'c.duration_minutes', 'a.name as activity', 'p.name as party'])
    .where('c.participant_id', '=', participantId)
    .orderBy('c.held_on')
    .execute()
}

/** What the enrolments' rows hold beyond the list the resident's page shows. */
export async function enrolmentDetailsOf(db: Db, enrolmentIds: readonly string[]) {
  if (enrolmentIds.length === 0) return []
  return db.selectFrom('enrolment').select(['id', 'referred_by', 'planned_end_on', 'exit_reason', 'destination_on', 'exit_note', 'internship_contact']).where('id', 'in', [...enrolmentIds]).execute()
}

export async function followupsOf(db: Db, enrolmentIds: readonly string[]) {
  if (enrolmentIds.length === 0) return []
  return db.selectFrom('enrolment_followup').select(['enrolment_id', 'held_on', 'note']).where('enrolment_id', 'in', [...enrolmentIds]).orderBy('held_on').execute()
}

export async function attendanceOf(db: Db, enrolmentIds: readonly string[]) {
  if (enrolmentIds.length === 0) return []
  return db
    .selectFrom('session_attendance as sa')
    .innerJoin('activity_session as s', 's.id', 'sa.session_id')
    .select(['sa.enrolment_id', 's.held_on', 's.title', 'sa.status'])
    .where('sa.enrolment_id', 'in', [...enrolmentIds])
    .orderBy('s.held_on')
    .execute()
}

/**
 * Every logged access that concerns this resident: by the record's id, by a list that returned
 * it, or by a write that names it.
 */
export async function accessesOf(db: Db, planId: string, participantId: string) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('app_user as u', 'u.id', 'l.actor_id')
    // The party the user belongs to in the plan: what the resident is told, rather than a name.
    .leftJoin('user_plan as up', (join) => join.onRef('up.user_id', '=', 'l.actor_id').onRef('up.plan_id', '=', 'l.plan_id'))
    .leftJoin('plan_party as pp', 'pp.id', 'up.party_id')
    .select(['l.at', 'l.entity', 'l.action', 'l.details', 'l.actor_label', 'u.role', 'pp.name as party_name', 'pp.unit as party_unit'])
    .where('l.plan_id', '=', planId)
    .where((eb) =>
      eb.or([
        eb('l.entity_id', '=', participantId),
        sql<boolean>`l.details -> 'ids' @> ${JSON.stringify([participantId])}::jsonb`,
        sql<boolean>`l.details ->> 'participantId' = ${participantId}`,
      ]),
    )
    .orderBy('l.at')
    .execute()
}

// ---- erasure requests (decision 036) ----------------------------------------------------------------

export async function insertErasureRequest(trx: Transaction<DB>, row: { planId: string; participantId: string; receivedOn: string; by: string }): Promise<{ id: string }> {
  return trx
    .insertInto('erasure_request')
    .values({ plan_id: row.planId, participant_id: row.participantId, received_on: row.receivedOn, requested_by: row.by })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** The plan's erasure requests (of one resident, or of everyone), with who took and decided them; pending first. */
export async function erasureRequestsOf(db: Db, planId: string, filter: { participantId?: string; status?: string }) {
  let q = db
    .selectFrom('erasure_request as r')
    .innerJoin('participant as p', 'p.id', 'r.participant_id')
    .leftJoin('app_user as rb', 'rb.id', 'r.requested_by')
    .leftJoin('app_user as db', 'db.id', 'r.decided_by')
    .select(['r.id', 'r.participant_id', 'p.pseudonym', 'r.received_on', 'r.status', 'r.decided_at', 'r.decision_note', 'rb.name as requested_by_name', 'db.name as decided_by_name'])
    .where('r.plan_id', '=', planId)
  if (filter.participantId) q = q.where('r.participant_id', '=', filter.participantId)
  if (filter.status) q = q.where('r.status', '=', filter.status)
  return q.orderBy(sql`r.status = 'pending'`, 'desc').orderBy('r.received_on', 'desc').orderBy('r.requested_at', 'desc').limit(200).execute()
}

/** One request of the plan, locked until the transaction ends so two decisions cannot both pass. */
export async function erasureRequestForDecision(trx: Transaction<DB>, planId: string, requestId: string) {
  return trx.selectFrom('erasure_request').select(['id', 'participant_id', 'status', 'received_on']).where('id', '=', requestId).where('plan_id', '=', planId).forUpdate().executeTakeFirst()
}

export async function decideErasureRequest(trx: Transaction<DB>, requestId: string, values: { status: 'approved' | 'rejected'; by: string; at: Date; note: string | null }): Promise<void> {
  await trx.updateTable('erasure_request').set({ status: values.status, decided_by: values.by, decided_at: values.at, decision_note: values.note }).where('id', '=', requestId).execute()
}
