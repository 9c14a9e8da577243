import { CONSENT_CATEGORIES, type ConsentCategory } from '../../../shared/consents.ts'
import { partyName } from '../../../shared/parties.ts'
import { partyOf, roleRule } from '../../../shared/permissions.ts'
import type { Role } from '../../../shared/users.ts'
import type { ActorParty, Grant } from '../../lib/authorize.ts'
import { type ConsentRecord, disclosure } from '../consents/consent-validity.ts'

// How much of one resident a reader sees: the second gate after authorize() (decisions 008, 012).
// authorize() decides whether a role may work with residents of a plan at all; this decides, per
// resident and per day, which parts of the record. A pure rule: the reader (role and the party of
// the plan they belong to), the resident's owning party, their consent records and the day in; a
// scope out. Parties are compared by id: each is a row of the plan (decision 012).
//
// 1. The party that owns the record (the one that registered the resident, or the plan's data
//    controller) sees all of it: it collected the data under its own legal basis. So does the
//    plan's data-controller party, which answers for every resident of the plan.
// 2. The project leader sees all of the plan's residents (the issue of roles: "projektleder sees
//    all"): they lead the plan and answer for its data.
// 3. Any other party sees only what a consent in force names for THAT party, on that day
//    (consent-validity.ts): nothing without one, and nothing from the day it is withdrawn. Another
//    unit of the same job centre is another party: units serve different residents.
// 4. External partners (roleRule().onlyUnderConsent) always read as in 3, even for a record their
//    party would own: they collect nothing themselves.
// 5. Anyone else (administrators, board members, a member with no party, roles added later) sees
//    nothing. An allowlist: a new role starts with no access to residents.
// 6. An anonymised resident has no personal data left to see; what remains (pseudonym, dates,
//    activities) is shown to those who could see the resident before.

/** Who reads: their role, and the party of the plan they belong to (null: none). */
export interface Reader {
  role: Role
  party: ActorParty | null
}

/** The reader of a grant: the actor's role and their party in the grant's plan. */
export function readerOf(grant: Grant): Reader {
  const party = grant.planId ? (grant.actor.parties[grant.planId] ?? null) : null
  return { role: grant.actor.role, party }
}

export type ParticipantScope =
  | { kind: 'full'; categories: readonly ConsentCategory[]; reason: string }
  | { kind: 'consent'; party: string; partyName: string; categories: readonly ConsentCategory[]; consentIds: readonly string[]; reason: string }
  | { kind: 'none'; reason: string }

/**
 * The part of the rule that depends on the reader alone (rules 1, 2, 4, 5): whether they see every
 * resident in full, none, or decide per resident from their party (`ownerSeesFull`: their party
 * sees in full the residents it owns; otherwise only what a consent names for it). Both
 * participantScope() and the residents list's SQL (participant-list-sql.ts) start from this, so
 * the two cannot disagree on who is decided before any resident is looked at.
 */
export type ResidentReach =
  | { kind: 'all'; reason: string; /** A data controller's own party: its own residents are named so. */ ownParty: string | null }
  | { kind: 'none'; reason: string }
  | { kind: 'party'; party: ActorParty; ownerSeesFull: boolean }

export const OWNER_REASON = 'Beboeren er registreret af din organisation.'

export function residentReach(reader: Reader): ResidentReach {
  const rule = roleRule(reader.role)
  if (rule.seesEveryResident) return { kind: 'all', reason: 'Projektlederen ser alle helhedsplanens deltagere.', ownParty: null }
  if (partyOf(reader.role) === null) return { kind: 'none', reason: 'Din rolle giver ikke adgang til oplysninger om beboere.' }
  const party = reader.party
  if (party === null) return { kind: 'none', reason: 'Du er ikke knyttet til en af helhedsplanens parter, så du kan ikke se beboere.' }
  if (!rule.onlyUnderConsent && party.dataController) return { kind: 'all', reason: 'Din organisation er dataansvarlig for helhedsplanens deltagere.', ownParty: party.id }
  return { kind: 'party', party, ownerSeesFull: !rule.onlyUnderConsent }
}

/** `ownerParty`: the id of the party that owns the resident's record. */
export function participantScope(reader: Reader, ownerParty: string, consents: readonly ConsentRecord[], asOf: string): ParticipantScope {
  const reach = residentReach(reader)
  if (reach.kind === 'all') return { kind: 'full', categories: CONSENT_CATEGORIES, reason: reach.ownParty === ownerParty ? OWNER_REASON : reach.reason }
  if (reach.kind === 'none') return { kind: 'none', reason: reach.reason }
  const { party } = reach
  if (reach.ownerSeesFull && party.id === ownerParty) return { kind: 'full', categories: CONSENT_CATEGORIES, reason: OWNER_REASON }
  const name = partyName(party)
  const d = disclosure(consents, { id: party.id, name }, asOf)
  if (!d.allowed) return { kind: 'none', reason: d.reason }
  return { kind: 'consent', party: party.id, partyName: name, categories: d.categories, consentIds: d.consentIds, reason: d.reason }
}

declare const seen: unique symbol

/**
 * Proof that a reader's scope for one resident was decided by participantScope(). The presenters
 * that turn a resident's rows into a response take a ParticipantView, and only viewFor() makes one,
 * so a route cannot send a resident's data without having asked; a scope of 'none' never becomes
 * a view.
 */
export interface ParticipantView {
  readonly participantId: string
  readonly scope: Exclude<ParticipantScope, { kind: 'none' }>
  readonly [seen]: true
}

/**
 * A view of one resident for a reader the route has authorized, or the reason there is none.
 * `ownerParty`: the id of the party that owns the record.
 */
export function viewFor(
  grant: Grant<'participants' | 'participant-merges' | 'consents' | 'enrolments' | 'sessions' | 'participant-cpr' | 'counselling-occurrences' | 'inquiries' | 'appointments' | 'conversations' | 'placements' | 'pathway-progress' | 'participant-rights' | 'erasure-requests'>,
  participant: { id: string; ownerParty: string },
  consents: readonly ConsentRecord[],
  asOf: string,
): ParticipantView | { refused: string } {
  const scope = participantScope(readerOf(grant), participant.ownerParty, consents, asOf)
  if (scope.kind === 'none') return { refused: scope.reason }
  return { participantId: participant.id, scope } as ParticipantView
}

export function sees(view: ParticipantView, category: ConsentCategory): boolean {
  return view.scope.categories.includes(category)
}
