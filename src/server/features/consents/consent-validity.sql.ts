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

/**
 * The residents with a consent in force on `asOf` that names `partyId` and grants a category the
 * rule knows (rule 8: disclosure is allowed iff that union is non-empty), as rows (participant_id,
 * contact: whether the union holds 'contact'). A party belongs to one plan, so this reads only that
 * plan's consents, through consent_party's index on the party.
 */
export function disclosedToPartySql(partyId: string, asOf: string): RawBuilder<{ participant_id: string; contact: boolean }> {
  return sql`select c.participant_id, bool_or('contact' = any(c.categories)) as contact
    from consent_party cp
    join consent c on c.id = cp.consent_id
    where cp.party_id = ${partyId}
      and c.categories && ${knownCategoriesSql}
      and ${consentInForceSql('c', asOf)}
    group by c.participant_id`
}

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
