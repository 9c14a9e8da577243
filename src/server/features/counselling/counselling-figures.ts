import type { Referral } from '../../../shared/counselling.ts'
import { mondayOf } from './occurrence-generation.ts'

// The figures of open counselling for a range of days, a pure rule (CONTRIBUTING.md). Definitions,
// shown with the figures (COUNSELLING_DEFINITIONS):
//
// - Planned: an occurrence in the range, on or before the day asked about (asOf), not on a public
//   holiday. Occurrences later than asOf are not yet due and are not counted at all.
// - Cancelled: a planned occurrence a staff member cancelled (with a reason).
// - Held: a planned occurrence not cancelled at which at least one staff member checked in or at
//   least one inquiry was logged.
// - Not recorded: a planned occurrence neither cancelled nor held: nobody registered anything, so
//   whether it took place is not known. It is shown rather than counted as held.
// - Staffing met: a held occurrence at which at least the promised least number of staff (the "3"
//   of "3-4") checked in; each person counts once however often they checked in. Where no staffing
//   was promised, one staff member meets it. Under-staffed: a held occurrence that did not.
// - Inquiries: the inquiries logged at occurrences in the range up to asOf, counted by the
//   occurrence's site, its week (the Monday it begins) and the inquiry's topic.
// - Share referred: inquiries referred anywhere (the job centre, an appointment, elsewhere) divided
//   by all inquiries; none when there were no inquiries.

export interface OccurrenceFacts {
  id: string
  site: string
  heldOn: string
  holiday: string | null
  cancelled: boolean
  staffingMin: number | null
  /** The distinct staff who checked in. */
  staffIds: readonly string[]
}

export interface InquiryFacts {
  occurrenceId: string
  topic: string
  referral: Referral
  /** How many inquiries alike in all of the above these facts stand for (the database groups them); 1 when left out. */
  count?: number
}

export interface SiteFigures {
  site: string
  planned: number
  held: number
  cancelled: number
  notRecorded: number
  staffingMet: number
  understaffed: number
  inquiries: number
  referred: number
}

export interface CounsellingFigures {
  totals: SiteFigures & { holidays: number }
  referredShare: number | null
  byReferral: Record<Referral, number>
  sites: SiteFigures[]
  /** Inquiries per topic (rows) and site (columns, in the order of `sites`). */
  topics: { topic: string; bySite: number[]; total: number }[]
  /** Inquiries per week (its Monday) and site. */
  weeks: { week: string; bySite: number[]; total: number }[]
}

export const COUNSELLING_DEFINITIONS: readonly { term: string; definition: string }[] = [
  { term: 'Planlagt', definition: 'En åbningstid i perioden til og med i dag, som ikke falder på en helligdag.' },
  { term: 'Aflyst', definition: 'En planlagt åbningstid, som en medarbejder har aflyst med en begrundelse.' },
  { term: 'Holdt', definition: 'En planlagt åbningstid, der ikke er aflyst, og hvor mindst én medarbejder har tjekket ind eller mindst én henvendelse er registreret.' },
  { term: 'Ikke registreret', definition: 'En planlagt åbningstid, der hverken er aflyst eller holdt: ingen har registreret noget, så det vides ikke, om den blev holdt.' },
  { term: 'Bemanding opfyldt', definition: 'En holdt åbningstid, hvor mindst det lovede mindste antal medarbejdere (fx 3 i "3-4") tjekkede ind. Hver medarbejder tæller én gang. Er der ikke lovet en bemanding, er én medarbejder nok.' },
  { term: 'Henvendelser', definition: 'Henvendelser registreret ved åbningstider i perioden til og med i dag, talt efter åbningstidens sted og uge og henvendelsens emne.' },
  { term: 'Andel henvist', definition: 'Henvendelser, der er henvist videre (til jobcentret, til en tid eller andet sted), delt med alle henvendelser.' },
]

const emptySite = (site: string): SiteFigures => ({ site, planned: 0, held: 0, cancelled: 0, notRecorded: 0, staffingMet: 0, understaffed: 0, inquiries: 0, referred: 0 })

