import { formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { useState } from 'react'
import { may } from '../../../shared/permissions.ts'
import { type Session, type SessionList, sessionKindLabels } from '../../../shared/sessions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import type { Resource } from '../../lib/use-resource.ts'
import { Dash } from '../imports/import-problems-table.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { useCurrentUser } from '../auth/session.tsx'
import { SessionCorrection, SessionDeletionDialog } from './session-correction.tsx'

// The activity's earlier sessions, newest first. "Mødt" counts everyone marked present, also
// residents the reader may not see, so it is the true number without naming anyone.

export function SessionListSection({ planId, sessions }: { planId: string; sessions: Resource<SessionList> }) {
  const user = useCurrentUser()
  const canUpdate = may(user.role, 'sessions', 'update')
  const canDelete = may(user.role, 'sessions', 'delete')
  const [editing, setEditing] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<Session | null>(null)
  const [notice, setNotice] = useState<{ text: string; seq: number } | null>(null)
  const done = (text: string) => {
    setEditing(null)
    setDeleting(null)
    setNotice((n) => ({ text, seq: (n?.seq ?? 0) + 1 }))
    sessions.reload()
  }
  // The group column only where the activity's sessions have groups (hold), as Varde's pocket-money project does.
  const withGroups = sessions.status === 'ready' && sessions.data.sessions.some((s) => s.groupId !== null)
  const editingSession = sessions.status === 'ready' ? sessions.data.sessions.find((s) => s.id === editing) : undefined
  return (
    <section aria-labelledby="sessions-heading" className="activity-section">
      <h2 id="sessions-heading">Tidligere aktivitetsgange</h2>
      {notice && <Alert key={notice.seq} variant="success" heading={notice.text} headingLevel={3} focusOnMount />}
      {editingSession && <SessionCorrection planId={planId} session={editingSession} onDone={done} onCancel={() => setEditing(null)} />}
      <SessionDeletionDialog planId={planId} session={deleting} onDone={done} onCancel={() => setDeleting(null)} />
      {sessions.status === 'loading' && <Spinner label="Henter aktivitetsgangene …" />}
      {sessions.status === 'failed' && <LoadError message={messageOf(sessions.error)} onRetry={sessions.reload} heading="Aktivitetsgangene kunne ikke hentes" />}
      {sessions.status === 'ready' &&
        (sessions.data.sessions.length === 0 ? (
          <p>Der er ikke registreret nogen aktivitetsgange endnu.</p>
        ) : (
          <TableScroller label="Tidligere aktivitetsgange">
            <table className="table table--zebra table--compact session-table">
              <caption className="sr-only">Tidligere aktivitetsgange, nyeste først, med antal fremmødte</caption>
              <TableHead
                columns={['Dato', 'Type', ...(withGroups ? ['Hold'] : []), 'Titel', { label: 'Mødt', className: 'number-cell' }, { label: 'Uden navn', className: 'number-cell' }, ...(canUpdate || canDelete ? ['Ret'] : [])]}
              />
              <tbody>
                {sessions.data.sessions.map((session) => (
                  <tr key={session.id}>
                    <td className="text-nowrap">
                      <time dateTime={session.heldOn}>{formatDay(session.heldOn)}</time>
                    </td>
                    <td>{sessionKindLabels[session.kind]}</td>
                    {withGroups && <td>{session.groupName ?? <Dash />}</td>}
                    <th scope="row" className="weight-normal">
                      {session.title}
                    </th>
                    <td className="number-cell">{formatNumber(session.present)}</td>
                    <td className="number-cell">{session.anonymousCount === null ? <Dash /> : formatNumber(session.anonymousCount)}</td>
                    {(canUpdate || canDelete) && (
                      <td className="text-nowrap">
                        {canUpdate && session.hidden === 0 && (
                          <button type="button" className="button button-tertiary" onClick={() => setEditing(session.id)} aria-label={`Ret ${session.title}`}>
                            Ret
                          </button>
                        )}
                        {canDelete && session.hidden === 0 && (
                          <button type="button" className="button button-tertiary" onClick={() => setDeleting(session)} aria-label={`Slet ${session.title}`}>
                            Slet
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        ))}
    </section>
  )
}
