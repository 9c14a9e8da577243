import type { AppContext } from '../../lib/context.ts'
import { findOrCreatePlan } from './plans.repo.ts'

// The two plans whose delaftaler ship with Indsats (../shared/seeds). Their agreements are loaded
// by the agreements feature; here only the plans themselves, so users can be given access.
export const SEED_PLANS = [
  { name: 'Aktiv i fællesskabet', municipality: 'Sønderborg' },
  { name: 'Den boligsociale indsats i Isbjergparken og Lerpøtparken', municipality: 'Varde' },
] as const

export async function seedPlans(ctx: AppContext): Promise<string[]> {
  const ids: string[] = []
  for (const plan of SEED_PLANS) ids.push(await findOrCreatePlan(ctx.db, plan))
  return ids
}
