// Requests per second on GET /api/plans (a signed-in project worker with one plan) at 32 connections,
// against a baseline measured interleaved in the same run: a minimal Fastify route that runs one pg
// select of the same rows on the same database. Also the same app with SESSION_CACHE_SECONDS=0
// (decision 037), and for each the CPU a request costs its Node process and PostgreSQL. Each server
// runs in its own process; the load comes from this one. Written to bench/results/api.json.
// BENCH_PROFILE=1 adds a CPU profile summary; BENCH_PROFILE=<folder> keeps the profiles there.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/server/app.ts'
import { embeddedPaths, readPostmaster } from '../src/server/db/embedded.ts'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { updateUser } from '../src/server/features/users/users.repo.ts'
import { createUserWithPassword } from '../src/server/features/users/users.service.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import { cpuNsBetween, readCpu, withChildren } from './lib/cpu.ts'
import { benchDatabase } from './lib/database.ts'
import { load, type LoadResult } from './lib/load.ts'
import { summariseProfile } from './lib/profile-summary.ts'
import { median } from './startup.ts'
import { benchSession } from './lib/sign-in.ts'

const PAIRS = Number(process.env.BENCH_PAIRS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const CONNECTIONS = 32

type CostedRun = LoadResult & { nodeCpuUsPerRequest: number; pgCpuUsPerRequest: number }

function startServer(mode: 'app' | 'baseline', env: NodeJS.ProcessEnv, profileDir?: string): Promise<{ child: ChildProcess; address: string }> {
  return new Promise((resolve, reject) => {
    const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/api-server.ts', mode], { env, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n')[0]
      if (out.includes('\n')) resolve({ child, address: line!.trim() })
    })
    child.on('exit', (code) => reject(new Error(`${mode} server exited (${code})`)))
  })
}

