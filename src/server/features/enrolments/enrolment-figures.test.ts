import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatPercent } from '../../../shared/lib/format.ts'
import { dayNumber, parsePeriod } from '../../../shared/lib/period.ts'
import {
  type AttendanceFacts,
  activationShare,
  activeParticipants,
  computeFigures,
  courseLength,
  EXIT_REASONS,
  type EnrolmentFacts,
  exitReasonCounts,
  exitReasonLabels,
  FIGURE_DEFINITIONS,
  FIGURE_KEYS,
  occupancy,
  transitionShare,
} from './enrolment-figures.ts'

const enrolment = (over: Partial<EnrolmentFacts> & Pick<EnrolmentFacts, 'id'>): EnrolmentFacts => ({
  participantId: `p-${over.id}`,
  activityId: 'beskaeftigelseskursus',
  referredOn: '2023-12-01',
  startOn: '2024-01-01',
  exitOn: null,
  exitReason: null,
  destinationOn: null,
  ...over,
})

const present = (enrolmentId: string, heldOn: string, isPresent = true): AttendanceFacts => ({ enrolmentId, heldOn, present: isPresent })

// Three residents over 1st quarter 2024 (1 January - 31 March, 91 days: 2024 is a leap year).
// - Amal: 8 January through 17 March = 24 + 29 + 17 = 70 days = 10 weeks; then an internship from
//   25 March, 8 days after the course.
// - Bo: started 4 December 2023, ended for illness 9 February 2024: 28 + 31 + 9 = 68 days, of which
//   31 + 9 = 40 in the quarter.
// - Carla: referred 20 February, still on the waiting list.
const amal = enrolment({
  id: 'amal',
  referredOn: '2023-12-01',
  startOn: '2024-01-08',
  exitOn: '2024-03-17',
  exitReason: 'virksomhedspraktik',
  destinationOn: '2024-03-25',
})
const bo = enrolment({ id: 'bo', referredOn: '2023-11-15', startOn: '2023-12-04', exitOn: '2024-02-09', exitReason: 'sygdom' })
const carla = enrolment({ id: 'carla', referredOn: '2024-02-20', startOn: null })
const quarter = [amal, bo, carla]

describe('a quarter with three residents', () => {
  it('counts the two who were in the course as active and the one on the waiting list apart', () => {
    expect(activeParticipants(quarter, '2024-Q1')).toEqual({
      figure: 'active-participants',
      period: '2024-Q1',
      participants: 2,
      enrolments: 2,
      waitingAtPeriodEnd: 1,
      excluded: { notStartedByPeriodEnd: 1, endedBeforePeriod: 0 },
      explanation: '2 deltagere var i gang i 1. kvartal 2024. 1 deltager stod på venteliste 31. marts 2024.',
    })
  })

  it('measures the two courses that ended: 10 weeks and 68 days, mean and median 69 days', () => {
    const result = courseLength(quarter, '2024-Q1')
    expect(result.n).toBe(2)
    expect(result.meanWeeks).toBeCloseTo(69 / 7, 12)
    expect(result.medianWeeks).toBeCloseTo(69 / 7, 12)
    expect(result.excluded).toEqual({ leftWaitingList: 0 })
    expect(result.explanation).toBe('2 forløb sluttede i 1. kvartal 2024 og varede i gennemsnit 9,9 uger (median 9,9 uger).')
  })

  it('measures occupancy as 110 enrolment-days over 12 places for 91 days, peaking at 2 on 8 January', () => {
    // Amal 70 days + Bo 40 days in the quarter; both in the course 8 January through 9 February.
    const result = occupancy(quarter, 12, '2024-Q1')
    expect(result).toMatchObject({
      days: 91,
      capacity: 12,
      enrolmentDays: 110,
      placeDays: 1092,
      peak: 2,
      peakOn: '2024-01-08',
      daysAboveCapacity: 0,
      excluded: { notStartedByPeriodEnd: 1, endedBeforePeriod: 0 },
    })
    expect(result.averageActive).toBeCloseTo(110 / 91, 12)
    expect(result.share).toBeCloseTo(110 / 1092, 12)
    expect(result.explanation).toBe(
      `I gennemsnit var 1,2 forløb i gang pr. dag i 1. kvartal 2024, svarende til ${formatPercent(110 / 1092)} af 12 pladser. Flest i gang på én dag: 2, første gang 8. januar 2024.`,
    )
  })

  it('counts Amal as a transition within 4 weeks and Bo as none, once the internship has begun', () => {
    // Amal's window: 17 March + 28 days = 14 April; the internship began 25 March.
    expect(transitionShare(quarter, 4, '2024-Q1', '2024-04-30')).toEqual({
      figure: 'transition-share',
      period: '2024-Q1',
      asOf: '2024-04-30',
      weeks: 4,
      numerator: 1,
      denominator: 2,
      share: 0.5,
      pending: 0,
      withoutReason: 0,
      excluded: { leftWaitingList: 0 },
      explanation: `1 af 2 forløb, der sluttede i 1. kvartal 2024, gik videre til virksomhedspraktik eller job inden for 4 uger (${formatPercent(0.5)}).`,
    })
  })

  it('holds Amal as pending before the internship has begun, while the window is open', () => {
    const result = transitionShare(quarter, 4, '2024-Q1', '2024-03-20')
    expect(result).toMatchObject({ numerator: 0, denominator: 1, share: 0, pending: 1 })
    expect(result.explanation).toContain('1 forløb afventer, fordi fristen ikke var udløbet 20. marts 2024')
  })

  it('counts one exit for internship and one for illness', () => {
    const result = exitReasonCounts(quarter, '2024-Q1')
    expect(result.counts).toEqual({
      virksomhedspraktik: 1,
      job: 0,
      uddannelse: 0,
      'andet-tilbud': 0,
      sygdom: 1,
      fraflytning: 0,
      ophoer: 0,
      andet: 0,
    })
    expect(result.total).toBe(2)
    expect(result.excluded).toEqual({ withoutReason: 0, leftWaitingList: 0 })
    expect(result.explanation).toBe('2 forløb sluttede i 1. kvartal 2024: Virksomhedspraktik 1, Sygdom 1.')
  })

  it('counts Amal as activated and Bo not, whose only attendance in the quarter was an absence', () => {
    const attendance = [present('amal', '2024-01-08'), present('bo', '2023-12-05'), present('bo', '2024-01-03', false)]
    expect(activationShare(quarter, attendance, '2024-Q1')).toEqual({
      figure: 'activation-share',
      period: '2024-Q1',
      numerator: 1,
      denominator: 2,
      share: 0.5,
      excluded: { notStartedByPeriodEnd: 1, endedBeforePeriod: 0 },
      explanation: `1 af 2 forløb i gang i 1. kvartal 2024 havde mindst ét fremmøde i perioden (${formatPercent(0.5)}).`,
    })
  })

  it('gives the same six figures together as one by one', () => {
    const attendance = [present('amal', '2024-01-08')]
    const all = computeFigures({ enrolments: quarter, attendance, capacity: 12, transitionWeeks: 4, period: '2024-Q1', asOf: '2024-04-30' })
    expect(all).toEqual({
      activeParticipants: activeParticipants(quarter, '2024-Q1'),
      courseLength: courseLength(quarter, '2024-Q1'),
      occupancy: occupancy(quarter, 12, '2024-Q1'),
      transitionShare: transitionShare(quarter, 4, '2024-Q1', '2024-04-30'),
      exitReasons: exitReasonCounts(quarter, '2024-Q1'),
      activationShare: activationShare(quarter, attendance, '2024-Q1'),
    })
  })
})

