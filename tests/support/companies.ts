// Valid CVR numbers for tests: seven digits from a counter, and the eighth the one that makes the
// modulus-11 sum come out (the last weight is 1, so it is the sum's complement). Numbers whose
// complement would be 10 are skipped, as the register skips them.

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2] as const

/** n valid, distinct CVR numbers. */
export function cvrNumbers(count: number, start = 3_000_000): string[] {
  const out: string[] = []
  let candidate = start
  while (out.length < count) {
    const digits = String(candidate++)
    const sum = [...digits].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0)
    const check = (11 - (sum % 11)) % 11
    if (check < 10) out.push(`${digits}${check}`)
  }
  return out
}
