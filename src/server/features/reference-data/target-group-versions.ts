// The versions of one target-group code, as pure rules (CONTRIBUTING.md, "Pure rules apart from I/O").
// A code may have several versions, each with its own label and period (from `validFrom` to
// `validTo`, both days included, `validTo` null = still in force). Two versions of the same code
// must not cover the same day: on any day a code means one thing. Days are ISO strings, which
// compare as dates.

export interface CodeVersion {
  code: string
  label: string
  validFrom: string
  validTo: string | null
}

const END = '9999-12-31'

/** Whether two periods share at least one day. */
export function overlaps(a: Pick<CodeVersion, 'validFrom' | 'validTo'>, b: Pick<CodeVersion, 'validFrom' | 'validTo'>): boolean {
  return a.validFrom <= (b.validTo ?? END) && b.validFrom <= (a.validTo ?? END)
}

/** The version of the same code whose period `candidate` would share days with, if any. */
export function clash(existing: readonly CodeVersion[], candidate: CodeVersion): CodeVersion | null {
  return existing.find((v) => v.code === candidate.code && v.validFrom !== candidate.validFrom && overlaps(v, candidate)) ?? null
}

/** The codes that can be chosen on `day`: one version per code, the one in force that day, ordered by code. */
export function inForce<T extends CodeVersion>(versions: readonly T[], day: string): T[] {
  return versions
    .filter((v) => v.validFrom <= day && (v.validTo === null || v.validTo >= day))
    .sort((a, b) => a.code.localeCompare(b.code, 'da', { numeric: true }))
}
