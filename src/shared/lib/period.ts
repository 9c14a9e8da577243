import type { BaselineTime } from '../agreements.ts'
import { formatMonth, formatShortDate } from './format.ts'

/**
 * A period's key, as `PeriodKey` in ../indicators.ts checks it: a string. A plain alias, so these
 * helpers need nothing from the contracts (which import them).
 */
type PeriodKey = string

// Periods of indicator values as sortable keys (see PeriodKey in ../indicators.ts): "2023" (year),
// "2023-H1" (half-year), "2023-Q2" (quarter), "2023-05" (month), "2023-05-17" (day).
//
// Everything here is calendar arithmetic on whole days, without Date: a Date is a moment, and
// turning a calendar day into a moment and back shifts it by a day whenever the machine's time zone
// is not the one the day was meant in. Day numbers (days since 1970-01-01) are exact integers.
//
// Where a period sits in time (decided): at its LAST day. Counts from the job centre are taken at
// the end of a period ("udgang februar 2021", "ultimo 2. kvartal"), shares and averages are only
// complete once the period is over, and a value cannot be known before its period has ended; so
// the end is the "as measured at" point. The status rule's straight line from baseline to target,
// the asOf cut-off ("periods that have ended by asOf") and charts all use this one position, so a
// quarterly and a monthly series line up where they were measured.

export type PeriodKind = 'year' | 'half-year' | 'quarter' | 'month' | 'day'

export interface ParsedPeriod {
  kind: PeriodKind
  /** First day, "YYYY-MM-DD". */
  start: string
  /** Last day (inclusive), "YYYY-MM-DD". */
  end: string
}

const pad2 = (n: number) => String(n).padStart(2, '0')
const pad4 = (n: number) => String(n).padStart(4, '0')
const isoOf = (y: number, m: number, d: number) => `${pad4(y)}-${pad2(m)}-${pad2(d)}`

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

const isValidDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

/** The parts of a valid "YYYY-MM-DD", or null (also for "2021-02-31"). */
function isoParts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return isValidDay(y, mo, d) ? [y, mo, d] : null
}

/** Days since 1970-01-01 of a calendar day "YYYY-MM-DD" (negative before 1970), or null if it is not a valid day. */
export function dayNumber(isoDate: string): number | null {
  const parts = isoParts(isoDate)
  return parts ? daysFromCivil(...parts) : null
}

/** The kind, first and last day of a period key, or null when the key is not a valid period ("2023-Q5", "2021-02-30"). */
export function parsePeriod(key: string): ParsedPeriod | null {
  let m = /^(\d{4})$/.exec(key)
  if (m) {
    const y = Number(m[1])
    return { kind: 'year', start: isoOf(y, 1, 1), end: isoOf(y, 12, 31) }
  }
  m = /^(\d{4})-H([12])$/.exec(key)
  if (m) {
    const y = Number(m[1])
    return m[2] === '1'
      ? { kind: 'half-year', start: isoOf(y, 1, 1), end: isoOf(y, 6, 30) }
      : { kind: 'half-year', start: isoOf(y, 7, 1), end: isoOf(y, 12, 31) }
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key)
  if (m) {
    const y = Number(m[1])
    const first = (Number(m[2]) - 1) * 3 + 1
    return { kind: 'quarter', start: isoOf(y, first, 1), end: isoOf(y, first + 2, daysInMonth(y, first + 2)) }
  }
  m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])]
    if (mo < 1 || mo > 12) return null
    return { kind: 'month', start: isoOf(y, mo, 1), end: isoOf(y, mo, daysInMonth(y, mo)) }
  }
  if (isoParts(key)) return { kind: 'day', start: key, end: key }
  return null
}

/**
 * How Danish users read a period: "2023", "1. halvår 2023", "2. kvartal 2023", "maj 2023",
 * "17.05.2023". An invalid key is shown as it is: a report should show what is stored rather than
 * fail, and the key's schema keeps such values out in the first place.
 */
export function periodLabel(key: PeriodKey): string {
  const p = parsePeriod(key)
  if (!p) return key
  const year = key.slice(0, 4)
  switch (p.kind) {
    case 'year':
      return year
    case 'half-year':
      return `${key.slice(6)}. halvår ${year}`
    case 'quarter':
      return `${key.slice(6)}. kvartal ${year}`
    case 'month':
      return formatMonth(Number(year), Number(key.slice(5, 7)))
    case 'day':
      return formatShortDate(key)
  }
}

