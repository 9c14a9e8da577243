import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { gunzipSync, gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knownMigrations } from '../../src/server/db/migrate.ts'
import { BACKUP_FORMAT, checkBackup, END_MARK, TABLE_MARK } from '../../src/server/features/backup/backup-file.ts'
import { backup, restore } from '../../src/server/features/backup/backup.service.ts'
import { writeAudit } from '../../src/server/lib/audit-log.ts'
import { AppError } from '../../src/server/lib/errors.ts'
import { emptyDatabase, snapshot, testDatabase, type TestDatabase } from '../support/db.ts'

// A fuzz suite over backup restore (issue "Hardening"; decision 040): generated backups, valid and
// damaged (cut off, bits flipped, noise, another version, headers that lie about rows or tables,
// sections out of order, endless lines), read in this process by the reader restore runs first
// (backup-file.ts), and a sample of damaged real backups through restore() into real databases,
// which must be left exactly as they were. Every refusal is one Danish line, as the CLI prints it.
// FUZZ_RUNS (default 10 000) inputs per in-process property, FUZZ_DB_RUNS (default 12) through the
// database; FUZZ_SEED repeats a run. Seed, counts and time are printed.

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
const DB_RUNS = Number(process.env.FUZZ_DB_RUNS ?? 12)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647)
const TIMEOUT = 60 * 60_000
const started = Date.now()
const counts: Record<string, number> = {}
const outcomes: Record<string, number> = {}
afterAll(() => {
  console.log(`backup fuzz: seed ${SEED}, ${JSON.stringify(counts)} inputs, ${((Date.now() - started) / 1000).toFixed(1)} s; refusals ${JSON.stringify(outcomes)}`)
})

const LEAKS = /undefined|NaN|\[object|Infinity|TypeError|ReferenceError|SyntaxError|at \w+ \(|Unexpected token|JSON|Z_BUF_ERROR|Z_DATA_ERROR|ERR_|null/
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufffd]/

/** A refusal as the CLI prints it: an AppError with one line of Danish. */
function expectRefusal(error: unknown): void {
  if (!(error instanceof AppError)) throw new Error(`expected a refusal (AppError): ${error instanceof Error ? error.stack : String(error)}`)
  const message = error.message
  if (message.trim() === '' || UNPRINTABLE.test(message) || LEAKS.test(message) || message.length > 300) throw new Error(`expected one plain Danish line: ${JSON.stringify(message)}`)
  const kind = message.replace(/\d+/g, 'N').slice(0, 60)
  outcomes[kind] = (outcomes[kind] ?? 0) + 1
}

// ---------------------------------------------------------------------------------------------
// Generated backups

const MIGRATIONS = knownMigrations()
const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/)
/** A field in COPY text form: "\N" for null, backslash escapes for tab, newline and backslash. */
const copyField = fc.oneof(
  fc.constant('\\N'),
  // COPY writes a backslash in data as "\\", so no data line is "\." or starts with "\T".
  fc.string({ unit: fc.constantFrom(...'abcæøå 09"\'{}[]:,.-', '\\t', '\\n', '\\\\', '\\\\T', '\\\\.', '😀', '\u202e'), maxLength: 12 }),
)
const tablesArb = fc.uniqueArray(
  fc.record({ name: identifier, columns: fc.uniqueArray(identifier, { minLength: 1, maxLength: 4 }) }).chain((t) =>
    fc.record({ name: fc.constant(t.name), columns: fc.constant(t.columns), data: fc.array(fc.array(copyField, { minLength: t.columns.length, maxLength: t.columns.length }), { maxLength: 5 }) }),
  ),
  { minLength: 1, maxLength: 4, selector: (t) => t.name },
)

function backupText(tables: { name: string; columns: string[]; data: string[][] }[], header: Record<string, unknown> = {}): string {
  const head = { format: BACKUP_FORMAT, formatVersion: 1, createdAt: '2026-12-07T05:00:00.000Z', migrations: MIGRATIONS, tables: tables.map((t) => ({ name: t.name, columns: t.columns, rows: t.data.length })), ...header }
  const lines = [JSON.stringify(head)]
  for (const t of tables) {
    lines.push(`${TABLE_MARK}${JSON.stringify({ name: t.name, columns: t.columns })}`)
    for (const row of t.data) lines.push(row.join('\t'))
    lines.push(END_MARK)
  }
  return `${lines.join('\n')}\n`
}

const check = (bytes: Buffer, lineLimit?: number) => checkBackup(Readable.from([bytes]), lineLimit === undefined ? {} : { lineLimit })

/** Any JSON value a damaged header field might hold. */
const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom(2, 1.5, -1, 0, 1e300, Number.MAX_SAFE_INTEGER + 2, '1', null, [], {}, ['0001_x'], [...MIGRATIONS, '9999_future'], MIGRATIONS.slice(1), [...MIGRATIONS].reverse()))

