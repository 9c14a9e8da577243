import { describe, expect, it } from 'vitest'
import type { Table } from '../imports/read-table.ts'
import { parseCompanyRows, readSizeBand } from './company-rows.ts'

const sheet = (rows: (string | number | null)[][]): Pick<Table, 'sheets'> => ({ sheets: [{ name: null, rows: rows.map((cells, i) => ({ cells, row: i + 1 })) }] })

describe('reading a list of companies', () => {
  it('reads the Danish headings, title rows above them, and CVR numbers typed with spaces or as numbers', () => {
    const { rows, problems } = parseCompanyRows(
      sheet([
        ['Virksomheder i Sønderborg, marts 2026'],
        ['CVR-nr.', 'Firmanavn', 'Postnr.', 'By', 'DB07', 'Antal ansatte', 'Markeret i Momentum'],
        ['DK-20 16 57 15', 'Danfoss A/S', '6430', 'Nordborg', '281400', '250+', 'ja'],
        [24256790, 'Novo Nordisk A/S', null, null, null, 35, null],
      ]),
    )
    expect(problems).toEqual([])
    expect(rows).toEqual([
      { row: 3, sheet: null, cvr: '20165715', name: 'Danfoss A/S', address: null, postalCode: '6430', city: 'Nordborg', industryCode: '281400', industryText: null, sizeBand: '250+', markedInMomentum: true },
      { row: 4, sheet: null, cvr: '24256790', name: 'Novo Nordisk A/S', address: null, postalCode: null, city: null, industryCode: null, industryText: null, sizeBand: '10-49', markedInMomentum: false },
    ])
  })

  it('reports every problem in a row at its own column', () => {
    const { rows, problems } = parseCompanyRows(
      sheet([
        ['CVR', 'Navn', 'Postnummer', 'Branchekode', 'Ansatte', 'Momentum'],
        ['20165716', '', '64300', '4711', 'mange', 'måske'],
      ]),
    )
    expect(rows).toEqual([])
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'A (CVR)'],
      [2, 'B (Navn)'],
      [2, 'C (Postnummer)'],
      [2, 'D (Branchekode)'],
      [2, 'E (Ansatte)'],
      [2, 'F (Momentum)'],
    ])
    expect(problems[0]!.message).toBe('CVR-nummeret "20165716" findes ikke: kontrolcifferet passer ikke. Tjek, at alle cifre er skrevet rigtigt.')
  })

  it('reports a CVR number written twice at the second row, naming the first, even when written differently', () => {
    const { rows, problems } = parseCompanyRows(
      sheet([
        ['CVR-nummer', 'Navn'],
        ['20165715', 'Danfoss A/S'],
        ['61056416', 'Carlsberg A/S'],
        ['20 16 57 15', 'Danfoss Nordborg'],
      ]),
    )
    expect(rows.map((r) => r.name)).toEqual(['Danfoss A/S', 'Carlsberg A/S'])
    expect(problems).toEqual([
      { row: 4, column: 'A (CVR-nummer)', sheet: null, message: 'CVR-nummeret 20165715 står også i række 2 (Danfoss A/S). En virksomhed kan kun stå én gang: slet den ene række.' },
    ])
  })

  it('says so when there are no companies under the headings', () => {
    expect(parseCompanyRows(sheet([['CVR-nummer', 'Navn']])).problems).toEqual([{ row: 0, column: null, sheet: null, message: 'Der er ingen virksomheder under overskrifterne.' }])
  })
})

describe('the size band', () => {
  it.each([
    ['0', '0'],
    ['1', '1-9'],
    ['9', '1-9'],
    ['10', '10-49'],
    ['49', '10-49'],
    ['50', '50-249'],
    ['249', '50-249'],
    ['250', '250+'],
    ['1-9', '1-9'],
    ['10–49 ansatte', '10-49'],
    ['250+', '250+'],
    ['250 eller flere', '250+'],
    ['mange', null],
  ] as const)('reads %s as %s', (text, band) => {
    expect(readSizeBand(text)).toBe(band)
  })
})
