import type { CounsellingFiguresDto } from '../../../shared/counselling.ts'
import { formatCount, formatDate, formatNumber, formatPercent } from '../../../shared/lib/format.ts'
import { type PromiseRow, type QuarterView, verdictLabels } from '../../../shared/staff-time.ts'

// The status report's section "Åben rådgivning og tid": the open counselling figures of the
// report's period and the staff promises of its quarter, delivered against promised, laid out as
// tables every renderer draws the same way. Pure: the figures come in already suppressed, as the
// counselling figures page shows them to a board member (figures.service.ts), and the quarter's
// rows are the quarter view's own (quarter-view.ts), sentences and all; nothing is counted again here.
//
// - Counts of inquiries are about residents: a hidden one (null) reads "skjult", and a share is
//   only worked out from two counts the reader can see.
// - Occurrences, staffing and hours are about the staff's work and are shown as they are.
// - No part without data: no open counselling in the agreement, or nothing planned in the period,
//   gives no counselling tables; no staff promises gives no staff table; neither gives no section.

export interface CounsellingReportInput {
  /** The period's figures, suppressed; null when the agreement promises no open counselling. */
  figures: CounsellingFiguresDto | null
  /** The quarter's staff promises; null when the report's period is not a quarter. */
  quarter: Pick<QuarterView, 'quarterLabel' | 'promises' | 'conversations' | 'conversationHours' | 'hoursTotal'> | null
  periodLabel: string
}

/** A cell: its text, and for Excel the number it stands for (null: hidden or none; the text says which). */
export interface SectionCell {
  text: string
  value: number | null
  /** How Excel shows `value`. */
  format?: 'count' | 'share' | 'hours' | 'people'
}

export interface SectionTable {
  caption: string
  header: string[]
  /** Relative column widths. */
  widths: number[]
  align: ('left' | 'right')[]
  rows: SectionCell[][]
}

export interface CounsellingSection {
  heading: string
  intro: string
  sites: SectionTable | null
  referred: string | null
  topics: SectionTable | null
  staff: SectionTable | null
  /** The quarter view's plain verdict for each promise, in the order of the staff table. */
  verdicts: string[]
  /** Conversations and hours registered in the quarter. */
  staffNote: string | null
  notes: string[]
}

export const counsellingSectionText = {
  heading: 'Åben rådgivning og tid',
  hidden: 'skjult',
  none: '–',
} as const

const text = (t: string): SectionCell => ({ text: t, value: null })
const count = (n: number | null): SectionCell => (n === null ? { text: counsellingSectionText.hidden, value: null } : { text: formatNumber(n), value: n, format: 'count' })
const share = (part: number | null, whole: number | null): SectionCell => {
  if (part === null || whole === null) return { text: counsellingSectionText.hidden, value: null }
  if (whole === 0) return { text: counsellingSectionText.none, value: null }
  return { text: formatPercent(part / whole, 1), value: part / whole, format: 'share' }
}
const round1 = (h: number) => Math.round(h * 10) / 10
const hours = (h: number | null): SectionCell => (h === null ? text(counsellingSectionText.none) : { text: formatCount(round1(h), 'time', 'timer'), value: round1(h), format: 'hours' })
const people = (n: number): SectionCell => ({ text: formatCount(n, 'person', 'personer'), value: n, format: 'people' })

