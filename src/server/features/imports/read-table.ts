import { isUtf8 } from 'node:buffer'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type * as CsvParse from 'csv-parse'
import type { CsvError, InfoRecord } from 'csv-parse/sync'
import type * as CsvParseSync from 'csv-parse/sync'
import type ExcelJS from 'exceljs'
import type * as Fflate from 'fflate'
import type Iconv from 'iconv-lite'
import type { ImportProblem } from '../../../shared/imports.ts'
import { AppError } from '../../lib/errors.ts'

// Reading an uploaded table, .xlsx or .csv, into rows of plain cells, before anything knows what the
// columns mean (value-rows.ts, target-group-rows.ts). Job-centre extracts come with Danish
// conventions (docs/domain.md, "Data sources users will bring"): `;` between fields because
// `,` is the decimal mark, UTF-8 with or without BOM or Windows-1252, title rows above the headers.
//
// Every row keeps its number as the user finds it: the line in the CSV where the record starts (a
// quoted field may span lines), the row number in Excel. Problems are reported by that number.

// exceljs is large: loaded at the first spreadsheet, not when the server starts.
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default
}

// Likewise the CSV parser and the character decoder, at the first CSV, and the zip reader at the
// first workbook (decision 046).
interface CsvReaders {
  parseCsv: typeof CsvParseSync.parse
  parseCsvStream: typeof CsvParse.parse
  iconv: typeof Iconv
}

async function csvReaders(): Promise<CsvReaders> {
  const [sync, stream, iconv] = await Promise.all([import('csv-parse/sync'), import('csv-parse'), import('iconv-lite')])
  return { parseCsv: sync.parse, parseCsvStream: stream.parse, iconv: iconv.default }
}

async function zipReader(): Promise<typeof Fflate.unzipSync> {
  return (await import('fflate')).unzipSync
}

export type Cell = string | number | null

export interface TableRow {
  /** One cell per column from A; trailing empty cells are left off, so read `cells[i] ?? null`. */
  cells: Cell[]
  /** 1-based: the CSV line where the record starts, or the Excel row number. */
  row: number
  /**
   * Indexes into `cells` of numbers shown as a percentage in Excel (number format with "%"): the cell
   * holds the fraction, 0.1914 for "19,14 %". Left off when there are none (always for CSV).
   */
  percentCells?: number[]
}

export interface TableSheet {
  /** The worksheet's name; null for a CSV file. */
  name: string | null
  /** Rows that have at least one non-blank cell, in file order. Empty rows are left out. */
  rows: TableRow[]
}

export interface Table {
  format: 'csv' | 'xlsx'
  sheets: TableSheet[]
  /** How a CSV file was read, for the preview ("Læst som Windows-1252, adskilt med semikolon"). */
  csv?: { encoding: CsvEncoding; delimiter: CsvDelimiter }
}

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be'
export type CsvDelimiter = ';' | ',' | '\t'

/** A file that cannot be read at all. Carries the problems in the same shape as row problems. */
export class ImportFileError extends AppError {
  constructor(
    readonly problems: ImportProblem[],
    logDetail?: string,
    cause?: unknown,
  ) {
    super('validation', problems.map((p) => p.message).join(' '), {
      issues: problems.map((p) => ({ path: p.row > 0 ? `række ${p.row}` : '', message: p.message })),
      ...(logDetail ? { logDetail } : {}),
      ...(cause ? { cause } : {}),
    })
    this.name = 'ImportFileError'
  }
}

const SAVE_AS = 'Gem filen som .xlsx eller .csv, og prøv igen.'

/**
 * How much any uploaded table may be, checked before and while it is read, so no file can take the
 * server's memory or time (issue 13: a 2.3 MB workbook unpacking to 780 MB took the server down).
 * The real files are far smaller: a 100 000-row extract is about 5 MB, and its sheet about 30 MB
 * unpacked. Each part's unpacked size is read from the zip's directory before anything is inflated;
 * a directory that lies is caught by the row and cell counts and by the reading thread's memory and
 * time limit (read-table-thread.ts).
 */
export const TABLE_LIMITS = {
  /** The file as uploaded (for .xlsx: compressed). */
  fileBytes: 50 * 1024 * 1024,
  /** One part of a workbook, unpacked. */
  partBytes: 100 * 1024 * 1024,
  /** All parts of a workbook together, unpacked. */
  unpackedBytes: 250 * 1024 * 1024,
  /** Rows with content, all sheets together. */
  rows: 300_000,
  /** The widest row. */
  columns: 1_000,
  /** Cells with content, all sheets together. */
  cells: 5_000_000,
} as const

/** Limits of the same kinds as TABLE_LIMITS, other values (tests read with smaller ones). */
export type TableLimits = { readonly [K in keyof typeof TABLE_LIMITS]: number }

