import { formatCount, formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { type FunnelFigures, groupVerdictLabels } from '../../../shared/pathways.ts'
import type { SectionCell, SectionTable } from './status-report-counselling.ts'

// The status report's section "Unge og fritidsjob" (decision 030): for each of the agreement's
// activities with a pathway (Varde's leisure-job funnel), the young people per step in the report's
// period, the leisure jobs kept and lost, and the groups (hold) of the year against the agreement's
// "1 til 2 hold pr år". Pure: the figures come in already suppressed as for a board member
// (pathways.service.ts reportFunnels), so a hidden count reads "skjult" and nothing is counted here.
// The number of groups is not about people and is always shown.

export interface YouthReportInput {
  /** Counts under it are hidden (the suppression threshold). */
  threshold: number
  funnels: {
    figures: FunnelFigures
    /** The groups that started in the year, with their sessions and young people present (null: hidden). */
    groups: { name: string; startsOn: string; sessions: number; youngPeople: number | null }[]
  }[]
}

export interface YouthPart {
  heading: string
  /** Sentences under the part's heading, before its tables. */
  paragraphs: string[]
  tables: SectionTable[]
}

export interface YouthSection {
  heading: string
  intro: string
  parts: YouthPart[]
  notes: string[]
}

export const youthSectionText = {
  heading: 'Unge og fritidsjob',
  hidden: 'skjult',
} as const

const text = (t: string): SectionCell => ({ text: t, value: null })
const count = (n: number | null): SectionCell => (n === null ? { text: youthSectionText.hidden, value: null } : { text: formatNumber(n), value: n, format: 'count' })

/** "1 til 2 hold pr. år", "2 hold pr. år", or null without a target. */
function targetText(g: FunnelFigures['groups']): string | null {
  if (g.min === null) return null
  return g.max !== null && g.max !== g.min ? `${formatNumber(g.min)} til ${formatNumber(g.max)} hold pr. år` : `${formatNumber(g.min)} hold pr. år`
}

export function youthSection(input: YouthReportInput): YouthSection | null {
  if (input.funnels.length === 0) return null
  const first = input.funnels[0]!.figures
  const parts = input.funnels.map(({ figures: f, groups }): YouthPart => {
    const tables: SectionTable[] = [
      {
        caption: `Unge pr. trin, ${f.periodLabel}`,
        header: ['Trin', 'Unge, der nåede trinnet'],
        widths: [60, 40],
        align: ['left', 'right'],
        rows: f.steps.map((s) => [text(s.name), count(s.count)]),
      },
    ]
    if (f.checkName) {
      tables.push({
        caption: `Fritidsjob startet i ${f.periodLabel}, og hvordan det gik`,
        header: ['', 'Unge'],
        widths: [60, 40],
        align: ['left', 'right'],
        rows: [
          [text('Startet i fritidsjob'), count(f.entered)],
          [text(`${f.checkName} (fastholdt)`), count(f.kept)],
          [text('Mistet jobbet'), count(f.lost)],
          [text('Endnu ikke spurgt'), count(f.awaiting)],
        ],
      })
    }
    const g = f.groups
    const target = targetText(g)
    const paragraphs = [
      `Hold startet i ${g.year}: ${formatNumber(g.count)}${target ? `. Delaftalens mål er ${target}: ${groupVerdictLabels[g.verdict].toLowerCase()}` : `. ${groupVerdictLabels[g.verdict]}`}.`,
    ]
    if (groups.length > 0) {
      tables.push({
        caption: `Holdene i ${g.year}`,
        header: ['Hold', 'Startet', 'Gange', 'Unge mødt'],
        widths: [40, 24, 16, 20],
        align: ['left', 'left', 'right', 'right'],
        rows: groups.map((x) => [text(x.name), text(formatDay(x.startsOn)), { text: formatCount(x.sessions, 'gang', 'gange'), value: x.sessions, format: 'count' }, count(x.youngPeople)]),
      })
    }
    return { heading: f.activityName, paragraphs, tables }
  })
  return {
    heading: youthSectionText.heading,
    intro: `De unges trin i ${first.periodLabel}, fritidsjob fastholdt og mistet, og hold pr. år mod delaftalens mål.`,
    parts,
    notes: [
      `Antal unge under ${formatNumber(input.threshold)} er skjult, så ingen enkelt ung kan genkendes; er et af tallene for fritidsjob skjult, er de alle skjult, da de hænger sammen. Antallet af hold handler ikke om personer og vises, som det er.`,
      ...first.definitions.map((d) => `${d.name}: ${d.definition}`),
    ],
  }
}
