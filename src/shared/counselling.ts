import { z } from 'zod'

// Open counselling (åben rådgivning, decision 014): the occurrences an activity's weekly schedules
// promise, staff checking in, the inquiries residents come with (one tap each at the desk), the
// appointments booked beyond the open hours, and the figures computed from them.

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Skriv et klokkeslæt som TT:MM, fx 09:30.' })

export const Referral = z.enum(['none', 'jobcenter', 'appointment', 'elsewhere'])
export type Referral = z.infer<typeof Referral>
export const referralLabels: Record<Referral, string> = {
  none: 'Ikke henvist',
  jobcenter: 'Henvist til jobcentret',
  appointment: 'Fik en tid',
  elsewhere: 'Henvist andet sted',
}

export const AppointmentStatus = z.enum(['booked', 'held', 'cancelled', 'no-show'])
export type AppointmentStatus = z.infer<typeof AppointmentStatus>
export const appointmentStatusLabels: Record<AppointmentStatus, string> = { booked: 'Aftalt', held: 'Holdt', cancelled: 'Aflyst', 'no-show': 'Udeblev' }

/** The week (any day in it) whose occurrences are opened. */
export const WeekQuery = z.object({ week: Day.optional() })

export const OccurrenceSummary = z.object({
  id: z.uuid(),
  activityName: z.string(),
  site: z.string(),
  venue: z.string().nullable(),
  heldOn: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  staffingMin: z.number().int().nullable(),
  staffingMax: z.number().int().nullable(),
  holiday: z.string().nullable(),
  cancelledReason: z.string().nullable(),
  /** Staff checked in (each once). */
  staff: z.number().int(),
  inquiries: z.number().int(),
})
export type OccurrenceSummary = z.infer<typeof OccurrenceSummary>

export const OccurrenceWeek = z.object({
  from: z.string(),
  to: z.string(),
  occurrences: z.array(OccurrenceSummary),
  /** Why the week has none, when the agreements promise none in it. */
  note: z.string().nullable(),
})
export type OccurrenceWeek = z.infer<typeof OccurrenceWeek>

export const Topic = z.object({ id: z.uuid(), label: z.string(), retired: z.boolean() })
export type Topic = z.infer<typeof Topic>
export const TopicList = z.object({ topics: z.array(Topic) })
export type TopicList = z.infer<typeof TopicList>
export const TopicCreate = z.object({ label: z.string().trim().min(1, 'Skriv emnet.').max(80, 'Emnet må højst være 80 tegn.') })
export type TopicCreate = z.infer<typeof TopicCreate>
export const TopicUpdate = z.object({ retired: z.boolean() })

export const PartyChoice = z.object({ id: z.uuid(), name: z.string() })

export const RosterEntry = z.object({
  userId: z.uuid(),
  name: z.string(),
  party: z.string().nullable(),
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
})

export const Staffing = z.enum(['under', 'met', 'unknown'])
export type Staffing = z.infer<typeof Staffing>

export const LinkedResident = z.object({ id: z.uuid(), pseudonym: z.string(), name: z.string().nullable() })

export const Inquiry = z.object({
  id: z.uuid(),
  topic: z.string(),
  party: z.string().nullable(),
  referral: Referral,
  /** The resident it is linked to, only when the reader may see them. */
  resident: LinkedResident.nullable(),
  createdAt: z.string(),
  mine: z.boolean(),
})
export type Inquiry = z.infer<typeof Inquiry>

