// Follow-up reads over HTTP (in-process inject), written to bench/results/follow-up.json:
//   - the dashboard data of one agreement with 4 years (16 quarters; the goal: at most 1.5× the
//     baseline) and, for growth, 1 year (4 quarters) and 16 years (64 quarters) of values on every
//     indicator row, against one hand-written SQL query that builds the same data as JSON
//     (the current values, period locks, comments and the agreement's content; the app adds the
//     status rules in JavaScript). Checked to hold the same values as the app's answer.
//   - the follow-up overview of a plan with 1, 10 and 50 agreements.
// Growth ratios compare the largest with the smallest (16 years vs 1 year; 10 and 50 agreements vs 1).
// App and baseline alternate sample by sample, so both see the same machine.
import fs from 'node:fs'
import os from 'node:os'
import { sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../src/server/app.ts'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { definitionVersion } from '../src/server/features/indicators/indicator-series.ts'
import { updateUser } from '../src/server/features/users/users.repo.ts'
import { createUserWithPassword } from '../src/server/features/users/users.service.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import type { AppContext } from '../src/server/lib/context.ts'
import type { AgreementFile } from '../src/shared/agreements.ts'
import { parsePeriod } from '../src/shared/lib/period.ts'
import { median, round } from './startup.ts'
import { benchSession } from './lib/sign-in.ts'
import { benchDatabase } from './lib/database.ts'

// Every statement sent to PostgreSQL from this process is counted: how many one request costs is
// independent of how busy the machine is, unlike its time.
let statements = 0
const query = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++
  return (query as (...a: unknown[]) => unknown).apply(this, args)
} as typeof query

const RUNS = Number(process.env.BENCH_RUNS_FOLLOW_UP ?? 60)
const WARMUP = 5

async function pairs(app: () => Promise<unknown>, baseline: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await Promise.all([app(), baseline()])
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now()
    await app()
    a.push(performance.now() - t0)
    t0 = performance.now()
    await baseline()
    b.push(performance.now() - t0)
  }
  return { indsatsMs: round(median(a)), baselineMs: round(median(b)), ratio: Math.round((median(a) / median(b)) * 100) / 100 }
}

async function timeOnly(fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn()
  const xs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await fn()
    xs.push(performance.now() - t0)
  }
  return round(median(xs))
}

