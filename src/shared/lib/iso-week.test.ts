import { describe, expect, it } from 'vitest'
import { isoWeekOf, mondayOf, mondayOfWeekKey, quarterOfWeek, shiftQuarter, weekKeyOf, weeksInIsoYear, weeksOfQuarter } from './iso-week.ts'

describe('ISO weeks', () => {
  it('names a week by the year of its Thursday', () => {
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 })
    expect(isoWeekOf('2021-01-04')).toEqual({ year: 2021, week: 1 })
    expect(weekKeyOf('2024-12-30')).toBe('2025-W01')
    expect(weekKeyOf('2025-07-03')).toBe('2025-W27')
  })
  it('finds the Monday of a day and of a week key', () => {
    expect(mondayOf('2025-07-06')).toBe('2025-06-30')
    expect(mondayOf('2025-06-30')).toBe('2025-06-30')
    expect(mondayOfWeekKey('2025-W27')).toBe('2025-06-30')
    expect(mondayOfWeekKey('2026-W53')).toBe('2026-12-28')
    expect(mondayOfWeekKey('2025-W53')).toBeNull()
  })
  it('knows the years with 53 weeks', () => {
    expect(weeksInIsoYear(2020)).toBe(53)
    expect(weeksInIsoYear(2025)).toBe(52)
    expect(weeksInIsoYear(2026)).toBe(53)
  })
  it('puts each week in the quarter of its Thursday', () => {
    // 30 Jun 2025 is a Monday; its Thursday, 3 July, is in Q3.
    expect(quarterOfWeek('2025-06-30')).toBe('2025-Q3')
    expect(quarterOfWeek('2025-06-23')).toBe('2025-Q2')
    // 2026-W53 (28 Dec - 3 Jan) has its Thursday on 31 December.
    expect(quarterOfWeek('2026-12-28')).toBe('2026-Q4')
    expect(quarterOfWeek('2025-12-29')).toBe('2026-Q1')
  })
  it('gives a quarter 13 weeks, or 14 where the year has 53', () => {
    const q3 = weeksOfQuarter('2025-Q3')
    expect(q3).toHaveLength(13)
    expect(q3[0]).toBe('2025-06-30')
    expect(q3.at(-1)).toBe('2025-09-22')
    expect(weeksOfQuarter('2026-Q4')).toHaveLength(14)
    expect(weeksOfQuarter('2026-Q4').at(-1)).toBe('2026-12-28')
    // Every week of 2020-2030 lies in exactly one quarter.
    for (let year = 2020; year <= 2030; year++) {
      const weeks = [1, 2, 3, 4].flatMap((q) => weeksOfQuarter(`${year}-Q${q}`))
      expect(weeks).toHaveLength(weeksInIsoYear(year))
      expect(new Set(weeks).size).toBe(weeks.length)
    }
  })
  it('steps between quarters across years', () => {
    expect(shiftQuarter('2024-Q1', -1)).toBe('2023-Q4')
    expect(shiftQuarter('2023-Q4', 1)).toBe('2024-Q1')
    expect(shiftQuarter('2025-Q3', 0)).toBe('2025-Q3')
  })
})
