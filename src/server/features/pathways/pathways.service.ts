import type { AgreementContent } from '../../../shared/agreements.ts'
import { parsePeriod, periodLabel } from '../../../shared/lib/period.ts'
import {
  type ActivityGroup,
  type ActivityGroupCreate,
  ActivityGroupCreate as ActivityGroupCreateSchema,
  type DueCheck,
  type FunnelActivity,
  type FunnelFigures,
  type ParticipantPathway,
  type Pathway,
  type PathwaySteps,
  PathwaySteps as PathwayStepsSchema,
  type ProgressCreate,
  ProgressCreate as ProgressCreateSchema,
  stepKeyOf,
} from '../../../shared/pathways.ts'
import { formatDay } from '../../../shared/lib/format.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import { type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { suppressCount } from '../indicators/suppression.ts'
import { type ParticipantView, sees } from '../participants/participant-access.ts'
import { refuseErasedResident } from '../participants/erased-guard.ts'
import { requireView, scopesOf } from '../participants/resident-gate.ts'
import { FUNNEL_DEFINITIONS, type StepFacts, checkDueOn, dueChecks, groupsInYear, leisureJobRetention, stepCounts } from './pathway-figures.ts'
import * as repo from './pathways.repo.ts'

// Pathways (decision 023): an activity's steps, a young person's position in them, the checks due,
// the activity's groups and the funnel's figures. A young person's steps are employment data: read
// and recorded through the resident gate, like enrolments.

async function activity(ctx: AppContext, planId: string, activityId: string) {
  const row = await repo.activityOfPlan(ctx.db, planId, activityId)
  if (!row) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  return row
}

const stepDto = (s: { id: string; position: number; key: string; name: string; ask_after_months: number | null }) => ({ id: s.id, position: s.position, key: s.key, name: s.name, askAfterMonths: s.ask_after_months })
const factsOf = (s: { id: string; position: number; ask_after_months: number | null }): StepFacts => ({ id: s.id, position: s.position, askAfterMonths: s.ask_after_months })

/** The plan's activities with a pathway, each with its funnel: what the main menu's "Unge" offers. */
export async function funnelActivities(ctx: AppContext, grant: Grant<'funnel-figures', 'read'>): Promise<FunnelActivity[]> {
  return (await repo.pathwayActivitiesOfPlan(ctx.db, grant.planId!)).map((a) => ({ activityId: a.id, activityName: a.name, steps: Number(a.steps) }))
}

export async function getPathway(ctx: AppContext, grant: Grant<'pathways', 'read'>, activityId: string): Promise<Pathway> {
  const a = await activity(ctx, grant.planId!, activityId)
  return { activityId: a.id, activityName: a.name, steps: (await repo.stepsOf(ctx.db, [a.id])).map(stepDto) }
}

export async function setPathway(ctx: AppContext, grant: Grant<'pathways', 'update'>, activityId: string, input: PathwaySteps): Promise<void> {
  const data = PathwayStepsSchema.parse(input)
  const a = await activity(ctx, grant.planId!, activityId)
  const steps = data.steps.map((s) => ({ key: stepKeyOf(s.name), name: s.name, askAfterMonths: s.askAfterMonths }))
  const seen = new Set<string>()
  steps.forEach((s, i) => {
    if (seen.has(s.key)) throw new AppError('validation', 'To trin har samme navn.', { issues: [{ path: `steps.${i}.name`, message: `Der er allerede et trin, der hedder ${s.name}.` }] })
    seen.add(s.key)
  })
  if (steps[0]!.askAfterMonths !== null) {
    throw new AppError('validation', 'Det første trin kan ikke være en opfølgning: en opfølgning stilles et antal måneder efter trinnet før.', { issues: [{ path: 'steps.0.askAfterMonths', message: 'Fjern antallet af måneder fra det første trin.' }] })
  }
  await ctx.db.transaction().execute(async (trx) => {
    const { removedWithProgress } = await repo.replaceSteps(trx, a.id, steps, grant.actor.id)
    if (removedWithProgress.length > 0) throw new AppError('conflict', `Trinnet ${removedWithProgress.join(', ')} kan ikke fjernes, fordi der er registreret unge på det.`)
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'update', entity: 'pathway', entityId: a.id, planId: grant.planId, details: { steps: steps.map((s) => s.name) } })
  })
}

