// The CVR number (Det Centrale Virksomhedsregister): eight digits, the first not 0, and the
// modulus-11 check the register has always issued numbers under: the digits multiplied by the
// weights 2, 7, 6, 5, 4, 3, 2, 1 add up to a multiple of 11. A pure rule (CONTRIBUTING.md), used by
// the form, the contract and the import alike.

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const

/** The eight digits of a CVR number as typed ("DK-24 25 67 90", "24256790"), or null when it is not eight digits. */
export function normaliseCvr(text: string): string | null {
  const digits = text
    .trim()
    .replace(/^dk[\s-]*/i, '')
    .replace(/[\s.-]/g, '')
  return /^\d{8}$/.test(digits) ? digits : null
}

export type CvrProblem = 'empty' | 'not-eight-digits' | 'leading-zero' | 'checksum'

/** What is wrong with a CVR number as typed, or null when it is a valid one. */
export function cvrProblem(text: string): CvrProblem | null {
  if (text.trim() === '') return 'empty'
  const cvr = normaliseCvr(text)
  if (!cvr) return 'not-eight-digits'
  if (cvr.startsWith('0')) return 'leading-zero'
  const sum = [...cvr].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0)
  return sum % 11 === 0 ? null : 'checksum'
}

export function isValidCvr(text: string): boolean {
  return cvrProblem(text) === null
}

/** The Danish message for a CVR problem, naming the number as typed. */
export function cvrMessage(problem: CvrProblem, text: string): string {
  switch (problem) {
    case 'empty':
      return 'Skriv virksomhedens CVR-nummer (8 cifre).'
    case 'not-eight-digits':
      return `CVR-nummeret "${text.trim()}" skal være 8 cifre.`
    case 'leading-zero':
      return `CVR-nummeret "${text.trim()}" kan ikke begynde med 0.`
    case 'checksum':
      return `CVR-nummeret "${text.trim()}" findes ikke: kontrolcifferet passer ikke. Tjek, at alle cifre er skrevet rigtigt.`
  }
}
