import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONSENT_CATEGORIES, type ConsentCategory } from '../../src/shared/consents.ts'
import { addDays } from '../../src/shared/lib/period.ts'
import type { ParticipantList } from '../../src/shared/participants.ts'
import type { Role } from '../../src/shared/users.ts'
import type { ActorParty, Grant } from '../../src/server/lib/authorize.ts'
import { type ConsentRecord, consentState } from '../../src/server/features/consents/consent-validity.ts'
import { participantScope } from '../../src/server/features/participants/participant-access.ts'
import { listParticipants } from '../../src/server/features/participants/participants.service.ts'
import { makePlan } from '../support/app.ts'
import { testDatabase } from '../support/db.ts'

// The residents list filters, searches, counts and pages in PostgreSQL (consent-validity.sql.ts,
// participants.repo.ts listPage); the pure rule (participantScope → disclosure) is the
// specification. Generated plans of residents, consents and readers are put through both: the list
// must show exactly the residents the rule lets the reader see, in pseudonym order, page by page,
// with the same fields (name only with contact, enrolment counts only with employment, scope,
// shared with another party), count the same total and hide the same number.

const AS_OF = '2026-06-01'
const NAMES = ['Søren Østergaard', 'Åse Hansen', 'Hassan Ali', 'Ærø Bach', 'Carla Olsen', 'Mette 100% Dam', 'Ib_Lund']
const SEARCHES = ['', 'a', 'øs', 'ÅSE', 'd-00', 'hassan', '%', '_', '100%', 'x']
const ROLES: Role[] = ['projektleder', 'boligsocial', 'jobcenter', 'samarbejdspartner', 'bestyrelse', 'admin']
const KINDS = ['boligsocial', 'jobcenter', 'partner'] as const

const consentArb = fc.record({
  parties: fc.subarray([0, 1, 2], { minLength: 1 }),
  categories: fc.subarray([...CONSENT_CATEGORIES], { minLength: 1 }),
  form: fc.constantFrom('oral', 'written'),
  document: fc.boolean(),
  givenOffset: fc.integer({ min: -40, max: 5 }),
  validFor: fc.option(fc.integer({ min: 0, max: 60 })),
  withdrawnAfter: fc.option(fc.integer({ min: 0, max: 60 })),
  // A parent's consent for a young person (rule 10): ends when the young person turns 18.
  byGuardian: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
})
const residentArb = fc.record({
  owner: fc.integer({ min: 0, max: 2 }),
  name: fc.integer({ min: 0, max: NAMES.length - 1 }),
  anonymised: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  // Born 20 to 12 years before the day asked about, or not on file.
  age: fc.option(fc.integer({ min: 12, max: 20 })),
  consents: fc.array(consentArb, { maxLength: 3 }),
})
const planArb = fc.record({
  dataController: fc.constantFrom(null, 0, 1),
  residents: fc.array(residentArb, { minLength: 0, maxLength: 400, size: 'max' }),
  includeAnonymised: fc.boolean(),
  search: fc.constantFrom(...SEARCHES),
  pageSize: fc.constantFrom(50, 200),
})

