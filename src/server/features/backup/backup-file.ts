import fs from 'node:fs'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { knownMigrations } from '../../db/migrate.ts'
import { AppError } from '../../lib/errors.ts'

// Reading a backup file (docs/backup-format.md) before anything is restored from it: one pass over
// the unpacked text that checks the header, every table's section, its rows and its end mark, and
// that each table has the rows the header promises. Restore (backup.service.ts) runs it first, so a
// file that is cut off, damaged, of another version or otherwise not what it says is refused with
// one Danish line before the database is touched at all. Lines are read with a length limit, so a
// file whose unpacked text is one endless line cannot take the process's memory.

export const BACKUP_FORMAT = 'indsats-backup'
export const BACKUP_FORMAT_VERSION = 1
export const TABLE_MARK = '\\T ' // a COPY text line never starts with an unescaped backslash followed by 'T'
export const END_MARK = '\\.'

export interface TableInfo {
  name: string
  columns: string[]
  rows: number
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  createdAt: string
  migrations: string[]
  tables: TableInfo[]
}

/** How long one line of the unpacked file may be (a row holds at most a few documents' text). */
export const BACKUP_LINE_LIMIT = 64 * 1024 * 1024

const NOT_A_BACKUP = 'Filen er ikke en Indsats-backup.'
const DAMAGED = 'Backupfilen er beskadiget'
const CUT_OFF = 'Backupfilen er ufuldstændig (den slutter midt i indholdet) og kan ikke gendannes.'

function refuse(message: string, logDetail?: string, cause?: unknown): never {
  throw new AppError('validation', message, { ...(logDetail ? { logDetail } : {}), ...(cause ? { cause } : {}) })
}

/**
 * zlib's errors in Danish: Z_BUF_ERROR for a file cut off (a copy that stopped half-way), Z_DATA_ERROR
 * for one that is not gzip or is damaged. Anything else is passed on as it is.
 */
export function unpackError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith('Z_')) return error
  return new AppError('validation', code === 'Z_BUF_ERROR' ? CUT_OFF : 'Backupfilen er beskadiget eller ikke en Indsats-backup og kan ikke pakkes ud.', {
    logDetail: `backup file cannot be unpacked: ${code}`,
    cause: error,
  })
}

/** The unpacked lines of a backup, each with its 1-based number; a line longer than `limit` bytes is refused. */
export async function* backupLines(input: Readable, limit = BACKUP_LINE_LIMIT): AsyncGenerator<[string, number]> {
  const gunzip = input.pipe(createGunzip())
  input.once('error', (error) => gunzip.destroy(error))
  let pending: Buffer[] = []
  let pendingBytes = 0
  let number = 0
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0
      for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
        if (pendingBytes + end - start > limit) refuse(`${DAMAGED}: linje ${number + 1} er længere end ${Math.round(limit / (1024 * 1024))} MB.`)
        pending.push(chunk.subarray(start, end))
        const line = Buffer.concat(pending).toString('utf8')
        pending = []
        pendingBytes = 0
        start = end + 1
        yield [line.endsWith('\r') ? line.slice(0, -1) : line, ++number]
      }
      if (start < chunk.length) {
        pendingBytes += chunk.length - start
        if (pendingBytes > limit) refuse(`${DAMAGED}: linje ${number + 1} er længere end ${Math.round(limit / (1024 * 1024))} MB.`)
        pending.push(chunk.subarray(start))
      }
    }
  } catch (error) {
    throw unpackError(error)
  } finally {
    gunzip.destroy()
    input.destroy()
  }
  if (pendingBytes > 0) yield [Buffer.concat(pending).toString('utf8'), ++number]
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
/** A table or column name as PostgreSQL's catalogue gives them here: lower case, digits, underscores. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/

/** The header line, checked field by field. */
export function parseBackupHeader(line: string): BackupHeader {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    refuse(NOT_A_BACKUP)
  }
  if (!isPlainObject(value) || value.format !== BACKUP_FORMAT) refuse(NOT_A_BACKUP)
  const version = value.formatVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) refuse(`${DAMAGED}: formatversionen mangler eller er ikke et helt tal.`)
  if (version > BACKUP_FORMAT_VERSION) {
    refuse(`Backuppen har formatversion ${version > 1e6 ? 'over 1.000.000' : version}; denne version af Indsats læser op til ${BACKUP_FORMAT_VERSION}.`)
  }
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) refuse(`${DAMAGED}: tidspunktet, den blev lavet, mangler.`)
  const migrations = value.migrations
  if (!Array.isArray(migrations) || migrations.length === 0 || !migrations.every((m) => typeof m === 'string')) refuse(`${DAMAGED}: listen over migreringer mangler.`)
  const known = knownMigrations()
  const unknown = (migrations as string[]).filter((m) => !known.includes(m))
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 3).map((m) => (/^[\w-]{1,80}$/.test(m) ? m : '(ulæseligt navn)'))
    refuse(`Backuppen er lavet med en nyere version af Indsats (ukendte migreringer: ${shown.join(', ')}${unknown.length > 3 ? ` og ${unknown.length - 3} flere` : ''}).`)
  }
  // The migrations a backup names are the first ones of this version, in order, with none left out.
  if (!(migrations as string[]).every((m, i) => m === known[i])) refuse(`${DAMAGED}: listen over migreringer har huller eller er ude af orden.`)
  const tables = value.tables
  if (!Array.isArray(tables) || tables.length === 0) refuse(`${DAMAGED}: listen over tabeller mangler.`)
  const names = new Set<string>()
  for (const t of tables as unknown[]) {
    if (!isPlainObject(t) || typeof t.name !== 'string' || !IDENTIFIER.test(t.name) || names.has(t.name)) refuse(`${DAMAGED}: en tabel i listen over tabeller har intet gyldigt navn.`)
    names.add(t.name)
    if (!Array.isArray(t.columns) || t.columns.length === 0 || !t.columns.every((c) => typeof c === 'string' && IDENTIFIER.test(c)) || new Set(t.columns).size !== t.columns.length) {
      refuse(`${DAMAGED}: tabellen ${t.name} har ingen gyldig liste over kolonner.`)
    }
    if (typeof t.rows !== 'number' || !Number.isSafeInteger(t.rows) || t.rows < 0) refuse(`${DAMAGED}: tabellen ${t.name} har intet gyldigt antal rækker.`)
  }
  return { format: BACKUP_FORMAT, formatVersion: version, createdAt: value.createdAt, migrations: migrations as string[], tables: tables as TableInfo[] }
}

