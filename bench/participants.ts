// The residents' list and one resident's page over HTTP at 1 000, 10 000 and 50 000 residents in one
// plan (BENCH_PARTICIPANT_SIZES), on the embedded PostgreSQL, written to
// bench/results/participants.json. The residents have realistic shapes: all registered by the
// housing-social team, about 60 % with a consent naming the job centre (in force, expired,
// withdrawn, or written and still missing its signed copy), about 1.5 enrolments each (running,
// waiting or ended) and notes on some. Measured as the housing-social worker (full scope for their
// own residents) and as the job centre (everything filtered by consent). Baselines, interleaved
// with the app request by request in the same run: hand-written SQL that filters by consent,
// counts and pages the same rows (checked to return the same page, field by field, total and hidden
// count as the app), and a bare primary-key select of one resident, so the figures read as "so many
// times what the database alone needs". The list and the resident's page are also set against
// their baseline followed by the audit row the app must commit before the answer leaves (one WAL
// flush, which on a busy disk is most of a page's time), and by CPU per request (this process and
// PostgreSQL), which other work on the machine does not inflate. Growth: the first page at the
// largest size over the smallest.
import fs from 'node:fs'
import os from 'node:os'
import { sql } from 'kysely'
import { buildApp } from '../src/server/app.ts'
import type { App } from '../src/server/lib/request.ts'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { residentPageOf } from '../src/server/features/participants/participants.repo.ts'
import { updateUser } from '../src/server/features/users/users.repo.ts'
import { createUserWithPassword } from '../src/server/features/users/users.service.ts'
import { writeAudit } from '../src/server/lib/audit-log.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import type { AppContext } from '../src/server/lib/context.ts'
import { isoDay } from '../src/shared/lib/format.ts'
import { addDays } from '../src/shared/lib/period.ts'
import type { ParticipantList } from '../src/shared/participants.ts'
import type { Role } from '../src/shared/users.ts'
import { median, round } from './startup.ts'
import { benchSession } from './lib/sign-in.ts'
import { seededRandom } from './lib/measure.ts'
import { benchDatabase } from './lib/database.ts'
import { cpuNsBetween, readCpu, withChildren } from './lib/cpu.ts'
import { embeddedPaths, readPostmaster } from '../src/server/db/embedded.ts'

const SIZES = (process.env.BENCH_PARTICIPANT_SIZES ?? process.env.BENCH_PARTICIPANTS ?? '1000,10000,50000').split(',').map(Number)
// Requests per measurement, after a few unmeasured ones; enough samples for a p95.
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 40)
const WARMUP = 3
const BATCH = 1000
const SEARCH = 'hassan'


const FIRST_NAMES = ['Amina', 'Bilal', 'Camilla', 'Dorte', 'Erik', 'Fatima', 'Gustav', 'Hanne', 'Ibrahim', 'Jonas', 'Karina', 'Leila', 'Mads', 'Nadia', 'Oliver', 'Pia', 'Rasmus', 'Sara', 'Tariq', 'Ulla', 'Yusuf', 'Zainab', 'Ahmed', 'Mette', 'Omar', 'Sofie', 'Ali', 'Lone', 'Hassan', 'Birgitte']
const SURNAMES = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Hassan', 'Ali', 'Mohamed', 'Yusuf', 'Ahmadi', 'Khan', 'Farah', 'Abdi', 'Nouri', 'Said', 'Berg', 'Holm', 'Lund', 'Dam', 'Skov', 'Friis', 'Krogh', 'Bach', 'Møller', 'Poulsen', 'Johansen', 'Knudsen', 'Mortensen', 'Iversen', 'Eriksen']

interface Timing {
  medianMs: number
  p95Ms: number
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.max(0, Math.ceil(s.length * 0.95) - 1)]!
}

async function measure(fn: (i: number) => Promise<unknown>): Promise<Timing & { samples: number[] }> {
  for (let i = 0; i < WARMUP; i++) await fn(i)
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await fn(i)
    samples.push(performance.now() - t0)
  }
  return { medianMs: round(median(samples)), p95Ms: round(p95(samples)), samples }
}

const timing = (t: Timing): Timing => ({ medianMs: t.medianMs, p95Ms: t.p95Ms })

