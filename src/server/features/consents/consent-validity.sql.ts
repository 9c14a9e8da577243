import { type RawBuilder, sql } from 'kysely'
import { ADULT_AGE, CONSENT_CATEGORIES } from '../../../shared/consents.ts'

// The consent rule of consent-validity.ts as SQL, for lists that must filter, count and page in
// the database (the residents list). Not a second rule: each clause is one numbered rule of
// consent-validity.ts, and consent-validity.sql.test.ts runs thousands of generated consents and
// readers through both and requires the same answer. Change one, change both; the test fails
// otherwise.
//
// `consent` is the alias of a `consent` row in the surrounding query (a constant of the caller,
// never input).

/** The consent is in force on `asOf` (rules 2, 3, 4, 6, 10; rule 7's bad dates are refused by the table's checks). */
export function consentInForceSql(consent: string, asOf: string): RawBuilder<boolean> {
  const c = sql.raw(consent)
  const day = sql`${asOf}::date`
  return sql<boolean>`(${c}.given_on <= ${day}
    and (${c}.valid_until is null or ${day} <= ${c}.valid_until)
    and (${c}.withdrawn_on is null or ${day} < ${c}.withdrawn_on)
    and (${c}.form <> 'written' or exists (select from consent_document cd where cd.consent_id = ${c}.id))
    and (${c}.given_by <> 'guardian' or exists (
      select from participant gp where gp.id = ${c}.participant_id and gp.birth_year is not null
        and ${day} < make_date(gp.birth_year + ${sql.lit(ADULT_AGE)}, 1, 1))))`
}

/** The categories a consent grants: only those the rule knows (rule 8 counts no other). */
export const knownCategoriesSql = sql`array[${sql.join(CONSENT_CATEGORIES.map((c) => sql.lit(c)))}]::text[]`

/** The union of the known categories of the consents in force on `asOf` naming `partyId`, for one resident (`participant`: a column reference). */
export function disclosedCategoriesOfSql(participant: string, partyId: string, asOf: string): RawBuilder<string[] | null> {
  return sql<string[] | null>`(select array_agg(distinct cat)
    from consent_party cp
    join consent c on c.id = cp.consent_id
    cross join lateral unnest(c.categories) cat
    where c.participant_id = ${sql.raw(participant)} and cp.party_id = ${partyId}
      and cat = any(${knownCategoriesSql})
      and ${consentInForceSql('c', asOf)})`
}

/**
 * For one resident (`participant`: a column reference), whether a consent in force on `asOf` names
 * `partyId` and grants a category the rule knows (`consented`), and whether those consents grant
 * 'contact' (`contact`): whether disclosure is allowed
 * (rule 8: the union of the known categories is non-empty), as one row, for a LATERAL join. Read through consent's index on the resident, so a list can walk residents in its own order
 * and stop after a page (decision 038).
 */
export function disclosedToPartyOfSql(
  participant: string,
  partyId: string,
  asOf: string,
  /** A condition on the resident under which the caller needs no answer (the reader sees them in full anyway): the consents are then not read, and the row says false, false. */
  unless: RawBuilder<boolean> = sql<boolean>`false`,
): RawBuilder<{ consented: boolean; contact: boolean }> {
  // `not unless` refers to the outer row only, so PostgreSQL checks it once per resident, before the
  // index scan, and skips the scan where it is false.
  return sql`select count(*) > 0 as consented, coalesce(bool_or('contact' = any(c.categories)), false) as contact
    from consent c
    join consent_party cp on cp.consent_id = c.id and cp.party_id = ${partyId}
    where not ${unless} and c.participant_id = ${sql.raw(participant)}
      and c.categories && ${knownCategoriesSql}
      and ${consentInForceSql('c', asOf)}`
}
