import type { FollowUpOutreach } from '../../../shared/indicators.ts'
import { parsePeriod, periodLabel } from '../../../shared/lib/period.ts'
import { type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { currentAgreement } from '../agreements/agreements.service.ts'
import { figuresOfPlan } from '../counselling/figures.service.ts'
import { promisesOf } from '../staff-time/promise-arithmetic.ts'
import { quarterForFollowUp } from '../staff-time/staff-time.service.ts'

// The follow-up dashboard's quarter of open counselling and staff time. Nothing is counted here:
// the counselling figures are the figures page's own (figures.service.ts) for the calendar quarter,
// and the promises are the quarter view's (quarter-view.ts) for the quarter's ISO weeks, as in the
// status report (decision 029). Counts of inquiries and conversations are hidden as small numbers for
// the readers the permission table gives an aggregate view (board members, partners).

export async function followUpOutreach(ctx: AppContext, grant: Grant<'indicator-values', 'read'>, agreementId: string, quarter?: string): Promise<FollowUpOutreach> {
  const agreement = await currentAgreement(ctx, grant, agreementId)
  const suppressed = hidesSmallNumbers(grant)
  // The quarter view picks the quarter when none is asked for (the last one over, within the agreement).
  const view = await quarterForFollowUp(ctx, grant, agreement.id, quarter)
  const range = parsePeriod(view.quarter)!
  const schedules = agreement.content.activities.some((a) => a.schedules.length > 0)
  const figures = schedules ? await figuresOfPlan(ctx, agreement.planId, { from: range.start, to: range.end }, suppressed) : null
  const promises = promisesOf(agreement.content)
  return {
    quarter: view.quarter,
    quarterLabel: periodLabel(view.quarter),
    previousQuarter: view.previousQuarter,
    nextQuarter: view.nextQuarter,
    suppressed,
    counselling: figures
      ? {
          planned: figures.totals.planned,
          held: figures.totals.held,
          cancelled: figures.totals.cancelled,
          notRecorded: figures.totals.notRecorded,
          staffingMet: figures.totals.staffingMet,
          understaffed: figures.totals.understaffed,
          inquiries: figures.totals.inquiries,
          referred: figures.totals.referred,
          referredShare: figures.referredShare,
          sites: figures.sites,
        }
      : null,
    staff: promises.length > 0 ? { firstWeek: view.firstWeek, lastWeek: view.lastWeek, promises: view.promises, conversations: view.conversations, hoursTotal: view.hoursTotal } : null,
  }
}
