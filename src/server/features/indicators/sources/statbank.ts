import { z } from 'zod'
import type { PeriodKey } from '../../../../shared/indicators.ts'
import { AppError } from '../../../lib/errors.ts'
import { JsonStatFormatError, type JsonStatTable, readJsonStat } from './json-stat.ts'
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

// Danmarks Statistik's StatBank API (https://api.statbank.dk/v1), open and without a key. Documented at
// https://www.dst.dk/da/Statistik/hjaelp-til-statistikbanken/api: requests are POSTed as JSON to the
// function's address ("det anbefales at POST'e data"), in UTF-8.
//
//   POST {base}/data       { table, format: "JSONSTAT", lang, variables: [{ code, values }] }
//   POST {base}/tableinfo  { table, format: "JSON", lang }
//
// We ask for JSON-stat rather than CSV: it carries codes and labels separately and marks missing
// figures as null, where the CSV mixes ".." into the numbers and changes its columns with `lang`.
// A failed request answers HTTP 400 with { "errorTypeCode": "...", "message": "..." }; the message
// is Danish with lang "da" and is shown to the user as it is.

const NAME = 'Danmarks Statistik' as const
export const STATBANK_BASE_URL = 'https://api.statbank.dk/v1'

export interface StatbankRequest {
  /** The table id, e.g. "AUK01" (case does not matter to StatBank). */
  table: string
  /** One entry per variable to select; values are codes from tableinfo, "*" for all. Left-out variables are eliminated (summed) where the table allows. */
  variables: { code: string; values: string[] }[]
  /** Language of labels and of StatBank's error messages (default "da"). */
  lang?: 'da' | 'en'
}

const tableId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,20}$/, { error: 'Skriv tabellens navn fra Statistikbanken, fx AUK01.' })

const StatbankRequestSchema = z.object({
  table: tableId,
  variables: z
    .array(
      z.object({
        code: z.string().trim().min(1, { error: 'Skriv variablens kode, fx OMRÅDE.' }),
        values: z.array(z.string().trim().min(1)).min(1, { error: 'Vælg mindst én værdi for hver variabel.' }),
      }),
    )
    .min(1, { error: 'Vælg mindst én variabel, fx område og tid.' }),
  lang: z.enum(['da', 'en']).optional(),
})

/** Figures from one StatBank table, one row per cell, with Indsats periods. */
export async function fetchStatbank(request: StatbankRequest, deps: SourceDeps): Promise<SourceResult> {
  const parsed = StatbankRequestSchema.safeParse(request)
  if (!parsed.success) {
    throw new AppError('validation', parsed.error.issues[0]?.message ?? 'Forespørgslen til Danmarks Statistik er ikke udfyldt korrekt.')
  }
  const { table, variables } = parsed.data
  const url = `${baseUrl(deps)}/data`
  const body = { table, format: 'JSONSTAT', lang: parsed.data.lang ?? 'da', variables }
  const response = await post(url, body, deps)
  const json = parseJsonBody(NAME, response, url)

  let dataset: JsonStatTable
  try {
    dataset = readJsonStat(json)
  } catch (error) {
    if (error instanceof JsonStatFormatError) throw unexpectedFormat(NAME, url, error.message)
    throw error
  }
  return {
    rows: toRows(dataset, table, url),
    source: { name: NAME, table, url, fetchedAt: (deps.now ?? (() => new Date()))().toISOString() },
  }
}

function toRows(dataset: JsonStatTable, table: string, url: string): SourceRow[] {
  const timeId =
    dataset.roles.time[0] ?? dataset.dimensions.find((d) => /^(tid|time)$/i.test(d.id))?.id ?? null
  if (timeId === null) throw unexpectedFormat(NAME, url, `table ${table} has no time dimension (dimensions: ${dataset.dimensions.map((d) => d.id).join(', ')})`)

  const periods = new Map<string, PeriodKey>()
  for (const category of dataset.dimensions.find((d) => d.id === timeId)?.categories ?? []) {
    const period = statbankPeriod(category.code)
    if (period === null) {
      throw new AppError(
        'validation',
        `Tabellen ${table} har tiden "${category.code}", som Indsats ikke kan gemme som periode. Vælg en tabel med år, halvår, kvartaler, måneder eller datoer (ikke uger).`,
      )
    }
    periods.set(category.code, period)
  }

  return dataset.cells.map((cell) => {
    const labels: Record<string, string> = {}
    const codes: Record<string, string> = {}
    for (const dimension of dataset.dimensions) {
      if (dimension.id === timeId) continue
      const category = cell.categories[dimension.id] as { code: string; label: string }
      labels[dimension.id] = category.label
      codes[dimension.id] = category.code
    }
    const timeCode = (cell.categories[timeId] as { code: string }).code
    return { period: periods.get(timeCode) as PeriodKey, value: cell.value, labels, codes }
  })
}