// Sorts compare the same few keys again and again: each is parsed once. The set of keys a process
// sees is small (periods of agreements); the cap only guards against an unbounded stream of keys.
const parsedKeys = new Map<string, ReturnType<typeof parsePeriod>>()

function parsedForSort(key: PeriodKey): ReturnType<typeof parsePeriod> {
  let parsed = parsedKeys.get(key)
  if (parsed === undefined && !parsedKeys.has(key)) {
    parsed = parsePeriod(key)
    if (parsedKeys.size >= 10_000) parsedKeys.clear()
    parsedKeys.set(key, parsed)
  }
  return parsed ?? null
}

/**
 * Time order: by last day, then by first day, so a series sorts as it was measured and a year comes
 * before the quarter, month and day that end with it. No two valid keys share both days, so only equal
 * keys compare as 0. Invalid keys sort after every valid one (by their text), so a bad value is
 * visible at the end instead of breaking the sort.
 */
export function comparePeriods(a: PeriodKey, b: PeriodKey): number {
  const pa = parsedForSort(a)
  const pb = parsedForSort(b)
  if (pa && pb) {
    if (pa.end !== pb.end) return pa.end < pb.end ? -1 : 1
    if (pa.start !== pb.start) return pa.start < pb.start ? -1 : 1
    return 0
  }
  if (pa) return -1
  if (pb) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A period's position in time: the day number (days since 1970-01-01) of its LAST day, or null for
 * an invalid key. See the note at the top of this file for why the end and not the midpoint.
 */
export function periodPosition(key: PeriodKey): number | null {
  const p = parsePeriod(key)
  return p ? dayNumber(p.end) : null
}

/** The period of the given kind that contains a calendar day: ("2023-05-17", 'quarter') → "2023-Q2"; null for an invalid day. */
export function periodOfDate(isoDate: string, kind: PeriodKind): PeriodKey | null {
  const parts = isoParts(isoDate)
  if (!parts) return null
  const [y, m] = parts
  const year = pad4(y)
  switch (kind) {
    case 'year':
      return year
    case 'half-year':
      return `${year}-H${m <= 6 ? 1 : 2}`
    case 'quarter':
      return `${year}-Q${Math.ceil(m / 3)}`
    case 'month':
      return `${year}-${pad2(m)}`
    case 'day':
      return isoDate
  }
}

/** The period a baseline was measured in: a year → "2018", a month → "2021-02", a date → "2021-06-02". */
export function baselinePeriod(b: BaselineTime): PeriodKey {
  switch (b.kind) {
    case 'year':
      return pad4(b.year)
    case 'month':
      return `${pad4(b.year)}-${pad2(b.month)}`
    case 'date':
      return b.date
  }
}

// ---------------------------------------------------------------------------------------------
// Reading what people write

const monthNames: Readonly<Record<string, number>> = {
  januar: 1, jan: 1,
  februar: 2, feb: 2,
  marts: 3, mar: 3,
  april: 4, apr: 4,
  maj: 5,
  juni: 6, jun: 6,
  juli: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
}

function monthKey(y: number, m: number): PeriodKey | null {
  return m >= 1 && m <= 12 ? `${pad4(y)}-${pad2(m)}` : null
}

function dayKey(y: number, m: number, d: number): PeriodKey | null {
  return isValidDay(y, m, d) ? isoOf(y, m, d) : null
}

/**
 * A period key from what Danish users type and job-centre extracts (Momentum, Excel) print, or null
 * when the text is not a period we can read with certainty. Case and spacing do not matter.
 *
 * - year: "2023"
 * - quarter: "2023-Q2", "2023Q2", "2023K2", "2023 K2", "K2 2023", "Q2-2023", "2. kvt. 2023", "2. kvartal 2023"
 * - half-year: "2023-H1", "2023H1", "H1 2023", "1. halvår 2023"
 * - month: "2023-05", "2023-5", "2023/05", "05-2023", "5/2023", "05.2023", "maj 2023", "feb. 2021",
 *   "maj-23", and "udgang februar 2021" / "udgangen af februar 2021" / "ultimo februar 2021" (→ "2021-02":
 *   a month's end is where the key already places a month in time)
 * - day: "2021-06-02", "02.06.2021", "2.6.2021", "02-06-2021", "2/6/2021", "2. juni 2021"
 *
 * Decisions: numeric dates are day first (Danish), never month first. A two-digit year is read only
 * after a month name ("maj-23" → "2023-05"): that is how Excel's Danish "mmm-åå" format shows a real
 * date, so the year is 20yy, and a month name leaves no doubt which number is the year; "02.06.21"
 * and "05-23" are refused because they could be read more than one way. Words after a number
 * ("2023 (foreløbig)") are refused rather than guessed at.
 */
export function readPeriod(text: string): PeriodKey | null {
  const s = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/\s*([-/])\s*/g, '$1')
    .replace(/^(udgangen af|udgangen|udgang|ultimo|pr\.|per) /, '')

  const canonical = s.toUpperCase()
  if (parsePeriod(canonical)) return canonical

  let m: RegExpExecArray | null
  // Quarters and half-years, year first or last, with Q or K (kvartal) and H.
  if ((m = /^(\d{4})[-/ ]?([qk])([1-4])$/.exec(s))) return `${m[1]}-Q${m[3]}`
  if ((m = /^([qk])([1-4])[-/ ]?(\d{4})$/.exec(s))) return `${m[3]}-Q${m[2]}`
  if ((m = /^(\d{4})[-/ ]?h([12])$/.exec(s))) return `${m[1]}-H${m[2]}`
  if ((m = /^h([12])[-/ ]?(\d{4})$/.exec(s))) return `${m[2]}-H${m[1]}`
  if ((m = /^([1-4])\.? ?(kvartal|kvt\.?|kv\.?) ?(\d{4})$/.exec(s))) return `${m[3]}-Q${m[1]}`
  if ((m = /^([12])\.? ?halvår ?(\d{4})$/.exec(s))) return `${m[2]}-H${m[1]}`

  // Months as numbers.
  if ((m = /^(\d{4})[-/](\d{1,2})$/.exec(s))) return monthKey(Number(m[1]), Number(m[2]))
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(s))) return monthKey(Number(m[2]), Number(m[1]))

  // Months by name, with a four-digit year or (Excel's "maj-23") a two-digit one.
  if ((m = /^(\p{L}+)\.?(?: ?'|[ -])?(\d{4}|\d{2})$/u.exec(s))) {
    const month = monthNames[m[1] ?? '']
    if (month === undefined) return null
    const year = Number(m[2])
    return monthKey(m[2]?.length === 2 ? 2000 + year : year, month)
  }

  // Days: ISO without zero padding, Danish day-first numbers, and "2. juni 2021".
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) return dayKey(Number(m[1]), Number(m[2]), Number(m[3]))
  if ((m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(s))) return dayKey(Number(m[4]), Number(m[3]), Number(m[1]))
  if ((m = /^(\d{1,2})\.? ?(\p{L}+)\.? ?(\d{4})$/u.exec(s))) {
    const month = monthNames[m[2] ?? '']
    return month === undefined ? null : dayKey(Number(m[3]), month, Number(m[1]))
  }
  return null
}

