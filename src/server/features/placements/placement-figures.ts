import { addDays } from '../../../shared/lib/period.ts'
import type { PlacementOutcome } from '../../../shared/placements.ts'

// The placement figures (decision 022). Pure rules: data in, counts out, the days as parameters.
// Days are "YYYY-MM-DD" strings, which compare in calendar order. A period runs from its first to
// its last day, both included.
//
// Definitions, as a reader of the figures is told them (PLACEMENT_DEFINITIONS below):
// 1. Placements started: placements whose first day falls in the period.
// 2. Placements completed: placements whose last day falls in the period and that did not end with
//    the resident dropping out (outcome completed, job or education).
// 3. Job or education within 13 weeks: of the placements whose last day falls in the period, the
//    share that led to a job or an education that began no later than 13 weeks (91 days) after the
//    last day and no later than the day the figures are made. A job or education without a recorded
//    first day counts from the day after the placement's last day. A placement whose 13 weeks have
//    not run out on the day the figures are made and that has not yet led to a job or education is
//    pending: it is left out until its 13 weeks have run out, so a recent period does not look
//    worse than it will turn out.
// Active companies (a contact or a placement in the period) are counted with the other company
// figures (company-figures.ts activeCompaniesIn).

export const WINDOW_DAYS = 13 * 7

export const PLACEMENT_DEFINITIONS = [
  { name: 'Udplaceringer startet', definition: 'Udplaceringer, hvis første dag ligger i perioden.' },
  { name: 'Udplaceringer gennemført', definition: 'Udplaceringer, hvis sidste dag ligger i perioden, og som ikke sluttede med, at beboeren stoppede før tid (udfald gennemført, job eller uddannelse).' },
  {
    name: 'Job eller uddannelse inden for 13 uger',
    definition:
      'Andelen af de udplaceringer, hvis sidste dag ligger i perioden, der førte til job eller uddannelse, som begyndte senest 13 uger efter udplaceringens sidste dag og senest på opgørelsesdagen. Er startdagen ikke registreret, regnes dagen efter udplaceringens sidste dag. En udplacering, hvis 13 uger ikke er gået på opgørelsesdagen, og som endnu ikke har ført til job eller uddannelse, afventer og tæller ikke med, før de 13 uger er gået.',
  },
] as const

export interface PlacementFact {
  companyId: string
  startOn: string
  endOn: string | null
  outcome: PlacementOutcome | null
  outcomeOn: string | null
}

const inPeriod = (day: string | null, from: string, to: string): day is string => day !== null && day >= from && day <= to

export function placementsStarted(placements: readonly PlacementFact[], from: string, to: string): number {
  return placements.filter((p) => inPeriod(p.startOn, from, to)).length
}

export function placementsCompleted(placements: readonly PlacementFact[], from: string, to: string): number {
  return placements.filter((p) => inPeriod(p.endOn, from, to) && p.outcome !== null && p.outcome !== 'dropped-out').length
}

export interface ShareResult {
  numerator: number
  denominator: number
  /** Ended in the period, still inside their 13 weeks, no job or education yet: left out. */
  pending: number
  /** numerator / denominator, or null when nothing counts. */
  share: number | null
}

export function jobOrEducationWithin13Weeks(placements: readonly PlacementFact[], from: string, to: string, asOf: string): ShareResult {
  let numerator = 0
  let denominator = 0
  let pending = 0
  for (const p of placements) {
    if (!inPeriod(p.endOn, from, to)) continue
    const windowLast = addDays(p.endOn, WINDOW_DAYS)
    const towardsWork = p.outcome === 'job' || p.outcome === 'education'
    const began = p.outcomeOn ?? addDays(p.endOn, 1)
    if (towardsWork && began <= windowLast && began <= asOf) {
      numerator++
      denominator++
    } else if (asOf < windowLast) {
      pending++
    } else {
      denominator++
    }
  }
  return { numerator, denominator, pending, share: denominator === 0 ? null : numerator / denominator }
}
