import { addDays } from '../../../shared/lib/period.ts'

// Danish public holidays (helligdage) of a year: a pure rule (CONTRIBUTING.md). The movable ones
// follow Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher). Store bededag was abolished
// from 2024 (lov nr. 196 af 28.2.2023). Christmas Eve, New Year's Eve and Constitution Day are not
// public holidays, though many workplaces close; a plan that wants them counts them in its own
// weeks. Used to take public holidays out of the weeks a promise of hours applies to.

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

/** The public holidays of a year with their Danish names, in date order. */
export function danishPublicHolidays(year: number): { date: string; name: string }[] {
  const easter = easterSunday(year)
  const days = [
    { date: `${year}-01-01`, name: 'Nytårsdag' },
    { date: addDays(easter, -3), name: 'Skærtorsdag' },
    { date: addDays(easter, -2), name: 'Langfredag' },
    { date: easter, name: 'Påskedag' },
    { date: addDays(easter, 1), name: '2. påskedag' },
    ...(year < 2024 ? [{ date: addDays(easter, 26), name: 'Store bededag' }] : []),
    { date: addDays(easter, 39), name: 'Kristi himmelfartsdag' },
    { date: addDays(easter, 49), name: 'Pinsedag' },
    { date: addDays(easter, 50), name: '2. pinsedag' },
    { date: `${year}-12-25`, name: 'Juledag' },
    { date: `${year}-12-26`, name: '2. juledag' },
  ]
  return days.sort((x, y) => x.date.localeCompare(y.date))
}
