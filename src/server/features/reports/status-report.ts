import { formatBaselineTime, formatMeasure, formatTargetAmount } from '../../../shared/agreement-wording.ts'
import type { Measure, Target } from '../../../shared/agreements.ts'
import type { CompanyFigures, FigureCount } from '../../../shared/companies.ts'
import {
  type FollowUp,
  type IndicatorSeries,
  type IndicatorStatus,
  type IndicatorStatusState,
  type IndicatorValueDto,
  type PeriodKey,
  type Population,
  type Provenance,
  populationLabels,
  statusLabels,
} from '../../../shared/indicators.ts'
import { formatDate, formatDateTime, formatDay, formatNumber, formatPercent, formatPercentValue, isoDay } from '../../../shared/lib/format.ts'
import { baselinePeriod, comparePeriods, parsePeriod, periodLabel } from '../../../shared/lib/period.ts'
import { indicatorStatus } from '../indicators/indicator-status.ts'
import { suppressTable } from '../indicators/suppression.ts'
import { type CounsellingReportInput, type CounsellingSection, counsellingSection } from './status-report-counselling.ts'
import { type YouthReportInput, type YouthSection, youthSection } from './status-report-youth.ts'

// The board's status report ("statusrapport til bestyrelsen") for one agreement and one period,
// laid out once as a model that the Word, Excel and PDF renderers all draw. Content, order and
// Danish number forms are decided here, so the three files say the same and can be tested without
// opening any of them. Pure: the follow-up, the period and the clock come in as data.
//
// Decisions:
// - Only values of periods that have ENDED by the end of the chosen period count (lib/period.ts:
//   a period sits at its last day). "2023" is left out of a report for "2023-Q2"; later corrections
//   of earlier periods are in, because the follow-up carries current values only.
// - The report is for readers outside the team, so counts are always suppressed (decision 006,
//   suppression.ts), whoever downloads it. A line of the table rule is one indicator's rows in one
//   period for one population (age groups add up to a group the reader may know), so a small count
//   in one row hides one more count in a sibling row. Shares stay: they are rates of larger
//   populations. Baselines and targets are the agreement's own published figures and are shown as
//   the agreement document shows them.
// - The status is worked out again as of the chosen period from what the reader can see, so its
//   sentence never quotes a hidden count and matches the table beside it.

export interface StatusReportInput {
  followUp: FollowUp
  planName: string
  municipality: string
  period: PeriodKey
  generatedAt: Date
  /** Counts below this are hidden (config SUPPRESSION_THRESHOLD). */
  threshold: number
  /**
   * The agreement's end date ("YYYY-MM-DD"): the status rule's horizon, where the line from the
   * baseline reaches the target. The follow-up does not carry it.
   */
  validTo: string
  /** The plan's company and placement figures for the period, small numbers hidden (decision 022); none: no section. */
  companyFigures?: CompanyFigures
  /** Open counselling and staff time of the period, when the service loaded them (status-report-counselling.ts). */
  counselling?: Omit<CounsellingReportInput, 'periodLabel'>
  /** The young people's funnels of the agreement's activities, suppressed (status-report-youth.ts, decision 030). */
  youth?: Omit<YouthReportInput, 'threshold'>
}

/** One line of the companies section: the figure, its value as printed, and how it is counted. */
export interface CompanyReportLine {
  label: string
  value: string
  definition: string
}

export type MeasureName = 'share' | 'count'

/** A value as the report shows it: counts suppressed, the period's label beside it. */
export interface ReportValue {
  indicatorKey: string
  indicatorName: string
  rowKey: string
  rowLabel: string | null
  population: Population
  populationLabel: string
  period: PeriodKey
  periodLabel: string
  share: number | null
  /** Null when hidden (see countHidden) or not recorded. */
  count: number | null
  countHidden: boolean
  /** "19,14 %", "233", "Antal skjult / Andel 15 %". */
  text: string
  /** False for values recorded under an earlier definition of the indicator. */
  currentDefinition: boolean
  provenance: string
  note: string | null
  recordedAt: string
}

export interface ChartPoint {
  period: PeriodKey
  value: number
}

/** What the chart of one indicator row draws (status-report-chart.ts). */
export interface ChartData {
  title: string
  measure: MeasureName
  /** The unit the y axis is labelled in: "%" or the target's unit ("beboere"), or "" for a bare count. */
  unit: string
  area: ChartPoint[]
  comparison: ChartPoint[]
  baseline: ChartPoint | null
  /** The status rule's straight line, baseline to target at the agreement's end date. */
  trajectory: { from: ChartPoint; toDate: string; toValue: number } | null
  /** The chosen period: the x axis reaches at least its end. */
  period: PeriodKey
}

