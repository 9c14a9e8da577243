import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { frequencyLabels } from '../../../shared/agreements.ts'
import { type IndicatorSeries, type IndicatorValueDto, type Population, populationLabels } from '../../../shared/indicators.ts'
import { formatBaselineTime, formatMeasure, formatTargetAmount } from '../../../shared/agreement-wording.ts'
import { comparePeriods, periodLabel } from '../../../shared/lib/period.ts'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { IndicatorChart } from './indicator-chart.tsx'
import { chartModel } from './indicator-chart-model.ts'
import { type MeasureName, measureLabels, plainText, populationShort, provenanceText, seriesMeasures, seriesName, valueText } from './indicator-format.ts'
import { LockedMark } from './indicator-period-locks.tsx'
import { StatusBadge } from './indicator-status-badge.tsx'
import { ValueForm } from './indicator-value-form.tsx'
import { historyPath } from './indicators.api.ts'

// One indicator row on the dashboard: its status and why, the chart, the numbers behind it with
// where each came from, values from an earlier definition apart, and (for staff) a form to add one.

export interface SeriesContext {
  planId: string
  agreementId: string
  /** The agreement's last day: where the target is to be reached. */
  horizon: string
  suppressed: boolean
  lockedPeriods: ReadonlySet<string>
  canEnterValues: boolean
  onChanged: () => void
}

export function SeriesBlock({ series, context, headingLevel, showHeading }: { series: IndicatorSeries; context: SeriesContext; headingLevel: 4 | 5; showHeading: boolean }) {
  const measures = seriesMeasures(series)
  const [measure, setMeasure] = useState<MeasureName>(measures[0] ?? 'share')
  const model = useMemo(() => chartModel({ series, measure, horizon: context.horizon, suppressed: context.suppressed }), [series, measure, context.horizon, context.suppressed])
  const name = seriesName(series)
  const prefix = `${series.indicatorKey}-${series.rowKey}`
  const Heading = `h${headingLevel}` as const
  // Headings inside the row sit one below the row's heading, or below the indicator's when the row has none.
  const inner = (showHeading ? headingLevel + 1 : headingLevel) as 4 | 5 | 6

  return (
    <div className="indicator-series">
      {showHeading && <Heading className="series-heading">{series.rowLabel ?? 'Alle'}</Heading>}
      <div className="series-status">
        <StatusBadge state={series.status.state} />
        <p className="series-explanation">{plainText(series.status.explanation)}</p>
      </div>
      <SeriesFacts series={series} />

      {model.hasValues && measures.length > 1 && (
        <RadioGroup
          id={`${prefix}-measure`}
          legend="Vis i diagrammet"
          inline
          options={measures.map((m) => ({ value: m, label: measureLabels[m] }))}
          value={measure}
          onChange={(v) => setMeasure(v as MeasureName)}
          className="measure-switch"
        />
      )}
      {model.hasValues && <IndicatorChart model={model} name={name} />}
      <ValuesTable series={series} context={context} name={name} />
      {series.earlierDefinition.length > 0 && <EarlierDefinition series={series} context={context} name={name} headingLevel={inner} />}
      {context.canEnterValues && (
        <ValueForm
          planId={context.planId}
          agreementId={context.agreementId}
          series={series}
          lockedPeriods={context.lockedPeriods}
          idPrefix={`${prefix}-value`}
          headingLevel={inner}
          onSaved={context.onChanged}
        />
      )}
    </div>
  )
}

function SeriesFacts({ series }: { series: IndicatorSeries }) {
  const source = [series.dataSource, series.frequency && frequencyLabels[series.frequency]].filter(Boolean).join(' / ')
  return (
    <dl className="series-facts">
      <div>
        <dt>Baseline ({formatBaselineTime(series.baselineTime)})</dt>
        <dd>
          {populationShort.area}: {formatMeasure(series.baseline)}
          {series.comparisonBaseline && (
            <>
              <br />
              {populationShort.comparison}: {formatMeasure(series.comparisonBaseline)}
            </>
          )}
        </dd>
      </div>
      {series.targets.length > 0 && (
        <div>
          <dt>Måltal</dt>
          <dd>{series.targets.map((t) => formatTargetAmount(t)).join('; ')}</dd>
        </div>
      )}
      {source && (
        <div>
          <dt>Datakilde</dt>
          <dd>{source}</dd>
        </div>
      )}
    </dl>
  )
}

