import { describe, expect, it } from 'vitest'
import { commonPasswords, weakPassword } from './password-strength.ts'

const common = commonPasswords()

describe('passwords that are long enough but guessed first', () => {
  it('bundles the breached-password list with its source named', () => {
    expect(common.size).toBeGreaterThan(49_000)
    expect(common.has('123456')).toBe(true)
    expect(common.has('qwerty123456')).toBe(true)
  })

  it('refuses a listed password in any letter case', () => {
    expect(weakPassword('qwerty123456', common)).toBe('common')
    expect(weakPassword('QWERTY123456', common)).toBe('common')
    expect(weakPassword('administrator', common)).toBe('common')
  })

  it('refuses a listed password with digits or signs around it', () => {
    expect(weakPassword('password1234', common)).toBe('common')
    expect(weakPassword('football2024!', common)).toBe('common')
    expect(weakPassword('Adgangskode123', common)).toBe('common')
    expect(weakPassword('2024!Sønderborg', common)).toBe('common')
  })

  it('refuses one short run repeated, and a password of one or two characters', () => {
    expect(weakPassword('aaaaaaaaaaaa', common)).toBe('repeated')
    expect(weakPassword('abcabcabcabc', common)).toBe('repeated')
    expect(weakPassword('xyxyxyxyxyxy', common)).toBe('repeated')
    expect(weakPassword('ababababababb', common)).toBe('repeated')
    expect(weakPassword('hejhejhejhej', common)).toBe('repeated')
  })

  it('refuses a run along the digits, the alphabet or a keyboard row, either way', () => {
    expect(weakPassword('123456789012', common)).not.toBeNull()
    expect(weakPassword('345678901234', common)).toBe('sequence')
    expect(weakPassword('098765432109', common)).toBe('sequence')
    expect(weakPassword('abcdefghijklm', common)).toBe('sequence')
    expect(weakPassword('qwertyuiopåq', common)).toBe('sequence')
  })

  it('accepts a sentence of several words, and random text', () => {
    expect(weakPassword('korrekt hest batteri hæfteklamme', common)).toBeNull()
    expect(weakPassword('en lang og god sætning', common)).toBeNull()
    expect(weakPassword('k3v9q-x7pd2-m4nfa-8rt6w', common)).toBeNull()
    expect(weakPassword('sommerfugle i maven 1984', common)).toBeNull()
  })
})
