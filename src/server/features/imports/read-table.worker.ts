import { parentPort, workerData } from 'node:worker_threads'
import { ImportFileError, readTable } from './read-table.ts'

// The thread an uploaded table is read in (read-table-thread.ts): whatever the file makes the reader
// do, it does it here, under this thread's memory limit, while the server goes on answering.

const { bytes, fileName, expectedHeaders } = workerData as { bytes: Uint8Array; fileName: string; expectedHeaders?: string[] }
try {
  const table = await readTable(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, { expectedHeaders: expectedHeaders ?? [] })
  parentPort!.postMessage({ ok: true, table })
} catch (error) {
  if (error instanceof ImportFileError) {
    parentPort!.postMessage({ ok: false, problems: error.problems, logDetail: error.options.logDetail ?? null })
  } else {
    parentPort!.postMessage({ ok: false, unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  }
}
