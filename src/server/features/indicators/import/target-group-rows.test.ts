import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { FIXTURE_DIR } from '../../../../../tests/fixtures/imports/make-fixtures.ts'
import { readSeedAgreement } from '../../agreements/seed-files.ts'
import { readTable } from '../../imports/read-table.ts'
import { parseTargetGroupRows, readTargetGroupCode } from './target-group-rows.ts'

const FIXTURE = 'soenderborg-maalgrupper-2021-03-01.csv'
const csv = (text: string) => readTable(Buffer.from(text, 'utf8'), 'maalgrupper.csv')

describe('parseTargetGroupRows', () => {
  it('reads the Sønderborg table of 01.03.2021: the counts per department agree with the agreement', async () => {
    const result = parseTargetGroupRows(await readTable(fs.readFileSync(path.join(FIXTURE_DIR, FIXTURE)), FIXTURE))
    expect(result.problems).toEqual([])
    expect(result.rows).toHaveLength(28)
    expect(result.rows[0]).toEqual({ date: '2021-03-01', code: '6.1', label: 'Dagpengemodtagere med ledighed over 26 uger', department: '22', count: 7, row: 3, sheet: null })
    expect(result.rows.slice(0, 4).map((r) => r.count)).toEqual([7, 11, 7, 7])

    // Every count matches the snapshot transcribed in the seed, label for label.
    const snapshot = readSeedAgreement('soenderborg-beskaeftigelse').file.agreement.targetGroupSnapshots[0]
    if (!snapshot) throw new Error('the Sønderborg seed has no target-group snapshot')
    for (const seedRow of snapshot.rows) {
      const imported = result.rows.filter((r) => r.code === seedRow.code)
      expect(imported.map((r) => r.label)).toEqual(Array(4).fill(seedRow.label))
      expect(snapshot.departments.map((d) => imported.find((r) => r.department === d)?.count)).toEqual(seedRow.counts)
    }
    // The totals rows ("Hovedtotal") are left out, and the counts add up to them.
    const perDepartment = ['22', '24', '30', '35'].map((d) => result.rows.filter((r) => r.department === d).reduce((sum, r) => sum + r.count, 0))
    expect(perDepartment).toEqual([67, 67, 68, 63])
    expect(perDepartment.reduce((a, b) => a + b, 0)).toBe(265)
    expect(new Set(result.rows.map((r) => r.date))).toEqual(new Set(['2021-03-01']))
  })

  it('reports every problem at its row and column', async () => {
    const table = await csv(
      [
        'dato;kode;betegnelse;afdeling;antal',
        '01.03.2021;6.1;Dagpengemodtagere;22;7',
        ';6.2;Jobparat kontanthjælpsmodtager;22;12',
        'marts 2021;6.3;Aktivitetsparat kontanthjælpsmodtager;22;14',
        '01.03.2021;7.1;Noget andet;22;3',
        '01.03.2021;2021-01-06;Excel lavede koden om;22;3',
        '01.03.2021;6.4;Uddannelsesparat;22;-2',
        '01.03.2021;6.5;Aktivitetsparat uddannelseshjælp;22;mange',
        '01.03.2021;6.1;Dagpengemodtagere;22;8',
        '01.03.2021;INT-SHP;;22;8',
        '01.03.2021;;Aktivitetsparat;22;8',
        '01.03.2021;6.8;Rehabilitent;22;',
      ].join('\n'),
    )
    const result = parseTargetGroupRows(table)
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'A (dato)'],
      [4, 'A (dato)'],
      [5, 'B (kode)'],
      [6, 'B (kode)'],
      [7, 'E (antal)'],
      [8, 'E (antal)'],
      [9, null],
      [10, 'C (betegnelse)'],
      [11, 'B (kode)'],
      [12, 'E (antal)'],
    ])
    const messages = result.problems.map((p) => p.message)
    expect(messages[0]).toBe('Datoen mangler. Skriv den dag, tallene er opgjort, fx 01.03.2021.')
    expect(messages[1]).toBe('Datoen "marts 2021" er ikke en bestemt dag. Skriv den dag, tallene er opgjort, fx 01.03.2021 eller 1. marts 2021.')
    expect(messages[2]).toBe('Koden "7.1" ligner ikke en målgruppekode. Skriv § 6-koden som 6.1, 6.2 … 6.8, eller en integrationskode som INT-SHP eller INT-SP.')
    expect(messages[3]).toContain('Excel har måske lavet koden om til en dato')
    expect(messages[4]).toBe('Antallet -2 er negativt. Et antal kan ikke være under 0.')
    expect(messages[5]).toContain('Antallet "mange" er ikke et tal')
    expect(messages[6]).toBe('Samme dato, kode og afdeling (2021-03-01, 6.1, afdeling 22) står både i række 2 og række 9. Slet den ene.')
    expect(messages[7]).toContain('Betegnelsen mangler')
    expect(messages[8]).toContain('Koden mangler')
    expect(messages[9]).toContain('Antallet mangler')
    expect(result.rows.map((r) => r.row)).toEqual([2])
  })

  it('reads an Excel sheet: date cells, codes and departments typed as numbers, area-wide counts', async () => {
    const workbook = new ExcelJS.Workbook()
    const ws = workbook.addWorksheet('Målgrupper')
    ws.getCell('A1').value = 'Målgrupper, unge under 30 år'
    ws.getRow(2).values = ['Opgørelsesdato', 'Målgruppekode', 'Målgruppe', 'Afd.', 'Antal ledige']
    ws.getRow(3).values = [new Date(Date.UTC(2021, 5, 2)), 6.1, '  Dagpengemodtagere  ', 22, 4]
    ws.getRow(3).getCell(1).numFmt = 'dd-mm-yyyy'
    ws.getRow(4).values = ['2. juni 2021', '§ 6,3', 'Aktivitetsparat', null, 9]
    ws.getRow(5).values = ['02.06.2021', 'int-sp', 'Selvforsørgelses- og hjemrejseydelsesmodtager', 'Afd. 35', '1']
    ws.getRow(6).values = [44349, '6.8', 'Rehabilitent', null, 2]
    ws.getRow(7).values = [null, null, 'I alt', null, 16]
    const result = parseTargetGroupRows(await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'maalgrupper.xlsx'))
    expect(result.problems).toEqual([])
    expect(result.rows).toEqual([
      { date: '2021-06-02', code: '6.1', label: 'Dagpengemodtagere', department: '22', count: 4, row: 3, sheet: 'Målgrupper' },
      { date: '2021-06-02', code: '6.3', label: 'Aktivitetsparat', department: null, count: 9, row: 4, sheet: 'Målgrupper' },
      { date: '2021-06-02', code: 'INT-SP', label: 'Selvforsørgelses- og hjemrejseydelsesmodtager', department: '35', count: 1, row: 5, sheet: 'Målgrupper' },
      // An Excel date that lost its format (44349 is 2 June 2021).
      { date: '2021-06-02', code: '6.8', label: 'Rehabilitent', department: null, count: 2, row: 6, sheet: 'Målgrupper' },
    ])
  })

  it('says so when there are headers and no counts', async () => {
    const result = parseTargetGroupRows(await csv('dato;kode;betegnelse;antal\n;;Hovedtotal;0\n'))
    expect(result.problems).toEqual([{ row: 1, column: null, sheet: null, message: 'Der er ingen rækker med tal under overskrifterne.' }])
  })

  it('says which headers are missing', async () => {
    const result = parseTargetGroupRows(await csv('dato;kode;afdeling\n01.03.2021;6.1;22\n'))
    expect(result.problems).toEqual([{ row: 1, column: null, sheet: null, message: expect.stringMatching(/^Overskriftsrækken mangler kolonnerne betegnelse og antal\. /) }])
  })
})

describe('readTargetGroupCode', () => {
  it.each([
    ['6.1', '6.1'],
    [' 6.8 ', '6.8'],
    ['6,3', '6.3'],
    ['§ 6.2', '6.2'],
    ['§6.12', '6.12'],
    ['INT-SHP', 'INT-SHP'],
    ['int-sp', 'INT-SP'],
  ])('reads %j as %j', (text, code) => {
    expect(readTargetGroupCode(text)).toBe(code)
  })

  it('reads a code Excel stored as a number', () => {
    expect(readTargetGroupCode(6.1)).toBe('6.1')
  })

  it.each(['', '7.1', '6', '6.', '61', 'INT', 'INT-', 'SHP', '2021-01-06', 'Dagpenge'])('refuses %j', (text) => {
    expect(readTargetGroupCode(text)).toBeNull()
  })
})
