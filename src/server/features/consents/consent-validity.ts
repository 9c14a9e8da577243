import { formatDay } from '../../../shared/lib/format.ts'
import { dayNumber } from '../../../shared/lib/period.ts'
import { CONSENT_CATEGORIES, type ConsentCategory, consentCategoryLabels, guardianConsentEndsOn, partyInSentence } from '../../../shared/consents.ts'

// Whether a resident's consent (samtykke) lets another party see their data on a given day, and
// which of it. A pure rule (CONTRIBUTING.md, "Pure rules apart from I/O"): records and the day in,
// a decision out; the caller passes `asOf` (Danish calendar day, "YYYY-MM-DD") and never the clock,
// so the same question asked of the same records always gets the same answer, also in an audit.
//
// Why it is enforced and not just stored (docs/domain.md, "Consent and personal data"): the
// residents are vulnerable, the records touch health, addiction, finances and family, and Danish
// social law requires consent to be specific: which information, from whom, for what. So a party
// sees only the categories a consent in force names, and nothing once it is withdrawn.
//
// The rules, as decided:
// 1. Days are calendar days, compared as whole days (lib/period.ts dayNumber), never as Date
//    moments, which shift a day whenever the machine's time zone is not Danish.
// 2. A consent is in force from `givenOn` (inclusive) through `validUntil` (inclusive: it is the
//    last valid day). `validUntil: null` means no end date: in force until withdrawn.
// 3. Withdrawal takes effect at once: on `withdrawnOn` itself the consent is no longer in force.
//    A consent given and withdrawn on the same day is never in force.
// 4. A written consent without its signed document attached is NOT in force ('missing-document'):
//    the point of a written consent is that it can be documented, and the law requires us to be
//    able to show what the resident agreed to. An oral consent is in force on its record alone
//    (scope, parties, date, who recorded it), which is how oral consent is documented.
// 5. An ended consent stays ended for the reason that ended it first: expiry before a later
//    withdrawal stays 'expired', withdrawal before the end date is 'withdrawn'. So a state never
//    changes once the consent has ended, and only moves forward in time:
//    not-yet → in-force | missing-document → expired | withdrawn.
// 6. Before `givenOn` a consent is 'not-yet', whatever else is recorded.
// 7. A record whose dates are not valid calendar days, or that ends (validUntil / withdrawnOn)
//    before it was given, throws. Such a record is a data bug; guessing what it meant could open
//    access, and throwing fails closed.
// 8. What a party may see is the union of the categories of all consents in force that name it.
//    Disclosure is allowed iff that union is non-empty. Parties are matched by id (a party of the
//    plan, decision 012), never by name: two units of one job centre are two parties, and a party
//    renamed is the same party. The name is only for the reason people read.
// 9. The purpose is free text for people to judge; the machine enforces parties, categories and
//    days only.
// 10. A consent a guardian gave for a young person (shared/consents.ts, decision 023) ends on
//    1 January of the year the young person turns 18 ('outgrown'), like an end date; a guardian
//    consent for a resident with no birth year on file is never in force. Between 15 and 18 it stays
//    in force, and the caller asks for the young person's own consent (guardianConsentStanding).

// The categories and their resident-facing wording are shared with the web: src/shared/consents.ts.
export { CONSENT_CATEGORIES, consentCategoryLabels, type ConsentCategory } from '../../../shared/consents.ts'

export interface ConsentRecord {
  id: string
  /** The ids of the plan's parties this consent names (consent_party). */
  parties: string[]
  categories: ConsentCategory[]
  /** For what: free text in the resident's words; not enforced by this rule (rule 9). */
  purpose: string
  form: 'oral' | 'written'
  /** Whether the signed document is attached; matters only for written consent (rule 4). */
  documentAttached: boolean
  /** "YYYY-MM-DD", first day in force. */
  givenOn: string
  /** "YYYY-MM-DD", last day in force; null = until withdrawn. */
  validUntil: string | null
  /** "YYYY-MM-DD", first day NOT in force; null = not withdrawn. */
  withdrawnOn: string | null
  /** Who gave it (rule 10); absent or 'self' for the resident's own consent. */
  givenBy?: 'self' | 'guardian'
  /** The resident's birth year, for a guardian's consent (rule 10). */
  birthYear?: number | null
}

export type ConsentState = 'not-yet' | 'in-force' | 'missing-document' | 'expired' | 'withdrawn' | 'outgrown'

export interface Disclosure {
  allowed: boolean
  /** The categories the party may see, in the order of CONSENT_CATEGORIES. */
  categories: ConsentCategory[]
  /** The consents the disclosure rests on, for the audit log. */
  consentIds: string[]
  /** Danish: shown in the UI and written to the audit log. */
  reason: string
}

function day(iso: string, what: string, id: string): number {
  const n = dayNumber(iso)
  if (n === null) throw new RangeError(`Consent ${id}: ${what} is not a calendar day "YYYY-MM-DD": ${JSON.stringify(iso)}`)
  return n
}

interface Days {
  given: number
  until: number | null
  withdrawn: number | null
}

function recordDays(record: ConsentRecord): Days {
  const given = day(record.givenOn, 'givenOn', record.id)
  const until = record.validUntil === null ? null : day(record.validUntil, 'validUntil', record.id)
  const withdrawn = record.withdrawnOn === null ? null : day(record.withdrawnOn, 'withdrawnOn', record.id)
  if (until !== null && until < given) throw new RangeError(`Consent ${record.id}: validUntil ${record.validUntil} is before givenOn ${record.givenOn}`)
  if (withdrawn !== null && withdrawn < given) {
    throw new RangeError(`Consent ${record.id}: withdrawnOn ${record.withdrawnOn} is before givenOn ${record.givenOn}`)
  }
  return { given, until, withdrawn }
}

