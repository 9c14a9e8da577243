import { describe, expect, it } from 'vitest'
import type { CounsellingFiguresDto } from '../../../shared/counselling.ts'
import type { PromiseRow } from '../../../shared/staff-time.ts'
import { type CounsellingReportInput, counsellingSection } from './status-report-counselling.ts'

// The section "Åben rådgivning og tid" from hand-made facts: figures as the counselling figures
// service hands them to a board member (hidden counts are null), and promise rows as the quarter
// view words them. Expected texts are worked out by hand below each case.

type Site = CounsellingFiguresDto['sites'][number]
const site = (name: string, over: Partial<Site>): Site => ({ site: name, planned: 0, held: 0, cancelled: 0, notRecorded: 0, staffingMet: 0, understaffed: 0, inquiries: 0, referred: 0, ...over })

// Stenbjergparken: 13 planned, 10 held (9 fully staffed), 1 cancelled, 2 not recorded; 12 inquiries,
// 3 referred. Kløvermarken: 12 planned, 4 held; 3 inquiries and 1 referred, both hidden as under 5.
// Totals: 25 planned, 14 held, 1 cancelled, 9 not recorded, 12 staffing met, 15 inquiries, 4 referred.
const figures: CounsellingFiguresDto = {
  from: '2025-07-01',
  to: '2025-09-30',
  asOf: '2025-08-31',
  suppressed: true,
  threshold: 5,
  definitions: [],
  totals: { ...site('', { planned: 25, held: 14, cancelled: 1, notRecorded: 9, staffingMet: 12, understaffed: 2, inquiries: 15, referred: null }), holidays: 0 },
  referredShare: null,
  byReferral: [],
  sites: [
    site('Stenbjergparken', { planned: 13, held: 10, cancelled: 1, notRecorded: 2, staffingMet: 9, understaffed: 1, inquiries: 12, referred: null }),
    site('Kløvermarken', { planned: 12, held: 4, cancelled: 0, notRecorded: 7, staffingMet: 3, understaffed: 1, inquiries: null, referred: null }),
  ],
  topics: [
    { topic: 'Jobsøgning', bySite: [8, null], total: 10 },
    { topic: 'Økonomi', bySite: [null, null], total: 5 },
  ],
  topicTotals: [12, null],
  weeks: [],
}

const promise = (over: Partial<PromiseRow>): PromiseRow => ({
  key: 'k',
  party: 'Jobcenter Varde',
  where: 'Delaftalens medarbejderressourcer',
  text: 'mindst 16 timer ugentligt i 44 uger',
  promisedHours: 176,
  promisedPeople: null,
  promisedPerWeek: 16,
  promisedWeeks: 11,
  deliveredHours: 126.5,
  deliveredPeople: 0,
  averagePerWeek: 11.5,
  verdict: 'not-kept',
  sentence: 'Jobcenteret lovede mindst 16 timer pr. uge i 44 uger; 3. kvartal 2025: 11,5 timer om ugen i gennemsnit. Løftet er ikke holdt.',
  closes: false,
  closed: null,
  ...over,
})

const quarter: NonNullable<CounsellingReportInput['quarter']> = {
  quarterLabel: '3. kvartal 2025',
  promises: [promise({}), promise({ key: 'mentor', party: 'Boligselskabet', text: '2 mentorer', promisedHours: null, promisedPeople: 2, promisedPerWeek: null, promisedWeeks: null, deliveredHours: 40, deliveredPeople: 2, verdict: 'kept', sentence: 'Boligselskabet lovede 2 mentorer; 2 har registreret timer. Løftet er holdt.' })],
  conversations: null,
  conversationHours: 3.75,
  hoursTotal: 166.5,
}

const texts = (rows: { text: string }[][]) => rows.map((r) => r.map((c) => c.text))

