import type { IndicatorSeries, PeriodKey, Population, Provenance } from '../../../shared/indicators.ts'
import { formatDay } from '../../../shared/lib/format.ts'
import { baselinePeriod, comparePeriods, dayNumber, periodLabel, periodPosition } from '../../../shared/lib/period.ts'
import { formatBaselineTime } from '../../../shared/agreement-wording.ts'
import { type MeasureName, countHidden, followedTarget, formatMeasureValue, populationShort, seriesName, targetMeasure } from './indicator-format.ts'

// The geometry of one indicator row's chart, apart from the drawing so it can be tested: which
// points, where, on which scale, and the sentence that tells a screen-reader user what the chart
// shows. Time runs left to right by each period's position (its last day: src/shared/lib/period.ts),
// so quarters, months and a baseline "udgang februar 2021" sit where they were measured.

export const CHART = { width: 720, height: 320, left: 64, right: 28, top: 24, bottom: 44 } as const
const plotWidth = CHART.width - CHART.left - CHART.right
const plotHeight = CHART.height - CHART.top - CHART.bottom

export interface ChartPoint {
  period: PeriodKey
  label: string
  day: number
  x: number
  /** Null when the value was hidden from this reader (a small count). */
  value: number | null
  y: number | null
  provenance: Provenance
}

export interface ChartLine {
  population: Population
  points: ChartPoint[]
  /** Runs of neighbouring points with values: a hidden value breaks the line rather than being jumped over. */
  segments: ChartPoint[][]
}

export interface ChartMark {
  x: number
  y: number
  value: number
  label: string
}

export interface ChartModel {
  measure: MeasureName
  lines: ChartLine[]
  baseline: ChartMark | null
  comparisonBaseline: ChartMark | null
  /** The straight line the status rule expects, from the baseline to the target at the agreement's end. */
  trajectory: { from: ChartMark; to: ChartMark } | null
  /** A target that cannot be followed (no known direction, say), shown as a level instead. */
  targetLevel: ChartMark | null
  /** Where each year begins. */
  xGrid: number[]
  /** Each year's name, in the middle of the part of it that is shown. */
  xLabels: { x: number; label: string }[]
  yTicks: { y: number; label: string }[]
  summary: string
  /** False when no period has a value yet: then there is nothing to chart. */
  hasValues: boolean
}

/** Round numbers for an axis: the step is 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, wanted = 5): number {
  if (!(span > 0)) return 1
  const raw = span / wanted
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10
  return step * power
}

function yearStart(year: number): number {
  return dayNumber(`${String(year).padStart(4, '0')}-01-01`)!
}

function yearOfDay(day: number): number {
  // 365.2425 days a year on average; correct to the calendar with yearStart.
  let year = Math.floor(1970 + day / 365.2425)
  while (yearStart(year + 1) <= day) year++
  while (yearStart(year) > day) year--
  return year
}

export interface ChartInput {
  series: IndicatorSeries
  measure: MeasureName
  /** The agreement's last day ("YYYY-MM-DD"): where the target is to be reached. */
  horizon: string | null
  suppressed: boolean
}