describe('boundary days', () => {
  const lastDayStart = enrolment({ id: 'e1', referredOn: '2024-03-01', startOn: '2024-03-31' })
  // 1 November 2023 through 1 January 2024: 30 + 31 + 1 = 62 days.
  const firstDayExit = enrolment({ id: 'e1', referredOn: '2023-10-01', startOn: '2023-11-01', exitOn: '2024-01-01', exitReason: 'job' })

  it('counts an enrolment starting on the period\u2019s last day as active in that period only', () => {
    expect(activeParticipants([lastDayStart], '2024-Q1').participants).toBe(1)
    expect(activeParticipants([lastDayStart], '2024-03').participants).toBe(1)
    expect(activeParticipants([lastDayStart], '2024-02')).toMatchObject({ participants: 0, excluded: { notStartedByPeriodEnd: 1 } })
  })

  it('counts one enrolment-day of occupancy for a start on the period\u2019s last day', () => {
    expect(occupancy([lastDayStart], 12, '2024-Q1')).toMatchObject({ enrolmentDays: 1, peak: 1, peakOn: '2024-03-31' })
  })

  it('keeps someone off the waiting list at the end of the period in which they started', () => {
    expect(activeParticipants([lastDayStart], '2024-Q1').waitingAtPeriodEnd).toBe(0)
    expect(activeParticipants([lastDayStart], '2024-03-30').waitingAtPeriodEnd).toBe(1)
  })

  it('counts an exit on the period\u2019s first day as active and ended in that period', () => {
    expect(activeParticipants([firstDayExit], '2024-Q1').participants).toBe(1)
    expect(exitReasonCounts([firstDayExit], '2024-Q1').counts.job).toBe(1)
    expect(courseLength([firstDayExit], '2024-Q1').meanWeeks).toBeCloseTo(62 / 7, 12)
    expect(occupancy([firstDayExit], 12, '2024-Q1')).toMatchObject({ enrolmentDays: 1, peakOn: '2024-01-01' })
  })

  it('does not count an exit on the first day of the next period as ended in the period before', () => {
    expect(activeParticipants([firstDayExit], '2023-Q4').participants).toBe(1)
    expect(exitReasonCounts([firstDayExit], '2023-Q4').total).toBe(0)
    expect(courseLength([firstDayExit], '2023-Q4').n).toBe(0)
    expect(activeParticipants([firstDayExit], '2024-01-02').excluded).toEqual({ notStartedByPeriodEnd: 0, endedBeforePeriod: 1 })
  })

  it('counts a one-day course on 29 February 2024 as 1/7 week in February', () => {
    const leap = enrolment({ id: 'e1', referredOn: '2024-02-01', startOn: '2024-02-29', exitOn: '2024-02-29', exitReason: 'andet' })
    expect(courseLength([leap], '2024-02').meanWeeks).toBeCloseTo(1 / 7, 12)
    expect(occupancy([leap], 1, '2024-02')).toMatchObject({ days: 29, enrolmentDays: 1, peakOn: '2024-02-29', daysAboveCapacity: 0 })
    expect(activeParticipants([leap], '2024-03').excluded.endedBeforePeriod).toBe(1)
  })

  it('lets a one-week window from 22 February 2024 end on 29 February', () => {
    const exit = { id: 'e1', startOn: '2024-01-01', exitOn: '2024-02-22', exitReason: 'job' as const }
    expect(transitionShare([enrolment({ ...exit, destinationOn: '2024-02-29' })], 1, '2024-Q1', '2024-06-30').numerator).toBe(1)
    expect(transitionShare([enrolment({ ...exit, destinationOn: '2024-03-01' })], 1, '2024-Q1', '2024-06-30')).toMatchObject({ numerator: 0, denominator: 1 })
  })

  it('lets a one-week window from 22 February 2023 end on 1 March, as 2023 has no leap day', () => {
    const exit = { id: 'e1', referredOn: '2022-12-01', startOn: '2023-01-02', exitOn: '2023-02-22', exitReason: 'job' as const }
    expect(transitionShare([enrolment({ ...exit, destinationOn: '2023-03-01' })], 1, '2023-Q1', '2023-06-30').numerator).toBe(1)
    expect(transitionShare([enrolment({ ...exit, destinationOn: '2023-03-02' })], 1, '2023-Q1', '2023-06-30').numerator).toBe(0)
  })

  it.each([
    ['2024', 366],
    ['2023', 365],
    ['2024-H1', 182],
    ['2024-H2', 184],
    ['2024-Q1', 91],
    ['2024-02', 29],
    ['2023-02', 28],
    ['2024-02-29', 1],
  ])('takes period %s as its %i days, first and last included', (period, days) => {
    const always = enrolment({ id: 'e1', referredOn: '2020-01-01', startOn: '2020-01-01' })
    expect(occupancy([always], 1, period)).toMatchObject({ days, enrolmentDays: days, placeDays: days, share: 1, averageActive: 1 })
  })
})

