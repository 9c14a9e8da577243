import { type DueCheckItem, type DueChecks, dueCheckKindLabels } from '../../../shared/due-checks.ts'
import { may } from '../../../shared/permissions.ts'
import { authorize, type Grant } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { planDueList } from '../pathways/pathways.service.ts'
import { dueThreeMonthQuestions } from '../placements/placements.service.ts'
import { accessNoticesFor } from '../users/users.service.ts'

// The checks due on the front page (decision 031): each kind comes from its own feature, read under
// that feature's own grant, so the list shows nothing the reader could not see on the placements
// page or a resident's pathway. A kind the reader's role may not read is left out, not refused.

export async function dueChecksOf(ctx: AppContext, grant: Grant<'due-checks', 'read'>): Promise<DueChecks & { ids: string[]; disclosedIds: string[] }> {
  const planId = grant.planId!
  const { actor } = grant
  const asOf = today(ctx)
  const [placements, pathways, accessNotices] = await Promise.all([
    may(actor.role, 'placements', 'read') ? dueThreeMonthQuestions(ctx, authorize(actor, 'placements', 'read', planId)) : null,
    may(actor.role, 'pathway-progress', 'read') ? planDueList(ctx, authorize(actor, 'pathway-progress', 'read', planId)) : null,
    accessNoticesFor(ctx, actor, planId),
  ])
  const checks: DueCheckItem[] = [
    ...(placements?.due ?? []).map((d) => ({
      kind: 'placement-three-months' as const,
      participantId: d.participantId,
      pseudonym: d.pseudonym,
      name: d.name,
      question: dueCheckKindLabels['placement-three-months'],
      context: d.companyName,
      placementId: d.placementId,
      dueOn: d.dueOn,
      overdue: d.dueOn < asOf,
    })),
    ...(pathways?.items ?? []).map((d) => ({
      kind: 'pathway-check' as const,
      participantId: d.participantId,
      pseudonym: d.pseudonym,
      name: d.name,
      question: d.stepName,
      context: d.activityName,
      placementId: null,
      dueOn: d.dueOn,
      overdue: d.dueOn < asOf,
    })),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.pseudonym.localeCompare(b.pseudonym))
  const union = (a: string[] = [], b: string[] = []) => [...new Set([...a, ...b])]
  return { asOf, checks, accessNotices, ids: union(placements?.ids, pathways?.ids), disclosedIds: union(placements?.disclosedIds, pathways?.disclosedIds) }
}
