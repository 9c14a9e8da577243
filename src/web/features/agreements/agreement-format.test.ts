import { describe, expect, it } from 'vitest'
import { decimalInputValue, monthOptions, parseDecimal } from './agreement-format.ts'

describe('numbers as a Danish user types them in the edit form', () => {
  it.each([
    ['19,14', 19.14],
    ['3.207,1', 3207.1],
    ['3207,1', 3207.1],
    ['1.736', 1736],
    ['80 %', 80],
    ['80%', 80],
    [' 22,2 ', 22.2],
    ['19.14', 19.14],
    ['0', 0],
  ])('reads "%s" as %d', (input, value) => {
    expect(parseDecimal(input)).toBe(value)
  })

  it.each(['', 'tyve', '19,14,1', '1.2.3', '12 t', '--1'])('refuses "%s"', (input) => {
    expect(parseDecimal(input)).toBeNull()
  })

  it('shows the exact stored value with a decimal comma, so saving does not round it', () => {
    expect(decimalInputValue(19.145)).toBe('19,145')
    expect(decimalInputValue(undefined)).toBe('')
    expect(parseDecimal(decimalInputValue(3207.125))).toBe(3207.125)
  })

  it('offers the twelve months by their Danish names', () => {
    expect(monthOptions.map((m) => m.label)).toEqual(['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'])
  })
})
