import { z } from 'zod'
import { Consent, ConsentCategory } from './consents.ts'
import { PartyRef } from './parties.ts'

// Participants (deltagere): the residents in a plan's activities, with the least personal data the
// work needs (decision 008). What a reader gets depends on who they are and, for the other party,
// on the resident's consents: every field group below belongs to one consent category, and a group
// the reader may not see is absent (null), never blanked or guessed.

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()

export const AGE_BANDS = ['under-18', '18-24', '25-29', '30-39', '40-49', '50-59', '60+'] as const
export const AgeBand = z.enum(AGE_BANDS)
export type AgeBand = z.infer<typeof AgeBand>
export const ageBandLabels: Record<AgeBand, string> = {
  'under-18': 'Under 18 år',
  '18-24': '18-24 år',
  '25-29': '25-29 år',
  '30-39': '30-39 år',
  '40-49': '40-49 år',
  '50-59': '50-59 år',
  '60+': '60 år og derover',
}

/** The age band of someone born in `birthYear`, in the year of `asOf` ("YYYY-MM-DD"). */
export function ageBandOf(birthYear: number, asOf: string): AgeBand {
  const age = Number(asOf.slice(0, 4)) - birthYear
  if (age < 18) return 'under-18'
  if (age < 25) return '18-24'
  if (age < 30) return '25-29'
  if (age < 40) return '30-39'
  if (age < 50) return '40-49'
  if (age < 60) return '50-59'
  return '60+'
}

/** The oldest a resident can plausibly be; a birth year making them older is a typing slip. */
export const MAX_AGE_YEARS = 110

/**
 * Why a birth year cannot be right on `asOf` ("YYYY-MM-DD"), in Danish naming the field, or null:
 * a year after this one, or one making the resident older than 110. Asked by the form and the server.
 */
export function birthYearProblem(birthYear: number, asOf: string): string | null {
  const year = Number(asOf.slice(0, 4))
  if (birthYear > year) return `Fødselsåret kan ikke ligge i fremtiden. Skriv et år til og med ${year}.`
  if (year - birthYear > MAX_AGE_YEARS) return `Fødselsåret gør beboeren ældre end ${MAX_AGE_YEARS} år. Skriv et år fra ${year - MAX_AGE_YEARS} og frem.`
  return null
}
/**
 * The consent category each part of a resident's record belongs to (decision 026): a reader under
 * consent sees a part only when a consent in force names its category for their party. The age band
 * comes from the birth year, a contact detail; the housing area and department tell where the
 * resident lives; the signed consent's file name names the resident. Notes, follow-ups and exit
 * notes carry the category their writer filed them under.
 */
export const FIELD_CATEGORIES = {
  contact: 'contact',
  ageBand: 'contact',
  housingArea: 'housing',
  department: 'housing',
  targetGroup: 'benefits',
  enrolments: 'employment',
  consentDocumentName: 'contact',
} as const satisfies Record<string, ConsentCategory>

export const ParticipantCreate = z.object({
  name: z.string().trim().min(1, 'Skriv beboerens navn.').max(200),
  phone: optionalText(40),
  email: z
    .string()
    .trim()
    .max(200)
    .transform((s) => (s === '' ? null : s))
    .pipe(z.email('Skriv en gyldig e-mailadresse.').nullable())
    .nullable(),
  address: optionalText(300),
  birthYear: z.number().int().min(1900, 'Fødselsåret skal være efter 1900.').max(2100).nullable(),
  ageBand: AgeBand.nullable(),
  housingAreaId: z.uuid().nullable(),
  departmentId: z.uuid().nullable(),
  targetGroupCode: optionalText(20),
  targetGroupOn: Day.nullable(),
  registeredOn: Day,
  /** Only when the plan has CPR turned on; "ddmmåå-xxxx". */
  cpr: optionalText(20).optional(),
  /** Registering although a resident who may be the same person is already there: a conscious choice. */
  confirmDuplicates: z.boolean().optional(),
})
export type ParticipantCreate = z.input<typeof ParticipantCreate>

