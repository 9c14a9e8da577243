import { describe, expect, it } from 'vitest'
import { hashPassword, oneTimePassword, verifyPassword } from './passwords.ts'

describe('passwords', () => {
  it('stores argon2id hashes that verify only the right password', async () => {
    const hash = await hashPassword('korrekt hest batteri hæfteklamme')
    expect(hash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword(hash, 'korrekt hest batteri hæfteklamme')).toBe(true)
    expect(await verifyPassword(hash, 'Korrekt hest batteri hæfteklamme')).toBe(false)
  })

  it('treats a malformed stored hash as a wrong password rather than crashing', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false)
  })

  it('makes one-time passwords without look-alike characters, different every time', () => {
    const seen = new Set(Array.from({ length: 200 }, oneTimePassword))
    expect(seen.size).toBe(200)
    for (const p of seen) expect(p).toMatch(/^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/)
  })
})