/**
 * "YYYY-MM-DD" of a day number (days since 1970-01-01; H. Hinnant's civil_from_days, the inverse
 * of dayNumber). Throws outside the years 0000-9999, which dayNumber could not read back.
 */
export function isoOfDayNumber(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole day number: ${n}`)
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const dayOfEra = z - era * 146097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
  if (y < 0 || y > 9999) throw new RangeError(`The day falls outside the years 0000-9999 (${y})`)
  return isoOf(y, m, d)
}

function parts(isoDate: string): [number, number, number] {
  const p = isoParts(isoDate)
  if (!p) throw new RangeError(`Not a calendar day "YYYY-MM-DD": ${JSON.stringify(isoDate)}`)
  return p
}

/** The calendar day `days` after (or before, when negative) a day "YYYY-MM-DD"; throws on an invalid day. */
export function addDays(isoDate: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`)
  return isoOfDayNumber(daysFromCivil(...parts(isoDate)) + days)
}

/**
 * The same day `months` calendar months on (or back), or the last day of that month when it is
 * shorter: 2024-01-31 + 1 month = 2024-02-29, 2023-01-31 + 1 month = 2023-02-28.
 */
export function addMonths(isoDate: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`)
  const [y, m, d] = parts(isoDate)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index - year * 12) + 1
  if (year < 0 || year > 9999) throw new RangeError(`The day falls outside the years 0000-9999 (${year})`)
  return isoOf(year, month, Math.min(d, daysInMonth(year, month)))
}
