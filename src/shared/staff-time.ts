import { z } from 'zod'
import { typeError } from './lib/zod-locale.ts'
import { StagedImport } from './imports.ts'
import { mondayOfWeekKey } from './lib/iso-week.ts'

// Staff time against the agreements' promises (decision 015): the outreach conversation calendar,
// hours per person, activity and ISO week, and the quarterly view of delivered against promised per
// party and resource. Made to be used on a phone: few fields, sensible defaults.

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })
const minutes = (max: number, what: string) =>
  z.number(typeError(`Skriv ${what} i minutter.`)).int({ error: `Skriv ${what} i hele minutter.` }).min(0, `${what[0]!.toUpperCase()}${what.slice(1)} kan ikke være negativ.`).max(max, `Højst ${max} minutter.`)

export const ConversationKind = z.enum(['individual', 'anonymous'])
export type ConversationKind = z.infer<typeof ConversationKind>
export const conversationKindLabels: Record<ConversationKind, string> = { individual: 'Med en registreret beboer', anonymous: 'Anonym' }

export const ConversationCreate = z
  .object({
    activityId: z.uuid({ error: 'Vælg aktiviteten.' }),
    kind: ConversationKind,
    /** Only for an individual conversation with a registered resident (under consent). */
    participantId: z.uuid({ error: 'Vælg beboeren.' }).nullable(),
    heldOn: Day,
    place: z.string().trim().min(1, 'Skriv, hvor samtalen blev holdt.').max(200),
    durationMinutes: minutes(720, 'varigheden').refine((n) => n > 0, 'Varigheden skal være mindst ét minut.'),
    transportMinutes: minutes(600, 'transporttiden'),
    /** null: the activity's rule applies (the agreement's ½ hour in Varde). */
    adminMinutes: minutes(600, 'den administrative tid').nullable(),
  })
  .refine((c) => c.kind === 'individual' || c.participantId === null, { error: 'En anonym samtale kan ikke knyttes til en beboer.', path: ['participantId'] })
export type ConversationCreate = z.infer<typeof ConversationCreate>

export const Conversation = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  activityName: z.string(),
  staffName: z.string(),
  kind: ConversationKind,
  /** The resident, when the reader may see them; a linked resident the reader may not see is only counted. */
  participant: z.object({ id: z.uuid(), pseudonym: z.string(), name: z.string().nullable() }).nullable(),
  residentHidden: z.boolean(),
  heldOn: z.string(),
  place: z.string(),
  durationMinutes: z.number().int(),
  transportMinutes: z.number().int(),
  /** As entered, or the activity's rule when none was. */
  adminMinutes: z.number().int(),
  adminByRule: z.boolean(),
})
export type Conversation = z.infer<typeof Conversation>
export const ConversationList = z.object({ conversations: z.array(Conversation) })
export type ConversationList = z.infer<typeof ConversationList>

const weekKey = z
  .string({ error: 'Vælg ugen.' })
  .regex(/^\d{4}-W\d{2}$/, { error: 'Skriv ugen som ÅÅÅÅ-Uuu, fx 2025-W27.' })
  .refine((w) => mondayOfWeekKey(w) !== null, { error: 'Året har ikke så mange uger.' })

export const TimeEntryCreate = z
  .object({
    agreementId: z.uuid({ error: 'Vælg delaftalen.' }),
    activityId: z.uuid().nullable(),
    /** The promise the hours count toward; null: the activity's rule decides. */
    resourceKey: z.string().max(120).nullable(),
    /** For an activity shared between effort areas; null: split by the agreement's allocation. */
    effortArea: z.string().max(80).nullable(),
    week: weekKey,
    hours: z
      .number({ error: 'Skriv antal timer.' })
      .positive('Skriv mindst en halv time.')
      .max(168, 'En uge har højst 168 timer.')
      .refine((h) => Number.isInteger(h * 2), 'Skriv timer i halve timer, fx 7,5.'),
    note: z.string().trim().max(500).nullable(),
  })
  .refine((t) => t.activityId !== null || t.resourceKey !== null, { error: 'Vælg en aktivitet eller en ressource.', path: ['activityId'] })
export type TimeEntryCreate = z.infer<typeof TimeEntryCreate>

export const TimeEntry = z.object({
  id: z.uuid(),
  agreementId: z.uuid(),
  activityName: z.string().nullable(),
  resourceKey: z.string().nullable(),
  effortArea: z.string().nullable(),
  staffName: z.string(),
  week: z.string(),
  weekStart: z.string(),
  hours: z.number(),
  note: z.string().nullable(),
})
export type TimeEntry = z.infer<typeof TimeEntry>
export const TimeEntryList = z.object({ entries: z.array(TimeEntry) })

