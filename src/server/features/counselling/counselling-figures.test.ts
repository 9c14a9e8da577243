import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type InquiryFacts, type OccurrenceFacts, counsellingFigures, staffingVerdict } from './counselling-figures.ts'

const STEN = 'Stenbjergparken'
const KLOEVER = 'Kløver-/Hvedemarken'
const NOERAGER = 'Nørager og Søstjernevej m.fl.'

const occ = (id: string, site: string, heldOn: string, staffIds: string[], extra: Partial<OccurrenceFacts> = {}): OccurrenceFacts => ({
  id,
  site,
  heldOn,
  holiday: null,
  cancelled: false,
  staffingMin: 3,
  staffIds,
  ...extra,
})

// Two weeks of March 2026, asked about on Thursday 12 March.
const occurrences: OccurrenceFacts[] = [
  occ('o1', STEN, '2026-03-02', ['u1', 'u2', 'u3']), // held, 3 of 3-4: met
  occ('o2', KLOEVER, '2026-03-03', ['u1', 'u1']), // held, one person twice: 1 of 3, under
  occ('o3', STEN, '2026-03-09', [], { cancelled: true }), // cancelled
  occ('o4', KLOEVER, '2026-03-10', []), // no one checked in, but an inquiry: held, under
  occ('o5', NOERAGER, '2026-03-05', [], { holiday: 'En helligdag' }), // not planned
  occ('o6', NOERAGER, '2026-03-12', []), // nothing recorded
  occ('o7', STEN, '2026-03-16', ['u1']), // after the range
  occ('o8', KLOEVER, '2026-03-14', ['u1', 'u2', 'u3', 'u4']), // in the range but after asOf
]
const inq = (occurrenceId: string, topic: string, referral: InquiryFacts['referral'] = 'none'): InquiryFacts => ({ occurrenceId, topic, referral })
const inquiries: InquiryFacts[] = [
  inq('o1', 'Jobsøgning'),
  inq('o1', 'Jobsøgning', 'jobcenter'),
  inq('o1', 'Økonomi'),
  inq('o1', 'Bolig', 'elsewhere'),
  inq('o2', 'Jobsøgning', 'appointment'),
  inq('o4', 'Økonomi'),
  inq('o8', 'Jobsøgning'), // after asOf
  inq('o7', 'Bolig'), // after the range
]

describe('open counselling figures', () => {
  const f = counsellingFigures(occurrences, inquiries, { from: '2026-03-02', to: '2026-03-15' }, '2026-03-12')

  it('counts occurrences planned, held, cancelled, not recorded and on holidays, up to the day asked about', () => {
    expect(f.totals).toMatchObject({ planned: 5, held: 3, cancelled: 1, notRecorded: 1, holidays: 1 })
  })

  it('judges staffing against the promised least number, each person once', () => {
    expect(f.totals).toMatchObject({ staffingMet: 1, understaffed: 2 })
  })

  it('counts inquiries and the share referred anywhere', () => {
    expect(f.totals).toMatchObject({ inquiries: 6, referred: 3 })
    expect(f.referredShare).toBe(0.5)
    expect(f.byReferral).toEqual({ none: 3, jobcenter: 1, appointment: 1, elsewhere: 1 })
  })

  it('gives each site its own line, in Danish alphabetical order', () => {
    expect(f.sites).toEqual([
      { site: KLOEVER, planned: 2, held: 2, cancelled: 0, notRecorded: 0, staffingMet: 0, understaffed: 2, inquiries: 2, referred: 1 },
      { site: NOERAGER, planned: 1, held: 0, cancelled: 0, notRecorded: 1, staffingMet: 0, understaffed: 0, inquiries: 0, referred: 0 },
      { site: STEN, planned: 2, held: 1, cancelled: 1, notRecorded: 0, staffingMet: 1, understaffed: 0, inquiries: 4, referred: 2 },
    ])
  })

  it('counts inquiries per topic and site, the most frequent topic first', () => {
    expect(f.topics).toEqual([
      { topic: 'Jobsøgning', bySite: [1, 0, 2], total: 3 },
      { topic: 'Økonomi', bySite: [1, 0, 1], total: 2 },
      { topic: 'Bolig', bySite: [0, 0, 1], total: 1 },
    ])
  })

  it('counts inquiries per week (by its Monday) and site', () => {
    expect(f.weeks).toEqual([
      { week: '2026-03-02', bySite: [1, 0, 4], total: 5 },
      { week: '2026-03-09', bySite: [1, 0, 0], total: 1 },
    ])
  })

  it('takes one staff member as enough where no staffing was promised', () => {
    const r = counsellingFigures([occ('x', STEN, '2026-03-02', ['u1'], { staffingMin: null })], [], { from: '2026-03-01', to: '2026-03-31' }, '2026-03-31')
    expect(r.totals).toMatchObject({ planned: 1, held: 1, staffingMet: 1, understaffed: 0 })
  })

  it('gives no share and empty tables when nothing is due yet', () => {
    const r = counsellingFigures(occurrences, inquiries, { from: '2026-03-02', to: '2026-03-15' }, '2026-03-01')
    expect(r.totals).toMatchObject({ planned: 0, held: 0, inquiries: 0 })
    expect(r.referredShare).toBeNull()
    expect(r.sites).toEqual([])
    expect(r.topics).toEqual([])
  })
})

describe('inquiries grouped by the database', () => {
  it('give the same figures as one fact per inquiry, whatever the inquiries', () => {
    const ids = occurrences.map((o) => o.id)
    const topics = ['Jobsøgning', 'Økonomi', 'Bolig']
    const referrals: InquiryFacts['referral'][] = ['none', 'jobcenter', 'appointment', 'elsewhere']
    const one = fc.record({ occurrenceId: fc.constantFrom(...ids), topic: fc.constantFrom(...topics), referral: fc.constantFrom(...referrals) })
    fc.assert(
      fc.property(fc.array(one, { maxLength: 200 }), (list) => {
        const groups = new Map<string, InquiryFacts>()
        for (const i of list) {
          const key = `${i.occurrenceId}|${i.topic}|${i.referral}`
          const g = groups.get(key)
          if (g) g.count = (g.count ?? 1) + 1
          else groups.set(key, { ...i, count: 1 })
        }
        const range = { from: '2026-03-02', to: '2026-03-15' }
        expect(counsellingFigures(occurrences, [...groups.values()], range, '2026-03-12')).toEqual(counsellingFigures(occurrences, list, range, '2026-03-12'))
      }),
      { numRuns: 300 },
    )
  })
})

describe('the roster against the promise', () => {
  it('says plainly when an occurrence is under-staffed, met or without a promise', () => {
    expect(staffingVerdict(2, 3, 4)).toEqual({ staffing: 'under', text: 'Underbemandet: 2 medarbejdere har tjekket ind, og der er lovet 3-4.' })
    expect(staffingVerdict(0, 3, 4).staffing).toBe('under')
    expect(staffingVerdict(3, 3, 4)).toEqual({ staffing: 'met', text: 'Bemandingen er opfyldt: 3 medarbejdere har tjekket ind, og der er lovet 3-4.' })
    expect(staffingVerdict(5, 3, 4).staffing).toBe('met')
    expect(staffingVerdict(1, 2, 2).text).toBe('Underbemandet: 1 medarbejder har tjekket ind, og der er lovet 2.')
    expect(staffingVerdict(1, null, null)).toEqual({ staffing: 'unknown', text: 'Der er ikke lovet en bemanding. 1 medarbejder har tjekket ind.' })
  })
})