export async function runApiBench(): Promise<void> {
  const bench = await benchDatabase('api')
  const { ctx, handle } = bench
  const dataDir = bench.config.dataDir
  const servers: ChildProcess[] = []
  try {
    const { planId } = await importAgreementFile(ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
    const app = await buildApp(ctx)
    const email = 'bench.api@example.dk'
    const { user, oneTimePassword } = await createUserWithPassword(ctx, systemAuthority('system'), { email, name: 'Bench API', role: 'boligsocial', organisation: 'Bench', planIds: [planId] })
    await updateUser(ctx.db, user.id, { must_change_password: false })
    const cookieHeader = await benchSession(app, ctx, email, oneTimePassword)
    await app.close()

    const env = { ...process.env, DATABASE_URL: handle.connectionString, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
    const indsats = await startServer('app', env)
    // The same app reading the session on every request (decision 037): what the memory saves.
    const uncached = await startServer('app', { ...env, SESSION_CACHE_SECONDS: '0' })
    const baseline = await startServer('baseline', env)
    servers.push(indsats.child, uncached.child, baseline.child)
    const appUrl = `${indsats.address}/api/plans`
    const uncachedUrl = `${uncached.address}/api/plans`
    const baseUrl = `${baseline.address}/baseline/plans?ids=${planId}`
    const headers = { cookie: cookieHeader }

    // Same output: the app's answer and the baseline's are the same JSON.
    const [a, b] = await Promise.all([fetch(appUrl, { headers }).then((r) => r.text()), fetch(baseUrl).then((r) => r.text())])
    if (a !== b) throw new Error(`app and baseline differ:\n${a}\n${b}`)

    await load(appUrl, { connections: CONNECTIONS, seconds: 1, headers }) // warm-up
    await load(uncachedUrl, { connections: CONNECTIONS, seconds: 1, headers })
    await load(baseUrl, { connections: CONNECTIONS, seconds: 1 })
    // The CPU a request costs its Node process and PostgreSQL (every backend of the bench's own
    // cluster), read from /proc around each run: unlike requests per second, it barely moves with the
    // load others put on the machine.
    const postmaster = readPostmaster(embeddedPaths(dataDir))!.pid
    const measured = async (server: ChildProcess, url: string, options: { headers?: Record<string, string> }): Promise<CostedRun> => {
      const pg0 = readCpu(withChildren(postmaster))
      const node0 = readCpu([server.pid!])
      const run = await load(url, { connections: CONNECTIONS, seconds: SECONDS, ...options })
      const nodeMs = cpuNsBetween(node0, readCpu([server.pid!])) / 1e6
      const pgMs = cpuNsBetween(pg0, readCpu(withChildren(postmaster))) / 1e6
      return { ...run, nodeCpuUsPerRequest: (nodeMs * 1000) / run.requests, pgCpuUsPerRequest: (pgMs * 1000) / run.requests }
    }
    const appRuns: CostedRun[] = []
    const baseRuns: CostedRun[] = []
    const uncachedRuns: CostedRun[] = []
    for (let i = 0; i < PAIRS; i++) {
      appRuns.push(await measured(indsats.child, appUrl, { headers }))
      uncachedRuns.push(await measured(uncached.child, uncachedUrl, { headers }))
      baseRuns.push(await measured(baseline.child, baseUrl, {}))
    }
    const summary = (runs: CostedRun[]) => ({
      perSecond: median(runs.map((r) => r.perSecond)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
      runs: runs.map((r) => r.perSecond),
      nodeCpuUsPerRequest: Math.round(median(runs.map((r) => r.nodeCpuUsPerRequest))),
      pgCpuUsPerRequest: Math.round(median(runs.map((r) => r.pgCpuUsPerRequest))),
    })
    const app_ = summary(appRuns)
    const base = summary(baseRuns)
    const noCache = summary(uncachedRuns)
    const cpuOf = (x: typeof base) => x.nodeCpuUsPerRequest + x.pgCpuUsPerRequest
    // Where the app's time goes: a CPU profile of a separate app process under the same load.
    let profile: Record<string, Record<string, number>> | undefined
    if (process.env.BENCH_PROFILE) {
      // BENCH_PROFILE=<folder> keeps the .cpuprofile files there (open them in Chrome's DevTools).
      const keep = process.env.BENCH_PROFILE !== '1'
      const dir = keep ? path.resolve(process.env.BENCH_PROFILE) : fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-bench-profile-'))
      fs.mkdirSync(dir, { recursive: true })
      const profiled = { app: await startServer('app', env, dir), baseline: await startServer('baseline', env, dir) }
      await load(`${profiled.app.address}/api/plans`, { connections: CONNECTIONS, seconds: SECONDS, headers })
      await load(`${profiled.baseline.address}/baseline/plans?ids=${planId}`, { connections: CONNECTIONS, seconds: SECONDS })
      const exited = (c: ChildProcess) => new Promise((r) => c.on('exit', r))
      profiled.app.child.kill('SIGTERM')
      profiled.baseline.child.kill('SIGTERM')
      await Promise.all([exited(profiled.app.child), exited(profiled.baseline.child)])
      const files = fs.readdirSync(dir).map((f) => path.join(dir, f))
      const byPid = (child: ChildProcess) => files.find((f) => f.includes(`.${child.pid}.`))!
      profile = { app: summariseProfile(byPid(profiled.app.child)), baseline: summariseProfile(byPid(profiled.baseline.child)) }
      if (!keep) fs.rmSync(dir, { recursive: true, force: true })
    }

    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      connections: CONNECTIONS,
      secondsPerRun: SECONDS,
      pairs: PAIRS,
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
      plansGet: {
        indsats: app_,
        baselineOnePgSelect: base,
        ratio: Math.round((app_.perSecond / base.perSecond) * 100) / 100,
        // Throughput on a saturated machine is inversely proportional to CPU per request: this ratio
        // is what the request-rate ratio would be if the machine were given only to the bench.
        cpuRatio: Math.round((cpuOf(base) / cpuOf(app_)) * 100) / 100,
      },
      plansGetWithoutSessionCache: {
        indsats: noCache,
        ratio: Math.round((noCache.perSecond / base.perSecond) * 100) / 100,
        cpuRatio: Math.round((cpuOf(base) / cpuOf(noCache)) * 100) / 100,
      },
      cpuProfileSelfTimePercent: profile,
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/api.json', `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    for (const s of servers) s.kill('SIGTERM')
    await bench.close()
  }
}
