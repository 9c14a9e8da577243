import { createHash, createHmac, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cprLookupHash, decryptCpr, encryptCpr, maskCpr, parseCpr } from './cpr.ts'

const SHAPE_MESSAGE = 'CPR-nummeret skal have 10 cifre (ddmmåå-xxxx).'
const DATE_MESSAGE = 'CPR-nummerets første seks cifre er ikke en gyldig dato.'

// The old check: weights 4,3,2,7,6,5,4,3,2,1, and the sum must be divisible by 11.
function passesModulus11(cpr: string): boolean {
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
  return weights.reduce((sum, w, i) => sum + w * Number(cpr[i]), 0) % 11 === 0
}

describe('reading a CPR number', () => {
  it.each([
    ['with a dash', '010190-1234'],
    ['as ten digits', '0101901234'],
    ['with a space', '010190 1234'],
    ['with spaces around it', '  010190-1234 \t'],
    ['with the en dash Word puts in place of a dash', '010190\u20131234'],
    ['with a non-breaking hyphen', '010190\u20111234'],
    ['with a non-breaking space', '010190\u00a01234'],
  ])('accepts a number %s', (_name, input) => {
    expect(parseCpr(input)).toEqual({ ok: true, cpr: '0101901234', birthDate: '1990-01-01' })
  })

  it.each([
    ['nothing', ''],
    ['only spaces', '   '],
    ['nine digits', '010190-123'],
    ['eleven digits', '010190-12345'],
    ['a letter', '010190-12a4'],
    ['two dashes', '010190--1234'],
    ['two spaces', '010190  1234'],
    ['a slash', '010190/1234'],
    ['the dash in the wrong place', '01019-01234'],
    ['dashes inside the date', '01-01-90-1234'],
    ['digits from another script', '٠١٠١٩٠١٢٣٤'],
  ])('refuses %s with the ten-digit message', (_name, input) => {
    expect(parseCpr(input)).toEqual({ ok: false, message: SHAPE_MESSAGE })
  })

  it.each([
    ['day 00', '000190-1234'],
    ['day 32', '320190-1234'],
    ['month 00', '010090-1234'],
    ['month 13', '011390-1234'],
    ['31 April', '310490-1234'],
    ['30 February', '300290-1234'],
    ['29 February in a year that is not a leap year', '290291-1234'],
  ])('refuses %s with the date message', (_name, input) => {
    expect(parseCpr(input)).toEqual({ ok: false, message: DATE_MESSAGE })
  })

  it('accepts a number that fails the old modulus-11 check, as numbers issued since 2007 may', () => {
    expect(passesModulus11('0101901234')).toBe(false)
    expect(parseCpr('010190-1234')).toMatchObject({ ok: true, cpr: '0101901234' })
  })

  it('accepts a number that passes the modulus-11 check as well', () => {
    // 4·0 + 3·1 + 2·0 + 7·1 + 6·9 + 5·0 + 4·1 + 3·2 + 2·3 + 1·8 = 88 = 8·11
    expect(passesModulus11('0101901238')).toBe(true)
    expect(parseCpr('0101901238')).toMatchObject({ ok: true })
  })

  it('never repeats the number in its messages', () => {
    for (const input of ['010190-123', '310490-1234']) {
      const result = parseCpr(input)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.message).not.toMatch(/\d{4}/)
    }
  })
})