/** The section line of a table ("\T {...}"), which must be the next table the header lists. */
function parseSection(line: string, number: number, expected: TableInfo | undefined): TableInfo {
  let value: unknown
  try {
    value = JSON.parse(line.slice(TABLE_MARK.length))
  } catch {
    refuse(`${DAMAGED}: linje ${number} skulle begynde en tabel, men kan ikke læses.`)
  }
  const name = isPlainObject(value) && typeof value.name === 'string' && IDENTIFIER.test(value.name) ? value.name : null
  if (!expected) refuse(`${DAMAGED}: linje ${number} begynder en tabel, som headeren ikke nævner.`)
  if (name !== expected.name) refuse(`${DAMAGED}: linje ${number} skulle begynde tabellen ${expected.name}.`)
  const columns = (value as { columns?: unknown }).columns
  if (!Array.isArray(columns) || columns.length !== expected.columns.length || !columns.every((c, i) => c === expected.columns[i])) {
    refuse(`${DAMAGED}: tabellen ${expected.name} (linje ${number}) har andre kolonner end headeren siger.`)
  }
  return expected
}

/**
 * Reads a whole backup and checks it: the header, each table's section in the header's order, as many
 * rows as it promises, each with as many fields as the table has columns, and an end mark. Returns
 * the header; throws an AppError with one Danish line for anything else.
 */
export async function checkBackup(input: Readable, options: { lineLimit?: number } = {}): Promise<BackupHeader> {
  let header: BackupHeader | null = null
  let next = 0
  let table: TableInfo | null = null
  let rows = 0
  for await (const [line, number] of backupLines(input, options.lineLimit)) {
    if (!header) {
      header = parseBackupHeader(line)
      continue
    }
    if (table) {
      if (line === END_MARK) {
        if (rows !== table.rows) refuse(`${DAMAGED}: tabellen ${table.name} har ${rows} rækker, men headeren lover ${table.rows}.`)
        table = null
      } else {
        // A COPY text row: one field per column, separated by tabs (a tab in data is written "\t").
        let fields = 1
        for (let i = line.indexOf('\t'); i >= 0; i = line.indexOf('\t', i + 1)) fields++
        if (fields !== table.columns.length) refuse(`${DAMAGED}: linje ${number} i tabellen ${table.name} har ${fields} felter, men tabellen har ${table.columns.length} kolonner.`)
        if (++rows > table.rows) refuse(`${DAMAGED}: tabellen ${table.name} har flere rækker, end headeren lover (${table.rows}).`)
      }
    } else if (line.startsWith(TABLE_MARK)) {
      table = parseSection(line, number, header.tables[next++])
      rows = 0
    } else if (line !== '') {
      refuse(`${DAMAGED}: linje ${number} hører ikke til nogen tabel.`)
    }
  }
  if (!header) refuse('Backupfilen er tom.')
  if (table) refuse('Backupfilen er ufuldstændig (afbrudt midt i en tabel).')
  if (next < header.tables.length) refuse(`Backupfilen er ufuldstændig (tabellen ${header.tables[next]!.name} og de følgende mangler).`)
  return header
}

/** checkBackup on a file; a file that cannot be opened is refused in Danish. */
export async function checkBackupFile(file: string): Promise<BackupHeader> {
  let stream: fs.ReadStream
  try {
    await fs.promises.access(file, fs.constants.R_OK)
    stream = fs.createReadStream(file)
  } catch {
    refuse(`Backupfilen ${file} kan ikke læses.`)
  }
  return checkBackup(stream)
}
