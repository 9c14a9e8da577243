// Numbers written the Danish way, read the same in the file importer and in the forms, so "19.14" is
// refused with the same words wherever it is typed and "1.736" is 1736 everywhere.

/** The most significant digits a value keeps exactly (the database stores IEEE doubles). */
export const MAX_SIGNIFICANT_DIGITS = 15

/**
 * A number written the Danish way, or null when the text is not one. Comma is the decimal mark; "."
 * (or a space) only groups thousands, in groups of three: "1.736" is 1736, "3.207,1" is 3207,1. Spaces
 * around the number (also non-breaking ones), a leading minus and a trailing "%" are allowed.
 * "19.14", "1,2,3" and "12 t" are refused rather than guessed at. A number passes through as it is.
 */
export function readDanishNumber(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null
  // trim() also removes non-breaking spaces.
  let s = input.trim()
  if (s.endsWith('%')) s = s.slice(0, -1).trim()
  let sign = 1
  if (/^[-+\u2212\u2013]/.test(s)) {
    if (s[0] !== '+') sign = -1
    s = s.slice(1).trim()
  }
  const m = /^([1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:,(\d+))?$/.exec(s)
  if (!m) return null
  const value = sign * Number(`${(m[1] as string).replace(/[. \u00a0\u202f\u2009]/g, '')}.${m[2] ?? '0'}`)
  return value === 0 ? 0 : value
}

/** Why a text is not a number, for the message ('' when there is nothing more to say). */
export function numberHint(text: string): string {
  if (/^\s*-?\d+\.\d+\s*%?\s*$/.test(text)) return ' Brug komma som decimaltegn (fx 19,14); punktum bruges kun mellem tusinder (1.736).'
  return ''
}

/** Whether a Danish number as written has more significant digits than can be stored exactly. */
export function tooPrecise(text: string): boolean {
  const digits = text.replace(/[^0-9,]/g, '').replace(/^[0,]+/, '').replace(',', '')
  const significant = text.includes(',') ? digits : digits.replace(/0+$/, '')
  return significant.length > MAX_SIGNIFICANT_DIGITS
}

export const tooPreciseMessage = (written: string) =>
  `"${written.trim()}" har flere cifre, end der kan gemmes præcist (højst ${MAX_SIGNIFICANT_DIGITS}). Skriv tallet med færre cifre.`

export const shareProblem = (written: string) =>
  `Andelen "${written}" er ikke et tal. Skriv procenten med komma som decimaltegn, fx 19,14 eller 19,14 %.${numberHint(written)}`

export const countProblem = (written: string, why = numberHint(written)) =>
  `Antallet "${written}" er ikke et tal. Skriv fx 233, 1.736 eller 22,2 (punktum mellem tusinder, komma som decimaltegn).${why}`
