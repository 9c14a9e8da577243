// The quarterly view of delivered against promised (decision 015) over HTTP, with three years of
// weekly hours and 50 000 conversations in the Varde plan, on the embedded PostgreSQL, written to
// bench/results/staff-time.json. The data: four job-centre staff registering their hours in the
// Kontanthjælp effort every week; four in the youth effort whose conversations (about 320 a week)
// derive their hours, with a time sheet in every third week that replaces those weeks' conversations;
// the social caretaker's weekly hours, some split by effort area. Baseline in the same run: one
// hand-written SQL query giving the same delivered hours for the two job-centre promises (sheets,
// plus conversations with the ½-hour rule in weeks without a sheet); the figures are checked equal.
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
import { addDays } from '../src/shared/lib/period.ts'
import { mondayOf, weeksOfQuarter } from '../src/shared/lib/iso-week.ts'
import type { QuarterView } from '../src/shared/staff-time.ts'
import { round } from './startup.ts'
import { benchSession } from './lib/sign-in.ts'
import { seededRandom, timeCalls } from './lib/measure.ts'
import { benchDatabase } from './lib/database.ts'

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 50_000)
const RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 30)
const WARMUP = 3
const FIRST_MONDAY = mondayOf('2023-01-02')
const WEEKS = 156
const QUARTER = '2025-Q3'



async function staff(ctx: AppContext, planId: string, n: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const { user } = await createUserWithPassword(ctx, systemAuthority('system'), { email: `bench.staff.${i}@example.dk`, name: `Medarbejder ${i}`, role: 'jobcenter', organisation: 'Jobcenter Varde', planIds: [planId] })
    ids.push(user.id)
  }
  return ids
}

async function load(ctx: AppContext, planId: string, agreementId: string, activity: Record<string, string>, users: string[]) {
  const rnd = seededRandom(11)
  const [k1, k2, k3, k4, u1, u2, u3, u4, caretaker] = users as [string, string, string, string, string, string, string, string, string]
  const entries: Record<string, unknown>[] = []
  for (let w = 0; w < WEEKS; w++) {
    const week = addDays(FIRST_MONDAY, w * 7)
    for (const k of [k1, k2, k3, k4]) entries.push({ plan_id: planId, agreement_id: agreementId, activity_id: activity['fremskudt-kontanthjaelp-og-integration'], staff_id: k, week_start: week, hours: String(Math.round(rnd() * 16) / 2 + 1) })
    if (w % 3 === 0) for (const u of [u1, u2, u3, u4]) entries.push({ plan_id: planId, agreement_id: agreementId, activity_id: activity['fremskudt-ungeindsats'], staff_id: u, week_start: week, hours: String(Math.round(rnd() * 10) / 2 + 1) })
    entries.push({ plan_id: planId, agreement_id: agreementId, activity_id: activity['social-vicevaert'], staff_id: caretaker, week_start: week, hours: '29.5', effort_area: w % 2 ? null : 'beskaeftigelse' })
  }
  for (let i = 0; i < entries.length; i += 1000) await ctx.db.insertInto('time_entry').values(entries.slice(i, i + 1000) as never).execute()
  const youth = [u1, u2, u3, u4]
  for (let i = 0; i < CONVERSATIONS; i += 2000) {
    const batch = Array.from({ length: Math.min(2000, CONVERSATIONS - i) }, () => ({
      plan_id: planId,
      activity_id: activity['fremskudt-ungeindsats']!,
      staff_id: youth[Math.floor(rnd() * 4)]!,
      kind: 'anonymous',
      held_on: addDays(FIRST_MONDAY, Math.floor(rnd() * WEEKS * 7)),
      place: 'Trivselshuset',
      duration_minutes: 15 + Math.floor(rnd() * 60),
      transport_minutes: Math.floor(rnd() * 30),
      admin_minutes: rnd() < 0.2 ? Math.floor(rnd() * 45) : null,
    }))
    await ctx.db.insertInto('staff_conversation').values(batch).execute()
  }
  return { timeEntries: entries.length, conversations: CONVERSATIONS }
}

