import { describe, expect, it } from 'vitest'
import { checkDueOn, checkOf, dueChecks, groupsInYear, leisureJobRetention, stepCounts, type ProgressFacts, type StepFacts } from './pathway-figures.ts'

// Hand-made timeline: Varde's six steps, four young people in 2026.
const steps: StepFacts[] = [
  { id: 'pocket', position: 1, askAfterMonths: null },
  { id: 'cv', position: 2, askAfterMonths: null },
  { id: 'guide', position: 3, askAfterMonths: null },
  { id: 'interview', position: 4, askAfterMonths: null },
  { id: 'job', position: 5, askAfterMonths: null },
  { id: 'kept', position: 6, askAfterMonths: 3 },
]
const p = (participantId: string, stepId: string, reachedOn: string, stillHeld: boolean | null = null): ProgressFacts => ({ participantId, stepId, reachedOn, stillHeld })
const timeline: ProgressFacts[] = [
  // Sara: the whole way, job on 31 January, asked on 30 April (31 April does not exist), still there.
  p('sara', 'pocket', '2025-11-03'),
  p('sara', 'guide', '2026-01-10'),
  p('sara', 'job', '2026-01-31'),
  p('sara', 'kept', '2026-04-30', true),
  // Omar: job on 1 March, lost it by June.
  p('omar', 'guide', '2026-02-01'),
  p('omar', 'job', '2026-03-01'),
  p('omar', 'kept', '2026-06-02', false),
  // Lina: job on 15 September; asked on 15 December.
  p('lina', 'guide', '2026-08-20'),
  p('lina', 'job', '2026-09-15'),
  // Yusuf: job in 2025, not asked yet.
  p('yusuf', 'job', '2025-12-01'),
]

describe('the check and when it is asked', () => {
  it('is the step with months, after the leisure job', () => expect(checkOf(steps)).toMatchObject({ check: { id: 'kept' }, before: { id: 'job' } }))
  it('is asked three calendar months on, at the month end when the day does not exist', () => {
    expect(checkDueOn('2026-01-31', 3)).toBe('2026-04-30')
    expect(checkDueOn('2026-09-15', 3)).toBe('2026-12-15')
  })
  it('is on the due list from its day until answered, and never before', () => {
    expect(dueChecks(steps, timeline, '2026-12-14')).toEqual([{ participantId: 'yusuf', stepId: 'kept', dueOn: '2026-03-01' }])
    expect(dueChecks(steps, timeline, '2026-12-15')).toEqual([
      { participantId: 'yusuf', stepId: 'kept', dueOn: '2026-03-01' },
      { participantId: 'lina', stepId: 'kept', dueOn: '2026-12-15' },
    ])
  })
})

describe('the funnel in 2026', () => {
  it('counts the young people who reached each step in the year', () => {
    expect(stepCounts(steps, timeline, '2026')).toEqual([
      { stepId: 'pocket', count: 0 },
      { stepId: 'cv', count: 0 },
      { stepId: 'guide', count: 3 },
      { stepId: 'interview', count: 0 },
      { stepId: 'job', count: 3 },
      // Omar's "no" is not a step reached.
      { stepId: 'kept', count: 1 },
    ])
  })
  it('three entered a leisure job; one kept it, one lost it, one is still to be asked', () => {
    expect(leisureJobRetention(steps, timeline, '2026')).toEqual({ entered: 3, kept: 1, lost: 1, awaiting: 1 })
  })
  it('in the first quarter two entered and both have been asked', () => {
    expect(leisureJobRetention(steps, timeline, '2026-Q1')).toEqual({ entered: 2, kept: 1, lost: 1, awaiting: 0 })
  })
  it('has no retention figure for a pathway without a check', () => {
    expect(leisureJobRetention(steps.slice(0, 5), timeline, '2026')).toBeNull()
  })
})

describe('groups per year against "1 til 2 hold pr år"', () => {
  const target = { min: 1, max: 2 }
  const groups = [{ startsOn: '2025-09-01' }, { startsOn: '2026-02-01' }, { startsOn: '2026-08-15' }, { startsOn: '2027-01-10' }]
  it('none is below', () => expect(groupsInYear(groups, 2024, target)).toEqual({ count: 0, verdict: 'below' }))
  it('one or two is within', () => {
    expect(groupsInYear(groups, 2025, target)).toEqual({ count: 1, verdict: 'within' })
    expect(groupsInYear(groups, 2026, target)).toEqual({ count: 2, verdict: 'within' })
  })
  it('three is above', () => expect(groupsInYear([...groups, { startsOn: '2026-11-01' }], 2026, target)).toEqual({ count: 3, verdict: 'above' }))
  it('says so when the agreement has no target', () => expect(groupsInYear(groups, 2026, null)).toEqual({ count: 2, verdict: 'no-target' }))
})
