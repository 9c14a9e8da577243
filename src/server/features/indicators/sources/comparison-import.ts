import type { ImportProblem } from '../../../../shared/imports.ts'
import { type PeriodKey } from '../../../../shared/indicators.ts'
import { formatNumber, formatPercentValue } from '../../../../shared/lib/format.ts'
import { comparePeriods, parsePeriod, periodLabel } from '../../../../shared/lib/period.ts'
import type { SourceRow } from './source-request.ts'

// Figures fetched from Danmarks Statistik or Jobindsats, turned into pending follow-up values for the
// COMPARISON population of one row of one indicator (the municipality beside the housing area). Pure:
// rows in, values and problems out; storing them goes through the same two-step import as files
// (docs/decisions/006-follow-up-values.md), all or nothing.
//
// Shares are stored in percent (19.14 means 19,14 %). A source that gives fractions (0.1914) is
// converted only when the caller says the unit is a fraction: a share below 1 % is real too (0,8 % of
// a municipality on a benefit), so a value between 0 and 1 proves nothing on its own. When every
// share in a "percent" series is at most 1, the caller gets a warning saying so, not a silent fix.

export type ComparisonTarget = {
  indicatorKey: string
  rowKey: string
} & (
  | { measure: 'count' }
  | {
      measure: 'share'
      /** How the source writes a share: "percent" (19.14, the default) or "fraction" (0.1914, converted ×100). */
      unit?: 'percent' | 'fraction'
    }
)

export interface ComparisonValue {
  indicatorKey: string
  rowKey: string
  population: 'comparison'
  period: PeriodKey
  /** Percent, when the target's measure is a share; otherwise null. */
  share: number | null
  count: number | null
}

export interface ComparisonValuesResult {
  /** In time order. */
  values: ComparisonValue[]
  /** What keeps a figure out; `row` is the figure's position (1-based) in the source's answer. */
  problems: ImportProblem[]
  /** Worth a look but not wrong: shown in the preview, imported anyway. */
  warnings: ImportProblem[]
}

const roundPercent = (fraction: number) => Number((fraction * 100).toPrecision(15))

export function toComparisonValues(rows: readonly SourceRow[], target: ComparisonTarget): ComparisonValuesResult {
  const problems: ImportProblem[] = []
  const warnings: ImportProblem[] = []
  const problem = (row: number, message: string) => problems.push({ row, column: null, sheet: null, message })
  const unit = target.measure === 'share' ? (target.unit ?? 'percent') : null

  // A period may hold one figure. Two mean the request selected more than one value of some other
  // variable (two age groups, both sexes); which one belongs to the indicator row is not ours to guess.
  const byPeriod = new Map<string, number[]>()
  rows.forEach((row, i) => byPeriod.set(row.period, [...(byPeriod.get(row.period) ?? []), i]))

  const values: ComparisonValue[] = []
  const reported = new Set<string>()
  rows.forEach((row, i) => {
    const at = i + 1
    if (parsePeriod(row.period) === null) {
      problem(at, `Perioden "${row.period}" er ikke en periode, Indsats kan gemme.`)
      return
    }
    const when = periodLabel(row.period)
    const same = byPeriod.get(row.period) ?? []
    if (same.length > 1) {
      if (!reported.has(row.period)) {
        reported.add(row.period)
        const which = differing(same.map((j) => rows[j] as SourceRow)).map((text, k) => text || `række ${(same[k] as number) + 1}`).join('; ')
        problem(at, `Kilden har ${same.length} tal for ${when} (${which}). Vælg kun én værdi for hver variabel undtagen tiden, så hver periode har ét tal.`)
      }
      return
    }
    if (row.value === null) {
      problem(at, `Kilden har intet tal for ${when}${labelsNote(row)}: tallet er ikke offentliggjort eller er udeladt, fordi det er for lille (diskretionering).`)
      return
    }
    if (!Number.isFinite(row.value)) {
      problem(at, `Tallet for ${when} kan ikke læses.`)
      return
    }

    if (target.measure === 'count') {
      if (row.value < 0) {
        problem(at, `Antallet for ${when} er ${formatNumber(row.value)}. Et antal kan ikke være negativt.`)
        return
      }
      values.push({ indicatorKey: target.indicatorKey, rowKey: target.rowKey, population: 'comparison', period: row.period, share: null, count: row.value })
      return
    }

    let share = row.value
    if (unit === 'fraction') {
      if (share < 0 || share > 1) {
        problem(
          at,
          `Andelen for ${when} er ${formatNumber(share)}, som ikke er en brøk mellem 0 og 1. Angiver kilden andele i procent, så vælg enheden procent.`,
        )
        return
      }
      share = roundPercent(share)
    } else if (share < 0 || share > 100) {
      problem(at, `Andelen for ${when} er ${formatPercentValue(share)}. En andel skal være mellem 0 og 100 %.`)
      return
    }
    values.push({ indicatorKey: target.indicatorKey, rowKey: target.rowKey, population: 'comparison', period: row.period, share, count: null })
  })

  if (unit === 'percent' && values.length > 0 && values.every((v) => (v.share as number) <= 1) && values.some((v) => (v.share as number) > 0)) {
    warnings.push({
      row: 0,
      column: null,
      sheet: null,
      message:
        'Alle andele er 1 % eller mindre. Skriver kilden andele som brøk (0,25 betyder 25 %), så vælg enheden brøk og hent igen; ellers er tallene rigtige, som de står.',
    })
  }

  values.sort((a, b) => comparePeriods(a.period, b.period))
  return { values, problems, warnings }
}

const describe = (row: SourceRow, only?: ReadonlySet<string>) =>
  Object.entries(row.labels)
    .filter(([variable]) => !only || only.has(variable))
    .map(([variable, label]) => `${variable.toLowerCase()}: ${label}`)
    .join(', ')

/** Each row described by the labels that tell it apart from the others ("alder: 16-24 år"). */
function differing(rows: SourceRow[]): string[] {
  const variables = new Set(rows.flatMap((row) => Object.keys(row.labels)))
  const apart = new Set([...variables].filter((v) => new Set(rows.map((row) => row.labels[v])).size > 1))
  return rows.map((row) => describe(row, apart))
}

const labelsNote = (row: SourceRow) => {
  const text = describe(row)
  return text === '' ? '' : ` (${text})`
}
