// Requests per second on GET /api/plans (a signed-in project worker with one plan) at 32 connections,
// against a baseline measured interleaved in the same run: a minimal Fastify route that runs one pg
// select of the same rows on the same database. Each server runs in its own process; the load comes
// from this one. Written to bench/results/api.json.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/server/app.ts'
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
import { load, type LoadResult } from './lib/load.ts'
import { summariseProfile } from './lib/profile-summary.ts'
import { median } from './startup.ts'
import { benchSession } from './lib/sign-in.ts'

const PAIRS = Number(process.env.BENCH_PAIRS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const CONNECTIONS = 32

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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-bench-api-'))
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', EMBEDDED_PG_PORT: '', LOG_LEVEL: 'silent' })
  const handle = await openDatabase(config, { purpose: 'server' })
  const owner = createDb(handle.connectionString, { role: 'owner', max: 1 })
  await migrateToLatest(owner)
  const db = createDb(handle.connectionString, { role: 'app' })
  const ctx: AppContext = { db, config, log: createLogger('silent'), now: () => new Date() }
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
    const baseline = await startServer('baseline', env)
    servers.push(indsats.child, baseline.child)
    const appUrl = `${indsats.address}/api/plans`
    const baseUrl = `${baseline.address}/baseline/plans?ids=${planId}`
    const headers = { cookie: cookieHeader }

    // Same output: the app's answer and the baseline's are the same JSON.
    const [a, b] = await Promise.all([fetch(appUrl, { headers }).then((r) => r.text()), fetch(baseUrl).then((r) => r.text())])
    if (a !== b) throw new Error(`app and baseline differ:\n${a}\n${b}`)

    await load(appUrl, { connections: CONNECTIONS, seconds: 1, headers }) // warm-up
    await load(baseUrl, { connections: CONNECTIONS, seconds: 1 })
    const appRuns: LoadResult[] = []
    const baseRuns: LoadResult[] = []
    for (let i = 0; i < PAIRS; i++) {
      appRuns.push(await load(appUrl, { connections: CONNECTIONS, seconds: SECONDS, headers }))
      baseRuns.push(await load(baseUrl, { connections: CONNECTIONS, seconds: SECONDS }))
    }
    const summary = (runs: LoadResult[]) => ({
      perSecond: median(runs.map((r) => r.perSecond)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
      runs: runs.map((r) => r.perSecond),
    })
    const app_ = summary(appRuns)
    const base = summary(baseRuns)
    // Where the app's time goes: a CPU profile of a separate app process under the same load.
    let profile: Record<string, Record<string, number>> | undefined
    if (process.env.BENCH_PROFILE) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-bench-profile-'))
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
      fs.rmSync(dir, { recursive: true, force: true })
    }

    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      connections: CONNECTIONS,
      secondsPerRun: SECONDS,
      pairs: PAIRS,
      plansGet: { indsats: app_, baselineOnePgSelect: base, ratio: Math.round((app_.perSecond / base.perSecond) * 100) / 100 },
      cpuProfileSelfTimePercent: profile,
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/api.json', `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    for (const s of servers) s.kill('SIGTERM')
    await db.destroy()
    await owner.destroy()
    await handle.release()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
