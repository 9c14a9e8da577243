// The figures of open counselling (decision 014) over HTTP, with three years of weekly occurrences at
// Sønderborg's three sites and 50 000 inquiries, on the embedded PostgreSQL, written to
// bench/results/counselling.json. Every occurrence of 2022–2024 is materialised from the agreement's
// schedules; about nine in ten are held, with two to four staff checking in, a few are cancelled.
// Baseline in the same run: one hand-written SQL query giving, per site, the planned, held,
// cancelled and staffing-met occurrences and the inquiries and referrals; the figures are checked
// equal before anything is timed. Two ranges: one quarter (what the board asks for) and the three
// years (the longest range a project leader is likely to ask for).
import fs from 'node:fs'
import os from 'node:os'
import { sql } from 'kysely'
import type { CounsellingFiguresDto } from '../src/shared/counselling.ts'
import { buildApp } from '../src/server/app.ts'
import type { App } from '../src/server/lib/request.ts'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { DEFAULT_TOPICS, promisedOccurrences } from '../src/server/features/counselling/counselling.service.ts'
import * as counselling from '../src/server/features/counselling/counselling.repo.ts'
import { updateUser } from '../src/server/features/users/users.repo.ts'
import { createUserWithPassword } from '../src/server/features/users/users.service.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import type { AppContext } from '../src/server/lib/context.ts'
import { round } from './startup.ts'
import { benchSession } from './lib/sign-in.ts'
import { seededRandom, timeCalls } from './lib/measure.ts'
import { benchDatabase } from './lib/database.ts'

const INQUIRIES = Number(process.env.BENCH_INQUIRIES ?? 50_000)
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 20)
const WARMUP = 3
const RANGE = { from: '2022-01-01', to: '2024-12-31' }
const QUARTER = { from: '2024-07-01', to: '2024-09-30' }



async function load(ctx: AppContext, planId: string, staffIds: readonly string[], creator: string) {
  const rnd = seededRandom(7)
  const { rows } = await promisedOccurrences(ctx, planId, RANGE)
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) await counselling.insertOccurrences(trx, rows.slice(i, i + 500))
    await counselling.ensureTopics(trx, planId, DEFAULT_TOPICS)
  })
  const occurrences = await ctx.db.selectFrom('counselling_occurrence').select(['id', 'holiday']).where('plan_id', '=', planId).orderBy('held_on').execute()
  const open = occurrences.filter((o) => o.holiday === null)
  const topics = (await ctx.db.selectFrom('inquiry_topic').select('id').where('plan_id', '=', planId).execute()).map((t) => t.id)
  const held: string[] = []
  const checkins: { occurrence_id: string; user_id: string }[] = []
  let cancelled = 0
  for (const o of open) {
    const r = rnd()
    if (r < 0.03) {
      await ctx.db.updateTable('counselling_occurrence').set({ cancelled_reason: 'Sygdom', cancelled_by: creator, cancelled_at: new Date() }).where('id', '=', o.id).execute()
      cancelled++
    } else if (r < 0.93) {
      held.push(o.id)
      const n = 2 + Math.floor(rnd() * 3)
      const start = Math.floor(rnd() * staffIds.length)
      for (let k = 0; k < n; k++) checkins.push({ occurrence_id: o.id, user_id: staffIds[(start + k) % staffIds.length]! })
    }
  }
  for (let i = 0; i < checkins.length; i += 2000) await ctx.db.insertInto('counselling_checkin').values(checkins.slice(i, i + 2000)).execute()
  const referrals = ['none', 'none', 'none', 'jobcenter', 'appointment', 'elsewhere'] as const
  for (let i = 0; i < INQUIRIES; i += 2000) {
    const batch = Array.from({ length: Math.min(2000, INQUIRIES - i) }, () => ({
      plan_id: planId,
      occurrence_id: held[Math.floor(rnd() * held.length)]!,
      topic_id: topics[Math.floor(rnd() * topics.length)]!,
      referral: referrals[Math.floor(rnd() * referrals.length)]!,
      created_by: creator,
    }))
    await ctx.db.insertInto('counselling_inquiry').values(batch).execute()
  }
  return { occurrences: occurrences.length, holidays: occurrences.length - open.length, cancelled, held: held.length, checkins: checkins.length, inquiries: INQUIRIES }
}

interface SiteRow {
  site: string
  planned: number
  held: number
  cancelled: number
  staffing_met: number
  inquiries: number
  referred: number
}

