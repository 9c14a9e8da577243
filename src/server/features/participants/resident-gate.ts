import type { Grant } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { type ConsentRow, consentsOf } from '../consents/consent-records.service.ts'
import { type ParticipantScope, type ParticipantView, participantScope, readerOf, viewFor } from './participant-access.ts'
import * as repo from './participants.repo.ts'

// The resident gate (decision 008): the one place the participants, consents, enrolments and
// sessions services ask who may see which resident, and how much. It loads what the rule in
// participant-access.ts needs (the resident's owning party and consents, the day) and applies it.
// It imports no service that goes through it, so every resident feature can import it without a
// loop.

export type ResidentGrant = Grant<
  'participants' | 'participant-merges' | 'consents' | 'enrolments' | 'sessions' | 'participant-cpr' | 'counselling-occurrences' | 'inquiries' | 'appointments' | 'conversations' | 'placements' | 'pathway-progress' | 'participant-rights' | 'erasure-requests'
>

/**
 * The reader's view of one resident of the plan, or an error: not found (also for another plan's
 * resident: the route already checked plan membership) or consent_required with the reason.
 */
export async function requireView(ctx: AppContext, grant: ResidentGrant, participantId: string): Promise<{ head: repo.ParticipantHead; view: ParticipantView; consents: ConsentRow[] }> {
  const planId = grant.planId!
  // Both at once; consents of another plan's resident are read but never used (not found first).
  const [head, byParticipant] = await Promise.all([repo.participantHead(ctx.db, planId, participantId), consentsOf(ctx, [participantId])])
  return decideView(ctx, grant, participantId, head, byParticipant.get(participantId) ?? [])
}

/**
 * requireView's decision on a resident already read (`head` null: the plan has no such resident),
 * for a page that reads the resident and their consents together with the rest (decision 038).
 */
export async function decideView(
  ctx: AppContext,
  grant: ResidentGrant,
  participantId: string,
  head: repo.ParticipantHead | null,
  consents: ConsentRow[],
): Promise<{ head: repo.ParticipantHead; view: ParticipantView; consents: ConsentRow[] }> {
  const planId = grant.planId!
  if (!head) {
    // A duplicate merged into another resident: say where it went, for old links and bookmarks.
    const merged = await repo.mergedInto(ctx.db, planId, participantId)
    if (merged) throw new AppError('not_found', `${merged.mergedPseudonym} er lagt sammen med ${merged.intoPseudonym} og findes ikke længere for sig.`)
    throw new AppError('not_found', 'Deltageren findes ikke i denne helhedsplan.')
  }
  const view = viewFor(grant, head, consents, today(ctx))
  if ('refused' in view) throw new AppError('consent_required', `Du kan ikke se denne beboer: ${view.refused}`)
  return { head, view, consents }
}

/**
 * Each named resident's scope for the reader, for pages that show many residents at once (an
 * activity's roster, a session's attendance). Residents of other plans are never in the map.
 */
export async function scopesOf(ctx: AppContext, grant: ResidentGrant, participantIds: readonly string[]): Promise<Map<string, { scope: ParticipantScope; pseudonym: string; name: string | null }>> {
  const ids = [...new Set(participantIds)]
  const result = new Map<string, { scope: ParticipantScope; pseudonym: string; name: string | null }>()
  if (ids.length === 0) return result
  const [rows, consents] = await Promise.all([repo.residentsNamed(ctx.db, grant.planId!, ids), consentsOf(ctx, ids)])
  const asOf = today(ctx)
  const reader = readerOf(grant)
  for (const r of rows) {
    const scope = participantScope(reader, r.owner_party_id, consents.get(r.id) ?? [], asOf)
    result.set(r.id, { scope, pseudonym: r.pseudonym, name: scope.kind !== 'none' && scope.categories.includes('contact') ? r.name : null })
  }
  return result
}

/** What the audit row of a read records about the disclosure it rests on. */
export function disclosureDetails(view: ParticipantView): Record<string, unknown> {
  return view.scope.kind === 'consent'
    ? { disclosure: { party: view.scope.party, partyName: view.scope.partyName, consentIds: view.scope.consentIds, categories: view.scope.categories } }
    : { scope: 'full' }
}
