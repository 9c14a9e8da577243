import assert from 'node:assert/strict'
import { isUtf8 } from 'node:buffer'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportProblem } from '../../../shared/imports.ts'
import { RAW_VALIDATOR_WORDING } from '../../../shared/lib/zod-locale.ts'
import { AppError } from '../../lib/errors.ts'
import { parseAgreementFile, toJson, toYaml } from '../agreements/agreement-file.ts'
import { readSeedAgreement } from '../agreements/seed-files.ts'
import { parseCompanyRows } from '../companies/company-rows.ts'
import { applyBeboerdataMapping, detectBeboerdataTable } from '../indicators/import/beboerdata.ts'
import { parseTargetGroupRows, targetGroupColumnNames } from '../indicators/import/target-group-rows.ts'
import { parseValueRows, valueColumnNames } from '../indicators/import/value-rows.ts'
import { readCalendarExport, readTimeSheet, type StaffLookup } from '../staff-time/staff-time-import.ts'
import { type Cell, columnLetter, ImportFileError, readTable, type Table, type TableRow, type TableSheet } from './read-table.ts'
import { companyColumnNames } from '../companies/company-rows.ts'

// A fuzz suite over every importer (issue 13): generated tables and files, well-formed and not,
// thrown at the pure readers in this process. For each reader it asserts what a user relies on:
// it never fails with anything but a Danish refusal (AppError) or a list of problems; every problem
// about a row names that row (one of the file's) and the column; and a valid file is read back as
// it was written. FUZZ_RUNS raises (or lowers) the number of inputs per property; FUZZ_SEED repeats
// a run. Both are printed.

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647)
/** Each property may take as long as its count needs; the suite's time is printed. */
const TIMEOUT = 60 * 60_000
const params = (numRuns = RUNS) => ({ numRuns, seed: SEED })
const started = Date.now()
const counts: Record<string, number> = {}
const counted = (name: string, n = RUNS) => {
  counts[name] = (counts[name] ?? 0) + n
}

afterAll(() => {
  console.log(`importer fuzz: seed ${SEED}, ${JSON.stringify(counts)} inputs, ${((Date.now() - started) / 1000).toFixed(1)} s`)
})

const varde = readSeedAgreement('varde-beskaeftigelse').file.agreement

// ---------------------------------------------------------------------------------------------
// What every answer must look like

/** A message without the texts it quotes from the file (a cell may hold anything, "<= 5" too). */
const ownWords = (message: string) => message.replace(/"(?:[^"\\]|\\.)*"|»[^«]*«/g, '""')