/** The same figures by hand: delivered hours per job-centre promise of the quarter, in one query. */
async function handWritten(ctx: AppContext, agreementId: string, planId: string) {
  const weeks = weeksOfQuarter(QUARTER)
  const first = weeks[0]!
  const last = weeks.at(-1)!
  const rows = await sql<{ resource_key: string; hours: string }>`
    with sheets as (
      select t.staff_id, t.activity_id, t.week_start,
        coalesce(t.resource_key, case a.key when 'fremskudt-ungeindsats' then 'ungeindsats-jobcenter-timer' when 'fremskudt-kontanthjaelp-og-integration' then 'kontanthjaelp-jobcenter-timer' end) as resource_key,
        t.hours
      from time_entry t join activity a on a.id = t.activity_id
      where t.agreement_id = ${agreementId} and t.week_start between ${first} and ${last}
    ),
    talks as (
      select c.staff_id, c.activity_id, date_trunc('week', c.held_on)::date as week_start,
        sum(c.duration_minutes + c.transport_minutes + coalesce(c.admin_minutes, 30)) / 60.0 as hours
      from staff_conversation c join activity a on a.id = c.activity_id
      where c.plan_id = ${planId} and a.key = 'fremskudt-ungeindsats' and c.held_on between ${first} and ${addDays(last, 6)}
      group by 1, 2, 3
    )
    select resource_key, sum(hours)::text as hours from (
      select resource_key, hours from sheets where resource_key is not null
      union all
      select 'ungeindsats-jobcenter-timer', k.hours from talks k
      where not exists (select 1 from sheets s where s.staff_id = k.staff_id and s.activity_id = k.activity_id and s.week_start = k.week_start)
    ) x group by resource_key`.execute(ctx.db)
  return new Map(rows.rows.map((r) => [r.resource_key, Number(r.hours)]))
}

export async function runStaffTimeBench(): Promise<void> {
  const bench = await benchDatabase('staff-time')
  const { ctx, owner } = bench
  const db = ctx.db
  let app: App | undefined
  try {
    const { planId, agreementId } = await importAgreementFile(ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')
    const activity = Object.fromEntries((await db.selectFrom('activity').select(['id', 'key']).where('plan_id', '=', planId).execute()).map((a) => [a.key, a.id]))
    const users = await staff(ctx, planId, 9)
    const t0 = performance.now()
    const dataset = await load(ctx, planId, agreementId, activity, users)
    const loadMs = performance.now() - t0
    await sql`analyze`.execute(owner)

    app = await buildApp(ctx)
    const email = 'bench.leader@example.dk'
    const { user, oneTimePassword } = await createUserWithPassword(ctx, systemAuthority('system'), { email, name: 'Bench leder', role: 'projektleder', organisation: 'Det Boligsociale Team', planIds: [planId] })
    await updateUser(ctx.db, user.id, { must_change_password: false })
    const cookie = await benchSession(app, ctx, email, oneTimePassword)
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const url = `${address}/api/plans/${planId}/staff-time/agreements/${agreementId}/quarter?quarter=${QUARTER}`
    const view = async () => {
      const res = await fetch(url, { headers: { cookie } })
      if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`)
      return (await res.json()) as QuarterView
    }

    const shown = await view()
    const byHand = await handWritten(ctx, agreementId, planId)
    const same = (key: string) => Math.abs((shown.promises.find((p) => p.key === key)?.deliveredHours ?? -1) - (byHand.get(key) ?? 0)) < 1e-6
    const agree = { 'ungeindsats-jobcenter-timer': same('ungeindsats-jobcenter-timer'), 'kontanthjaelp-jobcenter-timer': same('kontanthjaelp-jobcenter-timer') }
    if (!Object.values(agree).every(Boolean)) throw new Error(`The view and the hand-written query disagree: ${JSON.stringify({ shown: shown.promises.map((p) => [p.key, p.deliveredHours]), byHand: [...byHand] })}`)

    const baseline = await timeCalls(() => handWritten(ctx, agreementId, planId), RUNS, WARMUP)
    const indsats = await timeCalls(view, RUNS, WARMUP)
    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg().map(round) },
      runs: RUNS,
      dataset: { ...dataset, weeks: WEEKS, quarter: QUARTER, conversationsInQuarter: shown.conversations, loadMs: round(loadMs) },
      figuresAgree: agree,
      baselines: { handWrittenSql: baseline },
      indsats: { quarterViewOverHttp: indsats },
      ratios: { quarterViewVsHandWrittenSql: round(indsats.medianMs / baseline.medianMs) },
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/staff-time.json', `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await app?.close()
    await bench.close()
  }
}