const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024)).toLocaleString('da-DK')} MB`
const count = (n: number) => n.toLocaleString('da-DK')

/** Counts rows and cells as they are read, and stops the read at a limit. */
class TableBudget {
  private rows = 0
  private cells = 0
  constructor(private readonly limits: TableLimits) {}

  get rowLimit(): number {
    return this.limits.rows
  }

  /** Starts counting again, for a second reading of the same file. */
  reset(): void {
    this.rows = 0
    this.cells = 0
  }

  take(row: number, cells: Cell[]): void {
    if (++this.rows > this.limits.rows) {
      refuse(`Filen har mere end ${count(this.limits.rows)} rækker med indhold, som er det højeste antal Indsats læser. Del filen op, og indlæs delene hver for sig.`, { row })
    }
    if (cells.length > this.limits.columns) {
      refuse(`Række ${row} har mere end ${count(this.limits.columns)} kolonner, som er det højeste antal Indsats læser. Slet de kolonner, der ikke skal indlæses, og prøv igen.`, { row })
    }
    this.cells += cells.length
    if (this.cells > this.limits.cells) {
      refuse(`Filen har mere end ${count(this.limits.cells)} celler med indhold, som er det højeste antal Indsats læser. Del filen op, og indlæs delene hver for sig.`, { row })
    }
  }
}

/**
 * A part of a workbook as a message names it: "delen xl/worksheets/sheet1.xml", or "en af dens dele"
 * when the name is not one a user could recognise (a damaged directory gives names of stray bytes).
 */
function partName(name: string): string {
  return /^[\w\-./[\] ]{1,100}$/.test(name) ? `delen ${name}` : 'en af dens dele'
}

/**
 * Refuses a workbook whose parts would unpack to more than the limits, from the sizes the zip's
 * central directory gives, before a single byte is inflated. A zip without a readable directory is
 * refused as damaged.
 */
function checkZipDirectory(bytes: Buffer, limits: TableLimits, unzipSync: typeof Fflate.unzipSync): void {
  let total = 0
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (entry.originalSize > limits.partBytes) {
          refuse(`Filen fylder ${MB(entry.originalSize)} udpakket i ${partName(entry.name)}, og Indsats læser højst ${MB(limits.partBytes)} pr. del. Gem kun de ark, der skal indlæses, eller del filen op.`, { logDetail: `zip part ${entry.name} declares ${entry.originalSize} bytes` })
        }
        total += entry.originalSize
        if (total > limits.unpackedBytes) {
          refuse(`Filen fylder mere end ${MB(limits.unpackedBytes)} udpakket, som er det mest Indsats læser. Gem kun de ark, der skal indlæses, eller del filen op.`, { logDetail: `zip parts declare more than ${total} bytes` })
        }
        return false
      },
    })
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    refuse('Filen kan ikke læses som Excel-projektmappe (.xlsx); den er måske beskadiget. Åbn den i Excel, gem den igen som .xlsx eller .csv, og prøv igen.', {
      logDetail: `zip directory: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    })
  }
}

/** How long the Excel reader may make no progress at all before the file is taken to be damaged. */
const XLSX_STALL_TIMEOUT_MS = 10_000

function refuse(message: string, options: { row?: number; logDetail?: string; cause?: unknown } = {}): never {
  throw new ImportFileError([{ row: options.row ?? 0, column: null, sheet: null, message }], options.logDetail, options.cause)
}

/**
 * The rows of an uploaded .xlsx or .csv file. The content decides the format, not the name (systems
 * often name a CSV ".xls"); the name only sharpens the message when the file cannot be read.
 * Throws ImportFileError for an empty file, a file that is neither, and a protected or damaged workbook.
 */
export async function readTable(
  bytes: Buffer,
  fileName: string,
  options: {
    stallTimeoutMs?: number
    limits?: Partial<TableLimits>
    csvChunkBytes?: number
    /** Column names the import kind expects; they settle a CSV that splits equally well on two delimiters. */
    expectedHeaders?: readonly string[]
  } = {},
): Promise<Table> {
  const limits = { ...TABLE_LIMITS, ...options.limits }
  const kind = await checkBeforeReading(bytes, fileName, limits)
  const budget = new TableBudget(limits)
  const table = kind === 'xlsx' ? await readXlsx(bytes, options.stallTimeoutMs ?? XLSX_STALL_TIMEOUT_MS, budget) : await readCsv(bytes, budget, options.csvChunkBytes ?? CSV_CHUNK_BYTES, options.expectedHeaders ?? [])
  if (table.sheets.every((s) => s.rows.length === 0)) refuse(kind === 'xlsx' ? 'Projektmappen er tom: ingen ark har udfyldte celler.' : 'Filen er tom.')
  return table
}

/**
 * What can be known without reading the table: the file is not empty and not too large, is a
 * workbook or CSV, and (a workbook) its parts do not unpack beyond the limits. Cheap, so the server
 * asks it before starting a thread to read the file (read-table-thread.ts). Throws ImportFileError.
 */
export async function checkBeforeReading(bytes: Buffer, fileName: string, limits: TableLimits = TABLE_LIMITS): Promise<'xlsx' | 'csv'> {
  if (bytes.length === 0) refuse('Filen er tom.')
  if (bytes.length > limits.fileBytes) refuse(`Filen fylder ${MB(bytes.length)}, og Indsats læser højst ${MB(limits.fileBytes)}. Del filen op, og indlæs delene hver for sig.`)
  const kind = sniffFormat(bytes, fileName)
  if (kind === 'xlsx') checkZipDirectory(bytes, limits, await zipReader())
  return kind
}