describe('active participants and the waiting list', () => {
  it('counts a participant with two enrolments in the period once', () => {
    const twice = [
      enrolment({ id: 'e1', participantId: 'p1', startOn: '2024-01-01', exitOn: '2024-01-31', exitReason: 'andet-tilbud' }),
      enrolment({ id: 'e2', participantId: 'p1', activityId: 'cafe', startOn: '2024-02-01' }),
    ]
    const result = activeParticipants(twice, '2024-Q1')
    expect(result).toMatchObject({ participants: 1, enrolments: 2 })
    expect(result.explanation).toBe('1 deltager var i gang i 2 forløb i 1. kvartal 2024. 0 deltagere stod på venteliste 31. marts 2024.')
  })

  it('counts on the waiting list exactly those referred, not started and not gone on the period\u2019s last day', () => {
    const list = [
      enrolment({ id: 'referred-after', referredOn: '2024-04-01', startOn: null }),
      enrolment({ id: 'referred-on-last-day', referredOn: '2024-03-31', startOn: null }),
      enrolment({ id: 'started-on-last-day', referredOn: '2024-03-01', startOn: '2024-03-31' }),
      enrolment({ id: 'starts-after', referredOn: '2024-03-01', startOn: '2024-04-01' }),
      enrolment({ id: 'left-on-last-day', referredOn: '2024-03-01', startOn: null, exitOn: '2024-03-31', exitReason: 'fraflytning' }),
      enrolment({ id: 'left-before', referredOn: '2024-03-01', startOn: null, exitOn: '2024-03-30', exitReason: 'fraflytning' }),
    ]
    expect(activeParticipants(list, '2024-Q1').waitingAtPeriodEnd).toBe(3)
  })

  it('counts a participant waiting for two activities once', () => {
    const list = [
      enrolment({ id: 'e1', participantId: 'p1', startOn: null }),
      enrolment({ id: 'e2', participantId: 'p1', activityId: 'cafe', startOn: null }),
    ]
    expect(activeParticipants(list, '2024-Q1').waitingAtPeriodEnd).toBe(1)
  })
})

describe('course length', () => {
  it('takes the middle course as the median of three', () => {
    // 7, 14 and 70 days: mean 91 / 3 days, median 14 days = 2 weeks.
    const three = [
      enrolment({ id: 'e1', startOn: '2024-01-01', exitOn: '2024-01-07', exitReason: 'ophoer' }),
      enrolment({ id: 'e2', startOn: '2024-01-01', exitOn: '2024-01-14', exitReason: 'job' }),
      enrolment({ id: 'e3', startOn: '2024-01-01', exitOn: '2024-03-10', exitReason: 'uddannelse' }),
    ]
    const result = courseLength(three, '2024-Q1')
    expect(result.n).toBe(3)
    expect(result.medianWeeks).toBe(2)
    expect(result.meanWeeks).toBeCloseTo(91 / 3 / 7, 12)
  })

  it('leaves out ongoing courses and people who left the waiting list, and says so', () => {
    const list = [
      enrolment({ id: 'ongoing', startOn: '2024-01-01' }),
      enrolment({ id: 'gave-up', startOn: null, exitOn: '2024-02-01', exitReason: 'andet' }),
    ]
    const result = courseLength(list, '2024-Q1')
    expect(result).toMatchObject({ n: 0, meanWeeks: null, medianWeeks: null, excluded: { leftWaitingList: 1 } })
    expect(result.explanation).toBe('Ingen forløb sluttede i 1. kvartal 2024, så forløbslængden kan ikke opgøres. 1 person forlod ventelisten uden at starte og tæller ikke med.')
  })
})

