import { z } from 'zod'
import { ConsentCategory } from './consents.ts'

// Enrolments (forløb): a resident referred into an activity, waiting, active, followed up and
// ended with an exit reason. Activities carry a capacity (e.g. 12 at a time) and a default length
// (e.g. 10 weeks). Figures computed from enrolments are aggregates anyone on the plan may read.

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })

export const EXIT_REASONS = ['virksomhedspraktik', 'job', 'uddannelse', 'andet-tilbud', 'sygdom', 'fraflytning', 'ophoer', 'andet'] as const
export const ExitReason = z.enum(EXIT_REASONS)
export type ExitReason = z.infer<typeof ExitReason>
export const exitReasonLabels: Record<ExitReason, string> = {
  virksomhedspraktik: 'Virksomhedspraktik',
  job: 'Job',
  uddannelse: 'Uddannelse',
  'andet-tilbud': 'Andet tilbud',
  sygdom: 'Sygdom',
  fraflytning: 'Fraflytning',
  ophoer: 'Ophør (stoppet)',
  andet: 'Andet',
}

export const EnrolmentStatus = z.enum(['waiting', 'active', 'ended'])
export type EnrolmentStatus = z.infer<typeof EnrolmentStatus>
/** Ended once it has an exit (also a place given up on the waiting list); waiting until it starts. */
export function enrolmentStatusOf(e: { startOn: string | null; exitOn: string | null }): EnrolmentStatus {
  if (e.exitOn !== null) return 'ended'
  return e.startOn === null ? 'waiting' : 'active'
}

export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = { waiting: 'På venteliste', active: 'I forløb', ended: 'Afsluttet' }

/** A criterion from the agreement (Varde's four), answered per candidate. */
export const SelectionAnswer = z.object({ criterion: z.string(), met: z.boolean() })
export const Selection = z.object({ answers: z.array(SelectionAnswer), assessedOn: Day })
export type Selection = z.infer<typeof Selection>

export const EnrolmentCreate = z.object({
  activityId: z.uuid(),
  referredOn: Day,
  referredBy: z.string().trim().min(1, 'Skriv, hvem der visiterede.').max(200),
  /** Null: the resident goes on the waiting list. */
  startOn: Day.nullable(),
  selection: Selection.nullable(),
  /** Set after the warning that the activity is full. */
  allowOverbooking: z.boolean().default(false),
})
export type EnrolmentCreate = z.input<typeof EnrolmentCreate>

/** The category a follow-up or an exit note is filed under when its writer does not choose one. */
export const FREE_TEXT_DEFAULT_CATEGORY = 'employment' satisfies ConsentCategory

export const EnrolmentUpdate = z.object({
  version: z.number().int(),
  startOn: Day.nullable(),
  plannedEndOn: Day.nullable(),
  exitOn: Day.nullable(),
  exitReason: ExitReason.nullable(),
  destinationOn: Day.nullable(),
  exitNote: z
    .string()
    .trim()
    .max(2000)
    .transform((s) => (s === '' ? null : s))
    .nullable(),
  /**
   * The consent category the exit note is filed under (decision 026): shown to a party under
   * consent only when its consent names it. The form asks; left out, it is 'employment'.
   */
  exitNoteCategory: ConsentCategory.default(FREE_TEXT_DEFAULT_CATEGORY),
  internshipContact: z.boolean(),
  allowOverbooking: z.boolean().default(false),
})
export type EnrolmentUpdate = z.input<typeof EnrolmentUpdate>

export const FollowupCreate = z.object({
  heldOn: Day,
  note: z.string().trim().min(1, 'Skriv, hvordan det går.').max(10_000),
  /** The consent category the note is filed under, chosen by its writer (decision 026). */
  category: ConsentCategory.default(FREE_TEXT_DEFAULT_CATEGORY),
})
export type FollowupCreate = z.infer<typeof FollowupCreate>

/** Why a follow-up is corrected or an exit reopened: kept in the audit log (decision 025). */
const CorrectionReason = z.string().trim().min(1, 'Skriv, hvorfor der rettes.').max(500, 'Begrundelsen må højst være 500 tegn.')

/**
 * A correction of a follow-up: its day, category and note replace what was written, and the reason
 * goes into the audit log with the day and category before and after (the note only as changed).
 */
export const FollowupCorrection = FollowupCreate.extend({ reason: CorrectionReason })
export type FollowupCorrection = z.infer<typeof FollowupCorrection>

/**
 * Reopening an ended enrolment: the exit day, reason and next start are removed (the audit log keeps
 * them with the reason). A started course takes its place again, so a full activity asks first.
 */
export const EnrolmentReopening = z.object({
  version: z.number().int(),
  reason: CorrectionReason,
  allowOverbooking: z.boolean().default(false),
})
export type EnrolmentReopening = z.input<typeof EnrolmentReopening>

