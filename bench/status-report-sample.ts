import { randomUUID } from 'node:crypto'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { definitionVersion, indicatorSeries } from '../src/server/features/indicators/indicator-series.ts'
import type { FollowUp, IndicatorValueDto, PeriodKey, Population } from '../src/shared/indicators.ts'

// A follow-up of the Sønderborg seed agreement with made-up quarterly values, built in memory by the
// same series builder the indicators service uses: for the benchmark and for trying the renderers
// without a database. The figures drift from the baseline in a fixed, repeatable way (no randomness).

export interface SampleOptions {
  /** Quarters of values, ending with `lastPeriod`. */
  quarters?: number
  lastPeriod?: PeriodKey
  /** Quarters to mark as approved (locked). */
  locked?: PeriodKey[]
}

function quartersEndingWith(last: PeriodKey, n: number): PeriodKey[] {
  let y = Number(last.slice(0, 4))
  let q = Number(last.slice(6))
  const out: PeriodKey[] = []
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-Q${q}`)
    if (--q === 0) {
      q = 4
      y--
    }
  }
  return out
}

export function sampleFollowUp(options: SampleOptions = {}): { followUp: FollowUp; planName: string; municipality: string; validTo: string } {
  const { file } = readSeedAgreement('soenderborg-beskaeftigelse')
  const content = file.agreement
  const periods = quartersEndingWith(options.lastPeriod ?? '2025-Q2', options.quarters ?? 16)
  const recordedAt = '2025-08-01T08:00:00.000Z'
  const values: IndicatorValueDto[] = []
  let n = 0
  for (const goal of content.goals) {
    for (const indicator of goal.indicators) {
      const version = definitionVersion(indicator)
      for (const row of indicator.rows) {
        n++
        for (const [population, base] of [
          ['area', row.baseline],
          ['comparison', row.comparison ?? row.baseline],
        ] as [Population, typeof row.baseline][]) {
          periods.forEach((period, i) => {
            // A slow drift towards the target with a small wobble, different for each row.
            const drift = population === 'area' ? 1 + (i / periods.length) * (indicator.targets.length ? 1.6 : -0.25) : 1 - i * 0.004
            const wobble = 1 + 0.03 * Math.sin(i * 1.7 + n)
            const share = base.share !== undefined ? Math.min(100, Math.round(base.share * drift * wobble * 100) / 100) : null
            const count = base.count !== undefined ? Math.round(base.count * drift * wobble) : null
            values.push({
              id: randomUUID(),
              indicatorKey: indicator.key,
              rowKey: row.key,
              population,
              period,
              share,
              count,
              countHidden: false,
              note: null,
              definitionVersion: version,
              provenance:
                i % 2 === 0
                  ? { kind: 'typed', userName: 'Anna Jensen' }
                  : { kind: 'imported', importId: randomUUID(), fileName: `jobcenter-${period}.xlsx`, row: 2 + n, sheet: 'Udtræk', source: 'xlsx' },
              recordedAt,
              retracted: false,
            })
          })
        }
      }
    }
  }
  const series = indicatorSeries(content, values, '2025-08-01')
  const firstIndicator = content.goals[0]!.indicators[0]!.key
  const followUp: FollowUp = {
    agreementId: randomUUID(),
    planId: randomUUID(),
    title: content.title,
    revisionNumber: 1,
    series,
    periods: (options.locked ?? periods.slice(0, -1)).map((period) => ({ period, locked: true, at: recordedAt, by: 'Projektleder', reason: null })),
    comments: periods.map((period) => ({
      id: randomUUID(),
      indicatorKey: firstIndicator,
      period,
      text: `Tallene for ${period} er drøftet med jobcentret.`,
      by: 'Anna Jensen',
      at: recordedAt,
    })),
    suppressed: false,
  }
  return { followUp, planName: file.plan.name, municipality: file.plan.municipality, validTo: content.validTo }
}
