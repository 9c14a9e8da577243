import { z } from 'zod'
import { typeError } from './lib/zod-locale.ts'
import { OpeningKind } from './companies.ts'

// Placements (udplaceringer, decision 022): a resident placed in a company's opening, with start,
// planned end, hours per week, mentor, follow-ups and the end with its outcome. The company side
// (which opening, how many places are taken) is company data; who is placed, and everything about
// their placement, is the resident's 'employment' information, seen by another party only under
// the resident's consent.

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Højst ${max} tegn.`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null)

export const PLACEMENT_OUTCOMES = ['completed', 'job', 'education', 'dropped-out'] as const
export const PlacementOutcome = z.enum(PLACEMENT_OUTCOMES)
export type PlacementOutcome = z.infer<typeof PlacementOutcome>
export const placementOutcomeLabels: Record<PlacementOutcome, string> = {
  completed: 'Gennemført',
  job: 'Job',
  education: 'Uddannelse',
  'dropped-out': 'Stoppet før tid',
}

export const PLACEMENT_FOLLOWUP_KINDS = ['status', 'three-months'] as const
export const PlacementFollowupKind = z.enum(PLACEMENT_FOLLOWUP_KINDS)
export type PlacementFollowupKind = z.infer<typeof PlacementFollowupKind>
export const placementFollowupKindLabels: Record<PlacementFollowupKind, string> = {
  status: 'Opfølgning',
  'three-months': 'Stadig i job efter 3 måneder?',
}

export const PlacementCreate = z
  .object({
    openingId: z.uuid({ error: 'Vælg åbningen, beboeren udplaceres i.' }),
    participantId: z.uuid({ error: 'Vælg beboeren.' }),
    /** The course exit this placement follows (udslusning til virksomhedspraktik), if any. */
    enrolmentId: z.uuid().nullable().default(null),
    startOn: Day,
    plannedEndOn: Day.nullable().default(null),
    hoursPerWeek: z.number(typeError('Skriv timer pr. uge som et tal.')).positive('Timer pr. uge skal være over 0.').max(60, 'Højst 60 timer pr. uge.').nullable().default(null),
    mentor: optionalText(200),
  })
  .refine((p) => !p.plannedEndOn || p.plannedEndOn >= p.startOn, { path: ['plannedEndOn'], message: 'Den planlagte slutdato ligger før startdatoen.' })
export type PlacementCreate = z.input<typeof PlacementCreate>

/** Changes a placement and, with `endOn` and `outcome`, ends it. */
export const PlacementUpdate = z
  .object({
    version: z.number().int(),
    plannedEndOn: Day.nullable(),
    hoursPerWeek: z.number(typeError('Skriv timer pr. uge som et tal.')).positive('Timer pr. uge skal være over 0.').max(60, 'Højst 60 timer pr. uge.').nullable(),
    mentor: optionalText(200),
    endOn: Day.nullable().default(null),
    outcome: PlacementOutcome.nullable().default(null),
    /** The day the job or education began; the day after the end when not given. */
    outcomeOn: Day.nullable().default(null),
    /** Why the placement stopped (required when the resident dropped out). */
    endNote: optionalText(2000),
  })
  .superRefine((p, ctx) => {
    if ((p.endOn === null) !== (p.outcome === null)) ctx.addIssue({ code: 'custom', path: [p.endOn ? 'outcome' : 'endOn'], message: 'Angiv både slutdato og udfald.' })
    if (p.outcome === 'dropped-out' && !p.endNote) ctx.addIssue({ code: 'custom', path: ['endNote'], message: 'Skriv, hvorfor beboeren stoppede.' })
    if (p.outcomeOn && p.outcome !== 'job' && p.outcome !== 'education') ctx.addIssue({ code: 'custom', path: ['outcomeOn'], message: 'Startdatoen gælder kun, når udfaldet er job eller uddannelse.' })
    if (p.outcomeOn && p.endOn && p.outcomeOn < p.endOn) ctx.addIssue({ code: 'custom', path: ['outcomeOn'], message: 'Jobbet eller uddannelsen kan ikke begynde før udplaceringens slutdato.' })
  })
export type PlacementUpdate = z.input<typeof PlacementUpdate>

export const PlacementFollowupCreate = z
  .object({
    kind: PlacementFollowupKind,
    heldOn: Day,
    /** The answer to "still in the job after 3 months?". */
    stillInJob: z.boolean().nullable().default(null),
    note: optionalText(10_000),
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'three-months' && f.stillInJob === null) ctx.addIssue({ code: 'custom', path: ['stillInJob'], message: 'Svar, om beboeren stadig er i job.' })
    if (f.kind === 'status' && !f.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Skriv, hvordan det går.' })
  })
export type PlacementFollowupCreate = z.input<typeof PlacementFollowupCreate>

export const PlacementStatus = z.enum(['running', 'ended'])
export type PlacementStatus = z.infer<typeof PlacementStatus>
export const placementStatusLabels: Record<PlacementStatus, string> = { running: 'I gang', ended: 'Afsluttet' }

export const Placement = z.object({
  id: z.uuid(),
  openingId: z.uuid(),
  openingTitle: z.string(),
  openingKind: OpeningKind,
  companyId: z.uuid(),
  companyName: z.string(),
  participantId: z.uuid(),
  pseudonym: z.string(),
  /** Null when the reader may not see the resident's contact details. */
  name: z.string().nullable(),
  enrolmentId: z.uuid().nullable(),
  status: PlacementStatus,
  startOn: Day,
  plannedEndOn: Day.nullable(),
  hoursPerWeek: z.number().nullable(),
  mentor: z.string().nullable(),
  endOn: Day.nullable(),
  outcome: PlacementOutcome.nullable(),
  outcomeOn: Day.nullable(),
  endNote: z.string().nullable(),
  /** The day "still in the job after 3 months?" is asked, when the placement leads to a job; null otherwise. */
  threeMonthsDueOn: Day.nullable(),
  followups: z.array(
    z.object({ id: z.uuid(), kind: PlacementFollowupKind, heldOn: Day, stillInJob: z.boolean().nullable(), note: z.string().nullable(), writtenBy: z.string().nullable() }),
  ),
  version: z.number().int(),
})
export type Placement = z.infer<typeof Placement>

export const PlacementListItem = Placement.pick({
  id: true,
  openingTitle: true,
  openingKind: true,
  companyId: true,
  companyName: true,
  participantId: true,
  pseudonym: true,
  name: true,
  status: true,
  startOn: true,
  plannedEndOn: true,
  endOn: true,
  outcome: true,
})
export type PlacementListItem = z.infer<typeof PlacementListItem>

/** A follow-up the system asks for: "still in the job after 3 months?", on or after its day. */
export const DueFollowup = z.object({ placementId: z.uuid(), pseudonym: z.string(), name: z.string().nullable(), companyName: z.string(), dueOn: Day })
export type DueFollowup = z.infer<typeof DueFollowup>

export const PlacementList = z.object({
  placements: z.array(PlacementListItem),
  /** Placements of residents the reader may not see (no consent): counted, so places taken stay true. */
  hidden: z.number().int(),
  due: z.array(DueFollowup),
})
export type PlacementList = z.infer<typeof PlacementList>

export const PlacementListQuery = z.object({ companyId: z.uuid().optional(), participantId: z.uuid().optional() })
export type PlacementListQuery = z.infer<typeof PlacementListQuery>

/** The openings a placement may go into and the residents' course exits it may follow. */
export const PlacementChoices = z.object({
  openings: z.array(z.object({ id: z.uuid(), title: z.string(), kind: OpeningKind, companyName: z.string(), places: z.number().int(), taken: z.number().int() })),
})
export type PlacementChoices = z.infer<typeof PlacementChoices>