// ---------------------------------------------------------------------------------------------
// What kind of file is it?

const startsWith = (bytes: Buffer, ...signature: number[]) => signature.every((b, i) => bytes[i] === b)

function sniffFormat(bytes: Buffer, fileName: string): 'xlsx' | 'csv' {
  const name = fileName.toLowerCase()
  // A zip archive: an Office Open XML workbook if it has the workbook part. Names of the parts are
  // stored uncompressed in the archive, so a byte search finds them.
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) {
    if (bytes.includes('xl/workbook.bin')) refuse(`Filen er en binær Excel-projektmappe (.xlsb), som Indsats ikke kan læse. ${SAVE_AS}`)
    if (bytes.includes('application/vnd.oasis.opendocument.spreadsheet')) refuse(`Filen er et OpenDocument-regneark (.ods). ${SAVE_AS}`)
    // A damaged or cut-off workbook may have lost its directory but still have parts under xl/.
    if (bytes.includes('xl/') || /\.xls[xm]$/.test(name)) return 'xlsx'
    refuse(`Filen "${fileName}" er ikke et regneark. ${SAVE_AS}`)
  }
  // An OLE2 compound file: the old Excel format (.xls), or a password-protected .xlsx, which Excel
  // wraps in the same container with an "EncryptedPackage" stream.
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      refuse('Projektmappen er beskyttet med en adgangskode, så Indsats kan ikke læse den. Fjern adgangskoden i Excel (Filer › Oplysninger › Beskyt projektmappe), gem filen som .xlsx, og prøv igen.')
    }
    if (name.endsWith('.doc') || name.endsWith('.ppt')) refuse(`Filen "${fileName}" er ikke et regneark. ${SAVE_AS}`)
    refuse(`Filen er i det gamle Excel-format (.xls), som Indsats ikke kan læse. Åbn den i Excel, og vælg Filer › Gem som. ${SAVE_AS}`)
  }
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) refuse(`Filen er en PDF. Indsats kan kun læse tal fra regneark: hent eller eksportér tallene fra kilden som .xlsx eller .csv.`)
  const utf16 = startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)
  // Text never contains NUL bytes (UTF-16 aside, which announces itself with a BOM).
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) refuse(`Filen "${fileName}" er hverken en .xlsx- eller en .csv-fil. ${SAVE_AS}`)
  return 'csv'
}

// ---------------------------------------------------------------------------------------------
// CSV

const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ',']
const SNIFF_LINES = 50

/** Bytes decoded at a time: the text of a file is never held in one piece (issue 13, finding 3). */
const CSV_CHUNK_BYTES = 256 * 1024

/** A CSV file's encoding, from its byte-order mark or its bytes, and where its text starts. */
function csvEncoding(bytes: Buffer): { encoding: CsvEncoding; start: number } {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8-bom', start: 3 }
  if (startsWith(bytes, 0xff, 0xfe)) return { encoding: 'utf-16le', start: 2 }
  if (startsWith(bytes, 0xfe, 0xff)) return { encoding: 'utf-16be', start: 2 }
  // Danish letters in Windows-1252 (æ E6, ø F8, å E5, Æ C6, Ø D8, Å C5) are not valid UTF-8 unless
  // followed by bytes 0x80-0xBF (€, ‚, ƒ …), which real text does not do; so "is valid UTF-8" is a
  // safe test, and pure ASCII reads the same either way. Checked on the bytes, without decoding them.
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'windows-1252', start: 0 }
}