/** The state of one consent on the day `asOf` ("YYYY-MM-DD"). Throws on invalid dates (rule 7). */
export function consentState(record: ConsentRecord, asOf: string): ConsentState {
  const d = recordDays(record)
  const today = day(asOf, 'asOf', record.id)
  if (today < d.given) return 'not-yet'
  // Rule 5: the first end wins. Expiry ends the consent the day after validUntil.
  const expiresOn = d.until === null ? null : d.until + 1
  const withdrawn = d.withdrawn !== null && today >= d.withdrawn
  const expired = expiresOn !== null && today >= expiresOn
  // Rule 10: a guardian's consent ends when custody does; without a birth year it never began.
  const outgrownOn = record.givenBy === 'guardian' ? (record.birthYear == null ? d.given : day(guardianConsentEndsOn(record.birthYear), 'birthYear', record.id)) : null
  const outgrown = outgrownOn !== null && today >= outgrownOn
  const ends: [ConsentState, number][] = []
  if (withdrawn) ends.push(['withdrawn', d.withdrawn!])
  if (expired) ends.push(['expired', expiresOn!])
  if (outgrown) ends.push(['outgrown', outgrownOn])
  // The first end wins; on the same day a withdrawal is named before an expiry, an expiry before age.
  if (ends.length > 0) return ends.reduce((first, e) => (e[1] < first[1] ? e : first))[0]
  if (record.form === 'written' && !record.documentAttached) return 'missing-document'
  return 'in-force'
}

// Only categories we have a resident-facing wording for can have been consented to; anything else
// in a record (a stale or mistyped code from storage) grants nothing.
const isKnownCategory = (c: string): c is ConsentCategory => Object.hasOwn(consentCategoryLabels, c)

// Reasons are read by staff and residents, so a consent is named by the day it was given and a
// party by its name; the ids the decision rests on go to the audit log in `consentIds`.
const named = (record: ConsentRecord) => `samtykket givet ${formatDay(record.givenOn)}`
const given = (records: readonly ConsentRecord[]) =>
  records.length === 1 ? named(records[0]!) : `samtykkerne givet ${records.map((r) => formatDay(r.givenOn)).join(' og ')}`
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

function whyNot(record: ConsentRecord, state: ConsentState): string {
  switch (state) {
    case 'not-yet':
      return `samtykket gælder først fra ${formatDay(record.givenOn)}`
    case 'expired':
      return `${named(record)} udløb ${formatDay(record.validUntil!)}`
    case 'withdrawn':
      return `${named(record)} blev trukket tilbage ${formatDay(record.withdrawnOn!)}`
    case 'outgrown':
      return record.birthYear == null
        ? `${named(record)} er givet af en forælder, men beboerens fødselsår er ikke registreret`
        : `${named(record)} er givet af en forælder, og den unge er nu fyldt 18`
    case 'missing-document':
      return `${named(record)} er skriftligt, men det underskrevne samtykke er ikke vedhæftet`
    case 'in-force':
      return `${named(record)} omfatter ingen oplysninger`
  }
}

/**
 * What `party` may see of a resident on `asOf`, from all that resident's consents (rule 8): matched
 * by its id, named in the reason by its name ("Jobcenter Varde, Afdeling Ung").
 * Every record is checked, so one record with invalid dates throws even if others would allow.
 */
export function disclosure(records: readonly ConsentRecord[], party: { id: string; name: string }, asOf: string): Disclosure {
  const partyName = partyInSentence(party.name)
  // Checked up front too, so a bad day is caught even when the resident has no consents yet.
  day(asOf, 'asOf', '(disclosure)')
  const covered = new Set<ConsentCategory>()
  const consentIds: string[] = []
  const refusals: string[] = []
  for (const record of records) {
    // Computed before the party filter so that a broken record is never silently skipped.
    const state = consentState(record, asOf)
    if (!record.parties.includes(party.id)) continue
    const categories = record.categories.filter(isKnownCategory)
    if (state === 'in-force' && categories.length > 0) {
      for (const c of categories) covered.add(c)
      consentIds.push(record.id)
    } else {
      refusals.push(whyNot(record, state))
    }
  }
  const categories = CONSENT_CATEGORIES.filter((c) => covered.has(c))
  if (categories.length > 0) {
    const labels = categories.map((c) => consentCategoryLabels[c]).join('; ')
    return {
      allowed: true,
      categories,
      consentIds,
      reason: `${capitalise(given(records.filter((r) => consentIds.includes(r.id))))} giver ${partyName} adgang til: ${labels}.`,
    }
  }
  const reason =
    refusals.length === 0
      ? `Intet samtykke omfatter deling med ${partyName}.`
      : `Intet samtykke i kraft omfatter deling med ${partyName}: ${refusals.join('; ')}.`
  return { allowed: false, categories: [], consentIds: [], reason }
}

/**
 * A resident's data, grouped by category, cut down to what a disclosure covers. An allowlist: a
 * group is kept only if its category is disclosed, so a group added later is hidden until a
 * consent names it.
 */
export function visibleFields<T extends Partial<Record<ConsentCategory, unknown>>>(
  fieldsByCategory: T,
  granted: Pick<Disclosure, 'allowed' | 'categories'>,
): Partial<T> {
  const visible: Partial<T> = {}
  if (!granted.allowed) return visible
  for (const c of granted.categories) {
    if (Object.hasOwn(fieldsByCategory, c)) visible[c] = fieldsByCategory[c]
  }
  return visible
}