export const ParticipantUpdate = ParticipantCreate.omit({ registeredOn: true, confirmDuplicates: true }).extend({ version: z.number().int() })
export type ParticipantUpdate = z.input<typeof ParticipantUpdate>

export const NoteCreate = z.object({
  category: ConsentCategory,
  body: z.string().trim().min(1, 'Skriv noten.').max(10_000),
  writtenOn: Day,
})
export type NoteCreate = z.infer<typeof NoteCreate>

export const Note = z.object({ id: z.uuid(), category: ConsentCategory, body: z.string(), writtenOn: z.string(), writtenBy: z.string().nullable() })
export type Note = z.infer<typeof Note>

/** How much of a resident the reader sees, and why (shown on the page, written to the audit log). */
export const ParticipantAccess = z.object({
  /** 'full': own party's resident or the project leader; 'consent': the other party, within consent. */
  scope: z.enum(['full', 'consent']),
  categories: z.array(ConsentCategory),
  reason: z.string(),
})
export type ParticipantAccess = z.infer<typeof ParticipantAccess>

export const EnrolmentSummary = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  activityName: z.string(),
  status: z.enum(['waiting', 'active', 'ended']),
  referredOn: z.string(),
  startOn: z.string().nullable(),
  exitOn: z.string().nullable(),
})
export type EnrolmentSummary = z.infer<typeof EnrolmentSummary>

export const Participant = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  pseudonym: z.string(),
  /** The party that owns the record (decision 012). */
  ownerParty: PartyRef,
  registeredOn: z.string(),
  /** Category 'contact' (FIELD_CATEGORIES). */
  ageBand: AgeBand.nullable(),
  /** Category 'housing', as the department. */
  housingArea: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  department: z.object({ id: z.uuid(), number: z.string(), name: z.string().nullable() }).nullable(),
  anonymised: z.boolean(),
  version: z.number().int(),
  access: ParticipantAccess,
  /** Category 'contact'. */
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable(), birthYear: z.number().nullable() }).nullable(),
  /** Category 'benefits': the job-centre target group (§ 6) at a date. */
  targetGroup: z.object({ code: z.string().nullable(), on: z.string().nullable() }).nullable(),
  /** Only for full access on a plan with CPR turned on: "010190-xxxx". */
  cprMasked: z.string().nullable(),
  /** Category 'employment'. */
  enrolments: z.array(EnrolmentSummary).nullable(),
  /** Only notes in categories the reader may see. */
  notes: z.array(Note),
  /** Full access: every consent. Consent access: the consents naming the reader's party. */
  consents: z.array(Consent),
})
export type Participant = z.infer<typeof Participant>

export const ParticipantListItem = z.object({
  id: z.uuid(),
  pseudonym: z.string(),
  /** Null when the reader may not see contact details. */
  name: z.string().nullable(),
  /** Null when the reader may not see contact details. */
  ageBand: AgeBand.nullable(),
  /** Null when the reader may not see housing. */
  housingArea: z.string().nullable(),
  /** Null when the reader may not see employment. */
  activeEnrolments: z.number().int().nullable(),
  waitingEnrolments: z.number().int().nullable(),
  scope: z.enum(['full', 'consent']),
  /** Whether a consent naming the other party is in force today. */
  sharedWithOtherParty: z.boolean(),
  anonymised: z.boolean(),
})
export type ParticipantListItem = z.infer<typeof ParticipantListItem>

export const ParticipantListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  includeAnonymised: z.enum(['true', 'false']).default('false'),
})
export type ParticipantListQuery = z.input<typeof ParticipantListQuery>

/**
 * The list counts no further than this (or than the end of the page asked for, if that is further):
 * above it, a count says "over" instead of the exact number, so a page costs the same however many
 * residents the plan has (decision 038).
 */
export const LIST_COUNT_LIMIT = 1000

export const ParticipantList = z.object({
  items: z.array(ParticipantListItem),
  /** Residents the reader may see (after the search); when `totalCapped`, there are more than this. */
  total: z.number().int(),
  /** The count stopped at `total`: there are more (at least one). */
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Residents of the plan the reader cannot see (no consent covering their party today); when `hiddenCapped`, more than this. */
  hiddenByConsent: z.number().int(),
  /** The count of hidden residents stopped at `hiddenByConsent`: there are more. */
  hiddenCapped: z.boolean(),
})
export type ParticipantList = z.infer<typeof ParticipantList>

