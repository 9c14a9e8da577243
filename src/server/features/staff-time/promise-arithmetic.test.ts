import { describe, expect, it } from 'vitest'
import { readSeedAgreement } from '../agreements/seed-files.ts'
import { DEFAULT_STAFF_TIME_SETTINGS as S, judge, partyMatches, type PromisedAmount, promisedInQuarter, promisesOf, quarterSpan, sameHours, type StaffPromise } from './promise-arithmetic.ts'

// Hand-computed figures for every resource of both seed agreements.
//
// 2025-Q3: ISO weeks 27-39 (30 Jun - 28 Sep), 13 weeks, no public holiday; 2025 has 52 weeks. A
// post's weeks: 13 × (1 - 6/52) = 11,5.
// 2025-Q2: ISO weeks 14-26 (31 Mar - 29 Jun), 13 weeks; weekday public holidays: skærtorsdag 17/4,
// langfredag 18/4, 2. påskedag 21/4, Kristi himmelfart 29/5, 2. pinsedag 9/6 = 5 days = 1 week, so
// 12 working weeks; a post's weeks: 12 × 46/52 = 10,6154.

const varde = promisesOf(readSeedAgreement('varde-beskaeftigelse').file.agreement)
const soenderborg = promisesOf(readSeedAgreement('soenderborg-beskaeftigelse').file.agreement)
const byKey = (list: StaffPromise[], key: string) => {
  const p = list.find((x) => x.key === key)
  if (!p) throw new Error(`no promise ${key}`)
  return p
}
const hoursOf = (a: PromisedAmount) => {
  if (a.kind !== 'hours') throw new Error(`not hours: ${a.kind}`)
  return a
}

describe('quarter spans', () => {
  it('2025-Q3 has 13 weeks and no public holiday', () => {
    const span = quarterSpan('2025-Q3')
    expect(span.weeks).toHaveLength(13)
    expect(span.holidays).toEqual([])
    expect(span.workingWeeks).toBe(13)
    expect(span.weeksInYear).toBe(52)
  })
  it('2025-Q2 loses a week to Easter, Ascension and Whit Monday', () => {
    const span = quarterSpan('2025-Q2')
    expect(span.holidays.map((h) => h.date)).toEqual(['2025-04-17', '2025-04-18', '2025-04-21', '2025-05-29', '2025-06-09'])
    expect(span.workingWeeks).toBe(12)
  })
  it('2026-Q4 has 14 weeks, and New Year 2027 falls in its last', () => {
    const span = quarterSpan('2026-Q4')
    expect(span.weeks).toHaveLength(14)
    expect(span.weeksInYear).toBe(53)
    expect(span.holidays.map((h) => h.date)).toEqual(['2026-12-25', '2027-01-01'])
    expect(span.workingWeeks).toBeCloseTo(13.6, 10)
  })
})