export interface ReportRow {
  indicatorKey: string
  indicatorName: string
  rowKey: string
  rowLabel: string | null
  measure: MeasureName
  /** The table's cells, in the order of statusTableHeader. */
  cells: {
    indicator: string
    row: string
    baseline: string
    latest: string
    comparison: string
    target: string
    status: string
  }
  /** The same figures as numbers in `measure`, for Excel (null: none, or hidden). */
  numbers: {
    baseline: number | null
    latest: number | null
    comparison: number | null
    target: number | null
  }
  baselineTime: string
  latest: ReportValue | null
  comparison: ReportValue | null
  targets: string[]
  status: IndicatorStatus
  statusLabel: string
  chart: ChartData
}

export interface ReportComment {
  text: string
  by: string
  at: string
  /** "Flere i praktik … — Anna Jensen, 12. juli 2023" */
  line: string
}

export interface ReportIndicator {
  key: string
  name: string
  rows: ReportRow[]
  comments: ReportComment[]
  /** Said when values recorded under an earlier definition exist up to the period (decision 006). */
  breakNote: string | null
}

export interface ReportGoal {
  key: string
  text: string
  indicators: ReportIndicator[]
}

export interface StatusReportModel {
  title: string
  headerText: string
  planName: string
  municipality: string
  period: PeriodKey
  periodLabel: string
  revisionNumber: number
  generatedAt: Date
  /** The lines under the title: plan, period and revision, when it was made. */
  meta: string[]
  approval: { locked: boolean; text: string }
  smallNumberNote: string
  summary: { counts: { state: IndicatorStatusState; label: string; count: number }[]; text: string }
  goals: ReportGoal[]
  activities: { heading: string; text: string }
  /** Companies and placements in the period (decision 022); null when the report has none. */
  companies: { heading: string; text: string; lines: CompanyReportLine[] } | null
  /** "Åben rådgivning og tid": null when the agreement has neither open counselling nor staff promises in the period. */
  counselling?: CounsellingSection | null
  /** "Unge og fritidsjob": null when no activity of the agreement has a pathway. */
  youth?: YouthSection | null
  /** Every value up to the period, suppressed, in the order of the goals, rows, populations and periods. */
  values: ReportValue[]
  properties: { title: string; subject: string; keywords: string; creator: string; language: 'da-DK'; created: Date }
}

export const statusTableHeader = ['Indikator', 'Række', 'Baseline', 'Seneste værdi', 'Kommune', 'Måltal', 'Status'] as const
/** Relative widths: "(2. kvartal 2023)" on one line in both value columns, at the tables' 8,5 pt. */
export const statusTableWidths = [21, 9, 13, 16.5, 16.5, 13, 11] as const

export const reportText = {
  summary: 'Sammenfatning',
  activities: 'Aktiviteter',
  activitiesPending: 'Aktivitetstal vises her, når forløb og fremmøde registreres i Indsats.',
  hidden: 'skjult',
  none: '–',
  about: 'Om rapporten',
  companies: 'Virksomheder og udplaceringer',
} as const

/** The companies section: the network, active companies, openings by kind and placements, as printed. */
export function companySection(f: CompanyFigures): { heading: string; text: string; lines: CompanyReportLine[] } {
  const count = (c: FigureCount) => (c.hidden || c.value === null ? reportText.hidden : formatNumber(c.value))
  const definition = (name: string) => f.definitions.find((d) => d.name === name)?.definition ?? ''
  const j = f.placements.jobOrEducation
  const share = j.hidden ? reportText.hidden : j.share === null ? reportText.none : `${formatPercent(j.share)} (${formatNumber(j.numerator ?? 0)} af ${formatNumber(j.denominator ?? 0)})`
  return {
    heading: reportText.companies,
    text: `Fra ${formatDay(f.from)} til ${formatDay(f.to)}. Antal under grænsen for små tal er skjult, også for åbninger efter type, hvor et skjult antal ellers kunne regnes ud af totalen.`,
    lines: [
      { label: 'Virksomheder i netværket', value: count(f.inNetwork), definition: definition('Virksomheder i netværket') },
      { label: 'Aktive virksomheder', value: count(f.active), definition: definition('Aktive virksomheder') },
      ...f.openingsByKind.map((k) => ({ label: `Åbninger: ${k.label}`, value: count(k.count), definition: definition('Åbninger efter type') })),
      { label: 'Åbninger i alt', value: count(f.openingsTotal), definition: definition('Åbninger efter type') },
      { label: 'Udplaceringer startet', value: count(f.placements.started), definition: definition('Udplaceringer startet') },
      { label: 'Udplaceringer gennemført', value: count(f.placements.completed), definition: definition('Udplaceringer gennemført') },
      { label: 'Job eller uddannelse inden for 13 uger', value: share, definition: definition('Job eller uddannelse inden for 13 uger') },
    ],
  }
}

