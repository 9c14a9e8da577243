import { beforeAll, describe, expect, it } from 'vitest'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import type { ParticipantList } from '../../src/shared/participants.ts'
import { type TestUser, login, makeUser, testApp } from '../support/app.ts'
import { testDatabase } from '../support/db.ts'

// The residents list counts no further than 1 000 (or the end of the page asked for), and says
// "over" above it (decision 038): a plan of 1 100 residents, all owned by the housing-social team,
// the first 1 050 by pseudonym with an oral consent in force naming the job centre.

const RESIDENTS = 1100
const SHARED = 1050

let app: App
let planId: string
let cookies: { worker: string; jobcenter: string }

beforeAll(async () => {
  const t = await testDatabase()
  const s = await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
  planId = s.planId
  app = await testApp(t.ctx)
  const worker: TestUser = await makeUser(t.ctx, 'boligsocial', [planId])
  const jobcenter: TestUser = await makeUser(t.ctx, 'jobcenter', [planId])
  cookies = { worker: await login(app, worker), jobcenter: await login(app, jobcenter) }
  const parties = await t.ctx.db.selectFrom('plan_party').select(['id', 'kind']).where('plan_id', '=', planId).execute()
  const partyOf = (kind: string) => parties.find((p) => p.kind === kind)!.id
  const ids = await t.ctx.db
    .insertInto('participant')
    .values(
      Array.from({ length: RESIDENTS }, (_, i) => ({
        plan_id: planId,
        pseudonym: `D-${String(i + 1).padStart(4, '0')}`,
        owner_party_id: partyOf('boligsocial'),
        registered_on: '2026-01-01',
        name: `Beboer ${i + 1}`,
        created_by: worker.id,
      })),
    )
    .returning('id')
    .execute()
  const consents = await t.ctx.db
    .insertInto('consent')
    .values(ids.slice(0, SHARED).map((r) => ({ participant_id: r.id, categories: ['contact'], purpose: 'Job og praktik.', form: 'oral', given_on: '2026-01-01', recorded_by: worker.id })))
    .returning('id')
    .execute()
  await t.ctx.db
    .insertInto('consent_party')
    .values(consents.flatMap((c) => [{ consent_id: c.id, party_id: partyOf('boligsocial') }, { consent_id: c.id, party_id: partyOf('jobcenter') }]))
    .execute()
}, 120_000)

async function list(cookie: string, query = ''): Promise<ParticipantList> {
  const res = await app.inject({ method: 'GET', url: `/api/plans/${planId}/participants${query}`, headers: { cookie } })
  expect(res.statusCode).toBe(200)
  return res.json()
}

const pseudonyms = (l: ParticipantList) => l.items.map((i) => i.pseudonym)
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `D-${String(from + i).padStart(4, '0')}`)

describe('the residents list with more than 1 000 residents', () => {
  it('says "over 1 000" on the first page, and pages on past it until the count is exact', async () => {
    const first = await list(cookies.worker)
    expect([first.total, first.totalCapped, first.hiddenByConsent, first.hiddenCapped]).toEqual([1000, true, 0, false])
    expect(pseudonyms(first)).toEqual(range(1, 50))
    // Page 21 starts at the 1 001st; the count reaches the end of the page and there are still more.
    const p21 = await list(cookies.worker, '?page=21')
    expect(pseudonyms(p21)).toEqual(range(1001, 1050))
    expect([p21.total, p21.totalCapped]).toEqual([1050, true])
    // The last page: the count is exact again.
    const p22 = await list(cookies.worker, '?page=22')
    expect(pseudonyms(p22)).toEqual(range(1051, 1100))
    expect([p22.total, p22.totalCapped]).toEqual([1100, false])
  })

  it('caps the job centre\'s count of those it may see, and counts exactly those it may not', async () => {
    const first = await list(cookies.jobcenter)
    expect([first.total, first.totalCapped, first.hiddenByConsent, first.hiddenCapped]).toEqual([1000, true, RESIDENTS - SHARED, false])
    expect(first.items.map((i) => [i.pseudonym, i.name, i.scope])).toEqual(range(1, 50).map((p) => [p, `Beboer ${Number(p.slice(2))}`, 'consent']))
    // The last page it may see ends at the last resident with a consent.
    const p21 = await list(cookies.jobcenter, '?page=21')
    expect(pseudonyms(p21)).toEqual(range(1001, 1050))
    expect([p21.total, p21.totalCapped]).toEqual([1050, false])
  })

  it('counts a search below the limit exactly', async () => {
    const found = await list(cookies.jobcenter, '?q=d-10')
    // D-1000..D-1099, of which the job centre sees those up to D-1050.
    expect([found.total, found.totalCapped, found.hiddenByConsent]).toEqual([51, false, RESIDENTS - SHARED])
    expect(pseudonyms(found)).toEqual(range(1000, 1049))
  })
})