describe('occupancy', () => {
  // e1 all of January; e2 27 January to 10 February: both in the course 27-31 January (5 days).
  const overlapping = [
    enrolment({ id: 'e1', startOn: '2024-01-01', exitOn: '2024-01-31', exitReason: 'job' }),
    enrolment({ id: 'e2', startOn: '2024-01-27', exitOn: '2024-02-10', exitReason: 'job' }),
  ]

  it('counts days above capacity and lets the share exceed 100 % when overbooked', () => {
    // 31 + 5 = 36 enrolment-days over 1 place for 31 days.
    const result = occupancy(overlapping, 1, '2024-01')
    expect(result).toMatchObject({ enrolmentDays: 36, placeDays: 31, peak: 2, peakOn: '2024-01-27', daysAboveCapacity: 5 })
    expect(result.share).toBeCloseTo(36 / 31, 12)
    expect(result.explanation).toContain('5 dage med flere forløb i gang end pladser.')
  })

  it('gives no share and no days above capacity when the places are not set', () => {
    const result = occupancy(overlapping, null, '2024-01')
    expect(result).toMatchObject({ capacity: null, placeDays: null, share: null, daysAboveCapacity: null, enrolmentDays: 36 })
    expect(result.explanation).toContain('der er ikke angivet et antal pladser')
  })

  it('gives no share for zero places but counts every day with anyone as above capacity', () => {
    expect(occupancy(overlapping, 0, '2024-01')).toMatchObject({ placeDays: 0, share: null, daysAboveCapacity: 31 })
  })

  it('counts an ongoing course through the end of the period', () => {
    const ongoing = enrolment({ id: 'e1', referredOn: '2023-05-01', startOn: '2023-06-01' })
    expect(occupancy([ongoing], 12, '2024-Q1')).toMatchObject({ enrolmentDays: 91, averageActive: 1, peak: 1, peakOn: '2024-01-01' })
  })

  it('refuses a capacity for enrolments of more than one activity', () => {
    const mixed = [enrolment({ id: 'e1' }), enrolment({ id: 'e2', activityId: 'cafe' })]
    expect(() => occupancy(mixed, 12, '2024-Q1')).toThrow(/one activity.*beskaeftigelseskursus, cafe/)
    expect(occupancy(mixed, null, '2024-Q1').enrolmentDays).toBe(182)
  })
})

