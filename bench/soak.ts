// A soak run: `npm run bench -- soak [minutes]` (default 10) sends a mixed load at a fixed rate to
// one Indsats process on loopback, as a plan's staff would over a working day: the plan list, the
// follow-up overview, the residents list, one resident's page, registering residents and writing
// notes about them. Every 10 s it records the server's RSS and heap, the event loop's delay (p99),
// PostgreSQL's connections, the requests' p99 and the errors. It fails if any answer is a 5xx or
// if memory grows steadily (the last third of the run's RSS or heap above the first third's by more
// than 10 %, after a warm-up minute; for the heap, the least used in each third). Written to bench/results/soak.json.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { sql } from 'kysely'
import { buildApp } from '../src/server/app.ts'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { updateUser } from '../src/server/features/users/users.repo.ts'
import { createUserWithPassword } from '../src/server/features/users/users.service.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import { isoDay } from '../src/shared/lib/format.ts'
import { CONSENT_CATEGORIES } from '../src/shared/consents.ts'
import { benchDatabase } from './lib/database.ts'
import { percentile } from './lib/load.ts'
import { seededRandom } from './lib/measure.ts'
import { benchSession } from './lib/sign-in.ts'
import { median, round } from './startup.ts'

const RATE = Number(process.env.BENCH_SOAK_RATE ?? 40) // requests per second
const SAMPLE_SECONDS = 10
const WARMUP_SECONDS = 60
/** Growth between the first and the last third of the run (after warm-up) that counts as a leak. */
const MAX_GROWTH = 0.1

interface Sample {
  atSeconds: number
  rssMiB: number
  heapUsedMiB: number
  eventLoopDelayP99Ms: number
  dbConnections: number
  requests: number
  p99Ms: number
  errors5xx: number
  errorsOther: number
}

function startApp(env: NodeJS.ProcessEnv, onStats: (stats: { rssMiB: number; heapUsedMiB: number; eventLoopDelayP99Ms: number }) => void): Promise<{ child: ChildProcess; address: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api-server.ts', 'app'], { env, stdio: ['ignore', 'pipe', 'inherit'] })
    let buffer = ''
    let address: string | null = null
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let nl: number
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim()
        buffer = buffer.slice(nl + 1)
        if (line.startsWith('stats ')) onStats(JSON.parse(line.slice(6)))
        else if (!address) {
          address = line
          resolve({ child, address })
        }
      }
    })
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)))
  })
}

