import { describe, expect, it } from 'vitest'
import { pageItems } from './pagination.tsx'

describe('the page numbers a pagination shows', () => {
  it('shows every page up to seven', () => {
    expect(pageItems(1, 1)).toEqual([1])
    expect(pageItems(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('near the start: the first five, a gap and the last', () => {
    expect(pageItems(1, 20)).toEqual([1, 2, 3, 4, 5, 'gap', 20])
    expect(pageItems(4, 20)).toEqual([1, 2, 3, 4, 5, 'gap', 20])
  })

  it('near the end: the first, a gap and the last five', () => {
    expect(pageItems(17, 20)).toEqual([1, 'gap', 16, 17, 18, 19, 20])
    expect(pageItems(20, 20)).toEqual([1, 'gap', 16, 17, 18, 19, 20])
  })

  it('in the middle: the first, the current page with its neighbours, and the last', () => {
    expect(pageItems(10, 20)).toEqual([1, 'gap', 9, 10, 11, 'gap', 20])
    expect(pageItems(5, 20)).toEqual([1, 'gap', 4, 5, 6, 'gap', 20])
  })

  it('always includes the current page, the first and the last', () => {
    for (let total = 1; total <= 30; total++) {
      for (let current = 1; current <= total; current++) {
        const items = pageItems(current, total)
        expect(items).toContain(current)
        expect(items[0]).toBe(1)
        expect(items.at(-1)).toBe(total)
        expect(items.length).toBeLessThanOrEqual(7)
      }
    }
  })
})
