import { CONSENT_CATEGORIES, type ConsentCategory, type Party } from '../../../shared/consents.ts'
import { partyOf, roleRule } from '../../../shared/permissions.ts'
import type { Role } from '../../../shared/users.ts'
import type { Grant } from '../../lib/authorize.ts'
import { type ConsentRecord, disclosure } from '../consents/consent-validity.ts'

// How much of one resident a reader sees: the second gate after authorize() (decision 008).
// authorize() decides whether a role may work with residents of a plan at all; this decides, per
// resident and per day, which parts of the record. A pure rule: role, the resident's owning party,
// their consent records and the day in; a scope out.
//
// 1. The party that registered the resident (usually the housing-social team) holds the record
//    and sees all of it: it collected the data from the resident under its own legal basis.
// 2. The project leader sees all of the plan's residents (the issue of roles: "projektleder sees
//    all"): they lead the plan and answer for its data.
// 3. The other party sees only what a consent in force names for it, on that day
//    (consent-validity.ts): nothing without one, and nothing from the day it is withdrawn.
// 4. Anyone else (administrators, board members, roles added later) sees nothing. An allowlist:
//    a new role starts with no access to residents.
// 5. An anonymised resident has no personal data left to see; what remains (pseudonym, dates,
//    activities) is shown to those who could see the resident before.

/** The party a role acts for when it reads a resident (the permission table says which). */
export function partyOfRole(role: Role): Party | null {
  return partyOf(role)
}

export type ParticipantScope =
  | { kind: 'full'; categories: readonly ConsentCategory[]; reason: string }
  | { kind: 'consent'; party: Party; categories: readonly ConsentCategory[]; consentIds: readonly string[]; reason: string }
  | { kind: 'none'; reason: string }

export function participantScope(role: Role, ownerParty: Party, consents: readonly ConsentRecord[], asOf: string): ParticipantScope {
  if (roleRule(role).seesEveryResident) return { kind: 'full', categories: CONSENT_CATEGORIES, reason: 'Projektlederen ser alle helhedsplanens deltagere.' }
  const party = partyOfRole(role)
  if (party === null) return { kind: 'none', reason: 'Din rolle giver ikke adgang til oplysninger om beboere.' }
  if (party === ownerParty) return { kind: 'full', categories: CONSENT_CATEGORIES, reason: 'Beboeren er registreret af din organisation.' }
  const d = disclosure(consents, party, asOf)
  if (!d.allowed) return { kind: 'none', reason: d.reason }
  return { kind: 'consent', party, categories: d.categories, consentIds: d.consentIds, reason: d.reason }
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

/** A view of one resident for a reader the route has authorized, or the reason there is none. */
export function viewFor(
  grant: Grant<'participants' | 'consents' | 'enrolments' | 'sessions' | 'participant-cpr' | 'conversations'>,
  participant: { id: string; ownerParty: Party },
  consents: readonly ConsentRecord[],
  asOf: string,
): ParticipantView | { refused: string } {
  const scope = participantScope(grant.actor.role, participant.ownerParty, consents, asOf)
  if (scope.kind === 'none') return { refused: scope.reason }
  return { participantId: participant.id, scope } as ParticipantView
}

export function sees(view: ParticipantView, category: ConsentCategory): boolean {
  return view.scope.categories.includes(category)
}
