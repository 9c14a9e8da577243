import { type Goal, type Indicator, type Measure, frequencyLabels } from '../../../shared/agreements.ts'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { formatBaselineTime, formatTargetAmount, measureParts } from '../../../shared/agreement-wording.ts'
import { InlineText } from './agreement-text.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'

// "Delmål og indikatorer": Landsbyggefonden's six-column table, one line per indicator row. A goal
// spans the rows of all its indicators, an indicator those of its own rows, as in the template.

export function GoalsTable({ goals }: { goals: Goal[] }) {
  if (goals.length === 0) return <p>Delaftalen har ingen delmål endnu.</p>
  return (
    <TableScroller label="Delmål og indikatorer">
      <table className="table table--compact goals-table">
        <caption className="sr-only">Delmål og indikatorer for indsatsområdet</caption>
        <TableHead columns={['Delmål', 'Indikator', 'Baseline boligområde/ målgruppe', 'Evt. anden baseline (kommune)', 'Baseline år', 'Datakilde']} />
        {goals.map((goal) => (
          <GoalRows key={goal.key} goal={goal} />
        ))}
      </table>
    </TableScroller>
  )
}

function GoalRows({ goal }: { goal: Goal }) {
  const span = goal.indicators.reduce((n, indicator) => n + indicator.rows.length, 0)
  const goalCell = (
    <th scope="rowgroup" rowSpan={Math.max(1, span)} className="goal-cell">
      <InlineText text={goal.text} />
    </th>
  )
  if (goal.indicators.length === 0) {
    return (
      <tbody>
        <tr>
          {goalCell}
          <td colSpan={5}>Ingen indikatorer endnu.</td>
        </tr>
      </tbody>
    )
  }
  return (
    <tbody>
      {goal.indicators.flatMap((indicator, i) =>
        indicator.rows.map((row, j) => (
          <tr key={`${indicator.key}-${row.key}`}>
            {i === 0 && j === 0 && goalCell}
            {j === 0 && (
              <td rowSpan={indicator.rows.length}>
                <IndicatorCell indicator={indicator} />
              </td>
            )}
            <td>
              <MeasureCell label={row.label} measure={row.baseline} />
            </td>
            <td>
              <MeasureCell label={row.label} measure={row.comparison} />
            </td>
            {j === 0 && (
              <>
                <td rowSpan={indicator.rows.length}>{formatBaselineTime(indicator.baselineTime)}</td>
                <td rowSpan={indicator.rows.length}>
                  <SourceCell indicator={indicator} />
                </td>
              </>
            )}
          </tr>
        )),
      )}
    </tbody>
  )
}

function IndicatorCell({ indicator }: { indicator: Indicator }) {
  return (
    <>
      <span className="weight-semibold">
        <InlineText text={indicator.name} />
      </span>
      {indicator.definition && (
        <span className="cell-line small-text">
          <InlineText text={indicator.definition} />
        </span>
      )}
      {indicator.numerator && indicator.denominator && (
        <span className="cell-line small-text">
          Tæller: {indicator.numerator}. Nævner: {indicator.denominator}.
        </span>
      )}
      {indicator.targets.map((target) => (
        <span key={target.key} className="cell-line indicator-target">
          Måltal: {formatTargetAmount(target)}
        </span>
      ))}
      {indicator.note && (
        <span className="cell-line small-text">
          Note: <InlineText text={indicator.note} />
        </span>
      )}
    </>
  )
}

function MeasureCell({ label, measure }: { label: string | undefined; measure: Measure | undefined }) {
  if (!measure) {
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="sr-only">Ikke angivet</span>
      </>
    )
  }
  const lines = measureParts(measure)
  // "121 aktive jobcentersager" already says which row it is; the label would only repeat it.
  const showLabel = label && !lines.some((line) => line.toLowerCase().includes(label.toLowerCase()))
  return (
    <>
      {showLabel && <span className="cell-line row-label">{label}:</span>}
      {lines.map((line) => (
        <span key={line} className="cell-line measure">
          {line}
        </span>
      ))}
    </>
  )
}

function SourceCell({ indicator }: { indicator: Indicator }) {
  const source = [indicator.dataSource, indicator.frequency && frequencyLabels[indicator.frequency]].filter(Boolean).join(' / ')
  return (
    <>
      {source ? <span className="cell-line">{source}</span> : <span className="cell-line">Ikke angivet</span>}
      {indicator.responsible && <span className="cell-line small-text">Ansvarlig: {indicator.responsible}</span>}
    </>
  )
}
