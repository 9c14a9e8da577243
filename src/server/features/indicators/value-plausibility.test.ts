import { describe, expect, it } from 'vitest'
import { plausibility } from './value-plausibility.ts'

const indicator = {
  rows: [
    { key: 'i-alt', baseline: { count: 233 }, comparison: { share: 4.1 } },
    { key: 'unge', baseline: { share: 12.5 } },
    { key: 'nul', baseline: { count: 0 } },
  ],
}

describe('a value for a period', () => {
  it('is refused before the period has begun, and taken from its first day', () => {
    expect(plausibility(indicator, { rowKey: 'i-alt', population: 'area', period: '2027-Q1' }, '2026-12-31')).toEqual({
      kind: 'refused',
      field: 'period',
      message: '1. kvartal 2027 er ikke begyndt endnu (den begynder 1. januar 2027). En værdi registreres, når perioden er begyndt; mål for perioden står i delaftalen.',
    })
    expect(plausibility(indicator, { rowKey: 'i-alt', population: 'area', period: '2027-Q1' }, '2027-01-01')).toBeNull()
    expect(plausibility(indicator, { rowKey: 'i-alt', population: 'area', period: '2026' }, '2026-12-06')).toBeNull()
    expect(plausibility(indicator, { rowKey: 'i-alt', population: 'area', period: '2026-12-07' }, '2026-12-06')?.kind).toBe('refused')
  })
})

describe('a count far from the baseline', () => {
  it('asks for confirmation above ten times the baseline of the same population, not at it', () => {
    expect(plausibility(indicator, { rowKey: 'i-alt', population: 'area', period: '2025', count: 2330 }, '2026-12-06')).toBeNull()
    expect(plausibility(indicator, { rowKey: 'i-alt', population: 'area', period: '2025', count: 2331 }, '2026-12-06')).toEqual({
      kind: 'confirm',
      field: 'count',
      message: 'Antallet 2.331 er mere end 10 gange baseline (233). Tjek tallet, og bekræft det, hvis det er rigtigt.',
    })
  })

  it('asks nothing where the baseline gives no yardstick: no count, a count of 0, or the comparison without one', () => {
    expect(plausibility(indicator, { rowKey: 'unge', population: 'area', period: '2025', count: 99999 }, '2026-12-06')).toBeNull()
    expect(plausibility(indicator, { rowKey: 'nul', population: 'area', period: '2025', count: 99999 }, '2026-12-06')).toBeNull()
    expect(plausibility(indicator, { rowKey: 'i-alt', population: 'comparison', period: '2025', count: 99999 }, '2026-12-06')).toBeNull()
  })
})
