import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type RetentionFacts, type RetentionPolicy, retentionDue } from './retention.ts'

type Enrolment = RetentionFacts['enrolments'][number]
type Consent = RetentionFacts['consents'][number]

const policy = (over: Partial<RetentionPolicy> = {}): RetentionPolicy => ({
  monthsAfterLastEnrolment: 12,
  daysAfterConsentWithdrawal: 30,
  planEndsOn: null,
  monthsAfterPlanEnd: 0,
  ...over,
})

const facts = (over: Partial<RetentionFacts> = {}): RetentionFacts => ({
  registeredOn: '2024-01-10',
  enrolments: [],
  consents: [],
  ...over,
})

const ended = (startOn: string, exitOn: string): Enrolment => ({ startOn, exitOn })
const ongoing = (startOn = '2024-02-01'): Enrolment => ({ startOn, exitOn: null })
const waiting: Enrolment = { startOn: null, exitOn: null }
const consent = (givenOn: string, withdrawnOn: string | null = null, validUntil: string | null = null): Consent => ({ givenOn, validUntil, withdrawnOn })

describe('after the last enrolment', () => {
  it('is due a policy number of months after the enrolment ended, and not the day before', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-06-30')] })
    expect(retentionDue(policy(), f, '2025-06-29')).toMatchObject({ due: false, dueOn: '2025-06-30', reason: 'after-last-enrolment' })
    expect(retentionDue(policy(), f, '2025-06-30')).toMatchObject({ due: true, dueOn: '2025-06-30', reason: 'after-last-enrolment' })
    expect(retentionDue(policy(), f, '2030-01-01').due).toBe(true)
  })

  it('counts from the latest exit, whatever order the enrolments are in', () => {
    const f = facts({ enrolments: [ended('2024-05-01', '2024-09-15'), ended('2024-02-01', '2024-03-31'), ended('2024-04-01', '2024-04-30')] })
    expect(retentionDue(policy(), f, '2024-12-01').dueOn).toBe('2025-09-15')
  })

  it('counts a place on the waiting list that was given up as an ended enrolment', () => {
    const f = facts({ enrolments: [{ startOn: null, exitOn: '2024-05-20' }] })
    expect(retentionDue(policy(), f, '2024-06-01')).toMatchObject({ dueOn: '2025-05-20', reason: 'after-last-enrolment' })
  })

  it('is due on the exit day itself when the policy keeps nothing', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-06-30')] })
    expect(retentionDue(policy({ monthsAfterLastEnrolment: 0 }), f, '2024-06-30')).toMatchObject({ due: true, dueOn: '2024-06-30' })
  })

  it('waits for an exit dated ahead', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2026-06-30')] })
    expect(retentionDue(policy(), f, '2025-01-01')).toMatchObject({ due: false, dueOn: '2027-06-30' })
  })

  it('explains itself in Danish', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-06-30')] })
    expect(retentionDue(policy(), f, '2025-01-01').explanation).toBe(
      'Skal anonymiseres 30. juni 2025: forløbet sluttede 30. juni 2024, og oplysningerne gemmes 12 måneder efter et forløb.',
    )
    expect(retentionDue(policy(), f, '2025-07-01').explanation).toBe(
      'Skal anonymiseres nu (frist 30. juni 2025): forløbet sluttede 30. juni 2024, og oplysningerne gemmes 12 måneder efter et forløb.',
    )
  })
})