describe('transition to internship or job', () => {
  const jobOn = (exitOn: string, over: Partial<EnrolmentFacts> = {}) =>
    enrolment({ id: 'e1', startOn: '2024-01-01', exitOn, exitReason: 'job', ...over })

  it('takes an unknown destination day as the day after the exit', () => {
    expect(transitionShare([jobOn('2024-02-15')], 4, '2024-Q1', '2024-02-16')).toMatchObject({ numerator: 1, denominator: 1, share: 1, pending: 0 })
    expect(transitionShare([jobOn('2024-02-15')], 4, '2024-Q1', '2024-02-15')).toMatchObject({ numerator: 0, denominator: 0, share: null, pending: 1 })
  })

  it('counts an unknown destination day as no transition at once within a zero-week window', () => {
    // The day after the exit is already outside a window that ends on the exit day, so it cannot qualify.
    expect(transitionShare([jobOn('2024-02-15')], 0, '2024-Q1', '2024-02-15')).toMatchObject({ numerator: 0, denominator: 1, pending: 0 })
    expect(transitionShare([jobOn('2024-02-15', { destinationOn: '2024-02-15' })], 0, '2024-Q1', '2024-02-15').numerator).toBe(1)
  })

  it('keeps an exit without a reason pending through the window\u2019s last day and counts it as no transition after', () => {
    // 1 March + 4 weeks = 29 March.
    const unknown = jobOn('2024-03-01', { exitReason: null })
    expect(transitionShare([unknown], 4, '2024-Q1', '2024-03-29')).toMatchObject({ denominator: 0, pending: 1, withoutReason: 0 })
    const closed = transitionShare([unknown], 4, '2024-Q1', '2024-03-30')
    expect(closed).toMatchObject({ numerator: 0, denominator: 1, share: 0, pending: 0, withoutReason: 1 })
    expect(closed.explanation).toContain('1 forløb uden registreret afslutningsårsag tæller som ingen overgang.')
  })

  it('counts a destination known to begin after the window as no transition at once', () => {
    const late = jobOn('2024-03-01', { destinationOn: '2024-04-15' })
    expect(transitionShare([late], 4, '2024-Q1', '2024-03-10')).toMatchObject({ numerator: 0, denominator: 1, pending: 0 })
  })

  it('keeps a destination planned within the window pending until it begins', () => {
    const planned = jobOn('2024-03-01', { destinationOn: '2024-03-20' })
    expect(transitionShare([planned], 4, '2024-Q1', '2024-03-19')).toMatchObject({ numerator: 0, pending: 1 })
    expect(transitionShare([planned], 4, '2024-Q1', '2024-03-20')).toMatchObject({ numerator: 1, pending: 0 })
  })

  it('counts an internship that began before the last day of the course', () => {
    const early = jobOn('2024-03-10', { exitReason: 'virksomhedspraktik', destinationOn: '2024-03-04' })
    expect(transitionShare([early], 4, '2024-Q1', '2024-03-10').numerator).toBe(1)
  })

  it('never holds other exit reasons pending, and does not count education as a transition', () => {
    const list = [
      jobOn('2024-03-30', { id: 'ill', exitReason: 'sygdom' }),
      jobOn('2024-03-30', { id: 'school', exitReason: 'uddannelse', destinationOn: '2024-03-31' }),
    ]
    expect(transitionShare(list, 4, '2024-Q1', '2024-03-31')).toMatchObject({ numerator: 0, denominator: 2, pending: 0 })
  })

  it('leaves out people who left the waiting list for a job without starting', () => {
    const gaveUp = enrolment({ id: 'e1', startOn: null, exitOn: '2024-02-01', exitReason: 'job' })
    const result = transitionShare([gaveUp], 4, '2024-Q1', '2024-12-31')
    expect(result).toMatchObject({ numerator: 0, denominator: 0, share: null, excluded: { leftWaitingList: 1 } })
    expect(result.explanation).toBe(
      'Ingen forløb sluttede i 1. kvartal 2024, så andelen kan ikke opgøres. 1 person forlod ventelisten uden at starte og tæller ikke med.',
    )
  })

  it('says when every exit of the period is still pending', () => {
    expect(transitionShare([jobOn('2024-03-31')], 4, '2024-Q1', '2024-03-31').explanation).toMatch(/^Alle forløb, der sluttede i 1\. kvartal 2024, afventer endnu/)
  })
})

describe('exit reasons', () => {
  it('has every reason with a zero count when nothing ended', () => {
    const result = exitReasonCounts([], '2024-Q1')
    expect(Object.keys(result.counts)).toEqual([...EXIT_REASONS])
    expect(Object.values(result.counts).every((n) => n === 0)).toBe(true)
    expect(result.total).toBe(0)
  })

  it('counts exits without a recorded reason and from the waiting list apart from the total', () => {
    const list = [
      enrolment({ id: 'e1', exitOn: '2024-02-01', exitReason: null }),
      enrolment({ id: 'e2', exitOn: '2024-02-01', exitReason: 'fraflytning' }),
      enrolment({ id: 'e3', startOn: null, exitOn: '2024-02-01', exitReason: 'fraflytning' }),
    ]
    const result = exitReasonCounts(list, '2024-Q1')
    expect(result).toMatchObject({ total: 1, excluded: { withoutReason: 1, leftWaitingList: 1 } })
    expect(result.counts.fraflytning).toBe(1)
    expect(result.explanation).toBe(
      '1 forløb sluttede i 1. kvartal 2024: Fraflytning 1. 1 forløb uden registreret afslutningsårsag indgår ikke. 1 person forlod ventelisten uden at starte og tæller ikke med.',
    )
  })

  it('has a Danish label for every reason', () => {
    expect(Object.keys(exitReasonLabels)).toEqual([...EXIT_REASONS])
    expect(exitReasonLabels.ophoer).toBe('Ophør (stoppet)')
    expect(exitReasonLabels['andet-tilbud']).toBe('Andet tilbud')
  })
})

describe('activation', () => {
  const e1 = enrolment({ id: 'e1', startOn: '2024-01-01', exitOn: '2024-03-31', exitReason: 'job' })

  it('does not count attendance from before the period', () => {
    const early = enrolment({ id: 'e2', startOn: '2023-12-01' })
    expect(activationShare([early], [present('e2', '2023-12-31')], '2024-Q1')).toMatchObject({ numerator: 0, denominator: 1, share: 0 })
  })

  it('leaves out enrolments that ended before the period, whatever their attendance', () => {
    expect(activationShare([e1], [present('e1', '2024-03-31')], '2024-Q2')).toMatchObject({
      numerator: 0,
      denominator: 0,
      share: null,
      excluded: { notStartedByPeriodEnd: 0, endedBeforePeriod: 1 },
    })
  })

  it('counts an enrolment once however many times the participant came', () => {
    const days = [present('e1', '2024-01-02'), present('e1', '2024-01-03'), present('e1', '2024-01-03')]
    expect(activationShare([e1], days, '2024-01')).toMatchObject({ numerator: 1, denominator: 1, share: 1 })
  })

  it('counts an enrolment with only absences as not activated', () => {
    expect(activationShare([e1], [present('e1', '2024-01-02', false)], '2024-01')).toMatchObject({ numerator: 0, denominator: 1, share: 0 })
  })

  it.each([
    ['an unknown enrolment', present('e9', '2024-01-02'), /e9, which is not among the enrolments/],
    ['a day before the course started', present('e1', '2023-12-31'), /outside the enrolment/],
    ['a day after the course ended', present('e1', '2024-04-01'), /outside the enrolment/],
    ['a day that is not a calendar day', present('e1', '2024-02-30'), /heldOn is not a calendar day/],
  ])('refuses attendance for %s', (_what, row, message) => {
    expect(() => activationShare([e1], [row], '2024-Q1')).toThrow(message)
  })

  it('refuses attendance for someone still on the waiting list', () => {
    const waiting = enrolment({ id: 'w1', startOn: null })
    expect(() => activationShare([waiting], [present('w1', '2024-01-02')], '2024-Q1')).toThrow(RangeError)
  })
})

