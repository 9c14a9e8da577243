import type { TargetGroupSnapshot } from '../../../shared/agreements.ts'
import { formatDate, formatNumber } from '../../../shared/lib/format.ts'
import { Icon } from '../../components/ui/icon.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'

// A target-group count (målgruppeopgørelse) as the agreement prints it, with a check of whether
// its rows add up to the totals it states: the sources' own totals are a good test of a transcription.

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9
const sum = (values: number[]) => values.reduce((total, n) => total + n, 0)

export function TargetGroupTable({ snapshot }: { snapshot: TargetGroupSnapshot }) {
  const columns = snapshot.departments.length > 0 ? snapshot.departments.map((d) => `Afd. ${d}`) : [snapshot.countHeading ?? 'Antal']
  // A total column only where the table has one to show: several departments, or printed row totals.
  const totalColumn = snapshot.departments.length > 1 || snapshot.rows.some((row) => row.total !== undefined)
  const hasFooter = snapshot.columnTotals !== undefined || snapshot.total !== undefined
  // "Målgrupper 01.03.2021" names its date already; "Målgruppe" does not.
  const caption = /\d/.test(snapshot.title) ? snapshot.title : `${snapshot.title} (opgjort ${formatDate(snapshot.date)})`
  return (
    <div className="target-group">
      <TableScroller label={snapshot.title}>
        <table className="table table--compact target-group-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Målgruppe</th>
              {columns.map((column) => (
                <th key={column} scope="col" className="number-cell">
                  {column}
                </th>
              ))}
              {totalColumn && (
                <th scope="col" className="number-cell">
                  {snapshot.totalLabel ?? 'I alt'}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {snapshot.rows.map((row) => (
              <tr key={row.code}>
                <th scope="row" className="weight-normal">
                  {row.label.startsWith(row.code) ? row.label : `${row.code} - ${row.label}`}
                </th>
                {row.counts.map((count, i) => (
                  <td key={i} className="number-cell">
                    {formatNumber(count)}
                  </td>
                ))}
                {totalColumn && <td className="number-cell">{row.total !== undefined ? formatNumber(row.total) : ''}</td>}
              </tr>
            ))}
          </tbody>
          {hasFooter && (
            <tfoot>
              <tr>
                <th scope="row">{snapshot.totalLabel ?? 'I alt'}</th>
                {columns.map((column, i) =>
                  snapshot.columnTotals ? (
                    <td key={column} className="number-cell">
                      {formatNumber(snapshot.columnTotals[i] ?? 0)}
                    </td>
                  ) : !totalColumn && i === 0 && snapshot.total !== undefined ? (
                    <td key={column} className="number-cell">
                      {formatNumber(snapshot.total)}
                    </td>
                  ) : (
                    <td key={column} />
                  ),
                )}
                {totalColumn && <td className="number-cell">{snapshot.total !== undefined ? formatNumber(snapshot.total) : ''}</td>}
              </tr>
            </tfoot>
          )}
        </table>
      </TableScroller>
      <SumCheck snapshot={snapshot} columns={columns} />
    </div>
  )
}

/** Every stated total against the sum of what it totals. */
export function sumProblems(snapshot: TargetGroupSnapshot, columns: string[]): string[] {
  const problems: string[] = []
  for (const row of snapshot.rows) {
    if (row.total !== undefined && !same(sum(row.counts), row.total)) {
      problems.push(`${row.code}: rækken giver ${formatNumber(sum(row.counts))}, men totalen er ${formatNumber(row.total)}.`)
    }
  }
  snapshot.columnTotals?.forEach((stated, i) => {
    const actual = sum(snapshot.rows.map((row) => row.counts[i] ?? 0))
    if (!same(actual, stated)) problems.push(`${columns[i] ?? `Kolonne ${i + 1}`}: rækkerne giver ${formatNumber(actual)}, men totalen er ${formatNumber(stated)}.`)
  })
  if (snapshot.total !== undefined) {
    const actual = snapshot.columnTotals ? sum(snapshot.columnTotals) : sum(snapshot.rows.flatMap((row) => row.counts))
    if (!same(actual, snapshot.total)) problems.push(`${snapshot.totalLabel ?? 'I alt'}: tallene giver ${formatNumber(actual)}, men totalen er ${formatNumber(snapshot.total)}.`)
  }
  return problems
}

function SumCheck({ snapshot, columns }: { snapshot: TargetGroupSnapshot; columns: string[] }) {
  const stated = snapshot.total !== undefined || snapshot.columnTotals !== undefined || snapshot.rows.some((row) => row.total !== undefined)
  if (!stated) return null
  const problems = sumProblems(snapshot, columns)
  if (problems.length === 0) {
    return (
      <p className="sum-check sum-check-ok">
        <Icon name="success" />
        Tallene summer til de angivne totaler.
      </p>
    )
  }
  return (
    <div className="sum-check sum-check-problem">
      <p>
        <Icon name="warning" />
        <span className="weight-semibold">Tallene summer ikke til de angivne totaler:</span>
      </p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  )
}
