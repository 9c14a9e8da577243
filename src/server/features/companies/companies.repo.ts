import { type Transaction, sql } from 'kysely'
import type { Database } from '../../db/client.ts'
import type { DB } from '../../db/types.ts'

// SQL for companies, their network periods, contact people, contact timeline, openings and CSR
// nominations. Only this folder's services call it.

type Db = Database | Transaction<DB>

export interface CompanyValues {
  cvr: string
  name: string
  address: string | null
  postalCode: string | null
  city: string | null
  industryCode: string | null
  industryText: string | null
  sizeBand: string | null
  markedInMomentum: boolean
}

const columns = (c: CompanyValues) => ({
  cvr: c.cvr,
  name: c.name,
  address: c.address,
  postal_code: c.postalCode,
  city: c.city,
  industry_code: c.industryCode,
  industry_text: c.industryText,
  size_band: c.sizeBand,
  marked_in_momentum: c.markedInMomentum,
})

export async function lockPlan(trx: Transaction<DB>, planId: string): Promise<void> {
  await trx.selectFrom('plan').select('id').where('id', '=', planId).forUpdate().executeTakeFirst()
}

export async function insertCompanies(db: Db, planId: string, companies: readonly CompanyValues[], createdBy: string | null): Promise<{ id: string; cvr: string }[]> {
  if (companies.length === 0) return []
  return db
    .insertInto('company')
    .values(companies.map((c) => ({ ...columns(c), plan_id: planId, created_by: createdBy })))
    .returning(['id', 'cvr'])
    .execute()
}