describe('empty input', () => {
  it('gives zeros and no shares for a period without enrolments', () => {
    const all = computeFigures({ enrolments: [], attendance: [], capacity: 12, transitionWeeks: 4, period: '2024-Q1', asOf: '2024-06-30' })
    expect(all.activeParticipants).toMatchObject({ participants: 0, enrolments: 0, waitingAtPeriodEnd: 0 })
    expect(all.courseLength).toMatchObject({ n: 0, meanWeeks: null, medianWeeks: null })
    expect(all.occupancy).toMatchObject({ enrolmentDays: 0, averageActive: 0, share: 0, peak: 0, peakOn: null, daysAboveCapacity: 0 })
    expect(all.occupancy.explanation).toContain('Intet forløb var i gang i perioden.')
    expect(all.transitionShare).toMatchObject({ numerator: 0, denominator: 0, share: null, pending: 0 })
    expect(all.exitReasons).toMatchObject({ total: 0 })
    expect(all.exitReasons.explanation).toBe('Ingen forløb med registreret afslutningsårsag sluttede i 1. kvartal 2024.')
    expect(all.activationShare).toMatchObject({ numerator: 0, denominator: 0, share: null })
    expect(all.activationShare.explanation).toBe('Intet forløb var i gang i 1. kvartal 2024, så andelen kan ikke opgøres.')
  })
})

describe('invalid input', () => {
  it.each([
    ['referredOn is not a calendar day', { referredOn: '2024-02-30' }, /e1: referredOn is not a calendar day/],
    ['startOn is not in "YYYY-MM-DD"', { startOn: '01-01-2024' }, /e1: startOn is not a calendar day/],
    ['startOn is missing', { startOn: undefined as unknown as null }, /e1: startOn is not a calendar day/],
    ['exitOn is a moment, not a day', { exitOn: '2024-02-01T00:00:00Z' }, /e1: exitOn is not a calendar day/],
    ['destinationOn is not a day', { exitOn: '2024-02-01', destinationOn: 'snart' }, /e1: destinationOn is not a calendar day/],
    ['startOn is before referredOn', { referredOn: '2024-01-02', startOn: '2024-01-01' }, /startOn 2024-01-01 is before referredOn 2024-01-02/],
    ['exitOn is before startOn', { startOn: '2024-01-10', exitOn: '2024-01-09' }, /exitOn 2024-01-09 is before startOn 2024-01-10/],
    ['exitOn is before referredOn on the waiting list', { startOn: null, exitOn: '2023-11-30' }, /exitOn 2023-11-30 is before referredOn 2023-12-01/],
    ['a reason is given without an exit', { exitReason: 'job' }, /exitReason job is set but exitOn is not/],
    ['the reason is unknown', { exitOn: '2024-02-01', exitReason: 'fyret' as 'job' }, /exitReason "fyret" is not one of/],
    ['a destination is given without an exit', { destinationOn: '2024-02-01' }, /destinationOn 2024-02-01 is set but exitOn is not/],
    ['the destination began before the course', { exitOn: '2024-02-01', exitReason: 'job', destinationOn: '2023-12-31' }, /destinationOn 2023-12-31 is before startOn/],
  ] as [string, Partial<EnrolmentFacts>, RegExp][])('throws when %s', (_what, over, message) => {
    const bad = enrolment({ id: 'e1', ...over })
    expect(() => activeParticipants([bad], '2024-Q1')).toThrow(RangeError)
    expect(() => activeParticipants([bad], '2024-Q1')).toThrow(message)
  })

  it('throws on a broken enrolment even when it lies outside the period', () => {
    const broken = enrolment({ id: 'old', referredOn: '2019-05-01', startOn: '2019-05-10', exitOn: '2019-05-09' })
    expect(() => computeFigures({ enrolments: [amal, broken], attendance: [], capacity: 12, transitionWeeks: 4, period: '2024-Q1', asOf: '2024-06-30' })).toThrow(/old/)
  })

  it('throws on an enrolment id that occurs twice', () => {
    expect(() => courseLength([amal, amal], '2024-Q1')).toThrow(/amal occurs more than once/)
  })

  it.each(['Q1 2024', '2024-Q5', '2024-13', '2023-02-29', '', '24'])('throws on the period key %j', (period) => {
    expect(() => activeParticipants(quarter, period)).toThrow(/period is not a period key/)
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws on the capacity %d', (capacity) => {
    expect(() => occupancy(quarter, capacity, '2024-Q1')).toThrow(/capacity must be a whole number/)
  })

  it.each([-1, 2.5, Number.NaN])('throws on the transition window %d weeks', (weeks) => {
    expect(() => transitionShare(quarter, weeks, '2024-Q1', '2024-06-30')).toThrow(/weeks must be a whole number/)
  })

  it('throws on an asOf that is not a calendar day, also without enrolments', () => {
    expect(() => transitionShare(quarter, 4, '2024-Q1', 'i dag')).toThrow(/asOf is not a calendar day/)
    expect(() => computeFigures({ enrolments: [], attendance: [], capacity: null, transitionWeeks: 4, period: '2024-Q1', asOf: '2024-06-31' })).toThrow(/asOf/)
  })
})

