import { describe, expect, it } from 'vitest'
import { acceptedTotpStep, isTotpCode, newRecoveryCodes, normalRecoveryCode, recoveryCodeHash, totpCodeAt } from './totp.ts'
import { secondFactorStep } from './second-factor.service.ts'

// RFC 6238, appendix B: the SHA-1 secret is the ASCII "12345678901234567890" (base32 below), and the
// eight-digit codes given there end in the six digits an authenticator app shows.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const at = (seconds: number) => new Date(seconds * 1000)

describe('TOTP codes', () => {
  it('computes the codes of RFC 6238', async () => {
    expect(await totpCodeAt(RFC_SECRET, at(59))).toBe('287082') // 94287082
    expect(await totpCodeAt(RFC_SECRET, at(1111111109))).toBe('081804') // 07081804
    expect(await totpCodeAt(RFC_SECRET, at(1234567890))).toBe('005924') // 89005924
  })

  it('accepts a code one step early or late, and returns the step it belongs to', async () => {
    // 1111111109 s is in step 37037036 (1111111109 / 30, rounded down).
    expect(await acceptedTotpStep(RFC_SECRET, '081804', at(1111111109), null)).toBe(37037036)
    expect(await acceptedTotpStep(RFC_SECRET, '081804', at(1111111109 + 30), null)).toBe(37037036)
    expect(await acceptedTotpStep(RFC_SECRET, '081804', at(1111111109 - 30), null)).toBe(37037036)
    expect(await acceptedTotpStep(RFC_SECRET, '081804', at(1111111109 + 60), null)).toBeNull()
  })

  it('refuses a code of a step already used, and anything but six digits', async () => {
    expect(await acceptedTotpStep(RFC_SECRET, '081804', at(1111111109), 37037036)).toBeNull()
    expect(await acceptedTotpStep(RFC_SECRET, '081804', at(1111111109), 37037035)).toBe(37037036)
    expect(await acceptedTotpStep(RFC_SECRET, '81804', at(1111111109), null)).toBeNull()
    expect(isTotpCode('081804')).toBe(true)
    expect(isTotpCode('abcde-fghij')).toBe(false)
  })
})

describe('recovery codes', () => {
  it('makes ten different codes of two groups of five', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-hj-km-np-z2-9]{5}-[a-hj-km-np-z2-9]{5}$/)
  })

  it('reads a code typed with capitals, spaces or without the dash as the same code', () => {
    expect(normalRecoveryCode(' K3V9Q 7wmxa ')).toBe('k3v9q7wmxa')
    expect(recoveryCodeHash('K3V9Q-7WMXA')).toBe(recoveryCodeHash('k3v9q7wmxa'))
    expect(recoveryCodeHash('k3v9q-7wmxa')).not.toBe(recoveryCodeHash('k3v9q-7wmxb'))
  })
})

describe('which sessions wait for a second factor', () => {
  const given = new Date('2026-12-07T09:00:00Z')
  it.each([
    ['admin', null, null, 'enrol'],
    ['admin', null, given, 'verify'],
    ['admin', given, given, 'done'],
    ['projektleder', null, given, 'verify'],
    ['boligsocial', null, null, 'enrol'],
    ['jobcenter', null, null, 'enrol'],
    ['samarbejdspartner', null, null, 'enrol'],
    ['bestyrelse', null, null, 'not_needed'],
    ['bestyrelse', null, given, 'not_needed'],
  ] as const)('%s, given %s, enrolled %s: %s', (role, givenAt, enrolledAt, step) => {
    expect(secondFactorStep(role, givenAt, enrolledAt)).toBe(step)
  })
})