describe('calendar months', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29', 'clamps to 29 February in a leap year'],
    ['2023-01-31', 1, '2023-02-28', 'clamps to 28 February in a common year'],
    ['2024-03-31', 1, '2024-04-30', 'clamps to a 30-day month'],
    ['2024-08-31', 6, '2025-02-28', 'clamps across a year end'],
    ['2024-11-30', 3, '2025-02-28', 'clamps the 30th as well'],
    ['2024-01-30', 1, '2024-02-29', 'clamps the 30th to 29 February'],
    ['2024-02-29', 12, '2025-02-28', 'moves 29 February to the 28th in a common year'],
    ['2024-02-29', 48, '2028-02-29', 'keeps 29 February four years on'],
    ['2024-02-28', 1, '2024-03-28', 'keeps the day when the month is long enough'],
    ['2024-02-29', 1, '2024-03-29', 'does not jump to the month end after a short month'],
    ['2024-12-15', 1, '2025-01-15', 'rolls into the next year'],
    ['2024-06-30', 120, '2034-06-30', 'counts ten years'],
    ['2099-02-28', 12, '2100-02-28', 'knows 2100 is not a leap year'],
    ['1999-02-28', 12, '2000-02-28', 'reaches 2000'],
    ['2000-01-31', 1, '2000-02-29', 'knows 2000 is a leap year'],
  ])('%s + %i months = %s (%s)', (exitOn, months, expected) => {
    const f = facts({ registeredOn: '1990-01-01', enrolments: [{ startOn: null, exitOn }] })
    expect(retentionDue(policy({ monthsAfterLastEnrolment: months }), f, '2024-01-01').dueOn).toBe(expected)
  })
})

describe('never enrolled', () => {
  it('is due a policy number of months after registration', () => {
    expect(retentionDue(policy(), facts(), '2025-01-09')).toMatchObject({ due: false, dueOn: '2025-01-10', reason: 'never-enrolled' })
    expect(retentionDue(policy(), facts(), '2025-01-10')).toMatchObject({ due: true, dueOn: '2025-01-10', reason: 'never-enrolled' })
  })

  it('clamps a registration on 29 February', () => {
    expect(retentionDue(policy(), facts({ registeredOn: '2024-02-29' }), '2024-03-01').dueOn).toBe('2025-02-28')
  })

  it('explains itself in Danish', () => {
    expect(retentionDue(policy({ monthsAfterLastEnrolment: 1 }), facts(), '2024-01-10').explanation).toBe(
      'Skal anonymiseres 10. februar 2024: deltageren blev registreret 10. januar 2024 og har aldrig været i et forløb; oplysningerne gemmes 1 måned efter registreringen.',
    )
  })
})

describe('a running enrolment or a place on the waiting list', () => {
  const nothing = {
    due: false,
    dueOn: null,
    reason: null,
    awaitsDecision: false,
    explanation: 'Ingen frist for anonymisering: deltageren er i forløb eller på venteliste, og planen har ingen slutdato.',
  }

  it('makes nothing due while an enrolment runs', () => {
    expect(retentionDue(policy(), facts({ enrolments: [ongoing()] }), '2040-01-01')).toEqual(nothing)
  })

  it('makes nothing due while the resident is on the waiting list', () => {
    expect(retentionDue(policy(), facts({ enrolments: [waiting] }), '2040-01-01')).toEqual(nothing)
  })

  it('makes nothing due while one enrolment runs and others have ended long ago', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-03-01'), ongoing('2024-04-01')] })
    expect(retentionDue(policy(), f, '2040-01-01')).toEqual(nothing)
  })

  it('makes nothing due while an enrolment planned to start later waits to begin', () => {
    expect(retentionDue(policy(), facts({ enrolments: [ongoing('2030-01-01')] }), '2040-01-01')).toEqual(nothing)
  })

  it('holds back the withdrawal of consent as well', () => {
    const f = facts({ enrolments: [ongoing()], consents: [consent('2024-01-10', '2024-03-01')] })
    expect(retentionDue(policy(), f, '2040-01-01')).toEqual(nothing)
    const onList = facts({ enrolments: [waiting], consents: [consent('2024-01-10', '2024-03-01')] })
    expect(retentionDue(policy(), onList, '2040-01-01')).toEqual(nothing)
  })
})

