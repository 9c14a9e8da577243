import { describe, expect, it } from 'vitest'
import { readSeedAgreement } from '../agreements/seed-files.ts'
import { generateOccurrences, isoWeekNumber, mondayOf, weekdayOf } from './occurrence-generation.ts'

// Sønderborg's schedules as the seed agreement states them: Stenbjergparken Mondays, Kløver-/
// Hvedemarken Tuesdays, Nørager og Søstjernevej m.fl. Thursdays, 12-17, 3-4 staff.
const file = readSeedAgreement('soenderborg-beskaeftigelse').file
const schedules = file.agreement.activities.find((a) => a.key === 'aaben-raadgivning')!.schedules
const ALWAYS = { from: '2019-01-01', to: '2026-12-31' }
const brief = (o: ReturnType<typeof generateOccurrences>[number]) => `${o.heldOn} ${o.site} ${o.startsAt}-${o.endsAt}${o.holiday ? ` (${o.holiday})` : ''}`

describe('occurrences from weekly schedules', () => {
  it('reads three schedules from the seed agreement, with 3-4 staff each', () => {
    expect(schedules.map((s) => [s.site, s.weekday, s.from, s.to, s.staffingMin, s.staffingMax])).toEqual([
      ['Stenbjergparken', 'monday', '12:00', '17:00', 3, 4],
      ['Kløver-/Hvedemarken', 'tuesday', '12:00', '17:00', 3, 4],
      ['Nørager og Søstjernevej m.fl.', 'thursday', '12:00', '17:00', 3, 4],
    ])
  })

  it('gives one occurrence per schedule per week across the change to summer time, holidays marked', () => {
    // Summer time starts on Sunday 29 March 2026; Easter Sunday is 5 April.
    const result = generateOccurrences(schedules, { from: '2026-03-23', to: '2026-04-12' }, ALWAYS)
    expect(result.map(brief)).toEqual([
      '2026-03-23 Stenbjergparken 12:00-17:00',
      '2026-03-24 Kløver-/Hvedemarken 12:00-17:00',
      '2026-03-26 Nørager og Søstjernevej m.fl. 12:00-17:00',
      '2026-03-30 Stenbjergparken 12:00-17:00',
      '2026-03-31 Kløver-/Hvedemarken 12:00-17:00',
      '2026-04-02 Nørager og Søstjernevej m.fl. 12:00-17:00 (Skærtorsdag)',
      '2026-04-06 Stenbjergparken 12:00-17:00 (2. påskedag)',
      '2026-04-07 Kløver-/Hvedemarken 12:00-17:00',
      '2026-04-09 Nørager og Søstjernevej m.fl. 12:00-17:00',
    ])
    expect(result[0]).toMatchObject({ scheduleKey: 'stenbjergparken-mandag', venue: 'Beboerhuset', staffingMin: 3, staffingMax: 4 })
  })

  it('keeps the same days and times across the change back to winter time', () => {
    // Winter time starts on Sunday 25 October 2026.
    const result = generateOccurrences(schedules, { from: '2026-10-19', to: '2026-11-01' }, ALWAYS)
    expect(result.map(brief)).toEqual([
      '2026-10-19 Stenbjergparken 12:00-17:00',
      '2026-10-20 Kløver-/Hvedemarken 12:00-17:00',
      '2026-10-22 Nørager og Søstjernevej m.fl. 12:00-17:00',
      '2026-10-26 Stenbjergparken 12:00-17:00',
      '2026-10-27 Kløver-/Hvedemarken 12:00-17:00',
      '2026-10-29 Nørager og Søstjernevej m.fl. 12:00-17:00',
    ])
  })

  it('promises nothing before the revision takes effect or after the funding period ends', () => {
    // Revision 1 takes effect on Wednesday 1 September 2021.
    expect(generateOccurrences(schedules, { from: '2021-08-30', to: '2021-09-05' }, { from: '2021-09-01', to: '2026-12-31' }).map(brief)).toEqual([
      '2021-09-02 Nørager og Søstjernevej m.fl. 12:00-17:00',
    ])
    expect(generateOccurrences(schedules, { from: '2026-12-21', to: '2027-01-10' }, ALWAYS).map(brief)).toEqual([
      '2026-12-21 Stenbjergparken 12:00-17:00',
      '2026-12-22 Kløver-/Hvedemarken 12:00-17:00',
      '2026-12-24 Nørager og Søstjernevej m.fl. 12:00-17:00',
      '2026-12-28 Stenbjergparken 12:00-17:00',
      '2026-12-29 Kløver-/Hvedemarken 12:00-17:00',
      '2026-12-31 Nørager og Søstjernevej m.fl. 12:00-17:00',
    ])
    expect(generateOccurrences(schedules, { from: '2027-01-01', to: '2027-01-31' }, ALWAYS)).toEqual([])
  })

  it('marks juledag on a Thursday and gives the same list when generated twice', () => {
    const once = generateOccurrences(schedules, { from: '2025-12-22', to: '2025-12-28' }, ALWAYS)
    expect(once.map(brief)).toEqual([
      '2025-12-22 Stenbjergparken 12:00-17:00',
      '2025-12-23 Kløver-/Hvedemarken 12:00-17:00',
      '2025-12-25 Nørager og Søstjernevej m.fl. 12:00-17:00 (Juledag)',
    ])
    expect(generateOccurrences(schedules, { from: '2025-12-22', to: '2025-12-28' }, ALWAYS)).toEqual(once)
  })

  it('gives 157 occurrences in 2026 from three weekly schedules, 5 of them on holidays', () => {
    const year = generateOccurrences(schedules, { from: '2026-01-01', to: '2026-12-31' }, ALWAYS)
    // 2026 has 52 Mondays, 52 Tuesdays and 53 Thursdays (it starts on a Thursday).
    expect(year.length).toBe(157)
    // 2. påskedag and 2. pinsedag are Mondays, skærtorsdag and Kristi himmelfartsdag Thursdays; 1 January is a Thursday.
    expect(year.filter((o) => o.holiday).map((o) => o.holiday)).toEqual(['Nytårsdag', 'Skærtorsdag', '2. påskedag', 'Kristi himmelfartsdag', '2. pinsedag'])
  })

  it('names weekdays and the Monday of a week', () => {
    expect(weekdayOf('2026-03-30')).toBe('monday')
    expect(weekdayOf('2026-12-06')).toBe('sunday')
    expect(mondayOf('2026-12-06')).toBe('2026-11-30')
    expect(mondayOf('2026-11-30')).toBe('2026-11-30')
    expect(mondayOf('2027-01-01')).toBe('2026-12-28')
  })

  it('numbers weeks as ISO 8601 does, a 53rd week in 2026 included', () => {
    expect(isoWeekNumber('2026-03-02')).toBe(10)
    expect(isoWeekNumber('2025-08-25')).toBe(35)
    expect(isoWeekNumber('2026-12-28')).toBe(53)
    expect(isoWeekNumber('2027-01-03')).toBe(53)
    expect(isoWeekNumber('2024-12-30')).toBe(1)
    expect(isoWeekNumber('2027-01-04')).toBe(1)
  })
})
