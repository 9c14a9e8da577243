import { z } from 'zod'

// The audit log's closed vocabulary (decision 010). Every writer names one of these entities and
// actions; every reader (the audit page, the CSV export, the CLI, the resident's access report)
// covers all of them, so adding one is a compile error until each reader knows it.

export const auditEntities = [
  'login-session',
  'second-factor',
  'user',
  'plan',
  'plan-members',
  'plan-privacy',
  'plan-party',
  'audit-log',
  'database',
  'agreement',
  'status-report',
  'indicator-value',
  'indicator-period',
  'indicator-comment',
  'value-import',
  'value-mapping',
  'target-group-import',
  'source-credential',
  'participants',
  'participant-notes',
  'participant-cpr',
  'participant-rights',
  'participant-merge',
  'erasure-request',
  'consents',
  'consent-documents',
  'enrolments',
  'enrolment-followups',
  'activities',
  'attendance-session',
  'reference-data',
  'counselling-occurrence',
  'counselling-checkin',
  'inquiry',
  'inquiry-topic',
  'appointment',
  'company',
  'company-network',
  'company-contact',
  'company-contact-event',
  'opening',
  'csr-nomination',
  'company-import',
  'placement',
  'placement-followup',
  'staff-conversation',
  'time-entry',
  'time-quarter-close',
  'staff-time-settings',
  'meeting',
  'meeting-action',
  'pathway',
  'pathway-progress',
  'activity-group',
  'due-check',
] as const
export const AuditEntity = z.enum(auditEntities)
export type AuditEntity = z.infer<typeof AuditEntity>

export const auditActions = ['create', 'read', 'update', 'delete', 'login', 'login_failed', 'logout', 'restore'] as const
export const AuditAction = z.enum(auditActions)
export type AuditAction = z.infer<typeof AuditAction>

export const auditEntityLabels: Record<AuditEntity, string> = {
  'login-session': 'Login',
  'second-factor': 'Totrinsbekræftelse',
  user: 'Bruger',
  plan: 'Helhedsplan',
  'plan-members': 'Medarbejdere på en plan',
  'plan-privacy': 'Persondata og opbevaring',
  'plan-party': 'Part i en helhedsplan',
  'audit-log': 'Revisionssporet',
  database: 'Databasen',
  agreement: 'Delaftale',
  'status-report': 'Statusrapport',
  'indicator-value': 'Indikatorværdi',
  'indicator-period': 'Periode i opfølgningen',
  'indicator-comment': 'Kommentar til en indikator',
  'value-import': 'Import af værdier',
  'value-mapping': 'Kobling til Beboerdata',
  'target-group-import': 'Import af målgruppetal',
  'source-credential': 'Nøgle til sammenligningskilde',
  participants: 'Deltager',
  'participant-notes': 'Note om en deltager',
  'participant-cpr': 'CPR-nummer (vist)',
  'participant-rights': 'Indsigt i egne oplysninger',
  'participant-merge': 'Sammenlægning af deltagere',
  'erasure-request': 'Anmodning om sletning',
  consents: 'Samtykke',
  'consent-documents': 'Underskrevet samtykke',
  enrolments: 'Forløb',
  'enrolment-followups': 'Statusopfølgning',
  activities: 'Aktivitet',
  'attendance-session': 'Aktivitetsgang og fremmøde',
  'reference-data': 'Referencedata (målgrupper, perioder)',
  'counselling-occurrence': 'Åbningstid i åben rådgivning',
  'counselling-checkin': 'Tjek ind i åben rådgivning',
  inquiry: 'Henvendelse i åben rådgivning',
  'inquiry-topic': 'Emne for henvendelser',
  appointment: 'Tid til en beboer',
  company: 'Virksomhed',
  'company-network': 'Virksomhed i netværket',
  'company-contact': 'Kontaktperson i en virksomhed',
  'company-contact-event': 'Kontakt med en virksomhed',
  opening: 'Praktik- eller jobåbning',
  'csr-nomination': 'CSR-pris',
  'company-import': 'Import af virksomheder',
  placement: 'Udplacering i en virksomhed',
  'placement-followup': 'Opfølgning på en udplacering',
  'staff-conversation': 'Samtale i samtalekalenderen',
  'time-entry': 'Timeregistrering',
  'time-quarter-close': 'Kvartalsopgørelse af timer',
  'staff-time-settings': 'Opgørelse af stillinger og dage i timer',
  meeting: 'Møde',
  'meeting-action': 'Opfølgningspunkt fra et møde',
  pathway: 'Forløbstrappe for en aktivitet',
  'pathway-progress': 'Trin i en ungs forløb',
  'activity-group': 'Hold i en aktivitet',
  'due-check': 'Opfølgninger der venter',
}

