// npm run bench -- csv-stream: memory of reading a large CSV file (issue 13, finding 3), now streamed
// (readTable) against the text read in one piece as before (the baseline, measured in the same run),
// for a 100 000-row, a 299 999-row (just under the row limit) and a 1 000 000-row extract. Each read runs in a process of its own
// (csv-stream-child.ts); the results are the peak RSS and heap growth of that process. Both sides stop
// at the row limit (TABLE_LIMITS.rows), so the 1 M-row file is refused after its first 300 000 rows;
// what differs is what the file's size costs on the way.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const here = import.meta.dirname

/** A value extract as a job centre writes it, `rows` rows under a header, about 40 bytes a row. */
function extract(rows: number): string {
  const lines = ['indikator;række;gruppe;periode;andel;antal']
  for (let i = 0; i < rows; i++) lines.push(`aktiveringsgrad;;Område;${2000 + (i % 25)}-Q${(i % 4) + 1};${i % 100},${i % 10};${i % 997}`)
  return `${lines.join('\n')}\n`
}

function readIn(mode: 'stream' | 'whole', file: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'csv-stream-child.ts'), mode], {
    env: { ...process.env, CSV_FILE: file, NODE_OPTIONS: '--max-old-space-size=4096' },
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>
}

export async function runCsvStreamBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-csv-bench-'))
  try {
    const results: Record<string, { stream: Record<string, unknown>; whole: Record<string, unknown> }> = {}
    for (const rows of [100_000, 299_999, 1_000_000]) {
      const file = path.join(dir, `${rows}.csv`)
      fs.writeFileSync(file, extract(rows))
      const whole = readIn('whole', file)
      const stream = readIn('stream', file)
      results[`${rows} rows`] = { whole, stream }
      process.stdout.write(`${rows} rows: whole ${JSON.stringify(whole)}\n${rows} rows: stream ${JSON.stringify(stream)}\n`)
      fs.rmSync(file)
    }
    const growth = (key: string, mode: 'stream' | 'whole') => Number(results[key]![mode].peakRssGrowthMb)
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100
    const out = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      what: 'Reading a generated value extract (about 40 bytes a row) with readTable, streamed, against the text decoded and parsed in one piece (baseline), each in its own process. peakRssGrowthMb is the peak resident memory above the process before the read (the file\'s bytes already loaded). Both stop at the row limit of 300 000 rows.',
      results,
      ratios: {
        'stream/whole peak RSS growth, 100 000 rows': ratio(growth('100000 rows', 'stream'), growth('100000 rows', 'whole')),
        'stream/whole peak RSS growth, 1 000 000 rows': ratio(growth('1000000 rows', 'stream'), growth('1000000 rows', 'whole')),
        'stream: 1 000 000 rows / 100 000 rows peak RSS growth': ratio(growth('1000000 rows', 'stream'), growth('100000 rows', 'stream')),
        'whole: 1 000 000 rows / 100 000 rows peak RSS growth': ratio(growth('1000000 rows', 'whole'), growth('100000 rows', 'whole')),
        'stream: 1 000 000 rows / 299 999 rows (the most that is read) peak RSS growth': ratio(growth('1000000 rows', 'stream'), growth('299999 rows', 'stream')),
        'whole: 1 000 000 rows / 299 999 rows peak RSS growth': ratio(growth('1000000 rows', 'whole'), growth('299999 rows', 'whole')),
      },
    }
    fs.mkdirSync(path.join(here, 'results'), { recursive: true })
    fs.writeFileSync(path.join(here, 'results/csv-stream.json'), `${JSON.stringify(out, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(out.ratios, null, 2)}\n`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
