import { formatCount, formatDay } from '../../../shared/lib/format.ts'
import { addDays, addMonths as addMonthsToDay, dayNumber, isoOfDayNumber } from '../../../shared/lib/period.ts'

// When a resident (deltager) must be anonymised. Personal data may be kept no longer than needed
// (docs/domain.md, "Consent and personal data"), and the residents are vulnerable, so keeping it is
// a decision with a date, not a habit. A pure rule (CONTRIBUTING.md, "Pure rules apart from I/O"): the
// policy, the resident's records and the day in, a decision out; the caller passes `asOf` and never
// the clock, so the anonymisation job, the resident's page and an audit all get the same answer.
//
// The rules, as decided:
// 1. Days are calendar days, compared as whole days (lib/period.ts dayNumber), never as Date
//    moments, which shift a day whenever the machine's time zone is not Danish. A month is a
//    calendar month: the same day number in the month N months on, or that month's last day when
//    it is shorter (2024-01-31 + 1 month = 2024-02-29; 2023-01-31 + 1 month = 2023-02-28).
// 2. An enrolment (forløb) has ended when it has an `exitOn`. Without one it is still running, or
//    waiting (no `startOn`: on the waiting list); either way the resident is still being helped,
//    and that blocks rules 3 and 5. A waiting-list place with an `exitOn` (taken off the list
//    without starting) has ended like any other enrolment.
// 3. 'after-last-enrolment': when there are enrolments and all have ended, due `monthsAfterLastEnrolment`
//    months after the latest `exitOn`.
// 4. 'never-enrolled': with no enrolments at all, due `monthsAfterLastEnrolment` months after
//    `registeredOn`: there is nothing to keep them for, and a resident who never took part is kept
//    no longer than one whose enrolment has ended.
// 5. 'after-consent-withdrawal': when the resident has had at least one consent and every one of
//    them has been withdrawn, due `daysAfterConsentWithdrawal` days after the latest `withdrawnOn`.
//    Expired consents that were never withdrawn do not count: expiry is not the resident saying no.
//    Blocked by a running or waiting enrolment (rule 2); once all have ended, due no earlier than
//    the latest `exitOn`, so an exit dated ahead never lets the data go while help is under way.
// 6. 'plan-ended': when the plan has an end (`planEndsOn`, the last day of its funding period), due
//    the day after `planEndsOn` + `monthsAfterPlanEnd` months. Not while an enrolment runs or a
//    resident waits for a place (rule 2): help still under way is never cut off by a date alone. Such
//    a resident `awaitsDecision` from that day: a person ends the enrolment (then the rule applies,
//    no earlier than the exit, as in rule 5) or erases the resident; the project leader is shown
//    who waits. A plan's end is a date fixed years ahead, the one most likely to pass unnoticed.
// 7. The resident is due on the EARLIEST day any rule gives; `due` is asOf >= that day. If two
//    rules give the same day, the reason named is the first of: withdrawal, last enrolment, never
//    enrolled, plan ended (the resident's own wish before their history, their history before the
//    plan). When no rule applies (an enrolment runs and the plan has no end), nothing is due and
//    `dueOn` is null.
// 8. Never before `registeredOn`: a record registered after the day a rule gives (an enrolment
//    carried over from before, a plan that had already ended) is due on the day it was registered.
// 9. A day that is not a calendar day, an enrolment that ends before it starts, a consent that ends
//    before it was given, and a policy number that is negative or not a whole number all throw a
//    RangeError. Such input is a bug; guessing what it meant could keep data too long or delete it
//    too early.

export interface RetentionPolicy {
  /** Months to keep a resident after their last enrolment ended (rule 3), or after registration if never enrolled (rule 4). */
  monthsAfterLastEnrolment: number
  /** Days to keep a resident after they withdrew their last consent (rule 5). */
  daysAfterConsentWithdrawal: number
  /** "YYYY-MM-DD": the last day of the plan's funding period; null when not known (rule 6). */
  planEndsOn: string | null
  /** Months to keep data after the plan has ended (rule 6). */
  monthsAfterPlanEnd: number
}

export interface RetentionFacts {
  /** "YYYY-MM-DD": the day the resident was registered. */
  registeredOn: string
  /** `startOn` null = on the waiting list; `exitOn` null = not ended (rule 2). */
  enrolments: { startOn: string | null; exitOn: string | null }[]
  consents: { givenOn: string; validUntil: string | null; withdrawnOn: string | null }[]
}