describe('written definitions', () => {
  it('defines every figure in Danish with the rule version, and the numerator and denominator of every share', () => {
    const shares = new Set(['occupancy', 'transition-share', 'activation-share'])
    expect(Object.keys(FIGURE_DEFINITIONS)).toEqual([...FIGURE_KEYS])
    for (const key of FIGURE_KEYS) {
      const d = FIGURE_DEFINITIONS[key]
      expect(d.key).toBe(key)
      expect(d.ruleVersion).toBe('1')
      expect(d.name.length).toBeGreaterThan(0)
      expect(d.definition).toMatch(/^[A-ZÆØÅ].*\.$/)
      expect(d.numerator !== undefined && d.denominator !== undefined).toBe(shares.has(key))
    }
  })

  it('names a definition for every figure computed', () => {
    const all = computeFigures({ enrolments: quarter, attendance: [], capacity: 12, transitionWeeks: 4, period: '2024-Q1', asOf: '2024-06-30' })
    expect(Object.values(all).map((r) => r.figure)).toEqual([...FIGURE_KEYS])
    for (const r of Object.values(all)) expect(r.period).toBe('2024-Q1')
  })
})

// Properties. Days are drawn as day numbers from 1 October 2023 and turned into "YYYY-MM-DD" in
// UTC, where a day number and a calendar day correspond exactly.
const BASE = Date.UTC(2023, 9, 1) / 86_400_000
const iso = (n: number) => new Date((BASE + n) * 86_400_000).toISOString().slice(0, 10)
const dayOf = (isoDay: string) => dayNumber(isoDay)! - BASE

const periodArb = fc.constantFrom('2023-Q4', '2024-Q1', '2024-02', '2024-H1', '2024', '2024-03-31')
const asOfArb = fc.integer({ min: 0, max: 600 })

const enrolmentArb = fc
  .record({
    participant: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
    referred: fc.integer({ min: 0, max: 400 }),
    wait: fc.option(fc.integer({ min: 0, max: 60 })),
    length: fc.option(fc.integer({ min: 0, max: 120 })),
    reason: fc.option(fc.constantFrom(...EXIT_REASONS)),
    destinationAfterExit: fc.option(fc.integer({ min: -10, max: 60 })),
  })
  .map((r) => {
    const start = r.wait === null ? null : r.referred + r.wait
    const exit = r.length === null ? null : (start ?? r.referred) + r.length
    const destination = exit === null || r.destinationAfterExit === null ? null : Math.max(start ?? r.referred, exit + r.destinationAfterExit)
    return {
      participantId: r.participant,
      activityId: 'kursus',
      referredOn: iso(r.referred),
      startOn: start === null ? null : iso(start),
      exitOn: exit === null ? null : iso(exit),
      exitReason: exit === null ? null : r.reason,
      destinationOn: destination === null ? null : iso(destination),
    }
  })

const enrolmentsArb = fc.array(enrolmentArb, { maxLength: 15 }).map((list) => list.map((e, i): EnrolmentFacts => ({ id: `e${i}`, ...e })))

/** Attendance on days each started enrolment was in the course (open courses: up to 150 days). */
const withAttendanceArb = enrolmentsArb.chain((enrolments) => {
  const started = enrolments.filter((e) => e.startOn !== null)
  if (started.length === 0) return fc.constant({ enrolments, attendance: [] as AttendanceFacts[] })
  const rowArb = fc.record({ pick: fc.nat(), offset: fc.nat(), present: fc.boolean() }).map(({ pick, offset, present: p }): AttendanceFacts => {
    const e = started[pick % started.length]!
    const start = dayOf(e.startOn!)
    const span = (e.exitOn === null ? start + 150 : dayOf(e.exitOn)) - start + 1
    return { enrolmentId: e.id, heldOn: iso(start + (offset % span)), present: p }
  })
  return fc.array(rowArb, { maxLength: 30 }).map((attendance) => ({ enrolments, attendance }))
})

const periodDays = (period: string) => {
  const p = parsePeriod(period)!
  return { start: dayOf(p.start), end: dayOf(p.end) }
}

