import { describe, expect, it } from 'vitest'
import { type ComparisonTarget, toComparisonValues } from './comparison-import.ts'
import type { SourceRow } from './source-request.ts'

const row = (period: string, value: number | null, labels: Record<string, string> = { OMRÅDE: 'Varde' }): SourceRow => ({ period, value, labels, codes: {} })

const count: ComparisonTarget = { indicatorKey: 'offentligt-forsoergede-fuldtidspersoner', rowKey: '18-29-aarige', measure: 'count' }
const share = (unit?: 'percent' | 'fraction'): ComparisonTarget => ({
  indicatorKey: 'offentligt-forsoergede-fuldtidspersoner',
  rowKey: '18-29-aarige',
  measure: 'share',
  ...(unit ? { unit } : {}),
})

describe('toComparisonValues', () => {
  it('makes one comparison value per period, in time order, counts kept as they are (decimals too)', () => {
    const result = toComparisonValues([row('2023-Q2', 22.2), row('2023-Q1', 23), row('2022', 281.5)], count)

    expect(result.problems).toEqual([])
    expect(result.values).toEqual([
      { indicatorKey: 'offentligt-forsoergede-fuldtidspersoner', rowKey: '18-29-aarige', population: 'comparison', period: '2022', share: null, count: 281.5 },
      { indicatorKey: 'offentligt-forsoergede-fuldtidspersoner', rowKey: '18-29-aarige', population: 'comparison', period: '2023-Q1', share: null, count: 23 },
      { indicatorKey: 'offentligt-forsoergede-fuldtidspersoner', rowKey: '18-29-aarige', population: 'comparison', period: '2023-Q2', share: null, count: 22.2 },
    ])
  })

  it('takes shares as percent unless told they are fractions', () => {
    expect(toComparisonValues([row('2023-05', 12.1)], share()).values[0]?.share).toBe(12.1)
    expect(toComparisonValues([row('2023-05', 12.1)], share('percent')).values[0]?.share).toBe(12.1)
  })

  it('converts fractions to percent only when the target says the source gives fractions', () => {
    const result = toComparisonValues([row('2023-05', 0.1914), row('2023-06', 0.07), row('2023-07', 1)], share('fraction'))

    expect(result.problems).toEqual([])
    expect(result.values.map((v) => v.share)).toEqual([19.14, 7, 100])
  })

  it('refuses a "fraction" above 1 and says the source may already be in percent', () => {
    const result = toComparisonValues([row('2023-Q2', 12.1)], share('fraction'))

    expect(result.values).toEqual([])
    expect(result.problems).toEqual([
      {
        row: 1,
        column: null,
        sheet: null,
        message: 'Andelen for 2. kvartal 2023 er 12,1, som ikke er en brøk mellem 0 og 1. Angiver kilden andele i procent, så vælg enheden procent.',
      },
    ])
  })

  it('warns, without converting, when every share in percent is 1 % or less', () => {
    const result = toComparisonValues([row('2023', 0.19), row('2024', 0.21)], share())

    expect(result.values.map((v) => v.share)).toEqual([0.19, 0.21])
    expect(result.problems).toEqual([])
    expect(result.warnings.map((w) => w.message)).toEqual([
      'Alle andele er 1 % eller mindre. Skriver kilden andele som brøk (0,25 betyder 25 %), så vælg enheden brøk og hent igen; ellers er tallene rigtige, som de står.',
    ])
    // One share above 1 % settles it.
    expect(toComparisonValues([row('2023', 0.9), row('2024', 1.4)], share()).warnings).toEqual([])
    // Zeros alone say nothing either way.
    expect(toComparisonValues([row('2023', 0)], share()).warnings).toEqual([])
  })

  it('refuses shares outside 0–100 % and negative counts', () => {
    expect(toComparisonValues([row('2023-05', 112)], share()).problems.map((p) => p.message)).toEqual([
      'Andelen for maj 2023 er 112\u00a0%. En andel skal være mellem 0 og 100 %.',
    ])
    expect(toComparisonValues([row('2023-05', -1)], count).problems.map((p) => p.message)).toEqual([
      'Antallet for maj 2023 er -1. Et antal kan ikke være negativt.',
    ])
  })

  it('names the period and breakdown that has no figure (discretion)', () => {
    const result = toComparisonValues([row('2023-Q1', 14), row('2023-Q2', null, { OMRÅDE: 'Varde', ALDER: '16-24 år' })], count)

    expect(result.values.map((v) => v.period)).toEqual(['2023-Q1'])
    expect(result.problems).toEqual([
      {
        row: 2,
        column: null,
        sheet: null,
        message:
          'Kilden har intet tal for 2. kvartal 2023 (område: Varde, alder: 16-24 år): tallet er ikke offentliggjort eller er udeladt, fordi det er for lille (diskretionering).',
      },
    ])
  })

  it('refuses a period with more than one figure, naming what tells them apart', () => {
    const result = toComparisonValues(
      [
        row('2023-Q1', 10, { OMRÅDE: 'Varde', ALDER: '16-24 år' }),
        row('2023-Q1', 12, { OMRÅDE: 'Varde', ALDER: '25-29 år' }),
        row('2023-Q2', 11, { OMRÅDE: 'Varde', ALDER: '16-24 år' }),
      ],
      count,
    )

    expect(result.values.map((v) => [v.period, v.count])).toEqual([['2023-Q2', 11]])
    expect(result.problems).toEqual([
      {
        row: 1,
        column: null,
        sheet: null,
        message:
          'Kilden har 2 tal for 1. kvartal 2023 (alder: 16-24 år; alder: 25-29 år). Vælg kun én værdi for hver variabel undtagen tiden, så hver periode har ét tal.',
      },
    ])
  })

  it('refuses a period Indsats cannot store', () => {
    expect(toComparisonValues([row('2023-Q5', 1)], count).problems.map((p) => p.message)).toEqual(['Perioden "2023-Q5" er ikke en periode, Indsats kan gemme.'])
  })
})