const ICONV_NAMES: Record<CsvEncoding, string> = { 'utf-8': 'utf8', 'utf-8-bom': 'utf8', 'windows-1252': 'win1252', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' }

/**
 * The text of a CSV file piece by piece, decoded as it goes (a letter split between two pieces is
 * joined) and with its line ends made "\n" (a "\r" at the end of a piece waits for the next).
 */
function* csvText(iconv: typeof Iconv, bytes: Buffer, encoding: CsvEncoding, start: number, chunkBytes = CSV_CHUNK_BYTES): Generator<string> {
  const decoder = iconv.getDecoder(ICONV_NAMES[encoding], { stripBOM: false })
  let carry = ''
  for (let i = start; i < bytes.length; i += chunkBytes) {
    let text = carry + decoder.write(bytes.subarray(i, i + chunkBytes))
    carry = text.endsWith('\r') ? '\r' : ''
    if (carry) text = text.slice(0, -1)
    if (text) yield text.replace(/\r\n?/g, '\n')
  }
  const rest = carry + (decoder.end() ?? '')
  if (rest) yield rest.replace(/\r\n?/g, '\n')
}

/** Where 1-based line `line` starts in the text (the text's length when it has fewer lines). */
function lineStart(text: string, line: number): number {
  let position = 0
  for (let n = 1; n < line; n++) {
    const end = text.indexOf('\n', position)
    if (end < 0) return text.length
    position = end + 1
  }
  return position
}

type CsvRecord = { cells: Cell[]; row: number }

/** Where the parser got to: the line the last complete record ended on. */
type CsvProgress = { lastLine: number }

/**
 * csv-parse options shared by every pass. Line endings are made "\n" beforehand, so the parser's
 * line count is exact: a quoted field holds as many "\n" as the lines it spans, and the record
 * starts that many lines before the line it ends on.
 */
function csvOptions(
  delimiter: CsvDelimiter,
  onRecord: (record: CsvRecord, width: number) => void,
  progress: CsvProgress,
  fromLine = 1,
  maxRecords?: number,
) {
  return {
    delimiter,
    // Rows may have fewer or more fields than the first (title rows, ragged hand-made files).
    relax_column_count: true,
    // A stray quote inside an unquoted field ('5" skærm') is kept as text instead of failing the file.
    relax_quotes: true,
    skip_empty_lines: true,
    from_line: fromLine,
    // csv-parse goes on to the end of the text after on_record throws; `to` makes it stop.
    ...(maxRecords !== undefined ? { to: maxRecords } : {}),
    on_record: (record: string[], context: InfoRecord) => {
      progress.lastLine = context.lines
      let newlines = 0
      for (const value of record) if (value.includes('\n')) newlines += value.split('\n').length - 1
      onRecord({ cells: tidyCells(record), row: context.lines - newlines }, record.length)
      return null
    },
  }
}

/** A record's fields as cells: blank is null, trailing blanks left off. */
function tidyCells(record: string[]): Cell[] {
  let last = -1
  const cells: Cell[] = new Array(record.length)
  for (let i = 0; i < record.length; i++) {
    const value = record[i] as string
    if (value.trim() === '') cells[i] = null
    else {
      cells[i] = value
      last = i
    }
  }
  cells.length = last + 1
  return cells
}

/**
 * csv-parse in its cheapest form, for a text without quotes (`withoutQuotes`). Without `on_record`
 * it builds no info object for every record, which made it most of a 100 000-row import's reading;
 * the line numbers come from counting instead. No field can hold a newline, so with empty lines
 * kept as records (`['']`, skipped by `plainRecords`), the n-th record is line `fromLine + n - 1`.
 */
function plainCsvOptions(delimiter: CsvDelimiter, fromLine: number) {
  return { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, from_line: fromLine }
}

/**
 * Takes the records csv-parse gives with `plainCsvOptions(…, fromLine)`, one at a time, to `keep`
 * as `csvOptions` would give them: numbered by line, empty lines left out, cells tidied.
 */
function plainRecords(fromLine: number, keep: (record: CsvRecord) => void, progress: CsvProgress): (record: string[]) => void {
  let line = fromLine - 1
  return (record) => {
    progress.lastLine = ++line
    if (record.length === 1 && record[0] === '') return
    keep({ cells: tidyCells(record), row: line })
  }
}

/**
 * The rows of a CSV file, streamed: the text is decoded and parsed a piece at a time, so reading
 * keeps no copy of the whole text beside the bytes, and the row limit stops the read where it is
 * reached rather than after the whole file (issue 13: a million-row file took 2 GB).
 */
async function readCsv(bytes: Buffer, budget: TableBudget, chunkBytes: number, expectedHeaders: readonly string[]): Promise<Table> {
  const { parseCsv, parseCsvStream, iconv } = await csvReaders()
  const { encoding, start } = csvEncoding(bytes)
  const pieces = csvText(iconv, bytes, encoding, start, chunkBytes)
  // The first lines, for the delimiter and the title rows above the table: at most SNIFF_LINES + 1
  // lines or 1 MB, as far as the pieces reach.
  const headPieces: string[] = []
  let headLength = 0
  let headLines = 0
  let rest = pieces.next()
  while (!rest.done && headLines <= SNIFF_LINES && headLength < 1_000_000) {
    headPieces.push(rest.value)
    headLength += rest.value.length
    for (let i = rest.value.indexOf('\n'); i >= 0; i = rest.value.indexOf('\n', i + 1)) headLines++
    rest = pieces.next()
  }
  const head = headPieces.join('')
  if (rest.done && head.trim() === '') refuse('Filen er tom.')
  if (/^\s*<(\?xml|!doctype html|html|table)/i.test(head.slice(0, 200))) {
    refuse('Filen er en webside eller XML, ikke et regneark. Åbn den i Excel, gem den som .xlsx eller .csv, og prøv igen.')
  }
  const { delimiter, mainFrom } = sniffDelimiter(parseCsv, head, expectedHeaders)
  const rows: CsvRecord[] = []
  const progress: CsvProgress = { lastLine: 0 }
  try {
    // Rows of only delimiters (";;;;", as Excel saves empty rows) are empty rows.
    // Every record counts towards the row limit, empty ones too, so the parser's `to` can never
    // stop before the limit is reached.
    const keep = (record: CsvRecord) => {
      budget.take(record.row, record.cells)
      if (record.cells.length > 0) rows.push(record)
    }
    // csv-parse builds an error object (with a stack trace) for every record whose field count
    // differs from the first record's, even when told to accept it; a title row above 100 000 rows
    // of data made that a 4x slowdown. So the rows above the first full-width row are read apart
    // (they lie within the first lines).
    // One record more than the limit, so a file over it is refused rather than cut off.
    const most = budget.rowLimit + 1
    if (withoutQuotes(bytes, encoding, start)) {
      // A file without quotes (job-centre extracts): csv-parse without on_record, lines counted here.
      // No `to`: empty lines are records here but not rows, so the row limit stops the read instead.
      if (mainFrom > 1) parseCsv(head.slice(0, lineStart(head, mainFrom)), plainCsvOptions(delimiter, 1)).forEach(plainRecords(1, keep, progress))
      const take = plainRecords(mainFrom, keep, progress)
      if (rest.done) parseCsv(head, plainCsvOptions(delimiter, mainFrom)).forEach(take)
      else {
        await pipeline(
          Readable.from(whole(head, rest, pieces), { objectMode: false }),
          parseCsvStream(plainCsvOptions(delimiter, mainFrom)),
          new Writable({
            objectMode: true,
            write: (record: string[], _encoding, done) => {
              try {
                take(record)
              } catch (error) {
                done(error as Error)
                return
              }
              done()
            },
          }),
        )
      }
    } else {
      if (mainFrom > 1) parseCsv(head.slice(0, lineStart(head, mainFrom)), csvOptions(delimiter, keep, progress, 1, most))
      // A file that fits in its first lines is parsed at once; a stream costs more than such a file.
      if (rest.done) parseCsv(head, csvOptions(delimiter, keep, progress, mainFrom, most))
      else {
        await pipeline(
          Readable.from(whole(head, rest, pieces), { objectMode: false }),
          parseCsvStream(csvOptions(delimiter, keep, progress, mainFrom, most)),
          // Records are kept by on_record; nothing comes out of the parser.
          new Writable({ objectMode: true, write: (_record, _encoding, done) => done() }),
        )
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    const e = error as CsvError
    const row = firstNonBlankLineAfter(csvText(iconv, bytes, encoding, start), progress.lastLine)
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      refuse(`Feltet, der begynder i række ${row}, har et anførselstegn (") som aldrig lukkes, så resten af filen kan ikke læses. Ret anførselstegnet, og prøv igen.`, {
        row,
        logDetail: e.message,
        cause: e,
      })
    }
    refuse(`Filen kan ikke læses som CSV fra række ${row}. ${SAVE_AS}`, { row, logDetail: e.message, cause: e })
  }
  return { format: 'csv', sheets: [{ name: null, rows }], csv: { encoding, delimiter } }
}

/**
 * Whether the text has no quote character at all, as job-centre extracts have not: then every line
 * is a record, and csv-parse can be asked for less (`plainCsvOptions`). Asked of the bytes, for the
 * encodings where byte 0x22 is the quote and nothing else.
 */
function withoutQuotes(bytes: Buffer, encoding: CsvEncoding, start: number): boolean {
  return encoding !== 'utf-16le' && encoding !== 'utf-16be' && bytes.indexOf(0x22, start) < 0
}

/** The first lines, then the pieces after them. */
function* whole(head: string, next: IteratorResult<string>, pieces: Generator<string>): Generator<string> {
  yield head
  for (let piece = next; !piece.done; piece = pieces.next()) yield piece.value
}

/** The 1-based number of the first line after line `after` that is not blank (or the last line), read piece by piece. */
function firstNonBlankLineAfter(pieces: Iterable<string>, after: number): number {
  let line = 1
  for (const piece of pieces) {
    const lines = piece.split('\n')
    for (let i = 0; i < lines.length; i++) {
      if (line > after && (lines[i] as string).trim() !== '') return line
      if (i < lines.length - 1) line++
    }
  }
  return line
}

/**
 * The delimiter that splits the first lines most consistently: the one giving the most records of the
 * same width (2 fields or more), then the widest (a Danish file with decimal commas splits evenly on
 * ";" and unevenly on ","). Several lines rather than the header line alone, because title lines above
 * the header ("Udtræk, 1. kvartal 2023") may hold a comma and no ";". A tie is settled by the kind's
 * expected column names in the header, or refused naming the delimiters (ImportFileError).
 * Also returns the first line of a record that has that width, where the table proper starts.
 */
function sniffDelimiter(parseCsv: typeof CsvParseSync.parse, text: string, expectedHeaders: readonly string[] = []): { delimiter: CsvDelimiter; mainFrom: number } {
  // The first lines only (csv-parse copies all of its input before it starts), at most 1 MB.
  const head = text.slice(0, Math.min(lineStart(text, SNIFF_LINES + 1), 1_000_000))
  const candidates: { delimiter: CsvDelimiter; score: number; width: number; mainFrom: number; header: Cell[] }[] = []
  for (const delimiter of DELIMITERS) {
    const sample: { row: number; width: number; cells: Cell[] }[] = []
    try {
      parseCsv(head, csvOptions(delimiter, (record, width) => sample.push({ row: record.row, width, cells: record.cells }), { lastLine: 0 }))
    } catch {
      // A quoted field cut off by the end of the sample, or an unclosed quote, which the real pass
      // reports with its place in the file. The records before it still count.
    }
    const counts = new Map<number, number>()
    for (const r of sample) if (r.width >= 2) counts.set(r.width, (counts.get(r.width) ?? 0) + 1)
    let width = 0
    let score = 0
    for (const [w, n] of counts) if (n > score || (n === score && w > width)) [width, score] = [w, n]
    const first = sample.find((r) => r.width === width)
    candidates.push({ delimiter, score, width, mainFrom: first?.row ?? 1, header: first?.cells ?? [] })
  }
  let best = candidates[0]!
  for (const c of candidates) if (c.score > best.score || (c.score === best.score && c.width > best.width)) best = c
  // Delimiters that split as many lines evenly: the one whose header holds the kind's expected
  // column names wins. Failing that, a wider even split over several lines wins (";" in a Danish
  // file with decimal commas and a comma in its title line). A width seen on one line only, or the
  // same width both ways, proves nothing: "Navn, fornavn;Adresse" splits in two or three, and the
  // user is asked to say which rather than the file being read wrongly in silence.
  const tied = candidates.filter((c) => c.score > 0 && c.score === best.score)
  if (tied.length > 1) {
    const expected = new Set(expectedHeaders.map(foldHeader))
    const matches = tied.map((c) => c.header.filter((cell) => typeof cell === 'string' && expected.has(foldHeader(cell))).length)
    const most = Math.max(...matches)
    const byHeaders = tied.filter((_, i) => matches[i] === most)
    const widest = tied.filter((c) => c.width === best.width)
    if (most > 0 && byHeaders.length === 1) best = byHeaders[0]!
    else if (best.score === 1 || widest.length > 1) {
      const names = tied.map((c) => DELIMITER_NAMES[c.delimiter])
      refuse(
        `Indsats kan ikke afgøre, om felterne i filen er adskilt af ${names.slice(0, -1).join(', ')} eller ${names.at(-1)}, og overskrifterne passer ikke til nogen af delene. Gem filen igen med semikolon (;) mellem felterne (i Excel: Filer › Gem som › CSV (semikolonsepareret)), og prøv igen.`,
        { row: best.mainFrom, logDetail: `ambiguous CSV delimiter: ${tied.map((c) => JSON.stringify(c.delimiter)).join(' or ')}` },
      )
    }
  }
  return { delimiter: best.delimiter, mainFrom: best.mainFrom }
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ';': 'semikolon (;)', ',': 'komma (,)', '\t': 'tabulator' }

// ---------------------------------------------------------------------------------------------
// XLSX

/**
 * Every worksheet through exceljs's streaming reader: the whole-workbook reader took 6 s and 500 MB
 * for 100 000 rows, the streaming one 1.5 s. Streaming also reads merged cells once by nature: only
 * the top-left cell of a merge holds a value in the file.
 *
 * Note: when a workbook stores its shared strings after the sheets (Excel does), exceljs parks each
 * sheet's XML in a temporary file until the strings are read, and removes it after.
 */
async function readXlsx(bytes: Buffer, stallTimeoutMs: number, budget: TableBudget): Promise<Table> {
  let lastProgress = Date.now()
  const touch = () => {
    lastProgress = Date.now()
  }
  function* chunks() {
    for (let i = 0; i < bytes.length; i += 65_536) {
      touch()
      yield bytes.subarray(i, i + 65_536)
    }
  }
  const source = Readable.from(chunks())
  const Excel = await excel()
  const reader = new Excel.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // The cell keeps its text either way; the link target is of no use here.
    hyperlinks: 'ignore',
    // Number formats: dates become Date values, and percent formats are noted.
    styles: 'cache',
    entries: 'emit',
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>)
  // The reader is an EventEmitter; exceljs's types leave that out.
  const events = reader as unknown as NodeJS.EventEmitter
  events.on('entry', touch)
  const sheets: (TableSheet & { id: number })[] = []
  const read = (async () => {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as { id: number | string; name?: string } & AsyncIterable<ExcelJS.Row>
      const rows: TableRow[] = []
      let previous = 0
      for await (const row of ws) {
        touch()
        const content = readRow(row)
        // A row without its number in the file (some generators leave it out) follows the one before.
        const number = Number.isFinite(row.number) ? row.number : previous + 1
        previous = number
        if (content) {
          budget.take(number, content.cells)
          rows.push({ row: number, ...content })
        }
      }
      sheets.push({ id: Number(ws.id), name: ws.name ?? `Ark ${ws.id}`, rows })
    }
  })()
  // exceljs's streaming reader never settles on some damaged archives (an entry whose data cannot be
  // inflated leaves it waiting for the entry's end). The whole file is in memory, so a reader that
  // makes no progress at all for this long is stuck, not slow.
  read.catch(() => undefined)
  let timer: NodeJS.Timeout | undefined
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (Date.now() - lastProgress > stallTimeoutMs) reject(new Error(`the xlsx reader made no progress for ${stallTimeoutMs} ms`))
    }, Math.min(1000, stallTimeoutMs / 2))
  })
  try {
    await Promise.race([read, stalled])
  } catch (error) {
    source.destroy()
    clearInterval(timer)
    if (error instanceof ImportFileError) throw error
    // The streaming reader needs the workbook part before the sheets; a valid file whose archive
    // holds them the other way round (some writers, and exceljs's own under load) makes it fail.
    // The whole file is in memory anyway, so read it once more in one piece before giving up.
    return readWholeOrRefuse(bytes, stallTimeoutMs, budget, { logDetail: error instanceof Error ? error.message : String(error), cause: error })
  } finally {
    clearInterval(timer)
  }
  // exceljs's streaming reader can lose sheets: when it parks them in temporary files (no shared
  // strings before them) and they are the archive's last parts, the last one or two never come out
  // (found by read-table-xlsx-fuzz.test.ts). A worksheet the workbook lists but that was not read
  // is read again with the whole-workbook reader, rather than leaving its rows out without a word.
  const { model, workbookRels } = reader as unknown as { model?: { sheets?: { id: number; rId?: string }[] }; workbookRels?: { Id?: string; Target?: string }[] }
  const worksheetRels = new Set((workbookRels ?? []).filter((r) => /^(\/xl\/)?worksheets\/sheet\d+\.xml$/.test(r.Target ?? '')).map((r) => r.Id))
  const listed = (model?.sheets ?? []).filter((s) => worksheetRels.has(s.rId))
  if (listed.some((s) => !sheets.some((read) => read.id === Number(s.id)))) {
    return readWholeOrRefuse(bytes, stallTimeoutMs, budget, {
      logDetail: `the streaming reader read sheets ${sheets.map((s) => s.id).join(', ')} of ${listed.map((s) => s.id).join(', ')}, and the whole-workbook reader failed`,
    })
  }
  // Sheets come in the order their parts sit in the archive; show them in the workbook's tab order.
  const order = (model?.sheets ?? []).map((s) => Number(s.id))
  const position = (id: number) => (order.includes(id) ? order.indexOf(id) : order.length + id)
  sheets.sort((a, b) => position(a.id) - position(b.id))
  return { format: 'xlsx', sheets: sheets.map(({ name, rows }) => ({ name, rows })) }
}

