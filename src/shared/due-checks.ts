import { z } from 'zod'
import { AccessNotice } from './access-notices.ts'

// Checks due (opfølgninger der venter) on the front page: the questions the system asks at a set day
// and that nobody has answered yet, for the residents the reader may see. Two kinds today: "still in
// the job after 3 months?" on a placement (decision 022) and a pathway's 3-month check (decision 023).

const Day = z.iso.date()

export const DUE_CHECK_KINDS = ['placement-three-months', 'pathway-check'] as const
export const DueCheckKind = z.enum(DUE_CHECK_KINDS)
export type DueCheckKind = z.infer<typeof DueCheckKind>
export const dueCheckKindLabels: Record<DueCheckKind, string> = {
  'placement-three-months': 'Stadig i job efter 3 måneder?',
  'pathway-check': 'Opfølgning efter 3 måneder',
}

export const DueCheckItem = z.object({
  kind: DueCheckKind,
  participantId: z.uuid(),
  pseudonym: z.string(),
  /** The resident's name only where the reader's view includes it. */
  name: z.string().nullable(),
  /** What is asked: the question, or the pathway step's name. */
  question: z.string(),
  /** Where: the company of the placement, or the activity of the pathway. */
  context: z.string(),
  /** The placement to answer on; null for a pathway check, answered on the resident's page. */
  placementId: z.uuid().nullable(),
  dueOn: Day,
  /** Due before today (not just today). */
  overdue: z.boolean(),
})
export type DueCheckItem = z.infer<typeof DueCheckItem>

export const DueChecks = z.object({
  asOf: Day,
  checks: z.array(DueCheckItem),
  /** For the plan's project leader: new access to the plan's residents, not yet marked seen (decision 041). */
  accessNotices: z.array(AccessNotice),
})
export type DueChecks = z.infer<typeof DueChecks>
