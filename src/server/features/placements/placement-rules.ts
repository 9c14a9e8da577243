import type { OpeningKind } from '../../../shared/companies.ts'
import { addDays, addMonths } from '../../../shared/lib/period.ts'
import type { PlacementOutcome } from '../../../shared/placements.ts'

// Placement rules (decision 022). Pure: data in, answers out, the day as a parameter. Days are
// "YYYY-MM-DD" strings, which compare in calendar order.
//
// Definitions, as a reader is told them:
// - "Still in the job after 3 months?" is asked three calendar months after the job began: the
//   placement's own start when the opening is a job (ordinary job, småjob, fritidsjob), or the day
//   the job that followed the placement began (the day after the placement's end when not given).
//   A month shorter than the start day ends the count on its last day (30 Nov + 3 months = 28 Feb).
//   Nothing is asked about a placement that led to no job, or once the question has been answered.
// - Places taken in an opening: its placements not yet ended. An opening whose places are all taken
//   shows as filled; one that gets a place back shows as open again (a closed one stays closed).

/** Opening kinds where the placement is itself the job. */
export const JOB_KINDS: ReadonlySet<OpeningKind> = new Set<OpeningKind>(['ordinaert-job', 'smaajob', 'fritidsjob'])

export interface FollowupFacts {
  openingKind: OpeningKind
  startOn: string
  endOn: string | null
  outcome: PlacementOutcome | null
  outcomeOn: string | null
}

/** The day the job began, or null when the placement neither is nor led to a job. */
export function jobBeganOn(p: FollowupFacts): string | null {
  if (JOB_KINDS.has(p.openingKind)) return p.startOn
  if (p.outcome === 'job' && p.endOn) return p.outcomeOn ?? addDays(p.endOn, 1)
  return null
}

export function threeMonthsDueOn(p: FollowupFacts): string | null {
  const began = jobBeganOn(p)
  return began === null ? null : addMonths(began, 3)
}

/** Whether the three-month question is due on `asOf`: its day has come and it has not been answered. */
export function threeMonthsDue(p: FollowupFacts, answered: boolean, asOf: string): boolean {
  const due = threeMonthsDueOn(p)
  return !answered && due !== null && due <= asOf
}

export type OpeningStatus = 'open' | 'filled' | 'closed'

/** The opening's status once `taken` of its `places` are taken. */
export function openingStatusAfter(status: OpeningStatus, places: number, taken: number): OpeningStatus {
  if (status === 'closed') return 'closed'
  return taken >= places ? 'filled' : 'open'
}
