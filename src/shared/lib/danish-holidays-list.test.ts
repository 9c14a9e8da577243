import { describe, expect, it } from 'vitest'
import { danishPublicHolidays, easterSunday } from './danish-holidays.ts'

describe('Danish public holidays', () => {
  it('finds Easter Sunday', () => {
    expect(easterSunday(2019)).toBe('2019-04-21')
    expect(easterSunday(2023)).toBe('2023-04-09')
    expect(easterSunday(2024)).toBe('2024-03-31')
    expect(easterSunday(2025)).toBe('2025-04-20')
    expect(easterSunday(2026)).toBe('2026-04-05')
  })
  it('lists the holidays of 2025 without Store bededag', () => {
    expect(danishPublicHolidays(2025).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2025-01-01 Nytårsdag',
      '2025-04-17 Skærtorsdag',
      '2025-04-18 Langfredag',
      '2025-04-20 Påskedag',
      '2025-04-21 2. påskedag',
      '2025-05-29 Kristi himmelfartsdag',
      '2025-06-08 Pinsedag',
      '2025-06-09 2. pinsedag',
      '2025-12-25 Juledag',
      '2025-12-26 2. juledag',
    ])
  })
  it('keeps Store bededag before 2024', () => {
    expect(danishPublicHolidays(2023).find((h) => h.name === 'Store bededag')?.date).toBe('2023-05-05')
    expect(danishPublicHolidays(2024).some((h) => h.name === 'Store bededag')).toBe(false)
  })
})
