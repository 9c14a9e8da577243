import type { ComparisonFetch } from '../../../shared/comparison-sources.ts'
import { formatShortDate, isoDay } from '../../../shared/lib/format.ts'
import { AppError } from '../../lib/errors.ts'
import type { PendingValue } from './indicators.service.ts'
import type { ComparisonTarget, ComparisonValue } from './sources/comparison-import.ts'
import type { JobindsatsRequest } from './sources/jobindsats.ts'
import type { StatbankRequest } from './sources/statbank.ts'

// The pure parts of fetching comparison figures (comparison-sources.service.ts): what to ask the
// source, what to call the import, and how fetched values become pending import values.

export function targetOf(request: ComparisonFetch): ComparisonTarget {
  const { indicatorKey, rowKey } = request
  return request.measure === 'count' ? { indicatorKey, rowKey, measure: 'count' } : { indicatorKey, rowKey, measure: 'share', ...(request.unit ? { unit: request.unit } : {}) }
}

export function statbankRequestOf(request: Extract<ComparisonFetch, { source: 'statbank' }>): StatbankRequest {
  return { table: request.table.toUpperCase(), variables: request.variables.map((v) => ({ code: v.code, values: v.values })) }
}

export function jobindsatsRequestOf(request: Extract<ComparisonFetch, { source: 'jobindsats' }>): JobindsatsRequest {
  return { table: request.table, area: request.area, periods: request.periods, measure: request.measureName }
}

/**
 * The import's name, which every committed value's provenance shows: "Danmarks Statistik AUK01
 * (hentet 27.11.2026)". The day is the Danish calendar day of the fetch.
 */
export function fetchFileName(sourceName: string, table: string, fetchedAt: Date): string {
  return `${sourceName} ${table} (hentet ${formatShortDate(isoDay(fetchedAt))})`
}

/** Fetched values as an import's pending values; `row` is the figure's place in the source's answer. */
export function pendingValuesOf(values: readonly ComparisonValue[], rowOf: (value: ComparisonValue) => number): PendingValue[] {
  return values.map((v) => ({ indicatorKey: v.indicatorKey, rowKey: v.rowKey, population: v.population, period: v.period, share: v.share, count: v.count, row: rowOf(v), sheet: null }))
}

/**
 * `--var OMRÅDE=540 --var Tid=2023K1,2023K2` as StatBank variables. A variable named twice gets the
 * values of both; the order of the variables is kept (StatBank does not care, people reading do).
 */
export function parseVariableOptions(options: readonly string[]): { code: string; values: string[] }[] {
  const variables = new Map<string, string[]>()
  for (const option of options) {
    const at = option.indexOf('=')
    const code = at < 0 ? '' : option.slice(0, at).trim()
    const values = at < 0 ? [] : option.slice(at + 1).split(',').map((v) => v.trim()).filter((v) => v !== '')
    if (code === '' || values.length === 0) throw new AppError('validation', `"${option}" er ikke en variabel med værdier. Skriv fx --var OMRÅDE=540 eller --var Tid=2023K1,2023K2.`)
    variables.set(code, [...(variables.get(code) ?? []), ...values])
  }
  return [...variables].map(([code, values]) => ({ code, values }))
}