export const Appointment = z.object({
  id: z.uuid(),
  onDay: z.string(),
  atTime: z.string(),
  party: z.string().nullable(),
  topic: z.string().nullable(),
  status: AppointmentStatus,
  resident: LinkedResident.nullable(),
  /** A registered resident the reader may not see: the appointment is shown without them. */
  residentHidden: z.boolean(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  site: z.string().nullable(),
})
export type Appointment = z.infer<typeof Appointment>

export const OccurrenceDetail = OccurrenceSummary.extend({
  roster: z.array(RosterEntry),
  staffing: Staffing,
  /** The roster against the promise, said plainly. */
  staffingText: z.string(),
  /** The reader's own check-in. */
  checkedIn: z.boolean(),
  checkedOut: z.boolean(),
  inquiryList: z.array(Inquiry),
  topics: z.array(Topic),
  parties: z.array(PartyChoice),
  /** The reader's party on this plan: the default for "handled by". */
  myPartyId: z.uuid().nullable(),
  /** Whether the day has come, so staff can check in and log inquiries. */
  open: z.boolean(),
  /** Appointments booked at this occurrence. */
  appointments: z.array(Appointment),
})
export type OccurrenceDetail = z.infer<typeof OccurrenceDetail>

export const OccurrenceCancel = z.object({ reason: z.string().trim().min(1, 'Skriv, hvorfor åbningstiden er aflyst.').max(500) })
export type OccurrenceCancel = z.infer<typeof OccurrenceCancel>

export const CheckAction = z.object({ action: z.enum(['in', 'out']) })

export const InquiryCreate = z.object({
  topicId: z.uuid({ error: 'Vælg et emne.' }),
  referral: Referral.default('none'),
  /** Who handled it; none: the user's own party. */
  partyId: z.uuid().nullable().default(null),
  /** A registered resident, only with their consent covering the reader. */
  participantId: z.uuid().nullable().default(null),
})
export type InquiryCreate = z.input<typeof InquiryCreate>

export const InquiryUpdate = z.object({ referral: Referral })

export const AppointmentCreate = z
  .object({
    occurrenceId: z.uuid().nullable().default(null),
    participantId: z.uuid().nullable().default(null),
    contactName: z.string().trim().max(80).nullable().default(null),
    contactPhone: z
      .string()
      .trim()
      .regex(/^\+?[\d ]{8,15}$/, { error: 'Skriv et telefonnummer med 8 cifre.' })
      .nullable()
      .default(null),
    onDay: Day,
    atTime: Clock,
    partyId: z.uuid().nullable().default(null),
    topicId: z.uuid().nullable().default(null),
  })
  .refine((a) => a.participantId !== null || (a.contactName !== null && a.contactName !== ''), {
    error: 'Vælg en registreret beboer, eller skriv et fornavn, så I ved, hvem I skal møde.',
    path: ['contactName'],
  })
export type AppointmentCreate = z.input<typeof AppointmentCreate>

export const AppointmentList = z.object({ appointments: z.array(Appointment) })
export type AppointmentList = z.infer<typeof AppointmentList>
export const AppointmentUpdate = z.object({ status: AppointmentStatus })

export const FiguresQuery = z.object({ from: Day, to: Day }).refine((q) => q.from <= q.to, { error: 'Slutdatoen skal ligge efter startdatoen.', path: ['to'] })

/** A count a board member may get hidden: null when hidden. */
const Count = z.number().int().nullable()

export const SiteFiguresDto = z.object({
  site: z.string(),
  planned: z.number().int(),
  held: z.number().int(),
  cancelled: z.number().int(),
  notRecorded: z.number().int(),
  staffingMet: z.number().int(),
  understaffed: z.number().int(),
  inquiries: Count,
  referred: Count,
})
export type SiteFiguresDto = z.infer<typeof SiteFiguresDto>

export const CounsellingFiguresDto = z.object({
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  /** Small numbers of inquiries hidden (board members). */
  suppressed: z.boolean(),
  threshold: z.number(),
  definitions: z.array(z.object({ term: z.string(), definition: z.string() })),
  totals: SiteFiguresDto.extend({ holidays: z.number().int() }),
  referredShare: z.number().nullable(),
  byReferral: z.array(z.object({ referral: Referral, label: z.string(), count: Count })),
  sites: z.array(SiteFiguresDto),
  topics: z.array(z.object({ topic: z.string(), bySite: z.array(Count), total: Count })),
  topicTotals: z.array(Count),
  weeks: z.array(z.object({ week: z.string(), weekNumber: z.number().int(), bySite: z.array(Count), total: Count })),
})
export type CounsellingFiguresDto = z.infer<typeof CounsellingFiguresDto>