describe('after consent is withdrawn', () => {
  it('is due a policy number of days after the withdrawal', () => {
    const f = facts({ consents: [consent('2024-01-10', '2024-03-01')] })
    expect(retentionDue(policy(), f, '2024-03-30')).toMatchObject({ due: false, dueOn: '2024-03-31', reason: 'after-consent-withdrawal' })
    expect(retentionDue(policy(), f, '2024-03-31')).toMatchObject({ due: true, dueOn: '2024-03-31', reason: 'after-consent-withdrawal' })
  })

  it('counts 29 February in a leap year and not in a common year', () => {
    expect(retentionDue(policy(), facts({ consents: [consent('2024-01-10', '2024-02-15')] }), '2024-01-10').dueOn).toBe('2024-03-16')
    const common = facts({ registeredOn: '2023-01-10', consents: [consent('2023-01-10', '2023-02-15')] })
    expect(retentionDue(policy(), common, '2023-01-10').dueOn).toBe('2023-03-17')
  })

  it('counts days across a year end', () => {
    const f = facts({ consents: [consent('2024-01-10', '2024-12-20')] })
    expect(retentionDue(policy({ monthsAfterLastEnrolment: 60 }), f, '2024-12-20').dueOn).toBe('2025-01-19')
  })

  it('is due on the day of withdrawal when the policy keeps nothing', () => {
    const f = facts({ consents: [consent('2024-01-10', '2024-03-01')] })
    expect(retentionDue(policy({ daysAfterConsentWithdrawal: 0 }), f, '2024-03-01')).toMatchObject({ due: true, dueOn: '2024-03-01' })
  })

  it('counts from the latest withdrawal when every consent is withdrawn', () => {
    const f = facts({ consents: [consent('2024-01-10', '2024-04-01'), consent('2024-01-15', '2024-03-01')] })
    expect(retentionDue(policy(), f, '2024-01-10')).toMatchObject({ dueOn: '2024-05-01', reason: 'after-consent-withdrawal' })
  })

  it('does not apply while one consent is not withdrawn', () => {
    const f = facts({ consents: [consent('2024-01-10', '2024-03-01'), consent('2024-01-15')] })
    expect(retentionDue(policy(), f, '2024-06-01')).toMatchObject({ dueOn: '2025-01-10', reason: 'never-enrolled' })
  })

  it('does not count a consent that expired without being withdrawn', () => {
    const f = facts({ consents: [consent('2024-01-10', null, '2024-02-01')] })
    expect(retentionDue(policy(), f, '2024-06-01')).toMatchObject({ dueOn: '2025-01-10', reason: 'never-enrolled' })
  })

  it('does not apply to a resident who never gave consent', () => {
    expect(retentionDue(policy(), facts(), '2024-06-01').reason).toBe('never-enrolled')
  })

  it('waits until the last enrolment has ended when it ended after the withdrawal', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-06-30')], consents: [consent('2024-01-10', '2024-03-01')] })
    const d = retentionDue(policy(), f, '2024-06-29')
    expect(d).toMatchObject({ due: false, dueOn: '2024-06-30', reason: 'after-consent-withdrawal' })
    expect(d.explanation).toBe(
      'Skal anonymiseres 30. juni 2024: samtykket blev trukket tilbage 1. marts 2024, og oplysningerne gemmes 30 dage derefter, ' +
        'men ikke mens deltageren er i forløb; det seneste forløb sluttede 30. juni 2024.',
    )
  })

  it('comes before the enrolment rule when the enrolment ended before the withdrawal', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-06-30')], consents: [consent('2024-01-10', '2024-08-01')] })
    expect(retentionDue(policy(), f, '2024-08-31')).toMatchObject({ due: true, dueOn: '2024-08-31', reason: 'after-consent-withdrawal' })
  })

  it('explains several withdrawn consents in Danish', () => {
    const f = facts({ consents: [consent('2024-01-10', '2024-04-01'), consent('2024-01-15', '2024-03-01')] })
    expect(retentionDue(policy(), f, '2024-06-01').explanation).toBe(
      'Skal anonymiseres nu (frist 1. maj 2024): alle samtykker er trukket tilbage, det seneste 1. april 2024, og oplysningerne gemmes 30 dage derefter.',
    )
  })
})