export const Enrolment = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  pseudonym: z.string(),
  /** Null when the reader may not see the resident's contact details. */
  name: z.string().nullable(),
  activityId: z.uuid(),
  activityName: z.string(),
  status: EnrolmentStatus,
  referredOn: z.string(),
  referredBy: z.string(),
  startOn: z.string().nullable(),
  plannedEndOn: z.string().nullable(),
  exitOn: z.string().nullable(),
  exitReason: ExitReason.nullable(),
  destinationOn: z.string().nullable(),
  /** Null when there is none, or when the reader's consent does not cover its category. */
  exitNote: z.string().nullable(),
  exitNoteCategory: ConsentCategory.nullable(),
  internshipContact: z.boolean(),
  selection: Selection.nullable(),
  /** Only those filed under categories the reader may see. */
  followups: z.array(z.object({ id: z.uuid(), heldOn: z.string(), note: z.string().nullable(), category: ConsentCategory, writtenBy: z.string().nullable() })),
  attendance: z.array(z.object({ sessionId: z.uuid(), heldOn: z.string(), title: z.string(), status: z.enum(['present', 'absent', 'excused']) })),
  version: z.number().int(),
})
export type Enrolment = z.infer<typeof Enrolment>

export const Activity = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  capacity: z.number().int().nullable(),
  defaultWeeks: z.number().int().nullable(),
  /** Selection criteria written in the agreement, if any (Varde's four). */
  selectionCriteria: z.array(z.string()),
  active: z.number().int(),
  waiting: z.number().int(),
  /**
   * Board members: the count is small (0 < n < the suppression threshold) and hidden. It then reads
   * 0 in `active`/`waiting`, so a page must say "hidden" rather than show that 0 as a number.
   */
  activeHidden: z.boolean(),
  waitingHidden: z.boolean(),
})
export type Activity = z.infer<typeof Activity>

export const ActivitySettings = z.object({
  capacity: z.number().int().min(1, 'Kapaciteten skal være mindst 1.').max(10_000).nullable(),
  defaultWeeks: z.number().int().min(1, 'Varigheden skal være mindst 1 uge.').max(208).nullable(),
})
export type ActivitySettings = z.infer<typeof ActivitySettings>

/** An activity's roster: who is in it now and who waits, as far as the reader may see them. */
export const Roster = z.object({
  activity: Activity,
  active: z.array(
    z.object({
      enrolmentId: z.uuid(),
      participantId: z.uuid(),
      pseudonym: z.string(),
      name: z.string().nullable(),
      startOn: z.string(),
      plannedEndOn: z.string().nullable(),
      /** Erased: still in the course's count, but nothing new is written about them (no attendance). */
      anonymised: z.boolean(),
    }),
  ),
  waiting: z.array(z.object({ enrolmentId: z.uuid(), participantId: z.uuid(), pseudonym: z.string(), name: z.string().nullable(), referredOn: z.string() })),
  /** Enrolments the reader may not see (no consent); counted so occupancy stays true. */
  hiddenActive: z.number().int(),
  hiddenWaiting: z.number().int(),
})
export type Roster = z.infer<typeof Roster>

// ---- computed figures -----------------------------------------------------------------------------

/** One figure, with its written definition; a count or share may be hidden for board members. */
export const Figure = z.object({
  key: z.string(),
  name: z.string(),
  definition: z.string(),
  ruleVersion: z.string(),
  /** The figure's value, formatted in the unit of the figure (count, weeks, share 0-1). */
  value: z.number().nullable(),
  unit: z.enum(['count', 'weeks', 'share']),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Hidden because the count behind it is small (board members). */
  hidden: z.boolean(),
  /** A Danish sentence on what was left out (pending, waiting list …). */
  note: z.string().nullable(),
})
export type Figure = z.infer<typeof Figure>

export const ActivityFigures = z.object({
  activityId: z.uuid(),
  period: z.string(),
  periodLabel: z.string(),
  figures: z.array(Figure),
  exitReasons: z.array(z.object({ reason: ExitReason, label: z.string(), count: z.number().nullable(), hidden: z.boolean() })),
  suppressed: z.boolean(),
})
export type ActivityFigures = z.infer<typeof ActivityFigures>

/** Writes a computed figure into the follow-up as an indicator value of provenance "computed". */
export const ComputedValueCreate = z.object({
  figure: z.string(),
  activityId: z.uuid(),
  agreementId: z.uuid(),
  indicatorKey: z.string().min(1).max(200),
  rowKey: z.string().min(1).max(200),
  period: z.string(),
  /** Required when the value replaces an earlier one for the period. */
  note: z.string().trim().max(1000).optional(),
})
export type ComputedValueCreate = z.infer<typeof ComputedValueCreate>
