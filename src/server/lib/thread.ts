import { Worker } from 'node:worker_threads'

// Work that a user's input can make arbitrarily heavy (reading an uploaded table, drawing a PDF) runs
// in a worker thread with a memory limit and a time limit: either ends the thread, never the server,
// and the caller turns it into a Danish message. Threads of one kind run a few at a time.

export interface ThreadLimits {
  /** How long one run may take. */
  timeoutMs: number
  /** The thread's heap (V8's old generation) in MB. */
  memoryMb: number
}

/** Where a worker's code is: its TypeScript source, and the name of its bundle beside dist/server/main.mjs. */
export interface ThreadEntry {
  source: URL
  bundle: string
  /** Runs of this kind at a time: the machine has few cores, and each run may use up to its memoryMb. */
  parallel: number
}

// In the bundled server (bin/build.mjs) each worker is its own bundle beside main.mjs, and this
// module may be in a chunk of dist/server/chunks/, one folder below; from the sources (tests,
// development) the worker is the TypeScript file, loaded through tsx's loader.
const fromSources = import.meta.url.endsWith('.ts')
const inChunk = /\/chunks\/[^/]+$/.test(new URL(import.meta.url).pathname)

function workerOf(entry: ThreadEntry): [string | URL, { eval?: boolean }] {
  if (fromSources) return [`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.source.href)}) })`, { eval: true }]
  return [new URL(inChunk ? `../${entry.bundle}.mjs` : `./${entry.bundle}.mjs`, import.meta.url), {}]
}

const slots = new Map<string, { running: number; waiting: (() => void)[] }>()

async function slot(entry: ThreadEntry): Promise<() => void> {
  let s = slots.get(entry.bundle)
  if (!s) slots.set(entry.bundle, (s = { running: 0, waiting: [] }))
  const state = s
  if (state.running >= entry.parallel) await new Promise<void>((resolve) => state.waiting.push(resolve))
  state.running++
  return () => {
    state.running--
    state.waiting.shift()?.()
  }
}

export interface ThreadRun {
  data: unknown
  limits: ThreadLimits
  env?: NodeJS.ProcessEnv
  /** The error to throw when the run takes longer than limits.timeoutMs. */
  onTimeout: () => Error
  /** The error to throw when the thread runs out of its memory. */
  onOutOfMemory: (cause: Error) => Error
}

/** Runs `entry` with `run.data` as its workerData and returns the first message it posts. */
export async function runInThread<Answer>(entry: ThreadEntry, run: ThreadRun): Promise<Answer> {
  const release = await slot(entry)
  let worker: Worker | undefined
  try {
    const [code, options] = workerOf(entry)
    worker = new Worker(code, {
      ...options,
      workerData: run.data,
      ...(run.env ? { env: run.env } : {}),
      resourceLimits: { maxOldGenerationSizeMb: run.limits.memoryMb, maxYoungGenerationSizeMb: 64 },
    })
    const thread = worker
    return await new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => reject(run.onTimeout()), run.limits.timeoutMs)
      thread.once('message', (message: Answer) => {
        clearTimeout(timer)
        resolve(message)
      })
      thread.once('error', (error: Error & { code?: string }) => {
        clearTimeout(timer)
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? run.onOutOfMemory(error) : error)
      })
      thread.once('exit', (exitCode) => {
        clearTimeout(timer)
        reject(new Error(`the ${entry.bundle} thread stopped (exit code ${exitCode}) without an answer`))
      })
    })
  } finally {
    await worker?.terminate()
    release()
  }
}
