import type { ReactNode } from 'react'
import type { Population } from '../../../shared/indicators.ts'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { CHART, type ChartMark, type ChartModel, type ChartPoint } from './indicator-chart-model.ts'
import { formatMeasureValue, HIDDEN_COUNT, populationShort, provenanceText } from './indicator-format.ts'

// One indicator row's values over time as an inline SVG: no chart library, so it is exactly as
// accessible as we make it. The picture is one image to assistive technology (role="img" with a
// summary); every number is also in the table below it. Area and comparison differ in colour, dash
// pattern AND marker shape, so neither colour vision nor a black-and-white print is needed.

const lineStyle: Record<Population, { className: string; dash?: string }> = {
  area: { className: 'chart-area' },
  comparison: { className: 'chart-comparison', dash: '8 5' },
}

export function IndicatorChart({ model, name }: { model: ChartModel; name: string }) {
  const { width, height, left, right, top, bottom } = CHART
  const pathOf = (points: ChartPoint[]) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y!.toFixed(1)}`).join(' ')
  return (
    <figure className="indicator-chart">
      {/* On a phone the chart keeps a readable size and scrolls sideways in its own box. */}
      <TableScroller label={`Diagram over ${name}`}>
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={model.summary} className="indicator-chart-svg">
          {/* Axes and grid */}
          <g className="chart-grid">
            {model.yTicks.map((tick) => (
              <g key={tick.label}>
                <line x1={left} x2={width - right} y1={tick.y} y2={tick.y} />
                <text x={left - 8} y={tick.y} dy="0.32em" textAnchor="end" className="chart-tick">
                  {tick.label}
                </text>
              </g>
            ))}
            {model.xGrid.map((x) => (
              <line key={x} x1={x} x2={x} y1={top} y2={height - bottom + 8} className="chart-x-grid" />
            ))}
            {model.xLabels.map((tick) => (
              <text key={tick.label} x={tick.x} y={height - bottom + 22} textAnchor="middle" className="chart-tick">
                {tick.label}
              </text>
            ))}
            <line x1={left} x2={width - right} y1={height - bottom} y2={height - bottom} className="chart-axis" />
            <line x1={left} x2={left} y1={top} y2={height - bottom} className="chart-axis" />
          </g>

          {model.trajectory && (
            <g className="chart-target">
              <line x1={model.trajectory.from.x} y1={model.trajectory.from.y} x2={model.trajectory.to.x} y2={model.trajectory.to.y} strokeDasharray="2 5" />
              <circle cx={model.trajectory.to.x} cy={model.trajectory.to.y} r={5} />
              <text x={model.trajectory.to.x} y={model.trajectory.to.y - 10} textAnchor="end" className="chart-label">
                Måltal {formatMeasureValue(model.trajectory.to.value, model.measure)}
              </text>
              <title>
                Forventet vej fra baselinen til måltallet {formatMeasureValue(model.trajectory.to.value, model.measure)} ved delaftalens udløb{' '}
                {model.trajectory.to.label}
              </title>
            </g>
          )}
          {model.targetLevel && (
            <g className="chart-target">
              <line x1={left} x2={width - right} y1={model.targetLevel.y} y2={model.targetLevel.y} strokeDasharray="2 5" />
              <text x={width - right} y={model.targetLevel.y - 8} textAnchor="end" className="chart-label">
                Måltal {formatMeasureValue(model.targetLevel.value, model.measure)}
              </text>
            </g>
          )}

          {model.lines.map((line) => {
            const style = lineStyle[line.population]
            return (
              <g key={line.population} className={style.className}>
                {line.segments.map((segment, i) => (
                  <path key={i} d={pathOf(segment)} fill="none" strokeDasharray={style.dash} className="chart-line" />
                ))}
                {line.points.map((point) =>
                  point.value === null ? (
                    <g key={point.period} className="chart-hidden">
                      <text x={point.x} y={height - bottom - 8} textAnchor="middle">
                        ?
                      </text>
                      <title>
                        {point.label}: {populationShort[line.population]} – antal {HIDDEN_COUNT}
                      </title>
                    </g>
                  ) : (
                    <Marker key={point.period} population={line.population} x={point.x} y={point.y!}>
                      {point.label}: {populationShort[line.population]} {formatMeasureValue(point.value, model.measure)} ({provenanceText(point.provenance)})
                    </Marker>
                  ),
                )}
              </g>
            )
          })}

          {model.comparisonBaseline && <BaselineMark mark={model.comparisonBaseline} measure={model.measure} population="comparison" />}
          {model.baseline && <BaselineMark mark={model.baseline} measure={model.measure} population="area" />}
        </svg>
      </TableScroller>
      <figcaption>
        <ChartLegend model={model} />
      </figcaption>
    </figure>
  )
}

/** Area: a circle; comparison: a square. With a tooltip (<title>) for mouse users. */
function Marker({ population, x, y, children }: { population: Population; x: number; y: number; children: ReactNode }) {
  return (
    <g className="chart-point">
      {population === 'area' ? <circle cx={x} cy={y} r={5} /> : <rect x={x - 5} y={y - 5} width={10} height={10} />}
      {/* A larger, invisible target, so the tooltip is easy to hit. */}
      <circle cx={x} cy={y} r={12} className="chart-hit" />
      <title>{children}</title>
    </g>
  )
}

function BaselineMark({ mark, measure, population }: { mark: ChartMark; measure: ChartModel['measure']; population: Population }) {
  const size = 7
  return (
    <g className={`chart-baseline chart-baseline-${population}`}>
      <path d={`M${mark.x},${mark.y - size} L${mark.x + size},${mark.y} L${mark.x},${mark.y + size} L${mark.x - size},${mark.y} Z`} />
      {population === 'area' && (
        <text x={mark.x + 10} y={mark.y + 18} className="chart-label">
          Baseline {formatMeasureValue(mark.value, measure)}
        </text>
      )}
      <title>
        Baseline for {population === 'area' ? 'boligområdet' : 'kommunen'}: {formatMeasureValue(mark.value, measure)} ({mark.label})
      </title>
    </g>
  )
}

/** The key to the chart, in words and with the same line and marker as the chart draws. */
function ChartLegend({ model }: { model: ChartModel }) {
  const hasComparison = model.lines.some((l) => l.points.length > 0 && l.population === 'comparison') || model.comparisonBaseline !== null
  return (
    <ul className="nobullet-list no-max-width chart-legend">
      <li>
        <LegendSwatch kind="area" />
        Boligområde/målgruppe (fuld linje, runde punkter)
      </li>
      {hasComparison && (
        <li>
          <LegendSwatch kind="comparison" />
          Kommune (stiplet linje, firkantede punkter)
        </li>
      )}
      {(model.baseline || model.comparisonBaseline) && (
        <li>
          <LegendSwatch kind="baseline" />
          {model.comparisonBaseline ? 'Baseline (ruder: fyldt for boligområdet, hul for kommunen)' : 'Baseline (rude)'}
        </li>
      )}
      {model.trajectory && (
        <li>
          <LegendSwatch kind="target" />
          Forventet vej: ret linje fra baselinen til måltallet ved delaftalens udløb (prikket)
        </li>
      )}
      {model.targetLevel && (
        <li>
          <LegendSwatch kind="target" />
          Måltal (prikket)
        </li>
      )}
      {model.lines.some((l) => l.points.some((p) => p.value === null)) && (
        <li>
          <span className="legend-swatch legend-hidden" aria-hidden="true">
            ?
          </span>
          Antal skjult af hensyn til små tal
        </li>
      )}
    </ul>
  )
}

function LegendSwatch({ kind }: { kind: 'area' | 'comparison' | 'baseline' | 'target' }) {
  return (
    <svg className={`legend-swatch legend-${kind}`} viewBox="0 0 36 16" aria-hidden="true" focusable="false">
      {kind === 'area' && (
        <g className="chart-area">
          <line x1={0} x2={36} y1={8} y2={8} className="chart-line" />
          <circle cx={18} cy={8} r={4.5} className="chart-point-shape" />
        </g>
      )}
      {kind === 'comparison' && (
        <g className="chart-comparison">
          <line x1={0} x2={36} y1={8} y2={8} strokeDasharray="8 5" className="chart-line" />
          <rect x={13.5} y={3.5} width={9} height={9} className="chart-point-shape" />
        </g>
      )}
      {kind === 'baseline' && (
        <g className="chart-baseline chart-baseline-area">
          <path d="M18,1 L25,8 L18,15 L11,8 Z" />
        </g>
      )}
      {kind === 'target' && (
        <g className="chart-target">
          <line x1={0} x2={36} y1={8} y2={8} strokeDasharray="2 5" />
        </g>
      )}
    </svg>
  )
}
