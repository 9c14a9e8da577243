import type { AppContext } from '../../lib/context.ts'
import * as repo from './consents.repo.ts'

// The consents on file for residents, as the other resident features read them: the resident gate
// (participants/resident-gate.ts) decides every read from them, the resident's page lists them, and
// retention counts from them. Apart from consents.service.ts because that one goes through the gate
// and the gate reads through this one: kept together they would import each other.

export type ConsentRow = repo.ConsentRow

/** Every consent of each named resident, oldest first, with who recorded it and its document. */
export function consentsOf(ctx: Pick<AppContext, 'db'>, participantIds: readonly string[]): Promise<Map<string, ConsentRow[]>> {
  return repo.consentsOf(ctx.db, participantIds)
}
