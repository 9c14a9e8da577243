import { z } from 'zod'
import type { PeriodKey } from '../../../../shared/indicators.ts'
import { AppError } from '../../../lib/errors.ts'
import { readDanishNumber } from '../../../../shared/lib/danish-number.ts'
import {
  callSource,
  errorText,
  parseJsonBody,
  retryAfterText,
  type SourceDeps,
  type SourceResponse,
  type SourceResult,
  type SourceRow,
  unexpectedFormat,
} from './source-request.ts'

// Jobindsats' API (STAR), version 3: https://jobindsats.dk/api/kom-i-gang/brugervejledning-til-version-3/
// STAR gives one key per organisation (apply at jobindsats@star.dk) and keeps version 2 only through
// 30 September 2026 (its v3 guide); version 3 differs in paths, parameters, answer and authentication:
//
//   GET {base}/data/{table}?mgroup.*=*&period.M=2023M04,2023M05&hierarchy._nykom=*&format=json
//   Authorization: Bearer {key}
//   → { "columns": ["Periode", "Område", <measures…>], "rows": [["2023M04", "Sønderborg", 1234, …], …] }
//
// Jobindsats is municipal data only (docs/domain.md): it serves the comparison population, never the
// housing area. We ask for every municipality (hierarchy "*") and keep the one named in the request:
// names are what users know and what the answer prints, while the hierarchy's value ids have to be
// looked up in the table's metadata first. All measures come back (mgroup.*=*) unless the request
// names one; the figure is read from the column whose heading is the measure's name.

const NAME = 'Jobindsats' as const
export const JOBINDSATS_BASE_URL = 'https://api.jobindsats.dk/v3'

export interface JobindsatsRequest {
  /** The table (Jobindsats calls it a measurement), e.g. "y60a02". */
  table: string
  /** The municipality as Jobindsats writes it, e.g. "Sønderborg" ("Sønderborg Kommune" also matches). */
  area: string
  /** Months ("2023M05" or "2023-05"), quarters ("2023Q2", "2023K2" or "2023-Q2") or years ("2023"); one kind per request. */
  periods: string[]
  /** The measure's name as the answer's column heading has it, e.g. "Fuldtidspersoner i pct. af befolkningen 16-66 år". */
  measure: string
  /** Ask for one measure only (ids from the table's metadata, e.g. { group: "mgrpy25i14_1", id: "measi14_1" }); default all. */
  measureIds?: { group: string; id: string }
  /** The area hierarchy to expand (default "_nykom", the municipalities). */
  areaHierarchy?: string
  /** Other hierarchies to fix, e.g. { _ygrpi09: "/" } for the total over benefit groups. */
  hierarchies?: Record<string, string>
}

export interface JobindsatsDeps extends SourceDeps {
  /** The organisation's key from STAR; null or empty when the organisation has none. */
  apiKey: string | null | undefined
}

const RequestSchema = z.object({
  table: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{1,30}$/, { error: 'Skriv tabellens id fra Jobindsats, fx y60a02.' }),
  area: z.string().trim().min(1, { error: 'Skriv kommunens navn, som Jobindsats skriver det, fx Sønderborg.' }),
  periods: z.array(z.string().trim().min(1)).min(1, { error: 'Vælg mindst én periode.' }),
  measure: z.string().trim().min(1, { error: 'Skriv målingens navn, som Jobindsats skriver det.' }),
  measureIds: z.object({ group: z.string().trim().min(1), id: z.string().trim().min(1) }).optional(),
  areaHierarchy: z.string().trim().min(1).optional(),
  hierarchies: z.record(z.string(), z.string()).optional(),
})

