import type { PeriodKey } from '../../../../shared/indicators.ts'
import { AppError } from '../../../lib/errors.ts'

// What the comparison-figure adapters (statbank.ts, jobindsats.ts) share: the row they hand on, and
// one HTTP call with a time limit whose failures become AppErrors with Danish messages.
//
// The adapters never reach for the global fetch: the caller injects one. The app passes the real
// fetch; tests replay responses recorded in tests/fixtures/sources/ and fail on any other request.

/** The name users know each source by; it appears in messages ("Danmarks Statistik svarer ikke lige nu"). */
export type SourceName = 'Danmarks Statistik' | 'Jobindsats'

/** One figure from a source: one period, with the source's labels for everything else it was cut by. */
export interface SourceRow {
  period: PeriodKey
  /**
   * The figure as the source gives it, in the source's unit; null when the source publishes no figure
   * for the cell (".." or an empty cell: discretion for small numbers, or not yet published).
   */
  value: number | null
  /** Label per variable other than time, as the source prints it: { OMRÅDE: 'Sønderborg', KØN: 'I alt' }. */
  labels: Record<string, string>
  /** The codes behind the labels, where the source has codes (StatBank does: { OMRÅDE: '540' }). */
  codes: Record<string, string>
}

export interface SourceResult {
  rows: SourceRow[]
  source: {
    name: SourceName
    table: string
    /** The address asked (without the API key), so a value can be traced back to its request. */
    url: string
    /** When the answer arrived, ISO 8601. */
    fetchedAt: string
  }
}

export interface SourceDeps {
  fetch: typeof fetch
  baseUrl?: string
  /** How long to wait for the whole answer (default 15 000 ms). */
  timeoutMs?: number
  /** The clock, for `fetchedAt` and for reading a Retry-After date. */
  now?: () => Date
}

export const DEFAULT_TIMEOUT_MS = 15_000

export interface SourceResponse {
  status: number
  headers: Headers
  /** The body as text: parsed by the adapter, so a malformed body can be reported rather than thrown. */
  text: string
}

/**
 * One request to a source, with the time limit covering both the response and its body. Network
 * failures and timeouts become AppError('source_unavailable', a 502) with a Danish message naming the source; the
 * HTTP status is left to the adapter, which knows what its source means by it.
 */
export async function callSource(name: SourceName, url: string, init: RequestInit, deps: SourceDeps): Promise<SourceResponse> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const signal = AbortSignal.timeout(timeoutMs)
  // Race against the signal ourselves as well: a fetch that ignores its signal (or a body that never
  // ends) must not hang an import. The listener is removed when the call settles either way.
  let onAbort: () => void = () => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    const response = await Promise.race([deps.fetch(url, { ...init, signal }), aborted])
    const text = await Promise.race([response.text(), aborted])
    return { status: response.status, headers: response.headers, text }
  } catch (error) {
    if (signal.aborted) {
      throw new AppError('source_unavailable', `${name} svarede ikke inden for ${secondsText(timeoutMs)}. Prøv igen om lidt.`, {
        logDetail: `${name}: no answer from ${url} within ${timeoutMs} ms`,
        cause: error,
      })
    }
    throw new AppError('source_unavailable', `${name} svarer ikke lige nu. Prøv igen om lidt.`, {
      logDetail: `${name}: request to ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    })
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

const secondsText = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} sekunder` : `${ms} millisekunder`)

/** The body as JSON, or AppError('internal') saying the answer could not be read. A UTF-8 BOM is skipped. */
export function parseJsonBody(name: SourceName, response: SourceResponse, url: string): unknown {
  const text = response.text.replace(/^\uFEFF/, '')
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new AppError('internal', `Svaret fra ${name} kunne ikke læses. Prøv igen senere, og kontakt en administrator, hvis det bliver ved.`, {
      logDetail: `${name}: HTTP ${response.status} from ${url} is not JSON (${text.length} characters): ${JSON.stringify(text.slice(0, 200))}`,
      cause: error,
    })
  }
}

/** The answer had a shape the adapter does not know: the source changed, or we misread its documentation. */
export function unexpectedFormat(name: SourceName, url: string, detail: string): AppError {
  return new AppError('internal', `Svaret fra ${name} havde et uventet format. Kontakt en administrator.`, {
    logDetail: `${name}: unexpected answer from ${url}: ${detail}`,
  })
}

/**
 * "Prøv igen om 2 minutter" from a Retry-After header (seconds or an HTTP date), or "Prøv igen om lidt"
 * when there is none. Rounded up to whole minutes above a minute: nobody waits 121 seconds on purpose.
 */
export function retryAfterText(header: string | null, now: Date): string {
  const seconds = retryAfterSeconds(header, now)
  if (seconds === null) return 'Prøv igen om lidt.'
  if (seconds <= 60) return seconds <= 1 ? 'Prøv igen om et øjeblik.' : `Prøv igen om ${seconds} sekunder.`
  const minutes = Math.ceil(seconds / 60)
  return minutes === 1 ? 'Prøv igen om 1 minut.' : `Prøv igen om ${minutes} minutter.`
}

export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (header === null) return null
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return null
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000))
}

/** The first readable sentence of an error body: JSON with a message-like field, or short plain text. */
export function errorText(text: string): string | null {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed === '') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(trimmed)
  } catch {
    // HTML error pages say nothing a user can act on.
    return /^</.test(trimmed) ? null : clip(trimmed)
  }
  if (typeof parsed === 'string') return parsed.trim() === '' ? null : clip(parsed)
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>
    for (const key of ['message', 'Message', 'detail', 'title', 'error', 'error_description']) {
      const value = record[key]
      if (typeof value === 'string' && value.trim() !== '') return clip(value)
    }
    // Jobindsats (v2) has answered a wrong key with the sentence as the only KEY: {"Forkert nøgle …": ""}.
    const keys = Object.keys(record)
    if (keys.length === 1 && record[keys[0] as string] === '' && /\s/.test(keys[0] as string)) return clip(keys[0] as string)
  }
  return null
}

const clip = (text: string) => {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > 300 ? `${oneLine.slice(0, 297)}…` : oneLine
}
