import type { ImportProblem } from '../../../shared/imports.ts'
import { formatNumber } from '../../../shared/lib/format.ts'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'

// Every problem found in an uploaded file, where a spreadsheet user would find it: the same table
// for every kind of import (staged-import.tsx).

/** "–" that a screen reader reads as "Ingen": an empty cell that is empty on purpose. */
export function Dash() {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">Ingen</span>
    </>
  )
}

export function ImportProblemsTable({ problems }: { problems: readonly ImportProblem[] }) {
  return (
    <TableScroller label="Fejl i filen">
      <table className="table table--zebra table--compact import-problems">
        <caption className="sr-only">Fejl i filen</caption>
        <TableHead columns={[{ label: 'Række', className: 'number-cell' }, 'Kolonne', 'Ark', 'Fejl']} />
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="number-cell">{p.row === 0 ? 'Hele filen' : formatNumber(p.row)}</td>
              <td>{p.column ?? <Dash />}</td>
              <td>{p.sheet ?? <Dash />}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  )
}