describe('when the plan ends', () => {
  it('is due the day after the plan ended', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2026-10-01')] })
    const p = policy({ planEndsOn: '2026-12-31' })
    expect(retentionDue(p, f, '2026-12-31')).toMatchObject({ due: false, dueOn: '2027-01-01', reason: 'plan-ended' })
    expect(retentionDue(p, f, '2027-01-01')).toMatchObject({ due: true, dueOn: '2027-01-01', reason: 'plan-ended' })
  })

  it('anonymises no one in a running enrolment or on the waiting list, and asks a person from the day after the plan end', () => {
    for (const enrolment of [ongoing(), waiting]) {
      const d = retentionDue(policy({ planEndsOn: '2026-12-31' }), facts({ enrolments: [enrolment] }), '2027-01-01')
      expect(d).toMatchObject({ due: false, dueOn: '2027-01-01', reason: 'plan-ended', awaitsDecision: true })
      expect(d.explanation).toBe(
        'Venter på en beslutning: planen sluttede 31. december 2026, men deltageren er stadig i forløb eller på venteliste. Afslut forløbet, eller slet deltagerens oplysninger.',
      )
      const before = retentionDue(policy({ planEndsOn: '2026-12-31' }), facts({ enrolments: [enrolment] }), '2026-12-31')
      expect(before).toMatchObject({ due: false, dueOn: '2027-01-01', awaitsDecision: false })
      expect(before.explanation).toBe(
        'Ingen anonymisering mens deltageren er i forløb eller på venteliste. Fra 1. januar 2027 skal en person tage stilling: planen slutter 31. december 2026.',
      )
    }
  })

  it('once the enrolment is ended after the plan end, is due from the exit, not before', () => {
    const p = policy({ planEndsOn: '2026-12-31', monthsAfterLastEnrolment: 60 })
    const exitAhead = facts({ enrolments: [ended('2026-01-05', '2027-03-01')] })
    expect(retentionDue(p, exitAhead, '2027-02-01')).toMatchObject({ due: false, dueOn: '2027-03-01', reason: 'plan-ended', awaitsDecision: false })
    expect(retentionDue(p, exitAhead, '2027-03-01')).toMatchObject({ due: true, dueOn: '2027-03-01', reason: 'plan-ended' })
  })

  it('keeps data the policy number of months after the plan end', () => {
    const d = retentionDue(policy({ planEndsOn: '2026-12-31', monthsAfterPlanEnd: 3 }), facts({ enrolments: [ongoing()] }), '2027-01-01')
    expect(d).toMatchObject({ due: false, dueOn: '2027-04-01', reason: 'plan-ended', awaitsDecision: false })
    expect(d.explanation).toContain('planen sluttede 31. december 2026, og oplysningerne gemmes 3 måneder derefter')
    const ended3 = retentionDue(policy({ planEndsOn: '2026-12-31', monthsAfterPlanEnd: 3 }), facts({ enrolments: [ended('2024-02-01', '2026-10-01')] }), '2027-04-01')
    expect(ended3).toMatchObject({ due: true, dueOn: '2027-04-01', reason: 'plan-ended' })
  })

  it('adds the months to the last day of the plan, then one day', () => {
    // 30 January + 1 month is 28 February (clamped); the day after is 1 March.
    const p = policy({ planEndsOn: '2027-01-30', monthsAfterPlanEnd: 1 })
    expect(retentionDue(p, facts({ enrolments: [ongoing()] }), '2027-01-01').dueOn).toBe('2027-03-01')
  })

  it('lands on 29 February when a plan ending 28 February keeps data a year into a leap year', () => {
    const p = policy({ planEndsOn: '2027-02-28', monthsAfterPlanEnd: 12 })
    expect(retentionDue(p, facts({ enrolments: [ongoing()] }), '2027-01-01').dueOn).toBe('2028-02-29')
  })

  it('is due at once for a plan ending on the last day of a leap February', () => {
    const p = policy({ planEndsOn: '2028-02-29', monthsAfterLastEnrolment: 60 })
    expect(retentionDue(p, facts({ enrolments: [ended('2027-01-01', '2027-06-30')] }), '2028-03-01')).toMatchObject({ due: true, dueOn: '2028-03-01' })
    expect(retentionDue(p, facts({ enrolments: [ongoing()] }), '2028-03-01')).toMatchObject({ due: false, dueOn: '2028-03-01', awaitsDecision: true })
  })
})