function quarters(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${2010 + Math.floor(i / 4)}-Q${(i % 4) + 1}`)
}

/** Values for every indicator row of the agreement, one per quarter, straight into the table. */
async function loadValues(owner: AppContext['db'], agreementId: string, file: AgreementFile, periods: string[]) {
  const rows = []
  let n = 0
  for (const goal of file.agreement.goals) {
    for (const indicator of goal.indicators) {
      const version = definitionVersion(indicator)
      for (const row of indicator.rows) {
        for (const period of periods) {
          n++
          rows.push({
            agreement_id: agreementId,
            indicator_key: indicator.key,
            row_key: row.key,
            population: 'area',
            period,
            period_end: parsePeriod(period)!.end,
            share: (n * 37) % 100,
            count: (n * 13) % 400,
            definition_version: version,
            source: 'typed',
            recorded_by_label: 'bench',
          })
        }
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await owner.insertInto('indicator_value').values(rows.slice(i, i + 1000)).execute()
  return rows.length
}

/** The dashboard's data in one query: what the app reads, assembled as JSON by PostgreSQL. */
const dashboardSql = (agreementId: string) => sql<{ data: { content: unknown; values: { id: string }[] | null; periods: unknown; comments: unknown } }>`
  select json_build_object(
    'content', (select r.content from agreement_revision r where r.agreement_id = ${agreementId} order by r.number desc limit 1),
    'values', (select json_agg(x order by x.indicator_key, x.row_key, x.period_end, x.period) from (
        select distinct on (v.indicator_key, v.row_key, v.population, v.period)
          v.id, v.indicator_key, v.row_key, v.population, v.period, v.period_end, v.share, v.count, v.note, v.definition_version,
          v.source, v.import_id, v.import_row, v.import_sheet, v.rule, v.rule_version, coalesce(u.name, v.recorded_by_label) as recorded_by,
          v.recorded_at, i.file_name as import_file_name, i.format as import_format
        from indicator_value v left join app_user u on u.id = v.recorded_by left join value_import i on i.id = v.import_id
        where v.agreement_id = ${agreementId}
        order by v.indicator_key, v.row_key, v.population, v.period, v.seq desc) x),
    'periods', (select json_agg(e order by e.period) from (
        select distinct on (e.period) e.period, e.locked, e.reason, e.at, coalesce(u.name, e.by_label) as by
        from indicator_period_event e left join app_user u on u.id = e.by_user where e.agreement_id = ${agreementId}
        order by e.period, e.seq desc) e),
    'comments', (select json_agg(c order by c.at) from (
        select c.id, c.indicator_key, c.period, c.text, c.at, coalesce(u.name, c.by_label) as by
        from indicator_comment c left join app_user u on u.id = c.by_user where c.agreement_id = ${agreementId}) c)
  ) as data`

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100

export async function runFollowUpBench(): Promise<void> {
  const loadAverageAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100)
  const bench = await benchDatabase('follow-up', { ownerConnections: 2 })
  const { ctx, owner } = bench
  const { db } = ctx
  const system = systemAuthority('system')
  try {
    const seed = readSeedAgreement('soenderborg-beskaeftigelse').file
    const fileFor = (planName: string, key: string): AgreementFile => ({ ...seed, plan: { ...seed.plan, name: planName }, agreement: { ...seed.agreement, key } })

    // Dashboard: one plan, three agreements with 1, 4 and 16 years (4, 16 and 64 quarters) of values.
    const dashboards: Record<string, { agreementId: string; planId: string; quarters: number; values: number }> = {}
    for (const [name, q] of [['1Year', 4], ['4Years', 16], ['16Years', 64]] as const) {
      const { agreementId, planId } = await importAgreementFile(ctx, system, fileFor('Bench-opfølgning', `bench-${q}q`), 'import')
      dashboards[name] = { agreementId, planId, quarters: q, values: await loadValues(owner, agreementId, seed, quarters(q)) }
    }
    // Overview: plans with 1, 10 and 50 agreements, 16 quarters each.
    const overviews: Record<string, string> = {}
    for (const n of [1, 10, 50]) {
      let planId = ''
      for (let i = 0; i < n; i++) {
        const imported = await importAgreementFile(ctx, system, fileFor(`Bench-oversigt ${n}`, `bench-${n}-${i}`), 'import')
        planId = imported.planId
        await loadValues(owner, imported.agreementId, seed, quarters(16))
      }
      overviews[`${n}Agreements`] = planId
    }
    await sql`analyze`.execute(owner)

    const app = await buildApp(ctx)
    const email = 'bench.follow-up@example.dk'
    const planIds = [...new Set([...Object.values(dashboards).map((d) => d.planId), ...Object.values(overviews)])]
    const { user, oneTimePassword } = await createUserWithPassword(ctx, system, { email, name: 'Bench', role: 'projektleder', organisation: 'Bench', planIds })
    await updateUser(ctx.db, user.id, { must_change_password: false })
    const cookie = await benchSession(app, ctx, email, oneTimePassword)
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } })
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`)
      return res.body
    }

    const statementsOf = async (url: string) => {
      await get(url)
      const before = statements
      await get(url)
      return statements - before
    }
    const queriesPerRequest = {
      plans: await statementsOf('/api/plans'),
      dashboard4Years: await statementsOf(`/api/plans/${dashboards['4Years']!.planId}/agreements/${dashboards['4Years']!.agreementId}/follow-up`),
      overview1Agreement: await statementsOf(`/api/plans/${overviews['1Agreements']}/follow-up`),
      overview10Agreements: await statementsOf(`/api/plans/${overviews['10Agreements']}/follow-up`),
      overview50Agreements: await statementsOf(`/api/plans/${overviews['50Agreements']}/follow-up`),
    }

    const dashboard: Record<string, { quarters: number; values: number; indsatsMs: number; baselineMs: number; ratio: number }> = {}
    for (const [name, d] of Object.entries(dashboards)) {
      const url = `/api/plans/${d.planId}/agreements/${d.agreementId}/follow-up`
      // Same data: the app's current values are the ones the query assembles.
      const appIds = (JSON.parse(await get(url)) as { series: { values: { id: string }[]; earlierDefinition: { id: string }[] }[] }).series.flatMap((s) => [...s.values, ...s.earlierDefinition].map((v) => v.id)).sort()
      const sqlIds = ((await dashboardSql(d.agreementId).execute(db)).rows[0]!.data.values ?? []).map((v) => v.id).sort()
      if (JSON.stringify(appIds) !== JSON.stringify(sqlIds) || appIds.length !== d.values) throw new Error(`dashboard ${name}: app and SQL differ (${appIds.length} vs ${sqlIds.length} values)`)
      dashboard[name] = { quarters: d.quarters, values: d.values, ...(await pairs(() => get(url), () => dashboardSql(d.agreementId).execute(db))) }
    }

    const overview: Record<string, unknown> = {}
    for (const [name, planId] of Object.entries(overviews)) {
      overview[name] = { indsatsMs: await timeOnly(() => get(`/api/plans/${planId}/follow-up`)) }
    }
    const per = (n: number) => (overview[`${n}Agreements`] as { indsatsMs: number }).indsatsMs
    await app.close()

    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      runs: RUNS,
      loadAverageAtStart,
      queriesPerRequest,
      dashboard: {
        ...dashboard,
        growth16YearsVs1Year: { indsats: ratio(dashboard['16Years']!.indsatsMs, dashboard['1Year']!.indsatsMs), baseline: ratio(dashboard['16Years']!.baselineMs, dashboard['1Year']!.baselineMs) },
      },
      overview: { ...overview, growth10vs1: ratio(per(10), per(1)), growth50vs1: ratio(per(50), per(1)), msPerAgreementAt50: round(per(50) / 50) },
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/follow-up.json', `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await bench.close()
  }
}