const STATES: IndicatorStatusState[] = ['on-track', 'behind', 'no-data', 'no-target']

export function statusReportModel(input: StatusReportInput): StatusReportModel {
  const { followUp: f, period, threshold } = input
  const chosen = parsePeriod(period)
  if (!chosen) throw new RangeError(`Not a period: ${JSON.stringify(period)}`)
  const inPeriod = (p: PeriodKey) => {
    const parsed = parsePeriod(p)
    // A value whose period cannot be read cannot be placed before or after the period: left out.
    return parsed !== null && parsed.end <= chosen.end
  }
  // The status counts periods that have ended by the report's date too: a report made mid-quarter
  // for that quarter must not judge a value that is not final yet.
  const today = isoDay(input.generatedAt)
  const asOf = chosen.end < today ? chosen.end : today
  const pLabel = periodLabel(period)

  const shown = suppressValues(f.series, inPeriod, threshold)
  const goals: ReportGoal[] = []
  const allValues: ReportValue[] = []
  for (const s of f.series) {
    let goal = goals.find((g) => g.key === s.goalKey)
    if (!goal) goals.push((goal = { key: s.goalKey, text: s.goalText, indicators: [] }))
    let indicator = goal.indicators.find((i) => i.key === s.indicatorKey)
    if (!indicator) {
      const comments = f.comments
        .filter((c) => c.indicatorKey === s.indicatorKey && c.period === period)
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
        .map((c): ReportComment => ({ text: c.text, by: c.by, at: c.at, line: `${c.text} — ${c.by}, ${formatDate(c.at)}` }))
      goal.indicators.push((indicator = { key: s.indicatorKey, name: s.indicatorName, rows: [], comments, breakNote: null }))
    }
    const current = (shown.get(seriesKey(s)) ?? []).map((v) => toReportValue(v, s, true))
    const earlier = (shown.get(seriesKey(s, 'earlier')) ?? []).map((v) => toReportValue(v, s, false))
    allValues.push(...current, ...earlier)
    indicator.rows.push(reportRow(s, current, input, asOf))
    if (earlier.length > 0) indicator.breakNote = breakNote(earlier)
  }

  const rows = goals.flatMap((g) => g.indicators.flatMap((i) => i.rows))
  const counts = STATES.map((state) => ({ state, label: statusLabels[state], count: rows.filter((r) => r.status.state === state).length }))
  const lock = f.periods.find((p) => p.period === period)
  const approval = lock?.locked
    ? { locked: true, text: `Godkendt: ${pLabel} er godkendt og låst (${formatDate(lock.at)}, ${lock.by}).` }
    : {
        locked: false,
        text: `Foreløbig: perioden er ikke godkendt. Tallene kan stadig blive rettet.${lock && lock.reason ? ` Perioden blev låst op ${formatDate(lock.at)}: ${lock.reason}` : ''}`,
      }

  const title = `Statusrapport: ${f.title}`
  return {
    title,
    headerText: `${title} · ${pLabel} · ${input.planName}`,
    planName: input.planName,
    municipality: input.municipality,
    period,
    periodLabel: pLabel,
    revisionNumber: f.revisionNumber,
    generatedAt: input.generatedAt,
    meta: [
      `Helhedsplan: ${input.planName} · Kommune: ${input.municipality}`,
      `Periode: ${pLabel} · Delaftalens revision ${f.revisionNumber}`,
      `Dannet af Indsats ${formatDateTime(input.generatedAt)}. Kun værdier for perioder, der slutter senest med ${pLabel}, er med.`,
    ],
    approval,
    smallNumberNote: `Antal under ${formatNumber(threshold)} er skjult af hensyn til beboernes anonymitet. Hvor et skjult antal ellers kunne regnes ud fra de andre rækker, er også et af dem skjult. Andele vises altid.`,
    summary: { counts, text: summaryText(rows.length, counts) },
    goals,
    activities: { heading: reportText.activities, text: reportText.activitiesPending },
    companies: input.companyFigures ? companySection(input.companyFigures) : null,
    counselling: input.counselling ? counsellingSection({ ...input.counselling, periodLabel: pLabel }) : null,
    youth: input.youth ? youthSection({ ...input.youth, threshold }) : null,
    values: allValues,
    properties: {
      title,
      subject: `${input.planName} (${input.municipality}): ${pLabel}`,
      keywords: ['statusrapport', f.title, input.planName, input.municipality, pLabel].join(', '),
      creator: 'Indsats',
      language: 'da-DK',
      created: input.generatedAt,
    },
  }
}

