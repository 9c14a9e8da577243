import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CONSENT_CATEGORIES,
  type ConsentCategory,
  type ConsentRecord,
  type ConsentState,
  consentCategoryLabels,
  consentState,
  disclosure,
  visibleFields,
} from './consent-validity.ts'

// Parties are matched by id and named by their name in the reasons people read (decision 012).
const PARTY_NAMES: Record<string, string> = { boligsocial: 'Den boligsociale helhedsplan', jobcenter: 'Jobcentret' }
const asParty = (id: string) => ({ id, name: PARTY_NAMES[id] ?? id })

const consent = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: 'c1',
  parties: ['boligsocial', 'jobcenter'],
  categories: ['contact', 'employment'],
  purpose: 'Hjælp til at finde job',
  form: 'oral',
  documentAttached: false,
  givenOn: '2026-03-02',
  validUntil: '2026-12-31',
  withdrawnOn: null,
  ...over,
})

describe('consent state around its boundary days', () => {
  const cases: [string, Partial<ConsentRecord>, string, ConsentState][] = [
    ['is not yet in force the day before it was given', {}, '2026-03-01', 'not-yet'],
    ['is in force on the day it was given', {}, '2026-03-02', 'in-force'],
    ['is in force the day after it was given', {}, '2026-03-03', 'in-force'],
    ['is in force on its last valid day', {}, '2026-12-31', 'in-force'],
    ['has expired the day after its last valid day', {}, '2027-01-01', 'expired'],
    ['is in force the day before it is withdrawn', { withdrawnOn: '2026-06-10' }, '2026-06-09', 'in-force'],
    ['is withdrawn at once, on the day of withdrawal', { withdrawnOn: '2026-06-10' }, '2026-06-10', 'withdrawn'],
    ['stays withdrawn after the day of withdrawal', { withdrawnOn: '2026-06-10' }, '2026-06-11', 'withdrawn'],
    ['stays withdrawn past the end date it was withdrawn before', { withdrawnOn: '2026-06-10' }, '2027-06-01', 'withdrawn'],
    ['is never in force when given and withdrawn on the same day', { withdrawnOn: '2026-03-02' }, '2026-03-02', 'withdrawn'],
    ['is not yet in force before a same-day withdrawal', { withdrawnOn: '2026-03-02' }, '2026-03-01', 'not-yet'],
    ['is in force for a single day when it is given and ends that day', { validUntil: '2026-03-02' }, '2026-03-02', 'in-force'],
    ['has expired the day after a single-day consent', { validUntil: '2026-03-02' }, '2026-03-03', 'expired'],
    ['has no end date when validUntil is empty', { validUntil: null }, '2099-12-31', 'in-force'],
    ['ends by withdrawal when it has no end date', { validUntil: null, withdrawnOn: '2030-01-01' }, '2030-01-01', 'withdrawn'],
    ['stays expired when withdrawn after it had expired', { withdrawnOn: '2027-02-01' }, '2027-03-01', 'expired'],
    ['is expired, not withdrawn, between expiry and a later withdrawal', { withdrawnOn: '2027-02-01' }, '2027-01-15', 'expired'],
    ['is withdrawn when withdrawal falls on the day after the last valid day', { withdrawnOn: '2027-01-01' }, '2027-01-01', 'withdrawn'],
    ['is withdrawn when withdrawn on its last valid day', { withdrawnOn: '2026-12-31' }, '2026-12-31', 'withdrawn'],
    ['counts 29 February in a leap year', { validUntil: '2028-02-29' }, '2028-02-29', 'in-force'],
    ['has expired on 1 March after a 29 February end', { validUntil: '2028-02-29' }, '2028-03-01', 'expired'],
  ]
  it.each(cases)('%s', (_name, over, asOf, expected) => {
    expect(consentState(consent(over), asOf)).toBe(expected)
  })
})