/** The non-streaming reader, for files the streaming one cannot take; bounded by the same time. */
/**
 * When the streaming reader failed or lost a sheet: the workbook read once more in one piece, within
 * a fresh budget (the whole file is in memory anyway), or refused as damaged when that fails too.
 */
async function readWholeOrRefuse(bytes: Buffer, timeoutMs: number, budget: TableBudget, why: { logDetail: string; cause?: unknown }): Promise<Table> {
  budget.reset()
  const whole = await readWholeXlsx(bytes, timeoutMs, budget).catch((e: unknown) => {
    if (e instanceof ImportFileError) throw e
    return null
  })
  if (whole) return whole
  refuse('Filen kan ikke læses som Excel-projektmappe (.xlsx); den er måske beskadiget. Åbn den i Excel, gem den igen som .xlsx eller .csv, og prøv igen.', why)
}

async function readWholeXlsx(bytes: Buffer, timeoutMs: number, budget: TableBudget): Promise<Table> {
  const workbook = new (await excel()).Workbook()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the xlsx reader did not finish in ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([workbook.xlsx.load(bytes as unknown as ArrayBuffer), timeout])
  } finally {
    clearTimeout(timer)
  }
  const sheets: TableSheet[] = workbook.worksheets.map((ws) => {
    const rows: TableRow[] = []
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const content = readRow(row)
      if (content) {
        budget.take(number, content.cells)
        rows.push({ row: number, ...content })
      }
    })
    return { name: ws.name, rows }
  })
  return { format: 'xlsx', sheets }
}

