import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, isAlive } from '../../src/server/db/embedded.ts'

// Runs the real server and CLI as separate processes, on the embedded database, as an operator would.

export interface Running {
  child: ChildProcess
  port: number
  output: () => string
  exited: Promise<number | null>
}

const made: string[] = []

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-proc-'))
  made.push(dir)
  return dir
}

/** Removes every folder tempDataDir() made (call after the processes using them have stopped). */
export function removeTempDataDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

function env(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra }
  delete e.DATABASE_URL
  delete e.EMBEDDED_PG_PORT
  return e
}

/** Spawns the server; resolves once it prints its address, or with its output when it exits first. */
export async function startServer(dataDir: string, extra: Record<string, string> = {}): Promise<Running & { started: boolean }> {
  const port = extra.PORT ? Number(extra.PORT) : await freePort()
  const child = spawn(process.execPath, ['bin/start.mjs'], {
    env: env(dataDir, { PORT: String(port), ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const started = await Promise.race([
    new Promise<boolean>((resolve) => {
      const check = () => (output.includes('Indsats kører på') ? resolve(true) : setTimeout(check, 50))
      check()
    }),
    exited.then(() => false),
    new Promise<boolean>((_, reject) => setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 45_000)),
  ])
  return { child, port, output: () => output, exited, started }
}

export async function runCli(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/indsats.mjs', ...args], { env: env(dataDir, {}), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { code, stdout, stderr }
}

export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    return undefined
  }
}

export function alive(pid: number | undefined): boolean {
  return pid !== undefined && isAlive(pid)
}

export async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

export async function stop(running: Running): Promise<number | null> {
  if (running.child.exitCode === null) running.child.kill('SIGTERM')
  return running.exited
}