function summaryText(total: number, counts: StatusReportModel['summary']['counts']): string {
  const n = (state: IndicatorStatusState) => formatNumber(counts.find((c) => c.state === state)?.count ?? 0)
  const rows = total === 1 ? '1 indikatorrække' : `${formatNumber(total)} indikatorrækker`
  return `Af ${rows} er ${n('on-track')} på rette vej, ${n('behind')} bagud, ${n('no-data')} uden data og ${n('no-target')} uden måltal.`
}

// ---------------------------------------------------------------------------------------------
// Suppression

const seriesKey = (s: { indicatorKey: string; rowKey: string }, which: 'current' | 'earlier' = 'current') => `${s.indicatorKey}|${s.rowKey}|${which}`

/**
 * The values up to the period with counts suppressed, by series. A board member's follow-up arrives
 * with small counts already hidden (countHidden, primary suppression only): such a count takes part
 * as a hidden one, so the count that would give it away is hidden too, as when staff download.
 */
function suppressValues(series: IndicatorSeries[], inPeriod: (p: PeriodKey) => boolean, threshold: number): Map<string, IndicatorValueDto[]> {
  const lines = new Map<string, { key: string; value: IndicatorValueDto }[]>()
  const out = new Map<string, IndicatorValueDto[]>()
  for (const s of series) {
    for (const [which, values] of [
      ['current', s.values],
      ['earlier', s.earlierDefinition],
    ] as const) {
      const key = seriesKey(s, which)
      out.set(key, [])
      for (const v of values) {
        if (!inPeriod(v.period)) continue
        const line = `${v.indicatorKey}|${v.definitionVersion}|${v.population}|${v.period}`
        lines.set(line, [...(lines.get(line) ?? []), { key, value: v }])
      }
    }
  }
  // Stands in for a count hidden before it reached us; never printed (hidden values come out as null).
  const alreadyHidden = threshold / 2
  for (const members of lines.values()) {
    const table = suppressTable(
      { rows: members.map((m) => ({ label: m.value.rowKey, cells: [m.value.countHidden ? alreadyHidden : m.value.count] })) },
      threshold,
    )
    members.forEach((m, i) => {
      const cell = table.rows[i]!.cells[0]!
      out.get(m.key)!.push({ ...m.value, count: cell.value, countHidden: cell.suppressed !== null })
    })
  }
  for (const values of out.values()) values.sort((a, b) => comparePeriods(a.period, b.period) || (a.population < b.population ? -1 : a.population > b.population ? 1 : 0))
  return out
}

// ---------------------------------------------------------------------------------------------
// Rows

function toReportValue(v: IndicatorValueDto, s: IndicatorSeries, currentDefinition: boolean): ReportValue {
  return {
    indicatorKey: s.indicatorKey,
    indicatorName: s.indicatorName,
    rowKey: s.rowKey,
    rowLabel: s.rowLabel,
    population: v.population,
    populationLabel: populationLabels[v.population],
    period: v.period,
    periodLabel: periodLabel(v.period),
    share: v.share,
    count: v.count,
    countHidden: v.countHidden,
    text: valueText(v.share, v.count, v.countHidden),
    currentDefinition,
    provenance: provenanceText(v.provenance),
    note: v.note,
    recordedAt: v.recordedAt,
  }
}

/** As the agreement prints a measure ("19,14 %", "1.736", "Antal 22 / Andel 15 %"), with "skjult" for a hidden count. */
export function valueText(share: number | null, count: number | null, countHidden: boolean): string {
  if (!countHidden) {
    const m: Partial<Measure> = {}
    if (share !== null) m.share = share
    if (count !== null) m.count = count
    return m.share === undefined && m.count === undefined ? reportText.none : formatMeasure(m as Measure)
  }
  return share === null ? reportText.hidden : `Antal ${reportText.hidden} / Andel ${formatPercentValue(share)}`
}

export function provenanceText(p: Provenance): string {
  switch (p.kind) {
    case 'typed':
      return `Indtastet af ${p.userName}`
    case 'imported':
      return `Indlæst fra ${p.fileName}${p.sheet ? `, ark ${p.sheet}` : ''}, række ${p.row}${p.source ? ` (${p.source})` : ''}`
    case 'computed':
      return `Beregnet af Indsats (${p.rule}, version ${p.version})`
  }
}

