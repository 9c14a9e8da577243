import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Target } from '../../../shared/agreements.ts'
import { IndicatorStatus } from '../../../shared/indicators.ts'
import { indicatorStatus, type IndicatorStatusInput } from './indicator-status.ts'

const nbsp = '\u00a0'
const pct = (s: string) => `${s}${nbsp}%`

type Value = IndicatorStatusInput['values'][number]
const share = (period: string, v: number | null): Value => ({ period, share: v, count: null })
const count = (period: string, v: number | null): Value => ({ period, share: null, count: v })

const target = (t: Partial<Target> & Pick<Target, 'value' | 'unit'>): Target => ({ key: 'maal', description: 'Måltal', ...t })

/** Sønderborg's activation rate: 20 % at the end of February 2021, up to 85 % by 31 August 2025. */
const activation: IndicatorStatusInput = {
  baseline: { share: 20 },
  baselineTime: { kind: 'month', year: 2021, month: 2, label: 'Udgang februar 2021' },
  targets: [target({ value: 85, unit: '%', qualifier: 'op til', horizon: 'over en årrække', direction: 'up' })],
  values: [],
  horizon: '2025-08-31',
}

/** Sønderborg's unemployed residents: 233 at the end of February 2021; a target of 150 (no direction given). */
const unemployed: IndicatorStatusInput = {
  baseline: { count: 233 },
  baselineTime: { kind: 'month', year: 2021, month: 2 },
  targets: [target({ value: 150, unit: 'ledige' })],
  values: [],
  horizon: '2025-08-31',
}

/** A line that is easy to check by hand: 20 % at the end of 2020 to 60 % at the end of 2022 (730 days). */
const simple: IndicatorStatusInput = {
  baseline: { share: 20 },
  baselineTime: { kind: 'year', year: 2020 },
  targets: [target({ value: 60, unit: '%' })],
  values: [],
  horizon: '2022-12-31',
}

const status = (input: IndicatorStatusInput, values: Value[], asOf = '2024-01-15') => {
  const result = indicatorStatus({ ...input, values }, asOf)
  // Every result fits the contract the API sends.
  expect(IndicatorStatus.parse(result)).toEqual(result)
  return result
}

