import { writeAudit } from '../../lib/audit-log.ts'
import type { AppContext } from '../../lib/context.ts'
import { findOrCreatePlan } from './plans.repo.ts'

// The two plans whose delaftaler ship with Indsats (source texts in seed/sources/). Their agreements
// are loaded by the agreements feature; here only the plans themselves, so users can be given access.
export const SEED_PLANS = [
  { name: 'Aktiv i fællesskabet', municipality: 'Sønderborg' },
  { name: 'Den boligsociale indsats i Isbjergparken og Lerpøtparken', municipality: 'Varde' },
] as const

export async function seedPlans(ctx: AppContext): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const ids: string[] = []
    for (const plan of SEED_PLANS) {
      const { id, created } = await findOrCreatePlan(trx, plan)
      if (created) await writeAudit(trx, { actor: { label: 'system' }, action: 'create', entity: 'plan', entityId: id, planId: id, details: { ...plan, seed: true } })
      ids.push(id)
    }
    return ids
  })
}
