// Import of a 100 000-row job-centre extract (CSV, Windows-1252, semicolons, decimal commas) into the
// embedded PostgreSQL, step by step, written to bench/results/value-import.json. Baselines in the
// same run: csv-parse alone on the same bytes; a bare multi-row INSERT of the same 100 000 values
// into a table of the same shape without any of Indsats's checks; and COPY of the same rows (as CSV
// text, as psql's \copy sends them) into a copy of indicator_value with the same indexes, the fastest
// way PostgreSQL takes rows in.
// Then the whole command-line import as an operator runs it (`indsats values import`, a process of its
// own on the bench's running database: start, read, check, preview, commit) against psql's `\copy` of
// the same rows into a fresh copy of indicator_value with the same indexes (a process too), pair by
// pair in the same run, with each process's peak RSS (GNU time's maximum resident set size), and the
// CPU time the process and PostgreSQL used (steadier than wall time on a shared machine). A third
// process in each round, psql's \copy of the rows as the command line writes them into a copy with
// indicator_value's constraints too (foreign keys, checked row by row, and checks), is the floor of
// the command line's own writing.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import os from 'node:os'
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { sql } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { readTable } from '../src/server/features/imports/read-table.ts'
import { parseValueRows } from '../src/server/features/indicators/import/value-rows.ts'
import { commitImport, previewImport } from '../src/server/features/indicators/indicators.service.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import { median, round } from './startup.ts'
import { benchDatabase } from './lib/database.ts'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
const PROCESS_RUNS = Number(process.env.BENCH_IMPORT_PROCESS_RUNS ?? 3)

const TICK_MS = 1000 / 100

/**
 * CPU time (ms) PostgreSQL has used so far: the postmaster, the backends it has reaped (a closed
 * connection's backend is counted here once it ends) and those still running. Null without /proc.
 */
