import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ImportProblem } from '../../../shared/imports.ts'
import { checkBeforeReading, ImportFileError, type Table } from './read-table.ts'

// Reading an uploaded table off the server's event loop (issue 13): a worker thread reads it with
// readTable, so a large or hostile file neither stalls other users nor takes the process down. The
// thread has a memory limit and a time limit; either ends the thread (never the server) and the user
// gets a Danish message. The Excel reader parks sheet XML in temporary files; each read gets a
// folder of its own as its temporary folder, removed afterwards however the read ended.

export interface ThreadLimits {
  /** How long one read may take. */
  timeoutMs: number
  /** The thread's heap (V8's old generation) in MB. */
  memoryMb: number
}

export const READ_THREAD_LIMITS: ThreadLimits = { timeoutMs: 120_000, memoryMb: 1024 }

/** Reads at a time: the machine has few cores, and each read may use up to `memoryMb`. */
const MAX_PARALLEL_READS = 2

// In the bundled server (bin/build.mjs) the thread is its own bundle beside main.mjs, and this
// module may be in a chunk of dist/server/chunks/, one folder below; from the sources (tests,
// development) it is the TypeScript file, loaded through tsx's loader.
const fromSources = import.meta.url.endsWith('.ts')
const inChunk = /\/chunks\/[^/]+$/.test(new URL(import.meta.url).pathname)
const WORKER: [string | URL, { eval?: boolean }] = fromSources
  ? [`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./read-table.worker.ts', import.meta.url).href)}) })`, { eval: true }]
  : [new URL(inChunk ? '../read-table-worker.mjs' : './read-table-worker.mjs', import.meta.url), {}]

const whole = (message: string): ImportProblem[] => [{ row: 0, column: null, sheet: null, message }]

let running = 0
const waiting: (() => void)[] = []

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL_READS) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  return () => {
    running--
    waiting.shift()?.()
  }
}

type Answer = { ok: true; table: Table } | { ok: false; problems: ImportProblem[]; logDetail: string | null } | { ok: false; unexpected: string }

/** The table in `bytes`, read in a worker thread within `limits`. Throws ImportFileError as readTable does. */
export async function readTableInThread(bytes: Buffer, fileName: string, limits: ThreadLimits = READ_THREAD_LIMITS): Promise<Table> {
  // A file refused by its size, kind or zip directory is refused at once, without a thread.
  checkBeforeReading(bytes, fileName)
  const release = await slot()
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'indsats-read-'))
  let worker: Worker | undefined
  try {
    worker = new Worker(WORKER[0], {
      ...WORKER[1],
      workerData: { bytes, fileName },
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 64 },
    })
    const thread = worker
    const answer = await new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new ImportFileError(
            whole(`Filen tog for lang tid at læse (over ${Math.round(limits.timeoutMs / 1000)} sekunder), så Indsats stoppede. Del filen op, eller gem den som .csv, og prøv igen.`),
            `table read timed out after ${limits.timeoutMs} ms`,
          ),
        )
      }, limits.timeoutMs)
      thread.once('message', (message: Answer) => {
        clearTimeout(timer)
        resolve(message)
      })
      thread.once('error', (error: Error & { code?: string }) => {
        clearTimeout(timer)
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(
            new ImportFileError(
              whole('Filen fylder for meget, når den pakkes ud og læses, til at Indsats kan læse den. Gem kun de ark, der skal indlæses, eller del filen op, og prøv igen.'),
              `table read ran out of memory (${limits.memoryMb} MB)`,
              error,
            ),
          )
        } else reject(error)
      })
      thread.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`the table reading thread stopped (exit code ${code}) without an answer`))
      })
    })
    if (answer.ok) return answer.table
    if ('unexpected' in answer) throw new Error(`reading the table failed: ${answer.unexpected}`)
    throw new ImportFileError(answer.problems, answer.logDetail ?? undefined)
  } finally {
    await worker?.terminate()
    await fs.rm(tmp, { recursive: true, force: true })
    release()
  }
}