export const ParticipantForm = z.object({
  cprEnabled: z.boolean(),
  housingAreas: z.array(z.object({ id: z.uuid(), name: z.string() })),
  departments: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string().nullable(), housingAreaId: z.uuid().nullable() })),
  targetGroups: z.array(z.object({ code: z.string(), label: z.string() })),
})
export type ParticipantForm = z.infer<typeof ParticipantForm>

export const CprReveal = z.object({ cpr: z.string() })

// ---- possible duplicates and merging (decision 025) -------------------------------------------

export const DUPLICATE_REASONS = ['name-and-birth-year', 'phone', 'email', 'cpr'] as const
export const DuplicateReason = z.enum(DUPLICATE_REASONS)
export type DuplicateReason = z.infer<typeof DuplicateReason>
export const duplicateReasonLabels: Record<DuplicateReason, string> = {
  'name-and-birth-year': 'samme navn og fødselsår',
  phone: 'samme telefonnummer',
  email: 'samme e-mailadresse',
  cpr: 'samme CPR-nummer',
}

/** What a registration is compared with: the registration form's fields that identify a person. */
export const DuplicateCheck = ParticipantCreate.pick({ name: true, birthYear: true, phone: true, email: true, cpr: true })
export type DuplicateCheck = z.input<typeof DuplicateCheck>

/** A resident already registered who may be the same person, as far as the reader may see them. */
export const PossibleDuplicate = z.object({ id: z.uuid(), pseudonym: z.string(), name: z.string().nullable(), reasons: z.array(DuplicateReason) })
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>
export const PossibleDuplicates = z.object({ items: z.array(PossibleDuplicate) })

/** Merging the duplicate, named by its id ("D-0007"), into the resident whose page it is. */
export const ParticipantMerge = z.object({
  duplicate: z
    .string()
    .trim()
    .min(1, 'Skriv id’et på den deltager, der skal lægges sammen med denne.')
    .max(20, 'Id’et på dubletten må højst være 20 tegn.')
    .transform((s) => s.toUpperCase()),
})
export type ParticipantMerge = z.input<typeof ParticipantMerge>

/** What moved from the duplicate, by kind (notes, consents, enrolments, …). */
export const ParticipantMerged = z.object({ mergedPseudonym: z.string(), moved: z.record(z.string(), z.number().int()) })
export type ParticipantMerged = z.infer<typeof ParticipantMerged>

// ---- privacy settings, retention and residents' rights -----------------------------------------

export const PrivacySettings = z.object({
  cprEnabled: z.boolean(),
  monthsAfterLastEnrolment: z.number().int().min(0).max(120),
  daysAfterConsentWithdrawal: z.number().int().min(0).max(3650),
  monthsAfterPlanEnd: z.number().int().min(0).max(120),
})
export type PrivacySettings = z.infer<typeof PrivacySettings>

/**
 * More residents than this falling due at once by a change of the rules is asked about before it is
 * saved: the answer must repeat the number (`confirmAnonymisations`), so no one clears a plan by
 * typing 0 in the wrong field.
 */
export const ANONYMISATIONS_WITHOUT_CONFIRMATION = 5

export const PrivacySettingsUpdate = PrivacySettings.extend({
  confirmAnonymisations: z.number().int().min(0).optional(),
})
export type PrivacySettingsUpdate = z.infer<typeof PrivacySettingsUpdate>

export const RETENTION_REASONS = ['after-last-enrolment', 'after-consent-withdrawal', 'plan-ended', 'never-enrolled', 'erasure'] as const
export const RetentionReason = z.enum(RETENTION_REASONS)
export type RetentionReason = z.infer<typeof RetentionReason>
export const retentionReasonLabels: Record<RetentionReason, string> = {
  'after-last-enrolment': 'Opbevaringstiden efter sidste forløb er udløbet',
  'after-consent-withdrawal': 'Samtykket er trukket tilbage',
  'plan-ended': 'Helhedsplanen er slut',
  'never-enrolled': 'Registreret uden forløb i hele opbevaringstiden',
  erasure: 'Sletning efter anmodning',
}

