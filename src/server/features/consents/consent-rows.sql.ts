import { sql } from 'kysely'
import { partyName } from '../../../shared/parties.ts'
import type { ConsentRecord } from './consent-validity.ts'

// A resident's consents as the other resident features read them (ConsentRow), and the SQL that
// reads them: by consents.repo.ts consentsOf, or as a JSON array inside a larger statement (the
// resident's page in one query, decision 038). One shape, one mapping.

export interface ConsentRow extends ConsentRecord {
  participantId: string
  givenBy: 'self' | 'guardian'
  guardian: { name: string; relation: 'mother' | 'father' | 'other-custodian'; youngPersonSay: 'agrees' | 'objects' | 'not-able'; youngPersonNote: string | null } | null
  /** The parties it names, in the plan's order, by the name the resident heard. */
  partyRefs: { id: string; name: string }[]
  recordedAt: Date
  recordedBy: string | null
  documentFileName: string | null
  documentUploadedAt: Date | null
}

/** A consent as consentsOf reads it, before it becomes a ConsentRow. */
export interface ConsentColumns {
  id: string
  participant_id: string
  birth_year: number | null
  given_by: string
  guardian_name: string | null
  guardian_relation: string | null
  young_person_say: string | null
  young_person_note: string | null
  parties: { id: string; name: string; unit: string | null }[]
  categories: string[]
  purpose: string
  form: string
  given_on: string
  valid_until: string | null
  withdrawn_on: string | null
  recorded_at: Date
  recorded_by_name: string | null
  file_name: string | null
  uploaded_at: Date | null
}

export function toConsentRow(r: ConsentColumns): ConsentRow {
  return {
    id: r.id,
    participantId: r.participant_id,
    parties: r.parties.map((p) => p.id),
    partyRefs: r.parties.map((p) => ({ id: p.id, name: partyName(p) })),
    categories: r.categories as ConsentRecord['categories'],
    purpose: r.purpose,
    form: r.form as ConsentRecord['form'],
    documentAttached: r.file_name !== null,
    givenOn: r.given_on,
    validUntil: r.valid_until,
    withdrawnOn: r.withdrawn_on,
    givenBy: r.given_by as ConsentRow['givenBy'],
    birthYear: r.birth_year,
    guardian:
      r.given_by === 'guardian'
        ? {
            name: r.guardian_name!,
            relation: r.guardian_relation as NonNullable<ConsentRow['guardian']>['relation'],
            youngPersonSay: r.young_person_say as NonNullable<ConsentRow['guardian']>['youngPersonSay'],
            youngPersonNote: r.young_person_note,
          }
        : null,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by_name,
    documentFileName: r.file_name,
    documentUploadedAt: r.uploaded_at,
  }
}

// The parties a consent names, in the plan's order, with what their names are made of.
export const namedParties = sql<{ id: string; name: string; unit: string | null }[]>`coalesce((
  select json_agg(json_build_object('id', pp.id, 'name', pp.name, 'unit', pp.unit) order by pp.position)
  from consent_party cp join plan_party pp on pp.id = cp.party_id where cp.consent_id = c.id), '[]')`

/**
 * consentsOf for one resident (`participant`: a column reference, a constant of the caller) as a JSON
 * array inside a larger statement (the resident's page in one query, decision 038; its own aliases must not be c, d, u, consenting, cp or pp); read it back
 * with consentRowsFromJson.
 */
export function consentsJsonSql(participant: string) {
  return sql<unknown[]>`coalesce((select json_agg(json_build_object(
      'id', c.id, 'participant_id', c.participant_id, 'birth_year', consenting.birth_year, 'given_by', c.given_by,
      'guardian_name', c.guardian_name, 'guardian_relation', c.guardian_relation,
      'young_person_say', c.young_person_say, 'young_person_note', c.young_person_note,
      'parties', ${namedParties}, 'categories', c.categories, 'purpose', c.purpose, 'form', c.form,
      'given_on', c.given_on, 'valid_until', c.valid_until, 'withdrawn_on', c.withdrawn_on,
      'recorded_at', c.recorded_at, 'recorded_by_name', u.name, 'file_name', d.file_name, 'uploaded_at', d.uploaded_at)
      order by c.given_on, c.recorded_at)
    from consent c
    join participant consenting on consenting.id = c.participant_id
    left join consent_document d on d.consent_id = c.id
    left join app_user u on u.id = c.recorded_by
    where c.participant_id = ${sql.raw(participant)}), '[]')`
}

/** The rows consentsJsonSql gave, as consentsOf gives them (JSON has no dates: the times are parsed back). */
export function consentRowsFromJson(json: unknown[]): ConsentRow[] {
  return (json as (Omit<ConsentColumns, 'recorded_at' | 'uploaded_at'> & { recorded_at: string; uploaded_at: string | null })[]).map((r) =>
    toConsentRow({ ...r, recorded_at: new Date(r.recorded_at), uploaded_at: r.uploaded_at === null ? null : new Date(r.uploaded_at) }),
  )
}
