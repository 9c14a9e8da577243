import type { Allocation, BaselineTime, Measure, ResourceUnit, Schedule, Target } from '../../../shared/agreements.ts'
import { formatDate, formatNumber } from '../../../shared/lib/format.ts'

// How the parts of an agreement read on the page. Numbers and dates go through
// src/shared/lib/format.ts; what is here only puts the agreement's own words around them, plus the
// two things format.ts has no helper for: Danish month names without a day, and the exact value of
// a number in an input field (formatNumber rounds to two decimals, which would lose data on save).

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december']

export const monthOptions = MONTHS.map((name, i) => ({ value: String(i + 1), label: name }))

/** "19,14 %": Danish puts a space before the percent sign; a no-break space keeps them together. */
export const formatShare = (share: number) => `${formatNumber(share)}\u00a0%`

/** "1. september 2021 – 31. august 2025" */
export const formatPeriod = (from: string, to: string) => `${formatDate(from)} – ${formatDate(to)}`

/** The lines of a baseline cell: "121 aktive jobcentersager", "5 % af alle sager i VK". */
export function measureLines(measure: Measure): string[] {
  const both = measure.share !== undefined && measure.count !== undefined
  const lines: string[] = []
  if (measure.count !== undefined) {
    const n = formatNumber(measure.count)
    lines.push(measure.countLabel ? `${n} ${measure.countLabel}` : both ? `Antal: ${n}` : n)
  }
  if (measure.share !== undefined) {
    const s = formatShare(measure.share)
    lines.push(measure.shareLabel ? `${s} ${measure.shareLabel}` : both ? `Andel: ${s}` : s)
  }
  return lines
}

/** "2018", "Udgang februar 2021", "2. juni 2021". */
export function formatBaselineTime(time: BaselineTime): string {
  switch (time.kind) {
    case 'year':
      return String(time.year)
    case 'month':
      return time.label ?? `${MONTHS[time.month - 1] ?? time.month} ${time.year}`
    case 'date':
      return formatDate(time.date)
  }
}

/** "op til 85 % over en årrække", "1-2 hold pr. år", "12 beboere løbende i forløb". */
export function formatTarget(target: Target): string {
  const value = target.valueMax !== undefined ? `${formatNumber(target.value)}-${formatNumber(target.valueMax)}` : formatNumber(target.value)
  const amount = target.unit === '%' ? `${value}\u00a0%` : `${value} ${target.unit}`
  return [target.qualifier, amount, target.horizon].filter(Boolean).join(' ')
}

/** "12:00" → "12.00", the Danish way of writing the time of day. */
const clock = (time: string) => time.replace(':', '.')

/** "kl. 12.00-17.00" */
export const formatTimeSpan = (schedule: Schedule) => `kl. ${clock(schedule.from)}-${clock(schedule.to)}`

/** "3-4 medarbejdere", "2 medarbejdere"; empty when the agreement does not say. */
export function formatStaffing(schedule: Schedule): string {
  const { staffingMin: min, staffingMax: max } = schedule
  if (min === undefined && max === undefined) return ''
  if (min !== undefined && max !== undefined && min !== max) return `${min}-${max} medarbejdere`
  const n = min ?? max ?? 0
  return `${n} ${n === 1 ? 'medarbejder' : 'medarbejdere'}`
}

const resourceUnits: Record<ResourceUnit, string> = {
  'percent-of-post': '% af en stilling',
  'hours-per-week': 'timer pr. uge',
  hours: 'timer',
  headcount: 'medarbejdere',
  'days-per-week': 'dage pr. uge',
  unspecified: '',
}

/** The unit of a quantity as words, for labels and allocations. */
export const resourceUnitLabel = (unit: ResourceUnit) => resourceUnits[unit]

/** "8,5 timer", "80 % af en stilling". */
export function formatQuantity(quantity: number, unit: ResourceUnit | undefined): string {
  const words = unit ? resourceUnits[unit] : ''
  if (!words) return formatNumber(quantity)
  return unit === 'percent-of-post' ? `${formatNumber(quantity)}\u00a0${words}` : `${formatNumber(quantity)} ${words}`
}

// The effort areas of the 2019-26 funding period. The server's reference data is the source; this
// only names the areas of allocations, which refer to other agreements by code.
const effortAreaNames: Record<string, string> = {
  'uddannelse-og-livschancer': 'Uddannelse og livschancer',
  beskaeftigelse: 'Beskæftigelse',
  kriminalitetsforebyggelse: 'Kriminalitetsforebyggelse',
  'sammenhaengskraft-og-medborgerskab': 'Sammenhængskraft og medborgerskab',
}

export const effortAreaName = (code: string) => effortAreaNames[code] ?? code

export function formatAllocation(allocation: Allocation): string {
  const name = effortAreaName(allocation.effortArea)
  return allocation.quantity !== undefined ? `${name}: ${formatQuantity(allocation.quantity, allocation.resourceUnit)}` : name
}

/** The exact value for an input field, with a decimal comma: 19.145 → "19,145". */
export const decimalInputValue = (value: number | undefined) => (value === undefined ? '' : String(value).replace('.', ','))

/**
 * A number as a Danish user types it: "19,14", "3.207,1", "3207,1", "80 %". A dot is read as a
 * thousands separator when a comma is present or it groups whole thousands ("3.207"); otherwise
 * as a decimal point, so "19.14" pasted from elsewhere still works. Null when it is not a number.
 */
export function parseDecimal(input: string): number | null {
  let text = input.replace(/[\s\u00a0]/g, '').replace(/%$/, '')
  if (text.includes(',')) text = text.replace(/\./g, '').replace(',', '.')
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) text = text.replace(/\./g, '')
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}
