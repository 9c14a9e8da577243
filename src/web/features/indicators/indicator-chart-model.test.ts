import { describe, expect, it } from 'vitest'
import type { IndicatorSeries, IndicatorValueDto } from '../../../shared/indicators.ts'
import { CHART, chartModel, niceStep } from './indicator-chart-model.ts'
import { countHidden, followedTarget, provenanceText, seriesMeasures, valueText } from './indicator-format.ts'

// The chart's geometry and the words around follow-up values: pure functions, tested without a browser.

let n = 0
function value(period: string, share: number | null, count: number | null = null, population: 'area' | 'comparison' = 'area', countHidden = false): IndicatorValueDto {
  n++
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    indicatorKey: 'aktiveringsgrad',
    rowKey: 'alle',
    population,
    period,
    share,
    count,
    countHidden,
    note: null,
    definitionVersion: 'v1',
    provenance: { kind: 'typed', userName: 'Pia' },
    recordedAt: '2024-01-10T10:00:00.000Z',
    retracted: false,
  }
}

function series(values: IndicatorValueDto[], overrides: Partial<IndicatorSeries> = {}): IndicatorSeries {
  return {
    goalKey: 'g',
    goalText: 'De ledige skal være aktive',
    indicatorKey: 'aktiveringsgrad',
    indicatorName: 'Aktiveringsgrad blandt de ledige',
    rowKey: 'alle',
    rowLabel: null,
    definitionVersion: 'v1',
    baseline: { share: 20 },
    comparisonBaseline: { share: 33 },
    baselineTime: { kind: 'month', year: 2021, month: 2, label: 'Udgang februar 2021' },
    frequency: 'quarterly',
    dataSource: 'Jobcenter',
    targets: [{ key: 't', description: 'op til 85 %', value: 85, unit: '%', direction: 'up' }],
    values,
    earlierDefinition: [],
    status: { state: 'behind', explanation: '…', expected: null, latest: null, latestPeriod: null },
    ...overrides,
  }
}

describe('axis steps', () => {
  it.each([
    [100, 20],
    [85, 20],
    [40, 10],
    [7, 2],
    [0.3, 0.1],
    [2000, 500],
  ])('splits %d into round steps of %d', (span, step) => {
    expect(niceStep(span)).toBeCloseTo(step)
  })
})

describe('the chart of one indicator row', () => {
  const s = series([value('2023-Q2', 33.4), value('2021-Q2', 21.5), value('2022-Q4', 30.2), value('2021-Q2', 31.5, null, 'comparison')])
  const model = chartModel({ series: s, measure: 'share', horizon: '2025-08-31', suppressed: false })
  const area = model.lines.find((l) => l.population === 'area')!

  it('places the periods in time order, left to right, each at its last day', () => {
    expect(area.points.map((p) => p.period)).toEqual(['2021-Q2', '2022-Q4', '2023-Q2'])
    const xs = area.points.map((p) => p.x)
    expect([...xs].sort((a, b) => a - b)).toEqual(xs)
    expect(xs[0]).toBeGreaterThan(CHART.left)
  })

  it('draws the straight line from the baseline at its time to the target at the agreement end', () => {
    expect(model.trajectory).not.toBeNull()
    expect(model.trajectory!.from.value).toBe(20)
    expect(model.trajectory!.to.value).toBe(85)
    expect(model.trajectory!.from.x).toBeLessThan(area.points[0]!.x)
    expect(model.trajectory!.to.x).toBeGreaterThan(area.points[2]!.x)
    // Higher values are drawn higher up.
    expect(model.trajectory!.to.y).toBeLessThan(model.trajectory!.from.y)
  })

  it('names each year in the middle of its stretch, so the fourth quarter sits at the end of its own year', () => {
    const label = (year: string) => model.xLabels.find((l) => l.label === year)!
    const q4 = area.points.find((p) => p.period === '2022-Q4')!
    expect(q4.x).toBeGreaterThan(label('2022').x)
    expect(q4.x).toBeLessThan(label('2023').x)
  })

  it('keeps a share axis at or below 100 %', () => {
    expect(model.yTicks.at(-1)!.label).toBe('100\u00a0%')
  })

  it('says in words what the chart shows', () => {
    expect(model.summary).toContain('Linjediagram over Aktiveringsgrad blandt de ledige, andel i procent.')
    expect(model.summary).toContain('Boligområde: 3 værdier fra 21,5\u00a0% i 2. kvartal 2021 til 33,4\u00a0% i 2. kvartal 2023.')
    expect(model.summary).toContain('Kommune: 31,5\u00a0% i 2. kvartal 2021.')
    expect(model.summary).toContain('måltallet 85\u00a0% ved delaftalens udløb 31. august 2025')
  })

  it('draws no target line on the count scale when the target is a share', () => {
    const counts = series([value('2021-Q2', 21.5, 40)], { baseline: { share: 20, count: 233 } })
    expect(chartModel({ series: counts, measure: 'count', horizon: '2025-08-31', suppressed: false }).trajectory).toBeNull()
  })
})

