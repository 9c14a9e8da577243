// The company list over HTTP with 5 000 companies in one plan, on the embedded PostgreSQL, written to
// bench/results/companies.json. About a third of the companies are in the network (some have left and
// come back), most have a few contacts and some have openings. Measured as the company consultant
// (job centre): the first page, a search, a page deep in the list, and the network filter. Baseline
// in the same run: the same page written by hand as one SQL statement (search, network join, the
// open-opening count and last contact as sub-selects, the total as a window count), sent through the
// same pool, so each ratio reads as "so many times the hand-written query".
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { buildApp } from '../src/server/app.ts'
import type { App } from '../src/server/lib/request.ts'
import { loadConfig } from '../src/server/config.ts'
import { createDb, openDatabase } from '../src/server/db/client.ts'
import { migrateToLatest } from '../src/server/db/migrate.ts'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { updateUser } from '../src/server/features/users/users.repo.ts'
import { createUserWithPassword } from '../src/server/features/users/users.service.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import type { AppContext } from '../src/server/lib/context.ts'
import { createLogger } from '../src/server/lib/logger.ts'
import type { CompanyList } from '../src/shared/companies.ts'
import { OPENING_KINDS } from '../src/shared/companies.ts'
import { isoDay } from '../src/shared/lib/format.ts'
import { addDays } from '../src/shared/lib/period.ts'
import { median, round } from './startup.ts'
import { benchSession } from './lib/sign-in.ts'
import { seededRandom } from './lib/measure.ts'

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 5_000)
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 40)
const WARMUP = 3
const PAGE_SIZE = 50
const SEARCH = 'tømrer'


const WEIGHTS = [2, 7, 6, 5, 4, 3, 2] as const
function cvrNumbers(count: number, start: number): string[] {
  const out: string[] = []
  for (let candidate = start; out.length < count; candidate++) {
    const digits = String(candidate)
    const check = (11 - ([...digits].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0) % 11)) % 11
    if (check < 10) out.push(`${digits}${check}`)
  }
  return out
}

const TRADES = ['Tømrer', 'Murer', 'Bageri', 'Dagligvarer', 'Rengøring', 'Lager', 'Transport', 'VVS', 'El-installatør', 'Restaurant', 'Frisør', 'Autoværksted', 'Gartneri', 'Plejehjem', 'Kontor']
const TOWNS = ['Sønderborg', 'Nordborg', 'Augustenborg', 'Gråsten', 'Broager', 'Guderup', 'Nordals', 'Sydals']

interface Timing {
  medianMs: number
  p95Ms: number
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.max(0, Math.ceil(s.length * 0.95) - 1)]!
}

async function measure(fn: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await fn(i)
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await fn(i)
    samples.push(performance.now() - t0)
  }
  return { medianMs: round(median(samples)), p95Ms: round(p95(samples)) }
}

export async function load(ctx: AppContext, planId: string, staffId: string) {
  const rnd = seededRandom(2026)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const today = isoDay(new Date())
  const cvrs = cvrNumbers(COMPANIES, 3_000_000)
  const counts = { companies: 0, inNetwork: 0, networkPeriods: 0, contacts: 0, openings: 0 }
  for (let from = 0; from < COMPANIES; from += 1000) {
    const rows = cvrs.slice(from, from + 1000).map((cvr, i) => {
      const trade = pick(TRADES)
      return { plan_id: planId, cvr, name: `${trade} ${pick(TOWNS)} ${from + i + 1} ApS`, city: pick(TOWNS), industry_text: trade, size_band: pick(['1-9', '10-49', '50-249']), created_by: staffId }
    })
    const ids = await ctx.db.insertInto('company').values(rows).returning('id').execute()
    counts.companies += ids.length
    const periods: { company_id: string; joined_on: string; left_on: string | null; marked_by: string }[] = []
    const events: { company_id: string; kind: string; happened_on: string; recorded_by: string }[] = []
    const openings: { company_id: string; plan_id: string; kind: string; title: string; status: string; created_on: string; created_by: string }[] = []
    for (const { id } of ids) {
      const n = rnd()
      if (n < 0.35) {
        const joined = addDays(today, -Math.floor(rnd() * 900) - 100)
        if (n < 0.05) {
          periods.push({ company_id: id, joined_on: joined, left_on: addDays(joined, 60), marked_by: staffId })
          periods.push({ company_id: id, joined_on: addDays(joined, 90), left_on: null, marked_by: staffId })
        } else periods.push({ company_id: id, joined_on: joined, left_on: null, marked_by: staffId })
        counts.inNetwork++
      }
      for (let k = 0, m = Math.floor(rnd() * 4); k < m; k++) events.push({ company_id: id, kind: pick(['visit', 'call', 'meeting', 'email']), happened_on: addDays(today, -Math.floor(rnd() * 700)), recorded_by: staffId })
      if (rnd() < 0.3) openings.push({ company_id: id, plan_id: planId, kind: pick(OPENING_KINDS), title: 'Praktikplads', status: pick(['open', 'open', 'filled', 'closed']), created_on: addDays(today, -Math.floor(rnd() * 700)), created_by: staffId })
    }
    if (periods.length) await ctx.db.insertInto('company_network_period').values(periods).execute()
    if (events.length) await ctx.db.insertInto('company_contact_event').values(events).execute()
    if (openings.length) await ctx.db.insertInto('opening').values(openings).execute()
    counts.networkPeriods += periods.length
    counts.contacts += events.length
    counts.openings += openings.length
  }
  return counts
}

