import {
  CONSENT_CATEGORIES,
  type ConsentCategory,
  ConsentCreate,
  type ConsentForm,
  PARTIES,
  type Party,
  consentText,
} from '../../../shared/consents.ts'
import { type FieldErrors, checked } from '../../lib/form-errors.ts'

// The "Registrér samtykke" form as the user fills it in, the request it becomes, and the consent
// text it shows while it is filled in: the words staff read aloud are built by the same function
// from the same choices as the record the server stores, so they cannot say different things.

export interface ConsentValues {
  parties: Party[]
  categories: ConsentCategory[]
  purpose: string
  /** Not chosen until the user says how the resident consented. */
  form: ConsentForm | ''
  givenOn: string
  validUntil: string
}

export type ConsentField = keyof ConsentValues

export const CONSENT_FIELDS: readonly ConsentField[] = ['parties', 'categories', 'purpose', 'form', 'givenOn', 'validUntil']

/** Both parties to begin with: sharing between them is what a consent here is for. The rest is chosen. */
export const emptyConsent = (today: string): ConsentValues => ({
  parties: [...PARTIES],
  categories: [],
  purpose: '',
  form: '',
  givenOn: today,
  validUntil: '',
})

const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))

/** In the order of the lists, whatever order they were ticked in, so the text reads the same every time. */
const inOrder = <T extends string>(all: readonly T[], chosen: readonly T[]) => all.filter((item) => chosen.includes(item))

export function consentCreateFrom(values: ConsentValues, today: string): { body: ConsentCreate } | { errors: FieldErrors } {
  const problems: FieldErrors = {}
  if (!values.form) problems.form = 'Vælg, om samtykket er givet mundtligt eller skriftligt.'
  if (isDay(values.givenOn) && values.givenOn > today) problems.givenOn = 'Datoen kan ikke ligge i fremtiden.'
  return checked(
    ConsentCreate,
    {
      parties: inOrder(PARTIES, values.parties),
      categories: inOrder(CONSENT_CATEGORIES, values.categories),
      purpose: values.purpose,
      form: values.form || undefined,
      givenOn: values.givenOn,
      validUntil: values.validUntil || null,
    },
    problems,
  )
}

/**
 * The consent text for what is chosen so far, or null until there is something to consent to. A
 * purpose not yet written shows as "…", a date not yet complete as no end date.
 */
export function consentPreview(values: ConsentValues): string[] | null {
  if (values.parties.length === 0 || values.categories.length === 0) return null
  return consentText({
    parties: inOrder(PARTIES, values.parties),
    categories: inOrder(CONSENT_CATEGORIES, values.categories),
    purpose: values.purpose.trim() || '…',
    validUntil: isDay(values.validUntil) ? values.validUntil : null,
  })
}