describe('indicatorStatus: on track or behind', () => {
  it('is on track when the latest share is above the straight line towards the target', () => {
    expect(status(activation, [share('2023-Q1', 40), share('2023-Q2', 55)])).toEqual({
      state: 'on-track',
      explanation: `Seneste værdi ${pct('55')} (2. kvartal 2023) er bedre end forventet ${pct('53,67')} på vejen fra ${pct('20')} (februar 2021) mod ${pct('85')} (31. august 2025).`,
      expected: 53.67,
      latest: 55,
      latestPeriod: '2023-Q2',
    })
  })

  it('is behind when the latest share is below the line', () => {
    expect(status(activation, [share('2023-Q2', 24)])).toEqual({
      state: 'behind',
      explanation: `Seneste værdi ${pct('24')} (2. kvartal 2023) er dårligere end forventet ${pct('53,67')} på vejen fra ${pct('20')} (februar 2021) mod ${pct('85')} (31. august 2025).`,
      expected: 53.67,
      latest: 24,
      latestPeriod: '2023-Q2',
    })
  })

  it('is on track exactly on the line', () => {
    // The end of 2021 is halfway (365 of 730 days) from 20 % to 60 %.
    expect(status(simple, [share('2021', 40)])).toEqual({
      state: 'on-track',
      explanation: `Seneste værdi ${pct('40')} (2021) svarer til forventet ${pct('40')} på vejen fra ${pct('20')} (2020) mod ${pct('60')} (31. december 2022).`,
      expected: 40,
      latest: 40,
      latestPeriod: '2021',
    })
  })

  it('compares at the two decimals the board reads', () => {
    // 20 + 40 × 181/730 = 29,9178…, shown and compared as 29,92.
    expect(status(simple, [share('2021-H1', 29.92)])).toMatchObject({ state: 'on-track', expected: 29.92 })
    expect(status(simple, [share('2021-H1', 29.9199)])).toMatchObject({ state: 'on-track', expected: 29.92 })
    expect(status(simple, [share('2021-H1', 29.91)])).toMatchObject({ state: 'behind', expected: 29.92 })
  })

  it('expects the baseline for a value measured before the baseline time', () => {
    expect(status(simple, [share('2020-Q3', 19)])).toEqual({
      state: 'behind',
      explanation: `Seneste værdi ${pct('19')} (3. kvartal 2020) er dårligere end forventet ${pct('20')}, som er baselinen (2020), fordi målingen er fra før baselinetidspunktet.`,
      expected: 20,
      latest: 19,
      latestPeriod: '2020-Q3',
    })
    expect(status(simple, [share('2020-Q3', 20)])).toMatchObject({ state: 'on-track', expected: 20 })
  })

  it('expects the baseline at the baseline time itself', () => {
    expect(status(simple, [share('2020-Q4', 20)])).toMatchObject({ state: 'on-track', expected: 20 })
    expect(status(simple, [share('2020', 20)])).toMatchObject({ state: 'on-track', expected: 20 })
  })

  it('expects the target after the end date', () => {
    expect(status(simple, [share('2023-Q1', 61)], '2023-06-01')).toEqual({
      state: 'on-track',
      explanation: `Seneste værdi ${pct('61')} (1. kvartal 2023) er bedre end forventet ${pct('60')}, som er måltallet, fordi målingen er fra efter 31. december 2022.`,
      expected: 60,
      latest: 61,
      latestPeriod: '2023-Q1',
    })
    expect(status(simple, [share('2023-Q1', 59.5)], '2023-06-01')).toMatchObject({ state: 'behind', expected: 60 })
  })

  it('expects the target on the end date itself', () => {
    expect(status(simple, [share('2022-Q4', 60)], '2023-06-01')).toMatchObject({ state: 'on-track', expected: 60 })
    expect(status(simple, [share('2022-12-31', 59)], '2023-06-01')).toMatchObject({ state: 'behind', expected: 60 })
  })

  it('places a baseline given as a date on that day', () => {
    const input: IndicatorStatusInput = { ...simple, baselineTime: { kind: 'date', date: '2021-06-02' } }
    const result = status(input, [share('2021-06-02', 20)])
    expect(result).toMatchObject({ state: 'on-track', expected: 20 })
    expect(result.explanation).toContain(`fra ${pct('20')} (02.06.2021)`)
  })
})

describe('indicatorStatus: which way is good', () => {
  it('infers that lower is better when the target is below the baseline (unemployed falling from 233)', () => {
    // 233 + (150 − 233) × 671/1645 = 199,14 at the end of 2022.
    expect(status(unemployed, [count('2022-Q4', 195)])).toEqual({
      state: 'on-track',
      explanation: 'Seneste værdi 195 ledige (4. kvartal 2022) er bedre end forventet 199,14 ledige på vejen fra 233 ledige (februar 2021) mod 150 ledige (31. august 2025).',
      expected: 199.14,
      latest: 195,
      latestPeriod: '2022-Q4',
    })
    expect(status(unemployed, [count('2022-Q4', 205)])).toMatchObject({ state: 'behind', expected: 199.14 })
  })

  it('says a rise is worse when lower is better', () => {
    expect(status(unemployed, [count('2021-Q1', 240)]).explanation).toMatch(/^Seneste værdi 240 ledige \(1\. kvartal 2021\) er dårligere end forventet/)
  })

  it('follows a stated direction even where the numbers would suggest the other', () => {
    // "Hold the share of unemployed at or below 30 %", starting at 25 %: lower is better although the target is higher.
    const input: IndicatorStatusInput = { ...simple, baseline: { share: 25 }, targets: [target({ value: 30, unit: '%', direction: 'down' })] }
    expect(status(input, [share('2021', 27)])).toMatchObject({ state: 'on-track', expected: 27.5 })
    expect(status(input, [share('2021', 28)])).toMatchObject({ state: 'behind', expected: 27.5 })
  })

  it('counts a range by its lower end when higher is better', () => {
    const input: IndicatorStatusInput = { ...simple, baseline: { count: 0 }, targets: [target({ value: 1, valueMax: 2, unit: 'hold' })] }
    expect(status(input, [count('2023', 1)])).toMatchObject({ state: 'on-track', expected: 1 })
    expect(status(input, [count('2021', 0.5)])).toMatchObject({ state: 'on-track', expected: 0.5 })
    expect(status(input, [count('2023', 1)]).explanation).toContain('som er måltallet')
  })

  it('counts a range by its upper end when lower is better', () => {
    const input: IndicatorStatusInput = { ...simple, baseline: { count: 10 }, targets: [target({ value: 4, valueMax: 6, unit: 'borgere' })] }
    expect(status(input, [count('2021', 8)])).toMatchObject({ state: 'on-track', expected: 8 })
    expect(status(input, [count('2023', 6)])).toMatchObject({ state: 'on-track', expected: 6 })
    expect(status(input, [count('2023', 7)])).toMatchObject({ state: 'behind', expected: 6 })
  })
})

