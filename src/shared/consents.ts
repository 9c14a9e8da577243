import { z } from 'zod'
import { formatDay } from './lib/format.ts'

// Consents (samtykker): which information about a resident may be shared between which parties, for
// what, from when until when. The rule deciding what a consent allows on a given day lives in
// server/features/consents/consent-validity.ts; the words residents read live here, because the web
// shows them and the consent text must say exactly what the server enforces.

/** Information categories, cut where a resident would say yes to one and no to another. */
export const CONSENT_CATEGORIES = ['contact', 'employment', 'benefits', 'health', 'addiction', 'finances', 'family', 'housing', 'notes'] as const
export const ConsentCategory = z.enum(CONSENT_CATEGORIES)
export type ConsentCategory = z.infer<typeof ConsentCategory>

/** The plain-Danish wording shown to residents in the consent text, one per category. */
export const consentCategoryLabels: Record<ConsentCategory, string> = {
  contact: 'Navn, adresse og telefonnummer',
  employment: 'Job, uddannelse og praktik, og dine forløb hos os',
  benefits: 'Offentlige ydelser, fx kontanthjælp eller dagpenge',
  health: 'Helbred og sygdom',
  addiction: 'Misbrug af alkohol eller stoffer',
  finances: 'Økonomi og gæld',
  family: 'Familie og børn',
  housing: 'Bolig, husleje og naboforhold',
  notes: 'Notater fra samtaler med dig',
}

/** The parties that share under a consent: the housing-social team and the municipal job centre. */
export const PARTIES = ['boligsocial', 'jobcenter'] as const
export const Party = z.enum(PARTIES)
export type Party = z.infer<typeof Party>

export const partyLabels: Record<Party, string> = {
  boligsocial: 'Den boligsociale helhedsplan',
  jobcenter: 'Jobcentret',
}

export const ConsentForm = z.enum(['oral', 'written'])
export type ConsentForm = z.infer<typeof ConsentForm>
export const consentFormLabels: Record<ConsentForm, string> = { oral: 'Mundtligt', written: 'Skriftligt' }

export const ConsentState = z.enum(['not-yet', 'in-force', 'missing-document', 'expired', 'withdrawn'])
export type ConsentState = z.infer<typeof ConsentState>
export const consentStateLabels: Record<ConsentState, string> = {
  'not-yet': 'Gælder endnu ikke',
  'in-force': 'I kraft',
  'missing-document': 'Mangler underskrevet samtykke',
  expired: 'Udløbet',
  withdrawn: 'Trukket tilbage',
}

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })

export const ConsentCreate = z
  .object({
    parties: z.array(Party).min(1, 'Vælg mindst én part, der må dele oplysningerne.'),
    categories: z.array(ConsentCategory).min(1, 'Vælg mindst én slags oplysninger.'),
    purpose: z.string().trim().min(1, 'Skriv formålet med at dele oplysningerne.').max(2000),
    form: ConsentForm,
    givenOn: Day,
    validUntil: Day.nullable(),
  })
  .refine((c) => c.validUntil === null || c.validUntil >= c.givenOn, { path: ['validUntil'], message: 'Slutdatoen kan ikke ligge før samtykket er givet.' })
export type ConsentCreate = z.infer<typeof ConsentCreate>

export const ConsentWithdraw = z.object({ withdrawnOn: Day })
export type ConsentWithdraw = z.infer<typeof ConsentWithdraw>

export const Consent = z.object({
  id: z.uuid(),
  parties: z.array(Party),
  categories: z.array(ConsentCategory),
  purpose: z.string(),
  form: ConsentForm,
  givenOn: z.string(),
  validUntil: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  document: z.object({ fileName: z.string(), uploadedAt: z.string() }).nullable(),
  /** State today (Danish calendar day). */
  state: ConsentState,
  recordedAt: z.string(),
  /** Name of the staff member who recorded it; staff see this, the resident's own export does not. */
  recordedBy: z.string().nullable(),
})
export type Consent = z.infer<typeof Consent>

/**
 * The consent text read to or signed by the resident, built from the record: every category and
 * party by its plain wording, so what the resident hears is what the system enforces.
 */
export function consentText(c: { parties: readonly Party[]; categories: readonly ConsentCategory[]; purpose: string; validUntil: string | null }): string[] {
  const parties = c.parties.map((p) => partyLabels[p].toLowerCase())
  return [
    `Jeg giver lov til, at ${parties.join(' og ')} må dele disse oplysninger om mig med hinanden:`,
    ...c.categories.map((cat) => `• ${consentCategoryLabels[cat]}`),
    `Formålet er: ${c.purpose}`,
    c.validUntil ? `Samtykket gælder til og med ${formatDay(c.validUntil)}.` : 'Samtykket gælder, indtil jeg trækker det tilbage.',
    'Jeg kan altid trække samtykket tilbage. Så stopper delingen med det samme.',
  ]
}