export const PrivacyOverview = z.object({
  settings: PrivacySettings,
  planEndsOn: z.string().nullable(),
  /** Residents due for anonymisation today, and when the next ones fall due. */
  due: z.array(
    z.object({ participantId: z.uuid(), pseudonym: z.string(), reason: RetentionReason, dueOn: z.string(), awaitsDecision: z.boolean(), explanation: z.string() }),
  ),
  /** For the project leader's front page: who is anonymised within a month, and who waits for a person to decide. */
  upcoming: z.object({ dueNow: z.number().int(), within30Days: z.number().int(), awaitingDecision: z.number().int() }),
  removals: z.array(z.object({ pseudonym: z.string(), reason: RetentionReason, at: z.string(), removed: z.record(z.string(), z.number()) })),
})
export type PrivacyOverview = z.infer<typeof PrivacyOverview>

export const RetentionRun = z.object({ anonymised: z.number().int() })

export const ErasureRequest = z.object({ confirmPseudonym: z.string().trim().min(1, 'Skriv deltagerens id for at bekræfte.').max(100) })

/** What a resident gets when they ask for their data (GDPR art. 15): their record and who looked. */
export const ParticipantExport = z.object({
  exportedAt: z.string(),
  plan: z.string(),
  participant: z.record(z.string(), z.unknown()),
  consents: z.array(z.record(z.string(), z.unknown())),
  enrolments: z.array(z.record(z.string(), z.unknown())),
  notes: z.array(z.record(z.string(), z.unknown())),
  /** Open counselling and outreach: inquiries linked to the resident (under consent), appointments booked for them, conversations held with them. */
  counselling: z.array(z.record(z.string(), z.unknown())).optional(),
  /** Dates and purposes of every access, by party, never staff names. */
  accessLog: z.array(z.object({ at: z.string(), party: z.string(), purpose: z.string() })),
})
export type ParticipantExport = z.infer<typeof ParticipantExport>

/** The same copy as JSON (machine-readable) or as a PDF the resident can read. */
export const ParticipantExportFormat = z.enum(['json', 'pdf'], { error: 'Formatet skal være json eller pdf.' })
export type ParticipantExportFormat = z.infer<typeof ParticipantExportFormat>
export const ParticipantExportQuery = z.object({ format: ParticipantExportFormat.default('json') })

// ---- erasure requests (decision 036) ----------------------------------------------------------------

const RequestDay = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })

export const ErasureRequestStatus = z.enum(['pending', 'approved', 'rejected'])
export type ErasureRequestStatus = z.infer<typeof ErasureRequestStatus>
export const erasureRequestStatusLabels: Record<ErasureRequestStatus, string> = { pending: 'Afventer projektlederen', approved: 'Godkendt og slettet', rejected: 'Afvist' }

/** A resident asks to be erased: the worker who meets them writes down the day they asked. */
export const ErasureRequestCreate = z.object({ receivedOn: RequestDay })
export type ErasureRequestCreate = z.infer<typeof ErasureRequestCreate>

/** The project leader's decision: approval erases (confirmed with the resident's id), a rejection says why. */
export const ErasureDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), confirmPseudonym: z.string().max(20, 'Id’et må højst være 20 tegn.') }),
  z.object({ decision: z.literal('reject'), note: z.string().trim().min(1, 'Skriv, hvorfor anmodningen afvises.').max(1000, 'Begrundelsen må højst være 1000 tegn.') }),
])
export type ErasureDecision = z.infer<typeof ErasureDecision>

export const ErasureRequestRecord = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  pseudonym: z.string(),
  receivedOn: z.string(),
  /** The day an answer is due: a month after the request (GDPR art. 12(3)). */
  dueOn: z.string(),
  requestedBy: z.string().nullable(),
  status: ErasureRequestStatus,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
})
export type ErasureRequestRecord = z.infer<typeof ErasureRequestRecord>
export const ErasureRequestList = z.object({ requests: z.array(ErasureRequestRecord) })
export type ErasureRequestList = z.infer<typeof ErasureRequestList>