describe('indicatorStatus: which values count', () => {
  it('takes the latest period, whatever the order of the values', () => {
    const result = status(activation, [share('2023-Q2', 55), share('2021-Q4', 10), share('2023-Q1', 90), share('2022', 50)])
    expect(result).toMatchObject({ latest: 55, latestPeriod: '2023-Q2', state: 'on-track' })
  })

  it('orders periods of different kinds by their last day', () => {
    // The year 2022, its fourth quarter and its December end on the same day; the shorter period starts later, sorts later and wins.
    expect(status(activation, [share('2022-Q4', 47), share('2022', 10)])).toMatchObject({ latest: 47, latestPeriod: '2022-Q4' })
    expect(status(activation, [share('2022-12', 47), share('2022-Q4', 10)])).toMatchObject({ latest: 47, latestPeriod: '2022-12' })
    expect(status(activation, [share('2023-01-15', 47), share('2022', 10)])).toMatchObject({ latest: 47, latestPeriod: '2023-01-15' })
  })

  it('leaves out periods that have not ended by the date of the status', () => {
    const values = [share('2023-Q1', 40), share('2023-Q2', 60)]
    expect(status(activation, values, '2023-06-29')).toMatchObject({ latest: 40, latestPeriod: '2023-Q1' })
    expect(status(activation, values, '2023-06-30')).toMatchObject({ latest: 60, latestPeriod: '2023-Q2' })
  })

  it('has no data when every value lies in a period not yet ended', () => {
    expect(status(activation, [share('2023-Q2', 60), share('2023', 70)], '2023-06-15')).toEqual({
      state: 'no-data',
      explanation: 'Der er endnu ingen værdi for andelen i en periode, der er slut senest 15. juni 2023, så status kan ikke vurderes.',
      expected: null,
      latest: null,
      latestPeriod: null,
    })
  })

  it('has no data without values', () => {
    expect(status(unemployed, [])).toEqual({
      state: 'no-data',
      explanation: 'Der er endnu ingen værdi for antallet i en periode, der er slut senest 15. januar 2024, så status kan ikke vurderes.',
      expected: null,
      latest: null,
      latestPeriod: null,
    })
  })

  it('has no data when the values have only the other measure', () => {
    expect(status(activation, [count('2023-Q2', 40)]).state).toBe('no-data')
    expect(status(unemployed, [share('2023-Q2', 40)]).state).toBe('no-data')
  })

  it('compares shares for a target in % and counts for any other unit', () => {
    const both: Value[] = [
      { period: '2022-Q4', share: 50, count: 190 },
      { period: '2023-Q1', share: null, count: 180 },
      { period: '2023-Q2', share: 52, count: null },
    ]
    expect(status({ ...activation, baseline: { share: 20, count: 233 } }, both)).toMatchObject({ latest: 52, latestPeriod: '2023-Q2', expected: 53.67, state: 'behind' })
    expect(status({ ...unemployed, baseline: { share: 20, count: 233 } }, both)).toMatchObject({ latest: 180, latestPeriod: '2023-Q1', expected: 194.6, state: 'on-track' })
  })

  it('ignores values whose period cannot be read', () => {
    expect(status(activation, [share('2023-Q2', 60), share('2023-Q5', 10), share('2024-02-30', 10)])).toMatchObject({ latest: 60, latestPeriod: '2023-Q2' })
  })

  it('handles decimal counts (full-time persons)', () => {
    const input: IndicatorStatusInput = { ...unemployed, baseline: { count: 22.2, countLabel: 'fuldtidspersoner' }, targets: [target({ value: 18.5, unit: 'fuldtidspersoner' })] }
    // 22,2 + (18,5 − 22,2) × 306/1645 = 21,51 at the end of 2021.
    expect(status(input, [count('2021', 21.6)])).toEqual({
      state: 'behind',
      explanation: 'Seneste værdi 21,6 fuldtidspersoner (2021) er dårligere end forventet 21,51 fuldtidspersoner på vejen fra 22,2 fuldtidspersoner (februar 2021) mod 18,5 fuldtidspersoner (31. august 2025).',
      expected: 21.51,
      latest: 21.6,
      latestPeriod: '2021',
    })
    expect(status(input, [count('2021', 21.45)])).toMatchObject({ state: 'on-track' })
  })
})

