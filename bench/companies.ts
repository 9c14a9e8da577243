// The company list, the company figures and the placement figures with 5 000 companies and 20 000
// placements in one plan, on the embedded PostgreSQL, written to bench/results/companies.json. About a
// third of the companies are in the network (some have left and come back), most have a few contacts,
// some have openings, and 20 000 placements of 5 000 residents fill those openings over three years.
// Measured as the company consultant (job centre): the list's first page, a search, a page deep in
// the list, the network filter, and the figures of the last year over HTTP; and the placement
// figures as the app computes them in process. Baselines in the same run: each answer written by
// hand as one SQL statement, sent through the same pool, so each ratio reads as "so many times the
// hand-written query"; and the cheapest signed-in request of the plan (an empty list), so the share
// that is HTTP, session and authorization can be told from the share that is the query.
import fs from 'node:fs'
import os from 'node:os'
import { sql } from 'kysely'
import { buildApp } from '../src/server/app.ts'
import type { App } from '../src/server/lib/request.ts'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { updateUser } from '../src/server/features/users/users.repo.ts'
import { createUserWithPassword } from '../src/server/features/users/users.service.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import type { AppContext } from '../src/server/lib/context.ts'
import { placementFiguresIn } from '../src/server/features/placements/placements.service.ts'
import type { CompanyFigures, CompanyList } from '../src/shared/companies.ts'
import { OPENING_KINDS } from '../src/shared/companies.ts'
import { isoDay } from '../src/shared/lib/format.ts'
import { addDays } from '../src/shared/lib/period.ts'
import { round } from './startup.ts'
import { benchDatabase } from './lib/database.ts'
import { benchSession } from './lib/sign-in.ts'
import { seededRandom, timeCalls } from './lib/measure.ts'

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 5_000)
const PLACEMENTS = Number(process.env.BENCH_PLACEMENTS ?? 20_000)
const RESIDENTS = Math.max(1, Math.round(PLACEMENTS / 4))
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 40)
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

const measure = (fn: () => Promise<unknown>): Promise<Timing> => timeCalls(fn, RUNS)

export async function load(ctx: AppContext, planId: string, staffId: string) {
  const rnd = seededRandom(2026)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const today = isoDay(new Date())
  const cvrs = cvrNumbers(COMPANIES, 3_000_000)
  const counts = { companies: 0, inNetwork: 0, networkPeriods: 0, contacts: 0, openings: 0, residents: 0, placements: 0 }
  const openingIds: { id: string; company_id: string }[] = []
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
    if (openings.length) openingIds.push(...(await ctx.db.insertInto('opening').values(openings).returning(['id', 'company_id']).execute()))
    counts.networkPeriods += periods.length
    counts.contacts += events.length
    counts.openings += openings.length
  }
  await loadPlacements(ctx, planId, staffId, openingIds, rnd, counts)
  return counts
}

/** Residents placed in the openings over the last three years: most ended, some in a job or an education. */
async function loadPlacements(ctx: AppContext, planId: string, staffId: string, openings: readonly { id: string }[], rnd: () => number, counts: { residents: number; placements: number }) {
  const today = isoDay(new Date())
  const owner = await ctx.db.selectFrom('plan_party').select('id').where('plan_id', '=', planId).where('kind', '=', 'boligsocial').executeTakeFirstOrThrow()
  const residents: string[] = []
  for (let from = 0; from < RESIDENTS; from += 1000) {
    const people = Array.from({ length: Math.min(1000, RESIDENTS - from) }, (_, k) => ({
      plan_id: planId,
      pseudonym: `D-${String(from + k + 1).padStart(5, '0')}`,
      owner_party_id: owner.id,
      registered_on: addDays(today, -1200),
      name: `Beboer ${from + k + 1}`,
      birth_year: 1960 + Math.floor(rnd() * 45),
      created_by: staffId,
    }))
    residents.push(...(await ctx.db.insertInto('participant').values(people).returning('id').execute()).map((r) => r.id))
  }
  counts.residents = residents.length
  for (let from = 0; from < PLACEMENTS; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, PLACEMENTS - from) }, () => {
      const startOn = addDays(today, -Math.floor(rnd() * 1095))
      const ended = rnd() < 0.8 ? addDays(startOn, 14 + Math.floor(rnd() * 180)) : null
      const endOn = ended && ended <= today ? ended : null
      const o = rnd()
      const outcome = endOn === null ? null : o < 0.3 ? 'job' : o < 0.4 ? 'education' : o < 0.8 ? 'completed' : 'dropped-out'
      const outcomeOn = (outcome === 'job' || outcome === 'education') && rnd() < 0.7 ? addDays(endOn!, Math.floor(rnd() * 150)) : null
      return {
        plan_id: planId,
        opening_id: openings[Math.floor(rnd() * openings.length)]!.id,
        participant_id: residents[Math.floor(rnd() * residents.length)]!,
        start_on: startOn,
        end_on: endOn,
        outcome,
        outcome_on: outcomeOn,
        end_note: outcome === 'dropped-out' ? 'Stoppede før tid.' : null,
        created_by: staffId,
      }
    })
    await ctx.db.insertInto('placement').values(rows).execute()
    counts.placements += rows.length
  }
}

