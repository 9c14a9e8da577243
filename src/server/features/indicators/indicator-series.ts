import { createHash } from 'node:crypto'
import type { AgreementContent, Indicator } from '../../../shared/agreements.ts'
import type { IndicatorSeries, IndicatorValueDto } from '../../../shared/indicators.ts'
import { comparePeriods } from '../../../shared/lib/period.ts'
import { indicatorStatus } from './indicator-status.ts'

// The value series of an agreement: one per row of every indicator, with its values in period order
// and its status on a day. Pure: the follow-up service feeds it values from the database, the
// status-report benchmark feeds it made-up ones.

/**
 * The version of an indicator's definition. Values recorded under one definition are never compared
 * with values under another: a change starts a new series. The name is left out on purpose, so
 * mending a typo in it does not break a series; what is counted (definition, numerator,
 * denominator) and where the figures come from (data source) are in.
 */
export function definitionVersion(indicator: Indicator): string {
  // Kept per indicator object: the agreements read for the follow-up are parsed once and frozen, so
  // the same object comes back on every read (an unfrozen one could change, and is hashed each time).
  const kept = Object.isFrozen(indicator) ? versions.get(indicator) : undefined
  if (kept) return kept
  const version = hashDefinition(indicator)
  if (Object.isFrozen(indicator)) versions.set(indicator, version)
  return version
}

const versions = new WeakMap<Indicator, string>()

function hashDefinition(indicator: Indicator): string {
  const defining = { definition: indicator.definition ?? null, numerator: indicator.numerator ?? null, denominator: indicator.denominator ?? null, dataSource: indicator.dataSource ?? null }
  return createHash('sha256').update(JSON.stringify(defining)).digest('hex').slice(0, 12)
}

/**
 * Every row of every indicator of `content`, in the agreement's order, with the values for it (of any
 * definition: those of an earlier one are kept apart) and its status on `asOf` ("YYYY-MM-DD").
 */
export function indicatorSeries(content: AgreementContent, values: readonly IndicatorValueDto[], asOf: string): IndicatorSeries[] {
  const series: IndicatorSeries[] = []
  for (const goal of content.goals) {
    for (const indicator of goal.indicators) {
      const version = definitionVersion(indicator)
      for (const row of indicator.rows) {
        const own = values.filter((v) => v.indicatorKey === indicator.key && v.rowKey === row.key).sort((a, b) => comparePeriods(a.period, b.period))
        const current = own.filter((v) => v.definitionVersion === version)
        series.push({
          goalKey: goal.key,
          goalText: goal.text,
          indicatorKey: indicator.key,
          indicatorName: indicator.name,
          rowKey: row.key,
          rowLabel: row.label ?? null,
          definitionVersion: version,
          baseline: row.baseline,
          comparisonBaseline: row.comparison ?? null,
          baselineTime: indicator.baselineTime,
          frequency: indicator.frequency ?? null,
          dataSource: indicator.dataSource ?? null,
          targets: indicator.targets,
          values: current,
          earlierDefinition: own.filter((v) => v.definitionVersion !== version),
          status: indicatorStatus(
            {
              baseline: row.baseline,
              baselineTime: indicator.baselineTime,
              targets: indicator.targets,
              values: current.filter((v) => v.population === 'area'),
              horizon: content.validTo,
            },
            asOf,
          ),
        })
      }
    }
  }
  return series
}
