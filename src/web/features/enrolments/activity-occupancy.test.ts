import { describe, expect, it } from 'vitest'
import { defaultLengthText, occupancyOf } from './activity-occupancy.ts'

// How full an activity is, in words: a pure function, tested without a browser.

const activity = (capacity: number | null, active: number, activeHidden = false) => ({ capacity, active, activeHidden })
const plain = (text: string) => text.replace(/\s/g, ' ')

describe('occupancyOf', () => {
  it('gives places taken against capacity', () => {
    const o = occupancyOf(activity(12, 9))
    expect(o).toMatchObject({ state: 'free', share: 0.75, over: 0 })
    expect(plain(o.text)).toBe('9 af 12 pladser er optaget (75 %)')
    expect(plain(o.shortText)).toBe('75 %')
  })

  it('says when the activity is full', () => {
    const o = occupancyOf(activity(12, 12))
    expect(o.state).toBe('full')
    expect(plain(o.text)).toBe('12 af 12 pladser er optaget (100 %): aktiviteten er fuld')
  })

  it('calls out overbooking with how many too many, never capped at 100 %', () => {
    const o = occupancyOf(activity(12, 14))
    expect(o).toMatchObject({ state: 'over', over: 2 })
    expect(plain(o.text)).toBe('14 af 12 pladser er optaget (117 %): 2 over kapaciteten')
    expect(plain(o.shortText)).toBe('117 %: 2 over kapaciteten')
  })

  it('uses the singular for one place', () => {
    expect(plain(occupancyOf(activity(1, 0)).text)).toBe('0 af 1 plads er optaget (0 %)')
  })

  it('has no share without a capacity', () => {
    const o = occupancyOf(activity(null, 4))
    expect(o).toMatchObject({ state: 'no-capacity', share: null })
    expect(o.text).toBe('4 i forløb; der er ikke angivet et antal pladser')
  })

  it('never shows a board member’s hidden count as 0', () => {
    const o = occupancyOf(activity(12, 0, true))
    expect(o).toMatchObject({ state: 'hidden', share: null })
    expect(o.text).toBe('Færre end 5 af 12 pladser er optaget')
    expect(o.text).not.toContain('0')
  })
})

describe('defaultLengthText', () => {
  it('says weeks, or that none is set', () => {
    expect(defaultLengthText(10)).toBe('10 uger')
    expect(defaultLengthText(1)).toBe('1 uge')
    expect(defaultLengthText(null)).toBe('Ikke angivet')
  })
})