/** The company figures of a period written by hand: one statement, every count in SQL. */
function handWrittenFigures(planId: string, from: string, to: string, asOf: string) {
  return sql<{ figures: HandFigures }>`
    with pl as (
      select pl.start_on, pl.end_on, pl.outcome, coalesce(pl.outcome_on, pl.end_on + 1) as began, o.company_id
      from placement pl join opening o on o.id = pl.opening_id
      where pl.plan_id = ${planId} and pl.start_on <= ${to}::date and (pl.end_on is null or pl.end_on >= ${from}::date)
    )
    select json_build_object(
      'inNetwork', (select count(distinct n.company_id) from company_network_period n join company c on c.id = n.company_id
                    where c.plan_id = ${planId} and n.joined_on <= ${to}::date and (n.left_on is null or n.left_on > ${to}::date)),
      'active', (select count(*) from (
                   select e.company_id from company_contact_event e join company c on c.id = e.company_id
                   where c.plan_id = ${planId} and e.happened_on between ${from}::date and ${to}::date
                   union select company_id from pl) a),
      'openings', (select count(*) from opening where plan_id = ${planId} and created_on between ${from}::date and ${to}::date),
      'placements', (${handWrittenPlacementCounts(from, to, asOf)})
    ) as figures`
}

/** Started, completed and the 13-week share of the placements in \`pl\`, as placement-figures.ts defines them. */
function handWrittenPlacementCounts(from: string, to: string, asOf: string) {
  return sql`select json_build_object(
      'started', count(*) filter (where start_on between ${from}::date and ${to}::date),
      'completed', count(*) filter (where end_on between ${from}::date and ${to}::date and outcome <> 'dropped-out'),
      'numerator', count(*) filter (where end_on between ${from}::date and ${to}::date and outcome in ('job', 'education') and began <= end_on + 91 and began <= ${asOf}::date),
      'pending', count(*) filter (where end_on between ${from}::date and ${to}::date and not (outcome in ('job', 'education') and began <= end_on + 91 and began <= ${asOf}::date) and ${asOf}::date < end_on + 91),
      'ended', count(*) filter (where end_on between ${from}::date and ${to}::date)
    ) from pl`
}

/** The placement part as the app answers it: the counts, and the companies a placement made active. */
function handWrittenPlacementFigures(planId: string, from: string, to: string, asOf: string) {
  return sql<{ figures: HandFigures['placements']; companies: number }>`
    with pl as (
      select pl.start_on, pl.end_on, pl.outcome, coalesce(pl.outcome_on, pl.end_on + 1) as began, o.company_id
      from placement pl join opening o on o.id = pl.opening_id
      where pl.plan_id = ${planId} and pl.start_on <= ${to}::date and (pl.end_on is null or pl.end_on >= ${from}::date)
    )
    select (${handWrittenPlacementCounts(from, to, asOf)}) as figures, (select count(distinct company_id) from pl) as companies`
}

interface HandFigures {
  inNetwork: number
  active: number
  openings: number
  placements: { started: number; completed: number; numerator: number; pending: number; ended: number }
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
  const bench = await benchDatabase('companies')
  const { ctx, owner } = bench
  const { db } = ctx
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

