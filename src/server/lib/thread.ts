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
  /**
   * Keep a thread that answered for the next run, rather than starting one (and loading its
   * libraries) every time. Such a worker takes each run's data as a message, not as workerData, and
   * answers each with one message. A thread that overran its budget is never kept.
   */
  reuse?: boolean
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

/** Idle threads kept for reuse, by bundle and memory limit. */
const idle = new Map<string, Worker[]>()

/** Runs `entry` with `run.data` (as workerData, or as a message to a reused thread) and returns its answer. */
export async function runInThread<Answer>(entry: ThreadEntry, run: ThreadRun): Promise<Answer> {
  const release = await slot(entry)
  const pool = `${entry.bundle}|${run.limits.memoryMb}`
  let worker: Worker | undefined
  let keep = false
  try {
    worker = entry.reuse ? idle.get(pool)?.pop() : undefined
    if (worker) worker.ref()
    else {
      const [code, options] = workerOf(entry)
      worker = new Worker(code, {
        ...options,
        ...(entry.reuse ? {} : { workerData: run.data }),
        ...(run.env ? { env: run.env } : {}),
        resourceLimits: { maxOldGenerationSizeMb: run.limits.memoryMb, maxYoungGenerationSizeMb: 64 },
      })
      if (entry.reuse) {
        // A kept thread that dies while idle is forgotten, so no run is ever posted to it.
        const created = worker
        created.once('exit', () => {
          const list = idle.get(pool)
          if (list?.includes(created)) list.splice(list.indexOf(created), 1)
        })
      }
    }
    const thread = worker
    const answer = await new Promise<Answer>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        thread.off('message', onMessage).off('error', onError).off('exit', onExit)
      }
      const onMessage = (message: Answer) => {
        done()
        resolve(message)
      }
      const onError = (error: Error & { code?: string }) => {
        done()
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? run.onOutOfMemory(error) : error)
      }
      const onExit = (exitCode: number) => {
        done()
        reject(new Error(`the ${entry.bundle} thread stopped (exit code ${exitCode}) without an answer`))
      }
      const timer = setTimeout(() => {
        done()
        reject(run.onTimeout())
      }, run.limits.timeoutMs)
      thread.on('message', onMessage).on('error', onError).on('exit', onExit)
      if (entry.reuse) thread.postMessage(run.data)
    })
    keep = entry.reuse === true
    return answer
  } finally {
    if (worker && keep) {
      // An idle thread must not keep the process alive.
      worker.unref()
      const kept = idle.get(pool) ?? []
      if (kept.length < entry.parallel) {
        kept.push(worker)
        idle.set(pool, kept)
      } else await worker.terminate()
    } else await worker?.terminate()
    release()
  }
}