describe('written consent and its signed document', () => {
  it('holds a written consent without its signed document not in force', () => {
    expect(consentState(consent({ form: 'written', documentAttached: false }), '2026-05-01')).toBe('missing-document')
  })

  it('puts a written consent in force once its signed document is attached', () => {
    expect(consentState(consent({ form: 'written', documentAttached: true }), '2026-05-01')).toBe('in-force')
  })

  it('puts an oral consent in force without any document', () => {
    expect(consentState(consent({ form: 'oral', documentAttached: false }), '2026-05-01')).toBe('in-force')
  })

  it('reports a missing document only while the consent would otherwise be in force', () => {
    const written = consent({ form: 'written', documentAttached: false, withdrawnOn: '2026-06-10' })
    expect(consentState(written, '2026-03-01')).toBe('not-yet')
    expect(consentState(written, '2026-03-02')).toBe('missing-document')
    expect(consentState(written, '2026-06-10')).toBe('withdrawn')
    expect(consentState(consent({ form: 'written', documentAttached: false }), '2027-01-01')).toBe('expired')
  })

  it('refuses disclosure under a written consent without its document and says why', () => {
    const d = disclosure([consent({ form: 'written', documentAttached: false })], asParty('jobcenter'), '2026-05-01')
    expect(d.allowed).toBe(false)
    expect(d.categories).toEqual([])
    expect(d.reason).toContain('underskrevne samtykke er ikke vedhæftet')
  })
})

describe('invalid dates', () => {
  it.each([
    ['givenOn', { givenOn: '2026-02-30' }],
    ['givenOn', { givenOn: '02-03-2026' }],
    ['givenOn', { givenOn: '' }],
    ['validUntil', { validUntil: '2026-13-01' }],
    ['validUntil', { validUntil: '2026-12-31T00:00:00Z' }],
    ['withdrawnOn', { withdrawnOn: '2027-02-29' }],
    ['withdrawnOn', { withdrawnOn: 'i går' }],
  ] as [string, Partial<ConsentRecord>][])('throws on a %s that is not a calendar day (%o)', (field, over) => {
    expect(() => consentState(consent(over), '2026-05-01')).toThrow(new RegExp(`c1: ${field}`))
  })

  it('throws on an asOf that is not a calendar day', () => {
    expect(() => consentState(consent(), '2026-5-1')).toThrow(RangeError)
    expect(() => consentState(consent(), '2026-05-01T12:00')).toThrow(RangeError)
  })

  it('throws when a consent ends before it was given', () => {
    expect(() => consentState(consent({ validUntil: '2026-03-01' }), '2026-05-01')).toThrow(/validUntil .* before givenOn/)
    expect(() => consentState(consent({ withdrawnOn: '2026-03-01' }), '2026-05-01')).toThrow(/withdrawnOn .* before givenOn/)
  })

  it('throws in disclosure on a broken record even when it names another party', () => {
    const good = consent({ id: 'good' })
    const broken = consent({ id: 'broken', parties: ['boligsocial'], givenOn: '2026-02-31' })
    expect(() => disclosure([good, broken], asParty('jobcenter'), '2026-05-01')).toThrow(/broken/)
  })

  it('throws in disclosure on an invalid asOf, also when the resident has no consents', () => {
    expect(() => disclosure([consent()], asParty('jobcenter'), 'nu')).toThrow(RangeError)
    expect(() => disclosure([], asParty('jobcenter'), '2026-02-30')).toThrow(/asOf/)
  })
})