function postgresCpuMs(postmasterPid: number): number | null {
  const stat = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ').map(Number)
  // After the name: utime, stime, cutime, cstime are fields 14–17 of stat, 12–15 here.
  const own = (fields: number[]) => fields[11]! + fields[12]!
  const reaped = (fields: number[]) => fields[13]! + fields[14]!
  try {
    // Read again if the postmaster reaped a backend while its children were read: that backend would
    // be in neither figure, and the reading too low (a later reading minus it could go negative).
    for (;;) {
      const postmaster = stat(postmasterPid)
      let total = own(postmaster) + reaped(postmaster)
      for (const child of fs.readFileSync(`/proc/${postmasterPid}/task/${postmasterPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
        try {
          total += own(stat(Number(child)))
        } catch {
          // Ended meanwhile: counted with the postmaster's reaped children, read again below.
        }
      }
      if (reaped(stat(postmasterPid)) === reaped(postmaster)) return total * TICK_MS
    }
  } catch {
    return null
  }
}

/**
 * Runs a command under GNU time: its wall time (measured here), its peak RSS in MiB, and the CPU time
 * it and PostgreSQL used (its own user + system time, and PostgreSQL's over the same span): on a
 * shared machine the CPU is the steadier figure.
 */
async function timedProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  postmasterPid?: number,
): Promise<{ ms: number; peakRssMiB: number; cpuMs: number; postgresCpuMs: number | null; output: string }> {
  const timeFile = path.join(os.tmpdir(), `indsats-bench-time-${process.pid}`)
  const pg0 = postmasterPid ? postgresCpuMs(postmasterPid) : null
  const t0 = performance.now()
  const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  const ms = performance.now() - t0
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)
  const [peakKiB, user, system] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
  fs.rmSync(timeFile, { force: true })
  // The backend of the process's connection is reaped by the postmaster just after the process ends.
  if (postmasterPid) await new Promise((resolve) => setTimeout(resolve, 300))
  const pg1 = postmasterPid ? postgresCpuMs(postmasterPid) : null
  return { ms, peakRssMiB: round(peakKiB! / 1024), cpuMs: (user! + system!) * 1000, postgresCpuMs: pg0 !== null && pg1 !== null ? pg1 - pg0 : null, output }
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now()
  const result = await fn()
  return [result, performance.now() - t0]
}

/** Every row a different series and day, so the file has no duplicates: 8 series × N days from 1990. */
function extract(agreement: ReturnType<typeof readSeedAgreement>['file']['agreement']): Buffer {
  const series = agreement.goals.flatMap((g) => g.indicators.flatMap((i) => i.rows.map((r) => ({ indicator: i.name, row: r.label ?? '' }))))
  const lines = ['indikator;række;gruppe;periode;andel;antal']
  const day0 = Date.UTC(1990, 0, 1)
  for (let i = 0; i < ROWS; i++) {
    const s = series[i % series.length]!
    const group = Math.floor(i / series.length) % 2 === 0 ? 'område' : 'kommune'
    const day = new Date(day0 + Math.floor(i / (series.length * 2)) * 86_400_000)
    const period = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`
    lines.push(`${s.indicator};${s.row};${group};${period};${((i % 9000) / 100).toFixed(2).replace('.', ',')};${i % 500}`)
  }
  return iconv.encode(lines.join('\r\n'), 'win1252')
}

export async function runValueImportBench(): Promise<void> {
  const bench = await benchDatabase('import')
  const { ctx, handle, owner } = bench
  try {
    const seed = readSeedAgreement('soenderborg-beskaeftigelse')
    const { agreementId } = await importAgreementFile(ctx, systemAuthority('system'), seed.file, 'seed')
    const bytes = extract(seed.file.agreement)

    const [, csvParseMs] = await timed(() => parse(iconv.decode(bytes, 'win1252'), { delimiter: ';' }))
    const [table, readMs] = await timed(() => readTable(bytes, 'udtraek.csv'))
    const [parsed, checkMs] = await timed(() => parseValueRows(table, seed.file.agreement))
    if (parsed.problems.length > 0) throw new Error(`unexpected problems: ${JSON.stringify(parsed.problems.slice(0, 3))}`)
    const [preview, previewMs] = await timed(() => previewImport(ctx, systemAuthority('cli'), agreementId, { name: 'udtraek.csv', bytes }))
    const [committed, commitMs] = await timed(() => commitImport(ctx, systemAuthority('cli'), agreementId, preview.importId))

    // Baseline: the same values into a table of the same shape, one multi-row INSERT per 2 000 rows.
    await sql`create table bench_values (like indicator_value including defaults including identity)`.execute(owner)
    const [, bareInsertMs] = await timed(async () => {
      for (let i = 0; i < parsed.values.length; i += 2000) {
        await owner
          .insertInto('bench_values' as never)
          .values(
            parsed.values.slice(i, i + 2000).map((v) => ({
              agreement_id: agreementId,
              indicator_key: v.indicatorKey,
              row_key: v.rowKey,
              population: v.population,
              period: v.period,
              period_end: v.period,
              share: v.share,
              count: v.count,
              definition_version: 'x',
              source: 'imported',
              recorded_by_label: 'bench',
            })) as never,
          )
          .execute()
      }
    })

    // Baseline: COPY into a copy of indicator_value with its indexes (not its triggers or checks).
    await sql`create table bench_copy (like indicator_value including defaults including identity including indexes)`.execute(owner)
    const csvText = parsed.values
      .map((v) => [agreementId, v.indicatorKey, v.rowKey, v.population, v.period, v.period, v.share ?? '', v.count ?? '', 'x', 'imported', 'bench'].map((c) => (c === '' ? '' : `"${String(c).replaceAll('"', '""')}"`)).join(','))
      .join('\n')
    const client = new pg.Client({ connectionString: handle.connectionString })
    client.on('error', () => {})
    await client.connect()
    // Unquoted empty fields are NULL in CSV format.
    const [, copyMs] = await timed(async () => {
      try {
        await pipeline(
          Readable.from([csvText]),
          client.query(copyFrom('copy bench_copy (agreement_id, indicator_key, row_key, population, period, period_end, share, count, definition_version, source, recorded_by_label) from stdin with (format csv)')),
        )
      } finally {
        await client.end()
      }
    })
    const copied = await sql<{ n: number }>`select count(*)::int as n from bench_copy`.execute(owner)
    if (copied.rows[0]!.n !== parsed.values.length) throw new Error(`COPY wrote ${copied.rows[0]!.n} rows`)

    // Whole processes: the command line against psql's \copy, alternating, each import into an
    // agreement of its own (the same file twice would change nothing the second time).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-bench-import-files-'))
    const extractFile = path.join(dir, 'udtraek.csv')
    const csvFile = path.join(dir, 'rows.csv')
    fs.writeFileSync(extractFile, bytes)
    fs.writeFileSync(csvFile, csvText)
    // The floor the command line's own writing has: the same rows as it writes them (with their
    // import, as provenance) into a copy of indicator_value with its indexes and its constraints
    // (foreign keys, which PostgreSQL checks row by row, and checks), also with psql's \copy.
    const constrainedFile = path.join(dir, 'rows-with-import.csv')
    fs.writeFileSync(
      constrainedFile,
      parsed.values.map((v) => [agreementId, preview.importId, v.indicatorKey, v.rowKey, v.population, v.period, v.period, v.share ?? '', v.count ?? '', 'x', 'imported', 'bench', v.row].map((c) => (c === '' ? '' : `"${String(c).replaceAll('"', '""')}"`)).join(',')).join('\n'),
    )
    const postmasterPid = Number(fs.readFileSync(path.join(bench.config.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0])
    const cliEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: bench.config.dataDir, LOG_LEVEL: 'silent' }
    delete cliEnv.DATABASE_URL
    delete cliEnv.EMBEDDED_PG_PORT
    // Builds the command line's bundle if needed, outside the timing.
    await timedProcess(process.execPath, ['bin/indsats.mjs', '--help'], cliEnv)
    type Run = Awaited<ReturnType<typeof timedProcess>>
    const loadAverageBefore = os.loadavg().map((l) => Math.round(l * 100) / 100)
    const cliRuns: Run[] = []
    const copyRuns: Run[] = []
    const constrainedRuns: Run[] = []
    for (let i = 0; i < PROCESS_RUNS; i++) {
      const seedCopy = { ...seed.file, agreement: { ...seed.file.agreement, key: `${seed.file.agreement.key}-cli-${i}` } }
      const target = await importAgreementFile(ctx, systemAuthority('system'), seedCopy, 'import')
      const run = await timedProcess(process.execPath, ['bin/indsats.mjs', 'values', 'import', extractFile, '--agreement', target.agreementId], cliEnv, postmasterPid)
      const written = await sql<{ n: number }>`select count(*)::int as n from indicator_value where agreement_id = ${target.agreementId}`.execute(owner)
      if (written.rows[0]!.n !== ROWS) throw new Error(`the command line wrote ${written.rows[0]!.n} rows:\n${run.output}`)
      cliRuns.push(run)
      const table = `bench_copy_${i}`
      await sql`create table ${sql.table(table)} (like indicator_value including defaults including identity including indexes)`.execute(owner)
      copyRuns.push(
        await timedProcess(
          'psql',
          [handle.connectionString, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${table} (agreement_id, indicator_key, row_key, population, period, period_end, share, count, definition_version, source, recorded_by_label) from '${csvFile}' with (format csv)`],
          process.env,
          postmasterPid,
        ),
      )
      const copiedByPsql = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(owner)
      if (copiedByPsql.rows[0]!.n !== ROWS) throw new Error(`\\copy wrote ${copiedByPsql.rows[0]!.n} rows`)
      const constrained = `bench_copy_constrained_${i}`
      await sql`create table ${sql.table(constrained)} (like indicator_value including all)`.execute(owner)
      await sql`alter table ${sql.table(constrained)} add foreign key (agreement_id) references agreement (id), add foreign key (import_id) references value_import (id), add foreign key (recorded_by) references app_user (id)`.execute(owner)
      constrainedRuns.push(
        await timedProcess(
          'psql',
          [handle.connectionString, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${constrained} (agreement_id, import_id, indicator_key, row_key, population, period, period_end, share, count, definition_version, source, recorded_by_label, import_row) from '${constrainedFile}' with (format csv)`],
          process.env,
          postmasterPid,
        ),
      )
    }
    fs.rmSync(dir, { recursive: true, force: true })
    const cliMs = median(cliRuns.map((r) => r.ms))
    const psqlMs = median(copyRuns.map((r) => r.ms))
    const constrainedMs = median(constrainedRuns.map((r) => r.ms))
    // CPU of the process and of PostgreSQL together (null without /proc).
    const cpuOf = (runs: Run[]) => (runs.every((r) => r.postgresCpuMs !== null) ? median(runs.map((r) => r.cpuMs + r.postgresCpuMs!)) : null)
    const [cliCpu, psqlCpu, constrainedCpu] = [cpuOf(cliRuns), cpuOf(copyRuns), cpuOf(constrainedRuns)]

    const result = {
      measuredAt: new Date().toISOString(),
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      rows: ROWS,
      fileBytes: bytes.length,
      valuesCommitted: committed.valueCount,
      baselines: { csvParseOnlyMs: round(csvParseMs), bareInsertMs: round(bareInsertMs), copyMs: round(copyMs) },
      indsats: {
        readTableMs: round(readMs),
        checkRowsMs: round(checkMs),
        previewTotalMs: round(previewMs),
        commitMs: round(commitMs),
        uploadToCommittedMs: round(previewMs + commitMs),
      },
      wholeProcess: {
        runs: PROCESS_RUNS,
        commandLineImportMs: round(cliMs),
        psqlCopyMs: round(psqlMs),
        ratio: round(cliMs / psqlMs),
        commandLinePeakRssMiB: Math.max(...cliRuns.map((r) => r.peakRssMiB)),
        psqlPeakRssMiB: Math.max(...copyRuns.map((r) => r.peakRssMiB)),
        psqlCopyWithConstraintsMs: round(constrainedMs),
        ratioToCopyWithConstraints: round(cliMs / constrainedMs),
        cpu: cliCpu !== null && psqlCpu !== null && constrainedCpu !== null
          ? {
              commandLineMs: round(cliCpu),
              commandLineNodeMs: round(median(cliRuns.map((r) => r.cpuMs))),
              commandLinePostgresMs: round(median(cliRuns.map((r) => r.postgresCpuMs!))),
              psqlCopyMs: round(psqlCpu),
              psqlCopyWithConstraintsMs: round(constrainedCpu),
              ratio: round(cliCpu / psqlCpu),
              ratioToCopyWithConstraints: round(cliCpu / constrainedCpu),
            }
          : null,
        samples: {
          commandLineMs: cliRuns.map((r) => round(r.ms)),
          psqlCopyMs: copyRuns.map((r) => round(r.ms)),
          psqlCopyWithConstraintsMs: constrainedRuns.map((r) => round(r.ms)),
        },
        loadAverageBefore,
      },
      ratios: {
        readTableVsCsvParse: round(readMs / csvParseMs),
        commitVsBareInsert: round(commitMs / bareInsertMs),
        wholeImportVsCsvParsePlusBareInsert: round((previewMs + commitMs) / (csvParseMs + bareInsertMs)),
        commitVsCopy: round(commitMs / copyMs),
        wholeImportVsCsvParsePlusCopy: round((previewMs + commitMs) / (csvParseMs + copyMs)),
      },
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/value-import.json', `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await bench.close()
  }
}