export type RetentionReason = 'after-last-enrolment' | 'after-consent-withdrawal' | 'plan-ended' | 'never-enrolled'

export interface RetentionDecision {
  /** Whether the resident must be anonymised on `asOf`. */
  due: boolean
  /** "YYYY-MM-DD": the first day the resident must be anonymised; null when no rule applies yet. */
  dueOn: string | null
  reason: RetentionReason | null
  /**
   * The plan has ended (rule 6) but an enrolment runs or the resident waits for a place: nothing is
   * anonymised until a person decides. `dueOn` is then the day the plan's rule took effect.
   */
  awaitsDecision: boolean
  /** Danish: shown on the resident's page and written to the audit log when the job anonymises. */
  explanation: string
}

// Calendar arithmetic on whole days lives in lib/period.ts (no Date, so no time zone).
const isoOfDay = (day: number) => isoOfDayNumber(day)
/** Rule 1: `months` calendar months on from a day number, clamped to the end of a shorter month. */
const addMonths = (day: number, months: number): number => dayNumber(addMonthsToDay(isoOfDayNumber(day), months))!

// ---------------------------------------------------------------------------------------------

function day(iso: string, what: string): number {
  const n = dayNumber(iso)
  if (n === null) throw new RangeError(`Retention: ${what} is not a calendar day "YYYY-MM-DD": ${JSON.stringify(iso)}`)
  return n
}

const optionalDay = (iso: string | null, what: string) => (iso === null ? null : day(iso, what))

