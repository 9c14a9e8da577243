import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { FIXTURE_DIR } from '../../../../../tests/fixtures/imports/make-fixtures.ts'
import { readSeedAgreement } from '../../agreements/seed-files.ts'
import { readTable, type Table } from '../../imports/read-table.ts'
import { readDanishNumber } from '../../../../shared/lib/danish-number.ts'
import { parseValueRows } from './value-rows.ts'

const soenderborg = readSeedAgreement('soenderborg-beskaeftigelse').file.agreement
const varde = readSeedAgreement('varde-beskaeftigelse').file.agreement

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURE_DIR, name))
const csv = (text: string) => readTable(Buffer.from(text, 'utf8'), 'vaerdier.csv')

describe('readDanishNumber', () => {
  it.each([
    ['1736', 1736],
    ['1.736', 1736],
    ['3.207,1', 3207.1],
    ['12.345.678,9', 12345678.9],
    ['19,14', 19.14],
    ['  22,2 ', 22.2],
    ['\u00a022,2\u00a0', 22.2],
    ['19,14 %', 19.14],
    ['19,14%', 19.14],
    ['19,14\u00a0%', 19.14],
    ['1 736', 1736],
    ['1\u00a0736,5', 1736.5],
    ['0,5', 0.5],
    ['0', 0],
    ['-0', 0],
    ['007', 7],
    ['-3', -3],
    ['\u22123,5', -3.5],
    ['+4', 4],
  ])('reads %j as %d', (text, value) => {
    expect(readDanishNumber(text)).toBe(value)
  })

  it.each(['1,2,3', '12 t', '', '   ', '%', '19.14', '0.125', '1.23', '1.2345', '1.736.', ',5', '5,', 'abc', '1e3', '12-3', '--3', '1 73', '22,2 fuldtidspersoner', 'NaN'])(
    'refuses %j',
    (text) => {
      expect(readDanishNumber(text)).toBeNull()
    },
  )

  it('passes numbers through and refuses the ones that are not finite', () => {
    expect(readDanishNumber(22.2)).toBe(22.2)
    expect(readDanishNumber(Number.NaN)).toBeNull()
    expect(readDanishNumber(Number.POSITIVE_INFINITY)).toBeNull()
  })
})

