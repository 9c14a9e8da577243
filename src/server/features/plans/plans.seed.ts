import { writeAudit } from '../../lib/audit-log.ts'
import type { AppContext } from '../../lib/context.ts'
import { findOrCreatePlan, replacePartiesOfNewPlan } from './plans.repo.ts'

// The two plans whose delaftaler ship with Indsats (source texts in seed/sources/). Their agreements
// are loaded by the agreements feature; here only the plans themselves, so users can be given access,
// and their parties as the agreements name them (decision 012): the housing-social team, each
// job-centre unit on its own (they serve different residents), and the partners. The first party of
// each kind is the one existing users and consents of that kind are tied to.
export const SEED_PLANS = [
  {
    name: 'Aktiv i fællesskabet',
    municipality: 'Sønderborg',
    parties: [
      { name: 'Aktiv i fællesskabet', unit: 'Det boligsociale team', kind: 'boligsocial' },
      { name: 'Jobcenter Sønderborg', unit: 'Jobaktiv og Integration', kind: 'jobcenter' },
      { name: 'Jobcenter Sønderborg', unit: 'Virksomhedsservice', kind: 'jobcenter' },
      { name: 'Det fremskudte jobcenter i boligområderne', unit: 'Beboerrådgivning for job og uddannelse', kind: 'jobcenter' },
      { name: 'De lokale virksomheder', unit: null, kind: 'company' },
    ],
  },
  {
    name: 'Den boligsociale indsats i Isbjergparken og Lerpøtparken',
    municipality: 'Varde',
    parties: [
      { name: 'Det Boligsociale Team', unit: null, kind: 'boligsocial' },
      { name: 'Jobcenter Varde', unit: 'Afdeling Ung', kind: 'jobcenter' },
      { name: 'Jobcenter Varde', unit: 'Kontanthjælp & Integration', kind: 'jobcenter' },
      { name: 'Pro Varde', unit: 'erhvervsguide', kind: 'partner' },
      { name: 'Varde ungdomsskole/SSP', unit: null, kind: 'partner' },
    ],
  },
] as const

export async function seedPlans(ctx: AppContext): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const ids: string[] = []
    for (const { parties, ...plan } of SEED_PLANS) {
      const { id, created } = await findOrCreatePlan(trx, plan)
      if (created) {
        // Only a plan made now: a plan already in use keeps the parties its project leader set.
        await replacePartiesOfNewPlan(trx, id, parties)
        await writeAudit(trx, { actor: { label: 'system' }, action: 'create', entity: 'plan', entityId: id, planId: id, details: { ...plan, seed: true } })
      }
      ids.push(id)
    }
    return ids
  })
}
