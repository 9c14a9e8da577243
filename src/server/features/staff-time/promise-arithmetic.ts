import { formatAmount, formatResourceAmount } from '../../../shared/agreement-wording.ts'
import type { AgreementContent, ResourceUnit } from '../../../shared/agreements.ts'
import { daysOfWeek, quarterOfWeek, weekdayIndex, weeksInIsoYear, weeksOfQuarter } from '../../../shared/lib/iso-week.ts'
import { formatCount, formatNumber } from '../../../shared/lib/format.ts'
import { addDays, periodLabel } from '../../../shared/lib/period.ts'
import { danishPublicHolidays } from '../../../shared/lib/danish-holidays.ts'

// Promise arithmetic (decision 015): what an agreement's staff resources promise in a quarter, in
// hours (or people), and whether what was delivered keeps it. A pure rule (CONTRIBUTING.md): the
// agreement content, the plan's settings, the quarter and the day asked about come in as data.
//
// How each unit becomes hours in a quarter (the quarter's weeks are the ISO weeks whose Thursday
// lies in it, 13 or 14):
// - hours-per-week with weeks ("16 timer pr uge i 40 uger"): the stated weeks spread evenly over the
//   ISO year, so the quarter's share of them is weeks × quarterWeeks / weeksInYear (40 × 13/52 =
//   10); the stated weeks already leave out holidays, so nothing more is taken off;
// - hours-per-week without weeks ("mindst fem timer ugentligt"): every working week of the quarter,
//   a public holiday on a weekday taking a fifth of a week off;
// - a post's time (percent-of-post, days-per-week, and hours with no period stated, which the
//   agreements use for a share of someone's week: Varde's social caretaker's 9 + 8,5 + 4 + 8 hours
//   only add up as a week): the working weeks less the plan's vacation weeks spread over the year;
//   % of a post from the plan's normal week (37 hours), a day from the plan's hours per day (7,4);
// - headcount ("10 medarbejdere"): people who registered any hours in the quarter;
// - unspecified: no figure, only the text.

export interface StaffTimeSettings {
  /** A full-time week, for % of a post. */
  normalWeekHours: number
  /** A working day, for days per week. */
  hoursPerDay: number
  /** Vacation weeks a year a post is not at work (5 ferieuger + 5 feriefridage = 6). */
  vacationWeeksPerYear: number
}

export const DEFAULT_STAFF_TIME_SETTINGS: StaffTimeSettings = { normalWeekHours: 37, hoursPerDay: 7.4, vacationWeeksPerYear: 6 }

/** One promise of staff time: a resource of the agreement or an activity, or an activity's share for this effort area. */
export interface StaffPromise {
  /** The resource's key; for an allocation "<activity key>@<effort area>". */
  key: string
  source: 'agreement' | 'municipal' | 'activity' | 'allocation'
  activityKey: string | null
  activityName: string | null
  /** For an allocation: the effort area it is this agreement's share of. */
  effortArea: string | null
  organisation: string
  unit: string | null
  role: string | null
  resourceUnit: ResourceUnit
  quantity: number | null
  weeks: number | null
  atLeast: boolean
  /** The agreement's words. */
  text: string
}