/** The resident's pathways: every step of each activity, reached or not, and the check's due day. */
export async function participantPathways(ctx: AppContext, grant: Grant<'pathway-progress', 'read'>, participantId: string): Promise<{ dto: ParticipantPathway[]; view: ParticipantView }> {
  const { view } = await requireView(ctx, grant, participantId)
  if (!sees(view, 'employment')) throw new AppError('consent_required', 'Samtykket omfatter ikke forløb, så du kan ikke se den unges trin.')
  const activities = await repo.pathwayActivitiesOf(ctx.db, participantId)
  const [steps, progress] = await Promise.all([repo.stepsOf(ctx.db, activities.map((a) => a.id)), repo.progressOf(ctx.db, [participantId])])
  const dto = activities.map((a) => {
    const own = steps.filter((s) => s.activity_id === a.id)
    return {
      activityId: a.id,
      activityName: a.name,
      steps: own.map((s, i) => {
        const p = progress.find((r) => r.step_id === s.id)
        const before = i > 0 ? progress.find((r) => r.step_id === own[i - 1]!.id) : undefined
        const dueOn = !p && s.ask_after_months !== null && before ? checkDueOn(before.reached_on, s.ask_after_months) : null
        return { ...stepDto(s), reachedOn: p?.reached_on ?? null, stillHeld: p?.still_held ?? null, note: p?.note ?? null, recordedBy: p?.recorded_by_name ?? null, dueOn }
      }),
    }
  })
  return { dto, view }
}

export async function recordProgress(ctx: AppContext, grant: Grant<'pathway-progress', 'create'>, participantId: string, input: ProgressCreate): Promise<{ id: string }> {
  const data = ProgressCreateSchema.parse(input)
  const planId = grant.planId!
  const { view, head } = await requireView(ctx, grant, participantId)
  if (!sees(view, 'employment')) throw new AppError('consent_required', 'Samtykket omfatter ikke forløb, så du kan ikke registrere den unges trin.')
  refuseErasedResident(head)
  const step = await repo.stepOfPlan(ctx.db, planId, data.stepId)
  if (!step) throw new AppError('validation', 'Vælg et trin i aktivitetens forløb.', { issues: [{ path: 'stepId', message: 'Trinnet hører ikke til en aktivitet i helhedsplanen.' }] })
  const asOf = today(ctx)
  if (data.reachedOn > asOf) throw new AppError('validation', 'Et trin kan ikke registreres, før det er nået.', { issues: [{ path: 'reachedOn', message: 'Datoen kan ikke ligge i fremtiden.' }] })
  const isCheck = step.ask_after_months !== null
  if (isCheck && data.stillHeld === null) throw new AppError('validation', 'Svar, om den unge stadig har jobbet.', { issues: [{ path: 'stillHeld', message: 'Vælg ja eller nej.' }] })
  if (!isCheck && data.stillHeld !== null) throw new AppError('validation', `${step.name} er ikke en opfølgning.`, { issues: [{ path: 'stillHeld', message: 'Kun en opfølgning har et ja eller nej.' }] })
  if (isCheck) {
    const steps = await repo.stepsOf(ctx.db, [step.activity_id])
    const before = steps[steps.findIndex((s) => s.id === step.id) - 1]
    const reached = before ? (await repo.progressOf(ctx.db, [participantId])).find((p) => p.step_id === before.id) : undefined
    if (!before || !reached) throw new AppError('validation', `Den unge har ikke nået trinnet før ${step.name}.`, { issues: [{ path: 'stepId', message: 'Registrér trinnet før først.' }] })
    const dueOn = checkDueOn(reached.reached_on, step.ask_after_months!)
    if (data.reachedOn < dueOn) throw new AppError('validation', `Spørgsmålet stilles først ${formatDay(dueOn)}, ${step.ask_after_months} måneder efter ${before.name.toLowerCase()}.`, { issues: [{ path: 'reachedOn', message: `Vælg ${formatDay(dueOn)} eller senere.` }] })
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertProgress(trx, { participantId, stepId: step.id, reachedOn: data.reachedOn, stillHeld: data.stillHeld, note: data.note, recordedBy: grant.actor.id })
    if (!row) throw new AppError('conflict', `${step.name} er allerede registreret for den unge.`)
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'pathway-progress',
      entityId: row.id,
      planId,
      details: { participantId, activityId: step.activity_id, stepId: step.id, reachedOn: data.reachedOn, stillHeld: data.stillHeld },
    })
    return row
  })
}

/** The checks due today in an activity, for the young people the reader may see. */
export async function dueList(ctx: AppContext, grant: Grant<'pathway-progress', 'read'>, activityId: string): Promise<{ items: DueCheck[]; ids: string[]; disclosedIds: string[] }> {
  const a = await activity(ctx, grant.planId!, activityId)
  const { items, ids, disclosedIds } = await visibleDue(ctx, grant, [a])
  return { items: items.map(({ activityId: _a, activityName: _n, ...item }) => item), ids, disclosedIds }
}

