import fc from 'fast-check'
import { strToU8, zipSync, type Zippable } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import type { ImportProblem } from '../../../shared/imports.ts'
import { RAW_VALIDATOR_WORDING } from '../../../shared/lib/zod-locale.ts'
import { type Cell, columnLetter, ImportFileError, readTable, type Table } from './read-table.ts'
import { readTableInThread } from './read-table-thread.ts'

// A fuzz suite over the Excel path of the table reader (issue "Hardening"; decision 040): workbooks
// made from a template of the parts (their XML written here and zipped with fflate, no exceljs to
// write them), valid ones with generated cells and damaged ones (cut off, bits flipped, parts missing,
// swapped, replaced by noise or lying about their size). Every input must end in rows or a Danish
// refusal that names the row where it is about one; never another error, a hang or a crash.
//
// exceljs takes about 50 ms per valid workbook on the shared 2-core machine (its streaming reader
// parks each sheet in a temporary file) and a damaged one up to twice the stall time below, so the
// default is 300 inputs per property (about 50 s), not the 10 000 of the CSV suite
// (importers-fuzz.test.ts). FUZZ_RUNS=10000 runs 10 000 (about 30 minutes there); FUZZ_SEED repeats
// a run. Seed, counts and time are printed.

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647)
const TIMEOUT = 60 * 60_000
/** How long the reader may make no progress before it gives a damaged file up (10 s in the server). */
const STALL_MS = 1_000
const started = Date.now()
const counts: Record<string, number> = {}
let slowest = 0

afterAll(() => {
  console.log(`xlsx fuzz: seed ${SEED}, ${JSON.stringify(counts)} inputs, slowest input ${Math.round(slowest)} ms, ${((Date.now() - started) / 1000).toFixed(1)} s`)
})

// ---------------------------------------------------------------------------------------------
// The template

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