/** What the forms offer: the plan's agreements with their promises, and activities with their recording rule. */
export const StaffTimeOptions = z.object({
  agreements: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      promises: z.array(z.object({ key: z.string(), label: z.string() })),
    }),
  ),
  activities: z.array(
    z.object({
      id: z.uuid(),
      key: z.string(),
      name: z.string(),
      agreementIds: z.array(z.uuid()),
      /** The agreement's administrative time per conversation, in minutes, when it states one. */
      adminMinutesPerConversation: z.number().int().nullable(),
      hoursFromConversations: z.boolean(),
      effortAreas: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
})
export type StaffTimeOptions = z.infer<typeof StaffTimeOptions>

export const Verdict = z.enum(['kept', 'not-kept', 'running', 'no-figure'])
export type Verdict = z.infer<typeof Verdict>
export const verdictLabels: Record<Verdict, string> = { kept: 'Holdt', 'not-kept': 'Ikke holdt', running: 'Kvartalet er ikke slut', 'no-figure': 'Intet tal i aftalen' }

export const QuarterQuery = z.object({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/, { error: 'Skriv kvartalet som fx 2025-Q3.' }).optional() })

export const PromiseRow = z.object({
  key: z.string(),
  /** The party (or the agreement's organisation, when no party of the plan matches). */
  party: z.string(),
  /** Where the agreement states it: the agreement's list, the municipal effort, or an activity's name. */
  where: z.string(),
  text: z.string(),
  promisedHours: z.number().nullable(),
  promisedPeople: z.number().nullable(),
  promisedPerWeek: z.number().nullable(),
  promisedWeeks: z.number().nullable(),
  deliveredHours: z.number(),
  deliveredPeople: z.number(),
  averagePerWeek: z.number().nullable(),
  verdict: Verdict,
  sentence: z.string(),
  closes: z.boolean(),
  /** The latest close; `locked` while no reopening came after it (decision 035). */
  closed: z.object({ totalHours: z.number(), by: z.string(), at: z.string(), locked: z.boolean() }).nullable(),
})
export type PromiseRow = z.infer<typeof PromiseRow>

export const QuarterView = z.object({
  agreementId: z.uuid(),
  agreementTitle: z.string(),
  quarter: z.string(),
  quarterLabel: z.string(),
  firstWeek: z.string(),
  lastWeek: z.string(),
  weeks: z.number().int(),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  previousQuarter: z.string().nullable(),
  nextQuarter: z.string().nullable(),
  settings: z.object({ normalWeekHours: z.number(), hoursPerDay: z.number(), vacationWeeksPerYear: z.number() }),
  promises: z.array(PromiseRow),
  /** Conversations in the quarter and the hours they account for; null when hidden as a small number. */
  conversations: z.number().int().nullable(),
  conversationHours: z.number(),
  hoursTotal: z.number(),
})
export type QuarterView = z.infer<typeof QuarterView>

export const QuarterCloseCreate = z.object({ resourceKey: z.string().min(1).max(120), quarter: z.string().regex(/^\d{4}-Q[1-4]$/), note: z.string().trim().max(500).nullable() })
export type QuarterCloseCreate = z.infer<typeof QuarterCloseCreate>

/** The project leader reopens a closed quarter, so the hours in it can be corrected (decision 035). */
export const QuarterReopen = z.object({
  resourceKey: z.string().min(1).max(120),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  reason: z.string().trim().min(1, 'Skriv, hvorfor kvartalet åbnes igen.').max(500, 'Begrundelsen må højst være 500 tegn.'),
})
export type QuarterReopen = z.infer<typeof QuarterReopen>

export const StaffTimeSettingsUpdate = z.object({
  normalWeekHours: z.number(typeError('Skriv en normal arbejdsuge i timer.')).positive().max(60),
  hoursPerDay: z.number(typeError('Skriv en arbejdsdag i timer.')).positive().max(24),
  vacationWeeksPerYear: z.number(typeError('Skriv antal ferieuger.')).min(0).max(19),
})
export type StaffTimeSettingsUpdate = z.infer<typeof StaffTimeSettingsUpdate>

/** What a staff-time file would add (decision 011's preview): how many rows, and the first ones. */
export const StaffTimeImportPreview = StagedImport.extend({
  rowCount: z.number().int(),
  rows: z.array(z.object({ row: z.number().int(), staffId: z.uuid(), activityId: z.uuid(), day: z.string(), minutesOrHours: z.number() })),
})
export type StaffTimeImportPreview = z.infer<typeof StaffTimeImportPreview>
export const StaffTimeImportCommitted = z.object({ rowCount: z.number().int() })