/** The checks due today in every activity of the plan, for the young people the reader may see. */
export async function planDueList(ctx: AppContext, grant: Grant<'pathway-progress', 'read'>): Promise<{ items: (DueCheck & { activityId: string; activityName: string })[]; ids: string[]; disclosedIds: string[] }> {
  return visibleDue(ctx, grant, await repo.checkActivitiesOfPlan(ctx.db, grant.planId!))
}

async function visibleDue(ctx: AppContext, grant: Grant<'pathway-progress', 'read'>, activities: readonly { id: string; name: string }[]) {
  const asOf = today(ctx)
  const steps = await repo.stepsOf(ctx.db, activities.map((a) => a.id))
  const due: { participantId: string; stepId: string; dueOn: string; activity: { id: string; name: string } }[] = []
  for (const a of activities) {
    const progress = await repo.progressOfActivity(ctx.db, a.id)
    const mine = steps.filter((s) => s.activity_id === a.id)
    const found = dueChecks(
      mine.map(factsOf),
      progress.map((p) => ({ participantId: p.participant_id, stepId: p.step_id, reachedOn: p.reached_on, stillHeld: p.still_held })),
      asOf,
    )
    due.push(...found.map((d) => ({ ...d, activity: a })))
  }
  const scopes = await scopesOf(ctx, grant, [...new Set(due.map((d) => d.participantId))])
  const items: (DueCheck & { activityId: string; activityName: string })[] = []
  const ids: string[] = []
  const disclosedIds: string[] = []
  for (const d of due) {
    const s = scopes.get(d.participantId)
    if (!s || s.scope.kind === 'none' || !s.scope.categories.includes('employment')) continue
    if (!ids.includes(d.participantId)) ids.push(d.participantId)
    if (s.scope.kind === 'consent' && !disclosedIds.includes(d.participantId)) disclosedIds.push(d.participantId)
    items.push({ participantId: d.participantId, pseudonym: s.pseudonym, name: s.name, stepId: d.stepId, stepName: steps.find((x) => x.id === d.stepId)!.name, dueOn: d.dueOn, activityId: d.activity.id, activityName: d.activity.name })
  }
  return { items, ids, disclosedIds }
}

export async function listGroups(ctx: AppContext, grant: Grant<'activity-groups', 'read'>, activityId: string): Promise<ActivityGroup[]> {
  const a = await activity(ctx, grant.planId!, activityId)
  const [groups, attendance] = await Promise.all([repo.groupsOf(ctx.db, a.id), repo.groupAttendanceOf(ctx.db, a.id)])
  return groups.map((g) => ({ id: g.id, name: g.name, startsOn: g.starts_on, endsOn: g.ends_on, ...(attendance.get(g.id) ?? { sessions: 0, present: 0, youngPeople: 0 }) }))
}

export async function createGroup(ctx: AppContext, grant: Grant<'activity-groups', 'create'>, activityId: string, input: ActivityGroupCreate): Promise<{ id: string }> {
  const data = ActivityGroupCreateSchema.parse(input)
  const a = await activity(ctx, grant.planId!, activityId)
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertGroup(trx, { activityId: a.id, name: data.name, startsOn: data.startsOn, endsOn: data.endsOn, by: grant.actor.id })
    await writeAudit(trx, { actor: { id: grant.actor.id }, action: 'create', entity: 'activity-group', entityId: row.id, planId: grant.planId, details: { activityId: a.id, name: data.name, startsOn: data.startsOn } })
    return row
  })
}

/** The agreement's target of groups per year ("1 til 2 hold pr år"), if it states one. */
async function groupTarget(ctx: AppContext, activity: { id: string; key: string }): Promise<{ min: number; max: number | null } | null> {
  for (const stored of await repo.linkedAgreementContents(ctx.db, activity.id)) {
    const content = stored as AgreementContent
    const t = content.activities.find((x) => x.key === activity.key)?.targets.find((x) => /^hold$/i.test(x.unit.trim()) && /pr\.?\s*år/i.test(x.horizon ?? ''))
    if (t) return { min: t.value, max: t.valueMax ?? null }
  }
  return null
}

export async function funnelFigures(ctx: AppContext, grant: Grant<'funnel-figures', 'read'>, activityId: string, period: string): Promise<FunnelFigures> {
  if (!parsePeriod(period)) throw new AppError('validation', 'Vælg en gyldig periode, fx 2026-Q1 eller 2026.', { issues: [{ path: 'period', message: 'Skriv en periode som 2026, 2026-H1, 2026-Q1 eller 2026-05.' }] })
  const a = await activity(ctx, grant.planId!, activityId)
  return funnelOf(ctx, a, period, hidesSmallNumbers(grant))
}