describe('indicatorStatus: no target', () => {
  it('says so plainly, and still reports the latest value', () => {
    expect(status({ ...activation, targets: [] }, [share('2023-Q1', 40), share('2023-Q2', 45)])).toEqual({
      state: 'no-target',
      explanation: 'Indikatoren har intet måltal, så status kan ikke vurderes.',
      expected: null,
      latest: 45,
      latestPeriod: '2023-Q2',
    })
  })

  it('reports the latest count for a baseline with only a count', () => {
    expect(status({ ...unemployed, targets: [] }, [count('2023-Q2', 180)])).toMatchObject({ state: 'no-target', latest: 180 })
  })

  it('comes before "no data": without a target there is nothing to judge', () => {
    expect(status({ ...activation, targets: [] }, [])).toMatchObject({ state: 'no-target', latest: null, latestPeriod: null })
  })

  it('explains a target in % on a baseline without a share', () => {
    expect(status({ ...unemployed, targets: [target({ value: 10, unit: '%' })] }, [count('2023-Q2', 180)])).toEqual({
      state: 'no-target',
      explanation: 'Måltallet er en andel, men baselinen har ingen andel, så status kan ikke vurderes.',
      expected: null,
      latest: null,
      latestPeriod: null,
    })
  })

  it('explains a count target on a baseline without a count', () => {
    expect(status({ ...activation, targets: [target({ value: 10, unit: 'borgere' })] }, [share('2023-Q2', 40)]).explanation).toBe(
      'Måltallet er et antal, men baselinen har intet antal, så status kan ikke vurderes.',
    )
  })

  it('explains a target equal to the baseline with no direction', () => {
    expect(status({ ...activation, targets: [target({ value: 20, unit: '%' })] }, [share('2023-Q2', 40)])).toMatchObject({
      state: 'no-target',
      explanation: 'Måltallet ligger ved baselinen, og der er ikke angivet en ønsket udvikling, så status kan ikke vurderes.',
      latest: 40,
    })
    // With a direction it can be followed: hold the level.
    expect(status({ ...activation, targets: [target({ value: 20, unit: '%', direction: 'up' })] }, [share('2023-Q2', 20)])).toMatchObject({ state: 'on-track', expected: 20 })
  })

  it('uses the first target that can be followed', () => {
    const input: IndicatorStatusInput = { ...activation, targets: [target({ value: 10, unit: 'borgere' }), target({ key: 'andel', value: 85, unit: ' % ' })] }
    expect(status(input, [share('2023-Q2', 55)])).toMatchObject({ state: 'on-track', expected: 53.67 })
  })
})

describe('indicatorStatus: refusals', () => {
  it('refuses a date of status or an end date that is not a calendar day', () => {
    expect(() => indicatorStatus(activation, '2023-02-30')).toThrow(RangeError)
    expect(() => indicatorStatus(activation, '15.01.2024')).toThrow(RangeError)
    expect(() => indicatorStatus({ ...activation, horizon: '2025-08' }, '2024-01-15')).toThrow(RangeError)
  })
})