type Damage =
  | { kind: 'field'; field: string; value: unknown }
  | { kind: 'rows'; table: number; rows: unknown }
  | { kind: 'lines'; op: 'drop' | 'duplicate' | 'swap' | 'tab' | 'junk'; at: number; other: number; text: string }
  | { kind: 'bytes'; op: 'cut' | 'flip' | 'noise' | 'append'; at: number; bit: number; data: Uint8Array }
  | { kind: 'text'; op: 'cut' }

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('field' as const), field: fc.constantFrom('format', 'formatVersion', 'createdAt', 'migrations', 'tables'), value: anyValue }),
  fc.record({ kind: fc.constant('rows' as const), table: fc.nat(3), rows: fc.oneof(fc.integer({ min: -3, max: 10 }), fc.constantFrom(1e15, 2 ** 53, 1e300, '3', null)) }),
  fc.record({ kind: fc.constant('lines' as const), op: fc.constantFrom('drop' as const, 'duplicate' as const, 'swap' as const, 'tab' as const, 'junk' as const), at: fc.nat(), other: fc.nat(), text: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('\\.', '\\T {}', '\\T {"name":"x","columns":["a"]}', '\\T not json', '{"format":"indsats-backup"}')) }),
  fc.record({ kind: fc.constant('bytes' as const), op: fc.constantFrom('cut' as const, 'flip' as const, 'noise' as const, 'append' as const), at: fc.nat(), bit: fc.nat(7), data: fc.uint8Array({ minLength: 1, maxLength: 32 }) }),
  fc.record({ kind: fc.constant('text' as const), op: fc.constant('cut' as const) }),
)

function damaged(tables: { name: string; columns: string[]; data: string[][] }[], d: Damage, cutAt = 0.5): Buffer {
  if (d.kind === 'field') return gzipSync(backupText(tables, { [d.field]: d.value }))
  if (d.kind === 'rows') {
    const text = backupText(tables)
    const [first, ...rest] = text.split('\n')
    const header = JSON.parse(first as string) as { tables: { rows: unknown }[] }
    header.tables[d.table % header.tables.length]!.rows = d.rows
    return gzipSync([JSON.stringify(header), ...rest].join('\n'))
  }
  if (d.kind === 'lines') {
    const lines = backupText(tables).split('\n')
    const at = d.at % lines.length
    const other = d.other % lines.length
    if (d.op === 'drop') lines.splice(at, 1)
    else if (d.op === 'duplicate') lines.splice(at, 0, lines[at] as string)
    else if (d.op === 'swap') [lines[at], lines[other]] = [lines[other] as string, lines[at] as string]
    else if (d.op === 'tab') lines[at] = `${lines[at]}\t`
    else lines.splice(at, 0, d.text)
    return gzipSync(lines.join('\n'))
  }
  if (d.kind === 'text') {
    const text = backupText(tables)
    return gzipSync(text.slice(0, Math.floor(text.length * cutAt)))
  }
  const bytes = Buffer.from(gzipSync(backupText(tables)))
  const at = d.at % bytes.length
  if (d.op === 'cut') return bytes.subarray(0, at)
  if (d.op === 'flip') bytes[at]! ^= 1 << d.bit
  if (d.op === 'noise') bytes.set(d.data.subarray(0, bytes.length - at), at)
  if (d.op === 'append') return Buffer.concat([bytes, d.data])
  return bytes
}

// ---------------------------------------------------------------------------------------------

describe('fuzz: the backup reader', () => {
  it('reads a valid generated backup: its header, every table and row', async () => {
    counts['valid backup'] = RUNS
    await fc.assert(
      fc.asyncProperty(tablesArb, async (tables) => {
        const header = await check(gzipSync(backupText(tables)))
        expect(header.tables).toEqual(tables.map((t) => ({ name: t.name, columns: t.columns, rows: t.data.length })))
        expect(header.migrations).toEqual(MIGRATIONS)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  }, TIMEOUT)

  it('refuses a damaged backup with one Danish line, or reads it only when every table has the rows its header promises', async () => {
    counts['damaged backup'] = RUNS
    await fc.assert(
      fc.asyncProperty(tablesArb, damageArb, fc.double({ min: 0, max: 1, noNaN: true }), async (tables, damage, cutAt) => {
        const bytes = damaged(tables, damage, cutAt)
        try {
          const header = await check(bytes)
          // Accepted: it must still be a backup that says what it holds (a damage that changed nothing, or an appended empty line).
          const text = gunzipSync(bytes).toString('utf8')
          for (const t of header.tables) {
            const start = text.indexOf(`\n${TABLE_MARK}${JSON.stringify({ name: t.name, columns: t.columns })}`)
            expect(start, t.name).toBeGreaterThan(0)
          }
        } catch (error) {
          expectRefusal(error)
        }
      }),
      { numRuns: RUNS, seed: SEED },
    )
  }, TIMEOUT)

  it('refuses an endless line by the line limit, in bounded memory', async () => {
    counts['endless line'] = 2
    // 256 MB of one line without an end, about 250 KB packed.
    const endless = gzipSync(Buffer.alloc(256 * 1024 * 1024, 0x41), { level: 9 })
    const heapBefore = process.memoryUsage().heapUsed
    let peak = 0
    const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    await expect(check(endless)).rejects.toThrow(/linje 1 er længere end 64 MB/)
    // The same in a header that is fine and a table row that never ends.
    const [head] = backupText([{ name: 't', columns: ['a'], data: [] }]).split('\n')
    await expect(check(gzipSync(`${head}\n${TABLE_MARK}{"name":"t","columns":["a"]}\n${'x'.repeat(2048)}`), 1024)).rejects.toThrow(/linje 3 er længere end/)
    clearInterval(watch)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024)
    console.log(`backup fuzz: endless line refused, peak RSS ${Math.round(peak / 2 ** 20)} MB`)
  }, TIMEOUT)
})

// ---------------------------------------------------------------------------------------------
// Through restore(), into real databases

let source: TestDatabase
let target: TestDatabase
let real: string
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-backup-fuzz-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))