describe('disclosure to a party', () => {
  it('lets the job centre see the categories of a consent in force that names it', () => {
    const d = disclosure([consent()], asParty('jobcenter'), '2026-05-01')
    expect(d).toEqual({
      allowed: true,
      categories: ['contact', 'employment'],
      consentIds: ['c1'],
      reason: expect.stringContaining('Samtykket givet 2. marts 2026 giver jobcentret adgang til'),
    })
    expect(d.reason).toContain(consentCategoryLabels.employment)
  })

  it('refuses a party the consent does not name', () => {
    const d = disclosure([consent({ parties: ['boligsocial', 'kommune'] })], asParty('jobcenter'), '2026-05-01')
    expect(d).toEqual({ allowed: false, categories: [], consentIds: [], reason: 'Intet samtykke omfatter deling med jobcentret.' })
  })

  it('matches party codes exactly', () => {
    expect(disclosure([consent()], asParty('Jobcenter'), '2026-05-01').allowed).toBe(false)
    expect(disclosure([consent()], asParty('jobcenter '), '2026-05-01').allowed).toBe(false)
  })

  it('refuses when there is no consent at all', () => {
    expect(disclosure([], asParty('jobcenter'), '2026-05-01')).toMatchObject({ allowed: false, categories: [], consentIds: [] })
  })

  it('refuses job-centre staff a resident whose consent has expired, and says since when', () => {
    const d = disclosure([consent()], asParty('jobcenter'), '2027-01-01')
    expect(d.allowed).toBe(false)
    expect(d.reason).toBe('Intet samtykke i kraft omfatter deling med jobcentret: samtykket givet 2. marts 2026 udløb 31. december 2026.')
  })

  it('refuses from the day of withdrawal and says so', () => {
    const d = disclosure([consent({ withdrawnOn: '2026-06-10' })], asParty('jobcenter'), '2026-06-10')
    expect(d.allowed).toBe(false)
    expect(d.reason).toContain('samtykket givet 2. marts 2026 blev trukket tilbage 10. juni 2026')
  })

  it('refuses before the consent was given and says from when it applies', () => {
    const d = disclosure([consent()], asParty('jobcenter'), '2026-03-01')
    expect(d.allowed).toBe(false)
    expect(d.reason).toContain('samtykket gælder først fra 2. marts 2026')
  })

  it('unites the categories of overlapping consents in force', () => {
    const records = [
      consent({ id: 'a', categories: ['contact', 'employment'] }),
      consent({ id: 'b', categories: ['employment', 'benefits'], form: 'written', documentAttached: true }),
    ]
    const d = disclosure(records, asParty('jobcenter'), '2026-05-01')
    expect(d.allowed).toBe(true)
    expect(d.categories).toEqual(['contact', 'employment', 'benefits'])
    expect(d.consentIds).toEqual(['a', 'b'])
  })

  it('drops only the withdrawn consent\u2019s categories when one of several is withdrawn', () => {
    const records = [
      consent({ id: 'a', categories: ['contact', 'employment'] }),
      consent({ id: 'b', categories: ['employment', 'health'], withdrawnOn: '2026-06-10' }),
    ]
    expect(disclosure(records, asParty('jobcenter'), '2026-06-09').categories).toEqual(['contact', 'employment', 'health'])
    const after = disclosure(records, asParty('jobcenter'), '2026-06-10')
    expect(after.categories).toEqual(['contact', 'employment'])
    expect(after.consentIds).toEqual(['a'])
  })

  it('does not count an expired consent beside one in force', () => {
    const records = [
      consent({ id: 'old', categories: ['finances'], givenOn: '2025-01-01', validUntil: '2025-12-31' }),
      consent({ id: 'new', categories: ['contact'] }),
    ]
    const d = disclosure(records, asParty('jobcenter'), '2026-05-01')
    expect(d.categories).toEqual(['contact'])
    expect(d.consentIds).toEqual(['new'])
  })

  it('ignores consents naming only other parties when uniting', () => {
    const records = [consent({ id: 'a', categories: ['contact'] }), consent({ id: 'b', parties: ['boligsocial', 'kommune'], categories: ['health'] })]
    expect(disclosure(records, asParty('jobcenter'), '2026-05-01').categories).toEqual(['contact'])
    expect(disclosure(records, asParty('kommune'), '2026-05-01').categories).toEqual(['health'])
  })

  it('lists categories in a fixed order without duplicates', () => {
    const d = disclosure([consent({ categories: ['notes', 'contact', 'notes', 'health'] })], asParty('jobcenter'), '2026-05-01')
    expect(d.categories).toEqual(['contact', 'health', 'notes'])
  })

  it('refuses under a consent in force that names no categories', () => {
    const d = disclosure([consent({ categories: [] })], asParty('jobcenter'), '2026-05-01')
    expect(d.allowed).toBe(false)
    expect(d.reason).toContain('samtykket givet 2. marts 2026 omfatter ingen oplysninger')
  })

  it('grants nothing for a category code it has no wording for', () => {
    const d = disclosure([consent({ categories: ['cpr' as ConsentCategory, 'contact'] })], asParty('jobcenter'), '2026-05-01')
    expect(d.categories).toEqual(['contact'])
  })

  it('gives every reason when several consents name the party but none is in force', () => {
    const records = [consent({ id: 'a', withdrawnOn: '2026-04-01' }), consent({ id: 'b', form: 'written' })]
    const d = disclosure(records, asParty('jobcenter'), '2026-05-01')
    expect(d.reason).toContain('samtykket givet 2. marts 2026 blev trukket tilbage 1. april 2026')
    expect(d.reason).toContain('samtykket givet 2. marts 2026 er skriftligt')
  })
})