export async function runSoakBench(args: string[] = []): Promise<void> {
  const minutes = Number(args[0] ?? process.env.BENCH_SOAK_MINUTES ?? 10)
  if (!(minutes > 0)) throw new Error(`soak: minutes must be a positive number, not "${args[0]}"`)
  const bench = await benchDatabase('soak')
  const { ctx, handle, owner } = bench
  let server: ChildProcess | undefined
  try {
    const { planId } = await importAgreementFile(ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
    const setup = await buildApp(ctx)
    const email = 'bench.soak@example.dk'
    const { user, oneTimePassword } = await createUserWithPassword(ctx, systemAuthority('system'), { email, name: 'Bench soak', role: 'boligsocial', organisation: 'Bench', planIds: [planId] })
    await updateUser(ctx.db, user.id, { must_change_password: false })
    const cookie = await benchSession(setup, ctx, email, oneTimePassword)
    await setup.close()

    let latest = { rssMiB: 0, heapUsedMiB: 0, eventLoopDelayP99Ms: 0 }
    const env = { ...process.env, DATABASE_URL: handle.connectionString, DATA_DIR: bench.config.dataDir, LOG_LEVEL: 'silent', BENCH_STATS_MS: String(SAMPLE_SECONDS * 1000) }
    const started = await startApp(env, (stats) => (latest = stats))
    server = started.child
    const target = new URL(started.address)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
    const today = isoDay(new Date())
    const rnd = seededRandom(7)
    const residents: string[] = []

    let window: number[] = []
    let errors5xx = 0
    let errorsOther = 0
    let inFlight = 0
    const firstErrors: string[] = []
    const request = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      new Promise<{ status: number; text: string }>((resolve) => {
        const t0 = performance.now()
        inFlight++
        const payload = body === undefined ? undefined : JSON.stringify(body)
        const req = http.request(
          { host: target.hostname, port: target.port, path, method, agent, headers: { cookie, origin: target.origin, ...(payload ? { 'content-type': 'application/json' } : {}) } },
          (res) => {
            let text = ''
            res.on('data', (c: Buffer) => (text += c.toString()))
            res.on('end', () => {
              inFlight--
              window.push(performance.now() - t0)
              const status = res.statusCode!
              if (status >= 500) errors5xx++
              else if (status >= 400) errorsOther++
              if (status >= 400 && firstErrors.length < 5) firstErrors.push(`${method} ${path}: ${status} ${text.slice(0, 200)}`)
              resolve({ status, text })
            })
          },
        )
        req.on('error', (error) => {
          inFlight--
          errors5xx++
          if (firstErrors.length < 5) firstErrors.push(`${method} ${path}: ${error.message}`)
          resolve({ status: 0, text: '' })
        })
        req.end(payload)
      })

    const plan = `/api/plans/${planId}`
    const register = async () => {
      const n = residents.length + 1
      const res = await request('POST', `${plan}/participants`, {
        name: `Soak Beboer ${n}`,
        phone: null,
        email: null,
        address: null,
        birthYear: 1960 + (n % 45),
        ageBand: null,
        housingAreaId: null,
        departmentId: null,
        targetGroupCode: null,
        targetGroupOn: null,
        registeredOn: today,
        confirmDuplicates: true,
      })
      if (res.status === 201) residents.push((JSON.parse(res.text) as { id: string }).id)
    }
    const anyResident = () => residents[Math.floor(rnd() * residents.length)]!
    // The mix: mostly reads, as a working day is; one in five requests writes.
    const mix: { weight: number; send: () => Promise<unknown> }[] = [
      { weight: 20, send: () => request('GET', '/api/plans') },
      { weight: 10, send: () => request('GET', '/api/follow-up') },
      { weight: 25, send: () => request('GET', `${plan}/participants`) },
      { weight: 25, send: () => request('GET', `${plan}/participants/${anyResident()}`) },
      { weight: 5, send: register },
      {
        weight: 15,
        send: () =>
          request('POST', `${plan}/participants/${anyResident()}/notes`, {
            category: CONSENT_CATEGORIES[Math.floor(rnd() * CONSENT_CATEGORIES.length)],
            body: 'Samtale om job og uddannelse; aftalt nyt møde.',
            writtenOn: today,
          }),
      },
    ]
    const totalWeight = mix.reduce((n, m) => n + m.weight, 0)
    const pick = () => {
      let r = rnd() * totalWeight
      for (const m of mix) if ((r -= m.weight) < 0) return m
      return mix[0]!
    }
    for (let i = 0; i < 20; i++) await register()
    if (residents.length === 0) throw new Error(`soak: cannot register residents: ${firstErrors.join('; ')}`)

    const samples: Sample[] = []
    const t0 = performance.now()
    const end = t0 + minutes * 60_000
    let sent = 0
    const pending = new Set<Promise<unknown>>()
    let nextSample = t0 + SAMPLE_SECONDS * 1000
    process.stdout.write(`soak: ${minutes} min at ${RATE} requests/s\n`)
    // Open loop: requests leave on the clock, whether or not the ones before have been answered.
    while (performance.now() < end) {
      const due = Math.floor(((performance.now() - t0) / 1000) * RATE)
      while (sent < due) {
        sent++
        const p = pick().send()
        pending.add(p)
        void p.finally(() => pending.delete(p))
      }
      if (performance.now() >= nextSample) {
        nextSample += SAMPLE_SECONDS * 1000
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`.execute(owner)
        const sample: Sample = {
          atSeconds: Math.round((performance.now() - t0) / 1000),
          rssMiB: round(latest.rssMiB),
          heapUsedMiB: round(latest.heapUsedMiB),
          eventLoopDelayP99Ms: round(latest.eventLoopDelayP99Ms),
          dbConnections: rows[0]!.n,
          requests: window.length,
          p99Ms: round(percentile(window, 0.99)),
          errors5xx,
          errorsOther,
        }
        window = []
        samples.push(sample)
        process.stdout.write(`${JSON.stringify({ ...sample, inFlight })}\n`)
      }
      await new Promise((r) => setTimeout(r, 5))
    }
    await Promise.all(pending)
    agent.destroy()

    const settled = samples.filter((s) => s.atSeconds > Math.min(WARMUP_SECONDS, (minutes * 60) / 5))
    const third = Math.max(1, Math.floor(settled.length / 3))
    const first = settled.slice(0, third)
    const last = settled.slice(-third)
    const share = (x: number) => Math.round(x * 1000) / 1000
    // RSS: the thirds' medians. The heap rises and falls with each collection, so its floor (the
    // least used heap sampled in each third) is what a leak would lift.
    const rssGrowth = share(median(last.map((s) => s.rssMiB)) / median(first.map((s) => s.rssMiB)) - 1)
    const heapFloor = (xs: Sample[]) => Math.min(...xs.map((s) => s.heapUsedMiB))
    const heapGrowth = share(heapFloor(last) / heapFloor(first) - 1)
    const allLatencyP99 = median(samples.map((s) => s.p99Ms))
    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverageAtEnd: os.loadavg().map((l) => round(l)) },
      minutes,
      ratePerSecond: RATE,
      requests: sent,
      residentsRegistered: residents.length,
      errors5xx,
      errorsOther,
      firstErrors,
      medianOfP99Ms: allLatencyP99,
      worstP99Ms: Math.max(...samples.map((s) => s.p99Ms)),
      rssMiB: { start: first[0]?.rssMiB, end: last.at(-1)?.rssMiB, firstThirdMedian: median(first.map((s) => s.rssMiB)), lastThirdMedian: median(last.map((s) => s.rssMiB)), growth: rssGrowth },
      heapUsedMiB: { firstThirdFloor: heapFloor(first), lastThirdFloor: heapFloor(last), growth: heapGrowth },
      maxDbConnections: Math.max(...samples.map((s) => s.dbConnections)),
      maxEventLoopDelayP99Ms: Math.max(...samples.map((s) => s.eventLoopDelayP99Ms)),
      samples,
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/soak.json', `${JSON.stringify(result, null, 2)}\n`)
    const { samples: _, ...summary } = result
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    const problems = [
      ...(errors5xx > 0 ? [`${errors5xx} answers were 5xx or failed`] : []),
      ...(rssGrowth > MAX_GROWTH ? [`RSS grew ${Math.round(rssGrowth * 100)} %`] : []),
      ...(heapGrowth > MAX_GROWTH ? [`the heap grew ${Math.round(heapGrowth * 100)} %`] : []),
    ]
    if (problems.length) throw new Error(`soak failed: ${problems.join('; ')}`)
  } finally {
    server?.kill('SIGTERM')
    await bench.close()
  }
}
