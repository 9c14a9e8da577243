// Danish public holidays (helligdage), a pure rule (CONTRIBUTING.md). Open counselling is not held on
// them, and staff time does not count them as working days. The fixed ones are nytårsdag (1 January),
// juledag and 2. juledag (25 and 26 December); the rest follow Easter Sunday: skærtorsdag (-3), langfredag (-2), påskedag (0), 2. påskedag (+1), store
// bededag (+26, only until 2023: abolished by law from 2024), Kristi himmelfartsdag (+39), pinsedag
// (+49) and 2. pinsedag (+50). Grundlovsdag, juleaften and nytårsaften are not public holidays.

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const DAY_MS = 86_400_000

/** A calendar day `n` days after `day` (both YYYY-MM-DD); days, not hours, so no clock change matters. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** The public holidays of a year, by day, with their Danish names. */
export function danishHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year)
  const fromEaster: [number, string][] = [
    [-3, 'Skærtorsdag'],
    [-2, 'Langfredag'],
    [0, 'Påskedag'],
    [1, '2. påskedag'],
    [39, 'Kristi himmelfartsdag'],
    [49, 'Pinsedag'],
    [50, '2. pinsedag'],
  ]
  if (year <= 2023) fromEaster.push([26, 'Store bededag'])
  const days: [string, string][] = [
    [`${year}-01-01`, 'Nytårsdag'],
    ...fromEaster.map(([n, name]): [string, string] => [addDays(easter, n), name]),
    [`${year}-12-25`, 'Juledag'],
    [`${year}-12-26`, '2. juledag'],
  ]
  return new Map(days.sort(([a], [b]) => a.localeCompare(b)))
}

/** The holiday's name if `day` (YYYY-MM-DD) is a Danish public holiday, else null. */
export function holidayOn(day: string): string | null {
  return danishHolidays(Number(day.slice(0, 4))).get(day) ?? null
}

/** The public holidays of a year with their Danish names, in date order. */
export function danishPublicHolidays(year: number): { date: string; name: string }[] {
  return [...danishHolidays(year)].map(([date, name]) => ({ date, name }))
}