describe('parseValueRows', () => {
  const expectedSoenderborg = [
    { row: 5, indicatorKey: 'andel-offentligt-forsoergede-fuldtidspersoner', rowKey: '18-29-aar', population: 'area', period: '2019', share: 18.76, count: null },
    { row: 6, indicatorKey: 'andel-offentligt-forsoergede-fuldtidspersoner', rowKey: '18-29-aar', population: 'comparison', period: '2019', share: 12.1, count: null },
    { row: 7, indicatorKey: 'andel-offentligt-forsoergede-fuldtidspersoner', rowKey: '30-64-aar', population: 'area', period: '2019', share: 49.8, count: null },
    { row: 8, indicatorKey: 'andel-offentligt-forsoergede-fuldtidspersoner', rowKey: '30-64-aar', population: 'comparison', period: '2019', share: 17.5, count: null },
    { row: 9, indicatorKey: 'beboere-omfattet-af-fremskudt-jobcenter', rowKey: 'alle', population: 'area', period: '2021-02', share: null, count: 233 },
    { row: 10, indicatorKey: 'beboere-omfattet-af-fremskudt-jobcenter', rowKey: 'alle', population: 'comparison', period: '2021-02', share: null, count: 1736 },
    { row: 11, indicatorKey: 'beboere-omfattet-af-fremskudt-jobcenter', rowKey: 'alle', population: 'area', period: '2021-Q2', share: null, count: 221 },
    { row: 12, indicatorKey: 'aktiveringsgrad-blandt-ledige', rowKey: 'alle', population: 'area', period: '2021-Q2', share: 24, count: null },
    { row: 13, indicatorKey: 'aktiveringsgrad-blandt-ledige', rowKey: 'alle', population: 'comparison', period: '2021-Q2', share: 33.5, count: null },
    { row: 14, indicatorKey: 'aktiveringsgrad-blandt-ledige', rowKey: 'alle', population: 'area', period: '2022-H1', share: 31.25, count: null },
    { row: 16, indicatorKey: 'aktiveringsgrad-blandt-ledige', rowKey: 'alle', population: 'area', period: '2022-05', share: 35, count: null },
    { row: 17, indicatorKey: 'aktiveringsgrad-blandt-ledige', rowKey: 'alle', population: 'area', period: '2022-06-02', share: 36, count: 79 },
  ].map((v) => ({ ...v, sheet: null }))

  it.each(['soenderborg-vaerdier.windows-1252.csv', 'soenderborg-vaerdier.utf8-bom.csv'])('reads the Sønderborg extract %s: names, Danish periods, decimal commas', async (name) => {
    const result = parseValueRows(await readTable(fixture(name), name), soenderborg)
    expect(result.problems).toEqual([])
    expect(result.ignoredSheets).toEqual([])
    expect(result.values).toEqual(expectedSoenderborg)
  })

  it('reports every problem in a broken file, each at its row and column', async () => {
    const result = parseValueRows(await readTable(fixture('vaerdier-med-fejl.csv'), 'vaerdier-med-fejl.csv'), soenderborg)
    expect(result.problems.map((p) => [p.row, p.column, p.sheet])).toEqual([
      [3, 'A (indikator)', null],
      [4, 'B (række)', null],
      [5, 'B (række)', null],
      [6, 'D (periode)', null],
      [7, 'E (andel)', null],
      [8, 'E (andel)', null],
      [9, 'E (andel)', null],
      [10, null, null],
      [11, 'F (antal)', null],
      [12, 'C (gruppe)', null],
      [12, 'F (antal)', null],
      [15, 'E (andel)', null],
    ])
    const messages = result.problems.map((p) => p.message)
    // Unknown indicator: named with the closest known one first.
    expect(messages[0]).toMatch(/^Indikatoren "Aktiveringsgrad blandt de ledig" findes ikke i delaftalen\. Nærmeste: "Aktiveringsgrad blandt de ledige" \(aktiveringsgrad-blandt-ledige\)/)
    // Unknown or missing row: the indicator's rows are listed.
    expect(messages[1]).toBe('Rækken "45-60 år" findes ikke under indikatoren "Andel offentligt forsørgede fuldtidspersoner". Indikatoren har rækkerne "18-29 år" (18-29-aar), "30-64 år" (30-64-aar).')
    expect(messages[2]).toContain('har rækkerne "18-29 år" (18-29-aar), "30-64 år" (30-64-aar)')
    // Unreadable period: what was read, and the forms accepted.
    expect(messages[3]).toMatch(/^Perioden "3\. kvartal i år" kan ikke læses\. Skriv den som år \(2023\), halvår .*kvartal \(2\. kvt\. 2023.*dato \(02\.06\.2021\)\.$/)
    expect(messages[4]).toContain('Andelen 124 % er over 100 %')
    expect(messages[5]).toContain('Andelen -3 % er negativ')
    expect(messages[6]).toBe('Rækken har hverken en andel eller et antal. Skriv mindst det ene.')
    // The same indicator, row, group and period twice: both rows named.
    expect(messages[7]).toBe('Samme indikator, række, gruppe og periode ("Aktiveringsgrad blandt de ledige", boligområde/målgruppe, 1. kvartal 2023) står både i række 2 og række 10. Slet den ene.')
    expect(messages[8]).toContain('Antallet "12 t" er ikke et tal')
    expect(messages[9]).toContain('Gruppen "nabolaget" kendes ikke')
    expect(messages[10]).toContain('Antallet "1,2,3" er ikke et tal')
    expect(messages[11]).toContain('Brug komma som decimaltegn')
    // Only the first row is clean.
    expect(result.values.map((v) => v.row)).toEqual([2])
  })

  it('reads an Excel workbook: title rows above the headers, percent cells, date cells, sheets without headers skipped', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Noter').getCell('A1').value = 'Tallene er fra Momentum.'
    const ws = workbook.addWorksheet('Kvartaler')
    ws.getCell('A1').value = 'Aktiv i fællesskabet: opfølgning'
    ws.mergeCells('A1:F1')
    ws.getRow(3).values = ['Indikator', 'Række', 'Population', 'Tidspunkt', 'Andel (%)', 'Antal', 'Kommentar']
    const rows: [string, string | null, string | null, string | number | Date, number | null, number | null][] = [
      ['aktiveringsgrad-blandt-ledige', null, 'Område', '2. kvt. 2023', 0.2414, null],
      ['AKTIVERINGSGRAD  blandt de ledige', null, 'Sammenligning', new Date(Date.UTC(2023, 5, 30)), 0.35, null],
      ['Andel offentligt forsørgede fuldtidspersoner', '18-29 år', 'kommune', 2023, 12.5, null],
      ['beboere-omfattet-af-fremskudt-jobcenter', null, null, 'maj 2023', null, 221],
      ['aktiveringsgrad-blandt-ledige', null, 'område', '2023-Q3', 1.5, null],
    ]
    rows.forEach((values, i) => {
      const row = ws.getRow(4 + i)
      row.values = values
      if (values[3] instanceof Date) row.getCell(4).numFmt = 'dd.mm.yyyy'
      // The share column is formatted as percent except on the row typed as 12,5.
      if (i !== 2) row.getCell(5).numFmt = '0.00%'
    })
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'opfoelgning.xlsx')
    const result = parseValueRows(table, soenderborg)

    expect(result.ignoredSheets).toEqual(['Noter'])
    expect(result.values).toEqual([
      { row: 4, sheet: 'Kvartaler', indicatorKey: 'aktiveringsgrad-blandt-ledige', rowKey: 'alle', population: 'area', period: '2023-Q2', share: 24.14, count: null },
      { row: 5, sheet: 'Kvartaler', indicatorKey: 'aktiveringsgrad-blandt-ledige', rowKey: 'alle', population: 'comparison', period: '2023-06-30', share: 35, count: null },
      { row: 6, sheet: 'Kvartaler', indicatorKey: 'andel-offentligt-forsoergede-fuldtidspersoner', rowKey: '18-29-aar', population: 'comparison', period: '2023', share: 12.5, count: null },
      { row: 7, sheet: 'Kvartaler', indicatorKey: 'beboere-omfattet-af-fremskudt-jobcenter', rowKey: 'alle', population: 'area', period: '2023-05', share: null, count: 221 },
    ])
    // 1,5 in a percent cell is 150 %, and the message says why.
    expect(result.problems).toEqual([
      { row: 8, column: 'E (Andel (%))', sheet: 'Kvartaler', message: expect.stringContaining('Andelen 150 % er over 100 % (cellen er formateret som procent i Excel og indeholder 1,5000)') },
    ])
  })

  it('matches indicator names without case, spacing or footnote marks, and rows by label or key', async () => {
    const table = await csv(
      [
        'INDIKATOR;Række;Periode;Andel;Antal',
        'Antal og andel¹ offentligt forsørgede fuldtidspensioner;18-29-årige;2019;18,35;22,2',
        'antal og andel offentligt forsørgede   fuldtidspensioner.;30-64-aarige;2019;48,13;160,3',
        'Antal og andel[^1] offentligt forsørgede fuldtidspensioner;30-64-årige;2020;47;3.207,1',
        'jobcentersager;Aktivitetsparate unge;2022;4,9;9',
      ].join('\n'),
    )
    const result = parseValueRows(table, varde)
    expect(result.problems).toEqual([])
    expect(result.values.map((v) => [v.indicatorKey, v.rowKey, v.population, v.period, v.share, v.count])).toEqual([
      ['offentligt-forsoergede-fuldtidspersoner', '18-29-aarige', 'area', '2019', 18.35, 22.2],
      ['offentligt-forsoergede-fuldtidspersoner', '30-64-aarige', 'area', '2019', 48.13, 160.3],
      ['offentligt-forsoergede-fuldtidspersoner', '30-64-aarige', 'area', '2020', 47, 3207.1],
      ['jobcentersager', 'aktivitetsparate-unge', 'area', '2022', 4.9, 9],
    ])
  })

  it('takes the columns in any order, with synonyms, and ignores columns it does not know', async () => {
    const table = await csv(['Note;Antal;PERIODE;Gruppe;Andel i procent;Raekke;Indikatornavn', 'x;233;udgang februar 2021;målgruppe;;;beboere-omfattet-af-fremskudt-jobcenter'].join('\n'))
    const result = parseValueRows(table, soenderborg)
    expect(result.problems).toEqual([])
    expect(result.values).toEqual([{ row: 2, sheet: null, indicatorKey: 'beboere-omfattet-af-fremskudt-jobcenter', rowKey: 'alle', population: 'area', period: '2021-02', share: null, count: 233 }])
  })

  it('says which headers are missing, on the row that came closest', async () => {
    const partial = parseValueRows(await csv('Udtræk\nindikator;række;andel\nAktiveringsgrad blandt de ledige;;24\n'), soenderborg)
    expect(partial.values).toEqual([])
    expect(partial.problems).toEqual([{ row: 2, column: null, sheet: null, message: expect.stringMatching(/^Overskriftsrækken mangler kolonnen periode\. /) }])

    const none = parseValueRows(await csv('Aktiveringsgrad blandt de ledige;2023;24\n'), soenderborg)
    expect(none.problems).toEqual([{ row: 0, column: null, sheet: null, message: expect.stringMatching(/^Fandt ingen overskriftsrække\. Filen skal have en overskriftsrække med kolonnerne indikator, periode og andel/) }])
  })

  it('says so when there are headers and no values', async () => {
    const result = parseValueRows(await csv('Udtræk\nindikator;periode;andel\n;;\n'), soenderborg)
    expect(result.problems).toEqual([{ row: 2, column: null, sheet: null, message: 'Der er ingen rækker med tal under overskrifterne.' }])
  })

  it('asks for the row column when an indicator with several rows has none', async () => {
    const result = parseValueRows(await csv('indikator;periode;andel\nAndel offentligt forsørgede fuldtidspersoner;2023;20\n'), soenderborg)
    expect(result.problems).toEqual([{ row: 2, column: 'A (indikator)', sheet: null, message: expect.stringMatching(/har rækkerne "18-29 år" \(18-29-aar\), "30-64 år" \(30-64-aar\)\. Tilføj kolonnen række\.$/) }])
  })

  it('refuses a header row that names a column twice', async () => {
    const result = parseValueRows(await csv('indikator;periode;andel;Andel\naktiveringsgrad-blandt-ledige;2023;24;25\n'), soenderborg)
    expect(result.problems).toEqual([{ row: 1, column: 'D (Andel)', sheet: null, message: 'Kolonnen "andel" står to gange i overskrifterne (C og D). Slet eller omdøb den ene.' }])

    const synonyms = parseValueRows(await csv('indikator;Periode;Dato;andel\naktiveringsgrad-blandt-ledige;2023;2023;24\n'), soenderborg)
    expect(synonyms.problems).toEqual([{ row: 1, column: 'C (Dato)', sheet: null, message: 'Kolonnerne "Periode" og "Dato" (B og C) betyder begge periode. Slet eller omdøb den ene.' }])
  })

  it('names the other sheet when a value is on two sheets', async () => {
    const sheet = (name: string, row: number) => ({
      name,
      rows: [
        { row: 1, cells: ['indikator', 'periode', 'andel'] },
        { row, cells: ['aktiveringsgrad-blandt-ledige', '2023', 20] },
      ],
    })
    const table: Pick<Table, 'sheets'> = { sheets: [sheet('2023', 4), sheet('Rettelser', 2)] }
    const result = parseValueRows(table, soenderborg)
    expect(result.problems).toEqual([{ row: 2, column: null, sheet: 'Rettelser', message: expect.stringContaining('står både i række 4 på arket "2023" og række 2') }])
  })

  it('refuses a percent in the count column', async () => {
    const result = parseValueRows(await csv('indikator;periode;antal\nbeboere-omfattet-af-fremskudt-jobcenter;2023;12 %\n'), soenderborg)
    expect(result.problems[0]).toMatchObject({ row: 2, column: 'C (antal)', message: expect.stringContaining('Procenter hører til i kolonnen andel') })
  })

  it('reads 100 000 rows (timing lives in bench/)', async () => {
    const combos = [
      ['Aktiveringsgrad blandt de ledige', '', 'andel'],
      ['Antal beboere omfattet af det fremskudte jobcenter (dog ikke dagpengemodtagere 26+ uger)', '', 'antal'],
      ['Andel offentligt forsørgede fuldtidspersoner', '18-29 år', 'andel'],
      ['Andel offentligt forsørgede fuldtidspersoner', '30-64 år', 'andel'],
    ] as const
    const lines = ['Udtræk fra Momentum', 'indikator;række;gruppe;periode;andel;antal']
    const day0 = Date.UTC(2000, 0, 1)
    for (let i = 0; i < 100_000; i++) {
      const [name, row, measure] = combos[i % 4] as (typeof combos)[number]
      const population = Math.floor(i / 4) % 2 === 0 ? 'område' : 'kommune'
      const date = new Date(day0 + Math.floor(i / 8) * 86_400_000).toISOString().slice(0, 10)
      const danishDate = `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`
      lines.push(`${name};${row};${population};${danishDate};${measure === 'andel' ? '19,14' : ''};${measure === 'antal' ? '1.736' : ''}`)
    }
    const table = await readTable(Buffer.from(lines.join('\r\n'), 'utf8'), 'stor.csv')
    const result = parseValueRows(table, soenderborg)
    expect(result.problems).toEqual([])
    expect(result.values).toHaveLength(100_000)
    expect(result.values[99_999]).toMatchObject({ row: 100_002, rowKey: '30-64-aar', population: 'comparison', period: '2034-03-22', share: 19.14 })
  })
})
