import { AuditAction, type AuditEntity, auditEntityOf } from '../../../shared/audit-log.ts'
import { partyName } from '../../../shared/parties.ts'

// The resident's own access report: each logged access to their data, said in words they can read
// (who, when, why). Part of the copy a resident gets of everything Indsats holds about them.

interface Access {
  action: AuditAction
  details: Record<string, unknown>
  /** Whether the other party saw this resident under their consent. */
  disclosed: boolean
}

const byAction = (action: AuditAction, words: Partial<Record<AuditAction, string>>) => words[action] ?? null

/**
 * Why an access happened, in words for the resident, for every entity in the audit vocabulary: null
 * where an entry says nothing about one resident (sign-ins, agreements, the staff list). A Record, so
 * a new entity is a compile error here until someone decides what the resident is told about it.
 */
export const residentPurposes: Record<AuditEntity, (access: Access) => string | null> = {
  participants: ({ action, disclosed }) =>
    byAction(action, { read: disclosed ? 'Dine oplysninger blev vist efter dit samtykke' : 'Dine oplysninger blev slået op', create: 'Du blev registreret', update: 'Dine oplysninger blev rettet', delete: 'Dine personoplysninger blev slettet' }),
  'participant-notes': ({ action }) => (action === 'create' ? 'Der blev skrevet en note' : null),
  'participant-cpr': ({ action }) => (action === 'read' ? 'Dit CPR-nummer blev vist' : null),
  'participant-rights': ({ action }) => (action === 'read' ? 'Du fik en kopi af dine oplysninger' : null),
  'erasure-request': ({ action, details }) =>
    action === 'create' ? 'Du bad om at blive slettet' : action === 'update' && details.decision === 'reject' ? 'Din anmodning om sletning blev afvist' : null,
  'participant-merge': ({ action }) => (action === 'create' ? 'Du var registreret to gange, og de to registreringer blev lagt sammen' : null),
  consents: ({ action, details }) =>
    action === 'create'
      ? 'Dit samtykke blev registreret'
      : action === 'update'
        ? details.withdrawnOn
          ? 'Dit samtykke blev trukket tilbage'
          : 'Dit samtykke blev opdateret'
        : action === 'read'
          ? 'Dit underskrevne samtykke blev vist'
          : null,
  'consent-documents': ({ action }) => (action === 'update' ? 'Dit underskrevne samtykke blev vedhæftet' : null),
  enrolments: ({ action }) => byAction(action, { create: 'Du blev tilmeldt et forløb', update: 'Dit forløb blev opdateret', read: 'Dit forløb blev slået op' }),
  'enrolment-followups': ({ action }) => (action === 'create' ? 'Der blev fulgt op på dit forløb' : null),
  placement: ({ action, disclosed }) =>
    byAction(action, { create: 'Du blev udplaceret i en virksomhed', update: 'Din udplacering i en virksomhed blev opdateret', read: disclosed ? 'Din udplacering blev vist efter dit samtykke' : 'Din udplacering blev slået op' }),
  'due-check': ({ action, disclosed }) =>
    byAction(action, { read: disclosed ? 'En opfølgning med dig stod på en medarbejders liste over opfølgninger, der venter, efter dit samtykke' : 'En opfølgning med dig stod på en medarbejders liste over opfølgninger, der venter' }),
  'placement-followup': ({ action }) => (action === 'create' ? 'Der blev fulgt op på din udplacering' : null),
  'attendance-session': ({ action }) => (action === 'read' ? 'Fremmødelisten blev vist' : null),
  inquiry: ({ action }) => byAction(action, { create: 'En henvendelse fra dig i den åbne rådgivning blev registreret', update: 'En henvendelse fra dig blev rettet', delete: 'En henvendelse fra dig blev fortrudt' }),
  appointment: ({ action }) => byAction(action, { create: 'Du fik en tid i den åbne rådgivning', update: 'Din tid blev ændret', read: 'Dine tider blev vist' }),
  'counselling-occurrence': ({ action, disclosed }) => (action === 'read' && disclosed ? 'En åbningstid med din henvendelse blev vist efter dit samtykke' : null),
  'staff-conversation': ({ action }) => byAction(action, { create: 'En samtale med dig blev skrevet i samtalekalenderen', read: 'Samtalekalenderen med dine samtaler blev vist' }),
  'pathway-progress': ({ action }) => byAction(action, { create: 'Et trin i dit forløb blev registreret', read: 'Dit forløb blev slået op' }),
  // Entries about an activity's steps and groups, not about one resident.
  pathway: () => null,
  'activity-group': () => null,
  // Entries about staff time and meetings, not about one resident.
  'time-entry': () => null,
  'time-quarter-close': () => null,
  'staff-time-settings': () => null,
  meeting: () => null,
  'meeting-action': () => null,
  // Entries about the plan's work, not about one resident.
  'counselling-checkin': () => null,
  'inquiry-topic': () => null,
  activities: () => null,
  'login-session': () => null,
  'second-factor': () => null,
  user: () => null,
  plan: () => null,
  'plan-members': () => null,
  'plan-privacy': () => null,
  'plan-party': () => null,
  'audit-log': () => null,
  database: () => null,
  agreement: () => null,
  'status-report': () => null,
  'indicator-value': () => null,
  'indicator-period': () => null,
  'indicator-comment': () => null,
  'value-import': () => null,
  'value-mapping': () => null,
  'target-group-import': () => null,
  'source-credential': () => null,
  'reference-data': () => null,
  // Companies and their staff: nothing about a resident.
  company: () => null,
  'company-network': () => null,
  'company-contact': () => null,
  'company-contact-event': () => null,
  opening: () => null,
  'csr-nomination': () => null,
  'company-import': () => null,
}

/** Why an access happened, in words for the resident; by the stored entity and action of its audit row. */
export function purposeOf(storedEntity: string, storedAction: string, details: Record<string, unknown>, participantId: string): string | null {
  const entity = auditEntityOf(storedEntity)
  const action = AuditAction.safeParse(storedAction)
  if (!entity || !action.success || details.refused) return null
  // A list names the residents it disclosed; a single read's disclosure is about its one resident.
  const disclosure = details.disclosure as { party?: string; ids?: string[] } | undefined
  const disclosed = disclosure !== undefined && (disclosure.ids === undefined || disclosure.ids.includes(participantId))
  return residentPurposes[entity]({ action: action.data, details, disclosed })
}

/**
 * Who accessed, as the resident would recognise them: the party of the plan the user belongs to
 * ("Pro Varde, erhvervsguide"), never a staff member's name; Indsats itself; or "Andre" for a user
 * with no party in the plan.
 */
export function partyOfAccess(party: { name: string | null; unit: string | null }, label: string): string {
  if (party.name) return partyName({ name: party.name, unit: party.unit })
  if (label === 'system' || label === 'cli') return 'Indsats (automatisk)'
  return 'Andre'
}
