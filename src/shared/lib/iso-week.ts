import { addDays, dayNumber, isoOfDayNumber, parsePeriod } from './period.ts'

// ISO 8601 weeks, on calendar days "YYYY-MM-DD" (no Date, see period.ts). A week runs Monday to
// Sunday and is named by its Monday. A week belongs to the year, and here also to the quarter, that
// holds its Thursday: the ISO rule for years, applied to quarters so every week lies in exactly one
// quarter (decision 015). A quarter so has 13 weeks, or 14 in a year with 53 weeks; 2026-W53 runs
// 28 Dec 2026 - 3 Jan 2027 and counts in 2026-Q4.

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday. */
export function weekdayIndex(isoDate: string): number {
  const n = dayNumber(isoDate)
  if (n === null) throw new RangeError(`Not a calendar day: ${isoDate}`)
  return (((n + 3) % 7) + 7) % 7
}

/** The Monday of the ISO week holding the day. */
export function mondayOf(isoDate: string): string {
  return addDays(isoDate, -weekdayIndex(isoDate))
}

/** ISO week-year and week number of a day: 2021-01-03 → { year: 2020, week: 53 }. */
export function isoWeekOf(isoDate: string): { year: number; week: number } {
  const thursday = addDays(mondayOf(isoDate), 3)
  const year = Number(thursday.slice(0, 4))
  const firstThursday = dayNumber(addDays(mondayOf(`${year}-01-04`), 3))!
  return { year, week: (dayNumber(thursday)! - firstThursday) / 7 + 1 }
}

/** "2024-W07" of a day. */
export function weekKeyOf(isoDate: string): string {
  const { year, week } = isoWeekOf(isoDate)
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The Monday of a week key "2024-W07", or null if the year has no such week. */
export function mondayOfWeekKey(key: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key)
  if (!m) return null
  const [year, week] = [Number(m[1]), Number(m[2])]
  if (week < 1 || week > weeksInIsoYear(year)) return null
  return addDays(mondayOf(`${year}-01-04`), (week - 1) * 7)
}

/** 52 or 53. */
export function weeksInIsoYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).week
}

/** The quarter "2024-Q3" a week belongs to: the quarter of its Thursday. */
export function quarterOfWeek(monday: string): string {
  const thursday = addDays(mondayOf(monday), 3)
  return `${thursday.slice(0, 4)}-Q${Math.ceil(Number(thursday.slice(5, 7)) / 3)}`
}

/** The Mondays of the weeks of a quarter "2024-Q3", in order; throws on a key that is not a quarter. */
export function weeksOfQuarter(quarter: string): string[] {
  const p = parsePeriod(quarter)
  if (!p || p.kind !== 'quarter') throw new RangeError(`Not a quarter: ${quarter}`)
  // The first week whose Thursday is on or after the quarter's first day.
  let monday = mondayOf(addDays(p.start, 3))
  const weeks: string[] = []
  while (dayNumber(addDays(monday, 3))! <= dayNumber(p.end)!) {
    weeks.push(monday)
    monday = addDays(monday, 7)
  }
  return weeks
}

/** The quarter before or after: ("2024-Q1", -1) → "2023-Q4". */
export function shiftQuarter(quarter: string, by: number): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter)
  if (!m) throw new RangeError(`Not a quarter: ${quarter}`)
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + by
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

/** The days Monday-Sunday of a week. */
export function daysOfWeek(monday: string): string[] {
  const start = dayNumber(monday)!
  return Array.from({ length: 7 }, (_, i) => isoOfDayNumber(start + i))
}