describe('properties', () => {
  it('never counts more active participants than enrolments started by the period\u2019s end', () => {
    fc.assert(
      fc.property(enrolmentsArb, periodArb, (enrolments, period) => {
        const { end } = periodDays(period)
        const started = enrolments.filter((e) => e.startOn !== null && dayOf(e.startOn) <= end).length
        const result = activeParticipants(enrolments, period)
        expect(result.participants).toBeLessThanOrEqual(result.enrolments)
        expect(result.enrolments).toBeLessThanOrEqual(started)
        expect(result.enrolments + result.excluded.notStartedByPeriodEnd + result.excluded.endedBeforePeriod).toBe(enrolments.length)
      }),
    )
  })

  it('keeps every share between 0 and 1, with the numerator within the denominator', () => {
    fc.assert(
      fc.property(withAttendanceArb, periodArb, asOfArb, fc.integer({ min: 0, max: 8 }), ({ enrolments, attendance }, period, asOf, weeks) => {
        const all = computeFigures({ enrolments, attendance, capacity: 12, transitionWeeks: weeks, period, asOf: iso(asOf) })
        for (const s of [all.transitionShare, all.activationShare]) {
          expect(s.numerator).toBeLessThanOrEqual(s.denominator)
          expect(s.share === null).toBe(s.denominator === 0)
          if (s.share !== null) {
            expect(s.share).toBeGreaterThanOrEqual(0)
            expect(s.share).toBeLessThanOrEqual(1)
          }
        }
        expect(all.activationShare.denominator).toBe(all.activeParticipants.enrolments)
      }),
    )
  })

  it('puts every exit of the period in exactly one place in transitions and in exit reasons', () => {
    fc.assert(
      fc.property(enrolmentsArb, periodArb, asOfArb, fc.integer({ min: 0, max: 8 }), (enrolments, period, asOf, weeks) => {
        const { start, end } = periodDays(period)
        const exits = enrolments.filter((e) => e.exitOn !== null && dayOf(e.exitOn) >= start && dayOf(e.exitOn) <= end).length
        const t = transitionShare(enrolments, weeks, period, iso(asOf))
        expect(t.denominator + t.pending + t.excluded.leftWaitingList).toBe(exits)
        expect(t.withoutReason).toBeLessThanOrEqual(t.denominator - t.numerator)
        const r = exitReasonCounts(enrolments, period)
        expect(r.total + r.excluded.withoutReason + r.excluded.leftWaitingList).toBe(exits)
        expect(courseLength(enrolments, period).n + r.excluded.leftWaitingList).toBe(exits)
      }),
    )
  })

  it('never lowers the numerator nor raises the pending count as asOf moves later', () => {
    fc.assert(
      fc.property(enrolmentsArb, periodArb, asOfArb, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 8 }), (enrolments, period, asOf, later, weeks) => {
        const before = transitionShare(enrolments, weeks, period, iso(asOf))
        const after = transitionShare(enrolments, weeks, period, iso(asOf + later))
        expect(after.numerator).toBeGreaterThanOrEqual(before.numerator)
        expect(after.pending).toBeLessThanOrEqual(before.pending)
      }),
    )
  })

  it('puts the mean and the median between the shortest and the longest course', () => {
    fc.assert(
      fc.property(enrolmentsArb, periodArb, (enrolments, period) => {
        const { start, end } = periodDays(period)
        const weeks = enrolments
          .filter((e) => e.startOn !== null && e.exitOn !== null && dayOf(e.exitOn) >= start && dayOf(e.exitOn) <= end)
          .map((e) => (dayOf(e.exitOn!) - dayOf(e.startOn!) + 1) / 7)
        const result = courseLength(enrolments, period)
        expect(result.n).toBe(weeks.length)
        if (weeks.length === 0) {
          expect([result.meanWeeks, result.medianWeeks]).toEqual([null, null])
        } else {
          const [min, max] = [Math.min(...weeks), Math.max(...weeks)]
          for (const value of [result.meanWeeks!, result.medianWeeks!]) {
            expect(value).toBeGreaterThanOrEqual(min - 1e-9)
            expect(value).toBeLessThanOrEqual(max + 1e-9)
          }
        }
      }),
    )
  })

  it('counts occupancy as a day-by-day count of enrolments in the course would', () => {
    fc.assert(
      fc.property(enrolmentsArb, periodArb, fc.integer({ min: 0, max: 6 }), (enrolments, period, capacity) => {
        const { start, end } = periodDays(period)
        let enrolmentDays = 0
        let peak = 0
        let above = 0
        for (let d = start; d <= end; d++) {
          const n = enrolments.filter((e) => e.startOn !== null && dayOf(e.startOn) <= d && (e.exitOn === null || dayOf(e.exitOn) >= d)).length
          enrolmentDays += n
          peak = Math.max(peak, n)
          if (n > capacity) above += 1
        }
        const result = occupancy(enrolments, capacity, period)
        expect(result).toMatchObject({ days: end - start + 1, enrolmentDays, peak, daysAboveCapacity: above })
        expect(result.averageActive).toBeLessThanOrEqual(result.peak)
        expect(result.peak).toBeLessThanOrEqual(activeParticipants(enrolments, period).enrolments)
        if (result.peakOn !== null) {
          const p = dayOf(result.peakOn)
          expect(p >= start && p <= end).toBe(true)
        }
      }),
    )
  })
})