describe('the earliest rule wins', () => {
  it('names the plan end when it comes before the enrolment rule', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2026-06-30')] })
    expect(retentionDue(policy({ planEndsOn: '2026-12-31' }), f, '2026-01-01')).toMatchObject({ dueOn: '2027-01-01', reason: 'plan-ended' })
  })

  it('names the enrolment rule when it comes before the plan end', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-06-30')] })
    expect(retentionDue(policy({ planEndsOn: '2026-12-31' }), f, '2026-01-01')).toMatchObject({ dueOn: '2025-06-30', reason: 'after-last-enrolment' })
  })

  it('names the withdrawal when it comes before both', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-06-30')], consents: [consent('2024-01-10', '2024-07-01')] })
    expect(retentionDue(policy({ planEndsOn: '2026-12-31' }), f, '2026-01-01')).toMatchObject({ dueOn: '2024-07-31', reason: 'after-consent-withdrawal' })
  })

  it('names never-enrolled when it comes before a withdrawal', () => {
    const f = facts({ consents: [consent('2024-01-10', '2024-12-31')] })
    expect(retentionDue(policy({ monthsAfterLastEnrolment: 6 }), f, '2024-01-10')).toMatchObject({ dueOn: '2024-07-10', reason: 'never-enrolled' })
  })

  it('on a tie, names the withdrawal before the plan end', () => {
    const f = facts({ consents: [consent('2024-01-10', '2026-12-02')] })
    const d = retentionDue(policy({ planEndsOn: '2026-12-31', monthsAfterLastEnrolment: 60 }), f, '2026-01-01')
    expect(d).toMatchObject({ dueOn: '2027-01-01', reason: 'after-consent-withdrawal' })
  })

  it('on a tie, names the last enrolment before the plan end', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2025-06-30')] })
    const d = retentionDue(policy({ planEndsOn: '2025-06-29', monthsAfterLastEnrolment: 0 }), f, '2025-01-01')
    expect(d).toMatchObject({ dueOn: '2025-06-30', reason: 'after-last-enrolment' })
  })

  it('on a tie, names the withdrawal before the last enrolment', () => {
    const f = facts({ enrolments: [ended('2024-02-01', '2024-06-30')], consents: [consent('2024-01-10', '2024-06-30')] })
    const d = retentionDue(policy({ daysAfterConsentWithdrawal: 0, monthsAfterLastEnrolment: 0 }), f, '2024-06-30')
    expect(d).toMatchObject({ due: true, dueOn: '2024-06-30', reason: 'after-consent-withdrawal' })
  })
})

describe('never before registration', () => {
  it('is due on the day of registration when an enrolment carried over ended long before', () => {
    const f = facts({ registeredOn: '2024-01-10', enrolments: [ended('2019-01-01', '2020-01-01')] })
    const d = retentionDue(policy(), f, '2024-01-10')
    expect(d).toMatchObject({ due: true, dueOn: '2024-01-10', reason: 'after-last-enrolment' })
    expect(d.explanation).toContain('deltageren blev først registreret 10. januar 2024')
  })

  it('is due on the day of registration when the plan had already ended', () => {
    const d = retentionDue(policy({ planEndsOn: '2023-12-31' }), facts({ enrolments: [ongoing()] }), '2024-01-09')
    expect(d).toMatchObject({ due: false, dueOn: '2024-01-10', reason: 'plan-ended' })
  })
})

