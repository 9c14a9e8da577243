import { describe, expect, it } from 'vitest'
import { cvrMessage, cvrProblem, isValidCvr, normaliseCvr } from './cvr.ts'

describe('the CVR number check', () => {
  // Published CVR numbers, the weighted sums worked out by hand:
  // Novo Nordisk A/S 24256790: 2·2+4·7+2·6+5·5+6·4+7·3+9·2+0·1 = 132 = 12·11
  // A.P. Møller - Mærsk A/S 22756214: 4+14+42+25+24+6+2+4 = 121 = 11·11
  // Carlsberg A/S 61056416: 12+7+0+25+24+12+2+6 = 88 = 8·11
  // Danfoss A/S (Nordborg) 20165715: 4+0+6+30+20+21+2+5 = 88 = 8·11
  it.each(['24256790', '22756214', '61056416', '20165715'])('accepts the real CVR number %s', (cvr) => {
    expect(cvrProblem(cvr)).toBeNull()
    expect(isValidCvr(cvr)).toBe(true)
  })

  it('accepts a number written with spaces or a DK prefix', () => {
    expect(normaliseCvr('DK-24 25 67 90')).toBe('24256790')
    expect(normaliseCvr(' 2425 6790 ')).toBe('24256790')
    expect(isValidCvr('DK24256790')).toBe(true)
  })

  it.each([
    // One digit changed: the sum moves by a weight times the difference, never a multiple of 11.
    ['24256791', 'checksum'], // 133
    ['24256780', 'checksum'], // 132 - 2 = 130
    // Two neighbours swapped: 2·2+7·4 = 32 becomes 2·4+7·2 = 22, the sum 122.
    ['42256790', 'checksum'],
    ['22756215', 'checksum'], // 122
    ['12345678', 'checksum'], // 2+14+18+20+20+18+14+8 = 114
    ['1234567', 'not-eight-digits'],
    ['123456789', 'not-eight-digits'],
    ['2425679O', 'not-eight-digits'],
    ['', 'empty'],
    ['   ', 'empty'],
    // 0·2+2·7+4·6+2·5+5·4+6·3+7·2+9·1 = 109: fails the sum too, but a leading 0 is said first.
    ['02425679', 'leading-zero'],
    // Sum 0·2+… of 00000000 is 0, a multiple of 11, yet no CVR number starts with 0.
    ['00000000', 'leading-zero'],
  ] as const)('refuses %s (%s)', (cvr, problem) => {
    expect(cvrProblem(cvr)).toBe(problem)
    expect(isValidCvr(cvr)).toBe(false)
  })

  it('tells the user in Danish what is wrong, with the number as typed', () => {
    expect(cvrMessage('checksum', ' 24256791')).toBe('CVR-nummeret "24256791" findes ikke: kontrolcifferet passer ikke. Tjek, at alle cifre er skrevet rigtigt.')
    expect(cvrMessage('not-eight-digits', '123')).toBe('CVR-nummeret "123" skal være 8 cifre.')
    expect(cvrMessage('leading-zero', '02425679')).toBe('CVR-nummeret "02425679" kan ikke begynde med 0.')
  })
})