export async function updateCompany(db: Db, planId: string, id: string, company: CompanyValues): Promise<boolean> {
  const result = await db
    .updateTable('company')
    .set({ ...columns(company), updated_at: sql`now()` })
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** The plan's companies with these CVR numbers: what a new one would duplicate. */
export async function companiesByCvr(db: Db, planId: string, cvrs: readonly string[]) {
  if (cvrs.length === 0) return []
  return db.selectFrom('company').select(['id', 'cvr', 'name']).where('plan_id', '=', planId).where('cvr', 'in', [...cvrs]).execute()
}

export async function companyRow(db: Db, planId: string, id: string) {
  return db.selectFrom('company').selectAll().where('plan_id', '=', planId).where('id', '=', id).executeTakeFirst()
}

export interface ListFilter {
  q: string | null
  inNetwork: boolean | null
  offset: number
  limit: number
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * One page of the plan's companies by name, with the search (name, CVR, city or industry, any part)
 * and the network filter in SQL, and the total that matched. The total is a window count over the
 * filtered rows, taken before the page is cut, and the per-company counts are looked up for the
 * page's rows only (bench/companies.ts measures it against the same page written by hand).
 */
export async function listCompanies(db: Db, planId: string, filter: ListFilter) {
  const rows = await db
    .with('page', (qb) => {
      let query = qb
        .selectFrom('company as c')
        .leftJoin('company_network_period as n', (join) => join.onRef('n.company_id', '=', 'c.id').on('n.left_on', 'is', null))
        .where('c.plan_id', '=', planId)
      if (filter.q) {
        const like = `%${escapeLike(filter.q.toLowerCase())}%`
        query = query.where((eb) =>
          eb.or([
            eb(sql`lower(c.name)`, 'like', like),
            eb('c.cvr', 'like', like),
            eb(sql`lower(coalesce(c.city, ''))`, 'like', like),
            eb(sql`lower(coalesce(c.industry_text, ''))`, 'like', like),
            eb('c.industry_code', 'like', like),
          ]),
        )
      }
      if (filter.inNetwork !== null) query = query.where('n.id', filter.inNetwork ? 'is not' : 'is', null)
      return query
        .select(['c.id', 'c.cvr', 'c.name', 'c.city', 'c.industry_code', 'c.industry_text', 'n.joined_on', sql<string>`lower(c.name)`.as('sort_name'), (eb) => eb.fn.countAll<number>().over().as('total')])
        .orderBy(sql`lower(c.name)`)
        .orderBy('c.id')
        .offset(filter.offset)
        .limit(filter.limit)
    })
    .selectFrom('page as p')
    .selectAll('p')
    .select([
      (eb) => eb.selectFrom('opening as o').select((o) => o.fn.countAll<number>().as('n')).whereRef('o.company_id', '=', 'p.id').where('o.status', '=', 'open').as('open_openings'),
      (eb) => eb.selectFrom('company_contact_event as e').select((e) => e.fn.max('e.happened_on').as('d')).whereRef('e.company_id', '=', 'p.id').as('last_contact_on'),
    ])
    .orderBy('p.sort_name')
    .orderBy('p.id')
    .execute()
  // A page past the end has no row to carry the total: count on its own then.
  const total = rows[0] ? Number(rows[0].total) : filter.offset === 0 ? 0 : await countCompanies(db, planId, filter)
  return { rows, total }
}

async function countCompanies(db: Db, planId: string, filter: ListFilter): Promise<number> {
  const { total } = await listCompanies(db, planId, { ...filter, offset: 0, limit: 1 })
  return total
}

// Network periods

export async function networkPeriods(db: Db, companyIds: readonly string[]) {
  if (companyIds.length === 0) return []
  return db
    .selectFrom('company_network_period as n')
    .leftJoin('app_user as u', 'u.id', 'n.marked_by')
    .select(['n.id', 'n.company_id', 'n.joined_on', 'n.left_on', 'u.name as marked_by_name'])
    .where('n.company_id', 'in', [...companyIds])
    .orderBy('n.joined_on')
    .execute()
}

export async function openNetworkPeriod(db: Db, companyId: string) {
  return db.selectFrom('company_network_period').selectAll().where('company_id', '=', companyId).where('left_on', 'is', null).forUpdate().executeTakeFirst()
}

export async function lastNetworkPeriod(db: Db, companyId: string) {
  return db.selectFrom('company_network_period').selectAll().where('company_id', '=', companyId).orderBy('joined_on', 'desc').executeTakeFirst()
}

export async function insertNetworkPeriod(db: Db, companyId: string, joinedOn: string, markedBy: string): Promise<string> {
  return (await db.insertInto('company_network_period').values({ company_id: companyId, joined_on: joinedOn, marked_by: markedBy }).returning('id').executeTakeFirstOrThrow()).id
}

export async function closeNetworkPeriod(db: Db, id: string, leftOn: string, markedBy: string): Promise<void> {
  await db.updateTable('company_network_period').set({ left_on: leftOn, left_marked_by: markedBy }).where('id', '=', id).execute()
}

/** The network periods of the plan's companies that include the day: what "in the network" counts. */
export async function planNetworkPeriodsOn(db: Db, planId: string, day: string) {
  return db
    .selectFrom('company_network_period as n')
    .innerJoin('company as c', 'c.id', 'n.company_id')
    .select(['n.company_id', 'n.joined_on', 'n.left_on'])
    .where('c.plan_id', '=', planId)
    .where('n.joined_on', '<=', day)
    .where((eb) => eb.or([eb('n.left_on', 'is', null), eb('n.left_on', '>', day)]))
    .execute()
}

// Contact people

export async function contactsOf(db: Db, companyId: string) {
  return db.selectFrom('company_contact').select(['id', 'name', 'job_title', 'phone', 'email']).where('company_id', '=', companyId).where('removed_at', 'is', null).orderBy('name').execute()
}

export async function insertContact(db: Db, companyId: string, c: { name: string; jobTitle: string | null; phone: string | null; email: string | null }, createdBy: string): Promise<string> {
  return (
    await db
      .insertInto('company_contact')
      .values({ company_id: companyId, name: c.name, job_title: c.jobTitle, phone: c.phone, email: c.email, created_by: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

/** One contact person of the company, locked for a change or removal. */
export async function contactRow(db: Db, companyId: string, id: string) {
  return db.selectFrom('company_contact').select(['id', 'name', 'job_title', 'phone', 'email']).where('company_id', '=', companyId).where('id', '=', id).where('removed_at', 'is', null).forUpdate().executeTakeFirst()
}

export async function updateContact(db: Db, id: string, c: { name: string; jobTitle: string | null; phone: string | null; email: string | null }): Promise<void> {
  await db.updateTable('company_contact').set({ name: c.name, job_title: c.jobTitle, phone: c.phone, email: c.email }).where('id', '=', id).execute()
}

/** Removes the row itself: a contact person who is gone leaves no name, phone or e-mail behind. */
export async function deleteContact(db: Db, id: string): Promise<void> {
  await db.deleteFrom('company_contact').where('id', '=', id).execute()
}

// The timeline of contacts

export async function insertContactEvent(db: Db, e: { companyId: string; kind: string; happenedOn: string; note: string | null; recordedBy: string; partyId: string | null }): Promise<string> {
  return (
    await db
      .insertInto('company_contact_event')
      .values({ company_id: e.companyId, kind: e.kind, happened_on: e.happenedOn, note: e.note, recorded_by: e.recordedBy, party_id: e.partyId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

export async function contactEventsOf(db: Db, companyId: string) {
  return db
    .selectFrom('company_contact_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.recorded_by')
    .leftJoin('plan_party as p', 'p.id', 'e.party_id')
    .select(['e.id', 'e.kind', 'e.happened_on', 'e.note', 'u.name as by_name', 'p.name as party_name', 'p.unit as party_unit'])
    .where('e.company_id', '=', companyId)
    .orderBy('e.happened_on', 'desc')
    .orderBy('e.created_at', 'desc')
    .execute()
}

/** One contact per company of the plan in a period: what "active" counts (bench companies). */
export async function planContactEvents(db: Db, planId: string, from: string, to: string) {
  return db
    .selectFrom('company_contact_event as e')
    .innerJoin('company as c', 'c.id', 'e.company_id')
    .distinctOn('e.company_id')
    .select(['e.company_id', 'e.happened_on'])
    .where('c.plan_id', '=', planId)
    .where('e.happened_on', '>=', from)
    .where('e.happened_on', '<=', to)
    .orderBy('e.company_id')
    .execute()
}

/** The party the user acts for on the plan, if any. */
export async function memberParty(db: Db, userId: string, planId: string): Promise<string | null> {
  const row = await db.selectFrom('user_plan').select('party_id').where('user_id', '=', userId).where('plan_id', '=', planId).executeTakeFirst()
  return row?.party_id ?? null
}

// Openings

export interface OpeningValues {
  kind: string
  title: string
  hoursPerWeek: number | null
  startsOn: string | null
  endsOn: string | null
  places: number
  requirements: string | null
  status: string
}

const openingColumns = (o: OpeningValues) => ({
  kind: o.kind,
  title: o.title,
  hours_per_week: o.hoursPerWeek === null ? null : String(o.hoursPerWeek),
  starts_on: o.startsOn,
  ends_on: o.endsOn,
  places: o.places,
  requirements: o.requirements,
  status: o.status,
})

export async function insertOpening(db: Db, planId: string, companyId: string, o: OpeningValues, createdOn: string, createdBy: string): Promise<string> {
  return (
    await db
      .insertInto('opening')
      .values({ ...openingColumns(o), plan_id: planId, company_id: companyId, created_on: createdOn, created_by: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

export async function openingRow(db: Db, planId: string, id: string) {
  return db.selectFrom('opening').selectAll().where('plan_id', '=', planId).where('id', '=', id).executeTakeFirst()
}

export async function updateOpening(db: Db, planId: string, id: string, o: OpeningValues): Promise<void> {
  await db
    .updateTable('opening')
    .set({ ...openingColumns(o), updated_at: sql`now()` })
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .execute()
}

export async function openingsOf(db: Db, companyId: string) {
  return db.selectFrom('opening').selectAll().where('company_id', '=', companyId).orderBy('created_on', 'desc').orderBy('created_at', 'desc').execute()
}

export async function planOpenings(db: Db, planId: string, from: string, to: string) {
  return db.selectFrom('opening').select(['kind', 'created_on']).where('plan_id', '=', planId).where('created_on', '>=', from).where('created_on', '<=', to).execute()
}

// CSR nominations

export async function insertNomination(db: Db, planId: string, companyId: string, year: number, reason: string, by: string): Promise<string> {
  return (
    await db
      .insertInto('csr_nomination')
      .values({ plan_id: planId, company_id: companyId, year, reason, nominated_by: by })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

export async function nominationRow(db: Db, planId: string, id: string) {
  return db.selectFrom('csr_nomination').selectAll().where('plan_id', '=', planId).where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function nominationFor(db: Db, companyId: string, year: number) {
  return db.selectFrom('csr_nomination').select('id').where('company_id', '=', companyId).where('year', '=', year).executeTakeFirst()
}

/** Makes one nomination the year's winner, and no other. */
export async function setWinner(db: Db, planId: string, year: number, nominationId: string): Promise<void> {
  await db.updateTable('csr_nomination').set({ winner: false }).where('plan_id', '=', planId).where('year', '=', year).where('winner', '=', true).execute()
  await db.updateTable('csr_nomination').set({ winner: true }).where('id', '=', nominationId).execute()
}

export async function nominations(db: Db, planId: string, companyId: string | null) {
  let query = db
    .selectFrom('csr_nomination as n')
    .innerJoin('company as c', 'c.id', 'n.company_id')
    .leftJoin('app_user as u', 'u.id', 'n.nominated_by')
    .select(['n.id', 'n.company_id', 'c.name as company_name', 'n.year', 'n.reason', 'n.winner', 'u.name as nominated_by_name'])
    .where('n.plan_id', '=', planId)
  if (companyId) query = query.where('n.company_id', '=', companyId)
  return query.orderBy('n.year', 'desc').orderBy('c.name').execute()
}