describe('what the Varde agreement promises in 2025-Q3', () => {
  const q3 = quarterSpan('2025-Q3')
  const promised = (key: string) => promisedInQuarter(byKey(varde, key), q3, S)

  it('reads every resource, the social caretaker\'s share for this effort area among them', () => {
    expect(varde.map((p) => p.key)).toEqual([
      'jobcenter-afdeling-ung',
      'jobcenter-kontanthjaelp-og-integration',
      'pro-varde-erhvervsguide',
      'det-boligsociale-team',
      'fritidsjob-boligsociale-timer',
      'ungeindsats-jobcenter-timer',
      'ungeindsats-fast-raadgiver',
      'kontanthjaelp-jobcenter-timer',
      'kontanthjaelp-fremskudt-medarbejder',
      'social-vicevaert@beskaeftigelse',
    ])
  })
  it('hours a week for stated weeks: 5 × 40 × 13/52 = 50 and 16 × 40 × 13/52 = 160', () => {
    expect(hoursOf(promised('jobcenter-afdeling-ung'))).toEqual({ kind: 'hours', perWeek: 5, weeks: 10, hours: 50 })
    expect(hoursOf(promised('jobcenter-kontanthjaelp-og-integration')).hours).toBe(160)
  })
  it('"mindst 16 timer ugentligt i 44 uger": 44 × 13/52 = 11 weeks, 176 hours', () => {
    expect(hoursOf(promised('kontanthjaelp-jobcenter-timer'))).toEqual({ kind: 'hours', perWeek: 16, weeks: 11, hours: 176 })
  })
  it('"mindst fem timer ugentligt" without weeks: every working week, 5 × 13 = 65', () => {
    expect(hoursOf(promised('ungeindsats-jobcenter-timer'))).toEqual({ kind: 'hours', perWeek: 5, weeks: 13, hours: 65 })
  })
  it('days a week at 7,4 hours over a post\'s 11,5 weeks: 1 day = 85,1 hours, 2 days = 170,2', () => {
    expect(hoursOf(promised('ungeindsats-fast-raadgiver')).hours).toBeCloseTo(85.1, 10)
    expect(hoursOf(promised('kontanthjaelp-fremskudt-medarbejder')).hours).toBeCloseTo(170.2, 10)
  })
  it('hours with no period are a share of a week: 16,5 × 11,5 = 189,75; 8 × 11,5 = 92', () => {
    expect(hoursOf(promised('det-boligsociale-team')).hours).toBeCloseTo(189.75, 10)
    expect(hoursOf(promised('fritidsjob-boligsociale-timer')).hours).toBeCloseTo(92, 10)
  })
  it('the social caretaker\'s 8,5 hours to Beskæftigelse: 8,5 × 11,5 = 97,75', () => {
    expect(hoursOf(promised('social-vicevaert@beskaeftigelse')).hours).toBeCloseTo(97.75, 10)
  })
  it('Pro Varde\'s erhvervsguide puts no number on its time', () => {
    expect(promised('pro-varde-erhvervsguide')).toEqual({ kind: 'none' })
  })
})

describe('what the Sønderborg agreement promises in 2025-Q2 (with holidays)', () => {
  const q2 = quarterSpan('2025-Q2')
  const postWeeks = (12 * 46) / 52
  it('% of a post from a 37-hour week: 80 % = 29,6, 100 % = 37, 38 % = 14,06 hours a week', () => {
    expect(hoursOf(promisedInQuarter(byKey(soenderborg, 'boligsocial-virksomhedskonsulent'), q2, S)).hours).toBeCloseTo(29.6 * postWeeks, 10)
    expect(hoursOf(promisedInQuarter(byKey(soenderborg, 'boligsocial-virksomhedskonsulent'), q2, S)).hours).toBeCloseTo(314.2154, 3)
    expect(hoursOf(promisedInQuarter(byKey(soenderborg, 'boligsocial-syge-og-fravaersmentor'), q2, S)).hours).toBeCloseTo(392.7692, 3)
    expect(hoursOf(promisedInQuarter(byKey(soenderborg, 'projektleder'), q2, S)).hours).toBeCloseTo(149.2523, 3)
  })
  it('a plan with a 37-hour week replaced by 35 and no vacation: 80 % = 28 × 12 = 336', () => {
    const settings = { normalWeekHours: 35, hoursPerDay: 7, vacationWeeksPerYear: 0 }
    expect(hoursOf(promisedInQuarter(byKey(soenderborg, 'boligsocial-virksomhedskonsulent'), q2, settings)).hours).toBeCloseTo(336, 10)
  })
  it('a headcount is people: 10 medarbejdere', () => {
    expect(promisedInQuarter(byKey(soenderborg, 'jobcenter-soenderborg-fremskudt-indsats'), q2, S)).toEqual({ kind: 'headcount', people: 10 })
  })
  it('the open counselling\'s allocations carry no number, so promise nothing', () => {
    expect(soenderborg.some((p) => p.source === 'allocation')).toBe(false)
  })
})

describe('one promise stated twice is fed by one set of hours', () => {
  it('the job centre\'s 16 hours (40 weeks in the list, 44 under the activity) share hours; the 5 hours likewise', () => {
    expect(sameHours(byKey(varde, 'kontanthjaelp-jobcenter-timer'), varde).sort()).toEqual(['jobcenter-kontanthjaelp-og-integration', 'kontanthjaelp-jobcenter-timer'])
    expect(sameHours(byKey(varde, 'ungeindsats-jobcenter-timer'), varde).sort()).toEqual(['jobcenter-afdeling-ung', 'ungeindsats-jobcenter-timer'])
    expect(sameHours(byKey(varde, 'ungeindsats-fast-raadgiver'), varde)).toEqual(['ungeindsats-fast-raadgiver'])
  })
})

