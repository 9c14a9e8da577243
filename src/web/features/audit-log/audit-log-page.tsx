import { type FormEvent, useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import {
  type AuditEntryDto,
  type AuditLogFilter,
  auditActionLabels,
  auditActions,
  auditEntities,
  auditEntityLabels,
} from '../../../shared/audit-log.ts'
import { formatCount, formatDateTimeWithSeconds } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { listPlans } from '../plans/plans.api.ts'
import { listUsers } from '../users/users.api.ts'
import { auditCsvUrl, filterOf, filterParams, readAuditLog } from './audit-log.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

const PAGE_SIZE = 50

type Option = { value: string; label: string }

const entityOptions: Option[] = auditEntities.map((e) => ({ value: e, label: auditEntityLabels[e] })).sort((a, b) => a.label.localeCompare(b.label, 'da'))
const actionOptions: Option[] = auditActions.map((a) => ({ value: a, label: auditActionLabels[a] }))

export function AuditLogPage() {
  const [search, setSearch] = useSearchParams()
  const filter = filterOf(search)
  const key = filterParams(filter).toString()
  const choices = useResource(async (signal) => {
    const [users, plans] = await Promise.all([listUsers(signal), listPlans(signal)])
    return {
      users: users.users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })).sort((a, b) => a.label.localeCompare(b.label, 'da')),
      plans: plans.plans.map((p) => ({ value: p.id, label: p.name })),
    }
  }, [])

  return (
    <Page title="Revisionsspor" lead="Hvem har set eller ændret hvad, og hvornår. Nyeste hændelser står øverst.">
      {choices.status === 'loading' && <Spinner label="Henter revisionsspor …" />}
      {choices.status === 'failed' && <LoadError message={messageOf(choices.error)} onRetry={choices.reload} />}
      {choices.status === 'ready' && (
        <>
          <FilterForm
            // A new form when the address changes (e.g. "Tilbage"), so the fields show what is asked.
            key={`form|${key}`}
            filter={filter}
            users={choices.data.users}
            plans={choices.data.plans}
            onFilter={(next) => setSearch(filterParams(next))}
          />
          <Entries key={`entries|${key}`} filter={filter} filtered={key !== ''} />
        </>
      )}
    </Page>
  )
}

function FilterForm({ filter, users, plans, onFilter }: { filter: AuditLogFilter; users: Option[]; plans: Option[]; onFilter: (filter: AuditLogFilter) => void }) {
  const [values, setValues] = useState<Record<keyof AuditLogFilter, string>>({
    participant: filter.participant ?? '',
    userId: filter.userId ?? '',
    planId: filter.planId ?? '',
    entity: filter.entity ?? '',
    action: filter.action ?? '',
    from: filter.from ?? '',
    to: filter.to ?? '',
  })
  const set = (name: keyof AuditLogFilter) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: event.target.value }))

  function submit(event: FormEvent) {
    event.preventDefault()
    onFilter({ ...values, participant: values.participant.trim() } as AuditLogFilter)
  }

  return (
    <form role="search" aria-label="Filtrér revisionssporet" onSubmit={submit} className="audit-filter">
      <div className="audit-filter-fields">
        <TextField
          id="audit-participant"
          label="Deltager"
          hint="Pseudonym, fx D-0002. Lister, deltageren stod på, kommer med."
          width="input-width-s"
          autoComplete="off"
          maxLength={100}
          value={values.participant}
          onChange={set('participant')}
        />
        <SelectField id="audit-user" label="Bruger" placeholder="Alle brugere" options={users} value={values.userId} onChange={set('userId')} />
        <SelectField id="audit-plan" label="Helhedsplan" placeholder="Alle helhedsplaner" options={plans} value={values.planId} onChange={set('planId')} />
        <SelectField id="audit-entity" label="Hvad" placeholder="Alt" options={entityOptions} value={values.entity} onChange={set('entity')} />
        <SelectField id="audit-action" label="Handling" placeholder="Alle handlinger" options={actionOptions} value={values.action} onChange={set('action')} />
        <TextField id="audit-from" label="Fra og med" type="date" width="input-width-s" value={values.from} onChange={set('from')} />
        <TextField id="audit-to" label="Til og med" type="date" width="input-width-s" value={values.to} onChange={set('to')} />
      </div>
      <div className="audit-filter-actions">
        <button type="submit" className="button button-primary">
          Vis hændelser
        </button>
        <button type="button" className="button button-secondary" onClick={() => onFilter({})}>
          Ryd filtre
        </button>
      </div>
    </form>
  )
}

function Entries({ filter, filtered }: { filter: AuditLogFilter; filtered: boolean }) {
  const first = useResource((signal) => readAuditLog(filter, { limit: PAGE_SIZE }, signal), [])
  if (first.status === 'loading') return <Spinner label="Henter hændelser …" />
  if (first.status === 'failed') return <LoadError message={messageOf(first.error)} onRetry={first.reload} />
  return <EntryTable filter={filter} filtered={filtered} initial={first.data.entries} initialNext={first.data.nextBefore} total={first.data.total} />
}

function EntryTable({ filter, filtered, initial, initialNext, total }: { filter: AuditLogFilter; filtered: boolean; initial: AuditEntryDto[]; initialNext: number | null; total: number }) {
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
      const page = await readAuditLog(filter, { before: next, limit: PAGE_SIZE })
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

  if (entries.length === 0) {
    return <p className="mt-7">{filtered ? 'Ingen hændelser passer til filtrene.' : 'Der er ingen hændelser i revisionssporet endnu.'}</p>
  }

  return (
    <>
      <p className="mt-7">
        <a href={auditCsvUrl(filter)} download>
          Hent {filtered ? 'de filtrerede hændelser' : 'hele revisionssporet'} som CSV (til Excel)
        </a>
      </p>
      <TableScroller label="Revisionsspor">
        <table className="table table--zebra table--compact audit-table">
          <caption className="sr-only">Hændelser i revisionssporet, nyeste først</caption>
          <TableHead columns={['Tidspunkt', 'Hvem', 'Handling', 'Hvad', 'Helhedsplan']} />
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="text-nowrap">
                  <time dateTime={entry.at}>{formatDateTimeWithSeconds(entry.at)}</time>
                </td>
                <td>
                  {entry.actor}
                  {entry.party && <span className="small-text cell-line">{entry.party}</span>}
                </td>
                <td>
                  {entry.actionLabel}
                  {entry.refused && ' (afvist)'}
                </td>
                <td>
                  {entry.entityLabel}
                  {/* A list read is logged under the plan it listed: its id names no record of this kind. */}
                  {entry.entityName
                    ? `: ${entry.entityName}`
                    : entry.listed !== null
                      ? ` (liste med ${entry.listed})`
                      : entry.entityId && <code className="small-text">{`: ${entry.entityId}`}</code>}
                </td>
                <td>{entry.planName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <p ref={statusRef} tabIndex={-1} className="mt-5" aria-live="polite">
        Viser {formatCount(entries.length, 'hændelse', 'hændelser')}. {total > entries.length ? `I alt ${formatCount(total, 'hændelse', 'hændelser')}. ` : ''}
        {announcement}
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
