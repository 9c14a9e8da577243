import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { FIXTURE_DIR, fixtureFiles } from '../../../../tests/fixtures/imports/make-fixtures.ts'
import { columnLetter, ImportFileError, isPercentFormat, readTable, type Table } from './read-table.ts'

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURE_DIR, name))
const texts = (table: Table, sheet = 0) => table.sheets[sheet]?.rows.map((r) => r.cells) ?? []

/** The ImportFileError a read ends with, or a failure when it does not throw one. */
async function refusal(bytes: Buffer, fileName: string, options?: { stallTimeoutMs?: number; expectedHeaders?: string[] }): Promise<ImportFileError> {
  try {
    await readTable(bytes, fileName, options)
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError)
    return error as ImportFileError
  }
  throw new Error('expected readTable to refuse the file')
}

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  build(workbook)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

describe('readTable: CSV', () => {
  it('reads a file longer than its first lines as a stream, in pieces of any size, to the rows it reads at once', async () => {
    const lines = ['Udtræk, 1. kvartal 2023', 'indikator;periode;antal', ...Array.from({ length: 300 }, (_, i) => `Beskæftigede i alt;${2000 + (i % 20)};"${i}\r\nlinje"`)]
    const bytes = Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`)
    const atOnce = await readTable(bytes, 'udtraek.csv', { csvChunkBytes: bytes.length })
    expect(atOnce.sheets[0]?.rows).toHaveLength(302)
    // A record spanning two lines starts on its first: the last one begins on line 2 + 2 × 300 - 1.
    expect(atOnce.sheets[0]?.rows.at(-1)).toEqual({ cells: ['Beskæftigede i alt', '2019', '299\nlinje'], row: 601 })
    for (const csvChunkBytes of [1, 7, 4096]) expect(await readTable(bytes, 'udtraek.csv', { csvChunkBytes })).toEqual(atOnce)
  })

  it('stops a streamed file at the row limit, naming the row', async () => {
    const bytes = Buffer.from(['a;b', ...Array.from({ length: 500 }, (_, i) => `${i};x`)].join('\n'))
    const error = await readTable(bytes, 'stor.csv', { csvChunkBytes: 64, limits: { rows: 100 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportFileError)
    expect((error as ImportFileError).problems).toEqual([{ row: 101, column: null, sheet: null, message: expect.stringContaining('mere end 100 rækker') }])
  })

  it('has fixture files that match the texts in make-fixtures.ts', () => {
    for (const [name, bytes] of Object.entries(fixtureFiles)) expect(fixture(name).equals(bytes), name).toBe(true)
  })

  it('reads the Windows-1252 and the UTF-8-with-BOM extract to the same rows, Danish letters intact', async () => {
    const legacy = fixture('soenderborg-vaerdier.windows-1252.csv')
    // The fixture really is Windows-1252: ø is the single byte 0xF8, which is not valid UTF-8.
    expect(legacy.includes(0xf8)).toBe(true)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(legacy)).toThrow()

    const fromLegacy = await readTable(legacy, 'udtraek.csv')
    const fromBom = await readTable(fixture('soenderborg-vaerdier.utf8-bom.csv'), 'udtraek.csv')
    expect(fromLegacy.csv).toEqual({ encoding: 'windows-1252', delimiter: ';' })
    expect(fromBom.csv).toEqual({ encoding: 'utf-8-bom', delimiter: ';' })
    expect(fromBom.sheets).toEqual(fromLegacy.sheets)

    const all = JSON.stringify(fromLegacy.sheets)
    for (const word of ['Søstjernevej', 'Kløver-/Hvedemarken', 'æøå ÆØÅ', 'Beboerrådgivning', 'forsørgede', 'målgruppe']) expect(all).toContain(word)
    // The BOM does not end up in the first cell.
    expect(fromBom.sheets[0]?.rows[0]?.cells[0]).toBe('Udtræk fra Momentum, Jobcenter Sønderborg')
  })

  it('keeps each record whole and numbered by the line it starts on (quoted ;, line breaks and quotes)', async () => {
    const table = await readTable(fixture('soenderborg-vaerdier.utf8-bom.csv'), 'udtraek.csv')
    const rows = table.sheets[0]?.rows ?? []
    expect(table.format).toBe('csv')
    expect(table.sheets[0]?.name).toBeNull()
    // Line 3 (";;;;;;") and the empty lines at the end are not rows.
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17])
    // A title line with a comma and no ";" is one cell: the delimiter comes from the table below it.
    expect(rows[0]?.cells).toEqual(['Udtræk fra Momentum, Jobcenter Sønderborg'])
    expect(rows[2]?.cells).toEqual(['Indikator', 'Række', 'Gruppe', 'Periode', 'Andel (%)', 'Antal', 'Bemærkning'])
    const byLine = new Map(rows.map((r) => [r.row, r.cells]))
    expect(byLine.get(5)).toEqual(['Andel offentligt forsørgede fuldtidspersoner', '18-29 år', 'Område', '2019', '18,76', null, 'LBF Beboerdata'])
    // Empty cells at the end of a row are left off.
    expect(byLine.get(6)).toEqual(['Andel offentligt forsørgede fuldtidspersoner', '18-29 år', 'Kommune', '2019', '12,1'])
    expect(byLine.get(12)?.[6]).toBe('Stenbjergparken; Kløver-/Hvedemarken')
    // CRLF inside a quoted field becomes "\n"; the record starts on line 14 and the next one on 16.
    expect(byLine.get(14)?.[6]).toBe('Bemærkning over\nto linjer')
    expect(byLine.get(16)?.slice(4)).toEqual(['35,0', null, 'Tallet er "foreløbigt"'])
    expect(byLine.get(17)).toEqual(['Aktiveringsgrad blandt de ledige', null, 'Område', '02.06.2022', '36', '79'])
  })

  it('counts lines the same with LF, CRLF and old Mac CR line ends', async () => {
    const lines = ['a;b', '"x', 'y";2', '', 'z;3']
    for (const eol of ['\n', '\r\n', '\r']) {
      const table = await readTable(Buffer.from(lines.join(eol)), 't.csv')
      expect(table.sheets[0]?.rows.map((r) => [r.row, r.cells])).toEqual([
        [1, ['a', 'b']],
        [2, ['x\ny', '2']],
        [5, ['z', '3']],
      ])
    }
  })

  it('reads a file without quotes the same with LF, CRLF and CR line ends, at once and as a stream, up to the row limit', async () => {
    // Every tenth data line empty (not a row), and another of only delimiters (a row without cells).
    const data = Array.from({ length: 120 }, (_, i) => (i % 10 === 3 ? '' : i % 10 === 7 ? ';;' : `Beskæftigede i alt;${2000 + (i % 20)};${i}; `))
    const lines = ['Udtræk, 1. kvartal', '', 'indikator;periode;antal', ...data]
    const expected = [
      [1, ['Udtræk, 1. kvartal']],
      [3, ['indikator', 'periode', 'antal']],
      ...data.flatMap((line, i) => (line === '' || line === ';;' ? [] : [[i + 4, ['Beskæftigede i alt', String(2000 + (i % 20)), String(i)]]])),
    ]
    for (const eol of ['\n', '\r\n', '\r']) {
      for (const csvChunkBytes of [7, 1_000_000]) {
        const table = await readTable(iconv.encode(lines.join(eol) + eol, 'win1252'), 't.csv', { csvChunkBytes })
        expect(table.csv).toEqual({ encoding: 'windows-1252', delimiter: ';' })
        expect(table.sheets[0]?.rows.map((r) => [r.row, r.cells])).toEqual(expected)
        // 110 records that are not empty lines: title, header, 96 data lines and 12 of only delimiters.
        await expect(readTable(Buffer.from(lines.join(eol)), 't.csv', { csvChunkBytes, limits: { rows: 110 } })).resolves.toBeDefined()
        const error = await readTable(Buffer.from(lines.join(eol)), 't.csv', { csvChunkBytes, limits: { rows: 109 } }).catch((e: unknown) => e)
        expect((error as ImportFileError).problems).toEqual([{ row: 123, column: null, sheet: null, message: expect.stringContaining('mere end 109 rækker') }])
      }
    }
  })

  it('finds the delimiter: ";" in a Danish file with decimal commas, "," and TAB in others', async () => {
    const danish = await readTable(Buffer.from('indikator;periode;andel\nA;2023;19,14\nB;2023;20,5\n'), 'a.csv')
    expect(danish.csv?.delimiter).toBe(';')
    expect(texts(danish)[1]).toEqual(['A', '2023', '19,14'])

    const english = await readTable(Buffer.from('indikator,periode,andel\nA,2023,19.14\n"B, C",2023,"20,5"\n'), 'a.csv')
    expect(english.csv?.delimiter).toBe(',')
    expect(texts(english)[2]).toEqual(['B, C', '2023', '20,5'])

    const tabs = await readTable(Buffer.from('indikator\tperiode\tandel\nA;B\t2023\t19,14\n'), 'a.txt')
    expect(tabs.csv?.delimiter).toBe('\t')
    expect(texts(tabs)[1]).toEqual(['A;B', '2023', '19,14'])

    const oneColumn = await readTable(Buffer.from('indikator\nA\n'), 'a.csv')
    expect(oneColumn.csv?.delimiter).toBe(';')
  })

  it('settles a one-line file that splits on both ";" and "," by the column names the import expects, or refuses naming both', async () => {
    const companyHeaders = ['cvr-nummer', 'navn', 'adresse', 'by']
    // Split on "," it would be the columns "CVR-nummer;Navn" and " ejer": neither a known name.
    const semicolon = await readTable(Buffer.from('CVR-nummer;Navn, ejer\n'), 'a.csv', { expectedHeaders: companyHeaders })
    expect(semicolon.csv?.delimiter).toBe(';')
    expect(texts(semicolon)).toEqual([['CVR-nummer', 'Navn, ejer']])

    // The wider split is not what decides: three columns on ",", but only ";" gives a known name.
    const valueHeaders = ['indikator', 'periode', 'andel']
    const narrower = await readTable(Buffer.from('Indikator;Note, første, anden\n'), 'a.csv', { expectedHeaders: valueHeaders })
    expect(narrower.csv?.delimiter).toBe(';')
    expect(texts(narrower)).toEqual([['Indikator', 'Note, første, anden']])
    // And the other way round: the commas separate the value import's columns.
    const comma = await readTable(Buffer.from('Indikator,Periode,Andel (%;afrundet)\n'), 'a.csv', { expectedHeaders: valueHeaders })
    expect(comma.csv?.delimiter).toBe(',')
    expect(texts(comma)).toEqual([['Indikator', 'Periode', 'Andel (%;afrundet)']])

    // Without names to go by, the file is refused rather than read wrongly in silence.
    const unsure = await refusal(Buffer.from('Navn, fornavn;Adresse, vej og nummer\n'), 'a.csv')
    expect(unsure.problems[0]?.message).toContain('adskilt af semikolon (;) eller komma (,)')
    const alike = await refusal(Buffer.from('navn;by,x\nA;B,C\n'), 'a.csv')
    expect(alike.problems[0]?.message).toContain('Gem filen igen med semikolon (;)')

    // A wider even split over several lines still wins, as before: a title line with a comma above a ";" table.
    const titled = await readTable(Buffer.from('Udtræk, 1. kvartal 2023\nindikator;periode;andel\nA;2023;19,14\nB;2023;20\n'), 'a.csv')
    expect(titled.csv?.delimiter).toBe(';')
  })

  it('reads plain UTF-8 without BOM, and UTF-16 as Excel saves "Unicode-tekst"', async () => {
    const plain = await readTable(Buffer.from('navn;by\nSøren;Sønderborg\n', 'utf8'), 'a.csv')
    expect(plain.csv?.encoding).toBe('utf-8')
    expect(texts(plain)[1]).toEqual(['Søren', 'Sønderborg'])

    const utf16 = await readTable(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('navn\tby\r\nSøren\tSønderborg\r\n', 'utf16le')]), 'a.txt')
    expect(utf16.csv).toEqual({ encoding: 'utf-16le', delimiter: '\t' })
    expect(texts(utf16)[1]).toEqual(['Søren', 'Sønderborg'])
  })

  it('keeps a stray quote inside an unquoted field as text', async () => {
    const table = await readTable(Buffer.from('a;b\n5" skærm;2\n'), 'a.csv')
    expect(texts(table)[1]).toEqual(['5" skærm', '2'])
  })

  it('refuses a quote that is never closed, at the line where its record starts', async () => {
    const error = await refusal(Buffer.from('a;b\nx;1\n\n"y;2\nz;3\n'), 'a.csv')
    expect(error.problems).toEqual([{ row: 4, column: null, sheet: null, message: expect.stringContaining('række 4') }])
    expect(error.problems[0]?.message).toContain('anførselstegn')
    expect(error.code).toBe('validation')
  })

  it('reads a file without quotes, lines counted without on_record, to the rows csv-parse with on_record reads from it', async () => {
    // A quoted last line makes the same text go through csv-parse with on_record and its line
    // numbers; its rows before that line must match. Texts of more than SNIFF_LINES lines are also
    // read as a stream, the shorter ones at once.
    const unit = fc.constantFrom('a', 'Æ', 'ø', ' ', '\u00a0', '\t', ';', ',', '1', '-', '\n', '\r\n', '\r')
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 400 }), fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252'), fc.integer({ min: 1, max: 32 }), async (text, encoding, csvChunkBytes) => {
        // Some cell with content, or the file is refused as empty without the quoted line and read with it.
        fc.pre(/[aÆø1-]/.test(text))
        const encode = (t: string) => (encoding === 'windows-1252' ? iconv.encode(t, 'win1252') : Buffer.from(encoding === 'utf-8-bom' ? `\ufeff${t}` : t))
        const read = (t: string) => readTable(encode(t), 'fil.csv', { csvChunkBytes }).then((table) => table, (error: unknown) => (error instanceof ImportFileError ? error.problems : error))
        const plain = await read(text)
        const parsed = await read(`${text}\n"q"`)
        if (Array.isArray(plain)) expect(parsed).toEqual(plain)
        else {
          expect((parsed as Table).sheets[0]?.rows.at(-1)?.cells).toEqual(['q'])
          expect({ ...(parsed as Table), sheets: [{ name: null, rows: (parsed as Table).sheets[0]?.rows.slice(0, -1) }] }).toEqual(plain)
        }
      }),
      { numRuns: 1_000 },
    )
  })

  it('reads 100 000 rows (timing lives in bench/)', async () => {
    const lines = ['Udtræk', 'indikator;række;gruppe;periode;andel;antal']
    for (let i = 0; i < 100_000; i++) lines.push(`Aktiveringsgrad blandt de ledige;alle;område;${(i % 28) + 1}.03.2021;"19,14";${i}`)
    const table = await readTable(Buffer.from(lines.join('\r\n')), 'stor.csv')
    const rows = table.sheets[0]?.rows ?? []
    expect(rows).toHaveLength(100_002)
    expect(rows[100_001]).toEqual({ row: 100_002, cells: ['Aktiveringsgrad blandt de ledige', 'alle', 'område', '12.03.2021', '19,14', '99999'] })
  })
})

describe('readTable: files it cannot read', () => {
  it('refuses an empty file, and one with only a BOM and blank lines', async () => {
    expect((await refusal(Buffer.alloc(0), 'tom.csv')).problems[0]?.message).toBe('Filen er tom.')
    expect((await refusal(Buffer.from('\ufeff\r\n ;; \r\n\r\n'), 'tom.csv')).problems[0]?.message).toBe('Filen er tom.')
  })

  it('refuses the old Excel format (.xls) and says to save as .xlsx or .csv', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024), Buffer.from('Workbook', 'utf16le')])
    const message = (await refusal(ole, 'udtraek.xls')).problems[0]?.message
    expect(message).toContain('.xls')
    expect(message).toContain('Gem filen som .xlsx eller .csv')
  })

  it('refuses a password-protected workbook and says how to remove the password', async () => {
    // Excel wraps an encrypted .xlsx in an OLE2 container with these two streams.
    const encrypted = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(1024),
      Buffer.from('EncryptionInfo', 'utf16le'),
      Buffer.alloc(64),
      Buffer.from('EncryptedPackage', 'utf16le'),
    ])
    const message = (await refusal(encrypted, 'udtraek.xlsx')).problems[0]?.message
    expect(message).toContain('adgangskode')
    expect(message).toContain('.xlsx')
  })

  it('refuses a PDF, a binary file, a web page and zip files that are not workbooks', async () => {
    expect((await refusal(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'aftale.pdf')).problems[0]?.message).toContain('PDF')
    expect((await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'billede.png')).problems[0]?.message).toContain('hverken en .xlsx- eller en .csv-fil')
    expect((await refusal(Buffer.from('<!DOCTYPE html><html><table><tr><td>1</td></tr></table></html>'), 'udtraek.xls')).problems[0]?.message).toContain('webside')

    const docx = new JSZip()
    docx.file('[Content_Types].xml', '<Types/>')
    docx.file('word/document.xml', '<document/>')
    expect((await refusal(await docx.generateAsync({ type: 'nodebuffer' }), 'notat.docx')).problems[0]?.message).toContain('ikke et regneark')

    const ods = new JSZip()
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
    ods.file('content.xml', '<office:document-content/>')
    expect((await refusal(await ods.generateAsync({ type: 'nodebuffer' }), 'tal.ods')).problems[0]?.message).toContain('.ods')
  })

  it('refuses a cut-off or damaged workbook instead of hanging', async () => {
    const good = await xlsx((wb) => {
      const ws = wb.addWorksheet('Data')
      for (let i = 0; i < 2000; i++) ws.addRow([`række ${i}`, i])
    })
    const cut = await refusal(good.subarray(0, Math.floor(good.length / 2)), 'udtraek.xlsx')
    expect(cut.problems[0]?.message).toContain('beskadiget')

    // Garbage inside a compressed part: exceljs's reader waits forever; the watchdog gives up.
    const damaged = Buffer.from(good)
    damaged.fill(0x41, 2000, 2200)
    const error = await refusal(damaged, 'udtraek.xlsx', { stallTimeoutMs: 300 })
    expect(error.problems[0]?.message).toContain('beskadiget')
  })

  it('refuses a workbook with no filled-in cells', async () => {
    const empty = await xlsx((wb) => void wb.addWorksheet('Ark1'))
    expect((await refusal(empty, 'tom.xlsx')).problems[0]?.message).toContain('tom')
  })
})

describe('readTable: XLSX', () => {
  it('reads every sheet in tab order, with cell values as numbers, texts and ISO dates', async () => {
    const bytes = await xlsx((wb) => {
      const notes = wb.addWorksheet('Noter')
      notes.getCell('A1').value = 'Kilde: Momentum'

      const ws = wb.addWorksheet('Værdier')
      ws.getCell('A1').value = 'Udtræk for Søstjernevej og Kløver-/Hvedemarken'
      ws.mergeCells('A1:F1')
      ws.addRow([])
      ws.getRow(3).values = ['indikator', 'række', 'gruppe', 'periode', 'andel', 'antal']
      const r4 = ws.getRow(4)
      r4.values = ['Aktiveringsgrad blandt de ledige', null, 'område', new Date(Date.UTC(2021, 5, 2)), 0.1914, 233]
      r4.getCell(4).numFmt = 'dd-mm-yyyy'
      r4.getCell(5).numFmt = '0.00%'
      const r5 = ws.getRow(5)
      r5.getCell(1).value = { richText: [{ text: 'Aktiverings', font: { bold: true } }, { text: 'grad blandt de ledige' }] }
      r5.getCell(3).value = { text: 'kommune', hyperlink: 'https://www.jobindsats.dk' }
      r5.getCell(4).value = 2023
      r5.getCell(5).value = { formula: '0.3+0.03', result: 0.33 }
      r5.getCell(5).numFmt = '0%'
      r5.getCell(6).value = { formula: 'DATE(2021,3,1)', result: new Date(Date.UTC(2021, 2, 1)) }
      r5.getCell(6).numFmt = 'd. mmmm yyyy'
      // Row 6 only has formatting: not a row. Row 8 has a boolean and an error value.
      ws.getRow(6).getCell(1).numFmt = '0.00'
      ws.getRow(8).getCell(2).value = true
      ws.getRow(8).getCell(3).value = { error: '#N/A' }
    })
    const table = await readTable(bytes, 'udtraek.xlsx')
    expect(table.format).toBe('xlsx')
    expect(table.csv).toBeUndefined()
    expect(table.sheets.map((s) => s.name)).toEqual(['Noter', 'Værdier'])
    expect(table.sheets[0]?.rows).toEqual([{ row: 1, cells: ['Kilde: Momentum'] }])
    expect(table.sheets[1]?.rows).toEqual([
      // The merged title is read once, in its top-left cell.
      { row: 1, cells: ['Udtræk for Søstjernevej og Kløver-/Hvedemarken'] },
      { row: 3, cells: ['indikator', 'række', 'gruppe', 'periode', 'andel', 'antal'] },
      { row: 4, cells: ['Aktiveringsgrad blandt de ledige', null, 'område', '2021-06-02', 0.1914, 233], percentCells: [4] },
      { row: 5, cells: ['Aktiveringsgrad blandt de ledige', null, 'kommune', 2023, 0.33, '2021-03-01'], percentCells: [4] },
      { row: 8, cells: [null, 'SAND', '#N/A'] },
    ])
  })
})

describe('readTable: XLSX archives in another order', () => {
  it('reads a workbook whose workbook part comes after its sheets in the archive', async () => {
    const original = await xlsx((wb) => {
      const ws = wb.addWorksheet('Værdier')
      ws.addRow(['indikator', 'periode', 'andel'])
      ws.addRow(['Aktiveringsgrad blandt de ledige', '2023-Q2', 32.5])
    })
    // The same parts with the workbook part last: relationships and shared strings first, then the
    // sheets. A valid file, and an order exceljs's own writer sometimes produces under load.
    const zip = await JSZip.loadAsync(original)
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)
    const sheet = (n: string) => n.startsWith('xl/worksheets/')
    const workbookLast = [...names.filter((n) => !sheet(n) && n !== 'xl/workbook.xml'), ...names.filter(sheet), 'xl/workbook.xml']
    const reordered = new JSZip()
    for (const name of workbookLast) reordered.file(name, await zip.files[name]!.async('uint8array'), { createFolders: false })
    const bytes = await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    const order = Object.values((await JSZip.loadAsync(bytes)).files).map((f) => f.name)
    expect(order.indexOf('xl/workbook.xml')).toBeGreaterThan(order.indexOf('xl/worksheets/sheet1.xml'))
    expect(order.indexOf('xl/sharedStrings.xml')).toBeLessThan(order.indexOf('xl/worksheets/sheet1.xml'))
    const table = await readTable(bytes, 'udtraek.xlsx')
    expect(table.sheets).toEqual([
      {
        name: 'Værdier',
        rows: [
          { row: 1, cells: ['indikator', 'periode', 'andel'] },
          { row: 2, cells: ['Aktiveringsgrad blandt de ledige', '2023-Q2', 32.5] },
        ],
      },
    ])
  })
})

describe('helpers', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('knows a percent format from a literal % sign', () => {
    for (const f of ['0%', '0.00%', '#,##0.0 %', '[Red]0.0%']) expect(isPercentFormat(f), f).toBe(true)
    for (const f of [undefined, 'General', '0.00', '0.0" %"', '0.0\\%', 'dd-mm-yyyy']) expect(isPercentFormat(f), String(f)).toBe(false)
  })
})