/** Words a message shows only when something leaked through unformatted. */
const LEAKS = /undefined|NaN|\[object|Infinity|TypeError|ReferenceError|at \w+ \(|expected|Invalid input/

/** The rows of a table, for checking that a problem names a row the file has. */
const rowNumbers = (table: Pick<Table, 'sheets'>) => new Set(table.sheets.flatMap((s) => s.rows.map((r) => r.row)))

/**
 * Problems about a row as a whole rather than one of its cells: a header row that lacks columns, a row
 * that repeats an earlier one, a table without numbers. They name the row; every other problem on a
 * row also names its column.
 */
const WHOLE_ROW = /^(Overskriftsrækken mangler|Samme |Der er ingen (rækker|virksomheder)|De valgte rækker har ingen tal|Fandt ingen kolonne med rækkernes tekst|Arket )/

/** A problem a user can find: a row of the file (or 0 for the file as a whole), and a column when about a cell. */
function expectLocated(problems: ImportProblem[], rows: ReadonlySet<number>, options: { cells?: boolean } = {}): void {
  for (const p of problems) {
    check(Number.isInteger(p.row) && p.row >= 0, 'a row number', p)
    if (p.row > 0) {
      check(rows.has(p.row), 'a row that is in the file', p)
      if (options.cells !== false && !WHOLE_ROW.test(p.message)) check(typeof p.column === 'string' && /^[A-Z]+( \(.*\))?$/s.test(p.column), 'a column', p)
    }
    check(p.message.trim().length > 0, 'a message', p)
    check(!LEAKS.test(ownWords(p.message)) && !RAW_VALIDATOR_WORDING.test(ownWords(p.message)), 'a message in plain Danish', p)
  }
}

/** An assertion for the inner loops: vitest's expect costs more than the readers it would check. */
function check(condition: boolean, what: string, subject: unknown): void {
  if (!condition) throw new Error(`expected ${what}: ${JSON.stringify(subject)}`)
}

/** Runs a reader: it answers, or refuses with an ImportFileError (an AppError) whose problems are located. */
function answerOrRefusal<T>(read: () => T, rows: ReadonlySet<number>): T | null {
  try {
    return read()
  } catch (error) {
    check(error instanceof AppError && error instanceof ImportFileError, 'a refusal (ImportFileError, an AppError)', String(error))
    expectLocated((error as ImportFileError).problems, rows, { cells: false })
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// Generated cells and tables

/** Text a cell may hold: Danish letters, digits, the delimiters, quotes, line breaks, and a few more. */
const CHARS = [...'abcdeæøåÆØÅ ABZ0123456789;,\t"\n\'%.-/:()[]^*§+', '\u00a0', 'é', 'ü']
const cellString = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 })

/** Cells a reader may meet: the header words it looks for, Danish numbers, dates, codes and noise. */
function cellArb(words: readonly Cell[]): fc.Arbitrary<Cell> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...words) },
    { weight: 2, arbitrary: cellString },
    { weight: 2, arbitrary: fc.constantFrom('1.736', '19,14', '19.14', '-3', '0', '2023', '2. kvt. 2023', '2023-Q2', '01.03.2021', '2021-03-01', '6.1', '§ 6,1', 'INT-SHP', 'uge 27 2025', '2025-W27', '7,5', '45', 'x', '.', 'ja', 'nej', '250+', '10-49', '20165715', '12345678', 'Hovedtotal', 'I alt') },
    { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })) },
    { weight: 2, arbitrary: fc.constant(null) },
  )
}

/** Sheets of rows numbered as a file numbers them (increasing, gaps where empty rows were). */
function tableArb(words: readonly Cell[], options: { named?: boolean } = {}): fc.Arbitrary<Table> {
  const row = fc.array(cellArb(words), { maxLength: 9 })
  const sheet = fc.record({
    name: options.named ? fc.constantFrom('Ark1', 'Data', 'Tabel 14', 'Noter') : fc.constant(null),
    rows: fc.array(fc.tuple(row, fc.integer({ min: 1, max: 3 })), { maxLength: 10 }),
  })
  return fc.array(sheet, { minLength: 1, maxLength: options.named ? 3 : 1 }).map((sheets) => ({
    format: options.named ? ('xlsx' as const) : ('csv' as const),
    sheets: sheets.map((s): TableSheet => {
      let number = 0
      return { name: s.name, rows: s.rows.map(([cells, gap]): TableRow => ({ cells, row: (number += gap) })).filter((r) => r.cells.some((c) => c !== null)) }
    }),
  }))
}

/** A table with one sheet: the header, then the rows, in a shuffled column order with extra columns. */
function sheetOf(header: string[], rows: Cell[][], order: number[], extra: number): Table {
  const place = (cells: Cell[], fill: Cell) => [...order.map((i) => cells[i] ?? null), ...Array.from({ length: extra }, () => fill)]
  const all = [place(header, 'Bemærkning'), ...rows.map((r) => place(r, null))]
  return { format: 'csv', sheets: [{ name: null, rows: all.map((cells, i) => ({ cells, row: i + 1 })).filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== '')) }] }
}

