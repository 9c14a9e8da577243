import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { BeboerdataMapping } from '../../../../shared/value-mappings.ts'
import { readSeedAgreement } from '../../agreements/seed-files.ts'
import { applyBeboerdataMapping, detectBeboerdataTable } from './beboerdata.ts'
import { ImportFileError, readTable, type Table } from '../../imports/read-table.ts'

const varde = readSeedAgreement('varde-beskaeftigelse').file.agreement
const INDICATOR = 'offentligt-forsoergede-fuldtidspersoner'
const YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]

type Row = (string | number | null)[]

/** A workbook shaped like an LBF Beboerdata download: title rows, a header of years, label rows. */
async function beboerdata(options: { yearsAsText?: boolean; rows?: [string, ...(string | number | null)[]][]; sheets?: string[] } = {}): Promise<Table> {
  const wb = new ExcelJS.Workbook()
  for (const name of options.sheets ?? []) wb.addWorksheet(name).addRow(['Om tabellen', 'Kilde: Danmarks Statistik'])
  const ws = wb.addWorksheet('Tabel 14')
  ws.addRow(['Tabel 14. Antal offentligt forsørgede fuldtidspersoner efter alder'])
  ws.addRow(['Varde Kommune, Boligområdet Vestervang'])
  ws.addRow([])
  ws.addRow(['Alder', ...YEARS.map((y) => (options.yearsAsText ? String(y) : y))])
  const rows: Row[] = options.rows ?? [
    ['18-29 år', 25, 24, '.', 22.2, '22,2', 20, 19.5, 18, '.', 17],
    ['30-64 år', 170, 168, 165.1, 163, 161, 160.3, 158, 155, 150, 149],
    ['65 år og derover', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.'],
  ]
  for (const r of rows) ws.addRow(r)
  ws.addRow([])
  ws.addRow(['Anm.: Tal under 5 er skjult og vist som "."'])
  return readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'beboerdata-tabel-14.xlsx')
}

const mapping = (over: Partial<BeboerdataMapping> = {}): BeboerdataMapping => ({
  name: 'Beboerdata tabel 14',
  population: 'area',
  measure: 'count',
  rows: [
    { label: '18-29 år', indicatorKey: INDICATOR, rowKey: '18-29-aarige' },
    { label: '30-64 år', indicatorKey: INDICATOR, rowKey: '30-64-aarige' },
  ],
  ...over,
})

function problemsOf(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    if (error instanceof ImportFileError) return error.problems
    throw error
  }
  throw new Error('expected an ImportFileError')
}

describe('detectBeboerdataTable', () => {
  it.each([
    ['numbers', false],
    ['text', true],
  ])('finds the header of years (as %s) below the title rows, the label column and the row labels', async (_kind, yearsAsText) => {
    const detected = detectBeboerdataTable(await beboerdata({ yearsAsText }))
    expect(detected.sheet.name).toBe('Tabel 14')
    expect(detected.headerRow).toBe(4)
    expect(detected.labelColumn).toEqual({ index: 0, letter: 'A', header: 'Alder' })
    expect(detected.years.map((y) => y.year)).toEqual(YEARS)
    expect(detected.years[0]).toMatchObject({ column: 'B', year: 2014 })
    // The note below the table has no figures, so it is no row label.
    expect(detected.rowLabels).toEqual(['18-29 år', '30-64 år', '65 år og derover'])
  })

  it('skips a notes sheet without years and takes the first sheet with a year header', async () => {
    const detected = detectBeboerdataTable(await beboerdata({ sheets: ['Om data'] }))
    expect(detected.sheet.name).toBe('Tabel 14')
  })

  it('refuses a file without a row of years, and a named sheet the file does not have', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Ark1').addRows([['indikator', 'periode', 'andel'], ['x', '2023', 12]])
    const plain = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx')
    expect(problemsOf(() => detectBeboerdataTable(plain))[0]!.message).toMatch(/^Fandt ingen tabel med årstal/)
    const table = await beboerdata({ sheets: ['Om data'] })
    expect(problemsOf(() => detectBeboerdataTable(table, { sheet: 'Tabel 15' }))[0]!.message).toBe('Arket "Tabel 15" findes ikke i filen. Filen har arkene "Om data", "Tabel 14".')
    expect(problemsOf(() => detectBeboerdataTable(table, { labelColumn: 'Køn' }))[0]).toMatchObject({ row: 4, sheet: 'Tabel 14', message: 'Kolonnen "Køn" findes ikke i overskriftsrækken. Overskrifterne er "Alder".' })
  })
})