beforeAll(async () => {
  source = await testDatabase()
  target = await testDatabase()
  await writeAudit(source.db, { actor: { label: 'system' }, action: 'create', entity: 'database', entityId: 'fuzz', details: { note: 'æøå\tlinje\n2' } })
  const file = path.join(dir, 'real.backup.gz')
  await backup(source.url, file)
  real = gunzipSync(fs.readFileSync(file)).toString('utf8')
})

describe('fuzz: restore into a real database', () => {
  it('refuses damaged real backups with one Danish line and leaves the database exactly as it was', async () => {
    counts['damaged real backup, restore()'] = DB_RUNS
    const empty = await emptyDatabase('fuzzempty')
    const lines = real.split('\n')
    const dataLines = lines.flatMap((l, i) => (i > 0 && l !== '' && !l.startsWith('\\') ? [i] : []))
    const damageOfReal = fc.oneof(
      fc.nat(lines.length - 2).map((at) => lines.filter((_, i) => i !== at).join('\n')),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }).map((f) => real.slice(0, Math.floor(real.length * f))),
      fc.constantFrom(2, 0, '1', 1e300).map((v) => [JSON.stringify({ ...JSON.parse(lines[0] as string), formatVersion: v }), ...lines.slice(1)].join('\n')),
      fc.constantFrom(1e15, -1, 0).map((rows) => {
        const header = JSON.parse(lines[0] as string) as { tables: { name: string; rows: number }[] }
        return [JSON.stringify({ ...header, tables: header.tables.map((t) => (t.name === 'audit_log' ? { ...t, rows } : t)) }), ...lines.slice(1)].join('\n')
      }),
      fc.constantFrom(...dataLines).map((at) => lines.map((l, i) => (i === at ? `${l}\tx` : l)).join('\n')),
    )
    const samples = fc.sample(fc.tuple(damageOfReal, fc.boolean()), { numRuns: DB_RUNS, seed: SEED })
    const before = { target: await snapshot(target.url, { withMigrations: true }), empty: await snapshot(empty, { withMigrations: true }) }
    for (const [text, flip] of samples) {
      const bytes = Buffer.from(gzipSync(text))
      if (flip) bytes[Math.floor(bytes.length / 2)]! ^= 0x10
      const file = path.join(dir, 'damaged.backup.gz')
      fs.writeFileSync(file, bytes)
      for (const [name, url] of [['target', target.url], ['empty', empty]] as const) {
        let restored = false
        try {
          await restore(url, file)
          restored = true
        } catch (error) {
          expectRefusal(error)
        }
        // A damage that left a valid backup (a dropped empty line) may restore; nothing else may.
        if (!restored) expect(await snapshot(url, { withMigrations: true }), `${name}: ${text.slice(0, 200)}`).toEqual(before[name])
        else {
          const a = text.split('\n')
          const b = real.split('\n')
          const at = a.findIndex((l, i) => l !== b[i])
          throw new Error(`a damaged backup was restored into ${name}: ${a.length} lines of ${b.length}, first difference at line ${at + 1}: ${JSON.stringify(a[at])?.slice(0, 300)} for ${JSON.stringify(b[at])?.slice(0, 300)}`)
        }
      }
    }
  }, TIMEOUT)

  it('refuses a backup into a database that has data, before any migration runs', async () => {
    const file = path.join(dir, 'older.backup.gz')
    // A backup from an older version: the database is migrated further than it.
    const header = JSON.parse(real.split('\n')[0] as string) as { migrations: string[] }
    fs.writeFileSync(file, gzipSync([JSON.stringify({ ...header, migrations: header.migrations.slice(0, -1) }), ...real.split('\n').slice(1)].join('\n')))
    const before = await snapshot(source.url, { withMigrations: true })
    await expect(restore(source.url, file)).rejects.toThrow(/ikke tom/)
    const targetBefore = await snapshot(target.url, { withMigrations: true })
    await expect(restore(target.url, file)).rejects.toThrow(/ikke tom|nyere version af Indsats end backuppen/)
    expect(await snapshot(source.url, { withMigrations: true })).toEqual(before)
    expect(await snapshot(target.url, { withMigrations: true })).toEqual(targetBefore)
  })
})