/** The same per-site figures by hand, in one query. */
async function handWritten(ctx: AppContext, planId: string, range: { from: string; to: string }): Promise<SiteRow[]> {
  const { rows } = await sql<SiteRow>`
    with occ as (
      select o.id, o.site, o.cancelled_at is not null as cancelled, coalesce(o.staffing_min, 1) as least,
        (select count(distinct c.user_id) from counselling_checkin c where c.occurrence_id = o.id)::int as staff,
        (select count(*) from counselling_inquiry i where i.occurrence_id = o.id)::int as inquiries,
        (select count(*) from counselling_inquiry i where i.occurrence_id = o.id and i.referral <> 'none')::int as referred
      from counselling_occurrence o
      where o.plan_id = ${planId} and o.held_on between ${range.from} and ${range.to} and o.holiday is null
    )
    select site,
      count(*)::int as planned,
      count(*) filter (where not cancelled and (staff > 0 or inquiries > 0))::int as held,
      count(*) filter (where cancelled)::int as cancelled,
      count(*) filter (where not cancelled and (staff > 0 or inquiries > 0) and staff >= least)::int as staffing_met,
      sum(inquiries)::int as inquiries,
      sum(referred)::int as referred
    from occ group by site order by site`.execute(ctx.db)
  return rows
}

export async function runCounsellingBench(): Promise<void> {
  const bench = await benchDatabase('counselling')
  // The figures count occurrences up to "today": the bench's data lie in the past, so all count.
  const { ctx, owner } = bench
  let app: App | undefined
  try {
    const { planId } = await importAgreementFile(ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
    const staffIds: string[] = []
    for (let i = 0; i < 8; i++) {
      const { user } = await createUserWithPassword(ctx, systemAuthority('system'), { email: `bench.staff.${i}@example.dk`, name: `Medarbejder ${i}`, role: i % 2 ? 'jobcenter' : 'boligsocial', organisation: i % 2 ? 'Jobcenter Sønderborg' : 'Det Boligsociale Team', planIds: [planId] })
      staffIds.push(user.id)
    }
    const t0 = performance.now()
    const dataset = await load(ctx, planId, staffIds, staffIds[0]!)
    const loadMs = performance.now() - t0
    await sql`analyze`.execute(owner)

    app = await buildApp(ctx)
    const email = 'bench.leader@example.dk'
    const { user, oneTimePassword } = await createUserWithPassword(ctx, systemAuthority('system'), { email, name: 'Bench leder', role: 'projektleder', organisation: 'Det Boligsociale Team', planIds: [planId] })
    await updateUser(ctx.db, user.id, { must_change_password: false })
    const cookie = await benchSession(app, ctx, email, oneTimePassword)
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const figures = (range: { from: string; to: string }) => async () => {
      const res = await fetch(`${address}/api/plans/${planId}/counselling/figures?from=${range.from}&to=${range.to}`, { headers: { cookie } })
      if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`)
      return (await res.json()) as CounsellingFiguresDto
    }

    const agree: Record<string, boolean> = {}
    for (const [name, range] of [['quarter', QUARTER], ['threeYears', RANGE]] as const) {
      const shown = await figures(range)()
      const byHand = await handWritten(ctx, planId, range)
      const same = byHand.every((h) => {
        const s = shown.sites.find((x) => x.site === h.site)
        return s !== undefined && s.planned === h.planned && s.held === h.held && s.cancelled === h.cancelled && s.staffingMet === h.staffing_met && s.inquiries === h.inquiries && s.referred === h.referred
      })
      if (!same || byHand.length !== shown.sites.length) throw new Error(`The figures and the hand-written query disagree for ${name}: ${JSON.stringify({ shown: shown.sites, byHand })}`)
      agree[name] = same
    }

    const timings: Record<string, { baseline: Awaited<ReturnType<typeof timeCalls>>; indsats: Awaited<ReturnType<typeof timeCalls>>; ratio: number }> = {}
    for (const [name, range] of [['quarter', QUARTER], ['threeYears', RANGE]] as const) {
      const baseline = await timeCalls(() => handWritten(ctx, planId, range), RUNS, WARMUP)
      const indsats = await timeCalls(figures(range), RUNS, WARMUP)
      timings[name] = { baseline, indsats, ratio: round(indsats.medianMs / baseline.medianMs) }
    }
    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg().map(round) },
      runs: RUNS,
      dataset: { ...dataset, range: RANGE, quarter: QUARTER, loadMs: round(loadMs) },
      figuresAgree: agree,
      baselines: { handWrittenSql: { quarter: timings.quarter!.baseline, threeYears: timings.threeYears!.baseline } },
      indsats: { figuresOverHttp: { quarter: timings.quarter!.indsats, threeYears: timings.threeYears!.indsats } },
      ratios: { quarterVsHandWrittenSql: timings.quarter!.ratio, threeYearsVsHandWrittenSql: timings.threeYears!.ratio },
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/counselling.json', `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await app?.close()
    await bench.close()
  }
}
