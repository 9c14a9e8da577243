import { createHash, randomInt } from 'node:crypto'

// The second factor's codes (decision 027): RFC 6238 TOTP as every authenticator app reads it
// (SHA-1, six digits, 30-second steps), and recovery codes for the day the phone is lost.

export const TOTP_ISSUER = 'Indsats'
export const TOTP_PERIOD_SECONDS = 30
/** One step either side: a phone whose clock is a little off still works. */
export const TOTP_TOLERANCE_SECONDS = 30

// otplib (with its hash and base32 libraries) is loaded at the first code, not at every start (decision 046).
const otplib = () => import('otplib')

export async function newTotpSecret(): Promise<string> {
  return (await otplib()).generateSecret()
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export async function totpUri(secret: string, account: string): Promise<string> {
  return (await otplib()).generateURI({ issuer: TOTP_ISSUER, label: account, secret })
}

/** The code an app shows at `at`: for tests and the development console. */
export async function totpCodeAt(secret: string, at: Date): Promise<string> {
  return (await otplib()).generate({ secret, epoch: Math.floor(at.getTime() / 1000) })
}

/**
 * The time step `code` belongs to if it is right at `at` (within one step), and later than
 * `lastStep`, the step of the last code accepted: a code works once, so one seen over a shoulder or
 * caught in transit cannot be used again. Null when it is wrong, stale or used.
 */
export async function acceptedTotpStep(secret: string, code: string, at: Date, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null
  const epoch = Math.floor(at.getTime() / 1000)
  const result = await (await otplib()).verify({
    secret,
    token: code,
    epoch,
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  })
  return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null
}

export const RECOVERY_CODE_COUNT = 10
// No 0/o, 1/l/i: the codes are written down on paper and typed in by hand. 32 letters, 5 bits each.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten codes of two groups of five characters (~50 bits each), e.g. `k3v9q-7wmxa`. */
export function newRecoveryCodes(): string[] {
  const group = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('')
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${group()}-${group()}`)
}

/** A recovery code as typed, without dashes, spaces and capitals. */
export function normalRecoveryCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toLowerCase()
}

/**
 * What is stored of a recovery code. A fast hash is enough: each code is random with ~50 bits, far
 * beyond guessing offline, unlike a password a person chose (decision 027).
 */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(`indsats-recovery:${normalRecoveryCode(code)}`).digest('hex')
}

/** Six digits are an app's code; anything else is tried as a recovery code. */
export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code)
}