/** Figures for one municipality and one measure from a Jobindsats table, one row per period (and per other breakdown). */
export async function fetchJobindsats(request: JobindsatsRequest, deps: JobindsatsDeps): Promise<SourceResult> {
  const apiKey = deps.apiKey?.trim() ?? ''
  if (apiKey === '') {
    throw new AppError(
      'forbidden',
      'Organisationen har ingen nøgle til Jobindsats. STAR udleverer én nøgle pr. organisation (ansøg på jobindsats@star.dk); bed en administrator om at lægge den ind.',
    )
  }
  const parsed = RequestSchema.safeParse(request)
  if (!parsed.success) throw new AppError('validation', parsed.error.issues[0]?.message ?? 'Forespørgslen til Jobindsats er ikke udfyldt korrekt.')
  const req = parsed.data
  const table = req.table.toLowerCase()
  const periodType = requestedPeriods(req.periods)

  const query: [string, string][] = [
    req.measureIds ? [`mgroup.${req.measureIds.group}`, req.measureIds.id] : ['mgroup.*', '*'],
    [`period.${periodType.type}`, periodType.codes.join(',')],
    [`hierarchy.${req.areaHierarchy ?? '_nykom'}`, '*'],
    ...Object.entries(req.hierarchies ?? {}).map(([id, value]): [string, string] => [`hierarchy.${id}`, value]),
    ['format', 'json'],
  ]
  const base = (deps.baseUrl ?? JOBINDSATS_BASE_URL).replace(/\/+$/, '')
  const url = `${base}/data/${encodeURIComponent(table)}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`

  const response = await callSource(NAME, url, { method: 'GET', headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' } }, deps)
  if (response.status < 200 || response.status >= 300) throw jobindsatsError(response, url, table, deps)

  const json = parseJsonBody(NAME, response, url)
  const answer = Answer.safeParse(json)
  if (!answer.success) {
    // A key that is refused has come back as a 200 with only a sentence (v2: {"Forkert nøgle …": ""}).
    const said = errorText(response.text)
    if (said !== null && /nøgle/i.test(said)) throw keyRefused(said, `HTTP ${response.status} with ${JSON.stringify(said)}`)
    throw unexpectedFormat(NAME, url, `expected { columns, rows }: ${answer.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  return {
    rows: toRows(answer.data, req, table, url),
    source: { name: NAME, table, url, fetchedAt: (deps.now ?? (() => new Date()))().toISOString() },
  }
}

const Answer = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
})
type Answer = z.infer<typeof Answer>

const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()
const areaKey = (s: string) => fold(s).replace(/ kommune$/, '')
const MISSING = new Set(['', '..', '.', '-', 'x'])

function toRows(answer: Answer, req: z.infer<typeof RequestSchema>, table: string, url: string): SourceRow[] {
  const headings = answer.columns.map(fold)
  const periodAt = headings.findIndex((h) => h === 'periode' || h === 'period')
  const areaAt = headings.findIndex((h, i) => i !== periodAt && /område|omraade|kommune|^area$/.test(h))
  if (periodAt < 0 || areaAt < 0) throw unexpectedFormat(NAME, url, `no period or area column among ${JSON.stringify(answer.columns)}`)
  const measureAt = headings.indexOf(fold(req.measure))
  if (measureAt < 0) {
    const others = answer.columns.filter((_, i) => i !== periodAt && i !== areaAt)
    throw new AppError('validation', `Tabellen ${table} hos Jobindsats har ingen måling, der hedder "${req.measure}". Svaret har: ${others.map((c) => `"${c}"`).join(', ')}.`)
  }

  const wanted = areaKey(req.area)
  const mine = answer.rows.filter((row) => typeof row[areaAt] === 'string' && areaKey(row[areaAt]) === wanted)
  if (mine.length === 0) {
    const names = [...new Set(answer.rows.map((row) => row[areaAt]).filter((v): v is string => typeof v === 'string'))]
    const close = names.filter((n) => areaKey(n).slice(0, 3) === wanted.slice(0, 3))
    const hint = close.length > 0 ? ` Mente du ${close.map((n) => `"${n}"`).join(' eller ')}?` : names.length === 0 ? ' Svaret havde ingen rækker.' : ''
    throw new AppError('validation', `Jobindsats har ingen tal for "${req.area}" i tabellen ${table}.${hint} Skriv kommunens navn, som Jobindsats skriver det.`)
  }

  // Columns that break the figures down further (e.g. a benefit group) become labels; other measures
  // (numbers, or empty) do not. Decided per column over the municipality's rows.
  const labelColumns = answer.columns
    .map((_, i) => i)
    .filter((i) => i !== periodAt && i !== measureAt && mine.every((row) => typeof row[i] === 'string' && !MISSING.has((row[i] as string).trim()) && readDanishNumber(row[i] as string) === null))

  return mine.map((row) => {
    const code = String(row[periodAt] ?? '')
    const period = jobindsatsPeriod(code)
    if (period === null) {
      throw new AppError('validation', `Jobindsats svarede med perioden "${code}", som Indsats ikke kan gemme. ${ROLLING.test(code) ? ROLLING_WHY : 'Vælg måneder, kvartaler eller år.'}`)
    }
    const labels: Record<string, string> = {}
    for (const i of labelColumns) labels[answer.columns[i] as string] = row[i] as string
    return { period, value: figure(row[measureAt] ?? null, url, code), labels, codes: {} }
  })
}

function figure(cell: string | number | null, url: string, period: string): number | null {
  if (cell === null) return null
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null
  if (MISSING.has(cell.trim().toLowerCase())) return null
  const value = readDanishNumber(cell)
  if (value === null) throw unexpectedFormat(NAME, url, `figure ${JSON.stringify(cell)} for ${period} is not a number`)
  return value
}

const ROLLING = /MAT/i
const ROLLING_WHY =
  'Det er et løbende år (de 12 måneder til og med et kvartal eller en måned), og Indsats gemmer kun kalenderperioder. Vælg måneder, kvartaler eller år.'

/** Jobindsats' period codes as Indsats periods: "2023M05" → "2023-05", "2023Q2" (or "2023K2") → "2023-Q2", "2023" → "2023"; rolling years ("2023QMAT02") → null. */
export function jobindsatsPeriod(code: string): PeriodKey | null {
  let m = /^(\d{4})M(0[1-9]|1[0-2])$/.exec(code)
  if (m) return `${m[1]}-${m[2]}`
  if ((m = /^(\d{4})[QK]([1-4])$/.exec(code))) return `${m[1]}-Q${m[2]}`
  if ((m = /^(\d{4})$/.exec(code))) return m[1] as string
  return null
}

type PeriodType = 'M' | 'Q' | 'Y'

/** The requested periods as Jobindsats codes of one kind, or AppError('validation') saying which one is wrong. */
function requestedPeriods(inputs: string[]): { type: PeriodType; codes: string[] } {
  const read = inputs.map((input) => {
    const text = input.trim().toUpperCase()
    let m = /^(\d{4})(?:-|M)(0[1-9]|1[0-2])$/.exec(text)
    if (m) return { type: 'M' as const, code: `${m[1]}M${m[2]}` }
    if ((m = /^(\d{4})-?[QK]([1-4])$/.exec(text))) return { type: 'Q' as const, code: `${m[1]}Q${m[2]}` }
    if ((m = /^(\d{4})$/.exec(text))) return { type: 'Y' as const, code: text }
    const why = ROLLING.test(text) ? ROLLING_WHY : 'Skriv måneder som 2023M05, kvartaler som 2023Q2 og år som 2023.'
    throw new AppError('validation', `Perioden "${input}" kan ikke hentes fra Jobindsats. ${why}`)
  })
  const types = new Set(read.map((p) => p.type))
  if (types.size > 1) throw new AppError('validation', 'Hent én slags perioder ad gangen fra Jobindsats: kun måneder, kun kvartaler eller kun år.')
  return { type: read[0]?.type as PeriodType, codes: [...new Set(read.map((p) => p.code))] }
}

function keyRefused(said: string | null, logDetail: string): AppError {
  return new AppError(
    'forbidden',
    `Jobindsats afviste organisationens nøgle: den er forkert eller udløbet${said ? ` ("${said}")` : ''}. Bed en administrator om at kontrollere nøglen eller søge STAR om en ny.`,
    { logDetail: `Jobindsats refused the key: ${logDetail}` },
  )
}

function jobindsatsError(response: SourceResponse, url: string, table: string, deps: SourceDeps): AppError {
  const { status } = response
  const said = errorText(response.text)
  const logDetail = `Jobindsats HTTP ${status} from ${url}: ${JSON.stringify(response.text.slice(0, 300))}`
  if (status === 401 || status === 403) return keyRefused(said, logDetail)
  if (status === 429) {
    const retry = retryAfterText(response.headers.get('retry-after'), (deps.now ?? (() => new Date()))())
    return new AppError('too_many_requests', `Jobindsats afviser flere forespørgsler fra organisationens nøgle lige nu. ${retry}`, { logDetail })
  }
  if (status >= 500) return new AppError('source_unavailable', `Jobindsats svarer ikke lige nu (fejl ${status} hos dem). Prøv igen om lidt.`, { logDetail })
  if (status === 404) return new AppError('validation', `Jobindsats kender ikke tabellen ${table}${said ? ` ("${said}")` : ''}. Tjek tabellens id på jobindsats.dk.`, { logDetail })
  if (said !== null) return new AppError('validation', `Jobindsats afviste forespørgslen: ${said}`, { logDetail })
  return new AppError('internal', `Jobindsats afviste forespørgslen uden at sige hvorfor (fejl ${status}). Kontakt en administrator.`, { logDetail })
}