function readRow(row: ExcelJS.Row): Omit<TableRow, 'row'> | null {
  const cells: Cell[] = []
  let percentCells: number[] | undefined
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const value = cellValue(cell.value, cell.numFmt)
    if (value === null || (typeof value === 'string' && value.trim() === '')) return
    while (cells.length < column - 1) cells.push(null)
    cells[column - 1] = value
    if (typeof value === 'number' && isPercentFormat(cell.numFmt)) (percentCells ??= []).push(column - 1)
  })
  if (cells.length === 0) return null
  return percentCells ? { cells, percentCells } : { cells }
}

/** A cell as number, text or ISO date; formulas as their cached result. */
function cellValue(value: ExcelJS.CellValue, numFmt: string | undefined): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'SAND' : 'FALSK'
  if (value instanceof Date) return isoDay(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('error' in value) return String(value.error)
  if ('hyperlink' in value) return cellValue((value as { text: ExcelJS.CellValue }).text, numFmt)
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result === undefined || result === null) return null
    // The streaming reader gives a formula's number as it is, even under a date format (read here as
    // a 1900-based serial), and NaN for an error result (#DIV/0!, #I/T): shown as an error text rather
    // than as an empty cell, so a number column reports it.
    if (typeof result === 'number') {
      if (Number.isNaN(result)) return '#FEJL'
      return isDateFormat(numFmt) ? isoDay(excelSerialToDate(result)) : result
    }
    return cellValue(result as ExcelJS.CellValue, numFmt)
  }
  return null
}