describe('the section on open counselling and staff time', () => {
  it('is left out when the agreement has neither open counselling nor staff promises in the period', () => {
    expect(counsellingSection({ figures: null, quarter: null, periodLabel: '2023' })).toBeNull()
    expect(counsellingSection({ figures: { ...figures, sites: [] }, quarter: { ...quarter, promises: [] }, periodLabel: '3. kvartal 2025' })).toBeNull()
  })

  it('gives per site planned, held, cancelled, not recorded, staffing met, inquiries and the share referred, hiding what the page hides', () => {
    const s = counsellingSection({ figures, quarter: null, periodLabel: '3. kvartal 2025' })!
    expect(s.heading).toBe('Åben rådgivning og tid')
    expect(s.intro).toBe('Åbningstider og henvendelser i 3. kvartal 2025 til og med 31. august 2025.')
    expect(s.sites!.header).toEqual(['Sted', 'Planlagt', 'Holdt', 'Aflyst', 'Ikke registreret', 'Bemanding opfyldt', 'Henvendelser', 'Andel henvist'])
    // A share is only given from two counts the reader can see: here no referred count is shown.
    expect(texts(s.sites!.rows)).toEqual([
      ['Stenbjergparken', '13', '10', '1', '2', '9', '12', 'skjult'],
      ['Kløvermarken', '12', '4', '0', '7', '3', 'skjult', 'skjult'],
      ['I alt', '25', '14', '1', '9', '12', '15', 'skjult'],
    ])
    expect(s.sites!.rows[0]![1]).toEqual({ text: '13', value: 13, format: 'count' })
    expect(s.sites!.rows[1]![6]).toEqual({ text: 'skjult', value: null })
    expect(s.referred).toBe('Andel henvist videre: skjult (for få henvendelser til at vise).')
    expect(texts(s.topics!.rows)).toEqual([
      ['Jobsøgning', '8', 'skjult', '10'],
      ['Økonomi', 'skjult', 'skjult', '5'],
      ['I alt', '12', 'skjult', '15'],
    ])
    expect(s.topics!.header).toEqual(['Emne', 'Stenbjergparken', 'Kløvermarken', 'I alt'])
    expect(s.staff).toBeNull()
    expect(s.notes.join(' ')).toContain('Antal henvendelser under 5 er skjult')
  })

  it('works out the share referred from visible counts: 3 of 12 is 25,0 %, 6 of 15 is 40,0 %, none of none is a dash', () => {
    const shown: CounsellingFiguresDto = {
      ...figures,
      totals: { ...figures.totals, inquiries: 15, referred: 6 },
      sites: [site('Stenbjergparken', { planned: 13, inquiries: 12, referred: 3 }), site('Kløvermarken', { planned: 12, inquiries: 0, referred: 0 })],
    }
    const s = counsellingSection({ figures: shown, quarter: null, periodLabel: '3. kvartal 2025' })!
    expect(s.sites!.rows.map((r) => r[7]!.text)).toEqual(['25,0\u00a0%', '–', '40,0\u00a0%'])
    expect(s.sites!.rows[0]![7]!.value).toBe(0.25)
    expect(s.referred).toBe('Andel henvist videre: 40,0\u00a0% (6 af 15 henvendelser).')
  })

  it('gives each staff promise delivered against promised, with the quarter view’s own verdict', () => {
    const s = counsellingSection({ figures: null, quarter, periodLabel: '3. kvartal 2025' })!
    expect(s.sites).toBeNull()
    expect(s.topics).toBeNull()
    expect(s.intro).toBe('Medarbejdertimer leveret mod lovet i 3. kvartal 2025.')
    expect(texts(s.staff!.rows)).toEqual([
      ['Jobcenter Varde', 'mindst 16 timer ugentligt i 44 uger', '176 timer', '126,5 timer', 'Ikke holdt'],
      ['Boligselskabet', '2 mentorer', '2 personer', '2 personer', 'Holdt'],
    ])
    expect(s.staff!.rows[0]![3]).toEqual({ text: '126,5 timer', value: 126.5, format: 'hours' })
    expect(s.staff!.rows[1]![2]).toEqual({ text: '2 personer', value: 2, format: 'people' })
    expect(s.verdicts[0]).toContain('Jobcenteret lovede mindst 16 timer pr. uge i 44 uger; 3. kvartal 2025: 11,5 timer om ugen i gennemsnit')
    // 3,75 hours rounds to 3,8; a handful of conversations is hidden as on the quarter page.
    expect(s.staffNote).toBe('Samtaler i kvartalet: under 5 (skjult), 3,8 timer med transport og administration. Registreret i alt: 166,5 timer.')
    // Hours are about staff: no suppression note when there are no inquiries in the section.
    expect(s.notes).toEqual([])
  })
})
