import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { DEFAULT_STAFF_TIME_SETTINGS, quarterSpan } from '../../src/server/features/staff-time/promise-arithmetic.ts'
import { quarterRows, quarterRowsFromWeeks, type QuarterResult } from '../../src/server/features/staff-time/quarter-view.ts'
import { conversationWeeksInSpan } from '../../src/server/features/staff-time/staff-time.repo.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { AgreementContent } from '../../src/shared/agreements.ts'
import { mondayOf } from '../../src/shared/lib/iso-week.ts'
import { addDays } from '../../src/shared/lib/period.ts'
import { makeUser } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// The quarter view sums a quarter's conversations per person, party, activity and week in SQL
// (staff-time.repo.ts `conversationWeeksInSpan`) instead of loading each one. The pure rule over
// single conversations (quarter-view.ts `quarterRows`) stays the spec: for random conversations in
// and around Varde's third quarter of 2025 (activities that derive hours and one that does not, the
// ½-hour rule and entered administrative time, a change of party mid-quarter) and random time sheets
// that must win over them, both give the same rows, hours and counts.

let t: TestDatabase
let planId: string
let content: AgreementContent
const activities: { id: string; key: string }[] = []
const staff: string[] = []
const parties: { id: string; name: string; unit: string | null }[] = []
const span = quarterSpan('2025-Q3')
const first = span.weeks[0]!
const last = addDays(span.weeks.at(-1)!, 6)

beforeAll(async () => {
  t = await testDatabase()
  const imported = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')
  planId = imported.planId
  content = readSeedAgreement('varde-beskaeftigelse').file.agreement
  for (const a of await t.db.selectFrom('activity').select(['id', 'key']).where('plan_id', '=', planId).orderBy('key').execute()) activities.push(a)
  for (const p of await t.db.selectFrom('plan_party').select(['id', 'name', 'unit']).where('plan_id', '=', planId).execute()) parties.push(p)
  for (let i = 0; i < 3; i++) staff.push((await makeUser(t.ctx, 'jobcenter', [planId])).id)
})

const conversationArb = () =>
  fc.record({
    staff: fc.nat({ max: 2 }),
    /** An index into the plan's parties, or none. */
    party: fc.option(fc.nat({ max: 20 }), { nil: null }),
    activity: fc.nat({ max: 20 }),
    /** Days from a week before the quarter to a week after it. */
    day: fc.integer({ min: -7, max: 7 * 14 + 7 }),
    durationMinutes: fc.integer({ min: 1, max: 180 }),
    transportMinutes: fc.integer({ min: 0, max: 90 }),
    adminMinutes: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  })

const sheetArb = () => fc.record({ staff: fc.nat({ max: 2 }), activity: fc.nat({ max: 20 }), week: fc.nat({ max: span.weeks.length - 1 }), halfHours: fc.integer({ min: 1, max: 40 }) })

/** The figures a reader sees, rounded past floating-point noise from summing minutes in another order. */
const shown = (r: QuarterResult) => ({
  conversations: r.conversationCount,
  conversationHours: r.conversationHours.toFixed(6),
  hoursTotal: r.hoursTotal.toFixed(6),
  rows: r.rows.map((row) => ({ ...row, deliveredHours: row.deliveredHours.toFixed(6), averagePerWeek: row.averagePerWeek?.toFixed(6) ?? null })),
})

describe('the quarter view summed in SQL', () => {
  it('gives the same rows as the pure rule over single conversations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(conversationArb(), { maxLength: 60 }), fc.array(sheetArb(), { maxLength: 8 }), async (talks, sheetSpecs) => {
        await t.db.deleteFrom('staff_conversation').where('plan_id', '=', planId).execute()
        const rows = talks.map((c) => ({
          plan_id: planId,
          activity_id: activities[c.activity % activities.length]!.id,
          staff_id: staff[c.staff]!,
          party_id: c.party === null ? null : parties[c.party % parties.length]!.id,
          kind: 'anonymous',
          held_on: addDays(first, c.day),
          place: 'Trivselshuset',
          duration_minutes: c.durationMinutes,
          transport_minutes: c.transportMinutes,
          admin_minutes: c.adminMinutes,
        }))
        if (rows.length) await t.db.insertInto('staff_conversation').values(rows).execute()
        const keyOf = new Map(activities.map((a) => [a.id, a.key]))
        // A sheet per person, activity and week at most, as the table allows.
        const seen = new Set<string>()
        const sheets = sheetSpecs.flatMap((s) => {
          const activityKey = activities[s.activity % activities.length]!.key
          const k = `${s.staff}|${activityKey}|${s.week}`
          if (seen.has(k)) return []
          seen.add(k)
          return [{ staffId: staff[s.staff]!, partyId: null, activityKey, resourceKey: null, effortArea: null, weekStart: span.weeks[s.week]!, hours: s.halfHours / 2 }]
        })
        const common = { content, parties, settings: DEFAULT_STAFF_TIME_SETTINGS, span, sheets, closes: new Map(), asOf: '2026-01-15' }
        const spec = quarterRows({
          ...common,
          conversations: rows.map((r) => ({
            staffId: r.staff_id,
            partyId: r.party_id,
            activityKey: keyOf.get(r.activity_id)!,
            weekStart: mondayOf(r.held_on),
            durationMinutes: r.duration_minutes,
            transportMinutes: r.transport_minutes,
            adminMinutes: r.admin_minutes,
          })),
        })
        const summed = await conversationWeeksInSpan(t.db, planId, content.activities.map((a) => a.key), first, last)
        const fromSql = quarterRowsFromWeeks({
          ...common,
          conversationWeeks: summed.map((c) => ({ staffId: c.staff_id, partyId: c.party_id, activityKey: c.activity_key, weekStart: c.week_start, conversations: c.conversations, minutes: c.minutes, byRule: c.by_rule })),
        })
        expect(shown(fromSql)).toEqual(shown(spec))
      }),
      { numRuns: 40 },
    )
  })

  it('counts a conversation in the week of its Monday, Sunday included', async () => {
    await t.db.deleteFrom('staff_conversation').where('plan_id', '=', planId).execute()
    const youth = activities.find((a) => a.key === 'fremskudt-ungeindsats')!
    // Sunday 6 July 2025 ends week 27 (Monday 30 June); Monday 7 July starts week 28.
    for (const heldOn of ['2025-07-06', '2025-07-07', '2025-07-13']) {
      await t.db.insertInto('staff_conversation').values({ plan_id: planId, activity_id: youth.id, staff_id: staff[0]!, kind: 'anonymous', held_on: heldOn, place: 'Trivselshuset', duration_minutes: 30, transport_minutes: 0, admin_minutes: null }).execute()
    }
    const summed = await conversationWeeksInSpan(t.db, planId, [youth.key], '2025-06-30', '2025-07-13')
    expect(summed.map((s) => [s.week_start, s.conversations, s.minutes, s.by_rule]).sort()).toEqual([
      ['2025-06-30', 1, 30, 1],
      ['2025-07-07', 2, 60, 2],
    ])
  })
})