function count(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Retention policy: ${what} must be a whole number ≥ 0, got ${n}`)
  return n
}

interface Candidate {
  reason: RetentionReason
  dueOn: number
  /** Danish: why, as a clause after "Skal anonymiseres …:". */
  cause: string
}

const months = (n: number) => formatCount(n, 'måned', 'måneder')

/** Whether and from when a resident must be anonymised on `asOf` ("YYYY-MM-DD"), and why (rules above). */
export function retentionDue(policy: RetentionPolicy, facts: RetentionFacts, asOf: string): RetentionDecision {
  const keepMonths = count(policy.monthsAfterLastEnrolment, 'monthsAfterLastEnrolment')
  const keepDays = count(policy.daysAfterConsentWithdrawal, 'daysAfterConsentWithdrawal')
  const keepAfterPlan = count(policy.monthsAfterPlanEnd, 'monthsAfterPlanEnd')
  const planEnd = optionalDay(policy.planEndsOn, 'planEndsOn')
  const registered = day(facts.registeredOn, 'registeredOn')
  const today = day(asOf, 'asOf')

  // Every record is checked, also those no rule ends up using (rule 9).
  const exits: number[] = []
  let blocked = false
  facts.enrolments.forEach((e, i) => {
    const start = optionalDay(e.startOn, `enrolment ${i + 1} startOn`)
    const exit = optionalDay(e.exitOn, `enrolment ${i + 1} exitOn`)
    if (start !== null && exit !== null && exit < start) {
      throw new RangeError(`Retention: enrolment ${i + 1} exitOn ${e.exitOn} is before startOn ${e.startOn}`)
    }
    if (exit === null) blocked = true
    else exits.push(exit)
  })
  const withdrawals: (number | null)[] = facts.consents.map((c, i) => {
    const given = day(c.givenOn, `consent ${i + 1} givenOn`)
    const until = optionalDay(c.validUntil, `consent ${i + 1} validUntil`)
    const withdrawn = optionalDay(c.withdrawnOn, `consent ${i + 1} withdrawnOn`)
    if (until !== null && until < given) throw new RangeError(`Retention: consent ${i + 1} validUntil ${c.validUntil} is before givenOn ${c.givenOn}`)
    if (withdrawn !== null && withdrawn < given) {
      throw new RangeError(`Retention: consent ${i + 1} withdrawnOn ${c.withdrawnOn} is before givenOn ${c.givenOn}`)
    }
    return withdrawn
  })
  const lastExit = exits.length > 0 ? Math.max(...exits) : null

  // In the order of rule 7, so that on a tie the first one is named.
  const candidates: Candidate[] = []

  if (!blocked && withdrawals.length > 0 && withdrawals.every((w) => w !== null)) {
    const lastWithdrawal = Math.max(...(withdrawals as number[]))
    const afterWithdrawal = lastWithdrawal + keepDays
    const heldByEnrolment = lastExit !== null && lastExit > afterWithdrawal
    candidates.push({
      reason: 'after-consent-withdrawal',
      dueOn: heldByEnrolment ? lastExit : afterWithdrawal,
      cause:
        `${facts.consents.length === 1 ? 'samtykket blev trukket tilbage' : 'alle samtykker er trukket tilbage, det seneste'} ` +
        `${formatDay(isoOfDay(lastWithdrawal))}, og oplysningerne gemmes ${formatCount(keepDays, 'dag', 'dage')} derefter` +
        (heldByEnrolment ? `, men ikke mens deltageren er i forløb; det seneste forløb sluttede ${formatDay(isoOfDay(lastExit))}` : ''),
    })
  }

  if (!blocked && lastExit !== null) {
    candidates.push({
      reason: 'after-last-enrolment',
      dueOn: addMonths(lastExit, keepMonths),
      cause: `${exits.length === 1 ? 'forløbet' : 'det seneste forløb'} sluttede ${formatDay(isoOfDay(lastExit))}, og oplysningerne gemmes ${months(keepMonths)} efter et forløb`,
    })
  }

  if (facts.enrolments.length === 0) {
    candidates.push({
      reason: 'never-enrolled',
      dueOn: addMonths(registered, keepMonths),
      cause: `deltageren blev registreret ${formatDay(facts.registeredOn)} og har aldrig været i et forløb; oplysningerne gemmes ${months(keepMonths)} efter registreringen`,
    })
  }

  const planRule = planEnd === null ? null : addMonths(planEnd, keepAfterPlan) + 1
  const planCause =
    planEnd === null ? '' : `planen sluttede ${formatDay(policy.planEndsOn!)}` + (keepAfterPlan > 0 ? `, og oplysningerne gemmes ${months(keepAfterPlan)} derefter` : '')
  if (planRule !== null && !blocked) {
    const heldByEnrolment = lastExit !== null && lastExit > planRule
    candidates.push({
      reason: 'plan-ended',
      dueOn: heldByEnrolment ? lastExit : planRule,
      cause: planCause + (heldByEnrolment ? `, men ikke mens deltageren var i forløb; det seneste forløb sluttede ${formatDay(isoOfDay(lastExit))}` : ''),
    })
  }

  if (candidates.length === 0) {
    if (planRule !== null) {
      // Rule 6 held back by rule 2: nothing happens without a person.
      const from = Math.max(planRule, registered)
      const reached = today >= from
      return {
        due: false,
        dueOn: isoOfDay(from),
        reason: 'plan-ended',
        awaitsDecision: reached,
        explanation: reached
          ? `Venter på en beslutning: ${planCause}, men deltageren er stadig i forløb eller på venteliste. Afslut forløbet, eller slet deltagerens oplysninger.`
          : `Ingen anonymisering mens deltageren er i forløb eller på venteliste. Fra ${formatDay(isoOfDay(from))} skal en person tage stilling: ${today > planEnd! ? planCause : planCause.replace('planen sluttede', 'planen slutter')}.`,
      }
    }
    return {
      due: false,
      dueOn: null,
      reason: null,
      awaitsDecision: false,
      explanation: 'Ingen frist for anonymisering: deltageren er i forløb eller på venteliste, og planen har ingen slutdato.',
    }
  }

  const first = candidates.reduce((best, c) => (c.dueOn < best.dueOn ? c : best))
  const clamped = first.dueOn < registered
  const dueDay = clamped ? registered : first.dueOn
  const dueOn = isoOfDay(dueDay)
  const due = today >= dueDay
  const cause = clamped ? `${first.cause}; deltageren blev først registreret ${formatDay(facts.registeredOn)}` : first.cause
  return {
    due,
    dueOn,
    reason: first.reason,
    awaitsDecision: false,
    explanation: due ? `Skal anonymiseres nu (frist ${formatDay(dueOn)}): ${cause}.` : `Skal anonymiseres ${formatDay(dueOn)}: ${cause}.`,
  }
}

/**
 * Days an open-counselling appointment keeps the name and phone number of a resident who is not
 * registered in Indsats: they are there so staff can meet the resident, and a month covers a moved
 * appointment. A registered resident's appointments follow the resident (rules above).
 */
export const APPOINTMENT_CONTACT_DAYS = 30

/** On `asOf`, appointments on a day before the returned day lose an unregistered resident's name and phone. */
export function appointmentContactsBefore(asOf: string): string {
  day(asOf, 'asOf')
  return addDays(asOf, -APPOINTMENT_CONTACT_DAYS)
}
