import {
  CONSENT_CATEGORIES,
  type ConsentCategory,
  ConsentCreate,
  type ConsentForm,
  type ConsentGiver,
  type GuardianRelation,
  type YoungPersonSay,
  consentGiverFor,
  consentText,
} from '../../../shared/consents.ts'
import { type PlanParty, partyName } from '../../../shared/parties.ts'
import type { z } from 'zod'
import { type FieldErrors, checked } from '../../lib/form-errors.ts'

// The "Registrér samtykke" form as the user fills it in, the request it becomes, and the consent
// text it shows while it is filled in: the words staff read aloud are built by the same function
// from the same choices as the record the server stores, so they cannot say different things.
// Parties are the plan's (decision 012), chosen by id and read aloud by their names.

export interface ConsentValues {
  /** Ids of the plan's parties. */
  parties: string[]
  categories: ConsentCategory[]
  purpose: string
  /** Not chosen until the user says how the resident consented. */
  form: ConsentForm | ''
  givenOn: string
  validUntil: string
  /** For a young person under 15 (decision 023): the parent with custody who gives the consent. */
  guardianName: string
  guardianRelation: GuardianRelation | ''
  youngPersonSay: YoungPersonSay | ''
  youngPersonNote: string
}

/** `guardian` is where the server puts a problem with the guardian part as a whole. */
export type ConsentField = keyof ConsentValues | 'guardian'

export const CONSENT_FIELDS: readonly ConsentField[] = ['parties', 'categories', 'purpose', 'guardian', 'guardianName', 'guardianRelation', 'youngPersonSay', 'youngPersonNote', 'form', 'givenOn', 'validUntil']

/**
 * The party that holds the record to begin with (it shares, so it is named), today, and nothing
 * else: whom it shares with is the resident's choice, so staff tick each party the resident named.
 */
export const emptyConsent = (today: string, holder: string | null = null): ConsentValues => ({
  parties: holder ? [holder] : [],
  categories: [],
  purpose: '',
  form: '',
  givenOn: today,
  validUntil: '',
  guardianName: '',
  guardianRelation: '',
  youngPersonSay: '',
  youngPersonNote: '',
})

/** Who gives the consent being filled in: by the young person's age on the day it is given. */
export function giverOf(values: Pick<ConsentValues, 'givenOn'>, birthYear: number | null, today: string): ConsentGiver {
  return consentGiverFor(birthYear, isDay(values.givenOn) ? values.givenOn : today)
}

const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))

/** In the order of the lists, whatever order they were ticked in, so the text reads the same every time. */
const inOrder = <T extends string>(all: readonly T[], chosen: readonly T[]) => all.filter((item) => chosen.includes(item))

/** The parties in the plan's order; a chosen id the list does not know is kept last, for the server to refuse. */
const partiesInOrder = (parties: readonly PlanParty[], chosen: readonly string[]) => {
  const known = parties.map((p) => p.id)
  return [...inOrder(known, chosen), ...chosen.filter((id) => !known.includes(id))]
}

export function consentCreateFrom(
  values: ConsentValues,
  today: string,
  parties: readonly PlanParty[] = [],
  birthYear: number | null = null,
): { body: z.output<typeof ConsentCreate> } | { errors: FieldErrors } {
  const problems: FieldErrors = {}
  if (!values.form) problems.form = 'Vælg, om samtykket er givet mundtligt eller skriftligt.'
  const byGuardian = giverOf(values, birthYear, today) === 'guardian'
  if (byGuardian) {
    if (!values.guardianName.trim()) problems.guardianName = 'Skriv navnet på forælderen, der giver samtykket.'
    if (!values.guardianRelation) problems.guardianRelation = 'Vælg, hvem forælderen er for den unge.'
    if (!values.youngPersonSay) problems.youngPersonSay = 'Vælg, hvad den unge selv siger til samtykket.'
  }
  if (isDay(values.givenOn) && values.givenOn > today) problems.givenOn = 'Datoen kan ikke ligge i fremtiden.'
  const result = checked(
    ConsentCreate,
    {
      parties: partiesInOrder(parties, values.parties),
      categories: inOrder(CONSENT_CATEGORIES, values.categories),
      purpose: values.purpose,
      form: values.form || undefined,
      givenOn: values.givenOn,
      validUntil: values.validUntil || null,
      guardian: byGuardian
        ? { name: values.guardianName, relation: values.guardianRelation || undefined, youngPersonSay: values.youngPersonSay || undefined, youngPersonNote: values.youngPersonNote }
        : null,
    },
    problems,
  )
  // The shared schema names the guardian part as a whole; the fields above already say which part.
  if ('errors' in result && (problems.guardianName || problems.guardianRelation || problems.youngPersonSay)) delete result.errors.guardian
  return result
}

/**
 * The consent text for what is chosen so far, or null until there is something to consent to. A
 * purpose not yet written shows as "…", a date not yet complete as no end date. `holder` is the
 * name of the party that holds the record.
 */
export function consentPreview(values: ConsentValues, parties: readonly PlanParty[], holder: string | null = null): string[] | null {
  const chosen = parties.filter((p) => values.parties.includes(p.id))
  if (chosen.length === 0 || values.categories.length === 0) return null
  return consentText({
    parties: chosen.map(partyName),
    holder,
    categories: inOrder(CONSENT_CATEGORIES, values.categories),
    purpose: values.purpose.trim() || '…',
    validUntil: isDay(values.validUntil) ? values.validUntil : null,
  })
}