/**
 * StatBank's time codes as Indsats periods: "2023" → "2023", "2023H1" → "2023-H1", "2023K2" (or
 * "2023Q2", as the English labels write it) → "2023-Q2", "2023M05" → "2023-05", "2023M05D17" →
 * "2023-05-17". Weeks ("2023U05") and anything else → null: a week is not a period Indsats stores.
 */
export function statbankPeriod(code: string): PeriodKey | null {
  let m = /^(\d{4})$/.exec(code)
  if (m) return m[1] as string
  if ((m = /^(\d{4})H([12])$/.exec(code))) return `${m[1]}-H${m[2]}`
  if ((m = /^(\d{4})[KQ]([1-4])$/.exec(code))) return `${m[1]}-Q${m[2]}`
  if ((m = /^(\d{4})M(0[1-9]|1[0-2])$/.exec(code))) return `${m[1]}-${m[2]}`
  if ((m = /^(\d{4})M(0[1-9]|1[0-2])D(0[1-9]|[12]\d|3[01])$/.exec(code))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const date = new Date(Date.UTC(y, mo - 1, d))
    return date.getUTCMonth() === mo - 1 ? `${m[1]}-${m[2]}-${m[3]}` : null
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Table info: the variables of a table and their values, for choosing what to ask for.

export interface StatbankTableInfo {
  id: string
  text: string
  description: string | null
  unit: string | null
  updated: string | null
  active: boolean | null
  variables: {
    id: string
    text: string
    /** The table's time variable (there is one). */
    time: boolean
    /** Whether the variable may be left out of a data request (it is then summed). */
    elimination: boolean
    values: { id: string; text: string }[]
  }[]
}

const TableInfoAnswer = z.object({
  id: z.string(),
  text: z.string(),
  description: z.string().nullish(),
  unit: z.string().nullish(),
  updated: z.string().nullish(),
  active: z.boolean().nullish(),
  variables: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      time: z.boolean().optional(),
      elimination: z.boolean().optional(),
      values: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ),
})

export async function statbankTableInfo(table: string, deps: SourceDeps, options: { lang?: 'da' | 'en' } = {}): Promise<StatbankTableInfo> {
  const id = tableId.safeParse(table)
  if (!id.success) throw new AppError('validation', id.error.issues[0]?.message ?? 'Skriv tabellens navn fra Statistikbanken, fx AUK01.')
  const url = `${baseUrl(deps)}/tableinfo`
  const response = await post(url, { table: id.data, format: 'JSON', lang: options.lang ?? 'da' }, deps)
  const answer = TableInfoAnswer.safeParse(parseJsonBody(NAME, response, url))
  if (!answer.success) throw unexpectedFormat(NAME, url, `tableinfo: ${answer.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const info = answer.data
  return {
    id: info.id,
    text: info.text,
    description: info.description ?? null,
    unit: info.unit ?? null,
    updated: info.updated ?? null,
    active: info.active ?? null,
    variables: info.variables.map((v) => ({ id: v.id, text: v.text, time: v.time ?? false, elimination: v.elimination ?? false, values: v.values })),
  }
}

// ---------------------------------------------------------------------------------------------

const baseUrl = (deps: SourceDeps) => (deps.baseUrl ?? STATBANK_BASE_URL).replace(/\/+$/, '')

async function post(url: string, body: unknown, deps: SourceDeps): Promise<SourceResponse> {
  const response = await callSource(
    NAME,
    url,
    // charset: variable codes carry Æ, Ø and Å (OMRÅDE, KØN).
    { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) },
    deps,
  )
  if (response.status >= 200 && response.status < 300) return response
  throw statbankError(response, url, deps)
}

function statbankError(response: SourceResponse, url: string, deps: SourceDeps): AppError {
  const { status } = response
  const logDetail = `StatBank HTTP ${status} from ${url}: ${JSON.stringify(response.text.slice(0, 300))}`
  if (status === 429) {
    return new AppError('too_many_requests', `Danmarks Statistik modtager for mange forespørgsler lige nu. ${retryAfterText(response.headers.get('retry-after'), (deps.now ?? (() => new Date()))())}`, { logDetail })
  }
  if (status >= 500) return new AppError('source_unavailable', `Danmarks Statistik svarer ikke lige nu (fejl ${status} hos dem). Prøv igen om lidt.`, { logDetail })
  // 4xx: StatBank explains what it could not find ("Tabel findes ikke: …"); that is the user's to fix.
  const said = errorText(response.text)
  if (said !== null) return new AppError('validation', `Danmarks Statistik afviste forespørgslen: ${said}`, { logDetail })
  return new AppError('internal', `Danmarks Statistik afviste forespørgslen uden at sige hvorfor (fejl ${status}). Kontakt en administrator.`, { logDetail })
}
