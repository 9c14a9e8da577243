import type { Transaction } from 'kysely'
import type { DB } from '../../db/types.ts'
import * as repo from './pathways.repo.ts'

// When an agreement is loaded, its activities about leisure jobs get the standard leisure-job
// pathway (shared/pathways.ts LEISURE_JOB_PATHWAY, decision 023), in the same transaction; steps the
// project leader has set are never replaced.

export function giveStandardPathways(trx: Transaction<DB>, planId: string): Promise<void> {
  return repo.ensureStandardPathways(trx, planId)
}
