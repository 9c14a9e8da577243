import { type Insertable, type Transaction, type Updateable, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'
import { type AuditEntry, auditInsertSql } from '../../lib/audit-log.ts'
import { enrolmentCountsSql } from '../enrolments/enrolment-counts.sql.ts'
import { consentRowsFromJson, consentsJsonSql } from '../consents/consent-rows.sql.ts'
import { consentInForceSql, disclosedCategoriesOfSql, disclosedToPartyOfSql } from '../consents/consent-validity.sql.ts'

// SQL for residents: their record, notes, CPR columns, the plan's privacy settings and pseudonyms.
// Callers are this folder's services and the resident gate, which decide per resident what may
// leave (participant-access.ts). Consents and enrolments have repos of their own.

type Db = Database | Transaction<DB>

export interface ParticipantHead {
  id: string
  planId: string
  pseudonym: string
  /** The id of the party that owns the record (decision 012). */
  ownerParty: string
  anonymised: boolean
}

export async function participantHead(db: Db, planId: string, id: string): Promise<ParticipantHead | null> {
  const row = await db
    .selectFrom('participant')
    .select(['id', 'plan_id', 'pseudonym', 'owner_party_id', 'anonymised_at'])
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? { id: row.id, planId: row.plan_id, pseudonym: row.pseudonym, ownerParty: row.owner_party_id, anonymised: row.anonymised_at !== null } : null
}

export async function participantRecord(db: Db, planId: string, id: string) {
  return db
    .selectFrom('participant as p')
    .leftJoin('housing_area as h', 'h.id', 'p.housing_area_id')
    .leftJoin('department as d', 'd.id', 'p.department_id')
    .innerJoin('plan_party as owner', 'owner.id', 'p.owner_party_id')
    .selectAll('p')
    .select(['h.name as housing_area_name', 'd.number as department_number', 'd.name as department_name', 'owner.name as owner_name', 'owner.unit as owner_unit'])
    .where('p.plan_id', '=', planId)
    .where('p.id', '=', id)
    .executeTakeFirst()
}
export type ParticipantRecordRow = NonNullable<Awaited<ReturnType<typeof participantRecord>>>

/**
 * Everything the resident's page is made from, in one statement (decision 038): the record with its
 * housing area, department and owning party, the plan's CPR setting, the consents (as consentsOf
 * reads them), the enrolments and the notes. What the reader may see of it is decided afterwards,
 * from the consents, by the resident gate and the service, exactly as when these were separate
 * reads; nothing read here leaves unless they allow it. Null when the plan has no such resident.
 */
export async function residentPageOf(db: Db, planId: string, id: string) {
  const result = await sql<{
    record: Record<string, unknown>
    cpr_enabled: boolean | null
    consents: unknown[]
    enrolments: { id: string; activity_id: string; activity_name: string; referred_on: string; start_on: string | null; exit_on: string | null }[]
    notes: { id: string; category: string; body: string; written_on: string; written_by_name: string | null }[]
  }>`
    select to_json(r) as record, pv.cpr_enabled,
      ${consentsJsonSql('r.id')} as consents,
      coalesce((select json_agg(json_build_object('id', e.id, 'activity_id', e.activity_id, 'activity_name', a.name,
          'referred_on', e.referred_on, 'start_on', e.start_on, 'exit_on', e.exit_on) order by e.referred_on desc)
        from enrolment e join activity a on a.id = e.activity_id where e.participant_id = r.id), '[]') as enrolments,
      coalesce((select json_agg(json_build_object('id', n.id, 'category', n.category, 'body', n.body,
          'written_on', n.written_on, 'written_by_name', u.name) order by n.written_on desc, n.created_at desc)
        from participant_note n left join app_user u on u.id = n.written_by where n.participant_id = r.id), '[]') as notes
    from (
      select p.*, h.name as housing_area_name, d.number as department_number, d.name as department_name,
        owner.name as owner_name, owner.unit as owner_unit
      from participant p
      left join housing_area h on h.id = p.housing_area_id
      left join department d on d.id = p.department_id
      join plan_party owner on owner.id = p.owner_party_id
      where p.plan_id = ${planId} and p.id = ${id}
    ) r
    left join plan_privacy pv on pv.plan_id = r.plan_id`.execute(db)
  const row = result.rows[0]
  if (!row) return null
  // JSON has no dates: the record's times (the columns named *_at) are parsed back, as a plain select gives them.
  const times = Object.entries(row.record).filter(([k, v]) => typeof v === 'string' && k.endsWith('_at')).map(([k, v]) => [k, new Date(v as string)])
  const record = { ...row.record, ...Object.fromEntries(times) } as unknown as ParticipantRecordRow
  return { record, cprEnabled: row.cpr_enabled, consents: consentRowsFromJson(row.consents), enrolments: row.enrolments, notes: row.notes }
}

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

/** The named residents of a plan with what the gate and a roster need; others' residents are left out. */
export async function residentsNamed(db: Db, planId: string, ids: readonly string[]) {
  return db.selectFrom('participant').select(['id', 'pseudonym', 'name', 'owner_party_id']).where('plan_id', '=', planId).where('id', 'in', [...ids]).execute()
}

/** How many residents the plan has (for a reader who may see none of them), counting no further than `limit` + 1. */
export async function countResidents(db: Db, planId: string, includeAnonymised: boolean, limit: number): Promise<number> {
  let q = db.selectFrom('participant').select(sql`1`.as('one')).where('plan_id', '=', planId)
  if (!includeAnonymised) q = q.where('anonymised_at', 'is', null)
  const row = await db
    .selectFrom(q.limit(limit + 1).as('x'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Who reads the list, as the SQL needs it (participant-access.ts residentReach decides it). */
export type ListReader = { kind: 'all' } | { kind: 'party'; partyId: string; ownerSeesFull: boolean }

export interface ListQuery {
  planId: string
  reader: ListReader
  asOf: string
  includeAnonymised: boolean
  /** Lower-case text to find in the pseudonym, or in the name where the reader sees contact. */
  search: string | null
  offset: number
  limit: number
}

export interface ListPageRow {
  id: string
  pseudonym: string
  name: string | null
  age_band: string | null
  housing_area_name: string | null
  owner_party_id: string
  anonymised: boolean
  /** Null: full scope. Otherwise the categories consents in force give the reader's party. */
  categories: string[] | null
  shared_with_other_party: boolean
  /** Running and waiting enrolments. */
  enrolments: { active: number; waiting: number }
}

/** A LIKE pattern matching `text` anywhere, with its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`

/**
 * One page of the residents list and its counts, filtered by the reader's consent scope, searched,
 * counted and paged in PostgreSQL (issue 14): the residents the reader may see (`total`, after the
 * search), those hidden by consent (`hidden`, before it), and the page's rows. The consent rule is
 * consent-validity.sql.ts, tested against the pure rule.
 *
 * The page walks the plan's residents in the list's order (index participant_list_idx), asking the
 * consent rule of each until the page is full, and both counts stop at `countLimit` + 1 rows, so a
 * page costs the same in a plan of 1 000 residents as in one of 50 000 (decision 038); without a
 * search the two counts share one walk of the residents the reader does not see in full, and a
 * search asks the consent rule only of residents whose pseudonym or name matches (decision 044). A
 * count above `countLimit` comes back as `countLimit + 1`; the caller says "over".
 *
 * With `audit`, the same statement writes the read's audit row (decision 044): the entry's details
 * with the page's ids in order (`ids`) and, where any, those shown under a consent
 * (`disclosure.ids`), as the audit hook would have written them afterwards; so the page cannot
 * reach the caller without its row, and the read costs one round trip.
 */
export async function listPage(db: Db, q: ListQuery & { countLimit: number; audit?: AuditEntry | null }): Promise<{ total: number; hidden: number; rows: ListPageRow[] }> {
  const anonymised = q.includeAnonymised ? sql`` : sql`and p.anonymised_at is null`
  const all = q.reader.kind === 'all'
  const partyId = q.reader.kind === 'party' ? q.reader.partyId : null
  const full = all ? sql<boolean>`true` : q.reader.kind === 'party' && q.reader.ownerSeesFull ? sql<boolean>`p.owner_party_id = ${partyId}` : sql<boolean>`false`
  // The reader's party's consents of each resident, one row per resident (none for the project
  // leader); not read at all for a resident the reader sees in full anyway.
  const granted = all ? sql`select false as consented, false as contact` : disclosedToPartyOfSql('p.id', partyId!, q.asOf, full)
  // The categories are read for the page's rows only; visibility and contact (for the search) for all.
  const categories = all ? sql`null::text[]` : sql`case when s.full then null else ${disclosedCategoriesOfSql('s.id', partyId!, q.asOf)} end`
  const pattern = q.search ? containing(q.search) : null
  // Search only in what this reader may see, so a search cannot reveal a hidden name. Lower-cased by
  // ICU, as JavaScript lower-cases the search: the database's own locale is C, whose lower() leaves
  // Æ, Ø and Å as they are.
  const found =
    pattern === null
      ? sql`true`
      : sql`(lower(p.pseudonym collate "und-x-icu") like ${pattern} or ((${full} or g.contact) and lower(p.name collate "und-x-icu") like ${pattern}))`
  // What `found` implies, on the resident's own columns: a search asks the consent rule only of
  // residents whose pseudonym or name matches, rather than of every resident it walks past (a rare
  // name walks the whole plan). For a resident who cannot match, the lookup answers false, false,
  // which `found` rejects whatever the consents say; visibility is still decided by `found` and
  // `visible` alone. The page's walk skips the lookup (and keeps to the list's index); the total's,
  // in no order, also filters on it, so PostgreSQL drops non-matching residents before the LATERAL.
  const mayMatch =
    pattern === null ? sql`true` : sql`(lower(p.pseudonym collate "und-x-icu") like ${pattern} or lower(p.name collate "und-x-icu") like ${pattern})`
  const grantedIfMatching = all || pattern === null ? granted : disclosedToPartyOfSql('p.id', partyId!, q.asOf, sql<boolean>`(${full} or not ${mayMatch})`)
  const visible = sql`(${full} or g.consented)`
  // The residents the reader may not see, walked until the count stops: none for the project leader;
  // for an owner who sees their own in full, only the other parties' residents can be (the owner is
  // always a party of the same plan: a foreign key). "Another party" is written as the two ranges
  // around the reader's party rather than as <>, so PostgreSQL reads them from participant_owner_idx
  // and, knowing from its statistics how few they are, does not walk the whole plan to find none.
  const hiddenCandidates =
    all
      ? null
      : q.reader.kind === 'party' && q.reader.ownerSeesFull
        ? sql`(p.owner_party_id < ${partyId} or p.owner_party_id > ${partyId})`
        : sql`true`
  const counted = q.countLimit + 1
  // Both counts, walked once where they can be (decision 044): without a search, the residents the
  // reader sees in full are counted from the owner index, and the others (the hidden candidates) are
  // walked once, in a CTE that PostgreSQL evaluates only as far as its readers ask: those with a
  // consent in force count towards the total, those without towards the hidden, each reader stopping
  // at its own cap, the second reading what the first has walked already. A search counts the total
  // only among matching residents, so the two are walked apart.
  const sharedWalk = hiddenCandidates !== null && pattern === null
  // The ids shown, in the page's order, and those shown under a consent (none for the project leader).
  const audit = q.audit
    ? sql`, audit as (${auditInsertSql(
        q.audit,
        sql`jsonb_build_object('ids', coalesce((select jsonb_agg(s.id order by s.pseudonym, s.id) from page s), '[]'::jsonb))
          || coalesce((select jsonb_build_object('disclosure', jsonb_build_object('ids', jsonb_agg(s.id order by s.pseudonym, s.id)))
            from page s where not s.full having count(*) > 0), '{}'::jsonb)`,
      )})`
    : sql``
  const result = await sql<{ total: number; hidden: number; page: ListPageRow[] | null }>`
    with page as (
      select p.id, p.pseudonym, p.name, p.age_band, p.housing_area_id, p.owner_party_id, p.anonymised_at, ${full} as full
      from participant p
      cross join lateral (${grantedIfMatching}) g
      where p.plan_id = ${q.planId} ${anonymised} and ${visible} and ${found}
      order by p.pseudonym, p.id
      limit ${q.limit} offset ${q.offset}
    )${
      sharedWalk
        ? sql`,
    seen_in_full as (
      select count(*)::int as n from (select from participant p where p.plan_id = ${q.planId} ${anonymised} and ${full} limit ${counted}) x
    ),
    others as materialized (
      select g.consented from participant p cross join lateral (${granted}) g
      where p.plan_id = ${q.planId} ${anonymised} and ${hiddenCandidates}
    )`
        : sql``
    }${audit}
    select
      ${
        sharedWalk
          ? sql`(select n from seen_in_full) + (select count(*)::int from (
        select from others o where o.consented limit greatest(0, ${counted} - (select n from seen_in_full))) x)`
          : sql`(select count(*)::int from (
        select from participant p cross join lateral (${grantedIfMatching}) g
        where p.plan_id = ${q.planId} ${anonymised} and ${mayMatch} and ${visible} and ${found}
        limit ${counted}) x)`
      } as total,
      ${
        hiddenCandidates === null
          ? sql`0`
          : sharedWalk
            ? sql`(select count(*)::int from (select from others o where not o.consented limit ${counted}) x)`
            : sql`(select count(*)::int from (
        select from participant p cross join lateral (${granted}) g
        where p.plan_id = ${q.planId} ${anonymised} and ${hiddenCandidates} and not ${visible}
        limit ${counted}) x)`
      } as hidden,
      (select json_agg(json_build_object(
          'id', s.id, 'pseudonym', s.pseudonym, 'name', s.name, 'age_band', s.age_band,
          'housing_area_name', h.name, 'owner_party_id', s.owner_party_id, 'anonymised', s.anonymised_at is not null,
          'categories', ${categories},
          'enrolments', ${enrolmentCountsSql('s.id')},
          'shared_with_other_party', exists (
            select from consent c join consent_party cp on cp.consent_id = c.id
            where c.participant_id = s.id and cp.party_id <> s.owner_party_id and ${consentInForceSql('c', q.asOf)})
        ) order by s.pseudonym, s.id)
        from page s left join housing_area h on h.id = s.housing_area_id) as page`.execute(db)
  const row = result.rows[0]!
  return { total: row.total, hidden: row.hidden, rows: row.page ?? [] }
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

/** The plan's housing areas and departments, for the resident form. */
export async function formChoices(db: Db, planId: string) {
  return Promise.all([
    db.selectFrom('housing_area').select(['id', 'name']).where('plan_id', '=', planId).orderBy('name').execute(),
    db.selectFrom('department').select(['id', 'number', 'name', 'housing_area_id']).where('plan_id', '=', planId).orderBy('number').execute(),
  ])
}

export async function housingAreaInPlan(db: Db, planId: string, housingAreaId: string): Promise<boolean> {
  return (await db.selectFrom('housing_area').select('id').where('id', '=', housingAreaId).where('plan_id', '=', planId).executeTakeFirst()) !== undefined
}

export async function departmentInPlan(db: Db, planId: string, departmentId: string): Promise<boolean> {
  return (await db.selectFrom('department').select('id').where('id', '=', departmentId).where('plan_id', '=', planId).executeTakeFirst()) !== undefined
}

/** The resident of the plan whose CPR number has this lookup hash, other than `exceptId`. */
export async function residentWithCpr(db: Db, planId: string, lookup: string, exceptId: string | null) {
  let q = db.selectFrom('participant').select('pseudonym').where('plan_id', '=', planId).where('cpr_lookup', '=', lookup)
  if (exceptId) q = q.where('id', '<>', exceptId)
  return q.executeTakeFirst()
}

export async function cprOf(db: Db, participantId: string): Promise<string | null> {
  const row = await db.selectFrom('participant').select('cpr_encrypted').where('id', '=', participantId).executeTakeFirstOrThrow()
  return row.cpr_encrypted
}

/** Registers a resident, owned by the party `owner_party_id` names (a party of the same plan). */
export async function insertParticipant(trx: Transaction<DB>, values: Insertable<DB['participant']>): Promise<{ id: string }> {
  return trx.insertInto('participant').values(values).returning('id').executeTakeFirstOrThrow()
}

/** The plan's data-controller party, if it has one (it owns every resident registered). */
export async function dataControllerOf(db: Db, planId: string): Promise<string | null> {
  const row = await db.selectFrom('plan_party').select('id').where('plan_id', '=', planId).where('data_controller', '=', true).where('archived_at', 'is', null).executeTakeFirst()
  return row?.id ?? null
}

/** Writes the change if the resident is still at `version`; false if someone else changed it first. */
export async function updateParticipant(trx: Transaction<DB>, participantId: string, version: number, values: Updateable<DB['participant']>): Promise<boolean> {
  const updated = await trx.updateTable('participant').set(values).where('id', '=', participantId).where('version', '=', version).executeTakeFirst()
  return Number(updated.numUpdatedRows) > 0
}

export async function insertNote(trx: Transaction<DB>, values: Insertable<DB['participant_note']>): Promise<{ id: string }> {
  return trx.insertInto('participant_note').values(values).returning('id').executeTakeFirstOrThrow()
}

/** The pseudonyms of those named residents of the plan who are anonymised. */
export async function anonymisedAmong(db: Db, planId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('participant').select('pseudonym').where('plan_id', '=', planId).where('id', 'in', [...ids]).where('anonymised_at', 'is not', null).orderBy('pseudonym').execute()
  return rows.map((r) => r.pseudonym)
}

/** One CPR number as the database holds it encrypted, or null when it holds none (for checking the key). */
export async function anyEncryptedCpr(db: Db): Promise<string | null> {
  const row = await db.selectFrom('participant').select('cpr_encrypted').where('cpr_encrypted', 'is not', null).limit(1).executeTakeFirst()
  return row?.cpr_encrypted ?? null
}

/** What a registration is compared with to find the same person registered before. */
export interface DuplicateProbe {
  name: string
  birthYear: number | null
  phone: string | null
  email: string | null
  cprLookup: string | null
}

/**
 * Residents of the plan, not anonymised, who may be the same person: the same name and birth year,
 * the same phone number (its last eight digits) or e-mail (any case), or the same CPR number. Each with what matched.
 */
export async function possibleDuplicates(db: Db, planId: string, probe: DuplicateProbe, exceptId: string | null = null) {
  // The last eight digits: a Danish number with or without +45 is the same number; shorter ones are not compared.
  const digits = probe.phone ? probe.phone.replace(/\D/g, '') : ''
  const phoneDigits = digits.length >= 8 ? digits.slice(-8) : ''
  const email = probe.email?.trim().toLowerCase() ?? ''
  const sameName = sql<boolean>`(lower(btrim(p.name)) = ${probe.name.trim().toLowerCase()} and p.birth_year = ${probe.birthYear})`
  const samePhone = sql<boolean>`(${phoneDigits} <> '' and right(regexp_replace(coalesce(p.phone, ''), '\\D', '', 'g'), 8) = ${phoneDigits})`
  const sameEmail = sql<boolean>`(${email} <> '' and lower(btrim(coalesce(p.email, ''))) = ${email})`
  const sameCpr = sql<boolean>`(${probe.cprLookup}::text is not null and p.cpr_lookup = ${probe.cprLookup})`
  let q = db
    .selectFrom('participant as p')
    .select(['p.id', 'p.pseudonym', 'p.name', 'p.owner_party_id'])
    .select([sql<boolean>`coalesce(${sameName}, false)`.as('same_name'), samePhone.as('same_phone'), sameEmail.as('same_email'), sameCpr.as('same_cpr')])
    .where('p.plan_id', '=', planId)
    .where('p.anonymised_at', 'is', null)
    .where(sql<boolean>`coalesce(${sameName}, false) or ${samePhone} or ${sameEmail} or ${sameCpr}`)
  if (exceptId) q = q.where('p.id', '<>', exceptId)
  return q.orderBy('p.pseudonym').limit(20).execute()
}

/** Where a merged duplicate went: its pseudonym and the pseudonym of the resident it was merged into. */
export async function mergedInto(db: Db, planId: string, mergedId: string): Promise<{ mergedPseudonym: string; intoId: string; intoPseudonym: string } | null> {
  const row = await db
    .selectFrom('participant_merge as m')
    .innerJoin('participant as p', 'p.id', 'm.into_id')
    .select(['m.merged_pseudonym', 'm.into_id', 'p.pseudonym'])
    .where('m.plan_id', '=', planId)
    .where('m.merged_id', '=', mergedId)
    .executeTakeFirst()
  return row ? { mergedPseudonym: row.merged_pseudonym, intoId: row.into_id, intoPseudonym: row.pseudonym } : null
}

/** The resident of the plan with this pseudonym, if any. */
export async function participantIdByPseudonym(db: Db, planId: string, pseudonym: string): Promise<string | null> {
  const row = await db.selectFrom('participant').select('id').where('plan_id', '=', planId).where('pseudonym', '=', pseudonym).executeTakeFirst()
  return row?.id ?? null
}

/** Every table that names a resident, and what its rows are called in a merge's summary. */
const RESIDENT_TABLES = [
  ['participant_note', 'notes'],
  ['consent', 'consents'],
  ['enrolment', 'enrolments'],
  ['counselling_inquiry', 'inquiries'],
  ['counselling_appointment', 'appointments'],
  ['staff_conversation', 'conversations'],
  ['placement', 'placements'],
  ['pathway_progress', 'pathwaySteps'],
  ['erasure_request', 'erasureRequests'],
] as const

/** Tables that name a resident but are not moved by a merge: the records of removals and merges themselves. */
export const RESIDENT_TABLES_NOT_MOVED = ['participant_removal', 'participant_merge'] as const

/** The tables a merge moves rows of (for the test that no table naming a resident is forgotten). */
export const RESIDENT_TABLES_MOVED: readonly string[] = RESIDENT_TABLES.map(([table]) => table)

/**
 * Moves everything about `fromId` to `intoId` (attendance and follow-ups hang on the enrolments and
 * go with them), and counts what moved by kind. Locks both residents' rows first.
 */
export async function moveResidentRows(trx: Transaction<DB>, fromId: string, intoId: string): Promise<Record<string, number>> {
  // Counted before the enrolments move, while they still name the duplicate.
  const [attendance, followups] = await Promise.all([
    trx
      .selectFrom('session_attendance as a')
      .innerJoin('enrolment as e', 'e.id', 'a.enrolment_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('e.participant_id', '=', fromId)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('enrolment_followup as f')
      .innerJoin('enrolment as e', 'e.id', 'f.enrolment_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('e.participant_id', '=', fromId)
      .executeTakeFirstOrThrow(),
  ])
  // A pathway step both reached keeps the kept resident's record (one step, one day reached).
  await trx
    .deleteFrom('pathway_progress')
    .where('participant_id', '=', fromId)
    .where('step_id', 'in', (eb) => eb.selectFrom('pathway_progress').select('step_id').where('participant_id', '=', intoId))
    .execute()
  const moved: Record<string, number> = {}
  for (const [table, kind] of RESIDENT_TABLES) {
    const result = await trx.updateTable(table).set({ participant_id: intoId }).where('participant_id', '=', fromId).executeTakeFirst()
    moved[kind] = Number(result.numUpdatedRows)
  }
  moved.attendance = Number(attendance.n)
  moved.followups = Number(followups.n)
  return moved
}

/** How many of these residents have a request to be erased awaiting a decision. */
export async function pendingErasureRequests(db: Db, participantIds: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('erasure_request')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('participant_id', 'in', [...participantIds])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Keeps what was merged into what, and deletes the duplicate's row (nothing names it any more). */
export async function recordMerge(trx: Transaction<DB>, values: Insertable<DB['participant_merge']>): Promise<void> {
  await trx.insertInto('participant_merge').values(values).execute()
  await trx.deleteFrom('participant').where('id', '=', values.merged_id).execute()
}

/** Locks both residents' rows for the merge, in id order so two merges cannot deadlock. */
export async function lockResidents(trx: Transaction<DB>, ids: readonly string[]): Promise<void> {
  await trx.selectFrom('participant').select('id').where('id', 'in', [...ids]).orderBy('id').forUpdate().execute()
}