/** Every promise of staff time an agreement makes, in the order the agreement states them. */
export function promisesOf(content: AgreementContent): StaffPromise[] {
  const base = (source: StaffPromise['source'], r: AgreementContent['staffResources'][number], activity: { key: string; name: string } | null): StaffPromise => ({
    key: r.key,
    source,
    activityKey: activity?.key ?? null,
    activityName: activity?.name ?? null,
    effortArea: null,
    organisation: r.organisation,
    unit: r.unit ?? null,
    role: r.role ?? null,
    resourceUnit: r.resourceUnit,
    quantity: r.quantity ?? null,
    weeks: r.weeks ?? null,
    atLeast: r.atLeast,
    text: r.text,
  })
  const promises: StaffPromise[] = [...content.staffResources.map((r) => base('agreement', r, null)), ...content.municipalResources.map((r) => base('municipal', r, null))]
  for (const act of content.activities) {
    promises.push(...act.resources.map((r) => base('activity', r, act)))
    // Only this agreement's share of an activity shared between effort areas, and only when it is a number.
    for (const al of act.allocations) {
      if (al.effortArea !== content.effortArea || al.quantity === undefined) continue
      promises.push({
        key: `${act.key}@${al.effortArea}`,
        source: 'allocation',
        activityKey: act.key,
        activityName: act.name,
        effortArea: al.effortArea,
        organisation: act.name,
        unit: null,
        role: null,
        resourceUnit: al.resourceUnit ?? 'unspecified',
        quantity: al.quantity,
        weeks: null,
        atLeast: false,
        text: `${act.name}: ${formatAmount(al.quantity, al.resourceUnit ?? 'unspecified')} til denne delaftale${al.note ? ` (${al.note})` : ''}`,
      })
    }
  }
  return promises
}

