import { AppError } from './errors.ts'
import { runInThread, type ThreadEntry, type ThreadLimits } from './thread.ts'

// Every PDF Indsats draws for a request is drawn in a worker thread (src/server/pdf.worker.ts) with a
// time and a memory budget: a document that would take pdfmake minutes or gigabytes (a text pasted
// in by mistake, a resident's copy with years of notes) ends the thread, never the server, and the
// user is told in Danish to take the Word version or shorten the text. Long words are already broken
// for layout (lib/pdf.ts); the budget is for whatever else a document's size can do.

export type PdfKind = 'agreement' | 'status-report' | 'participant-export'

export const PDF_THREAD_LIMITS: ThreadLimits = { timeoutMs: 60_000, memoryMb: 512 }

const PDF: ThreadEntry = { source: new URL('../pdf.worker.ts', import.meta.url), bundle: 'pdf-worker', parallel: 2, reuse: true }

const TOO_LARGE = 'Dokumentet er for stort til at blive lavet som PDF. Hent det som Word i stedet, eller gør de længste tekster kortere, og prøv igen.'

type Answer = { ok: true; pdf: Uint8Array } | { ok: false; unexpected: string }

/** The PDF of `model`, drawn by the renderer of `kind` in a worker thread within `limits`. */
export async function renderPdfInThread(kind: PdfKind, model: unknown, limits: ThreadLimits = PDF_THREAD_LIMITS): Promise<Buffer> {
  const answer = await runInThread<Answer>(PDF, {
    data: { kind, model },
    limits,
    onTimeout: () => new AppError('document_too_large', TOO_LARGE, { logDetail: `${kind} PDF took longer than ${limits.timeoutMs} ms` }),
    onOutOfMemory: (cause) => new AppError('document_too_large', TOO_LARGE, { logDetail: `${kind} PDF ran out of memory (${limits.memoryMb} MB)`, cause }),
  })
  if (!answer.ok) throw new Error(`drawing the ${kind} PDF failed: ${answer.unexpected}`)
  return Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength)
}
