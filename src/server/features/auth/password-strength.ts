import { existsSync, readFileSync } from 'node:fs'

// Passwords that are long enough but guessed first (ASVS 2.1.7, NIST SP 800-63B 5.1.1.2): a password
// from a list of the most common breached passwords, the same with digits or signs around it
// ("password1234", "sommer2024!!"), one short run repeated ("aaaaaaaaaaaa", "abcabcabcabc"), a run
// along the digits, the alphabet or a keyboard row ("123456789012", "qwertyuiopå"), or little more
// than one or two characters. The list is `common-passwords.txt` beside this file (its source is
// named in its first lines).

/** Digits, punctuation, symbols and spaces: what people put around a word to pass a length rule. */
const PADDING = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu

const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyzæøå', 'qwertyuiopå', 'asdfghjklæø', 'zxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p']

/** A run along `line` (forwards or backwards, wrapping around), at least `length` characters long. */
function isRunAlong(text: string, line: string): boolean {
  if (text.length < 4) return false
  for (const direction of [1, -1]) {
    let ok = true
    for (let i = 1; i < text.length && ok; i++) {
      const previous = line.indexOf(text[i - 1]!)
      ok = previous >= 0 && line[(previous + direction + line.length) % line.length] === text[i]
    }
    if (ok) return true
  }
  return false
}

export type WeakPassword = 'common' | 'repeated' | 'sequence'

/** Why `password` is too easy to guess, or null when it is not. `common` is the list, lower case. */
export function weakPassword(password: string, common: ReadonlySet<string>): WeakPassword | null {
  const text = password.normalize('NFC').toLowerCase().trim()
  const core = text.replace(PADDING, '')
  if (common.has(text) || common.has(text.replace(/\s+/g, '')) || (core !== '' && common.has(core))) return 'common'
  const compact = text.replace(/\s+/g, '')
  if (new Set(compact).size <= 2 || /^(.{1,6}?)\1+$/su.test(compact)) return 'repeated'
  if (RUNS.some((line) => isRunAlong(compact, line))) return 'sequence'
  return null
}

export const WEAK_PASSWORD_MESSAGE: Record<WeakPassword, string> = {
  common: 'Adgangskoden er blandt de mest brugte og bliver gættet først. Vælg en anden, fx en sætning af flere ord.',
  repeated: 'Adgangskoden gentager de samme tegn og er let at gætte. Vælg en anden, fx en sætning af flere ord.',
  sequence: 'Adgangskoden er en række tegn i rækkefølge (som 1234… eller qwerty…) og er let at gætte. Vælg en anden, fx en sætning af flere ord.',
}

let list: Set<string> | undefined

/**
 * Where the list is: beside this file when run from the sources; from the server bundle
 * (dist/server/, or a chunk in dist/server/chunks/) it is read from the sources it was built from.
 */
function listFile(): URL {
  const candidates = ['./', '../../src/server/features/auth/', '../../../src/server/features/auth/'].map((dir) => new URL(`${dir}common-passwords.txt`, import.meta.url))
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!
}

/** The bundled list of common passwords, read once. */
export function commonPasswords(): ReadonlySet<string> {
  list ??= new Set(
    readFileSync(listFile(), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  )
  return list
}