/** Loads the residents straight into the tables, in batches, as a plan's years of work would leave them. */
export async function load(ctx: AppContext, planId: string, staffId: string, PARTICIPANTS: number) {
  const rnd = seededRandom(2024)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const today = isoDay(new Date())
  const daysAgo = (n: number) => addDays(today, -Math.round(n))
  const activities = (await ctx.db.selectFrom('activity').select('id').where('plan_id', '=', planId).execute()).map((a) => a.id)
  const counts = { participants: 0, consents: 0, consentsNamingJobcenter: 0, jobcenterConsentStates: { inForce: 0, expired: 0, withdrawn: 0, missingDocument: 0, signed: 0 }, enrolments: { active: 0, waiting: 0, ended: 0 }, notes: 0 }
  /** Residents the job centre may open (a consent in force naming it and contact); for detail reads. */
  const sharedIds: string[] = []
  const allIds: string[] = []
  const parties = await ctx.db.selectFrom('plan_party').select(['id', 'kind']).where('plan_id', '=', planId).orderBy('position').execute()
  const partyOfKind = (kind: string) => parties.find((p) => p.kind === kind)!.id
  const departments = await ctx.db.selectFrom('department').select(['id', 'housing_area_id']).where('plan_id', '=', planId).execute()

  for (let start = 0; start < PARTICIPANTS; start += BATCH) {
    const people = Array.from({ length: Math.min(BATCH, PARTICIPANTS - start) }, (_, k) => {
      const n = start + k + 1
      const birthYear = 1950 + Math.floor(rnd() * 55)
      return {
        plan_id: planId,
        pseudonym: `D-${String(n).padStart(4, '0')}`,
        owner_party_id: partyOfKind('boligsocial'),
        registered_on: daysAgo(30 + rnd() * 1000),
        name: `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`,
        phone: `${20 + Math.floor(rnd() * 10)} ${String(Math.floor(rnd() * 1e6)).padStart(6, '0')}`,
        email: rnd() < 0.5 ? `beboer${n}@example.dk` : null,
        address: `Stenbjergparken ${1 + Math.floor(rnd() * 120)}, 6400 Sønderborg`,
        birth_year: birthYear,
        age_band: null,
        ...(() => {
          const d = departments.length ? pick(departments) : null
          return { department_id: d?.id ?? null, housing_area_id: d?.housing_area_id ?? null }
        })(),
        target_group_code: rnd() < 0.7 ? '6.3' : null,
        target_group_on: null,
        created_by: staffId,
      }
    })
    const rows = await ctx.db.insertInto('participant').values(people).returning(['id', 'registered_on']).execute()
    counts.participants += rows.length

    const consents: { participant_id: string; parties: string[]; categories: string[]; purpose: string; form: string; given_on: string; valid_until: string | null; withdrawn_on: string | null; recorded_by: string }[] = []
    const signed: number[] = []
    const enrolments: { participant_id: string; activity_id: string; referred_on: string; referred_by: string; start_on: string | null; exit_on: string | null; exit_reason: string | null; created_by: string }[] = []
    const notes: { participant_id: string; category: string; body: string; written_on: string; written_by: string }[] = []
    for (const r of rows) {
      allIds.push(r.id)
      const registered = r.registered_on as unknown as string
      const base = { participant_id: r.id, purpose: 'At jobcentret og helhedsplanen sammen kan hjælpe med job og praktik.', given_on: registered, recorded_by: staffId }
      const c = rnd()
      if (c < 0.6) {
        // A consent naming the job centre, in one of the states a plan's residents are in.
        const categories = rnd() < 0.8 ? ['contact', 'employment'] : ['contact', 'employment', 'benefits', 'notes']
        const s = rnd()
        if (s < 0.6) {
          consents.push({ ...base, parties: ['boligsocial', 'jobcenter'], categories, form: 'oral', valid_until: null, withdrawn_on: null })
          counts.jobcenterConsentStates.inForce++
          sharedIds.push(r.id)
        } else if (s < 0.75) {
          consents.push({ ...base, parties: ['boligsocial', 'jobcenter'], categories, form: 'oral', valid_until: addDays(registered, 10), withdrawn_on: null })
          counts.jobcenterConsentStates.expired++
        } else if (s < 0.9) {
          consents.push({ ...base, parties: ['boligsocial', 'jobcenter'], categories, form: 'oral', valid_until: null, withdrawn_on: addDays(registered, 5) })
          counts.jobcenterConsentStates.withdrawn++
        } else if (s < 0.95) {
          consents.push({ ...base, parties: ['boligsocial', 'jobcenter'], categories, form: 'written', valid_until: null, withdrawn_on: null })
          counts.jobcenterConsentStates.missingDocument++
        } else {
          signed.push(consents.length)
          consents.push({ ...base, parties: ['boligsocial', 'jobcenter'], categories, form: 'written', valid_until: null, withdrawn_on: null })
          counts.jobcenterConsentStates.signed++
          sharedIds.push(r.id)
        }
        counts.consentsNamingJobcenter++
      } else if (c < 0.7) {
        consents.push({ ...base, parties: ['boligsocial'], categories: ['contact', 'notes'], form: 'oral', valid_until: null, withdrawn_on: null })
      }
      // 0, 1, 2 or 3 enrolments: 15 / 30 / 45 / 10 %, 1.5 on average.
      const e = rnd()
      const many = e < 0.15 ? 0 : e < 0.45 ? 1 : e < 0.9 ? 2 : 3
      for (let i = 0; i < many; i++) {
        const referred = addDays(registered, 5 + Math.floor(rnd() * 20))
        const kind = rnd()
        const startOn = kind < 0.1 ? null : addDays(referred, 7)
        const ended = startOn !== null && kind >= 0.4 && startOn < addDays(today, -80)
        enrolments.push({
          participant_id: r.id,
          activity_id: activities[(i + Math.floor(rnd() * activities.length)) % activities.length]!,
          referred_on: referred,
          referred_by: 'Fremskudt jobcenter',
          start_on: startOn,
          exit_on: ended ? addDays(startOn, 70) : null,
          exit_reason: ended ? pick(['virksomhedspraktik', 'job', 'uddannelse', 'andet-tilbud', 'ophoer']) : null,
          created_by: staffId,
        })
        if (startOn === null) counts.enrolments.waiting++
        else if (ended) counts.enrolments.ended++
        else counts.enrolments.active++
      }
      if (rnd() < 0.3) {
        for (let i = 0, k = 1 + Math.floor(rnd() * 3); i < k; i++) {
          notes.push({ participant_id: r.id, category: pick(['employment', 'notes', 'housing', 'contact']), body: 'Samtale om jobsøgning og praktik; aftalt opfølgning om to uger.', written_on: addDays(registered, 10 + i * 14), written_by: staffId })
        }
      }
    }
    if (consents.length) {
      const ids = await ctx.db.insertInto('consent').values(consents.map(({ parties: _, ...c }) => c)).returning('id').execute()
      counts.consents += ids.length
      const named = consents.flatMap((c, i) => c.parties.map((kind) => ({ consent_id: ids[i]!.id, party_id: partyOfKind(kind) })))
      await ctx.db.insertInto('consent_party').values(named).execute()
      if (signed.length) {
        await ctx.db
          .insertInto('consent_document')
          .values(signed.map((i) => ({ consent_id: ids[i]!.id, file_name: 'samtykke.pdf', media_type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n'), uploaded_by: staffId })))
          .execute()
      }
    }
    if (enrolments.length) await ctx.db.insertInto('enrolment').values(enrolments).execute()
    if (notes.length) await ctx.db.insertInto('participant_note').values(notes).execute()
    counts.notes += notes.length
  }
  await ctx.db.insertInto('plan_privacy').values({ plan_id: planId, next_number: PARTICIPANTS + 1 }).onConflict((oc) => oc.column('plan_id').doUpdateSet({ next_number: PARTICIPANTS + 1 })).execute()
  return { counts, sharedIds, allIds }
}

export async function signIn(app: App, ctx: AppContext, role: Role, planId: string): Promise<{ id: string; cookie: string }> {
  const email = `bench.${role}@example.dk`
  const { user, oneTimePassword } = await createUserWithPassword(ctx, systemAuthority('system'), { email, name: `Bench ${role}`, role, organisation: `Organisation ${role}`, planIds: [planId] })
  await updateUser(ctx.db, user.id, { must_change_password: false })
  return { id: user.id, cookie: await benchSession(app, ctx, email, oneTimePassword) }
}

/** A LIKE pattern for `text` anywhere (the bench's search has no wildcards). */
const anywhere = (text: string) => `%${text}%`

/**
 * The hand-written baseline: the residents a reader of `party` may see (their own party's residents
 * in full, others only under a consent in force naming the party), counted, the hidden ones counted,
 * and the first page of 50 with every field the list shows, in one statement written straight
 * against the tables. It does the list's work, no less (decision 038): walks the residents in
 * pseudonym order, asks for a resident's consents only where the resident is not the reader's own,
 * counts no further than 1 001 rows, finds the residents hidden from the reader among the other
 * parties' residents through the owner index (two ranges around the reader's party, so the planner
 * sees from its statistics how few there are), and shows a field only where the reader's
 * categories cover it (name and age band: contact; housing area: housing; enrolments: employment).
 * Without a search, the two counts read one walk of the other parties' residents, each stopping at
 * its cap; with one, consents are asked for only where the pseudonym or name matches (decision 044).
 */
export async function baselineList(db: AppContext['db'], planId: string, party: string, asOf: string, search: string | null) {
  const inForce = sql`c.given_on <= ${asOf}::date
      and (c.valid_until is null or c.valid_until >= ${asOf}::date)
      and (c.withdrawn_on is null or c.withdrawn_on > ${asOf}::date)
      and (c.form = 'oral' or exists (select from consent_document d where d.consent_id = c.id))
      and (c.given_by <> 'guardian' or (p.birth_year is not null and ${asOf}::date < make_date(p.birth_year + 18, 1, 1)))`
  const matches = search === null ? sql`true` : sql`(lower(p.pseudonym) like ${anywhere(search)} or lower(p.name collate "und-x-icu") like ${anywhere(search)})`
  // Each resident's consents naming the party, asked once per row walked (LATERAL, so PostgreSQL stops
  // with the limit), and not at all for the party's own residents, nor, where `onlyMatching`, for
  // residents the search cannot find.
  const walkOf = (onlyMatching: boolean) => sql`participant p cross join lateral (
      select count(*) > 0 as consented, coalesce(bool_or('contact' = any(c.categories)), false) as contact
      from consent c join consent_party cp on cp.consent_id = c.id and cp.party_id = ${party}
      where p.owner_party_id <> ${party} ${onlyMatching ? sql`and ${matches}` : sql``} and c.participant_id = p.id and ${inForce}) g`
  const walk = walkOf(false)
  const searchWalk = walkOf(true)
  const visible = sql`(p.owner_party_id = ${party} or g.consented)`
  const found = search === null ? sql`true` : sql`(lower(p.pseudonym) like ${anywhere(search)} or ((p.owner_party_id = ${party} or g.contact) and lower(p.name collate "und-x-icu") like ${anywhere(search)}))`
  const others = sql`p.plan_id = ${planId} and p.anonymised_at is null and (p.owner_party_id < ${party} or p.owner_party_id > ${party})`
  const { rows } = await sql<{ total: number; hidden: number; page: Record<string, unknown>[] | null }>`
    with page as (
      select p.id, p.pseudonym, p.name, p.age_band, p.housing_area_id, p.owner_party_id, p.anonymised_at, p.birth_year
      from ${searchWalk} where p.plan_id = ${planId} and p.anonymised_at is null and ${visible} and ${found}
      order by p.pseudonym, p.id limit 50),
    seen as (
      select p.*, case when p.owner_party_id = ${party} then null else (
        select array_agg(distinct cat) from consent c join consent_party cp on cp.consent_id = c.id and cp.party_id = ${party}
        cross join unnest(c.categories) cat where c.participant_id = p.id and ${inForce}) end as categories
      from page p),
    own as (select count(*)::int as n from (select from participant p where p.plan_id = ${planId} and p.anonymised_at is null and p.owner_party_id = ${party} limit 1001) x),
    walked as materialized (select g.consented from ${walk} where ${others})
    select
      ${
        search === null
          ? sql`(select n from own) + (select count(*)::int from (select from walked w where w.consented limit greatest(0, 1001 - (select n from own))) x)`
          : sql`(select count(*)::int from (select from ${searchWalk} where p.plan_id = ${planId} and p.anonymised_at is null and ${matches} and ${visible} and ${found} limit 1001) x)`
      } as total,
      ${
        search === null
          ? sql`(select count(*)::int from (select from walked w where not w.consented limit 1001) x)`
          : sql`(select count(*)::int from (select from ${walk} where ${others} and not ${visible} limit 1001) x)`
      } as hidden,
      (select json_agg(json_build_object(
          'id', x.id, 'pseudonym', x.pseudonym,
          'name', case when x.categories is null or 'contact' = any(x.categories) then x.name end,
          'ageBand', case when x.categories is null or 'contact' = any(x.categories) then x.age_band end,
          'housingArea', case when x.categories is null or 'housing' = any(x.categories) then h.name end,
          'activeEnrolments', case when x.categories is null or 'employment' = any(x.categories) then e.active end,
          'waitingEnrolments', case when x.categories is null or 'employment' = any(x.categories) then e.waiting end,
          'scope', case when x.categories is null then 'full' else 'consent' end,
          'sharedWithOtherParty', exists (select from consent c join consent_party cp on cp.consent_id = c.id, participant p
            where c.participant_id = x.id and p.id = x.id and cp.party_id <> x.owner_party_id and ${inForce}),
          'anonymised', x.anonymised_at is not null) order by x.pseudonym, x.id)
        from seen x
        left join housing_area h on h.id = x.housing_area_id
        cross join lateral (select (count(*) filter (where start_on is not null and exit_on is null))::int as active,
          (count(*) filter (where start_on is null and exit_on is null))::int as waiting from enrolment where participant_id = x.id) e) as page`.execute(db)
  return rows[0]!
}

/** A list item's fields in one order, to compare the app's items with the baseline's. */
const listFields = (item: object) => Object.entries(item).sort(([a], [b]) => a.localeCompare(b))

/**
 * Median of paired samples, interleaved: the app, then the baseline, request by request. With
 * `auditRow`, the baseline is followed by the audit row the app writes for that read (an INSERT
 * committed, so one WAL flush), timed on its own: "baseline + audit row" is the floor of a read
 * that must be on record before it leaves (decision 010), which the bare statement is not.
 */
async function measurePair(app: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>, auditRow?: (i: number, read: unknown) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) {
    await app(i)
    await auditRow?.(i, await baseline(i))
  }
  const a: number[] = []
  const b: number[] = []
  const c: number[] = []
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now()
    await app(i)
    a.push(performance.now() - t0)
    t0 = performance.now()
    const read = await baseline(i)
    const readMs = performance.now() - t0
    b.push(readMs)
    if (auditRow) {
      t0 = performance.now()
      await auditRow(i, read)
      c.push(readMs + performance.now() - t0)
    }
  }
  const indsats = { medianMs: round(median(a)), p95Ms: round(p95(a)) }
  const base = { medianMs: round(median(b)), p95Ms: round(p95(b)) }
  const withAudit = auditRow ? { baselineWithAuditRow: { medianMs: round(median(c)), p95Ms: round(p95(c)) }, ratioToBaselineWithAuditRow: round(indsats.medianMs / median(c)) } : {}
  return { indsats, baseline: base, ratio: round(indsats.medianMs / base.medianMs), ...withAudit }
}

/** Whether a PostgreSQL process serves a connection ("postgres: user db 127.0.0.1(port) …"). */
function clientBackend(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('127.0.0.1')
  } catch {
    return false
  }
}

/** The backends serving connections (not autovacuum, which may be cleaning up after the load). */
const clientBackends = (postmaster: number) => withChildren(postmaster).filter((pid) => pid !== postmaster && clientBackend(pid))

/**
 * CPU per request of the app and of its baseline, the same work in alternating blocks: this
 * process's CPU (for the app: the server, and the HTTP client sending the request) and PostgreSQL's
 * (the backends serving connections), which, unlike wall time, does not grow with other people's load
 * on the machine. `auditRow` as in measurePair.
 */
async function cpuPair(postmaster: number, app: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>, auditRow?: (i: number, read: unknown) => Promise<unknown>) {
  const blocks = 4
  const perBlock = Math.max(5, Math.round(RUNS / 4))
  const sums = { app: { node: 0, pg: 0 }, baseline: { node: 0, pg: 0 } }
  for (let b = 0; b < blocks; b++) {
    for (const which of ['app', 'baseline'] as const) {
      const pg0 = readCpu(clientBackends(postmaster))
      const node0 = process.cpuUsage()
      for (let i = 0; i < perBlock; i++) {
        const k = b * perBlock + i
        if (which === 'app') await app(k)
        else {
          const read = await baseline(k)
          await auditRow?.(k, read)
        }
      }
      const node = process.cpuUsage(node0)
      sums[which].node += node.user + node.system
      sums[which].pg += cpuNsBetween(pg0, readCpu(clientBackends(postmaster))) / 1000
    }
  }
  const n = blocks * perBlock
  const per = (x: { node: number; pg: number }) => ({ nodeUs: Math.round(x.node / n), postgresUs: Math.round(x.pg / n), totalUs: Math.round((x.node + x.pg) / n) })
  const a = per(sums.app)
  const base = per(sums.baseline)
  return { indsats: a, [auditRow ? 'baselineWithAuditRow' : 'baseline']: base, ratio: round(a.totalUs / base.totalUs) }
}

async function benchSize(participants: number) {
  const bench = await benchDatabase('participants')
  const { ctx, owner } = bench
  const { db } = ctx
  let app: App | undefined
  try {
    const { planId } = await importAgreementFile(ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
    app = await buildApp(ctx)
    const worker = await signIn(app, ctx, 'boligsocial', planId)
    const jobcenter = await signIn(app, ctx, 'jobcenter', planId)
    const partyIds = Object.fromEntries(
      (await db.selectFrom('plan_party').select(['id', 'kind']).where('plan_id', '=', planId).orderBy('position', 'desc').execute()).map((p) => [p.kind, p.id]),
    )
    const t0 = performance.now()
    const { counts, sharedIds, allIds } = await load(ctx, planId, worker.id, participants)
    const loadMs = performance.now() - t0
    await sql`analyze`.execute(owner)
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const asOf = isoDay(new Date())

    const get = async (who: { cookie: string }, url: string) => {
      const res = await fetch(`${address}/api/plans/${planId}${url}`, { headers: { cookie: who.cookie } })
      const body = await res.text()
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body}`)
      return body
    }
    const list = async (who: { cookie: string }, query = '') => JSON.parse(await get(who, `/participants${query}`)) as ParticipantList
    const readers = { boligsocial: { who: worker, party: partyIds.boligsocial! }, jobcenter: { who: jobcenter, party: partyIds.jobcenter! } }

    // The baseline must answer what the app answers, or the ratio means nothing.
    const checked: Record<string, { total: number; totalCapped: boolean; hidden: number; hiddenCapped: boolean }> = {}
    for (const [role, r] of Object.entries(readers)) {
      for (const search of [null, SEARCH]) {
        const fromApp = await list(r.who, search ? `?q=${search}` : '')
        const fromSql = await baselineList(db, planId, r.party, asOf, search)
        // Both count to 1 001 at most; the app says "over 1 000" (totalCapped) for 1 001.
        const capped = (n: number) => [Math.min(n, 1000), n > 1000]
        const same =
          JSON.stringify([fromApp.total, fromApp.totalCapped]) === JSON.stringify(capped(fromSql.total)) &&
          JSON.stringify([fromApp.hiddenByConsent, fromApp.hiddenCapped]) === JSON.stringify(capped(fromSql.hidden)) &&
          JSON.stringify(fromApp.items.map(listFields)) === JSON.stringify((fromSql.page ?? []).map(listFields))
        if (!same) throw new Error(`The baseline disagrees with the app for ${role}${search ? ` searching "${search}"` : ''}: app ${fromApp.total}/${fromApp.hiddenByConsent}, SQL ${fromSql.total}/${fromSql.hidden}`)
        checked[`${role}${search ? 'Search' : 'FirstPage'}`] = { total: fromApp.total, totalCapped: fromApp.totalCapped, hidden: fromApp.hiddenByConsent, hiddenCapped: fromApp.hiddenCapped }
      }
    }

    // The audit row the app writes for each read, written after the baseline's read (see measurePair).
    const auditRow = (who: { id: string }, route: string, entityId: (i: number) => string) => (i: number, ids: string[], details: Record<string, unknown>) =>
      writeAudit(db, { actor: { id: who.id }, action: 'read', entity: 'participants', entityId: entityId(i), planId, details: { route, ids, ...details }, ip: '127.0.0.1' })
    const listAudit = (who: { id: string }) => {
      const write = auditRow(who, '/api/plans/:planId/participants', () => planId)
      return (i: number, read: unknown) => {
        const page = ((read as Awaited<ReturnType<typeof baselineList>>).page ?? []) as { id: string; scope: string }[]
        const disclosed = page.filter((r) => r.scope === 'consent').map((r) => r.id)
        return write(i, page.map((r) => r.id), disclosed.length ? { disclosure: { ids: disclosed } } : {})
      }
    }
    const pkSelect = await measure((i) => db.selectFrom('participant').selectAll().where('id', '=', allIds[(i * 7919) % allIds.length]!).executeTakeFirstOrThrow())
    const firstPage = {
      boligsocial: await measurePair(() => get(worker, '/participants'), () => baselineList(db, planId, readers.boligsocial.party, asOf, null), listAudit(worker)),
      jobcenter: await measurePair(() => get(jobcenter, '/participants'), () => baselineList(db, planId, readers.jobcenter.party, asOf, null), listAudit(jobcenter)),
    }
    const search = {
      boligsocial: await measurePair(() => get(worker, `/participants?q=${SEARCH}`), () => baselineList(db, planId, readers.boligsocial.party, asOf, SEARCH)),
      jobcenter: await measurePair(() => get(jobcenter, `/participants?q=${SEARCH}`), () => baselineList(db, planId, readers.jobcenter.party, asOf, SEARCH)),
    }
    // The resident's page against its floor: the one statement the app runs for it (record, consents,
    // enrolments and notes as JSON), sent bare through the same pool, for the same resident.
    const someone = sharedIds[0]!
    const page = JSON.parse(await get(worker, `/participants/${someone}`)) as { id: string; pseudonym: string }
    const bare = await residentPageOf(db, planId, someone)
    if (!bare || bare.record.id !== page.id || bare.record.pseudonym !== page.pseudonym) {
      throw new Error(`The resident's page statement disagrees with the app for ${someone}`)
    }
    const detail = {
      boligsocial: await measurePair(
        (i) => get(worker, `/participants/${allIds[(i * 7919) % allIds.length]}`),
        (i) => residentPageOf(db, planId, allIds[(i * 7919) % allIds.length]!),
        (i) => auditRow(worker, '/api/plans/:planId/participants/:participantId', (k) => allIds[(k * 7919) % allIds.length]!)(i, [allIds[(i * 7919) % allIds.length]!], { scope: 'full' }),
      ),
      jobcenter: await measurePair(
        (i) => get(jobcenter, `/participants/${sharedIds[(i * 7919) % sharedIds.length]}`),
        (i) => residentPageOf(db, planId, sharedIds[(i * 7919) % sharedIds.length]!),
        (i, read) => {
          const consents = (read as Awaited<ReturnType<typeof residentPageOf>>)?.consents ?? []
          const id = sharedIds[(i * 7919) % sharedIds.length]!
          const disclosure = { party: readers.jobcenter.party, partyName: 'Jobcenter', consentIds: consents.map((c) => c.id), categories: ['contact', 'employment'] }
          return auditRow(jobcenter, '/api/plans/:planId/participants/:participantId', () => id)(i, [id], { disclosure })
        },
      ),
    }
    // CPU per request (see cpuPair): the first page and the resident's page, against their baselines
    // followed by the audit row.
    const postmaster = readPostmaster(embeddedPaths(bench.config.dataDir))!.pid
    const cpu = {
      listFirstPage: {
        boligsocial: await cpuPair(postmaster, () => get(worker, '/participants'), () => baselineList(db, planId, readers.boligsocial.party, asOf, null), listAudit(worker)),
        jobcenter: await cpuPair(postmaster, () => get(jobcenter, '/participants'), () => baselineList(db, planId, readers.jobcenter.party, asOf, null), listAudit(jobcenter)),
      },
      detail: {
        boligsocial: await cpuPair(
          postmaster,
          (i) => get(worker, `/participants/${allIds[(i * 7919) % allIds.length]}`),
          (i) => residentPageOf(db, planId, allIds[(i * 7919) % allIds.length]!),
          (i) => auditRow(worker, '/api/plans/:planId/participants/:participantId', (k) => allIds[(k * 7919) % allIds.length]!)(i, [allIds[(i * 7919) % allIds.length]!], { scope: 'full' }),
        ),
      },
    }
    return {
      loadAverageAfter: os.loadavg().map((l) => round(l)),
      cpuPerRequest: cpu,
      dataset: { ...counts, loadMs: round(loadMs), search: SEARCH, checkedAgainstBaseline: checked },
      listFirstPage: firstPage,
      listSearch: search,
      detail: {
        barePrimaryKeySelect: timing(pkSelect),
        boligsocial: { ...detail.boligsocial, ratioToPrimaryKeySelect: round(detail.boligsocial.indsats.medianMs / pkSelect.medianMs) },
        jobcenter: { ...detail.jobcenter, ratioToPrimaryKeySelect: round(detail.jobcenter.indsats.medianMs / pkSelect.medianMs) },
      },
    }
  } finally {
    await app?.close()
    await bench.close()
  }
}

export async function runParticipantsBench(): Promise<void> {
  const sizes: Record<string, Awaited<ReturnType<typeof benchSize>>> = {}
  for (const size of SIZES) sizes[String(size)] = await benchSize(size)
  const smallest = sizes[String(Math.min(...SIZES))]!
  const largest = sizes[String(Math.max(...SIZES))]!
  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg().map((l) => round(l)) },
    runs: RUNS,
    sizes,
    ratios: Object.fromEntries(
      Object.entries(sizes).map(([size, r]) => [
        size,
        {
          listFirstPageBoligsocialVsSql: r.listFirstPage.boligsocial.ratio,
          listFirstPageJobcenterVsSql: r.listFirstPage.jobcenter.ratio,
          listSearchBoligsocialVsSql: r.listSearch.boligsocial.ratio,
          listSearchJobcenterVsSql: r.listSearch.jobcenter.ratio,
          detailBoligsocialVsItsOneStatement: r.detail.boligsocial.ratio,
          detailJobcenterVsItsOneStatement: r.detail.jobcenter.ratio,
          listFirstPageBoligsocialVsSqlWithAuditRow: r.listFirstPage.boligsocial.ratioToBaselineWithAuditRow,
          listFirstPageJobcenterVsSqlWithAuditRow: r.listFirstPage.jobcenter.ratioToBaselineWithAuditRow,
          detailBoligsocialVsStatementWithAuditRow: r.detail.boligsocial.ratioToBaselineWithAuditRow,
          detailJobcenterVsStatementWithAuditRow: r.detail.jobcenter.ratioToBaselineWithAuditRow,
          cpuListFirstPageBoligsocialVsSqlWithAuditRow: r.cpuPerRequest.listFirstPage.boligsocial.ratio,
          cpuListFirstPageJobcenterVsSqlWithAuditRow: r.cpuPerRequest.listFirstPage.jobcenter.ratio,
          cpuDetailBoligsocialVsStatementWithAuditRow: r.cpuPerRequest.detail.boligsocial.ratio,
          detailBoligsocialVsPrimaryKeySelect: r.detail.boligsocial.ratioToPrimaryKeySelect,
          detailJobcenterVsPrimaryKeySelect: r.detail.jobcenter.ratioToPrimaryKeySelect,
        },
      ]),
    ),
    growth: {
      from: Math.min(...SIZES),
      to: Math.max(...SIZES),
      listFirstPageBoligsocial: round(largest.listFirstPage.boligsocial.indsats.medianMs / smallest.listFirstPage.boligsocial.indsats.medianMs),
      listFirstPageJobcenter: round(largest.listFirstPage.jobcenter.indsats.medianMs / smallest.listFirstPage.jobcenter.indsats.medianMs),
    },
  }
  fs.mkdirSync('bench/results', { recursive: true })
  fs.writeFileSync(process.env.BENCH_PARTICIPANTS_OUT ?? 'bench/results/participants.json', `${JSON.stringify(result, null, 2)}\n`)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}
