import { describe, expect, it } from 'vitest'
import { activeCompaniesIn } from '../companies/company-figures.ts'
import { jobOrEducationWithin13Weeks, placementsCompleted, placementsStarted } from './placement-figures.ts'

// A hand-made year of placements in Sønderborg (the figures asked about the first half of 2026,
// made on 2026-07-15 unless said otherwise):
//   P1 company A: 2026-01-05 → 2026-03-27, job from 2026-04-01           (ended in period, job within 13 weeks)
//   P2 company A: 2026-02-02 → 2026-04-24, education, day not recorded   (education from 2026-04-25)
//   P3 company B: 2026-03-02 → 2026-03-20, dropped out                   (no job; window closed 2026-06-19)
//   P4 company B: 2025-11-03 → 2026-01-30, completed, then nothing       (window closed 2026-05-01: no)
//   P5 company C: 2026-05-04 → 2026-06-26, completed                     (window open until 2026-09-25: pending)
//   P6 company C: 2026-04-06 → 2026-06-30, job from 2026-10-15           (too late: after 13 weeks, pending until then)
//   P7 company D: 2026-06-15 → running                                   (started, not ended)
//   P8 company E: 2025-09-01 → 2025-12-19, job                           (ended before the period)
const placements = [
  { companyId: 'A', startOn: '2026-01-05', endOn: '2026-03-27', outcome: 'job', outcomeOn: '2026-04-01' },
  { companyId: 'A', startOn: '2026-02-02', endOn: '2026-04-24', outcome: 'education', outcomeOn: null },
  { companyId: 'B', startOn: '2026-03-02', endOn: '2026-03-20', outcome: 'dropped-out', outcomeOn: null },
  { companyId: 'B', startOn: '2025-11-03', endOn: '2026-01-30', outcome: 'completed', outcomeOn: null },
  { companyId: 'C', startOn: '2026-05-04', endOn: '2026-06-26', outcome: 'completed', outcomeOn: null },
  { companyId: 'C', startOn: '2026-04-06', endOn: '2026-06-30', outcome: 'job', outcomeOn: '2026-10-15' },
  { companyId: 'D', startOn: '2026-06-15', endOn: null, outcome: null, outcomeOn: null },
  { companyId: 'E', startOn: '2025-09-01', endOn: '2025-12-19', outcome: 'job', outcomeOn: null },
] as const

describe('placements started in a period', () => {
  it.each([
    ['2026-01-01', '2026-06-30', 6], // P1 (01-05), P2 (02-02), P3 (03-02), P6 (04-06), P5 (05-04), P7 (06-15)
    ['2026-01-05', '2026-01-05', 1], // P1 on its first day
    ['2025-01-01', '2025-12-31', 2], // P4, P8
    ['2026-07-01', '2026-12-31', 0],
  ] as const)('from %s to %s counts %i', (from, to, expected) => {
    expect(placementsStarted(placements, from, to)).toBe(expected)
  })
})

describe('placements completed in a period', () => {
  it('counts ended placements that were not dropped out, by their last day', () => {
    // First half of 2026 ended: P1 job, P2 education, P3 dropped out, P4 completed, P5 completed, P6 job → 5 (P3 is not).
    expect(placementsCompleted(placements, '2026-01-01', '2026-06-30')).toBe(5)
    // The first quarter: P1 (03-27), P3 dropped out (03-20), P4 (01-30) → 2.
    expect(placementsCompleted(placements, '2026-01-01', '2026-03-31')).toBe(2)
    // A running placement is never completed.
    expect(placementsCompleted(placements, '2026-07-01', '2026-12-31')).toBe(0)
  })
})

describe('share of ended placements leading to job or education within 13 weeks', () => {
  it('counts, leaves out the pending and says so', () => {
    // Ended in H1 2026: P1 yes, P2 yes (education from 04-25), P3 no (window closed 06-19), P4 no
    // (window closed 05-01), P5 pending (window to 09-25), P6 pending (job begins after asOf, window to 09-29).
    expect(jobOrEducationWithin13Weeks(placements, '2026-01-01', '2026-06-30', '2026-07-15')).toEqual({ numerator: 2, denominator: 4, pending: 2, share: 0.5 })
  })

  it('counts a job that began after 13 weeks as none once the window has closed', () => {
    // On 2026-12-31 both windows are closed: P5 no, P6 no (job 2026-10-15 is after 2026-09-29).
    expect(jobOrEducationWithin13Weeks(placements, '2026-01-01', '2026-06-30', '2026-12-31')).toEqual({ numerator: 2, denominator: 6, pending: 0, share: 2 / 6 })
  })

  it('counts a job on the 91st day after the end, not on the 92nd', () => {
    const end = '2026-01-31' // + 91 days = 2026-05-02
    const on = jobOrEducationWithin13Weeks([{ companyId: 'A', startOn: '2026-01-01', endOn: end, outcome: 'job', outcomeOn: '2026-05-02' }], '2026-01-01', '2026-01-31', '2026-12-31')
    const after = jobOrEducationWithin13Weeks([{ companyId: 'A', startOn: '2026-01-01', endOn: end, outcome: 'job', outcomeOn: '2026-05-03' }], '2026-01-01', '2026-01-31', '2026-12-31')
    expect(on.numerator).toBe(1)
    expect(after).toEqual({ numerator: 0, denominator: 1, pending: 0, share: 0 })
  })

  it('has no share when nothing ended', () => {
    expect(jobOrEducationWithin13Weeks(placements, '2026-07-01', '2026-12-31', '2026-12-31')).toEqual({ numerator: 0, denominator: 0, pending: 0, share: null })
  })
})

describe('active companies in a period', () => {
  it('counts a company once for a contact or a placement running on a day of the period', () => {
    const contacts = [
      { companyId: 'F', happenedOn: '2026-02-10' },
      { companyId: 'A', happenedOn: '2026-02-11' },
    ]
    // Q1 2026: A (P1, P2, contact), B (P3, P4 until 01-30), F (contact) → 3; C starts later, D later, E ended 2025.
    expect(activeCompaniesIn(contacts, '2026-01-01', '2026-03-31', placements)).toBe(3)
    // Q3 2026: only D's running placement.
    expect(activeCompaniesIn(contacts, '2026-07-01', '2026-09-30', placements)).toBe(1)
    // A placement ending on the period's first day counts: P8 ends 2025-12-19.
    expect(activeCompaniesIn([], '2025-12-19', '2025-12-31', placements)).toBe(2) // E, and B's P4 (from 2025-11-03)
  })
})
