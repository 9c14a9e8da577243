import type { AgreementContent, AgreementWarning, RevisionInfo, StaffResource } from './agreements.ts'
import { formatDate, formatNumber } from './lib/format.ts'
import { withoutFootnoteMarks as plain } from './lib/text-blocks.ts'

// Consistency warnings: what a careful reader of an agreement would circle in red. They never block
// saving (real agreements contain such things and must still be held as they are), but they are shown
// on the agreement page and printed by the import, and the editor shows them while the user types
// (the same rules, from this one module: src/web/features/agreements/agreement-edit-page.tsx).

export interface ReferenceData {
  /** The agreement's funding period, if known. */
  fundingPeriod: { code: string; startsOn: string; endsOn: string } | null
  /** Effort-area codes of that period. */
  effortAreaCodes: readonly string[]
}

/**
 * Every warning about an agreement. Without reference data (the editor, which does not hold the
 * funding periods) the checks against it are left out; with a revision, its effective date is checked
 * against the agreement's period.
 */
export function agreementWarnings(a: AgreementContent, ref: ReferenceData | null, revision?: Pick<RevisionInfo, 'effectiveFrom'>): AgreementWarning[] {
  return [
    ...(revision ? revisionWarnings(a, revision) : []),
    ...resourceWarnings(a),
    ...resourceTextWarnings(a),
    ...snapshotWarnings(a),
    ...goalWarnings(a),
    ...(ref ? referenceWarnings(a, ref) : []),
  ]
}

/** A revision that applies from a day outside the agreement's own period is most likely a typing slip. */
function revisionWarnings(a: AgreementContent, revision: Pick<RevisionInfo, 'effectiveFrom'>): AgreementWarning[] {
  const from = revision.effectiveFrom
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || (from >= a.validFrom && from <= a.validTo)) return []
  return [
    {
      code: 'revision-outside-period',
      message: `Revisionen gælder fra ${formatDate(from)}, som ligger uden for delaftalens periode (${formatDate(a.validFrom)} – ${formatDate(a.validTo)}).`,
      path: 'revision.effectiveFrom',
    },
  ]
}

// Danish number words a resource text uses for small numbers ("mindst fem timer", "to dage"). "en"/"et"
// are left out: they are far more often the article than the number one.
const NUMBER_WORDS: Record<string, number> = { to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10 }

/** The numbers a text states: "80%", "16,5 timer", "1.200 timer", "fem timer". */
export function numbersInText(text: string): number[] {
  const numbers: number[] = []
  for (const m of text.matchAll(/(?<![\d,.])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d,.]\d)|(?<![\d,.])\d+(?:,\d+)?/g)) {
    numbers.push(Number(m[0].replace(/\./g, '').replace(',', '.')))
  }
  for (const m of text.toLowerCase().matchAll(/(?<![\p{L}])(to|tre|fire|fem|seks|syv|otte|ni|ti)(?![\p{L}])/gu)) numbers.push(NUMBER_WORDS[m[1]!]!)
  return numbers
}

/**
 * A resource whose number was changed while its verbatim text still states another (80 % → 60 %
 * leaves "80%" in the text, and the Word and PDF export print both). Warned when the text states
 * numbers and none of them is the resource's quantity; a text with no number at all says nothing
 * to contradict it.
 */
export function resourceTextWarnings(a: AgreementContent): AgreementWarning[] {
  const warnings: AgreementWarning[] = []
  for (const { resource: r, path } of placedResources(a)) {
    if (r.quantity === undefined) continue
    const stated = numbersInText(r.text)
    if (stated.length === 0 || stated.some((n) => Math.abs(n - r.quantity!) < 1e-9)) continue
    const who = r.role ?? [r.organisation, r.unit].filter(Boolean).join(', ')
    warnings.push({
      code: 'resource-text-number',
      message: `${who}: mængden er ${formatNumber(r.quantity)}, men teksten i delaftalen nævner ${[...new Set(stated)].map((n) => formatNumber(n)).join(' og ')} ("${r.text}"). Ret teksten, så den siger det samme som mængden.`,
      path: `${path}.text`,
    })
  }
  return warnings
}

interface PlacedResource {
  resource: StaffResource
  path: string
}

function placedResources(a: AgreementContent): PlacedResource[] {
  return [
    ...a.staffResources.map((resource, i) => ({ resource, path: `staffResources.${i}` })),
    ...a.municipalResources.map((resource, i) => ({ resource, path: `municipalResources.${i}` })),
    ...a.activities.flatMap((act, ai) => act.resources.map((resource, i) => ({ resource, path: `activities.${ai}.resources.${i}` }))),
  ]
}

