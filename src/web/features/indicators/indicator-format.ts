import type { Target } from '../../../shared/agreements.ts'
import type { IndicatorSeries, IndicatorValueDto, Population, Provenance } from '../../../shared/indicators.ts'
import { formatNumber, formatPercentValue } from '../../../shared/lib/format.ts'

// How follow-up values read on the pages: the numbers, where they came from, and what a board
// member is not shown. Numbers go through src/shared/lib/format.ts, periods through period.ts.

export type MeasureName = 'share' | 'count'

export const measureLabels: Record<MeasureName, string> = { share: 'Andel (%)', count: 'Antal' }

/** The short names of the two groups, as the table's columns and the form's choices say them. */
export const populationShort: Record<Population, string> = { area: 'Boligområde', comparison: 'Kommune' }

/** "21,5 %" or "233". */
export const formatMeasureValue = (value: number, measure: MeasureName) => (measure === 'share' ? formatPercentValue(value) : formatNumber(value))

/** Said when a board member's count was hidden; the threshold itself is not sent, so it is not named. */
export const HIDDEN_COUNT = 'skjult af hensyn til små tal'

/**
 * Whether the value's count was hidden from this reader. The server hides a small count by sending
 * null (the share stays), so a missing count means "hidden" only for a reader who gets hidden counts,
 * and only in a series that has counts at all.
 */
export function countHidden(value: IndicatorValueDto, _series: IndicatorSeries, _suppressed: boolean): boolean {
  return value.countHidden
}

/** "21,5 %", "233", "21,5 % · antal 12", "21,5 % · antal skjult af hensyn til små tal", "Skjult af hensyn til små tal". */
export function valueText(value: IndicatorValueDto, series: IndicatorSeries, suppressed: boolean): string {
  if (value.retracted) return 'Trukket tilbage: ingen værdi'
  const parts: string[] = []
  const both = value.share !== null && (value.count !== null || countHidden(value, series, suppressed))
  if (value.share !== null) parts.push(formatPercentValue(value.share))
  if (value.count !== null) parts.push(`${both ? 'antal ' : ''}${formatNumber(value.count)}`)
  else if (countHidden(value, series, suppressed)) parts.push(value.share !== null ? `antal ${HIDDEN_COUNT}` : `Skjult af hensyn til små tal`)
  return parts.join(' · ')
}

/** "Indtastet af Pia Projektleder", "Importeret fra tal.csv, række 4", "Beregnet (aktiveringsgrad v2)". */
export function provenanceText(p: Provenance): string {
  switch (p.kind) {
    case 'typed':
      return `Indtastet af ${p.userName}`
    case 'imported':
      return `Importeret fra ${p.fileName}, ${p.sheet ? `ark ${p.sheet}, ` : ''}række ${formatNumber(p.row)}`
    case 'computed':
      return `Beregnet (${p.rule} v${p.version})`
  }
}

/** The measures a series speaks of, share first: from its baselines and from the values recorded. */
export function seriesMeasures(series: IndicatorSeries): MeasureName[] {
  const all = [...series.values, ...series.earlierDefinition]
  const has = (m: MeasureName) =>
    series.baseline[m] !== undefined || series.comparisonBaseline?.[m] !== undefined || all.some((v) => v[m] !== null) || series.targets.some((t) => targetMeasure(t) === m)
  return (['share', 'count'] as const).filter(has)
}

/** A target in "%" is a share; any other unit counts something. */
export const targetMeasure = (t: Target): MeasureName => (t.unit.trim() === '%' ? 'share' : 'count')

export interface FollowedTarget {
  target: Target
  measure: MeasureName
  /** The near end of a range, as the status rule uses it. */
  value: number
  baselineValue: number
}

/**
 * The target the status rule follows: the first one whose measure the baseline has and whose good
 * direction is known (stated, or given by the target lying above or below the baseline), with a
 * range counted by its near end. The same choice as src/server/features/indicators/indicator-status.ts,
 * so the chart draws the line the status was judged against.
 */
export function followedTarget(series: IndicatorSeries): FollowedTarget | null {
  for (const target of series.targets) {
    const measure = targetMeasure(target)
    const baselineValue = series.baseline[measure]
    if (baselineValue === undefined) continue
    const high = target.valueMax ?? target.value
    const direction = target.direction ?? (target.value > baselineValue ? 'up' : high < baselineValue ? 'down' : undefined)
    if (!direction) continue
    return { target, measure, value: direction === 'up' ? target.value : high, baselineValue }
  }
  return null
}

/** An agreement text without its footnote marks ("andel[^1]" → "andel"): the follow-up pages show no footnotes. */
export const plainText = (text: string) => text.replace(/\[\^\d+\]/g, '')

/** "Aktiveringsgrad blandt de ledige" or "Andel offentligt forsørgede fuldtidspersoner, 18-29 år". */
export const seriesName = (s: { indicatorName: string; rowLabel: string | null }) =>
  s.rowLabel ? `${plainText(s.indicatorName)}, ${s.rowLabel}` : plainText(s.indicatorName)
