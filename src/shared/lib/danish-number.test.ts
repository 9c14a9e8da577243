import { describe, expect, it } from 'vitest'
import { countProblem, readDanishNumber, shareProblem, tooPrecise } from './danish-number.ts'

describe('numbers typed the Danish way', () => {
  it('read thousands with a dot and decimals with a comma, and refuse the English way', () => {
    expect(readDanishNumber('1.736')).toBe(1736)
    expect(readDanishNumber('19,14')).toBe(19.14)
    expect(readDanishNumber('19.14')).toBeNull()
  })

  it('explain the mistake in the words the importer uses', () => {
    expect(shareProblem('19.14')).toBe(
      'Andelen "19.14" er ikke et tal. Skriv procenten med komma som decimaltegn, fx 19,14 eller 19,14 %. Brug komma som decimaltegn (fx 19,14); punktum bruges kun mellem tusinder (1.736).',
    )
    expect(countProblem('12 t')).toBe('Antallet "12 t" er ikke et tal. Skriv fx 233, 1.736 eller 22,2 (punktum mellem tusinder, komma som decimaltegn).')
  })

  it('count significant digits: more than 15 cannot be stored exactly', () => {
    expect(tooPrecise('99999999999999999999')).toBe(true)
    expect(tooPrecise('999.999.999.999.999')).toBe(false)
    expect(tooPrecise('1.000.000.000.000.000.000')).toBe(false)
    expect(tooPrecise('0,1234567890123456')).toBe(true)
    expect(tooPrecise('0,123456789012345')).toBe(false)
    expect(tooPrecise('22,2')).toBe(false)
  })
})