/** The same organisation's weekly hours stated for a different number of weeks in two places (Varde: 40 and 44). */
function resourceWarnings(a: AgreementContent): AgreementWarning[] {
  const groups = new Map<string, PlacedResource[]>()
  for (const placed of placedResources(a)) {
    const r = placed.resource
    if (r.resourceUnit !== 'hours-per-week' || r.weeks === undefined) continue
    const id = `${r.organisation.toLowerCase()}|${(r.unit ?? '').toLowerCase()}`
    groups.set(id, [...(groups.get(id) ?? []), placed])
  }
  const warnings: AgreementWarning[] = []
  for (const placed of groups.values()) {
    const weeks = [...new Set(placed.map((p) => p.resource.weeks!))].sort((x, y) => x - y)
    if (weeks.length < 2) continue
    const first = placed[0]!.resource
    const who = [first.organisation, first.unit].filter(Boolean).join(', ')
    warnings.push({
      code: 'resource-weeks-differ',
      message:
        weeks.length === 2
          ? `${who}: timerne angives for ${weeks[0]} uger ét sted og ${weeks[1]} uger et andet sted (${placed.map((p) => `"${p.resource.text}"`).join(' / ')}).`
          : `${who}: timerne angives for ${weeks.slice(0, -1).join(', ')} og ${weeks.at(-1)} uger forskellige steder (${placed.map((p) => `"${p.resource.text}"`).join(' / ')}).`,
      path: placed[1]!.path,
    })
  }
  return warnings
}

function sum(values: readonly number[]): number {
  // Counts may be decimals; round away floating-point noise before comparing.
  return Math.round(values.reduce((s, v) => s + v, 0) * 1000) / 1000
}

function snapshotWarnings(a: AgreementContent): AgreementWarning[] {
  const warnings: AgreementWarning[] = []
  a.targetGroupSnapshots.forEach((snap, si) => {
    const base = `targetGroupSnapshots.${si}`
    snap.rows.forEach((row, ri) => {
      if (row.total !== undefined && row.counts.length > 1 && sum(row.counts) !== row.total) {
        warnings.push({
          code: 'snapshot-row-total',
          message: `${snap.title}, ${row.code}: rækken summerer til ${formatNumber(sum(row.counts))}, men totalen er angivet som ${formatNumber(row.total)}.`,
          path: `${base}.rows.${ri}`,
        })
      }
    })
    snap.columnTotals?.forEach((stated, ci) => {
      const actual = sum(snap.rows.map((r) => r.counts[ci] ?? 0))
      if (actual !== stated) {
        const column = snap.departments[ci] ? `afdeling ${snap.departments[ci]}` : `kolonne ${ci + 1}`
        warnings.push({
          code: 'snapshot-column-total',
          message: `${snap.title}, ${column}: rækkerne summerer til ${formatNumber(actual)}, men totalen er angivet som ${formatNumber(stated)}.`,
          path: `${base}.columnTotals.${ci}`,
        })
      }
    })
    if (snap.total !== undefined) {
      const actual = sum(snap.rows.flatMap((r) => r.counts))
      if (actual !== snap.total) {
        warnings.push({
          code: 'snapshot-grand-total',
          message: `${snap.title}: målgrupperne summerer til ${formatNumber(actual)}, men ${snap.totalLabel ?? 'totalen'} er angivet som ${formatNumber(snap.total)}.`,
          path: `${base}.total`,
        })
      }
    }
  })
  return warnings
}

function goalWarnings(a: AgreementContent): AgreementWarning[] {
  const warnings: AgreementWarning[] = []
  a.goals.forEach((goal, gi) => {
    if (goal.indicators.length === 0) {
      warnings.push({ code: 'goal-no-indicator', message: `Delmålet "${plain(goal.text)}" har ingen indikator, så det kan ikke følges op.`, path: `goals.${gi}` })
    }
    goal.indicators.forEach((ind, ii) => {
      const path = `goals.${gi}.indicators.${ii}`
      if (!ind.dataSource) warnings.push({ code: 'indicator-no-source', message: `Indikatoren "${plain(ind.name)}" har ingen datakilde.`, path })
      if (!ind.frequency) {
        warnings.push({ code: 'indicator-no-frequency', message: `Indikatoren "${plain(ind.name)}" har ingen opfølgningshyppighed (fx årlig eller kvartalsvis).`, path })
      }
    })
  })
  a.activities.forEach((act, ai) => {
    if (act.goalKeys.length === 0) {
      warnings.push({ code: 'activity-no-goal', message: `Aktiviteten "${plain(act.name)}" er ikke knyttet til noget delmål.`, path: `activities.${ai}` })
    }
  })
  return warnings
}

function referenceWarnings(a: AgreementContent, ref: ReferenceData): AgreementWarning[] {
  const warnings: AgreementWarning[] = []
  const known = new Set(ref.effortAreaCodes)
  if (!known.has(a.effortArea)) {
    warnings.push({ code: 'unknown-effort-area', message: `Indsatsområdet "${a.effortArea}" findes ikke i prioriteringsperioden ${a.fundingPeriod}.`, path: 'effortArea' })
  }
  a.activities.forEach((act, ai) =>
    act.allocations.forEach((al, li) => {
      if (!known.has(al.effortArea)) {
        warnings.push({
          code: 'unknown-effort-area',
          message: `Aktiviteten "${plain(act.name)}" fordeler timer til et ukendt indsatsområde: "${al.effortArea}".`,
          path: `activities.${ai}.allocations.${li}`,
        })
      }
    }),
  )
  const period = ref.fundingPeriod
  if (period && (a.validFrom < period.startsOn || a.validTo > period.endsOn)) {
    warnings.push({
      code: 'period-outside-funding-period',
      message: `Delaftalens periode ligger ikke inden for prioriteringsperioden ${period.code}.`,
      path: 'validFrom',
    })
  }
  return warnings
}
