import { randomInt } from 'node:crypto'

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

// The native argon2 library is loaded at the first password checked, not at every start (decision 046).
const argon2 = () => import('@node-rs/argon2')

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(passwordHash, password)
  } catch {
    return false
  }
}

/** Compared against when the e-mail is unknown, so response time does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('indsats-dummy-password-for-timing')
  return dummyHash
}

// No 0/O, 1/l/I: the password is read off a screen and typed in by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** A one-time password of four groups of five characters (~98 bits), e.g. `k3v9q-…`. */
export function oneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''))
  return groups.join('-')
}