describe('invalid input', () => {
  it.each([
    ['asOf', policy(), facts(), '2024-02-30'],
    ['registeredOn', policy(), facts({ registeredOn: '10-01-2024' }), '2024-06-01'],
    ['planEndsOn', policy({ planEndsOn: '2026-12-32' }), facts(), '2024-06-01'],
    ['enrolment 2 startOn', policy(), facts({ enrolments: [ongoing(), ongoing('2024-13-01')] }), '2024-06-01'],
    ['enrolment 1 exitOn', policy(), facts({ enrolments: [ended('2024-02-01', '2024-06-31')] }), '2024-06-01'],
    ['consent 1 givenOn', policy(), facts({ consents: [consent('i går')] }), '2024-06-01'],
    ['consent 1 validUntil', policy(), facts({ consents: [consent('2024-01-10', null, '2025-02-29')] }), '2024-06-01'],
    ['consent 1 withdrawnOn', policy(), facts({ consents: [consent('2024-01-10', '2024-03-01T00:00:00Z')] }), '2024-06-01'],
  ] as [string, RetentionPolicy, RetentionFacts, string][])('throws on a %s that is not a calendar day', (what, p, f, asOf) => {
    expect(() => retentionDue(p, f, asOf)).toThrow(RangeError)
    expect(() => retentionDue(p, f, asOf)).toThrow(new RegExp(what))
  })

  it('checks every record, also one no rule uses', () => {
    // The plan end decides here, but the broken consent must still be reported.
    const f = facts({ enrolments: [ongoing()], consents: [consent('2024-02-30')] })
    expect(() => retentionDue(policy({ planEndsOn: '2026-12-31' }), f, '2024-06-01')).toThrow(/consent 1 givenOn/)
  })

  it.each([
    ['monthsAfterLastEnrolment', -1],
    ['monthsAfterLastEnrolment', 1.5],
    ['daysAfterConsentWithdrawal', -30],
    ['daysAfterConsentWithdrawal', Number.NaN],
    ['monthsAfterPlanEnd', -1],
    ['monthsAfterPlanEnd', Number.POSITIVE_INFINITY],
  ] as [keyof RetentionPolicy, number][])('throws on %s = %d', (field, value) => {
    expect(() => retentionDue(policy({ [field]: value }), facts(), '2024-06-01')).toThrow(RangeError)
    expect(() => retentionDue(policy({ [field]: value }), facts(), '2024-06-01')).toThrow(new RegExp(field))
  })

  it('throws when records end before they begin', () => {
    expect(() => retentionDue(policy(), facts({ enrolments: [ended('2024-06-01', '2024-05-31')] }), '2024-06-01')).toThrow(/exitOn .* before startOn/)
    expect(() => retentionDue(policy(), facts({ consents: [consent('2024-06-01', '2024-05-31')] }), '2024-06-01')).toThrow(/withdrawnOn .* before givenOn/)
    expect(() => retentionDue(policy(), facts({ consents: [consent('2024-06-01', null, '2024-05-31')] }), '2024-06-01')).toThrow(/validUntil .* before givenOn/)
  })

  it('accepts an enrolment and a consent that begin and end on the same day', () => {
    const f = facts({ enrolments: [ended('2024-06-01', '2024-06-01')], consents: [consent('2024-06-01', '2024-06-01', '2024-06-01')] })
    expect(retentionDue(policy(), f, '2024-06-01').dueOn).toBe('2024-07-01')
  })

  it('throws rather than compute a day past the year 9999', () => {
    expect(() => retentionDue(policy({ monthsAfterLastEnrolment: 12 * 8000 }), facts(), '2024-06-01')).toThrow(RangeError)
    expect(() => retentionDue(policy({ planEndsOn: '9999-12-31' }), facts({ enrolments: [ongoing()] }), '2024-06-01')).toThrow(RangeError)
  })
})