/** The calendar day of a Date that exceljs made from an Excel serial number (a UTC midnight, give or take rounding). */
function isoDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : new Date(Math.round(date.getTime() / 60_000) * 60_000).toISOString().slice(0, 10)
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000))
}

/** The format's code without quoted text, escaped characters and [colour]/[$currency] sections. */
function formatCode(numFmt: string | undefined): string {
  return (numFmt ?? '').replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/_./g, '').replace(/\[[^\]]*\]/g, '')
}

/** Excel multiplies by 100 for every unquoted "%" in the number format. */
export function isPercentFormat(numFmt: string | undefined): boolean {
  return formatCode(numFmt).includes('%')
}

function isDateFormat(numFmt: string | undefined): boolean {
  const code = formatCode(numFmt)
  return code.toLowerCase() !== 'general' && /[dmyhså]/i.test(code.replace(/e\+|e-/gi, ''))
}

// ---------------------------------------------------------------------------------------------
// Finding the columns: shared by the readers of the table's meaning.

/** "A", "B" … "Z", "AA" for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const rest = (n - 1) % 26
    letters = String.fromCharCode(65 + rest) + letters
    n = Math.floor((n - 1) / 26)
  }
  return letters
}

/** A cell as trimmed text ('' when empty); numbers as JavaScript writes them (22, 6.1). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return String(cell)
  // Most cells are already so (asked without making a new string: 100 000-row files ask it 600 000 times).
  return UNTIDY_SPACE.test(cell) ? cell.replace(/[\s\u00a0]+/g, ' ').trim() : cell
}

/** Space at either end, two in a row, or any but a plain space (\s includes the non-breaking one). */
const UNTIDY_SPACE = /^\s|\s$|\s\s|[^\S ]/

