import type { Figure } from '../../../shared/enrolments.ts'
import { formatCount, formatNumber, formatPercent } from '../../../shared/lib/format.ts'
import { type PeriodKind, periodLabel, periodOfDate } from '../../../shared/lib/period.ts'

// How the figures computed from an activity's enrolments read on the page. Numbers go through
// src/shared/lib/format.ts and periods through period.ts, like everywhere else.

/**
 * Said where a board member's small number is hidden. The threshold is the installation's
 * (SUPPRESSION_THRESHOLD, 5 by default), so the page names no number; the figures' own notes name
 * the threshold actually used.
 */
export const HIDDEN_SMALL = 'Skjult (for få personer)'

/**
 * "12", "9,6 uger", "83,3 %". Shares get one decimal: that is what the follow-up stores when the
 * figure is transferred, so the page and the follow-up show the same number.
 */
export function figureValueText(figure: Figure): string {
  if (figure.hidden) return HIDDEN_SMALL
  if (figure.value === null) return 'Kan ikke opgøres'
  switch (figure.unit) {
    case 'count':
      return formatNumber(figure.value)
    case 'weeks':
      return `${formatNumber(figure.value, 1)} uger`
    case 'share':
      return formatPercent(figure.value, 1)
  }
}

/** What a figure is computed from, in words: "10 af 12 afsluttede forløb"; null when there is nothing to say. */
export function figureBasisText(figure: Figure): string | null {
  const { numerator: n, denominator: d } = figure
  if (figure.hidden || (n === null && d === null)) return null
  switch (figure.key) {
    case 'course-length':
      return d === null ? null : `Beregnet ud fra ${formatCount(d, 'afsluttet forløb', 'afsluttede forløb')}`
    case 'occupancy':
      return n !== null && d !== null ? `${formatCount(n, 'forløbsdag', 'forløbsdage')} af ${formatCount(d, 'pladsdag', 'pladsdage')}` : null
    case 'transition-share':
      return n !== null && d !== null ? `${formatNumber(n)} af ${formatCount(d, 'afsluttet forløb', 'afsluttede forløb')}` : null
    case 'activation-share':
      return n !== null && d !== null ? `${formatNumber(n)} af ${formatCount(d, 'forløb', 'forløb')} i gang` : null
  }
  if (n !== null && d !== null) return `${formatNumber(n)} af ${formatNumber(d)}`
  return n !== null ? `Tæller: ${formatNumber(n)}` : `Nævner: ${formatNumber(d!)}`
}

export interface PeriodOption {
  value: string
  label: string
}

/**
 * The periods one can pick for the figures: this year's quarters up to the current one and every
 * quarter of the `years` years before it, newest first, then those whole years. Periods after
 * today would have nothing to count yet.
 */
export function figurePeriodOptions(today: string, years = 3): PeriodOption[] {
  const current = currentPeriod(today, 'quarter')
  const year = Number(current.slice(0, 4))
  const quarter = Number(current.slice(6))
  const quarters: string[] = []
  const wholeYears: string[] = []
  for (let y = year; y >= year - years; y--) {
    for (let q = y === year ? quarter : 4; q >= 1; q--) quarters.push(`${y}-Q${q}`)
    wholeYears.push(String(y))
  }
  return [...quarters, ...wholeYears].map((value) => ({ value, label: periodLabel(value) }))
}

/** The period of `kind` that holds `today` ("YYYY-MM-DD"). */
export function currentPeriod(today: string, kind: PeriodKind): string {
  const period = periodOfDate(today, kind)
  if (!period) throw new RangeError(`Not a calendar day: ${today}`)
  return period
}
