import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ImportProblem } from '../../../shared/imports.ts'
import { runInThread, type ThreadEntry, type ThreadLimits } from '../../lib/thread.ts'
import { checkBeforeReading, ImportFileError, type Table } from './read-table.ts'

// Reading an uploaded table off the server's event loop: a worker thread (lib/thread.ts) reads it with
// readTable, so a large or hostile file neither stalls other users nor takes the process down. The
// thread has a memory limit and a time limit; either ends the thread (never the server) and the user
// gets a Danish message. The Excel reader parks sheet XML in temporary files; each read gets a
// folder of its own as its temporary folder, removed afterwards however the read ended.

export const READ_THREAD_LIMITS: ThreadLimits = { timeoutMs: 120_000, memoryMb: 1024 }

const READ_TABLE: ThreadEntry = { source: new URL('./read-table.worker.ts', import.meta.url), bundle: 'read-table-worker', parallel: 2 }

const whole = (message: string): ImportProblem[] => [{ row: 0, column: null, sheet: null, message }]

type Answer = { ok: true; table: Table } | { ok: false; problems: ImportProblem[]; logDetail: string | null } | { ok: false; unexpected: string }

/** The table in `bytes`, read in a worker thread within `limits`. Throws ImportFileError as readTable does. */
export async function readTableInThread(
  bytes: Buffer,
  fileName: string,
  limits: ThreadLimits = READ_THREAD_LIMITS,
  /** The import kind's column names, which settle a CSV that splits equally well on two delimiters. */
  expectedHeaders: readonly string[] = [],
): Promise<Table> {
  // A file refused by its size, kind or zip directory is refused at once, without a thread.
  await checkBeforeReading(bytes, fileName)
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'indsats-read-'))
  try {
    const answer = await runInThread<Answer>(READ_TABLE, {
      data: { bytes, fileName, expectedHeaders: [...expectedHeaders] },
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
      limits,
      onTimeout: () =>
        new ImportFileError(
          whole(`Filen tog for lang tid at læse (over ${Math.round(limits.timeoutMs / 1000)} sekunder), så Indsats stoppede. Del filen op, eller gem den som .csv, og prøv igen.`),
          `table read timed out after ${limits.timeoutMs} ms`,
        ),
      onOutOfMemory: (cause) =>
        new ImportFileError(
          whole('Filen fylder for meget, når den pakkes ud og læses, til at Indsats kan læse den. Gem kun de ark, der skal indlæses, eller del filen op, og prøv igen.'),
          `table read ran out of memory (${limits.memoryMb} MB)`,
          cause,
        ),
    })
    if (answer.ok) return answer.table
    if ('unexpected' in answer) throw new Error(`reading the table failed: ${answer.unexpected}`)
    throw new ImportFileError(answer.problems, answer.logDetail ?? undefined)
  } finally {
    await fs.rm(tmp, { recursive: true, force: true })
  }
}