export const auditActionLabels: Record<AuditAction, string> = {
  create: 'Oprettede',
  read: 'Læste',
  update: 'Ændrede',
  delete: 'Slettede',
  login: 'Loggede ind',
  login_failed: 'Mislykket login',
  logout: 'Loggede ud',
  restore: 'Gendannede',
}

/**
 * Names rows written before the vocabulary was closed still carry. The log is append-only, so they
 * are read as their new name rather than rewritten: `session` was a sign-in, `sessions` an activity's
 * attendance list, `users` the staff list (now simply `user`).
 */
export const legacyAuditEntities: Readonly<Record<string, AuditEntity>> = {
  session: 'login-session',
  sessions: 'attendance-session',
  users: 'user',
}

/** The entity a stored row names, old names mapped; null for a name outside the vocabulary. */
export function auditEntityOf(stored: string): AuditEntity | null {
  const parsed = AuditEntity.safeParse(stored)
  return parsed.success ? parsed.data : (legacyAuditEntities[stored] ?? null)
}

/** Every name an entity has been stored under: itself and any old name that now means it. */
export function storedNamesOf(entity: AuditEntity): string[] {
  return [entity, ...Object.keys(legacyAuditEntities).filter((old) => legacyAuditEntities[old] === entity)]
}

const isoDay = z.iso.date()

/** What an administrator can ask the audit log: every filter is optional and they combine. */
export const AuditLogFilter = z.object({
  /** A resident's pseudonym (D-0002) or id: rows about them, including list reads that showed them. */
  participant: z.string().trim().min(1).max(100).optional(),
  /** The acting user's id. */
  userId: z.uuid().optional(),
  planId: z.uuid().optional(),
  entity: AuditEntity.optional(),
  action: AuditAction.optional(),
  /** First and last day (Danish time), both included. */
  from: isoDay.optional(),
  to: isoDay.optional(),
})
export type AuditLogFilter = z.infer<typeof AuditLogFilter>

export const AuditLogQuery = AuditLogFilter.extend({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

export const AuditEntryDto = z.object({
  id: z.number(),
  at: z.iso.datetime({ offset: true }),
  /** The acting user's name, or Systemet/Kommandolinjen/Ukendt for entries not made by a user. */
  actor: z.string(),
  actorId: z.string().nullable(),
  /** The party of the plan the actor acted for, by name ("Pro Varde, erhvervsguide"), if any. */
  party: z.string().nullable(),
  action: AuditAction,
  actionLabel: z.string(),
  entity: AuditEntity,
  entityLabel: z.string(),
  entityId: z.string().nullable(),
  /** What the entry is about in words: a pseudonym, a user's or plan's name, an agreement's effort area. */
  entityName: z.string().nullable(),
  /** How many records a list read returned (their ids are in the log). */
  listed: z.number().nullable(),
  planId: z.string().nullable(),
  planName: z.string().nullable(),
  /** A read refused for want of consent or role. */
  refused: z.boolean(),
})
export type AuditEntryDto = z.infer<typeof AuditEntryDto>

export const AuditLogPage = z.object({
  entries: z.array(AuditEntryDto),
  /** Matching entries in all. */
  total: z.number(),
  nextBefore: z.number().nullable(),
})
export type AuditLogPage = z.infer<typeof AuditLogPage>

/** The CSV export's columns, in order, with their Danish headings. */
export const auditCsvColumns = [
  ['id', 'Nr.'],
  ['at', 'Tidspunkt'],
  ['actor', 'Hvem'],
  ['actionLabel', 'Handling'],
  ['entityLabel', 'Hvad'],
  ['entityName', 'Navn'],
  ['listed', 'Antal viste'],
  ['planName', 'Helhedsplan'],
  ['refused', 'Afvist'],
  ['entityId', 'Id'],
] as const satisfies readonly (readonly [keyof AuditEntryDto, string])[]
