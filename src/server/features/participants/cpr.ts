import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

// Danish CPR numbers (personnumre). A plan stores them only if it turns them on: the domain asks us
// to avoid CPR numbers unless strictly necessary (docs/domain.md, "Consent and personal data"), so
// when one is kept it is kept encrypted, shown masked, and found again through a keyed hash.
//
// Reading a number, as decided:
// 1. "ddmmåå-xxxx", "ddmmååxxxx" and "ddmmåå xxxx" are the same number; spaces around it are
//    ignored. The dash may also be the en dash or non-breaking hyphen that Word and Outlook put in
//    place of a typed "-", since numbers are often copied from letters and mails.
// 2. The first six digits must be a real calendar day. The century comes from the 7th digit, per
//    the CPR office's (CPR-kontoret) table:
//      7th digit 0-3    → 1900-1999
//      7th digit 4 or 9 → 2000-2036 if åå is 00-36, else 1937-1999
//      7th digit 5-8    → 2000-2057 if åå is 00-57, else 1858-1899
//    So "290200-1234" (29 February 1900, not a leap year) is refused, "290200-4234" (2000) is not.
// 3. The modulus-11 check is NEVER applied. The CPR office stopped guaranteeing it in 2007, when
//    some birth dates ran out of numbers that pass it; a resident with such a number must not be
//    turned away (docs/domain.md, "Consent and personal data", says so).
// 4. A birth date in the future is not refused: checking it would need the clock, and the century
//    table already bounds the dates to 1858-2057.
// 5. No message and no error ever repeats the number itself: errors end up in logs.

const CPR_SHAPE = /^(\d{6})[-\u2010\u2011\u2013\s]?(\d{4})$/
const TEN_DIGITS = /^\d{10}$/

export type CprParse = { ok: true; cpr: string; birthDate: string } | { ok: false; message: string }

const pad2 = (n: number) => String(n).padStart(2, '0')

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

/** The full year of a CPR number from its two-digit year and 7th digit (rule 2). */
function centuryYear(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy
  return yy <= 57 ? 2000 + yy : 1800 + yy
}

/** A CPR number as typed by a user: its ten digits and birth date, or a Danish message saying what is wrong. */
export function parseCpr(input: string): CprParse {
  const m = CPR_SHAPE.exec(input.trim())
  if (!m) return { ok: false, message: 'CPR-nummeret skal have 10 cifre (ddmmåå-xxxx).' }
  const cpr = `${m[1]}${m[2]}`
  const day = Number(cpr.slice(0, 2))
  const month = Number(cpr.slice(2, 4))
  const year = centuryYear(Number(cpr.slice(4, 6)), Number(cpr[6]))
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: 'CPR-nummerets første seks cifre er ikke en gyldig dato.' }
  }
  return { ok: true, cpr, birthDate: `${year}-${pad2(month)}-${pad2(day)}` }
}

function digitsOf(cpr: string, what: string): string {
  // Stored and hashed numbers are always the ten digits parseCpr returns, so "010190-1234" and
  // "0101901234" can never end up as two different lookup hashes for one person.
  if (!TEN_DIGITS.test(cpr)) throw new RangeError(`${what} expects the 10 digits returned by parseCpr`)
  return cpr
}

/** "010190-xxxx": the birth date part only, for screens and lists where the full number is not needed. */
export function maskCpr(cpr: string): string {
  return `${digitsOf(cpr, 'maskCpr').slice(0, 6)}-xxxx`
}

// ---------------------------------------------------------------------------------------------
// Encryption at rest

const VERSION = 'v1'
// GCM's standard nonce size. Random per call; NIST allows 2^32 random nonces per key, far more CPR
// numbers than any plan will ever store.
const IV_BYTES = 12
const TAG_BYTES = 16
// The version is authenticated too, so a ciphertext cannot be passed off under another format.
const AAD = Buffer.from(`indsats-cpr-${VERSION}`)
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function checkKey(key: Buffer): Buffer {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new RangeError('The CPR key must be a 32-byte Buffer')
  return key
}

/**
 * The CPR number encrypted with AES-256-GCM as "v1:<base64 of iv(12) | tag(16) | ciphertext>".
 * The version prefix lets a later key or algorithm change tell old values from new ones.
 */
export function encryptCpr(cpr: string, key: Buffer): string {
  const plain = digitsOf(cpr, 'encryptCpr')
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', checkKey(key), iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(AAD)
  const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64')}`
}

/** The ten digits back from encryptCpr's text. Throws on a wrong key and on any change to the text. */
export function decryptCpr(text: string, key: Buffer): string {
  checkKey(key)
  const colon = text.indexOf(':')
  const version = colon < 0 ? '' : text.slice(0, colon)
  if (version !== VERSION) throw new Error('Encrypted CPR has an unknown format version')
  const body = text.slice(colon + 1)
  const bytes = BASE64.test(body) ? Buffer.from(body, 'base64') : null
  if (bytes === null || bytes.length <= IV_BYTES + TAG_BYTES) throw new Error('Encrypted CPR is malformed')
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES })
  decipher.setAAD(AAD)
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  let plain: string
  try {
    plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
  } catch {
    throw new Error('Encrypted CPR could not be decrypted: wrong key, or the text was altered')
  }
  if (!TEN_DIGITS.test(plain)) throw new Error('Encrypted CPR did not decrypt to a CPR number')
  return plain
}

// ---------------------------------------------------------------------------------------------
// Blind index

// A CPR number has little entropy (a birth date and four digits: fewer than 400 million candidates), so
// a plain SHA-256 of it is reversed in seconds by trying them all. Keyed with a secret it is not;
// the hash is exactly as secret as the key. The subkey is derived (HKDF, its own label) so the
// lookup key is never the encryption key itself.
const LOOKUP_INFO = 'indsats cpr-lookup v1'

function lookupKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', checkKey(key), Buffer.alloc(0), LOOKUP_INFO, 32))
}

/**
 * A keyed hash (HMAC-SHA256, hex) of the CPR number, the same every time for the same number and
 * key: stored beside the ciphertext, it finds a resident already registered with that number
 * without decrypting anything.
 */
export function cprLookupHash(cpr: string, key: Buffer): string {
  return createHmac('sha256', lookupKey(key)).update(digitsOf(cpr, 'cprLookupHash')).digest('hex')
}