    const fetchText = async (url: string) => {
      const res = await fetch(`${address}/api/plans/${planId}${url}`, { headers: { cookie: consultant.cookie } })
      const body = await res.text()
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body}`)
      return body
    }
    const get = (query: string) => fetchText(`/companies?pageSize=${PAGE_SIZE}${query}`)
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

    // The figures of the last year, over HTTP and as the placement part is computed in process.
    const today = isoDay(new Date())
    const from = addDays(today, -364)
    const figuresUrl = `/company-figures?from=${from}&to=${today}`
    const apiFigures = JSON.parse(await fetchText(figuresUrl)) as CompanyFigures
    const appPlacements = () => placementFiguresIn(ctx, planId, from, today, today)
    const hand = (await handWrittenFigures(planId, from, today, today).execute(db)).rows[0]!.figures
    const inApp = await appPlacements()
    const same =
      apiFigures.inNetwork.value === hand.inNetwork &&
      apiFigures.active.value === hand.active &&
      apiFigures.openingsTotal.value === hand.openings &&
      apiFigures.placements.started.value === hand.placements.started &&
      apiFigures.placements.completed.value === hand.placements.completed &&
      apiFigures.placements.jobOrEducation.numerator === hand.placements.numerator &&
      apiFigures.placements.jobOrEducation.pending === hand.placements.pending &&
      inApp.started === hand.placements.started &&
      inApp.completed === hand.placements.completed &&
      inApp.share.numerator === hand.placements.numerator &&
      inApp.share.denominator === hand.placements.ended - hand.placements.pending &&
      inApp.spans.length === Number((await handWrittenPlacementFigures(planId, from, today, today).execute(db)).rows[0]!.companies)
    if (!same) throw new Error(`figures: the app and the hand-written query disagree: ${JSON.stringify({ api: apiFigures, inApp, hand })}`)
    shapes.figures = { total: hand.placements.ended, rows: 1 }

    const floor = await measure(() => fetchText('/csr-awards'))
    const companyFigures = { indsats: await measure(() => fetchText(figuresUrl)), handWrittenSql: await measure(() => handWrittenFigures(planId, from, today, today).execute(db)) }
    measured.companyFigures = { ...companyFigures, ratio: round(companyFigures.indsats.medianMs / companyFigures.handWrittenSql.medianMs) }
    const placementFigures = { indsats: await measure(appPlacements), handWrittenSql: await measure(() => handWrittenPlacementFigures(planId, from, today, today).execute(db)) }
    measured.placementFigures = { ...placementFigures, ratio: round(placementFigures.indsats.medianMs / placementFigures.handWrittenSql.medianMs) }
    // What is left of each HTTP case once the cheapest signed-in request of the plan is taken off.
    const beyondHttp = Object.fromEntries(
      Object.entries(measured)
        .filter(([name]) => name !== 'placementFigures')
        .map(([name, m]) => [name, round(Math.max(0, m.indsats.medianMs - floor.medianMs) / m.handWrittenSql.medianMs)]),
    )

    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      runs: RUNS,
      dataset: { ...counts, loadMs: round(loadMs), pageSize: PAGE_SIZE, search: SEARCH, deepPage, figuresPeriod: { from, to: today }, shapes },
      note: 'firstPage, search, deepPage, inNetwork: GET /api/plans/:planId/companies over HTTP; companyFigures: GET /api/plans/:planId/company-figures for the last year over HTTP (session, authorization, validation, queries, serialisation); placementFigures: the placement part of the figures as the app computes it, in process (placements.service placementFiguresIn: the counts and the companies with a placement in the period). handWrittenSql: one statement for the same answer through the same pool. ratio = indsats median / hand-written median. httpFloor: the cheapest signed-in request of the plan (GET csr-awards, empty); ratioBeyondHttp = (indsats median - httpFloor median) / hand-written median, the part of an HTTP case that is its queries.',
      httpFloor: floor,
      results: measured,
      ratioBeyondHttp: beyondHttp,
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/companies.json', `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await app?.close()
    await bench.close()
  }
}