/**
 * A label for comparing: lower case, single spaces, footnote marks ("[^1]") and a trailing ":" or "*"
 * gone, dashes as "-", and æ/ø/å folded to ae/oe/aa so "raekke" matches "række".
 */
export function foldLabel(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\[\^\d+\]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/\s*[:*]+$/, '')
}

/** A header as a column name: also without a unit in parentheses or a trailing "%" ("andel (%)" → "andel"). */
function foldHeader(text: string): string {
  const folded = foldLabel(text)
  if (folded === '%') return folded
  return folded
    .replace(/\([^)]*\)/g, '')
    .replace(/\s*%$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export interface HeaderColumn {
  index: number
  /** The header as the file writes it. */
  header: string
  /** For problems: "D (periode)". */
  label: string
}

export interface HeaderMatch<K extends string> {
  /** The header row's number in the file, and its index in the sheet's rows. */
  row: number
  index: number
  columns: Partial<Record<K, HeaderColumn>>
  /** Problems with the header row itself (a column named twice). */
  problems: ImportProblem[]
}

/**
 * The first row whose cells name the columns that `isComplete` needs (rows above it are titles), or,
 * when no row does, the row that named the most columns (to say what is missing), or null.
 */
export function findHeaderRow<K extends string>(
  sheet: TableSheet,
  names: Record<K, readonly string[]>,
  isComplete: (found: ReadonlySet<K>) => boolean,
): { complete: true; match: HeaderMatch<K> } | { complete: false; best: HeaderMatch<K> | null } {
  const lookup = new Map<string, K>()
  for (const key of Object.keys(names) as K[]) for (const name of names[key]) lookup.set(foldHeader(name), key)
  const keysOf = (m: HeaderMatch<K>) => new Set(Object.keys(m.columns) as K[])
  let best: HeaderMatch<K> | null = null
  for (const [index, row] of sheet.rows.entries()) {
    const match: HeaderMatch<K> = { row: row.row, index, columns: {}, problems: [] }
    row.cells.forEach((cell, i) => {
      if (typeof cell !== 'string') return
      const key = lookup.get(foldHeader(cell))
      if (key === undefined) return
      const column = { index: i, header: cell.trim(), label: `${columnLetter(i)} (${cell.trim()})` }
      const first = match.columns[key]
      if (first) {
        const where = `(${columnLetter(first.index)} og ${columnLetter(i)})`
        const message =
          foldHeader(first.header) === foldHeader(column.header)
            ? `Kolonnen "${first.header}" står to gange i overskrifterne ${where}. Slet eller omdøb den ene.`
            : `Kolonnerne "${first.header}" og "${column.header}" ${where} betyder begge ${names[key][0]}. Slet eller omdøb den ene.`
        match.problems.push({ row: row.row, column: column.label, sheet: sheet.name, message })
      } else match.columns[key] = column
    })
    if (isComplete(keysOf(match))) return { complete: true, match }
    const count = keysOf(match).size
    if (count >= 2 && count > (best ? keysOf(best).size : 0)) best = match
  }
  return { complete: false, best }
}