/**
 * The funnels of an agreement's activities that have a pathway, for its follow-up dashboard: the
 * same figures as each activity's funnel page, small numbers hidden for the readers who see them so.
 */
export async function agreementFunnels(ctx: AppContext, grant: Grant<'funnel-figures', 'read'>, agreementId: string, period: string): Promise<FunnelFigures[]> {
  if (!parsePeriod(period)) throw new AppError('validation', 'Vælg en gyldig periode, fx 2026-Q1 eller 2026.', { issues: [{ path: 'period', message: 'Skriv en periode som 2026, 2026-H1, 2026-Q1 eller 2026-05.' }] })
  if (!(await repo.agreementInPlan(ctx.db, grant.planId!, agreementId))) throw new AppError('not_found', 'Delaftalen findes ikke i denne helhedsplan.')
  const suppress = hidesSmallNumbers(grant)
  const result: FunnelFigures[] = []
  for (const a of await repo.pathwayActivitiesOfAgreement(ctx.db, agreementId)) result.push(await funnelOf(ctx, a, period, suppress))
  return result
}

/** A group of the report's year, with its sessions and the young people who came (hidden when few). */
export interface ReportGroup {
  name: string
  startsOn: string
  sessions: number
  youngPeople: number | null
}

/**
 * The funnels of the agreement's activities that have a pathway, for the board's status report
 * (decision 030): suppressed as for a board member whoever downloads it, with the groups (hold)
 * that started in the period's year.
 */
export async function reportFunnels(ctx: AppContext, agreementId: string, period: string): Promise<{ figures: FunnelFigures; groups: ReportGroup[] }[]> {
  if (!parsePeriod(period)) return []
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const result = []
  for (const a of await repo.pathwayActivitiesOfAgreement(ctx.db, agreementId)) {
    const figures = await funnelOf(ctx, a, period, true)
    const [groups, attendance] = await Promise.all([repo.groupsOf(ctx.db, a.id), repo.groupAttendanceOf(ctx.db, a.id)])
    const ofYear = groups
      .filter((g) => Number(g.starts_on.slice(0, 4)) === figures.groups.year)
      .map((g) => {
        const n = attendance.get(g.id) ?? { sessions: 0, present: 0, youngPeople: 0 }
        return { name: g.name, startsOn: g.starts_on, sessions: n.sessions, youngPeople: suppressCount(n.youngPeople, threshold).value }
      })
    result.push({ figures, groups: ofYear })
  }
  return result
}

async function funnelOf(ctx: AppContext, a: { id: string; key: string; name: string }, period: string, suppress: boolean): Promise<FunnelFigures> {
  const parsed = parsePeriod(period)!
  const [steps, progress, groups, target] = await Promise.all([repo.stepsOf(ctx.db, [a.id]), repo.progressOfActivity(ctx.db, a.id), repo.groupsOf(ctx.db, a.id), groupTarget(ctx, a)])
  const facts = progress.map((p) => ({ participantId: p.participant_id, stepId: p.step_id, reachedOn: p.reached_on, stillHeld: p.still_held }))
  const counts = stepCounts(steps.map(factsOf), facts, period)
  const retention = leisureJobRetention(steps.map(factsOf), facts, period)
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const small = (n: number) => suppress && suppressCount(n, threshold).value === null
  // Entered = kept + lost + awaiting: one small part hides them all, or it could be worked out from the rest.
  const retentionHidden = retention !== null && (small(retention.entered) || small(retention.kept) || small(retention.lost) || small(retention.awaiting))
  const year = Number(parsed.end.slice(0, 4))
  const g = groupsInYear(groups.map((x) => ({ startsOn: x.starts_on })), year, target)
  const check = steps.find((s, i) => i > 0 && s.ask_after_months !== null)
  return {
    activityId: a.id,
    activityName: a.name,
    period,
    periodLabel: periodLabel(period),
    steps: counts.map((c) => ({ stepId: c.stepId, name: steps.find((s) => s.id === c.stepId)!.name, count: small(c.count) ? null : c.count, hidden: small(c.count) })),
    entered: retention && !retentionHidden ? retention.entered : null,
    kept: retention && !retentionHidden ? retention.kept : null,
    lost: retention && !retentionHidden ? retention.lost : null,
    awaiting: retention && !retentionHidden ? retention.awaiting : null,
    hidden: retentionHidden,
    checkName: check?.name ?? null,
    // Groups are not people: their count is never small-number data.
    groups: { year, count: g.count, min: target?.min ?? null, max: target?.max ?? null, verdict: g.verdict },
    definitions: FUNNEL_DEFINITIONS.map((d) => ({ name: d.name, definition: d.definition })),
    suppressed: suppress,
  }
}
