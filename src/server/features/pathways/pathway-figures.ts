import { addMonths, parsePeriod } from '../../../shared/lib/period.ts'

// The pathway's figures and its due checks (decision 023): pure rules, records and days in, numbers
// out; the caller passes `asOf`, never the clock.
//
// Definitions:
// 1. Counts per step: the young people who reached the step on a day in the period (a young person
//    reaches a step once; recording it again is refused). Steps are counted apart: the funnel shows
//    how many got to each step in the period, not how many stand on it now. A check answered no is
//    not a step reached: it counts on no step.
// 2. Entered a leisure job: young people who reached the step just before the check step (the
//    leisure job) on a day in the period.
// 3. Still in it after 3 months: of those entered, the ones whose check was answered yes. Answered no
//    counts as entered, not kept. Not yet answered is "awaiting" (the check is not due yet, or is due
//    and not asked), so a share is never computed over young people nobody has asked.
// 4. A check is due on the day `askAfterMonths` calendar months after the step before it was reached
//    (31 January + 1 month = the last day of February); it is on the due list from that day until it
//    is answered, and never before.
// 5. Groups per year: groups (hold) of the activity starting in the calendar year, compared with the
//    agreement's target "1 til 2 hold pr år": below the minimum, within, or above the maximum.

export interface StepFacts {
  id: string
  position: number
  askAfterMonths: number | null
}

export interface ProgressFacts {
  participantId: string
  stepId: string
  reachedOn: string
  stillHeld: boolean | null
}

/** The check step and the step before it, or null when the pathway has no check. */
export function checkOf(steps: readonly StepFacts[]): { check: StepFacts; before: StepFacts } | null {
  const ordered = [...steps].sort((a, b) => a.position - b.position)
  const i = ordered.findIndex((s, idx) => s.askAfterMonths !== null && idx > 0)
  return i > 0 ? { check: ordered[i]!, before: ordered[i - 1]! } : null
}

/** The day a check is asked, from the day the step before it was reached (rule 4). */
export function checkDueOn(beforeReachedOn: string, askAfterMonths: number): string {
  return addMonths(beforeReachedOn, askAfterMonths)
}

export interface Due {
  participantId: string
  stepId: string
  dueOn: string
}

/** Every unanswered check that is due on `asOf` (rule 4), the longest due first. */
export function dueChecks(steps: readonly StepFacts[], progress: readonly ProgressFacts[], asOf: string): Due[] {
  const ordered = [...steps].sort((a, b) => a.position - b.position)
  const reached = new Map(progress.map((p) => [`${p.participantId}|${p.stepId}`, p]))
  const result: Due[] = []
  ordered.forEach((step, i) => {
    if (step.askAfterMonths === null || i === 0) return
    const before = ordered[i - 1]!
    for (const p of progress) {
      if (p.stepId !== before.id || reached.has(`${p.participantId}|${step.id}`)) continue
      const dueOn = checkDueOn(p.reachedOn, step.askAfterMonths)
      if (dueOn <= asOf) result.push({ participantId: p.participantId, stepId: step.id, dueOn })
    }
  })
  return result.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.participantId.localeCompare(b.participantId)))
}

function bounds(period: string): { start: string; end: string } {
  const p = parsePeriod(period)
  if (!p) throw new RangeError(`Not a period: ${period}`)
  return p
}

/** Young people per step who reached it in the period (rule 1), in the steps' order. */
export function stepCounts(steps: readonly StepFacts[], progress: readonly ProgressFacts[], period: string): { stepId: string; count: number }[] {
  const { start, end } = bounds(period)
  return [...steps]
    .sort((a, b) => a.position - b.position)
    .map((s) => ({
      stepId: s.id,
      count: new Set(progress.filter((p) => p.stepId === s.id && p.stillHeld !== false && p.reachedOn >= start && p.reachedOn <= end).map((p) => p.participantId)).size,
    }))
}

export interface Retention {
  entered: number
  kept: number
  lost: number
  awaiting: number
}

/** Entered a leisure job in the period, and of those kept, lost or awaiting the check (rules 2, 3). */
export function leisureJobRetention(steps: readonly StepFacts[], progress: readonly ProgressFacts[], period: string): Retention | null {
  const pair = checkOf(steps)
  if (!pair) return null
  const { start, end } = bounds(period)
  const entered = new Set(progress.filter((p) => p.stepId === pair.before.id && p.reachedOn >= start && p.reachedOn <= end).map((p) => p.participantId))
  const answers = new Map(progress.filter((p) => p.stepId === pair.check.id).map((p) => [p.participantId, p.stillHeld]))
  let kept = 0
  let lost = 0
  for (const id of entered) {
    const answer = answers.get(id)
    if (answer === true) kept++
    else if (answer === false) lost++
  }
  return { entered: entered.size, kept, lost, awaiting: entered.size - kept - lost }
}

export type GroupVerdict = 'below' | 'within' | 'above' | 'no-target'

/** Groups starting in `year` against the target (rule 5). */
export function groupsInYear(groups: readonly { startsOn: string }[], year: number, target: { min: number; max: number | null } | null): { count: number; verdict: GroupVerdict } {
  const count = groups.filter((g) => Number(g.startsOn.slice(0, 4)) === year).length
  if (!target) return { count, verdict: 'no-target' }
  const verdict = count < target.min ? 'below' : target.max !== null && count > target.max ? 'above' : 'within'
  return { count, verdict }
}

export const FUNNEL_DEFINITIONS = [
  { name: 'Unge pr. trin', definition: 'Antal unge, der nåede trinnet på en dag i perioden. Hvert trin tælles for sig.' },
  { name: 'Startet i fritidsjob', definition: 'Antal unge, der nåede trinnet før opfølgningen (fritidsjobbet) på en dag i perioden.' },
  {
    name: 'Stadig i job efter 3 måneder',
    definition: 'Af de unge, der startede i fritidsjob i perioden: dem, der svarede ja, da de blev spurgt 3 måneder efter. De, der endnu ikke er spurgt, tælles som afventer.',
  },
  { name: 'Hold pr. år', definition: 'Antal hold, der startede i kalenderåret, sammenholdt med delaftalens mål (fx 1 til 2 hold pr. år).' },
] as const