const orderOf = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })
/** A number as a Danish spreadsheet writes it: "1.736", "19,14" (Intl is too slow for ten thousand files). */
function danish(n: number, decimals = 0): string {
  const [whole, fraction] = n.toFixed(decimals).split('.') as [string, string | undefined]
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${fraction ? `,${fraction}` : ''}`
}
const headerWords = (names: Record<string, readonly string[]>) => Object.values(names).flat()

// ---------------------------------------------------------------------------------------------
// The table reader (CSV): any bytes

/** A CSV field as a writer would put it: quoted when it holds a delimiter, quote or line break. */
const field = (text: string) => (/[;,\t"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

describe('fuzz: readTable (CSV)', () => {
  it('refuses any bytes with a Danish AppError, or reads rows that are the file\'s own lines', async () => {
    counted('readTable: any bytes')
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...CHARS, '\r', '\u0000', '<html>', '<?xml', '"', '""'), maxLength: 120 }).map((s) => Buffer.from(s)),
      fc.string({ unit: 'binary', maxLength: 80 }).map((s) => Buffer.from(s, 'utf16le')),
    )
    await fc.assert(
      fc.asyncProperty(bytes, fc.option(fc.integer({ min: 1, max: 16 })), async (data, chunkBytes) => {
        const buffer = Buffer.from(data)
        const lines = buffer.toString('latin1').split(/\r\n?|\n/).length
        const all = new Set(Array.from({ length: lines + 1 }, (_, i) => i + 1))
        try {
          const table = await readTable(buffer, 'fil.csv', chunkBytes === null ? {} : { csvChunkBytes: chunkBytes })
          for (const sheet of table.sheets) for (const r of sheet.rows) check(Number.isInteger(r.row) && r.row >= 1 && r.cells.some((c) => c !== null), 'a numbered row with content', r)
        } catch (error) {
          check(error instanceof ImportFileError, 'a refusal (ImportFileError)', String(error))
          // The file as a whole, or the line it cannot be read from.
          expectLocated((error as ImportFileError).problems, all, { cells: false })
        }
      }),
      params(),
    )
  }, TIMEOUT)

  it('reads a valid CSV back as written, in any encoding, delimiter and line end, each row numbered by its first line', async () => {
    counted('readTable: valid CSV')
    // A file holds its own delimiter inside fields (quoted), not the other two: with both, a one-line
    // file is ambiguous (';a",b' splits as well on either).
    const csv = fc.constantFrom(';', ',', '\t').chain((delimiter) => {
      const unit = fc.constantFrom(...CHARS.filter((c) => c === delimiter || !';,\t'.includes(c)))
      return fc.record({
        width: fc.integer({ min: 2, max: 6 }),
        rows: fc.array(fc.array(fc.string({ unit, maxLength: 12 }), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 70 }),
        delimiter: fc.constant(delimiter),
        newline: fc.constantFrom('\n', '\r\n'),
        encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'),
        // Pieces the text is decoded and parsed in: small ones split letters, line ends and fields.
        chunkBytes: fc.integer({ min: 1, max: 64 }),
      })
    })
    await fc.assert(
      fc.asyncProperty(csv, async ({ width, rows, delimiter, newline, encoding, chunkBytes }) => {
        const cells = rows.map((r) => r.slice(0, width))
        fc.pre(cells.some((r) => r.some((c) => c.trim() !== '')))
        // Rows start at line 1 and each takes as many lines as its line breaks.
        let line = 1
        const expected: TableRow[] = []
        for (const r of cells) {
          const written: Cell[] = r.map((c) => (c.trim() === '' ? null : c))
          while (written.length > 0 && written[written.length - 1] === null) written.pop()
          if (written.length > 0) expected.push({ cells: written, row: line })
          line += 1 + r.join('').split('\n').length - 1
        }
        const text = cells.map((r) => r.map(field).join(delimiter).replace(/\n/g, newline)).join(newline) + newline
        const bytes =
          encoding === 'utf-8'
            ? Buffer.from(text)
            : encoding === 'utf-8-bom'
              ? Buffer.from(`\ufeff${text}`)
              : encoding === 'utf-16le'
                ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])
                : iconv.encode(text, 'win1252')
        // Windows-1252 bytes that also make valid UTF-8 ("Æ§" is C6 A7, which is "Ƨ" in UTF-8) are
        // read as UTF-8, as every reader would: only a file the rule can tell apart is asked back.
        fc.pre(encoding !== 'windows-1252' || !isUtf8(bytes))
        const table = await readTable(bytes, 'udtraek.csv', { csvChunkBytes: chunkBytes })
        assert.deepEqual(table.sheets[0]?.rows, expected)
        assert.equal(table.csv?.delimiter, delimiter)
      }),
      params(),
    )
  }, TIMEOUT)
})

// ---------------------------------------------------------------------------------------------
// Value imports (features/indicators/import/value-rows.ts) and Beboerdata

const indicators = varde.goals.flatMap((g) => g.indicators)
const valueWords = [...headerWords(valueColumnNames), ...indicators.flatMap((i) => [i.key, i.name, ...i.rows.map((r) => r.key)]), 'område', 'kommune']

describe('fuzz: value import', () => {
  it('answers any table with located problems and never throws', () => {
    counted('values: any table')
    fc.assert(
      fc.property(tableArb(valueWords, { named: true }), (table) => {
        const read = parseValueRows(table, varde)
        expectLocated(read.problems, rowNumbers(table))
        if (read.problems.length === 0) check(read.values.length > 0, 'values when there are no problems', table)
      }),
      params(),
    )
  }, TIMEOUT)

  it('reads valid values back as written', () => {
    counted('values: valid rows')
    const target = fc.constantFrom(...indicators.flatMap((ind) => ind.rows.map((row) => ({ ind, row }))))
    const value = fc.record({
      target,
      population: fc.constantFrom(['område', 'area'] as const, ['kommune', 'comparison'] as const, ['', 'area'] as const),
      year: fc.integer({ min: 2015, max: 2030 }),
      quarter: fc.integer({ min: 1, max: 4 }),
      share: fc.option(fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100)),
      count: fc.option(fc.integer({ min: 0, max: 2_000_000 })),
      quarterForm: fc.boolean(),
    })
    const key = (v: { target: { ind: { key: string }; row: { key: string } }; population: readonly [string, string]; year: number; quarter: number }) => `${v.target.ind.key}|${v.target.row.key}|${v.population[1]}|${v.year}-${v.quarter}`
    fc.assert(
      fc.property(fc.uniqueArray(value, { selector: key, minLength: 1, maxLength: 10 }), orderOf(6), fc.nat(2), (values, order, extra) => {
        const rows = values.map((v) => {
          const share = v.share ?? (v.count === null ? 0 : null)
          return [v.target.ind.name, v.target.row.label ?? v.target.row.key, v.population[0], v.quarterForm ? `${v.quarter}. kvt. ${v.year}` : `${v.year}-Q${v.quarter}`, share === null ? null : danish(share, 2), v.count === null ? null : danish(v.count)]
        })
        const table = sheetOf(['indikator', 'række', 'gruppe', 'periode', 'andel', 'antal'], rows, order, extra)
        const read = parseValueRows(table, varde)
        assert.deepEqual(read.problems, [])
        assert.deepEqual(read.values.map(({ indicatorKey, rowKey, population, period, share, count }) => ({ indicatorKey, rowKey, population, period, share, count })), 
          values.map((v) => ({
            indicatorKey: v.target.ind.key,
            rowKey: v.target.row.key,
            population: v.population[1],
            period: `${v.year}-Q${v.quarter}`,
            share: v.share ?? (v.count === null ? 0 : null),
            count: v.count,
          })),
        )
      }),
      params(),
    )
  }, TIMEOUT)

  it('answers a Beboerdata table with located problems, or refuses it with a Danish AppError', () => {
    counted('Beboerdata: any table')
    const indicator = indicators.find((i) => i.rows.length > 1) ?? indicators[0]!
    const labels = ['18-29 år', '30-64 år', 'I alt', 'Alder']
    const mapping = fc.record({
      name: fc.constant('Tabel 14'),
      population: fc.constantFrom('area' as const, 'comparison' as const),
      measure: fc.constantFrom('count' as const, 'share' as const),
      rows: fc.uniqueArray(fc.record({ label: fc.constantFrom(...labels), indicatorKey: fc.constantFrom(indicator.key, 'ukendt'), rowKey: fc.constantFrom(...indicator.rows.map((r) => r.key)) }), { selector: (r) => r.label, minLength: 1, maxLength: 3 }),
    })
    const words = [...labels, '2014', '2015', '2016', 2017, 2018, '2019¹', '.', '-', 'x']
    fc.assert(
      fc.property(tableArb(words, { named: true }), mapping, (table, m) => {
        const rows = rowNumbers(table)
        answerOrRefusal(() => detectBeboerdataTable(table), rows)
        const read = answerOrRefusal(() => applyBeboerdataMapping(table, m, varde), rows)
        if (read) expectLocated(read.problems, rows)
      }),
      params(),
    )
  }, TIMEOUT)
})

// ---------------------------------------------------------------------------------------------
// Target groups (features/indicators/import/target-group-rows.ts)

describe('fuzz: target-group import', () => {
  it('answers any table with located problems and never throws', () => {
    counted('target groups: any table')
    fc.assert(
      fc.property(tableArb(headerWords(targetGroupColumnNames), { named: true }), (table) => {
        const read = parseTargetGroupRows(table)
        expectLocated(read.problems, rowNumbers(table))
      }),
      params(),
    )
  }, TIMEOUT)

  it('reads valid counts back as written', () => {
    counted('target groups: valid rows')
    const count = fc.record({
      day: fc.integer({ min: 0, max: 365 * 20 }).map((n) => new Date(Date.UTC(2010, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)),
      code: fc.oneof(fc.integer({ min: 1, max: 12 }).map((n) => `6.${n}`), fc.constantFrom('INT-SHP', 'INT-SP')),
      label: fc.string({ unit: fc.constantFrom(...'abcæøå ABC-/(),0123456789'), minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !/^(i alt|total|totalt|hovedtotal|sum)\b/i.test(s.trim())),
      department: fc.option(fc.integer({ min: 1, max: 99 }).map(String)),
      count: fc.integer({ min: 0, max: 1_000_000 }),
    })
    fc.assert(
      fc.property(fc.uniqueArray(count, { selector: (c) => `${c.day}|${c.code}|${c.department}`, minLength: 1, maxLength: 10 }), orderOf(5), fc.nat(2), (counts, order, extra) => {
        const rows = counts.map((c) => [c.day.split('-').reverse().join('.'), c.code, c.label, c.department, danish(c.count)])
        const read = parseTargetGroupRows(sheetOf(['dato', 'kode', 'betegnelse', 'afdeling', 'antal'], rows, order, extra))
        assert.deepEqual(read.problems, [])
        assert.deepEqual(read.rows.map(({ date, code, label, department, count }) => ({ date, code, label, department, count })), 
          counts.map((c) => ({ date: c.day, code: c.code, label: c.label.trim(), department: c.department, count: c.count })),
        )
      }),
      params(),
    )
  }, TIMEOUT)
})

// ---------------------------------------------------------------------------------------------
// Companies (features/companies/company-rows.ts)

/** A valid CVR number: seven digits, the first not 0, and the check digit that makes modulus 11 hold. */
const cvrArb = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }))
  .map(([first, rest]) => [first, ...rest])
  .map((digits) => {
    const sum = digits.reduce((total, d, i) => total + d * [2, 7, 6, 5, 4, 3, 2][i]!, 0)
    const check = (11 - (sum % 11)) % 11
    return check === 10 ? null : [...digits, check].join('')
  })
  .filter((cvr): cvr is string => cvr !== null)

describe('fuzz: company import', () => {
  it('answers any table with located problems and never throws', () => {
    counted('companies: any table')
    fc.assert(
      fc.property(tableArb([...headerWords(companyColumnNames), '20165715', '2016 5715', 'DK-20165715'], { named: true }), (table) => {
        expectLocated(parseCompanyRows(table).problems, rowNumbers(table))
      }),
      params(),
    )
  }, TIMEOUT)

  it('reads valid companies back as written', () => {
    counted('companies: valid rows')
    const text = (max: number) => fc.string({ unit: fc.constantFrom(...'abcæøå ABCÆØÅ&/.-0123456789'), minLength: 1, maxLength: max }).filter((s) => s.trim() !== '')
    const company = fc.record({
      cvr: cvrArb,
      name: text(60),
      address: fc.option(text(30)),
      postalCode: fc.option(fc.integer({ min: 1000, max: 9999 }).map(String)),
      city: fc.option(text(20)),
      industryCode: fc.option(fc.integer({ min: 100_000, max: 999_999 }).map(String)),
      sizeBand: fc.option(fc.constantFrom('0', '1-9', '10-49', '50-249', '250+') as fc.Arbitrary<'0' | '1-9' | '10-49' | '50-249' | '250+'>),
      markedInMomentum: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.uniqueArray(company, { selector: (c) => c.cvr, minLength: 1, maxLength: 10 }), orderOf(8), fc.nat(2), (companies, order, extra) => {
        const rows = companies.map((c) => [c.cvr, c.name, c.address, c.postalCode, c.city, c.industryCode, c.sizeBand, c.markedInMomentum ? 'ja' : 'nej'])
        const read = parseCompanyRows(sheetOf(['CVR-nummer', 'Navn', 'Adresse', 'Postnummer', 'By', 'Branchekode', 'Ansatte', 'Momentum'], rows, order, extra))
        assert.deepEqual(read.problems, [])
        const trimmed = (s: string | null) => (s === null ? null : s.replace(/\s+/g, ' ').trim())
        assert.deepEqual(read.rows.map(({ cvr, name, address, postalCode, city, industryCode, sizeBand, markedInMomentum }) => ({ cvr, name, address, postalCode, city, industryCode, sizeBand, markedInMomentum })), 
          companies.map((c) => ({ ...c, name: trimmed(c.name), address: trimmed(c.address), city: trimmed(c.city) })),
        )
      }),
      params(),
    )
  }, TIMEOUT)
})

// ---------------------------------------------------------------------------------------------
// Staff time: the calendar export and time sheets (features/staff-time/staff-time-import.ts)

const known: StaffLookup = {
  staff: new Map([
    ['anne@varde.dk', 'u-anne'],
    ['bo hansen', 'u-bo'],
  ]),
  activities: new Map([
    ['beboerrådgivning', 'a-1'],
    ['jobcafé', 'a-2'],
  ]),
}
const AS_OF = '2025-12-31'
const staffWords = ['dato', 'medarbejder', 'aktivitet', 'sted', 'varighed', 'transport', 'administration', 'uge', 'timer', 'e-mail', 'anne@varde.dk', 'Bo Hansen', 'Beboerrådgivning', 'Jobcafé', '45', '7,5']

describe('fuzz: staff-time imports', () => {
  it('answers any table with located problems and never throws', () => {
    counted('calendar export: any table')
    counted('time sheet: any table')
    fc.assert(
      fc.property(tableArb(staffWords, { named: true }), (table) => {
        expectLocated(readCalendarExport(table, known, AS_OF).problems, rowNumbers(table))
        expectLocated(readTimeSheet(table, known, AS_OF).problems, rowNumbers(table))
      }),
      params(),
    )
  }, TIMEOUT)

  it('reads a valid calendar export back as written', () => {
    counted('calendar export: valid rows')
    const conversation = fc.record({
      day: fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2020, 5, 1) + n * 86_400_000).toISOString().slice(0, 10)),
      staff: fc.constantFrom(['Anne@Varde.dk', 'u-anne'], ['Bo Hansen', 'u-bo']),
      activity: fc.constantFrom(['Beboerrådgivning', 'a-1'], ['JOBCAFÉ', 'a-2']),
      place: fc.string({ unit: fc.constantFrom(...'abcæøå ABC0123456789'), minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
      duration: fc.integer({ min: 1, max: 720 }),
      transport: fc.option(fc.integer({ min: 0, max: 720 })),
      admin: fc.option(fc.integer({ min: 0, max: 720 })),
    })
    fc.assert(
      fc.property(fc.array(conversation, { minLength: 1, maxLength: 10 }), orderOf(7), fc.nat(2), (conversations, order, extra) => {
        const rows = conversations.map((c) => [c.day.split('-').reverse().join('.'), c.staff[0], c.activity[0], c.place, String(c.duration), c.transport === null ? null : String(c.transport), c.admin === null ? null : String(c.admin)])
        const read = readCalendarExport(sheetOf(['dato', 'medarbejder', 'aktivitet', 'sted', 'varighed', 'transport', 'administration'], rows, order, extra), known, AS_OF)
        assert.deepEqual(read.problems, [])
        assert.deepEqual(read.rows.map(({ row: _row, ...rest }) => rest), 
          conversations.map((c) => ({ staffId: c.staff[1], activityId: c.activity[1], heldOn: c.day, place: c.place.replace(/\s+/g, ' ').trim(), durationMinutes: c.duration, transportMinutes: c.transport ?? 0, adminMinutes: c.admin })),
        )
      }),
      params(),
    )
  }, TIMEOUT)

  it('reads a valid time sheet back as written', () => {
    counted('time sheet: valid rows')
    const entry = fc.record({
      year: fc.integer({ min: 2020, max: 2025 }),
      week: fc.integer({ min: 1, max: 52 }),
      staff: fc.constantFrom(['anne@varde.dk', 'u-anne'], ['BO HANSEN', 'u-bo']),
      activity: fc.constantFrom(['beboerrådgivning', 'a-1'], ['Jobcafé', 'a-2']),
      halfHours: fc.integer({ min: 1, max: 336 }),
    })
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => `${e.year}-${e.week}|${e.staff[1]}|${e.activity[1]}`, minLength: 1, maxLength: 10 }), orderOf(4), fc.nat(2), (entries, order, extra) => {
        const rows = entries.map((e) => [`${e.year}-W${String(e.week).padStart(2, '0')}`, e.staff[0], e.activity[0], danish(e.halfHours / 2, e.halfHours % 2 === 0 ? 0 : 1)])
        const read = readTimeSheet(sheetOf(['uge', 'medarbejder', 'aktivitet', 'timer'], rows, order, extra), known, AS_OF)
        assert.deepEqual(read.problems, [])
        assert.deepEqual(read.rows.map((r) => [r.staffId, r.activityId, r.hours]), entries.map((e) => [e.staff[1], e.activity[1], e.halfHours / 2]))
        for (const r of read.rows) check(new Date(`${r.weekStart}T12:00:00Z`).getUTCDay() === 1, 'a week starting on a Monday', r)
      }),
      params(),
    )
  }, TIMEOUT)
})

// ---------------------------------------------------------------------------------------------
// Agreement files, YAML and JSON (features/agreements/agreement-file.ts)

describe('fuzz: agreement file import', () => {
  const seed = readSeedAgreement('varde-beskaeftigelse').file

  it('answers any text with problems located by line and column, and never throws', () => {
    counted('agreement file: any text')
    const yamlish = fc.string({ unit: fc.constantFrom(...CHARS, ':', '- ', '{', '}', '[', ']', '&a ', '*a', '!!str ', '\n  ', 'agreement:', 'title: ', 'goals:', '#', '|', '>', '---'), maxLength: 60 })
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.json(), fc.string({ unit: 'binary', maxLength: 40 })), (source) => {
        const result = parseAgreementFile(source)
        if (result.ok) return
        const lines = source.split(/\r\n?|\n/).length
        check(result.problems.length > 0, 'a problem', source)
        for (const p of result.problems) {
          check(p.line >= 0 && p.line <= lines + 1 && p.column >= 0, 'a line and column in the file', p)
          check(!LEAKS.test(ownWords(p.message)) && !RAW_VALIDATOR_WORDING.test(ownWords(p.message)), 'a message in plain Danish', p)
        }
      }),
      params(),
    )
  }, TIMEOUT)

  it('reads a valid agreement back as written, as YAML and as JSON, whatever its texts hold', () => {
    // A whole agreement is a large document: fewer inputs, each one a full file.
    const runs = Math.max(1, Math.round(RUNS / 100))
    counted('agreement file: valid agreement', runs)
    const text = fc.string({ unit: fc.constantFrom(...CHARS, ':', '#', '&', '*', '!', '|', '>', '{', '}', '- ', '\u2028', '😀'), minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0)
    fc.assert(
      fc.property(text, text, fc.boolean(), (title, vision, asJson) => {
        const file = structuredClone(seed)
        file.agreement.title = title
        file.agreement.vision = vision
        const result = parseAgreementFile(asJson ? toJson(file) : toYaml(file))
        assert.deepEqual(result.ok && result.file, file)
      }),
      params(runs),
    )
  }, TIMEOUT)
})

// Column letters are what problems use to name a column: A…Z, AA…
describe('fuzz support', () => {
  it('names columns the way a spreadsheet does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA'])
  })
})