interface PeriodRow {
  period: string
  area?: IndicatorValueDto
  comparison?: IndicatorValueDto
}

function byPeriod(values: IndicatorValueDto[]): PeriodRow[] {
  const rows = new Map<string, PeriodRow>()
  for (const value of values) {
    const row = rows.get(value.period) ?? { period: value.period }
    row[value.population] = value
    rows.set(value.period, row)
  }
  return [...rows.values()].sort((a, b) => comparePeriods(a.period, b.period))
}

/** The numbers behind the chart, with where each came from and a way to its corrections. */
function ValuesTable({ series, context, name, earlier }: { series: IndicatorSeries; context: SeriesContext; name: string; earlier?: boolean }) {
  const rows = byPeriod(earlier ? series.earlierDefinition : series.values)
  const caption = earlier ? `Værdier efter en tidligere definition af ${name}` : `Værdier for ${name}`
  if (rows.length === 0) return <p className="no-values">Der er ingen værdier for indikatoren endnu.</p>
  return (
    <TableScroller label={caption}>
      <table className="table table--compact values-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Periode</th>
            <th scope="col" className="number-cell">
              {populationShort.area}
            </th>
            <th scope="col" className="number-cell">
              {populationShort.comparison}
            </th>
            <th scope="col">Kilde</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.period}>
              <th scope="row" className="weight-normal text-nowrap">
                {periodLabel(row.period)}
                {context.lockedPeriods.has(row.period) && (
                  <span className="cell-line small-text">
                    <LockedMark short />
                  </span>
                )}
              </th>
              <ValueCell series={series} context={context} value={row.area} population="area" />
              <ValueCell series={series} context={context} value={row.comparison} population="comparison" />
              <td>
                <SourceText row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  )
}

function ValueCell({ series, context, value, population }: { series: IndicatorSeries; context: SeriesContext; value: IndicatorValueDto | undefined; population: Population }) {
  if (!value) {
    return (
      <td className="number-cell">
        <span aria-hidden="true">–</span>
        <span className="sr-only">Ingen værdi</span>
      </td>
    )
  }
  const key = { indicatorKey: series.indicatorKey, rowKey: series.rowKey, population, period: value.period }
  return (
    <td className="number-cell">
      <span className="cell-line">{valueText(value, series, context.suppressed)}</span>
      <Link to={historyPath(context.planId, context.agreementId, key)} className="cell-line small-text history-link">
        {value.note ? 'Rettet – se historik' : 'Historik'}
        <span className="sr-only">
          {' '}
          for {populationLabels[population].toLowerCase()}, {periodLabel(value.period)}
        </span>
      </Link>
    </td>
  )
}

function SourceText({ row }: { row: PeriodRow }) {
  const { area, comparison } = row
  if (area && comparison && provenanceText(area.provenance) === provenanceText(comparison.provenance)) return <>{provenanceText(area.provenance)}</>
  return (
    <>
      {area && <span className="cell-line">{comparison ? `${populationShort.area}: ` : ''}{provenanceText(area.provenance)}</span>}
      {comparison && <span className="cell-line">{area ? `${populationShort.comparison}: ` : ''}{provenanceText(comparison.provenance)}</span>}
    </>
  )
}

/** Values from before the definition changed: shown for the record, never on the same line. */
function EarlierDefinition({ series, context, name, headingLevel }: { series: IndicatorSeries; context: SeriesContext; name: string; headingLevel: 4 | 5 | 6 }) {
  const Heading = `h${headingLevel}` as const
  return (
    <div className="earlier-definition">
      <Heading>Tidligere definition</Heading>
      <p>
        Disse værdier er registreret, før indikatorens definition blev ændret. De måler ikke det samme som de nuværende, så de indgår ikke i diagrammet
        eller i status.
      </p>
      <ValuesTable series={series} context={context} name={name} earlier />
    </div>
  )
}
