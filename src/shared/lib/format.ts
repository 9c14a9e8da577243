// The one place that turns dates, times and numbers into text for Danish users. Everything is
// shown in Danish time, whatever the clock of the machine that renders it says, so a server-made
// report and the browser agree.

const LOCALE = 'da-DK'
const TIME_ZONE = 'Europe/Copenhagen'

const dateTime = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' })
const dateTimeSeconds = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})
const date = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' })
const isoDateParts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

type DateInput = Date | string | number

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value)
}

/** "23. nov. 2026, 15.44" */
export function formatDateTime(value: DateInput): string {
  return dateTime.format(toDate(value))
}

/** "23. nov. 2026, 15.44.38": for logs, where the order of events within a minute matters. */
export function formatDateTimeWithSeconds(value: DateInput): string {
  return dateTimeSeconds.format(toDate(value))
}

/** "23. november 2026" */
export function formatDate(value: DateInput): string {
  return date.format(toDate(value))
}

/** "2026-11-23": the Danish calendar day, for machine-readable attributes such as <time dateTime>. */
export function isoDay(value: DateInput): string {
  return isoDateParts.format(toDate(value))
}

// Building an Intl.NumberFormat costs far more than formatting with one: one per option set, kept.
const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, options)
    numberFormats.set(key, format)
  }
  return format
}

/** "1.234,5": Danish separators; `fractionDigits` fixes the number of decimals when given. */
export function formatNumber(value: number, fractionDigits?: number): string {
  const min = fractionDigits ?? 0
  const max = fractionDigits ?? 2
  return numberFormat(`n${min}-${max}`, { minimumFractionDigits: min, maximumFractionDigits: max }).format(value)
}

/** "33 %": Danish puts a space before the percent sign. `share` is a fraction (0.33). */
export function formatPercent(share: number, fractionDigits = 0): string {
  return numberFormat(`p${fractionDigits}`, { style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(share)
}

/** "1 bruger" / "3 brugere": a count with the right form of the noun. */
export function formatCount(count: number, singular: string, plural: string): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`
}

/** "19,14 %": `value` is already in percent (19.14), as agreements print it; compare formatPercent. */
export function formatPercentValue(value: number, fractionDigits?: number): string {
  // The same no-break space as Intl's percent style, so "19,14" and "%" never part at a line end.
  return `${formatNumber(value, fractionDigits)}\u00a0%`
}

const shortDate = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
const monthYear = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, month: 'long', year: 'numeric' })

/** A calendar day ("2021-06-02") as a moment inside that day in Danish time, whatever the machine's zone. */
function calendarDay(value: DateInput): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number]
    // Noon UTC is the same day in Copenhagen in summer and winter.
    return new Date(Date.UTC(y, m - 1, d, 12))
  }
  return toDate(value)
}

/** "02.06.2021": the short form agreements use in tables and target-group headings. */
export function formatShortDate(value: DateInput): string {
  return shortDate.format(calendarDay(value))
}

/** "1. september 2021" for a calendar day ("2021-09-01"), never shifted by the machine's time zone. */
export function formatDay(value: DateInput): string {
  return date.format(calendarDay(value))
}

const weekdayDate = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })

/** "mandag den 25. august 2025" for a calendar day, never shifted by the machine's time zone. */
export function formatWeekdayDay(value: DateInput): string {
  return weekdayDate.format(calendarDay(value))
}

/** "februar 2021": a month (1-12) of a year. */
export function formatMonth(year: number, month: number): string {
  return monthYear.format(new Date(Date.UTC(year, month - 1, 15, 12)))
}

/** "kl. 12-17", "kl. 9.30-12": a span of clock times given as "HH:MM", in Danish form. */
export function formatClockRange(from: string, to: string): string {
  const clock = (hhmm: string) => {
    const [h, m] = hhmm.split(':')
    return m === '00' || m === undefined ? String(Number(h)) : `${Number(h)}.${m}`
  }
  return `kl. ${clock(from)}-${clock(to)}`
}