const normalised = (s: string | null) => (s ?? '').toLowerCase().replace(/&/g, ' og ').replace(/[”"“.]/g, '').replace(/\s+/g, ' ').trim()

/**
 * The promises whose delivered hours are the same hours as this one's: the promise itself, and the
 * same amount of the same unit promised by the same organisation and unit elsewhere in the
 * agreement (Varde states the job centre's 16 hours a week both in the agreement's list, "i 40 uger",
 * and under the activity, "i 44 uger": one promise stated twice, so one set of hours feeds both).
 */
export function sameHours(promise: StaffPromise, all: readonly StaffPromise[]): string[] {
  if (promise.source === 'allocation') return [promise.key]
  return all
    .filter(
      (p) =>
        p.key === promise.key ||
        (p.source !== 'allocation' &&
          p.resourceUnit === promise.resourceUnit &&
          p.quantity === promise.quantity &&
          normalised(p.organisation) === normalised(promise.organisation) &&
          normalised(p.unit) === normalised(promise.unit)),
    )
    .map((p) => p.key)
}

/** Whether a plan's party is the one a promise names: same organisation, and same unit when the promise names one. */
export function partyMatches(promise: Pick<StaffPromise, 'organisation' | 'unit'>, party: { name: string; unit: string | null }): boolean {
  if (normalised(party.name) !== normalised(promise.organisation)) return false
  return promise.unit === null || normalised(party.unit) === normalised(promise.unit)
}

export interface QuarterSpan {
  quarter: string
  /** Mondays of the quarter's ISO weeks. */
  weeks: string[]
  weeksInYear: number
  /** Public holidays on a weekday within the quarter's weeks. */
  holidays: { date: string; name: string }[]
  /** Weeks less a fifth of a week per weekday public holiday. */
  workingWeeks: number
}

export function quarterSpan(quarter: string): QuarterSpan {
  const weeks = weeksOfQuarter(quarter)
  const year = Number(quarter.slice(0, 4))
  const days = new Set(weeks.flatMap((w) => daysOfWeek(w).slice(0, 5)))
  const holidays = [...danishPublicHolidays(year - 1), ...danishPublicHolidays(year), ...danishPublicHolidays(year + 1)].filter((h) => days.has(h.date) && weekdayIndex(h.date) < 5)
  return { quarter, weeks, weeksInYear: weeksInIsoYear(year), holidays, workingWeeks: weeks.length - holidays.length / 5 }
}

export type PromisedAmount =
  | { kind: 'hours'; perWeek: number; weeks: number; hours: number }
  | { kind: 'headcount'; people: number }
  | { kind: 'none' }

/** What a promise amounts to in a quarter (see the note at the top of the file). */
export function promisedInQuarter(p: StaffPromise, span: QuarterSpan, settings: StaffTimeSettings): PromisedAmount {
  if (p.quantity === null || p.resourceUnit === 'unspecified') return { kind: 'none' }
  const postWeeks = span.workingWeeks * (1 - settings.vacationWeeksPerYear / span.weeksInYear)
  const hours = (perWeek: number, weeks: number): PromisedAmount => ({ kind: 'hours', perWeek, weeks, hours: perWeek * weeks })
  switch (p.resourceUnit) {
    case 'hours-per-week':
      return p.weeks !== null ? hours(p.quantity, (p.weeks * span.weeks.length) / span.weeksInYear) : hours(p.quantity, span.workingWeeks)
    case 'hours':
      return hours(p.quantity, postWeeks)
    case 'percent-of-post':
      return hours((p.quantity / 100) * settings.normalWeekHours, postWeeks)
    case 'days-per-week':
      return hours(p.quantity * settings.hoursPerDay, postWeeks)
    case 'headcount':
      return { kind: 'headcount', people: p.quantity }
  }
}

export type Verdict = 'kept' | 'not-kept' | 'running' | 'no-figure'

export interface Judgement {
  verdict: Verdict
  /** Delivered hours per promised week, for hour promises. */
  averagePerWeek: number | null
  /** The plain sentence: who promised what, what the quarter shows, and whether it is kept. */
  sentence: string
}

/**
 * Whether the delivered hours (or people) keep a promise in a quarter. A promise is a floor whether
 * or not it says "mindst": delivering more keeps it, less does not. A quarter not yet over is not
 * judged (its hours are still coming in).
 */
export function judge(p: StaffPromise, who: string, promised: PromisedAmount, delivered: { hours: number; people: number }, span: QuarterSpan, asOf: string): Judgement {
  const quarter = periodLabel(span.quarter)
  const promise = p.source === 'allocation' ? `${formatAmount(p.quantity ?? 0, p.resourceUnit)} om ugen til denne delaftale` : formatResourceAmount({ ...p, unit: p.unit ?? undefined, role: p.role ?? undefined, quantity: p.quantity ?? undefined, weeks: p.weeks ?? undefined })
  // The quarter's hours are complete after the Sunday of its last ISO week.
  const end = addDays(span.weeks.at(-1)!, 6)
  const running = asOf <= end
  if (promised.kind === 'none') return { verdict: 'no-figure', averagePerWeek: null, sentence: `${who}: aftalen sætter ikke tal på ressourcen; ${quarter}: ${formatHours(delivered.hours)} registreret.` }
  if (promised.kind === 'headcount') {
    const kept = delivered.people >= promised.people
    const verdict: Verdict = running ? 'running' : kept ? 'kept' : 'not-kept'
    return {
      verdict,
      averagePerWeek: null,
      sentence: `${who} lovede ${promise}; ${quarter}: ${formatCount(delivered.people, 'medarbejder', 'medarbejdere')} registrerede timer. ${verdictText(verdict)}`,
    }
  }
  const average = promised.weeks > 0 ? delivered.hours / promised.weeks : 0
  const kept = delivered.hours >= promised.hours - 1e-9
  const verdict: Verdict = running ? 'running' : kept ? 'kept' : 'not-kept'
  return {
    verdict,
    averagePerWeek: average,
    sentence: `${who} lovede ${promise}; ${quarter}: ${formatNumber(round1(average))} timer om ugen i gennemsnit (${formatHours(delivered.hours)} af ${formatHours(promised.hours)} lovede). ${verdictText(verdict)}`,
  }
}

function verdictText(v: Verdict): string {
  switch (v) {
    case 'kept':
      return 'Løftet er holdt.'
    case 'not-kept':
      return 'Løftet er ikke holdt.'
    case 'running':
      return 'Kvartalet er ikke slut.'
    case 'no-figure':
      return ''
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10
const formatHours = (h: number) => formatCount(round1(h), 'time', 'timer')

/** The quarter a week's hours count in (re-exported so the service and the bench use one rule). */
export { quarterOfWeek }