describe('the century from the 7th digit', () => {
  it.each([
    ['0-3: the 1900s', '010100-0000', '1900-01-01'],
    ['0-3: the 1900s', '311299-3999', '1999-12-31'],
    ['0-3: the 1900s, even for a two-digit year that would be 2000s elsewhere', '150510-1000', '1910-05-15'],
    ['4: 2000s for 00-36', '010136-4000', '2036-01-01'],
    ['4: 1900s for 37-99', '010137-4000', '1937-01-01'],
    ['9: 2000s for 00-36', '010100-9000', '2000-01-01'],
    ['9: 1900s for 37-99', '311299-9999', '1999-12-31'],
    ['5: 2000s for 00-57', '010157-5000', '2057-01-01'],
    ['5: 1800s for 58-99', '010158-5000', '1858-01-01'],
    ['8: 2000s for 00-57', '010120-8000', '2020-01-01'],
    ['8: 1800s for 58-99', '311299-8999', '1899-12-31'],
    ['6 and 7 like 5 and 8', '010105-6000', '2005-01-01'],
    ['6 and 7 like 5 and 8', '010170-7000', '1870-01-01'],
  ])('%s: %s is born %s', (_name, input, birthDate) => {
    expect(parseCpr(input)).toMatchObject({ ok: true, birthDate })
  })

  it.each([
    ['1900 is not a leap year (7th digit 0-3)', '290200-1234', false],
    ['2000 is a leap year (7th digit 4)', '290200-4234', true],
    ['2000 is a leap year (7th digit 9)', '290200-9234', true],
    ['1996 is a leap year', '290296-0234', true],
    ['1858 is not a leap year (7th digit 5, year 58)', '290258-5234', false],
    ['1860 is a leap year (7th digit 5, year 60)', '290260-5234', true],
    ['2056 is a leap year (7th digit 5, year 56)', '290256-5234', true],
  ])('29 February: %s', (_name, input, ok) => {
    expect(parseCpr(input).ok).toBe(ok)
  })
})

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

// A birth date in 1858-2057 and the 7th digits that, by the CPR office's table, give its century.
const bornArb = fc
  .integer({ min: Date.UTC(1858, 0, 1) / 86_400_000, max: Date.UTC(2057, 11, 31) / 86_400_000 })
  .map((n) => isoDay(n * 86_400_000))
function seventhDigitsFor(birthDate: string): number[] {
  const year = Number(birthDate.slice(0, 4))
  const yy = year % 100
  if (year < 1900) return [5, 6, 7, 8]
  if (year < 2000) return [0, 1, 2, 3, ...(yy >= 37 ? [4, 9] : [])]
  return [...(yy <= 36 ? [4, 9] : []), ...(yy <= 57 ? [5, 6, 7, 8] : [])]
}
const cprArb = fc
  .tuple(bornArb, fc.nat(), fc.integer({ min: 0, max: 999 }))
  .map(([birthDate, pick, rest]) => {
    const digits = seventhDigitsFor(birthDate)
    const seventh = digits[pick % digits.length]!
    const [y, m, d] = birthDate.split('-') as [string, string, string]
    return { birthDate, cpr: `${d}${m}${y.slice(2)}${seventh}${String(rest).padStart(3, '0')}` }
  })

describe('reading properties', () => {
  it('reads back the birth date of every number the CPR office could issue, in every accepted form', () => {
    fc.assert(
      fc.property(cprArb, fc.constantFrom('', '-', ' '), ({ cpr, birthDate }, sep) => {
        expect(parseCpr(`${cpr.slice(0, 6)}${sep}${cpr.slice(6)}`)).toEqual({ ok: true, cpr, birthDate })
      }),
    )
  })

  it('accepts exactly the numbers whose first six digits are a day in the century of the 7th digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (cpr) => {
        const result = parseCpr(cpr)
        if (result.ok) {
          expect(seventhDigitsFor(result.birthDate)).toContain(Number(cpr[6]))
          expect(result.birthDate.slice(2, 4)).toBe(cpr.slice(4, 6))
          expect(isoDay(Date.parse(`${result.birthDate}T00:00:00Z`))).toBe(result.birthDate)
        } else {
          expect(result.message).toBe(DATE_MESSAGE)
        }
      }),
    )
  })
})

describe('masking', () => {
  it('shows the birth date part only', () => {
    expect(maskCpr('0101901234')).toBe('010190-xxxx')
  })

  it('never shows the last four digits', () => {
    fc.assert(
      fc.property(cprArb, ({ cpr }) => {
        expect(maskCpr(cpr)).toBe(`${cpr.slice(0, 6)}-xxxx`)
      }),
    )
  })

  it('throws on anything but the ten digits parseCpr returns', () => {
    expect(() => maskCpr('010190-1234')).toThrow(RangeError)
    expect(() => maskCpr('12345')).toThrow(RangeError)
  })
})