describe('applyBeboerdataMapping', () => {
  it('reads one value per mapped row and year, skipping and counting suppressed cells, with decimal counts', async () => {
    const result = applyBeboerdataMapping(await beboerdata(), mapping(), varde)
    expect(result.problems).toEqual([])
    // 2 rows × 10 years, minus the two "." in 18-29 år.
    expect(result.values).toHaveLength(18)
    expect(result.suppressed).toBe(2)
    const young = result.values.filter((v) => v.rowKey === '18-29-aarige')
    expect(young.map((v) => [v.period, v.count])).toEqual([
      ['2014', 25],
      ['2015', 24],
      ['2017', 22.2],
      ['2018', 22.2],
      ['2019', 20],
      ['2020', 19.5],
      ['2021', 18],
      ['2023', 17],
    ])
    expect(result.values[0]).toEqual({ indicatorKey: INDICATOR, rowKey: '18-29-aarige', population: 'area', period: '2014', share: null, count: 25, row: 5, sheet: 'Tabel 14' })
  })

  it('reads the same table with years as text headers, and shares for the comparison population', async () => {
    const result = applyBeboerdataMapping(await beboerdata({ yearsAsText: true }), mapping({ population: 'comparison', measure: 'share', rows: [{ label: '18-29 ÅR', indicatorKey: INDICATOR, rowKey: '18-29-aarige' }] }), varde)
    expect(result.problems).toEqual([])
    expect(result.values).toHaveLength(8)
    expect(result.values.every((v) => v.population === 'comparison' && v.count === null && v.share !== null)).toBe(true)
  })

  it('locates a mapped label the file does not have, and names the labels it does have', async () => {
    const table = await beboerdata({ rows: [['18-29-årige', 25, 24, 23, 22, 21, 20, 19, 18, 17, 16], ['30-64 år', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] })
    const result = applyBeboerdataMapping(table, mapping(), varde)
    expect(result.values).toEqual([])
    expect(result.problems).toEqual([
      {
        row: 4,
        column: 'A (Alder)',
        sheet: 'Tabel 14',
        message: 'Rækken "18-29 år" fra opsætningen "Beboerdata tabel 14" findes ikke i tabellen. Tabellen har rækkerne "18-29-årige", "30-64 år". Ret opsætningen, hvis tabellen har skiftet tekst.',
      },
    ])
  })

  it('locates a value that cannot be read by row and year column', async () => {
    const table = await beboerdata({ rows: [['18-29 år', 25, '24 pers.', 23, 22, 21, 20, 19, 18, 17, 16], ['30-64 år', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] })
    const result = applyBeboerdataMapping(table, mapping(), varde)
    expect(result.values).toEqual([])
    expect(result.problems).toEqual([{ row: 5, column: 'C (2015)', sheet: 'Tabel 14', message: expect.stringMatching(/^"24 pers\." i rækken "18-29 år" for 2015 er ikke et tal/) }])
  })

  it('refuses a share over 100 % and a mapping pointing at a row the agreement does not have', async () => {
    const shares = applyBeboerdataMapping(await beboerdata(), mapping({ measure: 'share' }), varde)
    expect(shares.problems.some((p) => p.row === 6 && p.message.startsWith('Andelen 170 % i rækken "30-64 år" for 2014 er over 100 %'))).toBe(true)
    const stale = applyBeboerdataMapping(await beboerdata(), mapping({ rows: [{ label: '18-29 år', indicatorKey: INDICATOR, rowKey: 'findes-ikke' }] }), varde)
    expect(stale.problems[0]).toMatchObject({ row: 0, message: expect.stringContaining('rækken "findes-ikke"') })
    expect(stale.values).toEqual([])
  })

  it('refuses a label printed twice in the table', async () => {
    const table = await beboerdata({ rows: [['18-29 år', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], ['18-29 år', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], ['30-64 år', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] })
    expect(applyBeboerdataMapping(table, mapping(), varde).problems).toEqual([expect.objectContaining({ row: 6, message: expect.stringContaining('står flere gange i tabellen (række 5 og 6)') })])
  })
})
