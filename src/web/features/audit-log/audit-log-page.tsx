import { useRef, useState } from 'react'
import type { z } from 'zod'
import type { AuditEntryDto } from '../../../shared/audit-log.ts'
import { formatCount, formatDateTimeWithSeconds } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { listPlans } from '../plans/plans.api.ts'
import { listUsers } from '../users/users.api.ts'
import { readAuditLog } from './audit-log.api.ts'
import { actionLabel, entityLabel } from './audit-labels.ts'

type Entry = z.infer<typeof AuditEntryDto>

const PAGE_SIZE = 50

export function AuditLogPage() {
  const first = useResource(async (signal) => {
    const [page, users, plans] = await Promise.all([readAuditLog({ limit: PAGE_SIZE }, signal), listUsers(signal), listPlans(signal)])
    return {
      page,
      // Names instead of ids where we know them: the log keeps ids, people read names.
      names: new Map([...users.users.map((u) => [u.id, u.name] as const), ...plans.plans.map((p) => [p.id, p.name] as const)]),
    }
  }, [])

  return (
    <Page title="Revisionsspor" lead="Hvem har set eller ændret hvad, og hvornår. Nyeste hændelser står øverst.">
      {first.status === 'loading' && <Spinner label="Henter revisionsspor …" />}
      {first.status === 'failed' && <LoadError message={messageOf(first.error)} onRetry={first.reload} />}
      {first.status === 'ready' && <Entries initial={first.data.page.entries} initialNext={first.data.page.nextBefore} names={first.data.names} />}
    </Page>
  )
}

function Entries({ initial, initialNext, names }: { initial: Entry[]; initialNext: number | null; names: Map<string, string> }) {
  const [entries, setEntries] = useState(initial)
  const [next, setNext] = useState(initialNext)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const statusRef = useRef<HTMLParagraphElement>(null)

  async function showOlder() {
    if (!next || loading) return
    setLoading(true)
    setError(null)
    try {
      const page = await readAuditLog({ before: next, limit: PAGE_SIZE })
      setEntries((current) => [...current, ...page.entries])
      setNext(page.nextBefore)
      setAnnouncement(
        `${formatCount(page.entries.length, 'ældre hændelse', 'ældre hændelser')} er tilføjet nederst.${page.nextBefore ? '' : ' Der er ikke flere.'}`,
      )
      // The button is gone when there is nothing more to fetch; keep the user's place on the page.
      if (!page.nextBefore) requestAnimationFrame(() => statusRef.current?.focus())
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setLoading(false)
    }
  }

  if (entries.length === 0) return <p>Der er ingen hændelser i revisionssporet endnu.</p>

  return (
    <>
      <TableScroller label="Revisionsspor">
        <table className="table table--zebra table--compact audit-table">
          <caption className="sr-only">Hændelser i revisionssporet, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Hvem</th>
              <th scope="col">Handling</th>
              <th scope="col">Hvad</th>
              <th scope="col">Helhedsplan</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="text-nowrap">
                  <time dateTime={entry.at}>{formatDateTimeWithSeconds(entry.at)}</time>
                </td>
                <td>{entry.actor === 'anonymous' ? 'Ukendt (ikke logget ind)' : entry.actor === 'system' ? 'Systemet' : entry.actor}</td>
                <td>{actionLabel(entry.action)}</td>
                <td>
                  {entityLabel(entry.entity)}
                  {entry.entityId && (
                    <>
                      {': '}
                      {names.get(entry.entityId) ?? <code className="small-text">{entry.entityId}</code>}
                    </>
                  )}
                </td>
                <td>{entry.planId ? (names.get(entry.planId) ?? <code className="small-text">{entry.planId}</code>) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <p ref={statusRef} tabIndex={-1} className="mt-5" aria-live="polite">
        Viser {formatCount(entries.length, 'hændelse', 'hændelser')}. {announcement}
      </p>
      {error && (
        <Alert variant="error" heading="Ældre hændelser kunne ikke hentes" focusOnMount>
          <p>{error}</p>
        </Alert>
      )}
      {next && (
        // aria-disabled, not disabled: a disabled button drops keyboard focus to the top of the page.
        <button type="button" className="button button-secondary" onClick={() => void (loading || showOlder())} aria-disabled={loading}>
          {loading ? 'Henter …' : 'Vis ældre'}
        </button>
      )}
    </>
  )
}
