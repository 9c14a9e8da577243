// Start-up and idle-memory measurements, written to bench/results/startup.json.
// Baselines are measured in the same run (bare Node, bare PostgreSQL) so results read as ratios: each
// warm restart of Indsats is paired with a bare PostgreSQL start and a bare Node start right before
// it, so that other work on the machine weighs on both sides alike.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { embeddedPaths, ensureCluster, freePort, readPostmaster, startCluster, stopCluster } from '../src/server/db/embedded.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

async function time(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-bench-'))
}

/** Starts the server and resolves when /api/health answers 200; returns the child. */
async function startApp(dataDir: string): Promise<{ ms: number; cpuMs: number; stop: () => Promise<void>; pid: number }> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  const t0 = performance.now()
  const child = spawn(process.execPath, ['bin/start.mjs'], { env, stdio: 'ignore' })
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`)
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('server exited during start-up')
    await new Promise((r) => setTimeout(r, 10))
  }
  const ms = performance.now() - t0
  return {
    ms,
    cpuMs: cpuMsOf(child.pid!),
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** User and system CPU time a process has used so far (/proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
}

/** RSS of the postmaster and its children. Shared buffers count once per process: an upper bound. */
function postgresRssKiB(postmasterPid: number): number {
  const children = execFileSync('pgrep', ['-P', String(postmasterPid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number)
  return [postmasterPid, ...children].reduce((sum, pid) => sum + rssKiB(pid), 0)
}

export async function runStartupBench(): Promise<void> {
  const loadAtStart = os.loadavg()
  // Baseline 1: a bare Node process.
  const nodeRuns: number[] = []
  const bareNode = async () => {
    nodeRuns.push(await time(() => new Promise<void>((r) => spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('exit', () => r()))))
  }

  // Baseline 2: the bare embedded PostgreSQL, initdb and start/stop.
  const pgDir = tmp()
  const paths = embeddedPaths(pgDir)
  const initdbMs = await time(() => ensureCluster(paths))
  const pgStarts: number[] = []
  const barePostgres = async () => {
    pgStarts.push(await time(async () => void (await startCluster(paths))))
    await stopCluster(paths)
  }

  // Indsats: cold first start (initdb + migrations + seed + first admin), then warm restarts, each
  // right after a bare PostgreSQL start and a bare Node start.
  const colds: number[] = []
  const warms: number[] = []
  const warmCpus: number[] = []
  let idle = { nodeKiB: 0, postgresKiB: 0 }
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const dir = tmp()
    const cold = await startApp(dir)
    colds.push(cold.ms)
    await cold.stop()
    for (let j = 0; j < RUNS; j++) {
      await barePostgres()
      await bareNode()
      const warm = await startApp(dir)
      warms.push(warm.ms)
      warmCpus.push(warm.cpuMs)
      if (i === 0 && j === RUNS - 1) {
        await new Promise((r) => setTimeout(r, 3000)) // let start-up garbage settle
        idle = { nodeKiB: rssKiB(warm.pid), postgresKiB: postgresRssKiB(readPostmaster(embeddedPaths(dir))!.pid) }
      }
      await warm.stop()
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  fs.rmSync(pgDir, { recursive: true, force: true })
  const nodeMs = median(nodeRuns)
  const pgStartMs = median(pgStarts)

  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    runs: RUNS,
    loadAverage: { atStart: loadAtStart.map(round), atEnd: os.loadavg().map(round) },
    baselines: { nodeProcessMs: round(nodeMs), postgresInitdbMs: round(initdbMs), postgresStartMs: round(pgStartMs) },
    indsats: {
      coldFirstStartMs: round(median(colds)),
      warmRestartMs: round(median(warms)),
      warmRestartNodeCpuMs: round(median(warmCpus)),
      idleNodeRssMiB: round(idle.nodeKiB / 1024),
      idlePostgresRssMiB: round(idle.postgresKiB / 1024),
    },
    ratios: {
      coldStartVsBarePostgresInitAndStart: round(median(colds) / (initdbMs + pgStartMs)),
      warmRestartVsBarePostgresStart: round(median(warms) / pgStartMs),
      warmRestartVsBarePostgresStartPlusNode: round(median(warms) / (pgStartMs + nodeMs)),
      warmRestartVsBareNode: round(median(warms) / nodeMs),
    },
  }
  fs.mkdirSync('bench/results', { recursive: true })
  fs.writeFileSync('bench/results/startup.json', `${JSON.stringify(result, null, 2)}\n`)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}

export function round(x: number): number {
  return Math.round(x * 10) / 10
}

