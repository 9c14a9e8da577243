import { describe, expect, it } from 'vitest'
import type { Target } from '../../../shared/agreements.ts'
import type { FollowUp, IndicatorSeries, IndicatorValueDto, Population } from '../../../shared/indicators.ts'
import { type ReportRow, type StatusReportInput, type StatusReportModel, statusReportModel } from './status-report.ts'

// A follow-up shaped like the Sønderborg agreement's: a share indicator with two rows (age groups),
// a count indicator, and a share indicator with a target of 85 % by the agreement's end.

const SHARE = 'andel-offentligt-forsoergede'
const COUNT = 'beboere-omfattet'
const ACTIVATION = 'aktiveringsgrad'
const ACTIVATION_TARGET: Target = { key: 'maal', description: 'Aktiveringsgraden skal øges', value: 85, unit: '%', qualifier: 'op til', horizon: 'over en årrække', direction: 'up' }

let ids = 0
function value(
  indicatorKey: string,
  rowKey: string,
  population: Population,
  period: string,
  m: { share?: number; count?: number; countHidden?: boolean },
  version = 'v1',
): IndicatorValueDto {
  return {
    id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    indicatorKey,
    rowKey,
    population,
    period,
    share: m.share ?? null,
    count: m.count ?? null,
    countHidden: m.countHidden ?? false,
    note: null,
    definitionVersion: version,
    provenance: { kind: 'typed', userName: 'Anna Jensen' },
    recordedAt: '2023-08-01T08:00:00.000Z',
    retracted: false,
  }
}

function series(over: Partial<IndicatorSeries> & Pick<IndicatorSeries, 'indicatorKey' | 'rowKey' | 'baseline'>): IndicatorSeries {
  return {
    goalKey: 'maal-1',
    goalText: 'Færre borgere på offentlig forsørgelse',
    indicatorName: over.indicatorKey,
    rowLabel: null,
    definitionVersion: 'v1',
    comparisonBaseline: null,
    baselineTime: { kind: 'year', year: 2018 },
    frequency: 'quarterly',
    dataSource: 'Jobcenter',
    targets: [],
    values: [],
    earlierDefinition: [],
    // What the follow-up says today; the report must work it out again for its own period.
    status: { state: 'no-data', explanation: 'Nu', expected: null, latest: null, latestPeriod: null },
    ...over,
  }
}

function followUp(over: Partial<FollowUp> = {}): FollowUp {
  return {
    agreementId: '00000000-0000-4000-8000-00000000a001',
    planId: '00000000-0000-4000-8000-00000000b001',
    title: 'Delaftale for indsatsområdet Beskæftigelse',
    revisionNumber: 2,
    series: [
      series({
        indicatorKey: SHARE,
        indicatorName: 'Andel offentligt forsørgede fuldtidspersoner',
        rowKey: '18-29-aar',
        rowLabel: '18-29 år',
        baseline: { share: 19.14 },
        comparisonBaseline: { share: 12.32 },
        values: [
          value(SHARE, '18-29-aar', 'area', '2023-Q1', { share: 18.5, count: 40 }),
          value(SHARE, '18-29-aar', 'area', '2023-Q2', { share: 17.25, count: 3 }),
          value(SHARE, '18-29-aar', 'comparison', '2023-Q2', { share: 12.1 }),
          value(SHARE, '18-29-aar', 'area', '2023-Q3', { share: 99 }),
        ],
      }),
      series({
        indicatorKey: SHARE,
        indicatorName: 'Andel offentligt forsørgede fuldtidspersoner',
        rowKey: '30-64-aar',
        rowLabel: '30-64 år',
        baseline: { share: 50.65 },
        values: [value(SHARE, '30-64-aar', 'area', '2023-Q2', { share: 48, count: 57 })],
      }),
      series({
        goalKey: 'maal-2',
        goalText: 'Antallet af ledige beboere skal falde.',
        indicatorKey: COUNT,
        indicatorName: 'Antal beboere omfattet af det fremskudte jobcenter',
        rowKey: 'alle',
        baseline: { count: 233 },
        comparisonBaseline: { count: 1736 },
        baselineTime: { kind: 'month', year: 2021, month: 2, label: 'Udgang februar 2021' },
        values: [
          value(COUNT, 'alle', 'area', '2022-Q4', { count: 221 }),
          value(COUNT, 'alle', 'comparison', '2022-Q4', { count: 1736 }),
          value(COUNT, 'alle', 'area', '2023', { count: 150 }),
        ],
        earlierDefinition: [value(COUNT, 'alle', 'area', '2021-Q4', { count: 240 }, 'v0'), value(COUNT, 'alle', 'area', '2022-Q1', { count: 238 }, 'v0')],
      }),
      series({
        goalKey: 'maal-3',
        goalText: 'De ledige skal være aktive og aktiveringsgraden skal øges.',
        indicatorKey: ACTIVATION,
        indicatorName: 'Aktiveringsgrad blandt de ledige',
        rowKey: 'alle',
        baseline: { share: 20 },
        baselineTime: { kind: 'month', year: 2021, month: 2, label: 'Udgang februar 2021' },
        targets: [ACTIVATION_TARGET],
        values: [
          // On track in the first quarter, far behind in the third: a report for the second must say on track.
          value(ACTIVATION, 'alle', 'area', '2023-Q1', { share: 60 }),
          value(ACTIVATION, 'alle', 'area', '2023-Q3', { share: 10 }),
        ],
      }),
    ],
    periods: [{ period: '2023-Q1', locked: true, at: '2023-05-03T10:00:00.000Z', by: 'Projektleder Pia', reason: null }],
    comments: [
      { id: '00000000-0000-4000-8000-00000000c001', indicatorKey: SHARE, period: '2023-Q2', text: 'Flere unge i uddannelse efter sommerens brobygning.', by: 'Anna Jensen', at: '2023-07-12T09:00:00.000Z' },
      { id: '00000000-0000-4000-8000-00000000c002', indicatorKey: SHARE, period: '2023-Q1', text: 'Kommentar til første kvartal.', by: 'Anna Jensen', at: '2023-04-12T09:00:00.000Z' },
      { id: '00000000-0000-4000-8000-00000000c003', indicatorKey: ACTIVATION, period: '2023-Q2', text: 'Virksomhedsnetværket er startet.', by: 'Bo Hansen', at: '2023-07-13T09:00:00.000Z' },
    ],
    suppressed: false,
    ...over,
  }
}

