import { formatMonth } from '../../../shared/lib/format.ts'

// What the edit form needs beyond src/shared/agreement-wording.ts: month choices, and numbers as a
// Danish user types them. formatNumber rounds to two decimals, which would lose data on save, so an
// input shows the exact value.

export const monthOptions = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: formatMonth(2001, i + 1).replace(/ 2001$/, '') }))

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

/** Today in the user's own calendar, as an ISO date (for "udløbet"). */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}