describe('the residents list in SQL against the consent rule', async () => {
  const { ctx } = await testDatabase()
  const fixed = { ...ctx, now: () => new Date(`${AS_OF}T10:00:00Z`) }
  let plans = 0
  const totals = { residents: 0, consents: 0, readers: 0, pages: 0 }

  it('shows, counts, hides and pages the same residents with the same fields, for every reader', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async (gen) => {
        const planId = await makePlan(fixed, `Generated ${++plans} ${process.pid}`)
        const parties = await fixed.db
          .insertInto('plan_party')
          .values(KINDS.map((kind, i) => ({ plan_id: planId, name: `Part ${kind}`, kind, data_controller: gen.dataController === i })))
          .returning(['id', 'name', 'unit', 'data_controller'])
          .execute()
        const actorParties: ActorParty[] = parties.map((p) => ({ id: p.id, name: p.name, unit: p.unit, dataController: p.data_controller }))
        const people = gen.residents.map((r, i) => ({
          plan_id: planId,
          pseudonym: `D-${String(i + 1).padStart(4, '0')}`,
          owner_party_id: parties[r.owner]!.id,
          registered_on: '2026-01-01',
          name: r.anonymised ? null : NAMES[r.name]!,
          birth_year: r.anonymised || r.age === null ? null : Number(AS_OF.slice(0, 4)) - r.age,
          anonymised_at: r.anonymised ? new Date() : null,
          anonymised_reason: r.anonymised ? 'erasure' : null,
        }))
        const ids = people.length ? (await fixed.db.insertInto('participant').values(people).returning('id').execute()).map((r) => r.id) : []
        const generated = gen.residents.flatMap((r, i) => r.consents.map((c) => ({ c, participantId: ids[i]!, givenOn: addDays(AS_OF, c.givenOffset), birthYear: people[i]!.birth_year })))
        const rows = generated.length
          ? await fixed.db
              .insertInto('consent')
              .values(
                generated.map(({ c, participantId, givenOn }) => ({
                  participant_id: participantId,
                  categories: c.categories,
                  purpose: 'Prøve',
                  form: c.form,
                  given_on: givenOn,
                  valid_until: c.validFor === null ? null : addDays(givenOn, c.validFor),
                  withdrawn_on: c.withdrawnAfter === null ? null : addDays(givenOn, c.withdrawnAfter),
                  ...(c.byGuardian ? { given_by: 'guardian', guardian_name: 'Forælder', guardian_relation: 'mother', young_person_say: 'agrees' } : {}),
                })),
              )
              .returning(['id', 'participant_id', 'given_on', 'valid_until', 'withdrawn_on'])
              .execute()
          : []
        if (rows.length) {
          await fixed.db.insertInto('consent_party').values(generated.flatMap(({ c }, k) => c.parties.map((p) => ({ consent_id: rows[k]!.id, party_id: parties[p]!.id })))).execute()
          const signed = generated.flatMap(({ c }, k) => (c.document ? [{ consent_id: rows[k]!.id, file_name: 'samtykke.pdf', media_type: 'application/pdf', bytes: Buffer.from('%PDF') }] : []))
          if (signed.length) await fixed.db.insertInto('consent_document').values(signed).execute()
        }
        const records = new Map<string, ConsentRecord[]>(ids.map((id) => [id, []]))
        for (const [k, { c, participantId, birthYear }] of generated.entries()) {
          const row = rows[k]!
          expect(row.participant_id).toBe(participantId)
          records.get(participantId)!.push({
            id: row.id,
            parties: c.parties.map((p) => parties[p]!.id),
            categories: c.categories as ConsentCategory[],
            purpose: 'Prøve',
            form: c.form as 'oral' | 'written',
            documentAttached: c.document,
            givenOn: row.given_on,
            validUntil: row.valid_until,
            withdrawnOn: row.withdrawn_on,
            givenBy: c.byGuardian ? 'guardian' : 'self',
            birthYear,
          })
        }
        totals.consents += rows.length
        totals.residents += ids.length

        for (const role of ROLES) {
          for (const party of [...actorParties, null]) {
            totals.readers++
            const grant = {
              actor: { id: 'reader', name: 'Læser', email: 'l@example.dk', role, organisationId: 'o', planIds: [planId], parties: party ? { [planId]: party } : {}, mustChangePassword: false },
              resource: 'participants',
              action: 'read',
              planId,
              view: 'all',
            } as unknown as Grant<'participants', 'read'>

            // The specification: every resident through the pure rule, in pseudonym order.
            const q = gen.search.toLowerCase()
            let hidden = 0
            const expected: Pick<ParticipantList['items'][number], 'id' | 'name' | 'scope' | 'sharedWithOtherParty' | 'anonymised'>[] = []
            const employment: boolean[] = []
            for (const [i, r] of gen.residents.entries()) {
              if (r.anonymised && !gen.includeAnonymised) continue
              const owner = parties[r.owner]!.id
              const consents = records.get(ids[i]!)!
              const scope = participantScope({ role, party }, owner, consents, AS_OF)
              if (scope.kind === 'none') {
                hidden++
                continue
              }
              const name = scope.categories.includes('contact') ? people[i]!.name : null
              if (q && !people[i]!.pseudonym.toLowerCase().includes(q) && !name?.toLowerCase().includes(q)) continue
              expected.push({
                id: ids[i]!,
                name,
                scope: scope.kind,
                sharedWithOtherParty: consents.some((c) => c.parties.some((p) => p !== owner) && consentState(c, AS_OF) === 'in-force'),
                anonymised: r.anonymised,
              })
              employment.push(scope.categories.includes('employment'))
            }

            const got: typeof expected = []
            const gotEmployment: boolean[] = []
            for (let page = 1; ; page++) {
              totals.pages++
              const list = await listParticipants(fixed, grant, { page, pageSize: gen.pageSize, q: gen.search, includeAnonymised: gen.includeAnonymised ? 'true' : 'false' })
              expect({ role, party: party?.name ?? null, total: list.total, hidden: list.hiddenByConsent }).toEqual({ role, party: party?.name ?? null, total: expected.length, hidden })
              for (const item of list.items) {
                got.push({ id: item.id, name: item.name, scope: item.scope, sharedWithOtherParty: item.sharedWithOtherParty, anonymised: item.anonymised })
                gotEmployment.push(item.activeEnrolments !== null)
              }
              if (list.items.length < gen.pageSize) break
            }
            expect(got).toEqual(expected)
            expect(gotEmployment).toEqual(employment)
          }
        }
      }),
      { numRuns: 20, seed: Number(process.env.FC_SEED ?? 20261206) },
    )
    process.stdout.write(`residents list vs rule: seed ${process.env.FC_SEED ?? 20261206}, ${plans} plans, ${totals.residents} residents, ${totals.consents} consents, ${totals.readers} readers, ${totals.pages} pages\n`)
    expect(totals.residents).toBeGreaterThan(2000)
  }, 600_000)
})