/** The same page as the API's, written by hand: one statement, the total as a window count. */
function handWritten(planId: string, q: string | null, inNetwork: boolean | null, page: number) {
  const like = q ? `%${q.toLowerCase()}%` : null
  return sql`
    select c.id, c.cvr, c.name, c.city, c.industry_text, n.joined_on,
      (select count(*) from opening o where o.company_id = c.id and o.status = 'open') as open_openings,
      (select max(e.happened_on) from company_contact_event e where e.company_id = c.id) as last_contact_on,
      count(*) over () as total
    from company c
    left join company_network_period n on n.company_id = c.id and n.left_on is null
    where c.plan_id = ${planId}
      and (${like}::text is null or lower(c.name) like ${like} or c.cvr like ${like} or lower(coalesce(c.city, '')) like ${like} or lower(coalesce(c.industry_text, '')) like ${like})
      and (${inNetwork}::boolean is null or (n.id is not null) = ${inNetwork})
    order by lower(c.name), c.id
    offset ${(page - 1) * PAGE_SIZE} limit ${PAGE_SIZE}`
}

async function signIn(app: App, ctx: AppContext, planId: string): Promise<{ id: string; cookie: string }> {
  const email = 'bench.virksomhedskonsulent@example.dk'
  const { user, oneTimePassword } = await createUserWithPassword(ctx, systemAuthority('system'), { email, name: 'Bench jobcenter', role: 'jobcenter', organisation: 'Jobcenter Sønderborg', planIds: [planId] })
  await updateUser(ctx.db, user.id, { must_change_password: false })
  return { id: user.id, cookie: await benchSession(app, ctx, email, oneTimePassword) }
}

export async function runCompaniesBench(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-bench-companies-'))
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', EMBEDDED_PG_PORT: '', LOG_LEVEL: 'silent' })
  const handle = await openDatabase(config, { purpose: 'server' })
  const owner = createDb(handle.connectionString, { role: 'owner', max: 1 })
  await migrateToLatest(owner)
  const db = createDb(handle.connectionString, { role: 'app' })
  const ctx: AppContext = { db, config, log: createLogger('silent'), now: () => new Date() }
  let app: App | undefined
  try {
    const { planId } = await importAgreementFile(ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
    app = await buildApp(ctx)
    const consultant = await signIn(app, ctx, planId)
    const t0 = performance.now()
    const counts = await load(ctx, planId, consultant.id)
    const loadMs = performance.now() - t0
    await sql`analyze`.execute(owner)
    const address = await app.listen({ host: '127.0.0.1', port: 0 })

    const get = async (query: string) => {
      const res = await fetch(`${address}/api/plans/${planId}/companies?pageSize=${PAGE_SIZE}${query}`, { headers: { cookie: consultant.cookie } })
      const body = await res.text()
      if (res.status !== 200) throw new Error(`GET ${query}: ${res.status} ${body}`)
      return body
    }
    const deepPage = Math.floor(COMPANIES / PAGE_SIZE / 2)
    const cases = {
      firstPage: { query: '', hand: () => handWritten(planId, null, null, 1) },
      search: { query: `&q=${encodeURIComponent(SEARCH)}`, hand: () => handWritten(planId, SEARCH, null, 1) },
      deepPage: { query: `&page=${deepPage}`, hand: () => handWritten(planId, null, null, deepPage) },
      inNetwork: { query: '&inNetwork=true', hand: () => handWritten(planId, null, true, 1) },
    }

    // The same rows both ways, or the comparison means nothing.
    const shapes: Record<string, { total: number; rows: number }> = {}
    for (const [name, c] of Object.entries(cases)) {
      const api = JSON.parse(await get(c.query)) as CompanyList
      const hand = (await c.hand().execute(db)).rows as { id: string; total: number }[]
      if (api.companies.map((x) => x.id).join() !== hand.map((x) => x.id).join() || api.total !== Number(hand[0]?.total ?? 0)) throw new Error(`${name}: the API and the hand-written query disagree`)
      shapes[name] = { total: api.total, rows: api.companies.length }
    }

    const measured: Record<string, { indsats: Timing; handWrittenSql: Timing; ratio: number }> = {}
    for (const [name, c] of Object.entries(cases)) {
      const handWrittenSql = await measure(() => c.hand().execute(db))
      const indsats = await measure(() => get(c.query))
      measured[name] = { indsats, handWrittenSql, ratio: round(indsats.medianMs / handWrittenSql.medianMs) }
    }

    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      runs: RUNS,
      dataset: { ...counts, loadMs: round(loadMs), pageSize: PAGE_SIZE, search: SEARCH, deepPage, shapes },
      note: 'indsats: GET /api/plans/:planId/companies over HTTP (session, authorization, validation, two queries: the page and the total, serialisation); handWrittenSql: one statement for the same page through the same pool. ratio = indsats median / hand-written median.',
      results: measured,
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/companies.json', `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await app?.close()
    await db.destroy()
    await owner.destroy()
    await handle.release()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
