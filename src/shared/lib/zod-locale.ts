import { z } from 'zod'
import { formatNumber } from './format.ts'
import { FIELD_GENDERS, FIELD_LABELS, type FieldGender } from './field-labels.ts'

// Validation messages in Danish, on the server and in the browser alike, each naming its field
// ("Organisation må højst være 200 tegn."), never the validator's own wording ("For stor: forventede
// streng havde <= 200 tegn"). A schema's own message (`{ error: '…' }`) wins over these. The field's
// name comes from FIELD_LABELS by the last name on the issue's path; a field without a label is found
// by the test that walks every request schema (src/server/lib/validation-messages.test.ts).

export { FIELD_GENDERS, FIELD_LABELS }

/** Wording only the validator uses; no message a user sees may contain it. */
export const RAW_VALIDATOR_WORDING =
  /forventede|Ugyldigt input|Ugyldig værdi|Ugyldigt valg|Ugyldig streng|Ugyldigt tal|For stor:|For lille:|Ukendte? nøgler?|instanceof|[<>]=?\s*-?\d|\bexpected\b|\breceived\b|Invalid|Too (big|small)|Unrecognized|\bundefined\b|\bNaN\b/

const keyOf = (path: readonly PropertyKey[]) => [...path].reverse().find((p): p is string => typeof p === 'string' && !/^\d+$/.test(p))

/** The field an issue is about, as a user knows it; "Værdien" for a value without a name. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const key = keyOf(path)
  return (key !== undefined ? FIELD_LABELS[key] : undefined) ?? 'Værdien'
}

/** The gender of the field's name, for the adjective after it ("Værdien" is common). */
export function fieldGender(path: readonly PropertyKey[]): FieldGender {
  const key = keyOf(path)
  return (key !== undefined && FIELD_LABELS[key] !== undefined ? FIELD_GENDERS[key] : undefined) ?? 'common'
}

/**
 * An adjective agreeing with a noun of the gender: "negativ" → "negativt" (neuter), "negative"
 * (plural). The adjectives of these messages are all regular.
 */
export function inflect(adjective: string, gender: FieldGender): string {
  return gender === 'neuter' ? `${adjective}t` : gender === 'plural' ? `${adjective}e` : adjective
}

/**
 * A message without the field's name in front, for showing under the field's own label: "Antallet
 * kan ikke være negativt." under "Antal" reads "Kan ikke være negativt.". Only the name the
 * messages give the field at `path` is taken away; any other message is left as it is. The error
 * summary keeps the whole message, as it is read away from the field.
 */
export function withoutFieldName(message: string, path: readonly PropertyKey[]): string {
  const label = fieldLabel(path)
  if (!message.startsWith(`${label} `)) return message
  const rest = message.slice(label.length + 1)
  if (!/^\p{Ll}/u.test(rest)) return message
  return `${rest[0]!.toUpperCase()}${rest.slice(1)}`
}

const number = (n: number | bigint) => formatNumber(Number(n))

/** The Danish message for one issue, naming its field. */
export function danishMessage(issue: z.core.$ZodRawIssue): string {
  const label = fieldLabel(issue.path ?? [])
  const agreeing = (adjective: string) => inflect(adjective, fieldGender(issue.path ?? []))
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null) return `${label} mangler.`
      switch (issue.expected) {
        case 'string':
          return `${label} skal være tekst.`
        case 'number':
        case 'int':
        case 'bigint':
          return issue.expected === 'int' && typeof issue.input === 'number' ? `${label} skal være et helt tal.` : `${label} skal være et tal.`
        case 'boolean':
          return `${label} skal være ja eller nej.`
        case 'array':
          return `${label} skal være en liste.`
        case 'date':
          return `${label} skal være en dato.`
        default:
          return `${label} har ikke den rigtige form.`
      }
    }
    case 'invalid_value':
      return `${label} har en værdi, som Indsats ikke kender. Vælg en af mulighederne.`
    case 'too_big': {
      const max = issue.maximum
      if (issue.origin === 'string') return `${label} må højst være ${number(max)} tegn.`
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} må højst have ${number(max)} ${Number(max) === 1 ? 'punkt' : 'punkter'}.`
      if (issue.origin === 'date') return `${label} er for ${agreeing('sen')}.`
      return issue.inclusive ? `${label} må højst være ${number(max)}.` : `${label} skal være under ${number(max)}.`
    }
    case 'too_small': {
      const min = issue.minimum
      if (issue.origin === 'string') return Number(min) <= 1 ? `${label} mangler.` : `${label} skal være mindst ${number(min)} tegn.`
      if (issue.origin === 'array' || issue.origin === 'set') return Number(min) <= 1 ? `${label} skal have mindst ét punkt.` : `${label} skal have mindst ${number(min)} punkter.`
      if (issue.origin === 'date') return `${label} er for ${agreeing('tidlig')}.`
      if (Number(min) === 0) return issue.inclusive ? `${label} kan ikke være ${agreeing('negativ')}.` : `${label} skal være over 0.`
      return issue.inclusive ? `${label} skal være mindst ${number(min)}.` : `${label} skal være over ${number(min)}.`
    }
    case 'invalid_format':
      switch (issue.format) {
        case 'email':
          return `${label} skal være en e-mailadresse, fx navn@kommune.dk.`
        case 'url':
          return `${label} skal være en webadresse, fx https://kommune.dk.`
        case 'date':
          return `${label} skal være en dato.`
        case 'datetime':
          return `${label} skal være et tidspunkt.`
        case 'time':
          return `${label} skal være et klokkeslæt, fx 09:30.`
        case 'uuid':
        case 'guid':
          return `${label} peger ikke på noget, Indsats kender.`
        default:
          return `${label} er ikke skrevet rigtigt.`
      }
    case 'not_multiple_of':
      return `${label} skal gå op i ${number(issue.divisor as number)}.`
    case 'unrecognized_keys':
      return `${label === 'Værdien' ? 'Her' : label} står ${issue.keys.length > 1 ? 'felterne' : 'feltet'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}, som Indsats ikke kender. Slet ${issue.keys.length > 1 ? 'dem' : 'det'}.`
    case 'invalid_union':
      return `${label} har ikke den rigtige form.`
    case 'invalid_key':
    case 'invalid_element':
      return `${label} indeholder en værdi, som ikke er gyldig.`
    default:
      return `${label} er ikke ${agreeing('gyldig')}.`
  }
}

z.config({ ...z.locales.da(), customError: danishMessage })

/**
 * A schema's own message for a value of the wrong type only ("Mængden skal være et tal."); a value of
 * the right type out of range gets the message of its check, or the field's own ("Mængden kan ikke
 * være negativ."), never "skal være et tal".
 */
export function typeError(message: string): { error: (issue: z.core.$ZodRawIssue) => string | undefined } {
  return { error: (issue) => (issue.code === 'invalid_type' ? message : undefined) }
}
