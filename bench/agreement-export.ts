// Time to write one agreement revision in each format, for both seed agreements, written to
// bench/results/agreement-export.json. Baseline in the same run: JSON.stringify of the same
// document, so the figures read as "so many times the cheapest possible output".
import fs from 'node:fs'
import os from 'node:os'
import { exportAgreement } from '../src/server/features/agreements/agreement-export.ts'
import { parseAgreementFile } from '../src/server/features/agreements/agreement-file.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { ExportFormat } from '../src/shared/agreements.ts'
import { median, round } from './startup.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

async function timed(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

export async function runAgreementExportBench(): Promise<void> {
  const seeds = {} as Record<string, unknown>
  for (const name of ['soenderborg-beskaeftigelse', 'varde-beskaeftigelse'] as const) {
    const { source, file } = readSeedAgreement(name)
    const input = { file, effortAreaName: 'Beskæftigelse', revisionNumber: 1, municipality: file.plan.municipality, generatedAt: new Date() }
    const baseline: number[] = []
    const parse: number[] = []
    for (let i = 0; i < RUNS + 1; i++) {
      baseline.push(await timed(() => JSON.stringify(file)))
      parse.push(await timed(() => parseAgreementFile(source)))
    }
    const formats = {} as Record<string, { medianMs: number; firstRunMs: number; bytes: number; vsJsonStringify: number }>
    const baselineMs = median(baseline.slice(1))
    for (const format of ExportFormat.options) {
      let bytes = 0
      const runs: number[] = []
      // The first run loads the renderer's modules and fonts; it is reported apart.
      const first = await timed(async () => (bytes = (await exportAgreement(input, format)).body.length))
      for (let i = 0; i < RUNS; i++) runs.push(await timed(() => exportAgreement(input, format)))
      formats[format] = { medianMs: round(median(runs)), firstRunMs: round(first), bytes, vsJsonStringify: round(median(runs) / baselineMs) }
    }
    seeds[name] = { sourceBytes: source.length, baselineJsonStringifyMs: round(baselineMs * 1000) / 1000, parseAndValidateYamlMs: round(median(parse.slice(1))), formats }
  }
  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    runs: RUNS,
    seeds,
  }
  fs.mkdirSync('bench/results', { recursive: true })
  fs.writeFileSync('bench/results/agreement-export.json', `${JSON.stringify(result, null, 2)}\n`)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}