export function chartModel({ series, measure, horizon, suppressed }: ChartInput): ChartModel {
  const unit = (v: number) => formatMeasureValue(v, measure)
  const baselineKey = baselinePeriod(series.baselineTime)
  const baselineDay = periodPosition(baselineKey)
  const horizonDay = horizon ? dayNumber(horizon) : null
  const followed = followedTarget(series)
  const trajectoryWanted = followed !== null && followed.measure === measure && baselineDay !== null && horizonDay !== null
  const levelTarget = !trajectoryWanted ? series.targets.find((t) => targetMeasure(t) === measure) : undefined

  const raw = (['area', 'comparison'] as const).map((population) => ({
    population,
    values: series.values
      .filter((v) => v.population === population)
      .filter((v) => v[measure] !== null || (measure === 'count' && countHidden(v, series, suppressed)))
      .filter((v) => periodPosition(v.period) !== null)
      .sort((a, b) => comparePeriods(a.period, b.period)),
  }))

  // The domain: every period shown, the baseline, and the agreement's end when the line runs there.
  const days = raw.flatMap((r) => r.values.map((v) => periodPosition(v.period)!))
  const baselineValue = series.baseline[measure]
  const comparisonValue = series.comparisonBaseline?.[measure]
  if (baselineDay !== null && (baselineValue !== undefined || comparisonValue !== undefined)) days.push(baselineDay)
  if (trajectoryWanted) days.push(horizonDay!)
  let minDay = days.length > 0 ? Math.min(...days) : 0
  let maxDay = days.length > 0 ? Math.max(...days) : 365
  // Room at both ends, so the first and last points do not sit on the axes.
  const pad = Math.max(30, (maxDay - minDay) * 0.04)
  minDay -= pad
  maxDay += pad

  const values = [
    ...raw.flatMap((r) => r.values.map((v) => v[measure]).filter((n): n is number => n !== null)),
    ...(baselineValue !== undefined ? [baselineValue] : []),
    ...(comparisonValue !== undefined ? [comparisonValue] : []),
    ...(trajectoryWanted ? [followed!.value] : []),
    ...(levelTarget ? [levelTarget.valueMax ?? levelTarget.value] : []),
  ]
  const top = Math.max(0, ...values)
  const step = niceStep(top === 0 ? 1 : top * 1.08)
  let maxValue = Math.max(step, Math.ceil((top * 1.08) / step) * step)
  if (measure === 'share') maxValue = Math.min(maxValue, 100)
  if (maxValue < top) maxValue = top

  const xOf = (day: number) => CHART.left + ((day - minDay) / (maxDay - minDay)) * plotWidth
  const yOf = (value: number) => CHART.top + plotHeight - (value / maxValue) * plotHeight

  const lines: ChartLine[] = raw.map(({ population, values: list }) => {
    const points = list.map((v): ChartPoint => {
      const day = periodPosition(v.period)!
      const value = v[measure]
      return { period: v.period, label: periodLabel(v.period), day, x: xOf(day), value, y: value === null ? null : yOf(value), provenance: v.provenance }
    })
    const segments: ChartPoint[][] = []
    let run: ChartPoint[] = []
    for (const point of points) {
      if (point.value === null) {
        if (run.length > 0) segments.push(run)
        run = []
      } else run.push(point)
    }
    if (run.length > 0) segments.push(run)
    return { population, points, segments }
  })

  const baselineLabel = formatBaselineTime(series.baselineTime)
  const mark = (day: number, value: number, label: string): ChartMark => ({ x: xOf(day), y: yOf(value), value, label })
  const baseline = baselineDay !== null && baselineValue !== undefined ? mark(baselineDay, baselineValue, baselineLabel) : null
  const comparisonBaseline = baselineDay !== null && comparisonValue !== undefined ? mark(baselineDay, comparisonValue, baselineLabel) : null
  const trajectory = trajectoryWanted
    ? { from: mark(baselineDay!, followed!.baselineValue, baselineLabel), to: mark(horizonDay!, followed!.value, formatDay(horizon!)) }
    : null
  const targetLevel = levelTarget ? mark(maxDay, levelTarget.valueMax ?? levelTarget.value, 'Måltal') : null

  // Lines where a year begins, and each year's name in the middle of its stretch: a value for a
  // period sits at the period's end, so "4. kvartal 2023" is drawn at the right edge of "2023", not
  // on a line labelled 2024.
  const xGrid: number[] = []
  const xLabels: { x: number; label: string }[] = []
  for (let year = yearOfDay(minDay); year <= yearOfDay(maxDay); year++) {
    const start = yearStart(year)
    const end = yearStart(year + 1)
    if (start > minDay) xGrid.push(xOf(start))
    const from = Math.max(start, minDay)
    const to = Math.min(end, maxDay)
    // A sliver of a year at either end gets no name of its own.
    if (to - from >= 90) xLabels.push({ x: xOf((from + to) / 2), label: String(year) })
  }
  const yTicks: { y: number; label: string }[] = []
  for (let v = 0; v <= maxValue + 1e-9; v += step) yTicks.push({ y: yOf(v), label: unit(Number(v.toFixed(6))) })

  const summary = chartSummary(series, measure, lines, { baseline, comparisonBaseline, trajectory, targetLevel, unit })
  return { measure, lines, baseline, comparisonBaseline, trajectory, targetLevel, xGrid, xLabels, yTicks, summary, hasValues: lines.some((l) => l.points.length > 0) }
}

function chartSummary(
  series: IndicatorSeries,
  measure: MeasureName,
  lines: ChartLine[],
  marks: Pick<ChartModel, 'baseline' | 'comparisonBaseline' | 'trajectory' | 'targetLevel'> & { unit: (v: number) => string },
): string {
  const { unit } = marks
  const parts = [`Linjediagram over ${seriesName(series)}, ${measure === 'share' ? 'andel i procent' : 'antal'}.`]
  for (const line of lines) {
    const shown = line.points.filter((p) => p.value !== null)
    const name = populationShort[line.population]
    const hidden = line.points.length - shown.length
    const hiddenText = hidden > 0 ? ` ${hidden === 1 ? 'Én værdi er' : `${hidden} værdier er`} skjult af hensyn til små tal.` : ''
    if (shown.length === 0) {
      parts.push(`${name}: ingen værdier endnu.${hiddenText}`)
      continue
    }
    const first = shown[0]!
    const last = shown[shown.length - 1]!
    parts.push(
      shown.length === 1
        ? `${name}: ${unit(first.value!)} i ${first.label}.${hiddenText}`
        : `${name}: ${shown.length} værdier fra ${unit(first.value!)} i ${first.label} til ${unit(last.value!)} i ${last.label}.${hiddenText}`,
    )
  }
  if (marks.baseline) parts.push(`Baseline for boligområdet: ${unit(marks.baseline.value)} (${marks.baseline.label}).`)
  if (marks.comparisonBaseline) parts.push(`Baseline for kommunen: ${unit(marks.comparisonBaseline.value)} (${marks.comparisonBaseline.label}).`)
  if (marks.trajectory) parts.push(`Forventet vej: en ret linje fra baselinen til måltallet ${unit(marks.trajectory.to.value)} ved delaftalens udløb ${marks.trajectory.to.label}.`)
  if (marks.targetLevel) parts.push(`Måltal: ${unit(marks.targetLevel.value)}.`)
  parts.push('Tallene står i tabellen under diagrammet.')
  return parts.join(' ')
}
