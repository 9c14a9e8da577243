import type { Activity } from '../../../shared/enrolments.ts'
import { formatCount, formatNumber, formatPercent } from '../../../shared/lib/format.ts'

// How full an activity is right now: places taken against its capacity, said in words (the bar on
// the page only repeats them), with overbooking called out rather than capped at 100 %.

export type OccupancyState = 'no-capacity' | 'hidden' | 'free' | 'full' | 'over'

export interface Occupancy {
  state: OccupancyState
  /** Places taken as a fraction of the capacity (may exceed 1); null without a capacity or when hidden. */
  share: number | null
  /** How many more are in the course than there are places. */
  over: number
  /** "9 af 12 pladser er optaget (75 %)". */
  text: string
  /** For a table that shows the counts in columns of their own: "75 %", "117 %: 2 over kapaciteten". */
  shortText: string
}

export function occupancyOf(activity: Pick<Activity, 'capacity' | 'active' | 'activeHidden'>): Occupancy {
  const { capacity, active } = activity
  if (activity.activeHidden) {
    return {
      state: 'hidden',
      share: null,
      over: 0,
      text: capacity === null ? 'Færre end 5 i forløb' : `Færre end 5 af ${formatCount(capacity, 'plads', 'pladser')} er optaget`,
      shortText: 'Skjult',
    }
  }
  if (capacity === null || capacity <= 0) {
    return { state: 'no-capacity', share: null, over: 0, text: `${formatNumber(active)} i forløb; der er ikke angivet et antal pladser`, shortText: 'Intet antal pladser' }
  }
  const share = active / capacity
  const percent = formatPercent(share)
  const base = `${formatNumber(active)} af ${formatCount(capacity, 'plads', 'pladser')} er optaget (${percent})`
  if (active > capacity) {
    const over = active - capacity
    const overText = `${formatNumber(over)} over kapaciteten`
    return { state: 'over', share, over, text: `${base}: ${overText}`, shortText: `${percent}: ${overText}` }
  }
  if (active === capacity) return { state: 'full', share, over: 0, text: `${base}: aktiviteten er fuld`, shortText: `${percent}: fuld` }
  return { state: 'free', share, over: 0, text: base, shortText: percent }
}

/** "10 uger", or that no default length is set. */
export function defaultLengthText(weeks: number | null): string {
  return weeks === null ? 'Ikke angivet' : formatCount(weeks, 'uge', 'uger')
}
