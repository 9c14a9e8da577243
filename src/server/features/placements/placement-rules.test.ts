import { describe, expect, it } from 'vitest'
import { jobBeganOn, openingStatusAfter, threeMonthsDue, threeMonthsDueOn } from './placement-rules.ts'

describe('when "still in the job after 3 months?" is asked', () => {
  const internship = { openingKind: 'virksomhedspraktik', startOn: '2026-09-01', endOn: null, outcome: null, outcomeOn: null } as const

  it('asks nothing about an internship that has not led to a job', () => {
    expect(threeMonthsDueOn(internship)).toBeNull()
    expect(threeMonthsDueOn({ ...internship, endOn: '2026-11-27', outcome: 'education' })).toBeNull()
    expect(threeMonthsDueOn({ ...internship, endOn: '2026-11-27', outcome: 'dropped-out' })).toBeNull()
  })

  it('asks three months after the job that followed the internship began', () => {
    expect(threeMonthsDueOn({ ...internship, endOn: '2026-11-27', outcome: 'job', outcomeOn: '2026-12-01' })).toBe('2027-03-01')
  })

  it('counts from the day after the end when the first day of the job is not recorded', () => {
    expect(jobBeganOn({ ...internship, endOn: '2026-11-27', outcome: 'job', outcomeOn: null })).toBe('2026-11-28')
    expect(threeMonthsDueOn({ ...internship, endOn: '2026-11-27', outcome: 'job', outcomeOn: null })).toBe('2027-02-28')
  })

  it('asks three months after the start when the opening is itself a job', () => {
    expect(threeMonthsDueOn({ ...internship, openingKind: 'fritidsjob', startOn: '2026-03-15' })).toBe('2026-06-15')
    // 30 November + 3 months: February has no 30th, so its last day.
    expect(threeMonthsDueOn({ ...internship, openingKind: 'ordinaert-job', startOn: '2026-11-30' })).toBe('2027-02-28')
  })

  it('is due from its day until answered', () => {
    const job = { ...internship, openingKind: 'smaajob', startOn: '2026-03-15' } as const
    expect(threeMonthsDue(job, false, '2026-06-14')).toBe(false)
    expect(threeMonthsDue(job, false, '2026-06-15')).toBe(true)
    expect(threeMonthsDue(job, false, '2026-12-31')).toBe(true)
    expect(threeMonthsDue(job, true, '2026-12-31')).toBe(false)
  })
})

describe('an opening filled by its placements', () => {
  it.each([
    ['open', 2, 1, 'open'],
    ['open', 2, 2, 'filled'],
    ['filled', 2, 1, 'open'],
    ['open', 1, 3, 'filled'],
    ['closed', 2, 0, 'closed'],
    ['closed', 2, 2, 'closed'],
  ] as const)('%s with %i places and %i taken is %s', (status, places, taken, expected) => {
    expect(openingStatusAfter(status, places, taken)).toBe(expected)
  })
})
