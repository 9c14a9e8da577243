import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readSeedAgreement } from '../agreements/seed-files.ts'
import { conversationMinutes, countedHours, type DerivedHours, deliveredFor, type TimeSheetHours } from './delivered-hours.ts'
import { promisesOf } from './promise-arithmetic.ts'

const content = readSeedAgreement('varde-beskaeftigelse').file.agreement
const promises = promisesOf(content)
const rules = new Map(content.activities.flatMap((a) => (a.timeRecording ? [[a.key, a.timeRecording] as const] : [])))
const youth = 'fremskudt-ungeindsats'
const caretaker = content.activities.find((a) => a.key === 'social-vicevaert')!
const promise = (key: string) => promises.find((p) => p.key === key)!

const sheet = (over: Partial<TimeSheetHours>): TimeSheetHours => ({ staffId: 'anna', partyId: 'ung', activityKey: youth, resourceKey: null, effortArea: null, weekStart: '2025-07-07', hours: 4, ...over })
const talk = (over: Partial<DerivedHours>): DerivedHours => ({ source: 'conversation', staffId: 'anna', partyId: 'ung', activityKey: youth, weekStart: '2025-07-07', minutes: 90, ...over })

describe('a conversation\'s time', () => {
  it('adds the activity\'s ½ hour of administration unless another is entered', () => {
    const rule = rules.get(youth)
    expect(conversationMinutes({ durationMinutes: 45, transportMinutes: 20, adminMinutes: null }, rule)).toBe(95)
    expect(conversationMinutes({ durationMinutes: 45, transportMinutes: 20, adminMinutes: 10 }, rule)).toBe(75)
    expect(conversationMinutes({ durationMinutes: 45, transportMinutes: 0, adminMinutes: null }, undefined)).toBe(45)
  })
})

describe('counted hours', () => {
  it('derives a week\'s hours from conversations toward the activity\'s promise', () => {
    const counted = countedHours([], [talk({ minutes: 95 }), talk({ minutes: 85 })], rules)
    expect(counted).toEqual([{ staffId: 'anna', partyId: 'ung', activityKey: youth, resourceKey: 'ungeindsats-jobcenter-timer', effortArea: null, weekStart: '2025-07-07', hours: 3, source: 'derived' }])
  })
  it('a time sheet for the same person, activity and week wins over the conversations', () => {
    const counted = countedHours([sheet({ hours: 6 })], [talk({ minutes: 95 }), talk({ minutes: 85 })], rules)
    expect(counted.reduce((s, c) => s + c.hours, 0)).toBe(6)
  })
  it('conversations in another week or by another person still count', () => {
    const counted = countedHours([sheet({ hours: 6 })], [talk({ weekStart: '2025-07-14', minutes: 60 }), talk({ staffId: 'bo', minutes: 30 })], rules)
    expect(counted.reduce((s, c) => s + c.hours, 0)).toBe(7.5)
  })
  it('derives nothing from conversations where the agreement does not say so', () => {
    expect(countedHours([], [talk({ activityKey: 'fremskudt-kontanthjaelp-og-integration' })], rules)).toEqual([])
  })
  it('a check-in (open counselling, later) derives hours by the same no-double-count rule', () => {
    const checkIn: DerivedHours = { source: 'check-in', staffId: 'anna', partyId: 'ung', activityKey: 'aaben-raadgivning', weekStart: '2025-07-07', minutes: 300 }
    expect(countedHours([], [checkIn], rules)[0]!.hours).toBe(5)
    expect(countedHours([sheet({ activityKey: 'aaben-raadgivning', hours: 4 })], [checkIn], rules).reduce((s, c) => s + c.hours, 0)).toBe(4)
  })

  it('never counts hours twice (property)', () => {
    const staff = fc.constantFrom('anna', 'bo', 'carl')
    const week = fc.constantFrom('2025-07-07', '2025-07-14', '2025-07-21')
    const activity = fc.constantFrom(youth, 'fremskudt-kontanthjaelp-og-integration', 'aaben-raadgivning')
    const sheets = fc.array(fc.record({ staffId: staff, weekStart: week, activityKey: activity, hours: fc.integer({ min: 1, max: 40 }).map((h) => h / 2) }), { maxLength: 12 })
    const derived = fc.array(
      fc.record({ source: fc.constantFrom('conversation' as const, 'check-in' as const), staffId: staff, weekStart: week, activityKey: activity, minutes: fc.integer({ min: 1, max: 600 }) }),
      { maxLength: 20 },
    )
    fc.assert(
      fc.property(sheets, derived, (s, d) => {
        const sheetRows = s.map((x) => sheet(x))
        const derivedRows = d.map((x) => talk(x))
        const counted = countedHours(sheetRows, derivedRows, rules)
        // Per person, activity and week: the sheet total where there is a sheet, else the derived total that may count.
        const cells = new Set([...sheetRows, ...derivedRows].map((r) => `${r.staffId}|${r.activityKey}|${r.weekStart}`))
        for (const c of cells) {
          const [staffId, activityKey, weekStart] = c.split('|')
          const inCell = <T extends { staffId: string; activityKey: string | null; weekStart: string }>(r: T) => r.staffId === staffId && r.activityKey === activityKey && r.weekStart === weekStart
          const sheetSum = sheetRows.filter(inCell).reduce((sum, r) => sum + r.hours, 0)
          const derivedSum =
            derivedRows.filter(inCell).filter((r) => r.source === 'check-in' || rules.get(r.activityKey)?.hoursFromConversations).reduce((sum, r) => sum + r.minutes, 0) / 60
          const got = counted.filter(inCell).reduce((sum, r) => sum + r.hours, 0)
          expect(got).toBeCloseTo(sheetSum > 0 ? sheetSum : derivedSum, 9)
          // A cell is fed by one source only.
          expect(new Set(counted.filter(inCell).map((r) => r.source)).size).toBeLessThanOrEqual(1)
        }
        // Adding the derived rows again (a second import of the same calendar) never changes a week a sheet covers.
        const again = countedHours(sheetRows, [...derivedRows, ...derivedRows], rules).filter((r) => r.source === 'sheet')
        expect(again.reduce((sum, r) => sum + r.hours, 0)).toBeCloseTo(sheetRows.reduce((sum, r) => sum + r.hours, 0), 9)
      }),
      { numRuns: 300 },
    )
  })
})