describe('visible fields', () => {
  const resident = {
    contact: { name: 'Anna', phone: '12345678' },
    employment: { status: 'ledig' },
    health: { note: 'sygemeldt' },
    notes: { text: 'samtale 3. marts' },
  }

  it('gives the job centre only the categories its consent covers', () => {
    const d = disclosure([consent()], asParty('jobcenter'), '2026-05-01')
    expect(visibleFields(resident, d)).toEqual({ contact: resident.contact, employment: resident.employment })
  })

  it('gives nothing once the consent is withdrawn', () => {
    const d = disclosure([consent({ withdrawnOn: '2026-04-01' })], asParty('jobcenter'), '2026-05-01')
    expect(visibleFields(resident, d)).toEqual({})
  })

  it('leaves out a covered category the resident has no data in', () => {
    const d = disclosure([consent({ categories: ['family', 'contact'] })], asParty('jobcenter'), '2026-05-01')
    expect(visibleFields(resident, d)).toEqual({ contact: resident.contact })
  })

  it('gives nothing for a disclosure that is not allowed, whatever categories it carries', () => {
    expect(visibleFields(resident, { allowed: false, categories: ['contact'] })).toEqual({})
  })

  it('keeps keys that are not consent categories out', () => {
    const withExtra = { ...resident, cpr: '0101701234' }
    const d = disclosure([consent({ categories: [...CONSENT_CATEGORIES] })], asParty('jobcenter'), '2026-05-01')
    expect(Object.keys(visibleFields(withExtra, d))).toEqual(['contact', 'employment', 'health', 'notes'])
  })
})

describe('category wording', () => {
  it('has a plain-Danish label for every category', () => {
    expect(Object.keys(consentCategoryLabels).sort()).toEqual([...CONSENT_CATEGORIES].sort())
    for (const c of CONSENT_CATEGORIES) expect(consentCategoryLabels[c].length).toBeGreaterThan(0)
  })
})

// Properties. Days are drawn as day numbers in 2020-2031 and turned into "YYYY-MM-DD" in UTC,
// where a day number and a calendar day correspond exactly.
const BASE = Date.UTC(2020, 0, 1) / 86_400_000
const iso = (n: number) => new Date((BASE + n) * 86_400_000).toISOString().slice(0, 10)
const SPAN = 12 * 366

const partyArb = fc.constantFrom('boligsocial', 'jobcenter', 'kommune')
const dayArb = fc.integer({ min: 0, max: SPAN })

const recordArb = (id: string) =>
  fc
    .record({
      parties: fc.uniqueArray(partyArb, { maxLength: 3 }),
      categories: fc.uniqueArray(fc.constantFrom(...CONSENT_CATEGORIES), { maxLength: CONSENT_CATEGORIES.length }),
      form: fc.constantFrom('oral' as const, 'written' as const),
      documentAttached: fc.boolean(),
      given: dayArb,
      length: fc.option(fc.integer({ min: 0, max: 1500 })),
      withdrawAfter: fc.option(fc.integer({ min: 0, max: 1500 })),
    })
    .map(
      (r): ConsentRecord => ({
        id,
        parties: r.parties,
        categories: r.categories,
        purpose: 'formål',
        form: r.form,
        documentAttached: r.documentAttached,
        givenOn: iso(r.given),
        validUntil: r.length === null ? null : iso(r.given + r.length),
        withdrawnOn: r.withdrawAfter === null ? null : iso(r.given + r.withdrawAfter),
      }),
    )

