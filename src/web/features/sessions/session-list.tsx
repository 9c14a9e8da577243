import { formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { type SessionList, sessionKindLabels } from '../../../shared/sessions.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import type { Resource } from '../../lib/use-resource.ts'
import { Dash } from '../imports/import-problems-table.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'

// The activity's earlier sessions, newest first. "Mødt" counts everyone marked present, also
// residents the reader may not see, so it is the true number without naming anyone.

export function SessionListSection({ sessions }: { sessions: Resource<SessionList> }) {
  return (
    <section aria-labelledby="sessions-heading" className="activity-section">
      <h2 id="sessions-heading">Tidligere aktivitetsgange</h2>
      {sessions.status === 'loading' && <Spinner label="Henter aktivitetsgangene …" />}
      {sessions.status === 'failed' && <LoadError message={messageOf(sessions.error)} onRetry={sessions.reload} heading="Aktivitetsgangene kunne ikke hentes" />}
      {sessions.status === 'ready' &&
        (sessions.data.sessions.length === 0 ? (
          <p>Der er ikke registreret nogen aktivitetsgange endnu.</p>
        ) : (
          <TableScroller label="Tidligere aktivitetsgange">
            <table className="table table--zebra table--compact session-table">
              <caption className="sr-only">Tidligere aktivitetsgange, nyeste først, med antal fremmødte</caption>
              <TableHead columns={['Dato', 'Type', 'Titel', { label: 'Mødt', className: 'number-cell' }, { label: 'Uden navn', className: 'number-cell' }]} />
              <tbody>
                {sessions.data.sessions.map((session) => (
                  <tr key={session.id}>
                    <td className="text-nowrap">
                      <time dateTime={session.heldOn}>{formatDay(session.heldOn)}</time>
                    </td>
                    <td>{sessionKindLabels[session.kind]}</td>
                    <th scope="row" className="weight-normal">
                      {session.title}
                    </th>
                    <td className="number-cell">{formatNumber(session.present)}</td>
                    <td className="number-cell">{session.anonymousCount === null ? <Dash /> : formatNumber(session.anonymousCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        ))}
    </section>
  )
}
