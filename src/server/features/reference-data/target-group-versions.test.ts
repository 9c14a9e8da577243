import { describe, expect, it } from 'vitest'
import { clash, inForce, overlaps } from './target-group-versions.ts'

const v = (code: string, validFrom: string, validTo: string | null, label = `${code} fra ${validFrom}`) => ({ code, label, validFrom, validTo })

describe('periods of a code', () => {
  it('overlap when they share a day, both ends included', () => {
    expect(overlaps(v('6.2', '2019-01-01', '2025-06-30'), v('6.2', '2025-06-30', null))).toBe(true)
    expect(overlaps(v('6.2', '2019-01-01', '2025-06-30'), v('6.2', '2025-07-01', null))).toBe(false)
    expect(overlaps(v('6.2', '2025-07-01', null), v('6.2', '2019-01-01', '2025-06-30'))).toBe(false)
    expect(overlaps(v('6.2', '2025-07-01', null), v('6.2', '2030-01-01', null))).toBe(true)
    expect(overlaps(v('6.2', '2020-01-01', '2020-01-01'), v('6.2', '2020-01-01', '2020-01-01'))).toBe(true)
  })

  it('a new version clashes with a version of the same code that covers its days, never with another code or itself', () => {
    const existing = [v('6.2', '2019-01-01', '2025-06-30'), v('6.3', '2019-01-01', null)]
    expect(clash(existing, v('6.2', '2025-07-01', null))).toBeNull()
    expect(clash(existing, v('6.2', '2025-01-01', null))).toMatchObject({ code: '6.2', validFrom: '2019-01-01' })
    expect(clash(existing, v('6.4', '2019-01-01', null))).toBeNull()
    // Editing a version compares it with the others, not with the version it replaces.
    expect(clash(existing, v('6.2', '2019-01-01', '2024-12-31'))).toBeNull()
  })
})

describe('codes in force on a day', () => {
  const versions = [
    v('6.2', '2019-01-01', '2025-06-30', 'Jobparat kontanthjælps- og overgangsydelsesmodtager'),
    v('6.2', '2025-07-01', null, 'Jobparat kontanthjælpsmodtager'),
    v('6.10', '2019-01-01', null, 'Fleksjob'),
    v('6.1', '2019-01-01', null, 'Dagpengemodtager'),
    v('INT-SP', '2019-01-01', '2025-06-30', 'Selvforsørgende i program'),
  ]

  it('gives one version per code, the one in force, in the order a reader counts them', () => {
    expect(inForce(versions, '2025-06-30').map((x) => [x.code, x.label])).toEqual([
      ['6.1', 'Dagpengemodtager'],
      ['6.2', 'Jobparat kontanthjælps- og overgangsydelsesmodtager'],
      ['6.10', 'Fleksjob'],
      ['INT-SP', 'Selvforsørgende i program'],
    ])
    expect(inForce(versions, '2025-07-01').map((x) => [x.code, x.label])).toEqual([
      ['6.1', 'Dagpengemodtager'],
      ['6.2', 'Jobparat kontanthjælpsmodtager'],
      ['6.10', 'Fleksjob'],
    ])
  })

  it('offers nothing before a code began', () => {
    expect(inForce(versions, '2018-12-31')).toEqual([])
  })
})