const measureOf = (t: Target): MeasureName => (t.unit.trim() === '%' ? 'share' : 'count')

/** The measure the status rule compares (indicator-status.ts, rule 1), so table, chart and sentence agree. */
function rowMeasure(s: IndicatorSeries): { measure: MeasureName; target: Target | undefined } {
  const target = s.targets.find((t) => s.baseline[measureOf(t)] !== undefined)
  if (target) return { measure: measureOf(target), target }
  const first = s.targets[0]
  return { measure: first ? measureOf(first) : s.baseline.share !== undefined ? 'share' : 'count', target: undefined }
}

const withPeriod = (text: string, v: ReportValue | null) => (v ? `${text}\n(${v.periodLabel})` : text)

function reportRow(s: IndicatorSeries, values: ReportValue[], input: StatusReportInput, asOf: string): ReportRow {
  const { measure, target } = rowMeasure(s)
  const area = values.filter((v) => v.population === 'area')
  const comparison = values.filter((v) => v.population === 'comparison')
  // The latest period with anything recorded: a hidden count is shown as hidden, not skipped for an older one.
  const latest = area.at(-1) ?? null
  const latestComparison = comparison.at(-1) ?? null
  const status = indicatorStatus(
    {
      baseline: s.baseline,
      baselineTime: s.baselineTime,
      targets: s.targets,
      values: area.map((v) => ({ period: v.period, share: v.share, count: v.count })),
      horizon: input.validTo,
    },
    asOf,
  )
  const targets = s.targets.map(formatTargetAmount)
  const baselineTime = formatBaselineTime(s.baselineTime)
  const numberOf = (v: ReportValue | null) => (v ? v[measure] : null)
  const name = s.rowLabel ? `${s.indicatorName} – ${s.rowLabel}` : s.indicatorName
  return {
    indicatorKey: s.indicatorKey,
    indicatorName: s.indicatorName,
    rowKey: s.rowKey,
    rowLabel: s.rowLabel,
    measure,
    cells: {
      indicator: s.indicatorName,
      row: s.rowLabel ?? reportText.none,
      baseline: `${formatMeasure(s.baseline)}\n(${baselineTime})`,
      latest: latest ? withPeriod(latest.text, latest) : reportText.none,
      comparison: latestComparison ? withPeriod(latestComparison.text, latestComparison) : reportText.none,
      target: targets.length ? targets.join('\n') : reportText.none,
      status: statusLabels[status.state],
    },
    numbers: {
      baseline: s.baseline[measure] ?? null,
      latest: numberOf(latest),
      comparison: numberOf(latestComparison),
      target: target ? nearEnd(target, s.baseline[measure]!) : null,
    },
    baselineTime,
    latest,
    comparison: latestComparison,
    targets,
    status,
    statusLabel: statusLabels[status.state],
    chart: {
      title: name,
      measure,
      unit: measure === 'share' ? '%' : (target?.unit.trim() ?? ''),
      area: points(area, measure),
      comparison: points(comparison, measure),
      baseline: s.baseline[measure] !== undefined ? { period: baselinePeriod(s.baselineTime), value: s.baseline[measure]! } : null,
      trajectory: target
        ? { from: { period: baselinePeriod(s.baselineTime), value: s.baseline[measure]! }, toDate: input.validTo, toValue: nearEnd(target, s.baseline[measure]!) }
        : null,
      period: input.period,
    },
  }
}

/**
 * The end of a target range the status rule aims the line at (indicator-status.ts, rule 5): the
 * lower end when higher is better, the upper end when lower is better.
 */
function nearEnd(t: Target, baselineValue: number): number {
  const high = t.valueMax ?? t.value
  const direction = t.direction ?? (t.value > baselineValue ? 'up' : high < baselineValue ? 'down' : 'up')
  return direction === 'up' ? t.value : high
}

function points(values: ReportValue[], measure: MeasureName): ChartPoint[] {
  return values.flatMap((v) => (v[measure] === null ? [] : [{ period: v.period, value: v[measure]! }]))
}

function breakNote(earlier: ReportValue[]): string {
  const periods = [...new Set(earlier.map((v) => v.period))].sort(comparePeriods)
  const span = periods.length === 1 ? periodLabel(periods[0]!) : `${periodLabel(periods[0]!)} – ${periodLabel(periods.at(-1)!)}`
  const n = earlier.length === 1 ? 'Én værdi' : `${formatNumber(earlier.length)} værdier`
  return `Brud i serien: indikatorens definition er ændret. ${n} (${span}) er opgjort efter den tidligere definition; de er ikke sammenlignet med de nye og indgår ikke i status.`
}
