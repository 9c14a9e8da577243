import type { BaselineTime, Measure, Target } from '../../../shared/agreements.ts'
import type { IndicatorStatus, PeriodKey } from '../../../shared/indicators.ts'
import { formatDay, formatNumber, formatPercentValue } from '../../../shared/lib/format.ts'
import { baselinePeriod, comparePeriods, dayNumber, parsePeriod, periodLabel, periodPosition } from '../../../shared/lib/period.ts'

// An indicator's status, as the board is told it. Keep this text and the code in step.
//
// 1. The target. The first of the indicator's targets that can be followed is used. A target in "%"
//    is compared with shares, a target in any other unit with counts. It can be followed when the
//    baseline has that measure and we know which way is good: the target's stated direction, or
//    else the target above the baseline means higher is better, below means lower is better. No
//    such target → "Intet måltal" (the latest value is still reported, without a judgement).
// 2. The values. The area's values of the current definition, with the measure the target
//    compares, in periods that have ENDED by the date of the status (asOf): a period still running
//    has no final value, and a status must not change because a date was entered early. None →
//    "Ingen data".
// 3. The expectation. The latest of these values is compared with the value expected at its
//    period: the straight line from the baseline value at the baseline time to the target value at
//    the agreement's end date. Before the baseline time the baseline is expected, after the end
//    date the target. Periods and the baseline time count at their last day (lib/period.ts):
//    "udgang februar 2021" is 28 February 2021, "2. kvartal 2023" is 30 June 2023.
// 4. The judgement. At least as good as expected in the good direction → "På rette vej";
//    otherwise "Bagud". The expected value is rounded to two decimals and the latest value is
//    compared at two decimals too, the precision the board reads, so a value shown as equal to
//    the expected one is on track.
// 5. Ranges. A target range ("1-2 hold") counts by its near end: the lower end when higher is
//    better, the upper end when lower is better. Reaching into the range is reaching the target,
//    and the line must not demand more than the agreement does.

export interface IndicatorStatusInput {
  baseline: Measure
  baselineTime: BaselineTime
  targets: Target[]
  /** The area's values of one series, current definition only, in any order. */
  values: { period: PeriodKey; share: number | null; count: number | null }[]
  /** The agreement's end date ("YYYY-MM-DD"): when the target is to be reached. Targets carry no date of their own. */
  horizon: string
}

type MeasureName = 'share' | 'count'
type Direction = 'up' | 'down'

interface UsableTarget {
  target: Target
  measure: MeasureName
  direction: Direction
  /** The near end of the target (rule 5). */
  value: number
  baselineValue: number
}

const measureOf = (t: Target): MeasureName => (t.unit.trim() === '%' ? 'share' : 'count')

const round2 = (x: number) => Math.round(x * 100) / 100

function usable(t: Target, baseline: Measure): UsableTarget | string {
  const measure = measureOf(t)
  const baselineValue = baseline[measure]
  if (baselineValue === undefined) {
    return measure === 'share'
      ? 'Måltallet er en andel, men baselinen har ingen andel, så status kan ikke vurderes.'
      : 'Måltallet er et antal, men baselinen har intet antal, så status kan ikke vurderes.'
  }
  const high = t.valueMax ?? t.value
  const direction: Direction | undefined = t.direction ?? (t.value > baselineValue ? 'up' : high < baselineValue ? 'down' : undefined)
  if (!direction) return 'Måltallet ligger ved baselinen, og der er ikke angivet en ønsket udvikling, så status kan ikke vurderes.'
  return { target: t, measure, direction, value: direction === 'up' ? t.value : high, baselineValue }
}

function requireDay(iso: string, name: string): number {
  const day = dayNumber(iso)
  if (day === null) throw new RangeError(`${name} must be a calendar day YYYY-MM-DD, got ${JSON.stringify(iso)}`)
  return day
}

