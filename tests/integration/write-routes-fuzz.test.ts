import v8 from 'node:v8'
import vm from 'node:vm'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RAW_VALIDATOR_WORDING } from '../../src/shared/lib/zod-locale.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import type { App } from '../../src/server/lib/request.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

// HTTP fuzz of the main write routes' text fields (issue "Hardening"; decision 040): generated
// strings (any Unicode, NUL bytes, lone surrogates, right-to-left marks, SQL and HTML payloads,
// huge lengths) in the text fields of register resident, a resident's note, a company, a company's
// contact event, an outreach conversation, a course follow-up, an open-counselling topic and a meeting, through the app on a real database. Every answer is below 500; a
// 4xx carries a Danish message and wrote no row; a 2xx wrote one row whose text reads back as sent
// (or trimmed, where the schema trims). FUZZ_RUNS (default 150 per route, about a minute on the shared
// 2-core machine) and FUZZ_SEED; seed, counts and time are printed.

const RUNS = Number(process.env.FUZZ_RUNS ?? 150)
// A full garbage collection before each heap reading, so the reading is what the requests left
// behind, not garbage not yet collected.
v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void
function retainedHeap(): number {
  collectGarbage()
  return process.memoryUsage().heapUsed
}
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647)
const TIMEOUT = 60 * 60_000
const started = Date.now()
const counts: Record<string, Record<string, number>> = {}
afterAll(() => {
  console.log(`write-route fuzz: seed ${SEED}, ${RUNS} inputs per route, answers ${JSON.stringify(counts)}, ${((Date.now() - started) / 1000).toFixed(1)} s`)
})

let t: TestDatabase
let app: App
let plan: string
let worker: string
let jobcenter: string
let leader: string
let resident: string
let company: string
let activity: string
let enrolment: string

/** A valid CVR number (modulus 11 with weights 2,7,6,5,4,3,2,1) for each n. */
function cvr(n: number): string {
  for (let base = 10_000_000 + n * 10; ; base++) {
    const digits = String(base).split('').map(Number)
    const sum = digits.slice(0, 7).reduce((s, d, i) => s + d * ([2, 7, 6, 5, 4, 3, 2][i] as number), 0)
    const check = (11 - (sum % 11)) % 11
    if (check < 10) return `${String(base).slice(0, 7)}${check}`
  }
}
let cvrCounter = 0

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  // A plan with an agreement, whose activities an outreach conversation is booked on.
  plan = (await importAgreementFile(t.ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')).planId
  activity = (await t.db.selectFrom('activity').select('id').where('plan_id', '=', plan).orderBy('name').executeTakeFirstOrThrow()).id
  worker = await login(app, await makeUser(t.ctx, 'boligsocial', [plan]))
  jobcenter = await login(app, await makeUser(t.ctx, 'jobcenter', [plan]))
  leader = await login(app, await makeUser(t.ctx, 'projektleder', [plan]))
  const r = await app.inject({ method: 'POST', url: `/api/plans/${plan}/participants`, headers: { cookie: worker }, payload: participant('Fuzz Beboer', null) })
  expect(r.statusCode, r.body).toBe(201)
  resident = (r.json() as { id: string }).id
  const c = await app.inject({ method: 'POST', url: `/api/plans/${plan}/companies`, headers: { cookie: jobcenter }, payload: { cvr: cvr(99_999), name: 'Fuzz ApS' } })
  expect(c.statusCode, c.body).toBe(201)
  company = (c.json() as { id: string }).id
  const e = await app.inject({ method: 'POST', url: `/api/plans/${plan}/participants/${resident}/enrolments`, headers: { cookie: worker }, payload: { activityId: activity, referredOn: '2025-01-03', referredBy: 'Jobcentret', startOn: '2025-01-06', selection: null, allowOverbooking: true } })
  expect(e.statusCode, e.body).toBe(201)
  enrolment = (e.json() as { id: string }).id
  // The plan's first topic also brings the standard topics along: made here, so each run adds one row.
  const topic = await app.inject({ method: 'POST', url: `/api/plans/${plan}/counselling/topics`, headers: { cookie: leader }, payload: { label: 'Fuzz-emne' } })
  expect(topic.statusCode, topic.body).toBe(201)
})