// Properties. Days are drawn as day numbers in 2015-2034 and turned into "YYYY-MM-DD" in UTC,
// where a day number and a calendar day correspond exactly; Date here is only a reference to
// check the rule's own arithmetic against.
const MS_PER_DAY = 86_400_000
const BASE = Date.UTC(2015, 0, 1) / MS_PER_DAY
const SPAN = 20 * 365
const iso = (n: number) => new Date((BASE + n) * MS_PER_DAY).toISOString().slice(0, 10)
const dayArb = fc.integer({ min: 0, max: SPAN })

const policyArb = fc.record({
  monthsAfterLastEnrolment: fc.integer({ min: 0, max: 60 }),
  daysAfterConsentWithdrawal: fc.integer({ min: 0, max: 400 }),
  planEndsOn: fc.option(dayArb.map(iso)),
  monthsAfterPlanEnd: fc.integer({ min: 0, max: 24 }),
})

const enrolmentArb: fc.Arbitrary<Enrolment> = fc
  .record({ start: fc.option(dayArb), length: fc.option(fc.integer({ min: 0, max: 1000 })), exit: dayArb })
  .map(({ start, length, exit }) => ({
    startOn: start === null ? null : iso(start),
    // An exit never comes before the start; a waiting-list place may be given up on any day.
    exitOn: length === null ? null : iso(start === null ? exit : start + length),
  }))

const consentArb: fc.Arbitrary<Consent> = fc
  .record({ given: dayArb, until: fc.option(fc.integer({ min: 0, max: 1500 })), withdrawn: fc.option(fc.integer({ min: 0, max: 1500 })) })
  .map(({ given, until, withdrawn }) => ({
    givenOn: iso(given),
    validUntil: until === null ? null : iso(given + until),
    withdrawnOn: withdrawn === null ? null : iso(given + withdrawn),
  }))

// Records may lie before registration (carried over from an earlier system), to exercise rule 8.
const factsArb: fc.Arbitrary<RetentionFacts> = fc.record({
  registeredOn: dayArb.map(iso),
  enrolments: fc.array(enrolmentArb, { maxLength: 4 }),
  consents: fc.array(consentArb, { maxLength: 3 }),
})

const ongoingArb: fc.Arbitrary<Enrolment> = fc.option(dayArb.map(iso)).map((startOn) => ({ startOn, exitOn: null }))

/** Reference month arithmetic with Date in UTC: the same day N months on, or that month's last day. */
function referenceAddMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number]
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate()
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10)
}

