// npm run bench -- attacks: issue 13's three availability attacks against the code before the fixes
// (the main checkout, MAIN_DIR, default /work/main; skipped when it is missing) and after (this
// checkout), each side in a process of its own (attacks-child.ts): the time the attack took, the
// process's peak resident memory (VmHWM), and the slowest answer of /health, asked every 50 ms while
// the attack ran. The "before" side is stopped at CAP_SECONDS or CAP_RSS_MB, whichever comes first,
// so a run cannot take the machine down; such a side is reported as stopped.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { zipBomb } from '../tests/support/zip-bomb.ts'

const CAP_SECONDS = Number(process.env.CAP_SECONDS ?? 90)
const CAP_RSS_MB = Number(process.env.CAP_RSS_MB ?? 2048)
const here = import.meta.dirname

interface Side {
  ms: number
  peakRssMb: number
  healthMaxMs: number
  healthChecks: number
  outcome: string
}

function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : 0
  } catch {
    return 0
  }
}

async function runSide(scenario: string, side: 'before' | 'after', file: string): Promise<Side> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'attacks-child.ts'), scenario, side], {
    env: { ...process.env, ATTACK_FILE: file, NODE_OPTIONS: '--max-old-space-size=4096' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())))
    child.once('exit', () => reject(new Error(`child ended: ${stderr.slice(0, 500)}`)))
  })
  const pid = child.pid!
  const baseRss = procStatus(pid, 'VmRSS')
  let peak = baseRss
  let healthMax = 0
  let checks = 0
  let done = false
  const started = performance.now()
  const attack = fetch(`http://127.0.0.1:${port}/attack`, { method: 'POST' })
    .then(async (r) => (await r.json()) as { ok: boolean; result: string; ms: number })
    .catch((e: unknown) => ({ ok: false, result: `stopped (${e instanceof Error ? e.message : String(e)})`, ms: performance.now() - started }))
    .finally(() => (done = true))
  let stopped: string | null = null
  const health = (async () => {
    while (!done) {
      const asked = performance.now()
      const answered = fetch(`http://127.0.0.1:${port}/health`).then(() => performance.now() - asked).catch(() => performance.now() - asked)
      // Wait for the answer, but keep watching memory and the cap meanwhile.
      let latency: number | null = null
      void answered.then((ms) => (latency = ms))
      while (latency === null && !done) {
        peak = Math.max(peak, procStatus(pid, 'VmHWM'), procStatus(pid, 'VmRSS'))
        const elapsed = (performance.now() - started) / 1000
        if (!stopped && (elapsed > CAP_SECONDS || peak > CAP_RSS_MB)) {
          stopped = elapsed > CAP_SECONDS ? `stopped at the ${CAP_SECONDS} s cap` : `stopped at the ${CAP_RSS_MB} MB cap`
          healthMax = Math.max(healthMax, performance.now() - asked)
          child.kill('SIGKILL')
        }
        await new Promise((r) => setTimeout(r, 25))
      }
      // A question still open when the attack ended counts too: it waited for the attack.
      if (latency === null && !stopped) latency = await answered
      if (latency !== null) {
        healthMax = Math.max(healthMax, latency)
        checks++
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  })()
  const result = await attack
  await health
  peak = Math.max(peak, procStatus(pid, 'VmHWM'))
  child.kill('SIGKILL')
  const ms = stopped ? performance.now() - started : result.ms
  return {
    ms: Math.round(ms),
    peakRssMb: Math.round(peak),
    healthMaxMs: Math.round(healthMax),
    healthChecks: checks,
    outcome: stopped ?? `${result.ok ? 'finished' : 'refused'}: ${result.result}`,
  }
}

export async function runAttacksBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-attacks-'))
  const mainDir = process.env.MAIN_DIR ?? '/work/main'
  const haveMain = fs.existsSync(path.join(mainDir, 'src/server/features/imports/read-table.ts'))
  try {
    const bombFile = path.join(dir, 'bombe.xlsx')
    const bombMb = Number(process.env.BOMB_MB ?? 780)
    fs.writeFileSync(bombFile, zipBomb(bombMb))
    const csvFile = path.join(dir, 'stor.csv')
    const lines = ['Dato;Kode;Betegnelse;Afdeling;Antal']
    for (let i = 0; i < 1_000_000; i++) lines.push(`01.01.2021;6.1;Målgruppe 6.1;${i};${i % 40}`)
    fs.writeFileSync(csvFile, lines.join('\n'))
    const wordFile = path.join(dir, 'ord.txt')
    fs.writeFileSync(wordFile, 'A'.repeat(40_000))
    const scenarios: [string, string, string][] = [
      ['zip-bomb', bombFile, `.xlsx of ${(fs.statSync(bombFile).size / 1e6).toFixed(1)} MB unpacking to ${bombMb} MB`],
      ['csv-1m', csvFile, `CSV of 1 000 000 rows, ${(fs.statSync(csvFile).size / 1e6).toFixed(1)} MB`],
      ['pdf-word', wordFile, 'agreement PDF with a 40 000-character word in the board decision'],
    ]
    const results: Record<string, unknown> = {}
    for (const [name, file, what] of scenarios) {
      const before = haveMain ? await runSide(name, 'before', file) : null
      const after = await runSide(name, 'after', file)
      results[name] = { what, before, after }
      process.stdout.write(`${name} (${what})\n  before: ${JSON.stringify(before)}\n  after:  ${JSON.stringify(after)}\n`)
    }
    // A run without the main checkout's "before" side keeps the earlier run's figures beside its own,
    // so the file still says what the attacks did before the fixes and what they do now.
    const resultsFile = path.join(here, 'results/attacks.json')
    const previous = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { measuredAt: string; results: unknown; earlier?: unknown }) : null
    const earlier = haveMain || !previous ? undefined : (previous.earlier ?? { measuredAt: previous.measuredAt, results: previous.results })
    const out = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model.split(' ').slice(0, 2).join(' '), memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      caps: { seconds: CAP_SECONDS, rssMb: CAP_RSS_MB },
      note: 'before = the main checkout before issue 13 (findings 1-3), after = this checkout; each side in its own process; healthMaxMs = slowest /health answer while the attack ran (asked every 50 ms)',
      results,
      ...(earlier ? { earlier } : {}),
    }
    fs.mkdirSync(path.join(here, 'results'), { recursive: true })
    fs.writeFileSync(resultsFile, `${JSON.stringify(out, null, 2)}\n`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