export function counsellingSection(input: CounsellingReportInput): CounsellingSection | null {
  const f = input.figures && input.figures.sites.length > 0 ? input.figures : null
  const promises = input.quarter?.promises ?? []
  if (!f && promises.length === 0) return null

  const intro = [
    f ? `Åbningstider og henvendelser i ${input.periodLabel} til og med ${formatDate(f.asOf < f.to ? f.asOf : f.to)}.` : null,
    promises.length ? `Medarbejdertimer leveret mod lovet i ${input.quarter!.quarterLabel}.` : null,
  ]
    .filter(Boolean)
    .join(' ')

  let sites: SectionTable | null = null
  let topics: SectionTable | null = null
  let referred: string | null = null
  if (f) {
    const siteRow = (label: string, s: CounsellingFiguresDto['sites'][number] | CounsellingFiguresDto['totals']): SectionCell[] => [
      text(label),
      count(s.planned),
      count(s.held),
      count(s.cancelled),
      count(s.notRecorded),
      count(s.staffingMet),
      count(s.inquiries),
      share(s.referred, s.inquiries),
    ]
    sites = {
      caption: `Åbningstider og henvendelser pr. sted, ${input.periodLabel}`,
      header: ['Sted', 'Planlagt', 'Holdt', 'Aflyst', 'Ikke registreret', 'Bemanding opfyldt', 'Henvendelser', 'Andel henvist'],
      widths: [20, 10, 8, 8, 12, 12, 15, 12],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      rows: [...f.sites.map((s) => siteRow(s.site, s)), siteRow('I alt', f.totals)],
    }
    const all = f.totals.inquiries
    referred =
      all === null || f.totals.referred === null
        ? `Andel henvist videre: ${counsellingSectionText.hidden} (for få henvendelser til at vise).`
        : all === 0
          ? 'Der er ikke registreret henvendelser i perioden.'
          : `Andel henvist videre: ${formatPercent(f.totals.referred / all, 1)} (${formatNumber(f.totals.referred)} af ${formatCount(all, 'henvendelse', 'henvendelser')}).`
    if (f.topics.length > 0) {
      topics = {
        caption: `Henvendelser pr. emne og sted, ${input.periodLabel}`,
        header: ['Emne', ...f.sites.map((s) => s.site), 'I alt'],
        widths: [22, ...f.sites.map(() => 60 / f.sites.length), 14],
        align: ['left', ...f.sites.map(() => 'right' as const), 'right'],
        rows: [
          ...f.topics.map((t) => [text(t.topic), ...t.bySite.map(count), count(t.total)]),
          [text('I alt'), ...f.topicTotals.map(count), count(f.totals.inquiries)],
        ],
      }
    }
  }

  let staff: SectionTable | null = null
  let staffNote: string | null = null
  if (promises.length && input.quarter) {
    const q = input.quarter
    staff = {
      caption: `Medarbejdertimer leveret mod lovet pr. part, ${q.quarterLabel}`,
      header: ['Part', 'Løfte', 'Lovet', 'Leveret', 'Vurdering'],
      widths: [22, 38, 13, 13, 14],
      align: ['left', 'left', 'right', 'right', 'left'],
      rows: promises.map((p) => staffRow(p)),
    }
    const conversations = q.conversations === null ? 'under 5 (skjult)' : formatNumber(q.conversations)
    staffNote = `Samtaler i kvartalet: ${conversations}, ${formatCount(round1(q.conversationHours), 'time', 'timer')} med transport og administration. Registreret i alt: ${formatCount(round1(q.hoursTotal), 'time', 'timer')}.`
  }

  const notes = [
    ...(f ? [`Antal henvendelser under ${formatNumber(f.threshold)} er skjult; hvor et skjult antal kunne regnes ud fra de andre, er også et af dem skjult. Åbningstider, bemanding og timer handler om medarbejdernes arbejde og vises, som de er.`] : []),
    ...(f ? ['"Ikke registreret": en planlagt åbningstid, hvor ingen har registreret noget; det vides ikke, om den blev holdt.'] : []),
  ]

  return {
    heading: counsellingSectionText.heading,
    intro,
    sites,
    referred,
    topics,
    staff,
    verdicts: promises.map((p) => p.sentence),
    staffNote,
    notes,
  }
}

function staffRow(p: PromiseRow): SectionCell[] {
  const headcount = p.promisedPeople !== null
  return [
    text(p.party),
    text(p.text),
    headcount ? people(p.promisedPeople!) : hours(p.promisedHours),
    headcount ? people(p.deliveredPeople) : hours(p.deliveredHours),
    text(verdictLabels[p.verdict]),
  ]
}