function templateParts(sheetNames: string[]): Record<string, string> {
  const overrides = sheetNames.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
  return {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
    '_rels/.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetNames.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetNames.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
  }
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

type XCell = { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'bool'; value: boolean } | null

function cellXml(cell: XCell, ref: string): string {
  if (cell === null) return ''
  if (cell.kind === 'text') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.text)}</t></is></c>`
  if (cell.kind === 'bool') return `<c r="${ref}" t="b"><v>${cell.value ? 1 : 0}</v></c>`
  return `<c r="${ref}"><v>${String(cell.value)}</v></c>`
}

function sheetXml(rows: { number: number; cells: XCell[] }[]): string {
  const body = rows.map((r) => `<row r="${r.number}">${r.cells.map((c, i) => cellXml(c, `${columnLetter(i)}${r.number}`)).join('')}</row>`).join('')
  return `${XML}<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`
}

/** The parts zipped, in the given order, stored or deflated. */
function zip(parts: [string, string | Uint8Array][], level: 0 | 1 | 6): Buffer {
  const files: Zippable = {}
  for (const [name, content] of parts) files[name] = [typeof content === 'string' ? strToU8(content) : content, { level }]
  return Buffer.from(zipSync(files))
}

// ---------------------------------------------------------------------------------------------
// Generated cells and sheets

/**
 * Text a cell may hold: Danish letters, XML's own characters, spaces, line breaks, emoji and
 * right-to-left text. Not an entity's own text ("&amp;" in a cell): exceljs decodes an inline
 * string's entities twice, so such a cell reads back as "&" (a known difference, left as it is).
 */
const TEXT_UNITS = [...'abcæøåÆØÅ Z09;,"\'<>&%.-/:', '\t', '\n', '\u00a0', 'é', '😀', 'שלום', '\u202e', ']]>', '<t>']
const xcell: fc.Arbitrary<XCell> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...TEXT_UNITS), minLength: 1, maxLength: 15 }).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true })).map((value) => ({ kind: 'number' as const, value })) },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ kind: 'bool' as const, value })) },
  { weight: 2, arbitrary: fc.constant(null) },
)
const sheetArb = fc
  .array(fc.tuple(fc.array(xcell, { maxLength: 8 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 12 })
  .map((rows) => {
    let number = 0
    return rows.map(([cells, gap]) => ({ number: (number += gap), cells }))
  })
const workbookArb = fc.record({
  sheets: fc.array(sheetArb, { minLength: 1, maxLength: 3 }),
  names: fc.uniqueArray(fc.string({ unit: fc.constantFrom(...'Ark Data 12æøå&<'), minLength: 1, maxLength: 20 }), { minLength: 3, maxLength: 3, comparator: (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase() }),
  level: fc.constantFrom(0 as const, 1 as const, 6 as const),
})

/** What the reader should give for a cell: text as written, numbers as numbers (-0 as 0), booleans in Danish. */
function expectedCell(cell: XCell): Cell {
  if (cell === null) return null
  if (cell.kind === 'text') return cell.text.trim() === '' ? null : cell.text
  if (cell.kind === 'bool') return cell.value ? 'SAND' : 'FALSK'
  return cell.value === 0 ? 0 : cell.value
}

function expectedTable(sheets: { number: number; cells: XCell[] }[][], names: string[]): Table {
  return {
    format: 'xlsx',
    sheets: sheets.map((rows, i) => ({
      name: names[i] as string,
      rows: rows.flatMap((r) => {
        const cells = r.cells.map(expectedCell)
        while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop()
        return cells.length > 0 ? [{ row: r.number, cells }] : []
      }),
    })),
  }
}

function workbookBytes(sheets: { number: number; cells: XCell[] }[][], names: string[], level: 0 | 1 | 6): Buffer {
  const used = names.slice(0, sheets.length)
  const parts: [string, string][] = Object.entries(templateParts(used))
  sheets.forEach((rows, i) => parts.push([`xl/worksheets/sheet${i + 1}.xml`, sheetXml(rows)]))
  return zip(parts, level)
}

// ---------------------------------------------------------------------------------------------
// Damage

/** Offsets of the central directory's entries ("PK\x01\x02"). */
function centralEntries(bytes: Buffer): number[] {
  const found: number[] = []
  for (let i = bytes.indexOf('PK\x01\x02'); i >= 0; i = bytes.indexOf('PK\x01\x02', i + 4)) found.push(i)
  return found
}

type Damage =
  | { kind: 'cut'; at: number }
  | { kind: 'flip'; bits: [number, number][] }
  | { kind: 'noise'; at: number; bytes: Uint8Array }
  | { kind: 'drop'; part: number }
  | { kind: 'swap'; order: number[] }
  | { kind: 'replace'; part: number; content: string }
  | { kind: 'size'; entry: number; size: number }

/** Text that replaces a part: noise, broken XML, XML of another kind, entity tricks, a huge number. */
const partNoise = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '',
    `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1`,
    `${XML}<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>`,
    `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="999999999999"><c r="XFD999999999999"><v>1</v></c></row></sheetData></worksheet>`,
    `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="-5"><c r="A-5"><v>x</v></c><c r="ZZZZZZ1"><v>1e999</v></c></row></sheetData></worksheet>`,
    `${XML}<worksheet xmlns="${MAIN}"><sheetData><row><c t="s"><v>7</v></c><c t="e"><v>#DIV/0!</v></c><c t="d"><v>not a date</v></c><c><f>1/0</f></c></row></sheetData></worksheet>`,
    `${XML}<workbook xmlns="${MAIN}"><sheets><sheet name="" sheetId="x" r:id="nope"/></sheets></workbook>`,
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="../../../../etc/passwd"/></Relationships>`,
    '<<<<>>>>&&&&',
  ),
  fc.string({ unit: fc.constantFrom('<row>', '</row>', '<c r="A1">', '</c>', '<v>', '</v>', '1', 'x', '<is><t>', '</t></is>', '&#0;', '&#xD800;', '\u0000'), maxLength: 60 }).map((s) => `${XML}<worksheet xmlns="${MAIN}"><sheetData>${s}</sheetData></worksheet>`),
)

const damageArb = (length: number, partCount: number, entryCount: number): fc.Arbitrary<Damage> =>
  fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.integer({ min: 1, max: length - 1 }) }),
    fc.record({ kind: fc.constant('flip' as const), bits: fc.array(fc.tuple(fc.nat(length - 1), fc.nat(7)), { minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('noise' as const), at: fc.nat(length - 1), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    fc.record({ kind: fc.constant('drop' as const), part: fc.nat(partCount - 1) }),
    fc.record({ kind: fc.constant('swap' as const), order: fc.shuffledSubarray([...Array(partCount).keys()], { minLength: partCount, maxLength: partCount }) }),
    fc.record({ kind: fc.constant('replace' as const), part: fc.nat(partCount - 1), content: partNoise }),
    fc.record({ kind: fc.constant('size' as const), entry: fc.nat(Math.max(0, entryCount - 1)), size: fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, 300 * 1024 * 1024) }),
  )

function damage(parts: [string, string][], level: 0 | 1 | 6, d: Damage): Buffer {
  const whole = zip(parts, level)
  switch (d.kind) {
    case 'cut':
      return whole.subarray(0, Math.min(d.at, whole.length - 1))
    case 'flip': {
      const b = Buffer.from(whole)
      for (const [at, bit] of d.bits) b[at % b.length]! ^= 1 << bit
      return b
    }
    case 'noise': {
      const b = Buffer.from(whole)
      b.set(d.bytes.subarray(0, Math.max(0, b.length - (d.at % b.length))), d.at % b.length)
      return b
    }
    case 'drop':
      return zip(parts.filter((_, i) => i !== d.part % parts.length), level)
    case 'swap':
      return zip(d.order.filter((i) => i < parts.length).map((i) => parts[i] as [string, string]), level)
    case 'replace':
      return zip(parts.map(([name, content], i) => [name, i === d.part % parts.length ? d.content : content]), level)
    case 'size': {
      // The part's unpacked size as the central directory gives it (offset 24), and as its local header does (offset 22).
      const b = Buffer.from(whole)
      const entries = centralEntries(b)
      const at = entries[d.entry % Math.max(1, entries.length)]
      if (at !== undefined) {
        b.writeUInt32LE(d.size >>> 0, at + 24)
        const local = b.readUInt32LE(at + 42)
        if (local + 26 <= b.length) b.writeUInt32LE(d.size >>> 0, local + 22)
      }
      return b
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What every answer must look like

const LEAKS = /undefined|NaN|\[object|Infinity|TypeError|ReferenceError|at \w+ \(|expected|Invalid input|ENOENT|Error:/
// Letters the file's own bytes could bring into a message: control characters and replacement marks.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/

function check(condition: boolean, what: string, subject: unknown): void {
  if (!condition) throw new Error(`expected ${what}: ${JSON.stringify(subject)}`)
}

function expectReadable(table: Table): void {
  // A workbook cut to its first bytes no longer looks like one, and is read as the text it is.
  check(table.format === 'xlsx' || table.format === 'csv', 'a table', table.format)
  for (const sheet of table.sheets) {
    check(table.format === 'csv' || typeof sheet.name === 'string', 'a named sheet', sheet.name)
    for (const r of sheet.rows) {
      check(Number.isInteger(r.row) && r.row >= 1, 'a row number from 1', r.row)
      check(r.cells.some((c) => c !== null && (typeof c === 'number' ? Number.isFinite(c) : c.trim() !== '')), 'a row with content', r)
    }
  }
}

function expectRefusal(error: unknown): void {
  check(error instanceof ImportFileError, 'a refusal (ImportFileError)', error instanceof Error ? error.stack : String(error))
  const problems: ImportProblem[] = (error as ImportFileError).problems
  check(problems.length > 0, 'at least one problem', problems)
  for (const p of problems) {
    check(Number.isInteger(p.row) && p.row >= 0, 'a row number (0 for the file)', p)
    check(p.message.trim().length > 0 && !p.message.includes('\n'), 'a one-line message', p)
    check(!UNPRINTABLE.test(p.message), 'a message without the file\'s unprintable bytes', p)
    check(!LEAKS.test(p.message) && !RAW_VALIDATOR_WORDING.test(p.message), 'a message in plain Danish', p)
  }
}

async function timed<T>(read: () => Promise<T>): Promise<T> {
  const t = performance.now()
  try {
    return await read()
  } finally {
    slowest = Math.max(slowest, performance.now() - t)
  }
}

const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20

// ---------------------------------------------------------------------------------------------

describe('fuzz: readTable (XLSX)', () => {
  it('reads every sheet of a workbook without shared strings whose sheets are the last parts of its archive', async () => {
    // The fuzzing's first finding: exceljs's streaming reader gave only the first of two such sheets.
    const sheet = (text: string) => [{ number: 1, cells: [{ kind: 'text' as const, text }] }]
    for (const count of [2, 3, 4]) {
      const names = ['Ark1', 'Ark2', 'Ark3', 'Ark4'].slice(0, count)
      const table = await readTable(workbookBytes(names.map((n) => sheet(n)), names, 6), 'fil.xlsx')
      expect(table.sheets.map((s) => [s.name, s.rows[0]?.cells])).toEqual(names.map((n) => [n, [n]]))
    }
  })

  it('reads a valid generated workbook back as written: every sheet, row number and cell', async () => {
    counts['valid workbook'] = RUNS
    await fc.assert(
      fc.asyncProperty(workbookArb, async ({ sheets, names, level }) => {
        const expected = expectedTable(sheets, names)
        const bytes = workbookBytes(sheets, names, level)
        if (expected.sheets.every((s) => s.rows.length === 0)) {
          await expect(timed(() => readTable(bytes, 'fil.xlsx', { stallTimeoutMs: STALL_MS }))).rejects.toThrow('Projektmappen er tom')
          return
        }
        const table = await timed(() => readTable(bytes, 'fil.xlsx', { stallTimeoutMs: STALL_MS }))
        expect(table).toEqual(expected)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  }, TIMEOUT)

  it('answers a damaged workbook with rows or a one-line Danish refusal, never another error or a hang, in bounded memory', async () => {
    counts['damaged workbook'] = RUNS
    const outcomes: Record<string, number> = {}
    const heapBefore = heapMb()
    const input = workbookArb.chain(({ sheets, names, level }) => {
      const parts: [string, string][] = Object.entries(templateParts(names.slice(0, sheets.length)))
      sheets.forEach((rows, i) => parts.push([`xl/worksheets/sheet${i + 1}.xml`, sheetXml(rows)]))
      const length = zip(parts, level).length
      return fc.tuple(fc.constant(parts), fc.constant(level), fc.array(damageArb(length, parts.length, parts.length), { minLength: 1, maxLength: 2 }))
    })
    await fc.assert(
      fc.asyncProperty(input, async ([parts, level, damages]) => {
        // The first damage is done to the zip; a second one to the bytes of the first (cut, flip, noise only).
        let bytes = damage(parts, level, damages[0] as Damage)
        const second = damages[1]
        if (second && (second.kind === 'cut' || second.kind === 'flip' || second.kind === 'noise') && bytes.length > 2) {
          const b = Buffer.from(bytes)
          if (second.kind === 'cut') bytes = b.subarray(0, Math.max(1, second.at % b.length))
          else if (second.kind === 'flip') {
            for (const [at, bit] of second.bits) b[at % b.length]! ^= 1 << bit
            bytes = b
          } else {
            b.set(second.bytes.subarray(0, b.length - (second.at % b.length)), second.at % b.length)
            bytes = b
          }
        }
        try {
          const table = await timed(() => readTable(bytes, 'fil.xlsx', { stallTimeoutMs: STALL_MS }))
          expectReadable(table)
          outcomes.rows = (outcomes.rows ?? 0) + 1
        } catch (error) {
          expectRefusal(error)
          const first = (error as ImportFileError).problems[0]!.message.slice(0, 40)
          outcomes[first] = (outcomes[first] ?? 0) + 1
        }
      }),
      { numRuns: RUNS, seed: SEED },
    )
    const grown = heapMb() - heapBefore
    console.log(`xlsx fuzz: damaged workbooks ended as ${JSON.stringify(outcomes)}; heap grew ${grown.toFixed(0)} MB`)
    // Nothing of the inputs is kept: the heap may hold garbage not yet collected, not a copy per input.
    expect(grown).toBeLessThan(200)
  }, TIMEOUT)

  it('answers damaged workbooks the same way through the server\'s reading thread, which survives them', async () => {
    const n = Math.max(3, Math.round(RUNS / 300))
    counts['damaged workbook, thread'] = n
    const samples = fc.sample(
      workbookArb.chain(({ sheets, names, level }) => {
        const parts: [string, string][] = Object.entries(templateParts(names.slice(0, sheets.length)))
        sheets.forEach((rows, i) => parts.push([`xl/worksheets/sheet${i + 1}.xml`, sheetXml(rows)]))
        return damageArb(zip(parts, level).length, parts.length, parts.length).map((d) => damage(parts, level, d))
      }),
      { numRuns: n, seed: SEED },
    )
    for (const bytes of samples) {
      try {
        expectReadable(await readTableInThread(bytes, 'fil.xlsx', { timeoutMs: 30_000, memoryMb: 256 }))
      } catch (error) {
        expectRefusal(error)
      }
    }
    // The process is still here and still reads a good workbook.
    const table = await readTableInThread(workbookBytes([[{ number: 1, cells: [{ kind: 'text', text: 'Dato' }, { kind: 'number', value: 7 }] }]], ['Ark1'], 6), 'fil.xlsx')
    expect(table.sheets[0]?.rows).toEqual([{ row: 1, cells: ['Dato', 7] }])
  }, TIMEOUT)
})