describe('encryption', () => {
  const key = randomBytes(32)

  it('decrypts what it encrypted', () => {
    expect(decryptCpr(encryptCpr('0101901234', key), key)).toBe('0101901234')
  })

  it('writes a versioned text of iv, tag and ciphertext', () => {
    const text = encryptCpr('0101901234', key)
    expect(text).toMatch(/^v1:[A-Za-z0-9+/]+={0,2}$/)
    expect(Buffer.from(text.slice(3), 'base64')).toHaveLength(12 + 16 + 10)
    expect(text).not.toContain('0101901234')
  })

  it('gives a different text each time for the same number', () => {
    const texts = new Set(Array.from({ length: 20 }, () => encryptCpr('0101901234', key)))
    expect(texts.size).toBe(20)
    for (const t of texts) expect(decryptCpr(t, key)).toBe('0101901234')
  })

  it('throws with the wrong key', () => {
    const text = encryptCpr('0101901234', key)
    expect(() => decryptCpr(text, randomBytes(32))).toThrow(/wrong key, or the text was altered/)
  })

  it('throws when any byte of the text was altered', () => {
    const bytes = Buffer.from(encryptCpr('0101901234', key).slice(3), 'base64')
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes)
      tampered[i]! ^= 0x01
      expect(() => decryptCpr(`v1:${tampered.toString('base64')}`, key), `byte ${i}`).toThrow()
    }
  })

  it('throws on a cut-off text, an unknown version and text that is not base64', () => {
    const text = encryptCpr('0101901234', key)
    expect(() => decryptCpr(text.slice(0, 40), key)).toThrow()
    expect(() => decryptCpr('v1:', key)).toThrow(/malformed/)
    expect(() => decryptCpr(`v2:${text.slice(3)}`, key)).toThrow(/unknown format version/)
    expect(() => decryptCpr(text.slice(3), key)).toThrow(/unknown format version/)
    expect(() => decryptCpr('v1:ikke base64!', key)).toThrow(/malformed/)
  })

  it('never puts the number in an error', () => {
    const text = encryptCpr('0101901234', key)
    try {
      decryptCpr(text, randomBytes(32))
      expect.unreachable()
    } catch (error) {
      expect(String(error)).not.toContain('0101901234')
    }
  })

  it('refuses a key that is not 32 bytes', () => {
    expect(() => encryptCpr('0101901234', randomBytes(16))).toThrow(/32-byte/)
    expect(() => decryptCpr(encryptCpr('0101901234', key), randomBytes(31))).toThrow(/32-byte/)
    expect(() => cprLookupHash('0101901234', Buffer.alloc(0))).toThrow(/32-byte/)
  })

  it('encrypts only the ten digits parseCpr returns', () => {
    expect(() => encryptCpr('010190-1234', key)).toThrow(RangeError)
  })

  it('round-trips every number', () => {
    fc.assert(
      fc.property(cprArb, ({ cpr }) => {
        expect(decryptCpr(encryptCpr(cpr, key), key)).toBe(cpr)
      }),
      { numRuns: 200 },
    )
  })
})

describe('lookup hash', () => {
  const key = randomBytes(32)

  it('is the same for the same number and key, so a duplicate is found without decrypting', () => {
    const a = cprLookupHash('0101901234', key)
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(cprLookupHash('0101901234', key)).toBe(a)
    const parsed = parseCpr('010190 1234')
    expect(parsed.ok && cprLookupHash(parsed.cpr, key)).toBe(a)
  })

  it('differs between numbers and between keys', () => {
    expect(cprLookupHash('0101901234', key)).not.toBe(cprLookupHash('0101901235', key))
    expect(cprLookupHash('0101901234', key)).not.toBe(cprLookupHash('0101901234', randomBytes(32)))
  })

  it('cannot be found by hashing candidate numbers without the key', () => {
    const plain = createHash('sha256').update('0101901234').digest('hex')
    expect(cprLookupHash('0101901234', key)).not.toBe(plain)
  })

  it('uses a subkey of its own, not the encryption key', () => {
    const withEncryptionKey = createHmac('sha256', key).update('0101901234').digest('hex')
    expect(cprLookupHash('0101901234', key)).not.toBe(withEncryptionKey)
  })

  it('hashes only the ten digits parseCpr returns', () => {
    expect(() => cprLookupHash('010190-1234', key)).toThrow(RangeError)
  })
})
