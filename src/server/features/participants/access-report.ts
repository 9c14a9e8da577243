import { partyLabels } from '../../../shared/consents.ts'
import { partyOf } from '../../../shared/permissions.ts'
import { Role } from '../../../shared/users.ts'

// The resident's own access report: each logged access to their data, said in words they can read
// (who, when, why). Part of the copy a resident gets of everything Indsats holds about them.

/** Why an access happened, in words for the resident; by audit entity and action. */
export function purposeOf(entity: string, action: string, details: Record<string, unknown>, participantId: string): string | null {
  // A list names the residents it disclosed; a single read's disclosure is about its one resident.
  const disclosure = details.disclosure as { party?: string; ids?: string[] } | undefined
  const disclosed = disclosure !== undefined && (disclosure.ids === undefined || disclosure.ids.includes(participantId))
  if (details.refused) return null
  switch (`${entity}:${action}`) {
    case 'participants:read':
      return disclosed ? 'Dine oplysninger blev vist efter dit samtykke' : 'Dine oplysninger blev slået op'
    case 'participants:create':
      return 'Du blev registreret'
    case 'participants:update':
      return 'Dine oplysninger blev rettet'
    case 'participants:delete':
      return 'Dine personoplysninger blev slettet'
    case 'participant-notes:create':
      return 'Der blev skrevet en note'
    case 'participant-cpr:read':
      return 'Dit CPR-nummer blev vist'
    case 'participant-rights:read':
      return 'Du fik en kopi af dine oplysninger'
    case 'consents:create':
      return 'Dit samtykke blev registreret'
    case 'consents:update':
      return details.withdrawnOn ? 'Dit samtykke blev trukket tilbage' : 'Dit samtykke blev opdateret'
    case 'consent-documents:update':
      return 'Dit underskrevne samtykke blev vedhæftet'
    case 'consents:read':
      return 'Dit underskrevne samtykke blev vist'
    case 'enrolments:create':
      return 'Du blev tilmeldt et forløb'
    case 'enrolments:update':
      return 'Dit forløb blev opdateret'
    case 'enrolments:read':
      return 'Dit forløb blev slået op'
    case 'enrolment-followups:create':
      return 'Der blev fulgt op på dit forløb'
    case 'sessions:read':
      return 'Fremmødelisten blev vist'
    default:
      return null
  }
}

export function partyOfAuditRole(role: string | null, label: string): string {
  const known = Role.safeParse(role).data
  const party = known ? partyOf(known) : null
  if (party) return partyLabels[party]
  if (label === 'system' || label === 'cli') return 'Indsats (automatisk)'
  return 'Andre'
}
