import { Readable } from 'node:stream'
import { type CounsellingFiguresDto, Referral, referralLabels } from '../../../shared/counselling.ts'
import { formatNumber, formatPercent } from '../../../shared/lib/format.ts'
import { type Grant, hidesSmallNumbers } from '../../lib/authorize.ts'
import { today } from '../../lib/clock.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { suppressCount, suppressTable } from '../indicators/suppression.ts'
import { COUNSELLING_DEFINITIONS, type OccurrenceFacts, counsellingFigures } from './counselling-figures.ts'
import { promisedOccurrences } from './counselling.service.ts'
import { isoWeekNumber } from './occurrence-generation.ts'
import * as repo from './counselling.repo.ts'

// The figures of open counselling for a range of days, for the page and the CSV. No names leave
// here. Occurrences promised but never opened in the app count as planned and not recorded, so a
// week nobody opened is not left out. Counts of inquiries are about residents: a board member gets
// them with small numbers hidden (suppression.ts); counts of occurrences and staffing are about the
// staff's work and are shown as they are.

/** The longest range asked at once: a funding period is seven years. */
const MAX_DAYS = 8 * 366

export async function counsellingFiguresOf(ctx: AppContext, grant: Grant<'counselling-figures', 'read'>, range: { from: string; to: string }): Promise<CounsellingFiguresDto> {
  return figuresOfPlan(ctx, grant.planId!, range, hidesSmallNumbers(grant))
}

/**
 * The same figures for a plan, with small numbers hidden when `suppress` (as for a board member):
 * the status report asks for them so, whoever downloads it (reports.service.ts).
 */
export async function figuresOfPlan(ctx: AppContext, planId: string, range: { from: string; to: string }, suppress: boolean): Promise<CounsellingFiguresDto> {
  if ((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 > MAX_DAYS) throw new AppError('validation', 'Vælg en periode på højst otte år.')
  const asOf = today(ctx)
  const [{ rows: promised }, stored, inquiries] = await Promise.all([
    promisedOccurrences(ctx, planId, range),
    repo.figureOccurrences(ctx.db, planId, range.from, range.to),
    repo.figureInquiries(ctx.db, planId, range.from, range.to),
  ])
  const key = (o: { activity_id: string; schedule_key: string; held_on: string }) => `${o.activity_id}|${o.schedule_key}|${o.held_on}`
  const facts = new Map<string, OccurrenceFacts>()
  for (const p of promised) facts.set(key(p), { id: key(p), site: p.site, heldOn: p.held_on, holiday: p.holiday, cancelled: false, staffingMin: p.staffing_min, staffIds: [] })
  for (const o of stored) {
    facts.set(key(o), { id: o.id, site: o.site, heldOn: o.held_on, holiday: o.holiday, cancelled: o.cancelled_at !== null, staffingMin: o.staffing_min, staffIds: o.staff_ids })
  }
  const f = counsellingFigures(
    [...facts.values()],
    inquiries.map((i) => ({ occurrenceId: i.occurrence_id, topic: i.topic, referral: i.referral as Referral, count: i.count })),
    range,
    asOf,
  )

  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const one = (n: number) => (suppress ? suppressCount(n, threshold).value : n)
  const table = (rows: { label: string; cells: number[]; total: number }[], columnTotals: number[], grandTotal: number) => {
    if (!suppress) return { rows: rows.map((r) => ({ cells: r.cells as (number | null)[], total: r.total as number | null })), columnTotals: columnTotals as (number | null)[], grandTotal: grandTotal as number | null }
    const t = suppressTable({ rows, columnTotals, grandTotal }, threshold)
    return { rows: t.rows.map((r) => ({ cells: r.cells.map((c) => c.value), total: r.total?.value ?? null })), columnTotals: t.columnTotals!.map((c) => c.value), grandTotal: t.grandTotal!.value }
  }
  const siteInquiries = f.sites.map((s) => s.inquiries)
  const topics = table(
    f.topics.map((t) => ({ label: t.topic, cells: t.bySite, total: t.total })),
    siteInquiries,
    f.totals.inquiries,
  )
  const weeks = table(
    f.weeks.map((w) => ({ label: w.week, cells: w.bySite, total: w.total })),
    siteInquiries,
    f.totals.inquiries,
  )
  const referrals = table([{ label: 'referral', cells: Referral.options.map((r) => f.byReferral[r]), total: f.totals.inquiries }], Referral.options.map((r) => f.byReferral[r]), f.totals.inquiries)
  const referred = one(f.totals.referred)
  const all = one(f.totals.inquiries)
  return {
    from: range.from,
    to: range.to,
    asOf,
    suppressed: suppress,
    threshold,
    definitions: [...COUNSELLING_DEFINITIONS],
    totals: { ...f.totals, inquiries: all, referred },
    referredShare: referred === null || all === null ? null : f.referredShare,
    byReferral: Referral.options.map((r, i) => ({ referral: r, label: referralLabels[r], count: referrals.rows[0]!.cells[i]! })),
    sites: f.sites.map((s, i) => ({ ...s, inquiries: topics.columnTotals[i]!, referred: one(s.referred) })),
    topics: f.topics.map((t, i) => ({ topic: t.topic, bySite: topics.rows[i]!.cells, total: topics.rows[i]!.total })),
    topicTotals: topics.columnTotals,
    weeks: f.weeks.map((w, i) => ({ week: w.week, weekNumber: isoWeekNumber(w.week), bySite: weeks.rows[i]!.cells, total: weeks.rows[i]!.total })),
  }
}

function csvField(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * The figures as CSV for the municipality: one line per number, in long form (what, site, week,
 * topic, value), so a spreadsheet can pivot it. UTF-8 with a byte-order mark and semicolons, as a
 * Danish Excel expects; a hidden number reads "skjult".
 */
export function figuresCsv(f: CounsellingFiguresDto): Readable {
  const value = (n: number | null) => (n === null ? 'skjult' : formatNumber(n))
  const lines: string[][] = [['Nøgletal', 'Sted', 'Uge', 'Emne', 'Værdi']]
  const siteLines = (label: string, pick: (s: CounsellingFiguresDto['sites'][number]) => number | null) => {
    for (const s of f.sites) lines.push([label, s.site, '', '', value(pick(s))])
  }
  siteLines('Åbningstider planlagt', (s) => s.planned)
  siteLines('Åbningstider holdt', (s) => s.held)
  siteLines('Åbningstider aflyst', (s) => s.cancelled)
  siteLines('Åbningstider ikke registreret', (s) => s.notRecorded)
  siteLines('Bemanding opfyldt', (s) => s.staffingMet)
  siteLines('Underbemandet', (s) => s.understaffed)
  siteLines('Henvendelser', (s) => s.inquiries)
  siteLines('Henvendelser henvist', (s) => s.referred)
  for (const t of f.topics) f.sites.forEach((s, i) => lines.push(['Henvendelser pr. emne', s.site, '', t.topic, value(t.bySite[i]!)]))
  for (const w of f.weeks) f.sites.forEach((s, i) => lines.push(['Henvendelser pr. uge', s.site, `${w.week.slice(0, 4)}-U${String(w.weekNumber).padStart(2, '0')}`, '', value(w.bySite[i]!)]))
  for (const r of f.byReferral) lines.push([`Henvendelser: ${r.label}`, '', '', '', value(r.count)])
  lines.push(['Andel henvist', '', '', '', f.referredShare === null ? (f.totals.inquiries === null ? 'skjult' : '') : formatPercent(f.referredShare, 1)])
  return Readable.from([`\uFEFF${lines.map((l) => l.map(csvField).join(';')).join('\r\n')}\r\n`])
}
