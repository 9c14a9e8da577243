import { z } from 'zod'
import { parsePeriod } from './lib/period.ts'

// Meetings (decision 015): cooperation meetings between the parties, board meetings, and the company
// network's meetings (a later feature reuses them). Participants are users or people outside Indsats
// by name; decisions may approve an agreement revision and close a follow-up period; actions have an
// owner and a due date and appear on the owner's front page until done.

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })

export const MeetingKind = z.enum(['cooperation', 'board', 'company-network'])
export type MeetingKind = z.infer<typeof MeetingKind>
export const meetingKindLabels: Record<MeetingKind, string> = { cooperation: 'Samarbejdsmøde', board: 'Bestyrelsesmøde', 'company-network': 'Møde i virksomhedsnetværket' }

export const MeetingParticipantInput = z
  .object({ userId: z.uuid().nullable(), name: z.string().trim().min(1).max(200).nullable() })
  .refine((p) => (p.userId === null) !== (p.name === null), { error: 'En deltager er enten en bruger eller et navn.' })

export const MeetingDecisionInput = z.object({
  text: z.string().trim().min(1, 'Skriv beslutningen.').max(4000),
  agreementId: z.uuid().nullable(),
  /** The revision of the agreement this decision approves. */
  revisionNumber: z.number().int().positive().nullable(),
  /** The follow-up period the decision closes: "2025-Q3", "2025", "2025-H1". */
  closesPeriod: z
    .string()
    .nullable()
    .refine((p) => p === null || parsePeriod(p) !== null, { error: 'Skriv perioden som fx 2025-Q3 eller 2025.' }),
})

export const MeetingActionInput = z.object({
  text: z.string().trim().min(1, 'Skriv, hvad der skal gøres.').max(1000),
  ownerId: z.uuid({ error: 'Vælg, hvem der har opgaven.' }),
  dueOn: Day,
})

/** A company invited to a network event (decision 024), and whether it came. */
export const MeetingCompanyInput = z.object({ companyId: z.uuid({ error: 'Vælg virksomheden.' }), attended: z.boolean().default(false) })

export const MeetingCreate = z.object({
  kind: MeetingKind,
  heldOn: Day,
  title: z.string().trim().min(1, 'Skriv mødets titel.').max(200),
  agenda: z.string().max(20_000).default(''),
  minutes: z.string().max(100_000).default(''),
  participants: z.array(MeetingParticipantInput).max(200).default([]),
  decisions: z.array(MeetingDecisionInput).max(100).default([]),
  actions: z.array(MeetingActionInput).max(100).default([]),
  /** Only for the company network's events. */
  companies: z.array(MeetingCompanyInput).max(500).default([]),
})
export type MeetingCreate = z.input<typeof MeetingCreate>

/**
 * Editing a meeting (decision 024): its date, title, agenda, minutes, participants, decisions and
 * companies are replaced; `actions` are new ones added. Existing actions stay as they are, so an
 * owner's "done" is never lost by someone else's edit. The kind is fixed once recorded.
 */
export const MeetingUpdate = MeetingCreate.omit({ kind: true })
export type MeetingUpdate = z.input<typeof MeetingUpdate>

export const MeetingAction = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  meetingTitle: z.string(),
  text: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  dueOn: z.string(),
  done: z.boolean(),
})
export type MeetingAction = z.infer<typeof MeetingAction>

export const Meeting = z.object({
  id: z.uuid(),
  kind: MeetingKind,
  heldOn: z.string(),
  title: z.string(),
  agenda: z.string(),
  minutes: z.string(),
  participants: z.array(z.object({ userId: z.uuid().nullable(), name: z.string() })),
  decisions: z.array(
    z.object({
      id: z.uuid(),
      text: z.string(),
      agreementId: z.uuid().nullable(),
      revisionNumber: z.number().int().nullable(),
      /** "Delaftale for indsatsområdet Beskæftigelse, revision 2 (gældende fra 01.01.2022)". */
      approves: z.string().nullable(),
      closesPeriod: z.string().nullable(),
    }),
  ),
  actions: z.array(MeetingAction),
  companies: z.array(z.object({ companyId: z.uuid(), name: z.string(), attended: z.boolean() })),
  /** Who recorded the meeting: they, and an action's owner, may delete an action added by mistake. */
  createdBy: z.uuid().nullable(),
})
export type Meeting = z.infer<typeof Meeting>
export const MeetingList = z.object({ meetings: z.array(Meeting.pick({ id: true, kind: true, heldOn: true, title: true })) })
export type MeetingSummary = z.infer<typeof MeetingList>['meetings'][number]
/** The network events a company was invited to, newest first (the company's page). */
export const CompanyMeetings = z.object({ meetings: z.array(Meeting.pick({ id: true, kind: true, heldOn: true, title: true }).extend({ attended: z.boolean() })) })
/** Deleting an action added by mistake: why, kept in the audit log with what was deleted. */
export const ActionDeletion = z.object({ reason: z.string().trim().min(1, 'Skriv, hvorfor opfølgningspunktet slettes.').max(500, 'Begrundelsen må højst være 500 tegn.') })
export type ActionDeletion = z.infer<typeof ActionDeletion>
export const MyActions = z.object({ actions: z.array(MeetingAction) })