const recordsArb = fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => recordArb(`c${i}`))))

const subset = (a: readonly string[], b: readonly string[]) => a.every((x) => b.includes(x))

describe('properties', () => {
  it('withdrawing a consent never adds categories', () => {
    fc.assert(
      fc.property(recordsArb, fc.nat(), fc.integer({ min: 0, max: 2000 }), partyArb, dayArb, (records, pick, after, party, asOf) => {
        fc.pre(records.length > 0)
        const i = pick % records.length
        const target = records[i]!
        // Withdrawing sets a withdrawal day, or moves one earlier; moving it later would be un-withdrawing.
        const candidate = dayNumberOf(target.givenOn) + after
        const day = target.withdrawnOn === null ? candidate : Math.min(candidate, dayNumberOf(target.withdrawnOn))
        const withdrawn = records.map((r, j) => (j === i ? { ...target, withdrawnOn: iso(day) } : r))
        const before = disclosure(records, asParty(party), iso(asOf)).categories
        expect(subset(disclosure(withdrawn, asParty(party), iso(asOf)).categories, before)).toBe(true)
      }),
    )
  })

  it('moving asOf past validUntil never grants under that consent', () => {
    fc.assert(
      fc.property(recordArb('c0'), fc.integer({ min: 1, max: 3000 }), partyArb, (record, past, party) => {
        fc.pre(record.validUntil !== null)
        const asOf = iso(dayNumberOf(record.validUntil!) + past)
        expect(['expired', 'withdrawn']).toContain(consentState(record, asOf))
        const d = disclosure([record], asParty(party), asOf)
        expect(d.allowed).toBe(false)
        expect(d.consentIds).toEqual([])
      }),
    )
  })

  it('adding a consent never removes categories', () => {
    fc.assert(
      fc.property(recordsArb, recordArb('extra'), partyArb, dayArb, (records, extra, party, asOf) => {
        const before = disclosure(records, asParty(party), iso(asOf)).categories
        expect(subset(before, disclosure([...records, extra], asParty(party), iso(asOf)).categories)).toBe(true)
      }),
    )
  })

  it('grants only categories that consents naming the party cover, and is allowed iff it grants any', () => {
    fc.assert(
      fc.property(recordsArb, partyArb, dayArb, (records, party, asOf) => {
        const d = disclosure(records, asParty(party), iso(asOf))
        const named = records.filter((r) => r.parties.includes(party)).flatMap((r) => r.categories)
        expect(subset(d.categories, named)).toBe(true)
        expect(d.allowed).toBe(d.categories.length > 0)
        expect(d.allowed).toBe(d.consentIds.length > 0)
        for (const id of d.consentIds) {
          const r = records.find((x) => x.id === id)!
          expect(consentState(r, iso(asOf))).toBe('in-force')
          expect(r.parties).toContain(party)
        }
      }),
    )
  })

  it('once a consent has ended, it stays ended for the same reason', () => {
    fc.assert(
      fc.property(recordArb('c0'), dayArb, fc.integer({ min: 1, max: 3000 }), (record, asOf, later) => {
        const now = consentState(record, iso(asOf))
        if (now === 'expired' || now === 'withdrawn') expect(consentState(record, iso(asOf + later))).toBe(now)
      }),
    )
  })

  it('is in force exactly between givenOn and the first end, for an oral consent', () => {
    fc.assert(
      fc.property(recordArb('c0'), dayArb, (record, asOf) => {
        const oral = { ...record, form: 'oral' as const }
        const given = dayNumberOf(oral.givenOn)
        const endsOn = Math.min(
          oral.validUntil === null ? Infinity : dayNumberOf(oral.validUntil) + 1,
          oral.withdrawnOn === null ? Infinity : dayNumberOf(oral.withdrawnOn),
        )
        expect(consentState(oral, iso(asOf)) === 'in-force').toBe(asOf >= given && asOf < endsOn)
      }),
    )
  })
})

function dayNumberOf(isoDay: string): number {
  return Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000 - BASE
}
