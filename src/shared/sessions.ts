import { z } from 'zod'

// Sessions (aktivitetsgange): individual conversations, group talks, excursions and presentations
// held within an activity. Attendance is taken for a whole group on one screen; a session without
// named participants (an information meeting) records only how many came.

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })

export const SessionKind = z.enum(['individual', 'group', 'excursion', 'presentation', 'other'])
export type SessionKind = z.infer<typeof SessionKind>
export const sessionKindLabels: Record<SessionKind, string> = {
  individual: 'Individuel samtale',
  group: 'Gruppesamtale',
  excursion: 'Ekskursion',
  presentation: 'Oplæg',
  other: 'Andet',
}

export const AttendanceStatus = z.enum(['present', 'absent', 'excused'])
export type AttendanceStatus = z.infer<typeof AttendanceStatus>
export const attendanceStatusLabels: Record<AttendanceStatus, string> = { present: 'Mødt', absent: 'Udeblevet', excused: 'Afbud' }

export const SessionCreate = z.object({
  kind: SessionKind,
  /** The activity's group (hold) the session was held for, if any (decision 030). */
  groupId: z.uuid({ error: 'Vælg et af aktivitetens hold.' }).nullable().default(null),
  heldOn: Day,
  title: z.string().trim().min(1, 'Skriv, hvad der skete.').max(200),
  /** For sessions open to anyone: how many came, without names. */
  anonymousCount: z.number().int().min(0, 'Antallet kan ikke være negativt.').max(10_000).nullable(),
  attendance: z.array(z.object({ enrolmentId: z.uuid(), status: AttendanceStatus })),
})
export type SessionCreate = z.input<typeof SessionCreate>

/** Why a session is corrected or deleted: kept in the audit log. */
const Reason = z.string().trim().min(1, 'Skriv, hvorfor aktivitetsgangen rettes eller slettes.').max(500, 'Begrundelsen må højst være 500 tegn.')

/**
 * A correction of a session: its own fields, and the attendance of the residents the writer may see
 * (it replaces theirs; rows of residents the writer may not see stay as they are).
 */
export const SessionUpdate = SessionCreate.extend({ reason: Reason })
export type SessionUpdate = z.input<typeof SessionUpdate>

export const SessionDeletion = z.object({ reason: Reason })
export type SessionDeletion = z.infer<typeof SessionDeletion>

export const Session = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  kind: SessionKind,
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  heldOn: z.string(),
  title: z.string(),
  anonymousCount: z.number().int().nullable(),
  present: z.number().int(),
  /** Only the attendance of residents the reader may see; the rest is counted in `hidden`. */
  attendance: z.array(z.object({ enrolmentId: z.uuid(), pseudonym: z.string(), name: z.string().nullable(), status: AttendanceStatus })),
  hidden: z.number().int(),
})
export type Session = z.infer<typeof Session>

export const SessionList = z.object({ sessions: z.array(Session) })
export type SessionList = z.infer<typeof SessionList>
