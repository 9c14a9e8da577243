import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { anonymisedAmong } from './participants.repo.ts'

// Anonymisation (erasure on request or the retention rule, decision 008) is final. The retention
// run skips residents already anonymised, so anything written about one afterwards (a note, a
// follow-up, an exit note, attendance, a consent) could never be removed again. Every use case
// that writes about a resident asks here first, after the resident gate has let the writer see them.

/** Refuses the write about a resident the gate has already read (its head says whether it is anonymised). */
export function refuseErasedResident(head: { pseudonym: string; anonymised: boolean }): void {
  if (head.anonymised) refuse([head.pseudonym])
}

/** Refuses the write when any of the named residents of the plan is anonymised. */
export async function refuseErased(ctx: Pick<AppContext, 'db'>, planId: string, participantIds: readonly string[]): Promise<void> {
  const erased = await anonymisedAmong(ctx.db, planId, participantIds)
  if (erased.length > 0) refuse(erased)
}

function refuse(erased: readonly string[]): never {
  const who = erased.length === 1 ? `Beboeren ${erased[0]} er anonymiseret` : `Beboerne ${erased.join(', ')} er anonymiseret`
  throw new AppError('participant_anonymised', `${who}: personoplysningerne er slettet, og der kan ikke skrives nyt om ${erased.length === 1 ? 'beboeren' : 'dem'}.`)
}