describe('indicatorStatus: properties', () => {
  const day = fc.date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
  const period = fc.oneof(
    fc.integer({ min: 2017, max: 2030 }).map(String),
    fc.tuple(fc.integer({ min: 2017, max: 2030 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
    fc.tuple(fc.integer({ min: 2017, max: 2030 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    day,
  )
  const amount = fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true })
  const scenario = fc.record({
    unit: fc.constantFrom('%', 'borgere'),
    baselineValue: fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
    targetValue: fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
    direction: fc.constantFrom<'up' | 'down' | undefined>('up', 'down', undefined),
    baselineYear: fc.integer({ min: 2017, max: 2024 }),
    horizon: day,
    values: fc.array(fc.record({ period, value: amount }), { minLength: 1, maxLength: 8 }),
    asOf: day,
    step: fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true }),
  })

  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never
  const build = (s: Scenario) => {
    const measure = s.unit === '%' ? 'share' : 'count'
    const input: IndicatorStatusInput = {
      baseline: measure === 'share' ? { share: s.baselineValue } : { count: s.baselineValue },
      baselineTime: { kind: 'year', year: s.baselineYear },
      targets: [target({ value: s.targetValue, unit: s.unit, direction: s.direction })],
      values: s.values.map((v) => ({ period: v.period, share: measure === 'share' ? v.value : null, count: measure === 'count' ? v.value : null })),
      horizon: s.horizon,
    }
    return input
  }

  it('never turns on-track into behind when the latest value moves in the good direction', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = build(s)
        const before = indicatorStatus(input, s.asOf)
        if (before.state !== 'on-track') return
        const measure = s.unit === '%' ? 'share' : 'count'
        const direction = s.direction ?? (s.targetValue > s.baselineValue ? 'up' : 'down')
        const moved = direction === 'up' ? before.latest! + s.step : Math.max(0, before.latest! - s.step)
        const values = input.values.map((v) => (v.period === before.latestPeriod ? { ...v, [measure]: moved } : v))
        const after = indicatorStatus({ ...input, values }, s.asOf)
        expect(after.latestPeriod).toBe(before.latestPeriod)
        expect(after.state).toBe('on-track')
      }),
    )
  })

  it('expects a value between the baseline and the target, and judges by it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = indicatorStatus(build(s), s.asOf)
        IndicatorStatus.parse(result)
        expect(result.explanation).toMatch(/^[A-ZÆØÅ].*\.$/)
        expect(result.explanation).not.toContain('\n')
        if (result.state !== 'on-track' && result.state !== 'behind') return
        const low = Math.min(s.baselineValue, s.targetValue) - 0.005
        const high = Math.max(s.baselineValue, s.targetValue) + 0.005
        expect(result.expected!).toBeGreaterThanOrEqual(low)
        expect(result.expected!).toBeLessThanOrEqual(high)
        const shown = Math.round(result.latest! * 100) / 100
        const direction = s.direction ?? (s.targetValue > s.baselineValue ? 'up' : 'down')
        const good = direction === 'up' ? shown >= result.expected! : shown <= result.expected!
        expect(result.state).toBe(good ? 'on-track' : 'behind')
      }),
    )
  })

  it('reports no data exactly when no period with a value has ended by the date of the status', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = indicatorStatus(build(s), s.asOf)
        if (result.state === 'no-target') return
        expect(result.state === 'no-data').toBe(s.values.every((v) => periodEnd(v.period) > s.asOf))
      }),
    )
  })
})

/** The last day of the keys the property tests generate. */
function periodEnd(key: string): string {
  if (/^\d{4}$/.test(key)) return `${key}-12-31`
  const q = /^(\d{4})-Q(\d)$/.exec(key)
  if (q) return `${q[1]}-${['03-31', '06-30', '09-30', '12-31'][Number(q[2]) - 1]}`
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m) return `${key}-${new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate()}`
  return key
}
