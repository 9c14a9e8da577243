// One CSV read in bench/csv-stream.ts, in a process of its own so its peak memory is its own: reads
// CSV_FILE with readTable ("stream", how Indsats reads CSV now) or as before issue 13's finding 3
// ("whole": the text decoded in one piece and parsed by csv-parse's sync API, under the same row
// limit), and prints one JSON line: rows read or the refusal, time, heap growth and peak RSS.
import { isUtf8 } from 'node:buffer'
import fs from 'node:fs'
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { readTable, TABLE_LIMITS } from '../src/server/features/imports/read-table.ts'

const mode = process.argv[2] as 'stream' | 'whole'
const bytes = fs.readFileSync(process.env.CSV_FILE!)
const mb = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10
globalThis.gc?.()
const heapBefore = process.memoryUsage().heapUsed
const rssBefore = process.memoryUsage().rss
const t0 = performance.now()

async function read(): Promise<{ rows: number; refused: string | null; kept: unknown }> {
  if (mode === 'stream') {
    try {
      const table = await readTable(bytes, 'stor.csv')
      return { rows: table.sheets[0]!.rows.length, refused: null, kept: table }
    } catch (error) {
      return { rows: 0, refused: (error as Error).message, kept: null }
    }
  }
  const text = (isUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, 'win1252')).replace(/\r\n?/g, '\n')
  const rows: { cells: string[]; row: number }[] = []
  let refused: string | null = null
  try {
    parse(text, {
      delimiter: ';',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to: TABLE_LIMITS.rows + 1,
      on_record: (record: string[], context: { lines: number }) => {
        if (rows.length >= TABLE_LIMITS.rows) throw new Error('row limit')
        rows.push({ cells: record, row: context.lines })
        return null
      },
    })
  } catch (error) {
    refused = (error as Error).message
  }
  return { rows: rows.length, refused, kept: rows }
}

const result = await read()
const ms = Math.round(performance.now() - t0)
const heapAfter = process.memoryUsage().heapUsed
// maxRSS: the process's peak resident memory as the kernel counted it (kB).
const peakRss = process.resourceUsage().maxRSS * 1024
process.stdout.write(
  `${JSON.stringify({ mode, fileMb: mb(bytes.length), rows: result.rows, refused: result.refused !== null, ms, heapGrowthMb: mb(heapAfter - heapBefore), peakRssMb: mb(peakRss), peakRssGrowthMb: mb(peakRss - rssBefore), kept: result.kept !== null })}\n`,
)
