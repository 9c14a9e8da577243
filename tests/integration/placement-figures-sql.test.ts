import { beforeAll, describe, expect, it } from 'vitest'
import { activeCompaniesIn } from '../../src/server/features/companies/company-figures.ts'
import { jobOrEducationWithin13Weeks, type PlacementFact, placementsCompleted, placementsStarted } from '../../src/server/features/placements/placement-figures.ts'
import { placementFiguresIn } from '../../src/server/features/placements/placements.service.ts'
import { addDays } from '../../src/shared/lib/period.ts'
import type { PlacementOutcome } from '../../src/shared/placements.ts'
import { makePlan } from '../support/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// The placement figures are counted in SQL (decision 031, bench companies), and placement-figures.ts
// is their definition: on made timelines, with placements crossing every border of the period and
// of the 13 weeks, the SQL gives the pure rules' answers for every period and day asked.

let t: TestDatabase
let planId: string
const facts: PlacementFact[] = []

function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const BASE = '2025-01-01'
const OUTCOMES: PlacementOutcome[] = ['completed', 'job', 'education', 'dropped-out']

beforeAll(async () => {
  t = await testDatabase()
  planId = await makePlan(t.ctx, 'Sønderborg')
  const party = await t.db.selectFrom('plan_party').select('id').where('plan_id', '=', planId).where('kind', '=', 'boligsocial').executeTakeFirstOrThrow()
  const companies = await t.db
    .insertInto('company')
    .values(['20165715', '24256790', '61056416'].map((cvr, i) => ({ plan_id: planId, cvr, name: `Virksomhed ${i + 1}` })))
    .returning('id')
    .execute()
  const openings = await t.db
    .insertInto('opening')
    .values(companies.map((c) => ({ plan_id: planId, company_id: c.id, kind: 'virksomhedspraktik', title: 'Praktik', places: 500, status: 'open', created_on: BASE })))
    .returning(['id', 'company_id'])
    .execute()
  const people = await t.db
    .insertInto('participant')
    .values(Array.from({ length: 20 }, (_, i) => ({ plan_id: planId, pseudonym: `D-${i + 1}`, owner_party_id: party.id, registered_on: BASE, name: `Beboer ${i + 1}` })))
    .returning('id')
    .execute()
  const rnd = seeded(31)
  const rows = Array.from({ length: 400 }, (_, i) => {
    const startOn = addDays(BASE, Math.floor(rnd() * 500))
    const endOn = rnd() < 0.75 ? addDays(startOn, Math.floor(rnd() * 200)) : null
    const outcome = endOn ? OUTCOMES[Math.floor(rnd() * OUTCOMES.length)]! : null
    // The day work began: none given, inside the 13 weeks, on their last day, or after them.
    const o = rnd()
    const outcomeOn = outcome === 'job' || outcome === 'education' ? (o < 0.3 ? null : o < 0.5 ? addDays(endOn!, 91) : o < 0.6 ? addDays(endOn!, 92) : addDays(endOn!, Math.floor(rnd() * 150))) : null
    const opening = openings[i % openings.length]!
    facts.push({ companyId: opening.company_id, startOn, endOn, outcome, outcomeOn })
    return { plan_id: planId, opening_id: opening.id, participant_id: people[i % people.length]!.id, start_on: startOn, end_on: endOn, outcome, outcome_on: outcomeOn, end_note: outcome === 'dropped-out' ? 'Stoppede.' : null }
  })
  await t.db.insertInto('placement').values(rows).execute()
})

const periods = [
  ['2025-01-01', '2025-03-31'],
  ['2025-04-01', '2025-06-30'],
  ['2025-07-01', '2025-12-31'],
  ['2025-01-01', '2025-12-31'],
  ['2026-01-01', '2026-06-30'],
  ['2025-05-17', '2025-05-17'],
] as const

describe('placement figures in SQL against the pure rules', () => {
  it.each(periods)('gives the pure rules’ answers for %s to %s, on every day asked', async (from, to) => {
    for (const asOf of [to, addDays(to, 45), addDays(to, 91), addDays(to, 200)]) {
      const sql = await placementFiguresIn(t.ctx, planId, from, to, asOf)
      expect({ started: sql.started, completed: sql.completed, share: sql.share }).toEqual({
        started: placementsStarted(facts, from, to),
        completed: placementsCompleted(facts, from, to),
        share: jobOrEducationWithin13Weeks(facts, from, to, asOf),
      })
      expect(activeCompaniesIn([], from, to, sql.spans)).toBe(activeCompaniesIn([], from, to, facts))
    }
  })

  it('has something to count in every period, so the comparison means something', async () => {
    for (const [from, to] of periods.slice(0, 4)) {
      const r = await placementFiguresIn(t.ctx, planId, from, to, addDays(to, 200))
      expect(r.started).toBeGreaterThan(0)
      expect(r.share.numerator).toBeGreaterThan(0)
      expect(r.share.denominator).toBeGreaterThan(r.share.numerator)
    }
  })
})