export function indicatorStatus(input: IndicatorStatusInput, asOf: string): IndicatorStatus {
  const asOfDay = requireDay(asOf, 'asOf')
  const horizonDay = requireDay(input.horizon, 'horizon')

  const candidates = input.targets.map((t) => usable(t, input.baseline))
  const chosen = candidates.find((c): c is UsableTarget => typeof c !== 'string')

  // Without a target the latest value is still shown, in the measure the first target (or else the
  // baseline, share first as agreements print rates) speaks of.
  const first = input.targets[0]
  const measure: MeasureName = chosen?.measure ?? (first ? measureOf(first) : input.baseline.share !== undefined ? 'share' : 'count')

  const latest = latestValue(input.values, measure, asOfDay)

  if (!chosen) {
    const reason = typeof candidates[0] === 'string' ? candidates[0] : 'Indikatoren har intet måltal, så status kan ikke vurderes.'
    return { state: 'no-target', explanation: reason, expected: null, latest: latest?.value ?? null, latestPeriod: latest?.period ?? null }
  }
  if (!latest) {
    return {
      state: 'no-data',
      explanation: `Der er endnu ingen værdi for ${measure === 'share' ? 'andelen' : 'antallet'} i en periode, der er slut senest ${formatDay(asOf)}, så status kan ikke vurderes.`,
      expected: null,
      latest: null,
      latestPeriod: null,
    }
  }

  const baselineDay = periodPosition(baselinePeriod(input.baselineTime))
  if (baselineDay === null) throw new RangeError(`baselineTime is not a valid period: ${JSON.stringify(input.baselineTime)}`)
  const at = latest.position
  // In the order expectedAt decides, so the words match the number even for an end date before the baseline.
  const phase: 'before' | 'on-the-way' | 'after' = at > horizonDay ? 'after' : at < baselineDay && at < horizonDay ? 'before' : 'on-the-way'
  const expected = round2(expectedAt(at, baselineDay, chosen.baselineValue, horizonDay, chosen.value))

  const shown = round2(latest.value)
  const better = chosen.direction === 'up' ? shown > expected : shown < expected
  const onTrack = better || shown === expected

  const show = (n: number) => (chosen.measure === 'share' ? formatPercentValue(n) : `${formatNumber(n)} ${chosen.target.unit.trim()}`)
  const verdict = shown === expected ? 'svarer til' : better ? 'er bedre end' : 'er dårligere end'
  const subject = `Seneste værdi ${show(latest.value)} (${periodLabel(latest.period)}) ${verdict} forventet ${show(expected)}`
  const baselineText = `${show(chosen.baselineValue)} (${periodLabel(baselinePeriod(input.baselineTime))})`
  const targetText = `${show(chosen.value)} (${formatDay(input.horizon)})`
  const explanation =
    phase === 'before'
      ? `${subject}, som er baselinen (${periodLabel(baselinePeriod(input.baselineTime))}), fordi målingen er fra før baselinetidspunktet.`
      : phase === 'after'
        ? `${subject}, som er måltallet, fordi målingen er fra efter ${formatDay(input.horizon)}.`
        : `${subject} på vejen fra ${baselineText} mod ${targetText}.`

  return { state: onTrack ? 'on-track' : 'behind', explanation, expected, latest: latest.value, latestPeriod: latest.period }
}

/** The straight line from (baselineDay, baselineValue) to (horizonDay, target), flat before and after. */
function expectedAt(day: number, baselineDay: number, baselineValue: number, horizonDay: number, target: number): number {
  if (day >= horizonDay) return target
  if (day <= baselineDay) return baselineValue
  return baselineValue + ((target - baselineValue) * (day - baselineDay)) / (horizonDay - baselineDay)
}

/** The value of the latest period that has ended by asOf and has the measure; the later entry wins a tie. */
function latestValue(values: IndicatorStatusInput['values'], measure: MeasureName, asOfDay: number) {
  let best: { period: PeriodKey; value: number; position: number } | null = null
  for (const v of values) {
    const value = v[measure]
    if (value === null || !Number.isFinite(value)) continue
    const p = parsePeriod(v.period)
    const position = p ? dayNumber(p.end) : null
    // A value whose period cannot be read cannot be placed on the line: it is left out, not guessed at.
    if (position === null || position > asOfDay) continue
    if (!best || comparePeriods(v.period, best.period) >= 0) best = { period: v.period, value, position }
  }
  return best
}