describe('small counts hidden from a board member', () => {
  const s = series([value('2021-Q2', null, 230), value('2021-Q4', null, null, 'area', true), value('2022-Q2', null, 210)], {
    baseline: { count: 233 },
    comparisonBaseline: null,
    targets: [],
  })

  it('says a hidden count is hidden, in words', () => {
    expect(countHidden(s.values[1]!, s, true)).toBe(true)
    expect(countHidden(s.values[0]!, s, true)).toBe(false)
    expect(valueText(s.values[1]!, s, true)).toBe('Skjult af hensyn til små tal')
    expect(valueText(value('2021-Q4', 24, null, 'area', true), series([], { baseline: { share: 20, count: 40 } }), true)).toBe('24\u00a0% · antal skjult af hensyn til små tal')
    expect(valueText(value('2021-Q4', 24, null), series([], { baseline: { share: 20, count: 40 } }), true)).toBe('24\u00a0%')
  })

  it('breaks the line at a hidden value instead of drawing across it', () => {
    const model = chartModel({ series: s, measure: 'count', horizon: '2025-08-31', suppressed: true })
    const area = model.lines.find((l) => l.population === 'area')!
    expect(area.points).toHaveLength(3)
    expect(area.segments.map((seg) => seg.map((p) => p.period))).toEqual([['2021-Q2'], ['2022-Q2']])
    expect(model.summary).toContain('Én værdi er skjult af hensyn til små tal.')
  })
})

describe('the target the status follows', () => {
  it('takes a range by its near end and infers the direction from the baseline', () => {
    const s = series([], { baseline: { count: 0 }, targets: [{ key: 'h', description: '1-2 hold pr. år', value: 1, valueMax: 2, unit: 'hold' }] })
    expect(followedTarget(s)).toMatchObject({ measure: 'count', value: 1, baselineValue: 0 })
    const down = series([], { baseline: { count: 233 }, targets: [{ key: 'f', description: 'færre', value: 150, valueMax: 180, unit: 'beboere' }] })
    expect(followedTarget(down)).toMatchObject({ value: 180 })
  })

  it('skips a target whose measure the baseline lacks', () => {
    expect(followedTarget(series([], { baseline: { count: 233 } }))).toBeNull()
  })

  it('lists the measures a series speaks of, share first', () => {
    expect(seriesMeasures(series([value('2021', 18.2, 40)]))).toEqual(['share', 'count'])
    expect(seriesMeasures(series([], { baseline: { count: 233 }, comparisonBaseline: null, targets: [] }))).toEqual(['count'])
  })
})

describe('where a value came from', () => {
  it.each([
    [{ kind: 'typed', userName: 'Pia Projektleder' } as const, 'Indtastet af Pia Projektleder'],
    [{ kind: 'imported', importId: '00000000-0000-4000-8000-000000000001', fileName: 'aktivering.csv', row: 4, sheet: null, source: 'csv' } as const, 'Importeret fra aktivering.csv, række 4'],
    [{ kind: 'imported', importId: '00000000-0000-4000-8000-000000000001', fileName: 'udtræk.xlsx', row: 12, sheet: 'Ark1', source: 'xlsx' } as const, 'Importeret fra udtræk.xlsx, ark Ark1, række 12'],
    [{ kind: 'computed', rule: 'aktiveringsgrad', version: '2' } as const, 'Beregnet (aktiveringsgrad v2)'],
  ])('%o reads "%s"', (provenance, text) => {
    expect(provenanceText(provenance)).toBe(text)
  })
})