describe('properties', () => {
  it('is never due before the resident was registered', () => {
    fc.assert(
      fc.property(policyArb, factsArb, dayArb, (p, f, asOf) => {
        const d = retentionDue(p, f, iso(asOf))
        if (d.dueOn !== null) expect(d.dueOn >= f.registeredOn).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('a running or waiting enrolment makes nothing due; with a plan end it awaits a person from the plan rule\'s day', () => {
    fc.assert(
      fc.property(policyArb, factsArb, ongoingArb, dayArb, (p, f, extra, asOf) => {
        const after = retentionDue(p, { ...f, enrolments: [...f.enrolments, extra] }, iso(asOf))
        expect(after.due).toBe(false)
        if (p.planEndsOn === null) {
          expect(after).toMatchObject({ dueOn: null, reason: null, awaitsDecision: false })
        } else {
          const planDay = referenceAddMonths(p.planEndsOn, p.monthsAfterPlanEnd)
          const dayAfter = iso(Date.parse(`${planDay}T00:00:00Z`) / MS_PER_DAY - BASE + 1)
          const from = dayAfter > f.registeredOn ? dayAfter : f.registeredOn
          expect(after).toMatchObject({ reason: 'plan-ended', dueOn: from, awaitsDecision: iso(asOf) >= from })
        }
      }),
      { numRuns: 500 },
    )
  })

  it('withdrawing a consent never makes the resident due later', () => {
    fc.assert(
      fc.property(policyArb, factsArb, fc.nat(), fc.integer({ min: 0, max: 1500 }), dayArb, (p, f, pick, after, asOf) => {
        fc.pre(f.consents.length > 0)
        const i = pick % f.consents.length
        const target = f.consents[i]!
        const candidate = iso(Date.parse(`${target.givenOn}T00:00:00Z`) / MS_PER_DAY - BASE + after)
        const withdrawnOn = target.withdrawnOn === null || candidate < target.withdrawnOn ? candidate : target.withdrawnOn
        const withdrawn = { ...f, consents: f.consents.map((c, j) => (j === i ? { ...c, withdrawnOn } : c)) }
        const before = retentionDue(p, f, iso(asOf))
        const now = retentionDue(p, withdrawn, iso(asOf))
        if (before.dueOn !== null) expect(now.dueOn !== null && now.dueOn <= before.dueOn).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('is due from dueOn on and stays due; dueOn does not depend on the day asked', () => {
    fc.assert(
      fc.property(policyArb, factsArb, dayArb, dayArb, (p, f, a, b) => {
        const first = retentionDue(p, f, iso(Math.min(a, b)))
        const later = retentionDue(p, f, iso(Math.max(a, b)))
        expect(later.dueOn).toBe(first.dueOn)
        expect(later.reason).toBe(first.reason)
        if (first.due) expect(later.due).toBe(true)
        if (first.awaitsDecision) expect(later.awaitsDecision).toBe(true)
        expect(first.due || first.awaitsDecision).toBe(first.dueOn !== null && iso(Math.min(a, b)) >= first.dueOn)
        expect(first.due && first.awaitsDecision).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it('is due no later than the day after the plan end and its months, once registered', () => {
    fc.assert(
      fc.property(policyArb, factsArb, dayArb, (p, f, asOf) => {
        fc.pre(p.planEndsOn !== null)
        const planDay = referenceAddMonths(p.planEndsOn!, p.monthsAfterPlanEnd)
        const dayAfter = iso(Date.parse(`${planDay}T00:00:00Z`) / MS_PER_DAY - BASE + 1)
        // An exit recorded after the plan end holds the data until that day (help still under way).
        const lastExit = f.enrolments.every((e) => e.exitOn !== null) ? f.enrolments.map((e) => e.exitOn!).reduce((m, x) => (x > m ? x : m), '') : ''
        const limit = [dayAfter, f.registeredOn, lastExit].reduce((m, x) => (x > m ? x : m))
        const d = retentionDue(p, f, iso(asOf))
        expect(d.dueOn).not.toBeNull()
        expect(d.dueOn! <= limit).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('adds calendar months as the reference arithmetic does', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 240 }), (registered, months) => {
        const registeredOn = iso(registered)
        const d = retentionDue(policy({ monthsAfterLastEnrolment: months }), facts({ registeredOn }), registeredOn)
        expect(d).toMatchObject({ reason: 'never-enrolled', dueOn: referenceAddMonths(registeredOn, months) })
      }),
      { numRuns: 1000 },
    )
  })

  it('adds days as the reference arithmetic does', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 3000 }), (withdrawn, days) => {
        const f = facts({ registeredOn: '2000-01-01', consents: [consent('2000-01-01', iso(withdrawn))] })
        const d = retentionDue(policy({ monthsAfterLastEnrolment: 12 * 100, daysAfterConsentWithdrawal: days }), f, '2000-01-01')
        expect(d).toMatchObject({ reason: 'after-consent-withdrawal', dueOn: iso(withdrawn + days) })
      }),
      { numRuns: 1000 },
    )
  })
})
