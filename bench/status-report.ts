// Time to make the board's status report for the Sønderborg agreement with four years of quarterly
// values (16 quarters × area and comparison × 4 indicator rows), built in memory as the indicators
// service returns it (no database): the model, then each format. Written to
// bench/results/status-report.json. Baseline in the same run: JSON.stringify of the same follow-up,
// so the figures read as "so many times the cheapest possible output".
import fs from 'node:fs'
import os from 'node:os'
import { renderChartPng, statusReportChartSvg } from '../src/server/features/reports/status-report-chart.ts'
import { renderStatusReportDocx } from '../src/server/features/reports/status-report-docx.ts'
import { renderStatusReportPdf } from '../src/server/features/reports/status-report-pdf.ts'
import { sampleFollowUp } from './status-report-sample.ts'
import { renderStatusReportXlsx } from '../src/server/features/reports/status-report-xlsx.ts'
import { statusReportModel } from '../src/server/features/reports/status-report.ts'
import { median, round } from './startup.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const PERIOD = '2025-Q2'

async function timed(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

export async function runStatusReportBench(): Promise<void> {
  const sample = sampleFollowUp({ quarters: 16, lastPeriod: PERIOD })
  const values = sample.followUp.series.reduce((n, s) => n + s.values.length, 0)
  const input = { ...sample, period: PERIOD, generatedAt: new Date(), threshold: 5 }
  const model = statusReportModel(input)
  const rows = model.goals.flatMap((g) => g.indicators.flatMap((i) => i.rows))

  const baseline: number[] = []
  for (let i = 0; i < RUNS + 1; i++) baseline.push(await timed(() => JSON.stringify(sample.followUp)))
  const baselineMs = median(baseline.slice(1))

  const steps: Record<string, () => Promise<number>> = {
    model: async () => JSON.stringify(statusReportModel(input)).length,
    chartsSvg: async () => rows.map((r) => statusReportChartSvg(r.chart)).join('').length,
    chartsPng: async () => rows.reduce((n, r) => n + renderChartPng(statusReportChartSvg(r.chart)).length, 0),
    // Each format from the follow-up, model included: what a download costs apart from the database.
    // Word's first run rasterises the charts; later runs, and Excel after Word, reuse them (chartPng).
    docx: async () => (await renderStatusReportDocx(statusReportModel(input))).length,
    xlsx: async () => (await renderStatusReportXlsx(statusReportModel(input))).length,
    pdf: async () => (await renderStatusReportPdf(statusReportModel(input))).length,
  }
  const results = {} as Record<string, { medianMs: number; firstRunMs: number; bytes: number; vsJsonStringify: number }>
  for (const [name, step] of Object.entries(steps)) {
    let bytes = 0
    // The first run loads the renderer's modules and fonts; it is reported apart.
    const first = await timed(async () => (bytes = await step()))
    const runs: number[] = []
    for (let i = 0; i < RUNS; i++) runs.push(await timed(step))
    results[name] = { medianMs: round(median(runs)), firstRunMs: round(first), bytes, vsJsonStringify: round(median(runs) / baselineMs) }
  }

  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    runs: RUNS,
    followUp: { agreement: 'soenderborg-beskaeftigelse', period: PERIOD, quarters: 16, indicatorRows: sample.followUp.series.length, values, jsonBytes: JSON.stringify(sample.followUp).length },
    baselineJsonStringifyMs: round(baselineMs * 1000) / 1000,
    steps: results,
  }
  fs.mkdirSync('bench/results', { recursive: true })
  fs.writeFileSync('bench/results/status-report.json', `${JSON.stringify(result, null, 2)}\n`)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}
