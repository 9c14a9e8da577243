import { describe, expect, it } from 'vitest'
import type { Figure } from '../../../shared/enrolments.ts'
import { HIDDEN_SMALL, currentPeriod, figureBasisText, figurePeriodOptions, figureValueText } from './figures-format.ts'

// The words for computed figures and the periods one can pick: pure functions, tested without a browser.

function figure(overrides: Partial<Figure>): Figure {
  return {
    key: 'active-participants',
    name: 'Aktive deltagere',
    definition: 'Antal forskellige deltagere …',
    ruleVersion: '1',
    value: 12,
    unit: 'count',
    numerator: null,
    denominator: null,
    hidden: false,
    note: null,
    ...overrides,
  }
}

describe('figureValueText', () => {
  it('shows a count as a Danish number', () => {
    expect(figureValueText(figure({ value: 1234 }))).toBe('1.234')
  })

  it('shows weeks with one decimal', () => {
    expect(figureValueText(figure({ key: 'course-length', unit: 'weeks', value: 9.642857 }))).toBe('9,6 uger')
    expect(figureValueText(figure({ key: 'course-length', unit: 'weeks', value: 10 }))).toBe('10,0 uger')
  })

  it('shows a share in per cent with one decimal, as the follow-up stores it', () => {
    expect(figureValueText(figure({ key: 'occupancy', unit: 'share', value: 0.8333 })).replace(/\s/g, ' ')).toBe('83,3 %')
    expect(figureValueText(figure({ key: 'occupancy', unit: 'share', value: 1.25 })).replace(/\s/g, ' ')).toBe('125,0 %')
  })

  it('says a hidden figure is hidden, also when a value slipped through', () => {
    expect(figureValueText(figure({ hidden: true, value: null }))).toBe(HIDDEN_SMALL)
    expect(figureValueText(figure({ hidden: true, value: 3 }))).toBe('Skjult (for få personer)')
  })

  it('says a figure without a value cannot be computed', () => {
    expect(figureValueText(figure({ key: 'transition-share', unit: 'share', value: null }))).toBe('Kan ikke opgøres')
  })
})

describe('figureBasisText', () => {
  it('names what each known figure counts', () => {
    expect(figureBasisText(figure({ key: 'course-length', unit: 'weeks', value: 10, denominator: 7 }))).toBe('Beregnet ud fra 7 afsluttede forløb')
    expect(figureBasisText(figure({ key: 'course-length', unit: 'weeks', value: 10, denominator: 1 }))).toBe('Beregnet ud fra 1 afsluttet forløb')
    expect(figureBasisText(figure({ key: 'occupancy', unit: 'share', value: 0.5, numerator: 552, denominator: 1104 }))).toBe('552 forløbsdage af 1.104 pladsdage')
    expect(figureBasisText(figure({ key: 'transition-share', unit: 'share', value: 0.4, numerator: 4, denominator: 10 }))).toBe('4 af 10 afsluttede forløb')
    expect(figureBasisText(figure({ key: 'activation-share', unit: 'share', value: 0.75, numerator: 9, denominator: 12 }))).toBe('9 af 12 forløb i gang')
  })

  it('falls back to plain numbers for a figure it does not know', () => {
    expect(figureBasisText(figure({ key: 'new-figure', numerator: 3, denominator: 8 }))).toBe('3 af 8')
    expect(figureBasisText(figure({ key: 'new-figure', numerator: null, denominator: 8 }))).toBe('Nævner: 8')
  })

  it('says nothing for a hidden figure or one without a basis', () => {
    expect(figureBasisText(figure({ key: 'transition-share', hidden: true, numerator: 2, denominator: 4 }))).toBeNull()
    expect(figureBasisText(figure({}))).toBeNull()
  })
})

describe('figurePeriodOptions', () => {
  it('starts on the current quarter and goes back through whole years, then lists the years', () => {
    const options = figurePeriodOptions('2026-08-14', 1)
    expect(options.map((o) => o.value)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1', '2026', '2025'])
    expect(options[0]).toEqual({ value: '2026-Q3', label: '3. kvartal 2026' })
  })

  it('offers no quarter that has not begun', () => {
    expect(figurePeriodOptions('2026-01-01', 0).map((o) => o.value)).toEqual(['2026-Q1', '2026'])
  })
})

describe('currentPeriod', () => {
  it('gives the quarter or year that holds the day', () => {
    expect(currentPeriod('2026-03-31', 'quarter')).toBe('2026-Q1')
    expect(currentPeriod('2026-04-01', 'quarter')).toBe('2026-Q2')
    expect(currentPeriod('2026-12-31', 'year')).toBe('2026')
  })

  it('refuses a day that does not exist', () => {
    expect(() => currentPeriod('2026-02-30', 'quarter')).toThrow(RangeError)
  })
})
