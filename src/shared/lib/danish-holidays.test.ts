import { describe, expect, it } from 'vitest'
import { addDays, danishHolidays, easterSunday, holidayOn } from './danish-holidays.ts'

describe('Easter Sunday', () => {
  it.each([
    [1818, '1818-03-22'], // the earliest possible date
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // the latest possible date
  ])('falls in %i on %s', (year, day) => {
    expect(easterSunday(year)).toBe(day)
  })
})

describe('Danish public holidays', () => {
  it('lists the ten holidays of 2026 with their Danish names, in order', () => {
    expect([...danishHolidays(2026)]).toEqual([
      ['2026-01-01', 'Nytårsdag'],
      ['2026-04-02', 'Skærtorsdag'],
      ['2026-04-03', 'Langfredag'],
      ['2026-04-05', 'Påskedag'],
      ['2026-04-06', '2. påskedag'],
      ['2026-05-14', 'Kristi himmelfartsdag'],
      ['2026-05-24', 'Pinsedag'],
      ['2026-05-25', '2. pinsedag'],
      ['2026-12-25', 'Juledag'],
      ['2026-12-26', '2. juledag'],
    ])
  })

  it('keeps store bededag up to 2023 and drops it from 2024, when it was abolished', () => {
    expect(holidayOn('2023-05-05')).toBe('Store bededag')
    expect(danishHolidays(2023).size).toBe(11)
    expect(holidayOn('2024-04-26')).toBeNull()
    expect(danishHolidays(2024).size).toBe(10)
  })

  it('computes the Easter-based holidays of 2023 and 2024 from their Easter', () => {
    expect(holidayOn('2023-05-18')).toBe('Kristi himmelfartsdag')
    expect(holidayOn('2023-05-29')).toBe('2. pinsedag')
    expect(holidayOn('2024-03-28')).toBe('Skærtorsdag')
    expect(holidayOn('2024-05-09')).toBe('Kristi himmelfartsdag')
    expect(holidayOn('2024-05-20')).toBe('2. pinsedag')
  })

  it('does not count grundlovsdag, juleaften, nytårsaften or an ordinary Monday', () => {
    expect(holidayOn('2026-06-05')).toBeNull()
    expect(holidayOn('2026-12-24')).toBeNull()
    expect(holidayOn('2026-12-31')).toBeNull()
    expect(holidayOn('2026-03-30')).toBeNull()
  })

  it('counts calendar days across a month, a year and a change to summer time', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-04-05', 39)).toBe('2026-05-14')
  })
})
