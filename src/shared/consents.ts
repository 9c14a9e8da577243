import { z } from 'zod'
import { formatDay } from './lib/format.ts'
import { PartyRef } from './parties.ts'

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

// The parties a consent names are parties of the resident's plan, by id (src/shared/parties.ts,
// decision 012): the plan's list says which there are and what each is called.

export const ConsentForm = z.enum(['oral', 'written'])
export type ConsentForm = z.infer<typeof ConsentForm>
export const consentFormLabels: Record<ConsentForm, string> = { oral: 'Mundtligt', written: 'Skriftligt' }

export const ConsentState = z.enum(['not-yet', 'in-force', 'missing-document', 'expired', 'withdrawn', 'outgrown'])
export type ConsentState = z.infer<typeof ConsentState>
export const consentStateLabels: Record<ConsentState, string> = {
  'not-yet': 'Gælder endnu ikke',
  'in-force': 'I kraft',
  'missing-document': 'Mangler underskrevet samtykke',
  expired: 'Udløbet',
  withdrawn: 'Trukket tilbage',
  outgrown: 'Den unge er fyldt 18',
}

// Young people and guardians (decision 023). A young person is a resident with a birth year. Only
// the birth year is known, so an age is the year of the day minus the birth year, as for age bands
// (participants.ts ageBandOf): a young person counts as 15 from 1 January of the year they turn 15.
// That asks for the young person's own consent up to a year early, never late.
//
// The rule:
// 1. Under 15 (or no birth year known: treated as an adult, below): consent is given by a parent
//    with custody, recorded with the guardian's name and relation, and the young person's own say
//    (agrees, objects, not able to say) is recorded with it.
// 2. From 15 the young person gives consent themselves; a new consent from a guardian is refused.
// 3. A guardian consent given before 15 stays in force from 15 until it is renewed, withdrawn or
//    ends, but the app asks for the young person's own consent (the consent is flagged, and the
//    resident's page says so). Cutting access the day a young person turns 15 would stop the work
//    with them mid-way; the flag makes sure the renewal happens.
// 4. From 18 a guardian's consent no longer counts at all: custody ends at 18, so the consent is
//    'outgrown' and allows nothing. Only the young person's own consent remains.
// 5. A resident without a birth year gives their own consent: nothing says they are a minor.

export const OWN_CONSENT_AGE = 15
export const ADULT_AGE = 18

export const ConsentGiver = z.enum(['self', 'guardian'])
export type ConsentGiver = z.infer<typeof ConsentGiver>
export const consentGiverLabels: Record<ConsentGiver, string> = { self: 'Beboeren selv', guardian: 'Forælder med forældremyndighed' }

export const GUARDIAN_RELATIONS = ['mother', 'father', 'other-custodian'] as const
export const GuardianRelation = z.enum(GUARDIAN_RELATIONS)
export type GuardianRelation = z.infer<typeof GuardianRelation>
export const guardianRelationLabels: Record<GuardianRelation, string> = { mother: 'Mor', father: 'Far', 'other-custodian': 'Anden med forældremyndighed' }

export const YOUNG_PERSON_SAYS = ['agrees', 'objects', 'not-able'] as const
export const YoungPersonSay = z.enum(YOUNG_PERSON_SAYS)
export type YoungPersonSay = z.infer<typeof YoungPersonSay>
export const youngPersonSayLabels: Record<YoungPersonSay, string> = {
  agrees: 'Den unge er enig',
  objects: 'Den unge er ikke enig',
  'not-able': 'Den unge kan ikke tage stilling',
}

/** Age in the year of `asOf` ("YYYY-MM-DD"); null when the birth year is not known. */
export function ageInYearOf(birthYear: number | null, asOf: string): number | null {
  return birthYear === null ? null : Number(asOf.slice(0, 4)) - birthYear
}

/** Who must give a new consent on `asOf` (rules 1, 2, 5). */
export function consentGiverFor(birthYear: number | null, asOf: string): ConsentGiver {
  const age = ageInYearOf(birthYear, asOf)
  return age !== null && age < OWN_CONSENT_AGE ? 'guardian' : 'self'
}

export type GuardianConsentStanding = 'valid' | 'ask-own-consent' | 'outgrown'

/** What a guardian's consent is worth on `asOf` for a young person born in `birthYear` (rules 3, 4). */
export function guardianConsentStanding(birthYear: number | null, asOf: string): GuardianConsentStanding {
  const age = ageInYearOf(birthYear, asOf)
  // Without a birth year nobody can say the resident is a minor: a guardian cannot consent for them.
  if (age === null || age >= ADULT_AGE) return 'outgrown'
  return age >= OWN_CONSENT_AGE ? 'ask-own-consent' : 'valid'
}

