import type { Schedule, Weekday } from '../../../shared/agreements.ts'
import { addDays, holidayOn } from '../../../shared/lib/danish-holidays.ts'

// Which dated occurrences an activity's weekly schedules promise in a range of days, a pure rule
// (CONTRIBUTING.md):
//
// 1. A weekly schedule ("Stenbjergparken, mandage kl 12-17") gives one occurrence on every day of
//    its weekday from the first to the last day of the range, both included.
// 2. Only within the days the promise holds: from the day the agreement's revision takes effect to
//    the last day of its funding period. Before or after, nothing is promised.
// 3. A day that is a Danish public holiday still gives its occurrence, marked with the holiday's
//    name: it was promised by the week's schedule, but is not planned to be held.
// 4. The times are the wall-clock times the schedule states; days are counted as calendar days, so
//    a change to or from summer time moves nothing.

export interface GeneratedOccurrence {
  scheduleKey: string
  site: string
  venue: string | null
  heldOn: string
  startsAt: string
  endsAt: string
  staffingMin: number | null
  staffingMax: number | null
  holiday: string | null
}

const WEEKDAY_INDEX: Record<Weekday, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 }

/** The weekday of a calendar day (YYYY-MM-DD). */
export function weekdayOf(day: string): Weekday {
  const index = new Date(`${day}T00:00:00Z`).getUTCDay()
  return (Object.keys(WEEKDAY_INDEX) as Weekday[]).find((w) => WEEKDAY_INDEX[w] === index)!
}

/** The Monday of the ISO week a day is in. */
export function mondayOf(day: string): string {
  const index = new Date(`${day}T00:00:00Z`).getUTCDay()
  return addDays(day, -((index + 6) % 7))
}

export function generateOccurrences(
  schedules: readonly Pick<Schedule, 'key' | 'site' | 'venue' | 'weekday' | 'from' | 'to' | 'staffingMin' | 'staffingMax'>[],
  range: { from: string; to: string },
  validity: { from: string; to: string | null },
): GeneratedOccurrence[] {
  const first = range.from > validity.from ? range.from : validity.from
  const last = validity.to !== null && validity.to < range.to ? validity.to : range.to
  const result: GeneratedOccurrence[] = []
  if (first > last) return result
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const weekday = weekdayOf(day)
    for (const s of schedules) {
      if (s.weekday !== weekday) continue
      result.push({
        scheduleKey: s.key,
        site: s.site,
        venue: s.venue ?? null,
        heldOn: day,
        startsAt: s.from,
        endsAt: s.to,
        staffingMin: s.staffingMin ?? null,
        staffingMax: s.staffingMax ?? null,
        holiday: holidayOn(day),
      })
    }
  }
  return result
}

/** The ISO 8601 week number of a day (week 1 holds the year's first Thursday). */
export function isoWeekNumber(day: string): number {
  const thursday = addDays(mondayOf(day), 3)
  const firstOfYear = `${thursday.slice(0, 4)}-01-01`
  return Math.floor((Date.parse(thursday) - Date.parse(firstOfYear)) / 86_400_000 / 7) + 1
}
