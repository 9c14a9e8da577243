import type { Allocation, BaselineTime, Measure, ResourceUnit, Schedule, StaffResource, Target, TimeRecording } from './agreements.ts'
import { formatClockRange, formatCount, formatDay, formatMonth, formatNumber, formatPercentValue, formatShortDate } from './lib/format.ts'

// How the parts of an agreement read, in one place for every output: the web page, the Word
// document and the PDF. Numbers and dates go through lib/format.ts; this module only puts the
// agreement's own words around them.

/**
 * Names of the 2019-26 effort areas, for allocations that point at other agreements by code. The
 * same list is reference data in the database (migration 0002); a test keeps the two equal.
 */
export const effortAreaNames: Readonly<Record<string, string>> = {
  'uddannelse-og-livschancer': 'Uddannelse og livschancer',
  beskaeftigelse: 'Beskæftigelse',
  kriminalitetsforebyggelse: 'Kriminalitetsforebyggelse',
  'sammenhaengskraft-og-medborgerskab': 'Sammenhængskraft og medborgerskab',
}

export const effortAreaName = (code: string): string => effortAreaNames[code] ?? code

/** "1. september 2021 – 31. august 2025" */
export const formatPeriod = (from: string, to: string): string => `${formatDay(from)} – ${formatDay(to)}`

function withLabel(value: string, label: string | undefined): string {
  return label ? `${value} ${label}` : value
}

/**
 * The parts of a baseline cell, count first: ["121 aktive jobcentersager", "5 % af alle sager i VK"].
 * A count and a share without words of their own are told apart as Varde's table does: "Antal 22,2",
 * "Andel 18,35 %".
 */
export function measureParts(m: Measure): string[] {
  const both = m.count !== undefined && m.share !== undefined
  const parts: string[] = []
  if (m.count !== undefined) parts.push(m.countLabel ? withLabel(formatNumber(m.count), m.countLabel) : `${both ? 'Antal ' : ''}${formatNumber(m.count)}`)
  if (m.share !== undefined) parts.push(m.shareLabel ? withLabel(formatPercentValue(m.share), m.shareLabel) : `${both ? 'Andel ' : ''}${formatPercentValue(m.share)}`)
  return parts
}

/** "19,14 %", "233", "121 aktive jobcentersager / 5 % af alle sager i VK". */
export const formatMeasure = (m: Measure): string => measureParts(m).join(' / ')

/** "2018", "Udgang februar 2021" (or "februar 2021" when the source's words are not kept), "02.06.2021". */
export function formatBaselineTime(t: BaselineTime): string {
  switch (t.kind) {
    case 'year':
      return String(t.year)
    case 'month':
      return t.label ?? formatMonth(t.year, t.month)
    case 'date':
      return formatShortDate(t.date)
  }
}

/** "op til 85 % over en årrække", "1-2 hold pr. år", "12 beboere løbende i forløb". */
export function formatTargetAmount(t: Target): string {
  const amount = t.valueMax !== undefined ? `${formatNumber(t.value)}-${formatNumber(t.valueMax)}` : formatNumber(t.value)
  const value = t.unit === '%' ? `${amount}\u00a0%` : `${amount} ${t.unit}`
  return [t.qualifier, value, t.horizon].filter(Boolean).join(' ')
}

/** "Aktiveringsgraden … øges: op til 85 % over en årrække (ønsket udvikling: stigende)". */
export function formatTarget(t: Target): string {
  const direction = t.direction ? ` (ønsket udvikling: ${t.direction === 'up' ? 'stigende' : 'faldende'})` : ''
  return `${t.description}: ${formatTargetAmount(t)}${direction}`
}

/** "kl. 12-17" */
export const formatScheduleTime = (s: Schedule): string => formatClockRange(s.from, s.to)

/** "3-4 medarbejdere", "mindst 2 medarbejdere"; empty when the agreement does not say. */
export function formatStaffing(s: Schedule): string {
  const { staffingMin: min, staffingMax: max } = s
  if (min !== undefined && max !== undefined) {
    return min === max ? formatCount(min, 'medarbejder', 'medarbejdere') : `${formatNumber(min)}-${formatNumber(max)} medarbejdere`
  }
  if (min !== undefined) return `mindst ${formatCount(min, 'medarbejder', 'medarbejdere')}`
  if (max !== undefined) return `op til ${formatCount(max, 'medarbejder', 'medarbejdere')}`
  return ''
}

export const resourceUnitLabels: Record<ResourceUnit, string> = {
  'percent-of-post': '% af en stilling',
  'hours-per-week': 'timer pr. uge',
  hours: 'timer',
  headcount: 'medarbejdere',
  'days-per-week': 'dage pr. uge',
  unspecified: 'uden enhed',
}

/** "80 % af en stilling", "8,5 timer", "16 timer pr. uge", "10 medarbejdere", "2 dage pr. uge". */
export function formatAmount(quantity: number, unit: ResourceUnit): string {
  switch (unit) {
    case 'percent-of-post':
      return `${formatPercentValue(quantity)} af en stilling`
    case 'hours-per-week':
      return `${formatCount(quantity, 'time', 'timer')} pr. uge`
    case 'hours':
      return formatCount(quantity, 'time', 'timer')
    case 'headcount':
      return formatCount(quantity, 'medarbejder', 'medarbejdere')
    case 'days-per-week':
      return `${formatCount(quantity, 'dag', 'dage')} pr. uge`
    case 'unspecified':
      return formatNumber(quantity)
  }
}

/** "mindst 16 timer pr. uge i 44 uger": the structured reading of a resource line. */
export function formatResourceAmount(r: StaffResource): string {
  if (r.quantity === undefined) return 'Ikke opgjort i tal'
  return `${r.atLeast ? 'mindst ' : ''}${formatAmount(r.quantity, r.resourceUnit)}${r.weeks ? ` i ${r.weeks} uger` : ''}`
}

/** "Beskæftigelse (denne delaftale): 8,5 timer – Beboere med en sag i jobcenteret". */
export function formatAllocation(al: Allocation, ownEffortArea: string): string {
  const own = al.effortArea === ownEffortArea ? ' (denne delaftale)' : ''
  const amount = al.quantity !== undefined ? `: ${formatAmount(al.quantity, al.resourceUnit ?? 'unspecified')}` : ''
  return `${effortAreaName(al.effortArea)}${own}${amount}${al.note ? ` – ${al.note}` : ''}`
}

/** Where a day falls against an agreement's period (ISO dates compare as text). */
export type AgreementPeriodState = 'upcoming' | 'current' | 'expired'
export function agreementPeriodState(validFrom: string, validTo: string, day: string): AgreementPeriodState {
  if (day < validFrom) return 'upcoming'
  return day > validTo ? 'expired' : 'current'
}

/** What Indsats applies of an activity's rule for recording hours, under the rule's verbatim text (page and document alike). */
export function timeRecordingFacts(rule: TimeRecording): string[] {
  return [
    rule.hoursFromConversations ? 'Timer opgøres også fra samtalekalenderen (varighed, transporttid og administrativ tid).' : null,
    rule.adminHoursPerConversation !== undefined ? `Administrativ tid pr. samtale: ${formatNumber(rule.adminHoursPerConversation)} time(r).` : null,
    rule.quarterlyClose ? 'Det samlede antal timer opgøres og lukkes én gang pr. kvartal.' : null,
  ].filter((f): f is string => f !== null)
}