describe('hours delivered toward a promise', () => {
  const context = { allocations: caretaker.allocations, partyIds: ['ki'] }
  it('sheet hours on the 44-week promise also feed the 40-week line that states the same 16 hours', () => {
    const counted = countedHours([sheet({ activityKey: 'fremskudt-kontanthjaelp-og-integration', hours: 12, partyId: 'ki' })], [], rules)
    expect(deliveredFor(promise('kontanthjaelp-jobcenter-timer'), promises, counted, context)).toEqual({ hours: 12, people: 1 })
    expect(deliveredFor(promise('jobcenter-kontanthjaelp-og-integration'), promises, counted, context)).toEqual({ hours: 12, people: 1 })
    expect(deliveredFor(promise('ungeindsats-jobcenter-timer'), promises, counted, context).hours).toBe(0)
  })
  it('the social caretaker\'s hours for Beskæftigelse count whole; hours for no area count 8,5/29,5', () => {
    const counted = countedHours(
      [
        sheet({ activityKey: 'social-vicevaert', effortArea: 'beskaeftigelse', hours: 8 }),
        sheet({ activityKey: 'social-vicevaert', effortArea: 'kriminalitetsforebyggelse', hours: 4, weekStart: '2025-07-14' }),
        sheet({ activityKey: 'social-vicevaert', effortArea: null, hours: 29.5, weekStart: '2025-07-21' }),
      ],
      [],
      rules,
    )
    expect(deliveredFor(promise('social-vicevaert@beskaeftigelse'), promises, counted, context).hours).toBeCloseTo(16.5, 10)
  })
  it('a headcount counts the people of the promise\'s parties with hours', () => {
    const counted = countedHours([sheet({ partyId: 'ki' }), sheet({ staffId: 'bo', partyId: 'ki' }), sheet({ staffId: 'carl', partyId: 'other' })], [], rules)
    const headcount = { ...promise('kontanthjaelp-jobcenter-timer'), key: 'x', resourceUnit: 'headcount' as const, quantity: 2 }
    expect(deliveredFor(headcount, promises, counted, context).people).toBe(2)
  })
})