export function counsellingFigures(occurrences: readonly OccurrenceFacts[], inquiries: readonly InquiryFacts[], range: { from: string; to: string }, asOf: string): CounsellingFigures {
  const last = asOf < range.to ? asOf : range.to
  const due = occurrences.filter((o) => o.heldOn >= range.from && o.heldOn <= last)
  const dueById = new Map(due.map((o) => [o.id, o]))
  const counted = inquiries.filter((i) => dueById.has(i.occurrenceId))
  const inquiriesAt = new Map<string, number>()
  for (const i of counted) inquiriesAt.set(i.occurrenceId, (inquiriesAt.get(i.occurrenceId) ?? 0) + (i.count ?? 1))

  const siteNames = [...new Set(due.map((o) => o.site))].sort((a, b) => a.localeCompare(b, 'da'))
  const sites = new Map(siteNames.map((s) => [s, emptySite(s)]))
  const totals = { ...emptySite(''), holidays: 0 }
  const add = (site: string, key: keyof Omit<SiteFigures, 'site'>, n = 1) => {
    sites.get(site)![key] += n
    totals[key] += n
  }
  for (const o of due) {
    if (o.holiday) {
      totals.holidays++
      continue
    }
    add(o.site, 'planned')
    if (o.cancelled) {
      add(o.site, 'cancelled')
      continue
    }
    const staff = new Set(o.staffIds).size
    if (staff === 0 && !inquiriesAt.has(o.id)) {
      add(o.site, 'notRecorded')
      continue
    }
    add(o.site, 'held')
    add(o.site, staff >= Math.max(o.staffingMin ?? 1, 1) ? 'staffingMet' : 'understaffed')
  }

  const byReferral: Record<Referral, number> = { none: 0, jobcenter: 0, appointment: 0, elsewhere: 0 }
  const topics = new Map<string, number[]>()
  const weeks = new Map<string, number[]>()
  const columnOf = new Map(siteNames.map((s, i) => [s, i]))
  const weekOf = new Map<string, string>()
  for (const i of counted) {
    const o = dueById.get(i.occurrenceId)!
    const n = i.count ?? 1
    const column = columnOf.get(o.site)!
    add(o.site, 'inquiries', n)
    if (i.referral !== 'none') add(o.site, 'referred', n)
    byReferral[i.referral] += n
    const topicRow = topics.get(i.topic) ?? siteNames.map(() => 0)
    topicRow[column]! += n
    topics.set(i.topic, topicRow)
    let week = weekOf.get(o.heldOn)
    if (week === undefined) weekOf.set(o.heldOn, (week = mondayOf(o.heldOn)))
    const weekRow = weeks.get(week) ?? siteNames.map(() => 0)
    weekRow[column]! += n
    weeks.set(week, weekRow)
  }
  const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0)
  return {
    totals,
    referredShare: totals.inquiries === 0 ? null : totals.referred / totals.inquiries,
    byReferral,
    sites: siteNames.map((s) => sites.get(s)!),
    topics: [...topics]
      .map(([topic, bySite]) => ({ topic, bySite, total: sum(bySite) }))
      .sort((a, b) => b.total - a.total || a.topic.localeCompare(b.topic, 'da')),
    weeks: [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, bySite]) => ({ week, bySite, total: sum(bySite) })),
  }
}

/**
 * The roster of one occurrence against its promise, said plainly: under-staffed when fewer staff
 * checked in than the least number promised; the same rule as "staffing met" above.
 */
export function staffingVerdict(present: number, min: number | null, max: number | null): { staffing: 'under' | 'met' | 'unknown'; text: string } {
  const promise = min === null ? null : max !== null && max !== min ? `${min}-${max}` : `${min}`
  const people = present === 1 ? '1 medarbejder' : `${present} medarbejdere`
  if (promise === null) return { staffing: 'unknown', text: `Der er ikke lovet en bemanding. ${people} har tjekket ind.` }
  if (present < Math.max(min ?? 1, 1)) return { staffing: 'under', text: `Underbemandet: ${people} har tjekket ind, og der er lovet ${promise}.` }
  return { staffing: 'met', text: `Bemandingen er opfyldt: ${people} har tjekket ind, og der er lovet ${promise}.` }
}
