import { describe, expect, it } from 'vitest'
import { activeCompaniesIn, companiesInNetworkOn, openingsCreatedByKind } from './company-figures.ts'

// A hand-made network in Sønderborg:
//   A joins 2026-01-15, still in.
//   B joins 2026-02-01, leaves 2026-06-30, comes back 2026-09-01.
//   C joins 2026-03-10, leaves 2026-03-31.
//   D joins 2026-12-01 (after every day asked about below but the last).
const periods = [
  { companyId: 'A', joinedOn: '2026-01-15', leftOn: null },
  { companyId: 'B', joinedOn: '2026-02-01', leftOn: '2026-06-30' },
  { companyId: 'B', joinedOn: '2026-09-01', leftOn: null },
  { companyId: 'C', joinedOn: '2026-03-10', leftOn: '2026-03-31' },
  { companyId: 'D', joinedOn: '2026-12-01', leftOn: null },
]

describe('companies in the network on a day', () => {
  it.each([
    ['2026-01-14', 0], // nobody yet
    ['2026-01-15', 1], // A from its first day
    ['2026-02-01', 2], // A, B
    ['2026-03-10', 3], // A, B, C
    ['2026-03-30', 3], // C's last day in
    ['2026-03-31', 2], // C left that day
    ['2026-06-29', 2], // B's last day in its first period
    ['2026-06-30', 1], // B out
    ['2026-08-31', 1],
    ['2026-09-01', 2], // B back
    ['2026-12-31', 3], // A, B, D; B counted once though it has two periods
  ] as const)('on %s counts %i', (day, expected) => {
    expect(companiesInNetworkOn(periods, day)).toBe(expected)
  })

  it('counts a company with two open-ended periods once', () => {
    expect(companiesInNetworkOn([{ companyId: 'A', joinedOn: '2026-01-01', leftOn: null }, { companyId: 'A', joinedOn: '2026-02-01', leftOn: null }], '2026-03-01')).toBe(1)
  })

  it('is 0 for an empty network', () => {
    expect(companiesInNetworkOn([], '2026-01-01')).toBe(0)
  })
})

describe('active companies in a period', () => {
  const contacts = [
    { companyId: 'A', happenedOn: '2026-01-01' },
    { companyId: 'A', happenedOn: '2026-03-15' },
    { companyId: 'B', happenedOn: '2026-03-31' },
    { companyId: 'C', happenedOn: '2026-04-01' },
    { companyId: 'D', happenedOn: '2025-12-31' },
  ]

  it.each([
    ['2026-01-01', '2026-03-31', 2], // A (twice, counted once) and B on the last day
    ['2026-01-02', '2026-03-30', 1], // A's second contact only
    ['2026-04-01', '2026-06-30', 1], // C on the first day
    ['2025-01-01', '2025-12-31', 1], // D
    ['2026-07-01', '2026-12-31', 0],
    ['2025-01-01', '2026-12-31', 4],
  ] as const)('from %s to %s counts %i', (from, to, expected) => {
    expect(activeCompaniesIn(contacts, from, to)).toBe(expected)
  })
})

describe('openings created by kind in a period', () => {
  const openings = [
    { kind: 'virksomhedspraktik', createdOn: '2026-01-01' },
    { kind: 'virksomhedspraktik', createdOn: '2026-02-10' },
    { kind: 'smaajob', createdOn: '2026-03-31' },
    { kind: 'fritidsjob', createdOn: '2026-04-01' },
    { kind: 'virksomhedspraktik', createdOn: '2025-12-31' },
  ] as const

  it('counts every kind in the period, both ends included, with 0 for the rest', () => {
    expect(openingsCreatedByKind(openings, '2026-01-01', '2026-03-31')).toEqual([
      { kind: 'virksomhedspraktik', count: 2 },
      { kind: 'smaajob', count: 1 },
      { kind: 'fritidsjob', count: 0 },
      { kind: 'lommepengejob', count: 0 },
      { kind: 'loentilskud', count: 0 },
      { kind: 'ordinaert-job', count: 0 },
      { kind: 'virksomhedscenter', count: 0 },
      { kind: 'snusepraktik', count: 0 },
    ])
  })

  it('counts a one-day period', () => {
    const byKind = openingsCreatedByKind(openings, '2026-04-01', '2026-04-01')
    expect(byKind.filter((k) => k.count > 0)).toEqual([{ kind: 'fritidsjob', count: 1 }])
  })
})
