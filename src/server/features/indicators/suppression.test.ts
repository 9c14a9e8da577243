import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CountTable, type SuppressedTable, type SuppressedValue, suppressCount, suppressTable } from './suppression.ts'

/** "7" for a shown count, "P"/"S" for a primary/secondary hidden one, "-" for a missing one. */
const mark = (v: SuppressedValue | undefined): string =>
  v === undefined ? '' : v.suppressed === 'primary' ? 'P' : v.suppressed === 'secondary' ? 'S' : v.value === null ? '-' : String(v.value)

/** The table as text lines: each row's cells and total, then the column totals and the grand total. */
function picture(t: SuppressedTable): string[] {
  const rows = t.rows.map((r) => [...r.cells.map(mark), ...(r.total ? ['= ' + mark(r.total)] : [])].join(' '))
  const totals = t.columnTotals || t.grandTotal ? [[...(t.columnTotals ?? []).map(mark), ...(t.grandTotal ? ['= ' + mark(t.grandTotal)] : [])].join(' ')] : []
  return [...rows, ...totals]
}

/** A table with its row totals, column totals and grand total computed, as the sources print them. */
function withTotals(cells: number[][], labels = cells.map((_, i) => `r${i + 1}`)): CountTable {
  const columns = Math.max(0, ...cells.map((r) => r.length))
  return {
    rows: cells.map((r, i) => ({ label: labels[i]!, cells: r, total: sum(r) })),
    columnTotals: Array.from({ length: columns }, (_, j) => sum(cells.map((r) => r[j] ?? 0))),
    grandTotal: sum(cells.flat()),
  }
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

/**
 * The lines a reader can subtract along, taken from the table's shape (not from the module): each
 * row with its total, each column with its total, the row totals with the grand total, the column
 * totals with the grand total, and all the cells with the grand total. Each entry: [input value, output].
 */
function lines(input: CountTable, output: SuppressedTable): { entries: [number | null, SuppressedValue][]; hasTotal: boolean }[] {
  const result: { entries: [number | null, SuppressedValue][]; hasTotal: boolean }[] = []
  const push = (entries: [number | null, SuppressedValue][], total: [number | null, SuppressedValue] | undefined) => {
    if (entries.length > 0) result.push({ entries: total ? [...entries, total] : entries, hasTotal: total !== undefined && total[0] !== null })
  }
  input.rows.forEach((r, i) => {
    const out = output.rows[i]!
    push(
      r.cells.map((c, j) => [c, out.cells[j]!]),
      r.total === undefined ? undefined : [r.total, out.total!],
    )
  })
  const columns = Math.max(input.columnTotals?.length ?? 0, ...input.rows.map((r) => r.cells.length))
  for (let j = 0; j < columns; j++) {
    const cells = input.rows.flatMap((r, i): [number | null, SuppressedValue][] => (j < r.cells.length ? [[r.cells[j]!, output.rows[i]!.cells[j]!]] : []))
    const total = input.columnTotals?.[j]
    push(cells, total === undefined ? undefined : [total, output.columnTotals![j]!])
  }
  const grand: [number | null, SuppressedValue] | undefined = input.grandTotal === undefined ? undefined : [input.grandTotal, output.grandTotal!]
  push(
    input.rows.flatMap((r, i): [number | null, SuppressedValue][] => (r.total === undefined ? [] : [[r.total, output.rows[i]!.total!]])),
    grand,
  )
  push(
    (input.columnTotals ?? []).map((c, j) => [c, output.columnTotals![j]!]),
    grand,
  )
  if (grand) push(input.rows.flatMap((r, i) => r.cells.map((c, j): [number | null, SuppressedValue] => [c, output.rows[i]!.cells[j]!])), grand)
  return result
}

const hidden = (v: SuppressedValue) => v.suppressed !== null

/**
 * The promise to the board: no hidden number can be found as a stated total minus the numbers
 * beside it, i.e. no line with a stated total and no unknown (missing) entry holds exactly one hidden
 * number. And the rule behind it: any line holding exactly one hidden number, with or without a
 * total, has nothing left that could be hidden (no other non-zero count shown).
 */
function expectProtected(input: CountTable, output: SuppressedTable, threshold: number): void {
  for (const line of lines(input, output)) {
    if (line.entries.filter(([, out]) => hidden(out)).length !== 1) continue
    const recoverable = line.hasTotal && line.entries.every(([value, out]) => hidden(out) || value !== null)
    const couldHideMore = line.entries.some(([value, out]) => !hidden(out) && value !== null && value > 0)
    expect(recoverable, `a hidden number is the total minus the rest: ${JSON.stringify(line.entries)}`).toBe(false)
    expect(couldHideMore, `a line with one hidden number and more to hide: ${JSON.stringify(line.entries)}`).toBe(false)
  }
  // Shown numbers are exactly the input; hidden ones carry no value; small ones are always hidden.
  const pairs = lines(input, output).flatMap((l) => l.entries)
  for (const [value, out] of pairs) {
    if (out.suppressed === null) expect(out.value).toBe(value)
    else expect(out.value).toBeNull()
    if (value !== null && value > 0 && value < threshold) expect(out.suppressed).toBe('primary')
    if (out.suppressed === 'secondary') expect(value! >= threshold).toBe(true)
  }
}

describe('suppressCount', () => {
  it.each([
    [0, { value: 0, suppressed: null }],
    [1, { value: null, suppressed: 'primary' }],
    [4, { value: null, suppressed: 'primary' }],
    [4.9, { value: null, suppressed: 'primary' }],
    [0.4, { value: null, suppressed: 'primary' }],
    [5, { value: 5, suppressed: null }],
    [22.2, { value: 22.2, suppressed: null }],
    [null, { value: null, suppressed: null }],
  ] as const)('publishes %j as %j with the default threshold of 5', (n, expected) => {
    expect(suppressCount(n)).toEqual(expected)
  })

  it('follows another threshold', () => {
    expect(suppressCount(9, 10)).toEqual({ value: null, suppressed: 'primary' })
    expect(suppressCount(10, 10)).toEqual({ value: 10, suppressed: null })
    expect(suppressCount(3, 3)).toEqual({ value: 3, suppressed: null })
    expect(suppressCount(2, 3)).toEqual({ value: null, suppressed: 'primary' })
  })

  it('refuses a threshold that protects nothing or makes no sense', () => {
    expect(() => suppressCount(3, 0)).toThrow(RangeError)
    expect(() => suppressCount(3, -1)).toThrow(RangeError)
    expect(() => suppressCount(3, Number.NaN)).toThrow(RangeError)
    expect(() => suppressTable({ rows: [] }, Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('suppressTable: the Sønderborg target groups of 1 March 2021 (afdeling 22, 24, 30, 35)', () => {
  const labels = ['6.1', '6.2', '6.3', '6.4', '6.5', '6.8', 'INT-SHP']
  const soenderborg: CountTable = {
    rows: [
      { label: '6.1', cells: [7, 11, 7, 7], total: 32 },
      { label: '6.2', cells: [12, 15, 15, 10], total: 52 },
      { label: '6.3', cells: [14, 13, 25, 18], total: 70 },
      { label: '6.4', cells: [9, 10, 3, 8], total: 30 },
      { label: '6.5', cells: [5, 4, 1, 2], total: 12 },
      { label: '6.8', cells: [12, 7, 4, 8], total: 31 },
      { label: 'INT-SHP', cells: [8, 7, 13, 10], total: 38 },
    ],
    columnTotals: [67, 67, 68, 63],
    grandTotal: 265,
  }

  it('is the table the totals describe', () => {
    expect(withTotals(soenderborg.rows.map((r) => r.cells as number[]), labels)).toEqual(soenderborg)
  })

  it('hides the five small counts and one more in each of rows 6.4 and 6.8 (threshold 5)', () => {
    const result = suppressTable(soenderborg)
    expect(picture(result)).toEqual([
      '7 11 7 7 = 32',
      '12 15 15 10 = 52',
      '14 13 25 18 = 70',
      '9 10 P S = 30', //  8 in afdeling 35: the smallest beside the 3
      '5 P P P = 12',
      '12 S P 8 = 31', //  7 in afdeling 24, which column 24 needed as well
      '8 7 13 10 = 38',
      '67 67 68 63 = 265',
    ])
    expect(result.rows[3]).toEqual({
      label: '6.4',
      cells: [
        { value: 9, suppressed: null },
        { value: 10, suppressed: null },
        { value: null, suppressed: 'primary' },
        { value: null, suppressed: 'secondary' },
      ],
      total: { value: 30, suppressed: null },
    })
    expect(result.grandTotal).toEqual({ value: 265, suppressed: null })
    expectProtected(soenderborg, result, 5)
  })

  it('hides every count under 10 with threshold 10, and needs nothing more', () => {
    const result = suppressTable(soenderborg, 10)
    expect(picture(result)).toEqual([
      'P 11 P P = 32',
      '12 15 15 10 = 52',
      '14 13 25 18 = 70',
      'P 10 P P = 30',
      'P P P P = 12',
      '12 P P P = 31',
      'P P 13 10 = 38',
      '67 67 68 63 = 265',
    ])
    expectProtected(soenderborg, result, 10)
  })

  it('hides the 1 and the 2 with threshold 3, and protects them through row 6.4', () => {
    const result = suppressTable(soenderborg, 3)
    expect(picture(result)).toEqual([
      '7 11 7 7 = 32',
      '12 15 15 10 = 52',
      '14 13 25 18 = 70',
      '9 10 S S = 30',
      '5 4 P P = 12',
      '12 7 4 8 = 31',
      '8 7 13 10 = 38',
      '67 67 68 63 = 265',
    ])
    expectProtected(soenderborg, result, 3)
  })
})

describe('suppressTable: the Varde target groups of 2 June 2021 (one column)', () => {
  const counts = [21, 10, 38, 11, 9, 10, 4, 11, 2, 5]
  const labels = ['6.1', '6.2', '6.3', '6.4', '6.5', '6.6', '6.7', '6.8', 'INT-SP', 'INT-SHP']
  const varde: CountTable = { rows: counts.map((n, i) => ({ label: labels[i]!, cells: [n] })), columnTotals: [121] }
  const column = (t: SuppressedTable) => [...t.rows.map((r) => mark(r.cells[0])), '= ' + mark(t.columnTotals?.[0])]

  it('adds up to 121', () => {
    expect(sum(counts)).toBe(121)
  })

  it('hides the 4 and the 2, which protect each other (threshold 5)', () => {
    const result = suppressTable(varde)
    expect(column(result)).toEqual(['21', '10', '38', '11', '9', '10', 'P', '11', 'P', '5', '= 121'])
    expect(result.rows[0]).toEqual({ label: '6.1', cells: [{ value: 21, suppressed: null }] })
    expect(result.grandTotal).toBeUndefined()
    expectProtected(varde, result, 5)
  })

  it('hides the 4 beside the lone 2 with threshold 3', () => {
    const result = suppressTable(varde, 3)
    expect(column(result)).toEqual(['21', '10', '38', '11', '9', '10', 'S', '11', 'P', '5', '= 121'])
    expectProtected(varde, result, 3)
  })

  it('hides the 9, 4, 2 and 5 with threshold 10', () => {
    const result = suppressTable(varde, 10)
    expect(column(result)).toEqual(['21', '10', '38', '11', 'P', '10', 'P', '11', 'P', 'P', '= 121'])
    expectProtected(varde, result, 10)
  })

  it('gives the same answer when the sum is stated as the grand total', () => {
    const result = suppressTable({ rows: varde.rows, grandTotal: 121 }, 3)
    expect(result.rows.map((r) => mark(r.cells[0]))).toEqual(['21', '10', '38', '11', '9', '10', 'S', '11', 'P', '5'])
    expect(result.grandTotal).toEqual({ value: 121, suppressed: null })
  })
})

describe('suppressTable: rules in small cases', () => {
  it('shows zeros, and never hides a zero to protect another number', () => {
    // Row 1 protects its 3 with the 9, not the 0; column 2 then needs the 6, and row 2 its 9.
    const table = withTotals([[0, 3, 9], [0, 6, 9]])
    const result = suppressTable(table)
    expect(picture(result)).toEqual(['0 P S = 12', '0 S S = 15', '0 9 18 = 27'])
    expectProtected(table, result, 5)
  })

  it('hides a total when it is the only number left to hide', () => {
    // The 3 and its row and column totals are small. The hidden row total 3 would be 10 − 7 from the
    // column of row totals, so the row total 7 goes; likewise the column total 7; then row 2 holds only
    // its hidden total beside a 0 and a 7, so the 7 goes too.
    const table = withTotals([[3, 0], [0, 7]])
    const result = suppressTable(table)
    expect(picture(result)).toEqual(['P 0 = P', '0 S = S', 'P S = 10'])
    expectProtected(table, result, 5)
  })

  it('hides a total as the complement when no cell can be', () => {
    // Row 1 protects its 3 with the 5, column 1 the 5 with the 6; row 2 then has only a 0 beside the
    // hidden 6, so its total goes, and the margins follow. Only the grand total is left.
    const table = withTotals([[5, 3], [6, 0]])
    const result = suppressTable(table)
    expect(picture(result)).toEqual(['S P = S', 'S 0 = S', 'S P = 14'])
    expectProtected(table, result, 5)
  })

  it('treats decimal counts (full-time persons) by the same rule', () => {
    const table: CountTable = {
      rows: [
        { label: 'a', cells: [22.2, 4.6], total: 26.8 },
        { label: 'b', cells: [18.5, 0.4], total: 18.9 },
      ],
      columnTotals: [40.7, 5],
      grandTotal: 45.7,
    }
    const result = suppressTable(table)
    // 4,6 and 0,4 are small; their column's total of 5 is not, and is protected by holding two hidden numbers.
    expect(picture(result)).toEqual(['S P = 26.8', 'S P = 18.9', '40.7 5 = 45.7'])
    expectProtected(table, result, 5)
  })

  it('keeps missing counts missing, and never uses one as a complement', () => {
    const table: CountTable = { rows: [{ label: 'a', cells: [null, 3, 8], total: 11 }, { label: 'b', cells: [null, 7, 9], total: 16 }], columnTotals: [null, 10, 17], grandTotal: 27 }
    const result = suppressTable(table)
    expect(picture(result)).toEqual(['- P S = 11', '- S S = 16', '- 10 17 = 27'])
    expectProtected(table, result, 5)
  })

  it('keeps the shape: no totals in, no totals out', () => {
    const result = suppressTable({ rows: [{ label: 'a', cells: [3, 8, 20] }] })
    expect(result).toEqual({
      rows: [
        {
          label: 'a',
          cells: [
            { value: null, suppressed: 'primary' },
            { value: null, suppressed: 'secondary' },
            { value: 20, suppressed: null },
          ],
        },
      ],
    })
  })

  it('leaves a one-cell row alone: there is nothing beside it to hide', () => {
    expect(picture(suppressTable({ rows: [{ label: 'a', cells: [3] }] }))).toEqual(['P'])
    expect(picture(suppressTable({ rows: [{ label: 'a', cells: [3, 0, 0] }] }))).toEqual(['P 0 0'])
  })

  it('prefers, among equally small numbers, one that protects two lines at once', () => {
    // Row 1 needs a partner for its 2: of its two 9s, the one in column 3 also protects the lone 1 there.
    // Column 1 then needs a partner for the 2: of its two 6s, the one in row 3 also protects the 1 there.
    // Taking the first of equals instead would have cost three more hidden numbers.
    const table = withTotals([[2, 9, 9], [6, 9, 9], [6, 9, 1]])
    const result = suppressTable(table)
    expect(picture(result)).toEqual(['P 9 S = 20', '6 9 9 = 24', 'S 9 P = 16', '14 27 19 = 60'])
    expectProtected(table, result, 5)
  })

  it('handles an empty table', () => {
    expect(suppressTable({ rows: [] })).toEqual({ rows: [] })
    expect(suppressTable({ rows: [], columnTotals: [], grandTotal: 0 })).toEqual({ rows: [], columnTotals: [], grandTotal: { value: 0, suppressed: null } })
  })
})

describe('suppressTable: every 3 × 3 table of 0, 1, 5 and 9 with its totals', () => {
  // A zero, a small count, one at the threshold and one above: 4^9 = 262 144 tables, split by the
  // first cell. The random properties below cover other values.
  const values = [0, 1, 5, 9]
  const n = values.length
  it.each(values)('protects every small number in the tables starting with %i', (first) => {
    let checked = 0
    const cells = [first, 0, 0, 0, 0, 0, 0, 0, 0]
    for (let i = 0; i < n ** 8; i++) {
      let rest = i
      for (let k = 1; k < 9; k++) {
        cells[k] = values[rest % n]!
        rest = Math.floor(rest / n)
      }
      const grid = [cells.slice(0, 3), cells.slice(3, 6), cells.slice(6, 9)]
      const table = withTotals(grid)
      const result = suppressTable(table)
      // The fast check first; the full one with its messages only when something is wrong.
      if (!quicklyProtected(table, result)) expectProtected(table, result, 5)
      checked++
    }
    expect(checked).toBe(n ** 8)
  })
})

/** expectProtected for a full 3 × 3 table with all totals, without building messages. */
function quicklyProtected(input: CountTable, output: SuppressedTable): boolean {
  const value = (r: number, c: number): [number, SuppressedValue] =>
    r < 3 ? (c < 3 ? [input.rows[r]!.cells[c]!, output.rows[r]!.cells[c]!] : [input.rows[r]!.total!, output.rows[r]!.total!]) : c < 3 ? [input.columnTotals![c]!, output.columnTotals![c]!] : [input.grandTotal!, output.grandTotal!]
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const [v, out] = value(r, c)
      if (out.suppressed === null ? out.value !== v : out.value !== null) return false
      if (v > 0 && v < 5 && out.suppressed !== 'primary') return false
      if (out.suppressed === 'secondary' && v < 5) return false
    }
  }
  for (let k = 0; k < 4; k++) {
    let inRow = 0
    let inColumn = 0
    for (let m = 0; m < 4; m++) {
      if (value(k, m)[1].suppressed) inRow++
      if (value(m, k)[1].suppressed) inColumn++
    }
    if (inRow === 1 || inColumn === 1) return false
  }
  let inCells = output.grandTotal!.suppressed ? 1 : 0
  for (const r of output.rows) for (const c of r.cells) if (c.suppressed) inCells++
  return inCells !== 1
}

describe('suppressTable: properties of random tables', () => {
  const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 40, noNaN: true, noDefaultInfinity: true }))
  const grid = fc.integer({ min: 1, max: 6 }).chain((columns) => fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 }))
  const threshold = fc.constantFrom(3, 5, 10, 2.5)

  it('protects every hidden number in tables with all their totals', () => {
    fc.assert(
      fc.property(grid, threshold, (cells, t) => {
        const table = withTotals(cells)
        expectProtected(table, suppressTable(table, t), t)
      }),
      { numRuns: 500 },
    )
  })

  it('protects them too when some totals are left out or some counts are missing', () => {
    const shape = fc.record({ rowTotals: fc.boolean(), columnTotals: fc.boolean(), grandTotal: fc.boolean() })
    fc.assert(
      fc.property(grid, threshold, shape, fc.array(fc.nat(), { maxLength: 4 }), (cells, t, keep, holes) => {
        const full = withTotals(cells)
        const rows = full.rows.map((r, i) => ({
          label: r.label,
          cells: r.cells.map((c, j) => (holes.includes(i * 7 + j) ? null : c)),
          ...(keep.rowTotals ? { total: r.total } : {}),
        }))
        const table: CountTable = { rows, ...(keep.columnTotals ? { columnTotals: full.columnTotals } : {}), ...(keep.grandTotal ? { grandTotal: full.grandTotal } : {}) }
        const result = suppressTable(table, t)
        expect(result.rows.every((r, i) => ('total' in r) === ('total' in table.rows[i]!))).toBe(true)
        expect('columnTotals' in result).toBe('columnTotals' in table)
        expect('grandTotal' in result).toBe('grandTotal' in table)
        expectProtected(table, result, t)
      }),
      { numRuns: 500 },
    )
  })

  it('hides nothing when every count is 0 or at least the threshold', () => {
    const large = fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 500 }), fc.double({ min: 5, max: 100, noNaN: true, noDefaultInfinity: true }))
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((columns) => fc.array(fc.array(large, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 6 })), (cells) => {
        const table = withTotals(cells)
        const result = suppressTable(table)
        for (const [value, out] of lines(table, result).flatMap((l) => l.entries)) expect(out).toEqual({ value, suppressed: null })
      }),
    )
  })

  it('hides only more as the threshold rises', () => {
    fc.assert(
      fc.property(grid, (cells) => {
        const table = withTotals(cells)
        const hiddenAt = (t: number) => lines(table, suppressTable(table, t)).flatMap((l) => l.entries.map(([, out]) => hidden(out)))
        const low = hiddenAt(3)
        const high = hiddenAt(10)
        // Primary suppression is monotone; secondary choices may differ, so only the primary ones are compared.
        const primaryLow = lines(table, suppressTable(table, 3)).flatMap((l) => l.entries.map(([, out]) => out.suppressed === 'primary'))
        primaryLow.forEach((p, i) => {
          if (p) expect(high[i]).toBe(true)
        })
        expect(low.length).toBe(high.length)
      }),
    )
  })
})