describe('parties named by a promise', () => {
  it('matches "Kontanthjælp og integration" to the party unit "Kontanthjælp & Integration"', () => {
    const p = byKey(varde, 'kontanthjaelp-jobcenter-timer')
    expect(partyMatches(p, { name: 'Jobcenter Varde', unit: 'Kontanthjælp & Integration' })).toBe(true)
    expect(partyMatches(p, { name: 'Jobcenter Varde', unit: 'Afdeling Ung' })).toBe(false)
  })
  it('a promise without a unit matches every unit of the organisation', () => {
    const p = byKey(soenderborg, 'jobcenter-soenderborg-fremskudt-indsats')
    expect(partyMatches(p, { name: 'Jobcenter Sønderborg', unit: 'Virksomhedsservice' })).toBe(true)
    expect(partyMatches(p, { name: 'Jobcenter Sønderborg', unit: 'Jobaktiv og Integration' })).toBe(true)
    expect(partyMatches(p, { name: 'Aktiv i fællesskabet', unit: null })).toBe(false)
  })
})

describe('judging a quarter', () => {
  const q3 = quarterSpan('2025-Q3')
  const p = byKey(varde, 'kontanthjaelp-jobcenter-timer')
  const who = 'Jobcenter Varde (Kontanthjælp og integration)'
  const promised = promisedInQuarter(p, q3, S)

  it('126,5 of 176 hours over 11 promised weeks is 11,5 a week: not kept, said plainly', () => {
    const j = judge(p, who, promised, { hours: 126.5, people: 1 }, q3, '2025-10-15')
    expect(j.verdict).toBe('not-kept')
    expect(j.averagePerWeek).toBe(11.5)
    expect(j.sentence).toBe(
      'Jobcenter Varde (Kontanthjælp og integration) lovede mindst 16 timer pr. uge i 44 uger; 3. kvartal 2025: 11,5 timer om ugen i gennemsnit (126,5 timer af 176 timer lovede). Løftet er ikke holdt.',
    )
  })
  it('exactly the promise keeps it; more keeps it too', () => {
    expect(judge(p, who, promised, { hours: 176, people: 1 }, q3, '2025-10-01').verdict).toBe('kept')
    expect(judge(p, who, promised, { hours: 200, people: 2 }, q3, '2025-10-01').verdict).toBe('kept')
    expect(judge(p, who, promised, { hours: 175.5, people: 2 }, q3, '2025-10-01').verdict).toBe('not-kept')
  })
  it('does not judge a quarter that has not ended', () => {
    expect(judge(p, who, promised, { hours: 10, people: 1 }, q3, '2025-09-28').verdict).toBe('running')
    expect(judge(p, who, promised, { hours: 10, people: 1 }, q3, '2025-09-29').verdict).toBe('not-kept')
  })
  it('a headcount is kept by ten people with hours, not by nine', () => {
    const h = byKey(soenderborg, 'jobcenter-soenderborg-fremskudt-indsats')
    const amount = promisedInQuarter(h, q3, S)
    expect(judge(h, 'Jobcenter Sønderborg', amount, { hours: 300, people: 10 }, q3, '2026-01-01').verdict).toBe('kept')
    const nine = judge(h, 'Jobcenter Sønderborg', amount, { hours: 300, people: 9 }, q3, '2026-01-01')
    expect(nine.verdict).toBe('not-kept')
    expect(nine.sentence).toBe('Jobcenter Sønderborg lovede 10 medarbejdere; 3. kvartal 2025: 9 medarbejdere registrerede timer. Løftet er ikke holdt.')
  })
  it('a resource without a number gets no verdict', () => {
    const g = byKey(varde, 'pro-varde-erhvervsguide')
    expect(judge(g, 'Pro Varde', promisedInQuarter(g, q3, S), { hours: 3, people: 1 }, q3, '2026-01-01').verdict).toBe('no-figure')
  })
})