const input = (over: Partial<StatusReportInput> = {}): StatusReportInput => ({
  followUp: followUp(),
  planName: 'Aktiv i fællesskabet',
  municipality: 'Sønderborg',
  period: '2023-Q2',
  generatedAt: new Date('2023-09-01T10:00:00Z'),
  threshold: 5,
  validTo: '2025-08-31',
  ...over,
})

/** No-break spaces as plain spaces, so "19,14 %" reads the same whichever was written. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ')
const rows = (m: StatusReportModel) => m.goals.flatMap((g) => g.indicators.flatMap((i) => i.rows))
const row = (m: StatusReportModel, indicatorKey: string, rowKey = 'alle'): ReportRow => rows(m).find((r) => r.indicatorKey === indicatorKey && r.rowKey === rowKey)!

describe('statusReportModel', () => {
  const model = statusReportModel(input())

  it('titles the report by the agreement and names the plan, the period and the revision', () => {
    expect(model.title).toBe('Statusrapport: Delaftale for indsatsområdet Beskæftigelse')
    expect(model.periodLabel).toBe('2. kvartal 2023')
    expect(model.meta.join('\n')).toContain('Helhedsplan: Aktiv i fællesskabet · Kommune: Sønderborg')
    expect(model.meta.join('\n')).toContain('Periode: 2. kvartal 2023 · Delaftalens revision 2')
    expect(model.goals.map((g) => g.text)).toEqual([
      'Færre borgere på offentlig forsørgelse',
      'Antallet af ledige beboere skal falde.',
      'De ledige skal være aktive og aktiveringsgraden skal øges.',
    ])
  })

  it('shows the value of the chosen period, or the latest before it, with its period', () => {
    expect(plain(row(model, SHARE, '18-29-aar').cells.latest)).toBe('Antal skjult / Andel 17,25 %\n(2. kvartal 2023)')
    // The count indicator has nothing in the second quarter: the fourth quarter of 2022 is the latest.
    const count = row(model, COUNT)
    expect(count.cells.latest).toBe('221\n(4. kvartal 2022)')
    expect(count.numbers.latest).toBe(221)
    expect(count.cells.comparison).toBe('1.736\n(4. kvartal 2022)')
    expect(plain(row(model, SHARE, '18-29-aar').cells.comparison)).toBe('12,1 %\n(2. kvartal 2023)')
  })

  it('uses no value of a later period: not in the table, the values, the chart or the status', () => {
    const young = row(model, SHARE, '18-29-aar')
    expect(young.numbers.latest).toBe(17.25)
    expect(young.chart.area.map((p) => p.period)).toEqual(['2023-Q1', '2023-Q2'])
    // The year 2023 ends after the second quarter, so its count is not in a report for the quarter.
    expect(row(model, COUNT).chart.area.map((p) => p.period)).toEqual(['2022-Q4'])
    expect(model.values.map((v) => v.period)).not.toContain('2023-Q3')
    expect(model.values.map((v) => v.period)).not.toContain('2023')
    // 60 % in the first quarter is ahead of the line towards 85 %; the 10 % of the third quarter is not looked at.
    const activation = row(model, ACTIVATION)
    expect(activation.status).toMatchObject({ state: 'on-track', latest: 60, latestPeriod: '2023-Q1' })
    expect(activation.cells.status).toBe('På rette vej')
    expect(plain(activation.status.explanation)).toMatch(/^Seneste værdi 60 % \(1\. kvartal 2023\) er bedre end forventet [\d,]+ % på vejen fra 20 % \(februar 2021\) mod 85 % \(31\. august 2025\)\.$/)
  })

  it('judges a period still running by the values that are final on the day the report is made', () => {
    const midQuarter = statusReportModel(input({ period: '2023-Q3', generatedAt: new Date('2023-08-15T10:00:00Z') }))
    expect(row(midQuarter, ACTIVATION).status.latestPeriod).toBe('2023-Q1')
    const after = statusReportModel(input({ period: '2023-Q3', generatedAt: new Date('2023-10-15T10:00:00Z') }))
    expect(row(after, ACTIVATION).status).toMatchObject({ state: 'behind', latestPeriod: '2023-Q3' })
  })

  it('hides a count of 3 below the threshold of 5, and the count beside it that would give it away, but keeps the shares', () => {
    const young = model.values.find((v) => v.rowKey === '18-29-aar' && v.period === '2023-Q2' && v.population === 'area')!
    expect(young).toMatchObject({ count: null, countHidden: true, share: 17.25 })
    expect(plain(young.text)).toBe('Antal skjult / Andel 17,25 %')
    // 3 + 57 is the indicator's whole group; a reader who knows the group could subtract.
    const older = model.values.find((v) => v.rowKey === '30-64-aar' && v.period === '2023-Q2')!
    expect(older).toMatchObject({ count: null, countHidden: true, share: 48 })
    // The first quarter's 40 has no small neighbour and is shown.
    expect(model.values.find((v) => v.rowKey === '18-29-aar' && v.period === '2023-Q1')).toMatchObject({ count: 40, countHidden: false })
    const printed = JSON.stringify({ goals: model.goals, values: model.values })
    expect(printed).not.toMatch(/"count":(3|57)\b/)
    expect(printed).not.toMatch(/"value":(3|57)\b/)
  })

  it('hides the same counts when the follow-up arrives with small counts already hidden (a board member)', () => {
    const board = followUp({ suppressed: true })
    // A board member's follow-up: the 3 arrived hidden, the 57 beside it did not.
    const young = board.series.find((s) => s.rowKey === '18-29-aar')!
    young.values = young.values.map((v) => (v.count === 3 ? { ...v, count: null, countHidden: true } : v))
    const count = board.series.find((s) => s.indicatorKey === COUNT)!
    count.values = [value(COUNT, 'alle', 'area', '2023-Q2', { countHidden: true }), value(COUNT, 'alle', 'comparison', '2023-Q2', { count: 1700 })]
    const m = statusReportModel(input({ followUp: board }))
    expect(m.values.find((v) => v.rowKey === '30-64-aar' && v.period === '2023-Q2')).toMatchObject({ count: null, countHidden: true, share: 48 })
    expect(m.values.filter((v) => v.period === '2023-Q2' && v.countHidden).map((v) => v.rowKey)).toEqual(['18-29-aar', '30-64-aar', 'alle'])
    expect(row(m, COUNT).cells.latest).toBe('skjult\n(2. kvartal 2023)')
    expect(row(m, COUNT).numbers.latest).toBeNull()
    expect(row(m, COUNT).chart.area).toEqual([])
    // The report is the same as the one staff download.
    const staff = statusReportModel(input())
    expect(m.goals[0]).toEqual(staff.goals[0])
  })

  it('follows the configured threshold and says so', () => {
    expect(model.smallNumberNote).toMatch(/^Antal under 5 er skjult af hensyn til beboernes anonymitet\./)
    const ten = statusReportModel(input({ threshold: 10 }))
    expect(ten.smallNumberNote).toMatch(/^Antal under 10 er skjult af hensyn til beboernes anonymitet\./)
    expect(ten.values.find((v) => v.rowKey === '18-29-aar' && v.period === '2023-Q1')).toMatchObject({ count: 40 })
    const hidden = statusReportModel(input({ threshold: 41 }))
    expect(hidden.values.find((v) => v.rowKey === '18-29-aar' && v.period === '2023-Q1')).toMatchObject({ count: null, countHidden: true })
  })

  it('gives the comments written for the indicator in the period, and only those', () => {
    const share = model.goals[0]!.indicators[0]!
    expect(share.comments.map((c) => c.text)).toEqual(['Flere unge i uddannelse efter sommerens brobygning.'])
    expect(share.comments[0]!.line).toBe('Flere unge i uddannelse efter sommerens brobygning. — Anna Jensen, 12. juli 2023')
    expect(model.goals[2]!.indicators[0]!.comments.map((c) => c.text)).toEqual(['Virksomhedsnetværket er startet.'])
    expect(model.goals[1]!.indicators[0]!.comments).toEqual([])
  })

  it('says the figures are preliminary when the period is not approved, and approved when it is locked', () => {
    expect(model.approval).toEqual({ locked: false, text: expect.stringMatching(/^Foreløbig: perioden er ikke godkendt/) })
    const q1 = statusReportModel(input({ period: '2023-Q1' }))
    expect(q1.approval).toEqual({ locked: true, text: 'Godkendt: 1. kvartal 2023 er godkendt og låst (3. maj 2023, Projektleder Pia).' })
    const reopened = followUp({ periods: [{ period: '2023-Q2', locked: false, at: '2023-07-20T10:00:00.000Z', by: 'Pia', reason: 'Jobcentret retter udtrækket' }] })
    expect(statusReportModel(input({ followUp: reopened })).approval.text).toBe(
      'Foreløbig: perioden er ikke godkendt. Tallene kan stadig blive rettet. Perioden blev låst op 20. juli 2023: Jobcentret retter udtrækket',
    )
  })

  it('writes baselines, values and targets in Danish form', () => {
    const young = row(model, SHARE, '18-29-aar')
    expect(plain(young.cells.baseline)).toBe('19,14 %\n(2018)')
    expect(young.cells.row).toBe('18-29 år')
    expect(row(model, COUNT).cells.baseline).toBe('233\n(Udgang februar 2021)')
    expect(row(model, COUNT).cells.row).toBe('–')
    expect(plain(row(model, ACTIVATION).cells.target)).toBe('op til 85 % over en årrække')
    expect(row(model, ACTIVATION).numbers).toMatchObject({ baseline: 20, latest: 60, target: 85 })
    expect(row(model, SHARE, '18-29-aar').cells.target).toBe('–')
    expect(row(model, SHARE, '18-29-aar').cells.status).toBe('Intet måltal')
  })

  it('counts the rows by status', () => {
    expect(model.summary.counts.map((c) => [c.label, c.count])).toEqual([
      ['På rette vej', 1],
      ['Bagud', 0],
      ['Ingen data', 0],
      ['Intet måltal', 3],
    ])
    expect(model.summary.text).toBe('Af 4 indikatorrækker er 1 på rette vej, 0 bagud, 0 uden data og 3 uden måltal.')
  })

  it('notes values recorded under an earlier definition, and keeps them apart from the series', () => {
    const count = model.goals[1]!.indicators[0]!
    expect(count.breakNote).toBe(
      'Brud i serien: indikatorens definition er ændret. 2 værdier (4. kvartal 2021 – 1. kvartal 2022) er opgjort efter den tidligere definition; de er ikke sammenlignet med de nye og indgår ikke i status.',
    )
    expect(row(model, COUNT).chart.area.map((p) => p.value)).toEqual([221])
    expect(model.values.filter((v) => !v.currentDefinition).map((v) => v.count)).toEqual([240, 238])
    expect(model.goals[0]!.indicators[0]!.breakNote).toBeNull()
  })

  it('draws the line from the baseline to the target at the agreement’s end', () => {
    expect(row(model, ACTIVATION).chart).toMatchObject({
      measure: 'share',
      unit: '%',
      baseline: { period: '2021-02', value: 20 },
      trajectory: { from: { period: '2021-02', value: 20 }, toDate: '2025-08-31', toValue: 85 },
    })
    expect(row(model, COUNT).chart.trajectory).toBeNull()
  })

  it('holds a place for activity figures', () => {
    expect(model.activities).toEqual({ heading: 'Aktiviteter', text: 'Aktivitetstal vises her, når forløb og fremmøde registreres i Indsats.' })
  })

  it('lists where each value came from', () => {
    expect(model.values[0]!.provenance).toBe('Indtastet af Anna Jensen')
  })

  it('refuses a period that is not one', () => {
    expect(() => statusReportModel(input({ period: '2023-Q5' }))).toThrow(RangeError)
  })
})
