import { type ActivityFigures, type ComputedValueCreate, EXIT_REASONS, type ExitReason, type Figure, exitReasonLabels } from '../../../shared/enrolments.ts'
import type { IndicatorValueDto } from '../../../shared/indicators.ts'
import { parsePeriod, periodLabel } from '../../../shared/lib/period.ts'
import { type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { addComputedValue } from '../indicators/indicators.service.ts'
import { suppressCount, suppressTable } from '../indicators/suppression.ts'
import { type EnrolmentFacts, type EnrolmentFigures, FIGURE_DEFINITIONS, type FigureKey, computeFigures } from './enrolment-figures.ts'
import * as repo from './enrolments.repo.ts'

// The figures computed from an activity's enrolments, for the page and for the follow-up. No names
// leave here: only counts, lengths and shares, with small counts hidden for board members.

/** Weeks after a course within which an internship or job counts as a transition. */
export const TRANSITION_WEEKS = 13

async function facts(ctx: AppContext, planId: string, activityId: string) {
  const activity = await repo.figureActivity(ctx.db, planId, activityId)
  if (!activity) throw new AppError('not_found', 'Aktiviteten findes ikke i denne helhedsplan.')
  const enrolments = await repo.enrolmentsOfActivity(ctx.db, activityId)
  const attendance = await repo.attendanceOfEnrolments(ctx.db, enrolments.map((e) => e.id))
  const list: EnrolmentFacts[] = enrolments.map((e) => ({
    id: e.id,
    participantId: e.participant_id,
    activityId: e.activity_id,
    referredOn: e.referred_on,
    startOn: e.start_on,
    exitOn: e.exit_on,
    exitReason: e.exit_reason as ExitReason | null,
    destinationOn: e.destination_on,
  }))
  return { activityKey: activity.key, capacity: activity.capacity, enrolments: list, attendance: attendance.map((a) => ({ enrolmentId: a.enrolment_id, heldOn: a.held_on, present: a.status === 'present' })) }
}

function compute(ctx: AppContext, f: Awaited<ReturnType<typeof facts>>, period: string): EnrolmentFigures {
  if (!parsePeriod(period)) throw new AppError('validation', 'Vælg en gyldig periode, fx 2024-Q1 eller 2024.')
  return computeFigures({ enrolments: f.enrolments, attendance: f.attendance, capacity: f.capacity, transitionWeeks: TRANSITION_WEEKS, period, asOf: today(ctx) })
}

export async function activityFigures(ctx: AppContext, grant: Grant<'participant-figures', 'read'>, activityId: string, period: string): Promise<ActivityFigures> {
  const f = await facts(ctx, grant.planId!, activityId)
  const r = compute(ctx, f, period)
  const suppress = hidesSmallNumbers(grant)
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const hide = (n: number | null) => (suppress ? suppressCount(n, threshold).value === null && n !== null : false)
  const def = (key: FigureKey) => ({ key, name: FIGURE_DEFINITIONS[key].name, definition: FIGURE_DEFINITIONS[key].definition, ruleVersion: FIGURE_DEFINITIONS[key].ruleVersion })
  const raw: Figure[] = [
    { ...def('active-participants'), unit: 'count', value: r.activeParticipants.participants, numerator: null, denominator: null, hidden: hide(r.activeParticipants.participants), note: r.activeParticipants.explanation },
    { ...def('course-length'), unit: 'weeks', value: r.courseLength.meanWeeks, numerator: null, denominator: r.courseLength.n, hidden: hide(r.courseLength.n), note: r.courseLength.explanation },
    { ...def('occupancy'), unit: 'share', value: r.occupancy.share, numerator: r.occupancy.enrolmentDays, denominator: r.occupancy.placeDays, hidden: false, note: r.occupancy.explanation },
    { ...def('transition-share'), unit: 'share', value: r.transitionShare.share, numerator: r.transitionShare.numerator, denominator: r.transitionShare.denominator, hidden: hide(r.transitionShare.numerator) || hide(r.transitionShare.denominator), note: r.transitionShare.explanation },
    { ...def('activation-share'), unit: 'share', value: r.activationShare.share, numerator: r.activationShare.numerator, denominator: r.activationShare.denominator, hidden: hide(r.activationShare.numerator) || hide(r.activationShare.denominator), note: r.activationShare.explanation },
  ]
  // A note is a sentence with the other counts behind a figure (who waited at the period's end, who
  // left the waiting list, how many exits are pending, the busiest day), and those counts are not
  // suppressed one by one. So a board member gets the figure and its definition without the note:
  // "2 deltagere stod på venteliste" would tell them what the activity list hides.
  const figures = raw.map((fig) =>
    fig.hidden ? { ...fig, value: null, numerator: null, denominator: null, note: 'Skjult, fordi tallet bygger på færre end ' + threshold + ' personer.' } : suppress ? { ...fig, note: null } : fig,
  )
  const counts = EXIT_REASONS.map((reason) => r.exitReasons.counts[reason])
  const table = suppress ? suppressTable({ rows: [{ label: 'exit', cells: counts, total: r.exitReasons.total }] }, threshold).rows[0]!.cells : counts.map((value) => ({ value, suppressed: null }))
  return {
    activityId,
    period,
    periodLabel: periodLabel(period),
    figures,
    exitReasons: EXIT_REASONS.map((reason, i) => ({ reason, label: exitReasonLabels[reason], count: table[i]!.value, hidden: table[i]!.suppressed !== null })),
    suppressed: suppress,
  }
}

/** Which number of a figure goes into an indicator: a count or a share (in per cent). */
function valueOf(r: EnrolmentFigures, figure: string): { share?: number; count?: number } {
  switch (figure) {
    case 'active-participants':
      return { count: r.activeParticipants.participants }
    case 'course-length':
      if (r.courseLength.meanWeeks === null) break
      return { count: Math.round(r.courseLength.meanWeeks * 10) / 10 }
    case 'occupancy':
      if (r.occupancy.share === null) break
      return { share: Math.round(r.occupancy.share * 1000) / 10 }
    case 'transition-share':
      if (r.transitionShare.share === null) break
      return { share: Math.round(r.transitionShare.share * 1000) / 10, count: r.transitionShare.numerator }
    case 'activation-share':
      if (r.activationShare.share === null) break
      return { share: Math.round(r.activationShare.share * 1000) / 10, count: r.activationShare.numerator }
    default:
      throw new AppError('validation', 'Ukendt nøgletal.')
  }
  throw new AppError('validation', 'Nøgletallet kan ikke beregnes for perioden: der er ingen forløb at regne på.')
}

/** Stores a computed figure as the indicator value of an agreement's indicator row for a period. */
export async function storeComputedValue(ctx: AppContext, grant: Grant<'indicator-values', 'create'>, input: ComputedValueCreate): Promise<IndicatorValueDto> {
  const f = await facts(ctx, grant.planId!, input.activityId)
  const r = compute(ctx, f, input.period)
  const key = input.figure as FigureKey
  if (!FIGURE_DEFINITIONS[key]) throw new AppError('validation', 'Ukendt nøgletal.')
  return addComputedValue(
    ctx,
    grant,
    input.agreementId,
    { indicatorKey: input.indicatorKey, rowKey: input.rowKey, population: 'area', period: input.period, ...valueOf(r, key), ...(input.note ? { note: input.note } : {}) },
    { rule: `${key}:${f.activityKey}`, ruleVersion: FIGURE_DEFINITIONS[key].ruleVersion },
  )
}