function participant(name: string, address: string | null) {
  return { name, phone: null, email: null, address, birthYear: null, ageBand: null, housingAreaId: null, departmentId: null, targetGroupCode: null, targetGroupOn: null, registeredOn: '2025-01-02', confirmDuplicates: true }
}

// ---------------------------------------------------------------------------------------------
// The texts

const PAYLOADS = [
  "'; drop table participant; --",
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return 1")()}}',
  '${process.exit(1)}',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eabc\u202c',
  'שלום עולם',
  'مرحبا',
  '\ufeff',
  '\u200b',
  'Z̴̡̛a̷l̶g̵o̸',
  '👩‍👩‍👧‍👦',
  '\\',
  '\\N',
  '%s%n%x',
  '../../etc/passwd',
  ' ',
  '',
  '\r\n\t',
]
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom(...PAYLOADS), fc.constantFrom(...'abæøå ;"'), loneSurrogate), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'æ', '😀', ' '), fc.constantFrom(199, 200, 201, 300, 301, 10_000, 10_001, 1_000_000)).map(([c, n]) => c.repeat(n)) },
)

// ---------------------------------------------------------------------------------------------

const LEAKS = /undefined|NaN|\[object|TypeError|ReferenceError|at \w+ \(|Invalid input|invalid byte sequence|violates|syntax error|Internal Server Error|expected/

async function rows(table: string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)
  return Number(r.rows[0]!.n)
}

interface Route {
  name: string
  table: string
  fields: number
  cookie: () => string
  url: () => string
  body: (texts: string[]) => object
  /** The stored texts of the row made, in the order of `texts`. */
  stored: (id: string) => Promise<(string | null)[]>
}

const ROUTES: Route[] = [
  {
    name: 'register resident',
    table: 'participant',
    fields: 2,
    cookie: () => worker,
    url: () => `/api/plans/${plan}/participants`,
    body: ([name, address]) => participant(name as string, address as string),
    stored: async (id) => {
      const r = await t.db.selectFrom('participant').select(['name', 'address']).where('id', '=', id).executeTakeFirstOrThrow()
      return [r.name, r.address]
    },
  },
  {
    name: 'note',
    table: 'participant_note',
    fields: 1,
    cookie: () => worker,
    url: () => `/api/plans/${plan}/participants/${resident}/notes`,
    body: ([body]) => ({ category: 'notes', body, writtenOn: '2025-02-03' }),
    stored: async (id) => [(await t.db.selectFrom('participant_note').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body],
  },
  {
    name: 'company',
    table: 'company',
    fields: 3,
    cookie: () => jobcenter,
    url: () => `/api/plans/${plan}/companies`,
    body: ([name, address, industryText]) => ({ cvr: cvr(++cvrCounter), name, address, industryText }),
    stored: async (id) => {
      const r = await t.db.selectFrom('company').select(['name', 'address', 'industry_text']).where('id', '=', id).executeTakeFirstOrThrow()
      return [r.name, r.address, r.industry_text]
    },
  },
  {
    name: 'company contact event',
    table: 'company_contact_event',
    fields: 1,
    cookie: () => jobcenter,
    url: () => `/api/plans/${plan}/companies/${company}/contact-events`,
    body: ([note]) => ({ kind: 'call', happenedOn: '2025-03-04', note }),
    stored: async (id) => [(await t.db.selectFrom('company_contact_event').select('note').where('id', '=', id).executeTakeFirstOrThrow()).note],
  },
  {
    name: 'outreach conversation',
    table: 'staff_conversation',
    fields: 1,
    cookie: () => worker,
    url: () => `/api/plans/${plan}/staff-time/conversations`,
    body: ([place]) => ({ activityId: activity, kind: 'anonymous', participantId: null, heldOn: '2025-08-29', place, durationMinutes: 45, transportMinutes: 10, adminMinutes: null }),
    stored: async (id) => [(await t.db.selectFrom('staff_conversation').select('place').where('id', '=', id).executeTakeFirstOrThrow()).place],
  },
  {
    name: 'follow-up',
    table: 'enrolment_followup',
    fields: 1,
    cookie: () => worker,
    url: () => `/api/plans/${plan}/enrolments/${enrolment}/followups`,
    body: ([note]) => ({ heldOn: '2025-02-10', note, category: 'employment' }),
    stored: async (id) => [(await t.db.selectFrom('enrolment_followup').select('note').where('id', '=', id).executeTakeFirstOrThrow()).note],
  },
  {
    name: 'counselling topic',
    table: 'inquiry_topic',
    fields: 1,
    cookie: () => leader,
    url: () => `/api/plans/${plan}/counselling/topics`,
    body: ([label]) => ({ label }),
    stored: async (id) => [(await t.db.selectFrom('inquiry_topic').select('label').where('id', '=', id).executeTakeFirstOrThrow()).label],
  },
  {
    name: 'meeting',
    table: 'meeting',
    fields: 3,
    cookie: () => leader,
    url: () => `/api/plans/${plan}/meetings`,
    body: ([title, agenda, minutes]) => ({ kind: 'cooperation', heldOn: '2025-06-14', title, agenda, minutes, participants: [], decisions: [], actions: [] }),
    stored: async (id) => {
      const r = await t.db.selectFrom('meeting').select(['title', 'agenda', 'minutes']).where('id', '=', id).executeTakeFirstOrThrow()
      return [r.title, r.agenda, r.minutes]
    },
  },
]

/** What a trimmed stored text should be; an empty optional text is no text (null). */
const expectedText = (sent: string) => sent.trim()

describe('fuzz: text fields of the write routes', () => {
  for (const route of ROUTES) {
    it(`${route.name}: never 5xx; 4xx in Danish and writes nothing; 2xx stores the text as sent; the heap keeps nothing`, async () => {
      const answers: Record<string, number> = (counts[route.name] = {})
      const heapBefore = retainedHeap()
      await fc.assert(
        fc.asyncProperty(fc.array(text, { minLength: route.fields, maxLength: route.fields }), async (texts) => {
          const before = await rows(route.table)
          const res = await app.inject({ method: 'POST', url: route.url(), headers: { cookie: route.cookie() }, payload: route.body(texts) })
          answers[res.statusCode] = (answers[res.statusCode] ?? 0) + 1
          const where = `${route.name} ${res.statusCode} ${JSON.stringify(texts).slice(0, 300)}: ${res.body.slice(0, 300)}`
          if (res.statusCode >= 500) console.log(`write-route fuzz: 5xx ${where}`)
          expect(res.statusCode, where).toBeLessThan(500)
          const after = await rows(route.table)
          if (res.statusCode >= 400) {
            const message = (res.json() as { message?: unknown }).message
            expect(typeof message === 'string' && message.trim() !== '', where).toBe(true)
            expect(LEAKS.test(message as string) || RAW_VALIDATOR_WORDING.test(message as string), where).toBe(false)
            expect(after, where).toBe(before)
          } else {
            expect(after, where).toBe(before + 1)
            const stored = await route.stored((res.json() as { id: string }).id)
            // Exactly as sent, or trimmed where the schema trims (names, notes); a meeting's agenda keeps its blank lines.
            stored.forEach((s, i) => expect([texts[i], expectedText(texts[i] as string)], where).toContain(s ?? ''))
          }
        }),
        { numRuns: RUNS, seed: SEED },
      )
      const grownMb = (retainedHeap() - heapBefore) / 2 ** 20
      console.log(`write-route fuzz: ${route.name}: ${JSON.stringify(answers)}, heap grew ${grownMb.toFixed(0)} MB`)
      // After a full collection, what the requests left behind: rows are in the database, not in memory.
      expect(grownMb).toBeLessThan(50)
    }, TIMEOUT)
  }
})