/** The first day a guardian's consent allows nothing (rule 4): 1 January of the year the young person turns 18. */
export function guardianConsentEndsOn(birthYear: number): string {
  return `${String(birthYear + ADULT_AGE).padStart(4, '0')}-01-01`
}

export const GuardianConsent = z.object({
  name: z.string().trim().min(1, 'Skriv navnet på forælderen, der giver samtykket.').max(200),
  relation: GuardianRelation,
  youngPersonSay: YoungPersonSay,
  youngPersonNote: z
    .string()
    .trim()
    .max(2000)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
})
export type GuardianConsent = z.input<typeof GuardianConsent>

const Day = z.iso.date({ error: 'Skriv en dato som ÅÅÅÅ-MM-DD.' })

export const ConsentCreate = z
  .object({
    parties: z.array(z.uuid({ error: 'Vælg en part fra helhedsplanens liste.' })).min(1, 'Vælg mindst én part, der må dele oplysningerne.'),
    categories: z.array(ConsentCategory).min(1, 'Vælg mindst én slags oplysninger.'),
    purpose: z.string().trim().min(1, 'Skriv formålet med at dele oplysningerne.').max(2000),
    form: ConsentForm,
    givenOn: Day,
    validUntil: Day.nullable(),
    /** Set when a parent with custody gives the consent for a young person under 15; null: the resident. */
    guardian: GuardianConsent.nullable().default(null),
  })
  .refine((c) => c.validUntil === null || c.validUntil >= c.givenOn, { path: ['validUntil'], message: 'Slutdatoen kan ikke ligge før samtykket er givet.' })
export type ConsentCreate = z.input<typeof ConsentCreate>

export const ConsentWithdraw = z.object({ withdrawnOn: Day })
export type ConsentWithdraw = z.infer<typeof ConsentWithdraw>

export const Consent = z.object({
  id: z.uuid(),
  /** The parties of the plan the consent names, in the plan's order, by the name the resident heard. */
  parties: z.array(PartyRef),
  categories: z.array(ConsentCategory),
  purpose: z.string(),
  form: ConsentForm,
  givenOn: z.string(),
  validUntil: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  /** `fileName` is null for a reader whose consent does not cover contact: the file name may name the resident. */
  document: z.object({ fileName: z.string().nullable(), uploadedAt: z.string() }).nullable(),
  /** State today (Danish calendar day). */
  state: ConsentState,
  givenBy: ConsentGiver,
  guardian: z.object({ name: z.string(), relation: GuardianRelation, youngPersonSay: YoungPersonSay, youngPersonNote: z.string().nullable() }).nullable(),
  /** A guardian's consent for a young person now 15 or older: the young person's own consent is asked for. */
  asksForOwnConsent: z.boolean(),
  recordedAt: z.string(),
  /** Name of the staff member who recorded it; staff see this, the resident's own export does not. */
  recordedBy: z.string().nullable(),
})
export type Consent = z.infer<typeof Consent>

/**
 * A party's name in the middle of a sentence. A name written with a capital only at its start is a
 * common noun phrase ("Jobcentret", "Den boligsociale helhedsplan") and reads in lower case; a name
 * with a capital inside is a proper name ("Jobcenter Varde, Afdeling Ung") and keeps its capitals.
 */
export function partyInSentence(name: string): string {
  const rest = name.slice(1)
  return rest === rest.toLowerCase() ? name.charAt(0).toLowerCase() + rest : name
}

/** "A", "A og B", "A, B og C". */
export function listInDanish(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} og ${items.at(-1)}`
}

/**
 * The consent text read to or signed by the resident, built from the record: every category and
 * party by its plain wording (the party's name and unit, as the plan lists it), so what the resident
 * hears is what the system enforces. `holder` is the party that holds the record, when it is known
 * and not itself named: the consent then says who shares with whom.
 */
export function consentText(c: { parties: readonly string[]; holder?: string | null; categories: readonly ConsentCategory[]; purpose: string; validUntil: string | null }): string[] {
  const named = listInDanish(c.parties.map(partyInSentence))
  const opening =
    c.holder && !c.parties.includes(c.holder)
      ? `Jeg giver lov til, at ${partyInSentence(c.holder)} må dele disse oplysninger om mig med ${named}:`
      : c.parties.length === 1
        ? `Jeg giver lov til, at ${named} må få disse oplysninger om mig:`
        : `Jeg giver lov til, at ${named} må dele disse oplysninger om mig med hinanden:`
  return [
    opening,
    ...c.categories.map((cat) => `• ${consentCategoryLabels[cat]}`),
    `Formålet er: ${c.purpose}`,
    c.validUntil ? `Samtykket gælder til og med ${formatDay(c.validUntil)}.` : 'Samtykket gælder, indtil jeg trækker det tilbage.',
    'Jeg kan altid trække samtykket tilbage. Så stopper delingen med det samme.',
  ]
}
