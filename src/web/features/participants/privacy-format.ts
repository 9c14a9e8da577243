import { formatCount } from '../../../shared/lib/format.ts'

// How the log of removed personal data reads. The server counts what each anonymisation removed
// (participant_removal.removed) and never copies it; these are the words for those counts.

const removedNouns: Record<string, [singular: string, plural: string]> = {
  fields: ['personoplysning', 'personoplysninger'],
  notes: ['note', 'noter'],
  consentDocuments: ['samtykkeerklæring', 'samtykkeerklæringer'],
  consentPurposes: ['formålstekst i samtykke', 'formålstekster i samtykker'],
  followupNotes: ['opfølgningsnote', 'opfølgningsnoter'],
  enrolmentNotes: ['forløbsnote', 'forløbsnoter'],
  placementNotes: ['note om en udplacering', 'noter om udplaceringer'],
  guardianDetails: ['forælders navn eller den unges ord i et samtykke', 'forældres navne eller den unges ord i samtykker'],
  pathwayNotes: ['note om et trin i et forløb', 'noter om trin i forløb'],
  inquiryLinks: ['henvendelse i åben rådgivning gjort anonym', 'henvendelser i åben rådgivning gjort anonyme'],
  conversationLinks: ['samtale med en fremskudt medarbejder gjort anonym', 'samtaler med en fremskudt medarbejder gjort anonyme'],
  appointments: ['aftale i åben rådgivning', 'aftaler i åben rådgivning'],
}

/** "5 personoplysninger, 2 noter og 1 samtykkeerklæring"; "Intet at fjerne" when every count is 0. */
export function removedText(removed: Readonly<Record<string, number>>): string {
  const parts = Object.entries(removed)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => {
      const noun = removedNouns[key]
      return noun ? formatCount(count, noun[0], noun[1]) : `${key}: ${count}`
    })
  if (parts.length === 0) return 'Intet at fjerne'
  if (parts.length === 1) return parts[0]!
  return `${parts.slice(0, -1).join(', ')} og ${parts.at(-1)}`
}

/** Whether a resident on the list is due now: their day has come (both "YYYY-MM-DD"). */
export const isDue = (dueOn: string, today: string) => dueOn <= today
