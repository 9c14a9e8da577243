import { type FormEvent, useState } from 'react'
import { Link, useLocation, useParams, useSearchParams } from 'react-router'
import { type ParticipantList, type ParticipantListItem, ageBandLabels } from '../../../shared/participants.ts'
import { formatCount, formatNumber } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Icon } from '../../components/ui/icon.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Pagination } from '../../components/ui/pagination.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { planPath } from '../plans/plans.api.ts'
import { NotGiven } from './participant-parts.tsx'
import { PARTICIPANTS_TITLE, ResidentLoadFailed, residentCrumbs } from './participant-loading.tsx'
import { type ListQuery, PAGE_SIZE, erasureRequestsPath, listParticipants, newParticipantPath, participantPath, participantsPath } from './participants.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

// The plan's residents as far as this reader may see them. Those the reader may not see are not
// listed, not even as blanks; only their number is told, so the list does not look incomplete.

/** The list's search, page and filter live in the address, so a search can be shared and "Tilbage" works. */
function queryOf(search: URLSearchParams): ListQuery {
  const page = Number(search.get('side'))
  return { q: search.get('soeg') ?? '', page: Number.isInteger(page) && page > 0 ? page : 1, includeAnonymised: search.get('anonymiserede') === 'ja' }
}

function searchOf(query: ListQuery): string {
  const params = new URLSearchParams()
  if (query.q.trim()) params.set('soeg', query.q.trim())
  if (query.includeAnonymised) params.set('anonymiserede', 'ja')
  if (query.page > 1) params.set('side', String(query.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

export function ParticipantListPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const location = useLocation()
  const notice = (location.state as { notice?: string } | null)?.notice
  const [search, setSearch] = useSearchParams()
  const query = queryOf(search)
  const list = useResource((signal) => listParticipants(planId, query, signal), [planId, query.q, query.page, query.includeAnonymised])

  if (list.status === 'failed') return <ResidentLoadFailed planId={planId} title={PARTICIPANTS_TITLE} error={list.error} onRetry={list.reload} what="Deltagerne" />

  return (
    <>
      <Breadcrumbs items={residentCrumbs(user, planId).map((crumb, i, all) => (i === all.length - 1 ? { label: crumb.label } : crumb))} />
      <Page title={PARTICIPANTS_TITLE} lead="Beboerne, der deltager i helhedsplanens aktiviteter, med deres samtykker og forløb.">
        {notice && <Alert variant="success" heading={notice} />}
        <p>
          <Link to={newParticipantPath(planId)} className="button button-primary">
            Registrér deltager
          </Link>
        </p>
        {may(user.role, 'erasure-requests', 'read') && (
          <p>
            <Link to={erasureRequestsPath(planId)}>Anmodninger om sletning</Link>
          </p>
        )}
        <SearchForm
          // A new form when the address changes (e.g. "Tilbage"), so the field shows what is searched.
          key={`${query.q}|${query.includeAnonymised}`}
          query={query}
          onSearch={(next) => setSearch(searchOf({ ...next, page: 1 }))}
        />
        {list.status === 'loading' ? (
          <Spinner label="Henter deltagerne …" />
        ) : (
          <Results planId={planId} list={list.data} query={query} />
        )}
        <p className="mt-7">
          <Link to={planPath(planId)} className="back-link">
            Tilbage til helhedsplanen
          </Link>
        </p>
      </Page>
    </>
  )
}

function SearchForm({ query, onSearch }: { query: ListQuery; onSearch: (query: ListQuery) => void }) {
  const [q, setQ] = useState(query.q)
  const [includeAnonymised, setIncludeAnonymised] = useState(query.includeAnonymised)
  function submit(event: FormEvent) {
    event.preventDefault()
    onSearch({ q, page: 1, includeAnonymised })
  }
  return (
    <form role="search" aria-label="Søg blandt deltagerne" onSubmit={submit} className="participant-search">
      <div className="form-group">
        <label className="form-label" htmlFor="participant-search">
          Søg efter navn eller id
        </label>
        <span className="form-hint" id="participant-search-hint">
          Fx Hassan eller D-0012. Du finder kun beboere, du må se.
        </span>
        <div className="search">
          <input
            id="participant-search"
            name="soeg"
            type="search"
            className="form-input input-width-l"
            aria-describedby="participant-search-hint"
            autoComplete="off"
            maxLength={100}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit" className="button button-search">
            Søg
          </button>
        </div>
      </div>
      <div className="form-group-checkbox participant-search-anonymised">
        <input
          id="participant-search-anonymised"
          type="checkbox"
          className="form-checkbox"
          checked={includeAnonymised}
          onChange={(e) => {
            setIncludeAnonymised(e.target.checked)
            // A filter answers at once; only the text waits for "Søg".
            onSearch({ q: query.q, page: 1, includeAnonymised: e.target.checked })
          }}
        />
        <label htmlFor="participant-search-anonymised">Vis også anonymiserede deltagere</label>
      </div>
    </form>
  )
}

function Results({ planId, list, query }: { planId: string; list: ParticipantList; query: ListQuery }) {
  // A count that stopped at its limit (decision 038) says "over"; the pages then reach one further,
  // and the next page counts on from there.
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE) + (list.totalCapped ? 1 : 0))
  const first = (list.page - 1) * list.pageSize + 1
  const last = first + list.items.length - 1
  const searched = query.q.trim() !== ''
  const found = list.totalCapped ? `Over ${formatNumber(list.total)} deltagere` : formatCount(list.total, 'deltager', 'deltagere')
  return (
    <section aria-labelledby="participant-results" className="mt-6">
      <h2 id="participant-results" className="h3" aria-live="polite">
        {searched ? `${found} fundet for »${query.q.trim()}«` : found}
      </h2>
      {list.hiddenByConsent > 0 && (
        <Alert variant="info">
          <p>
            {list.hiddenCapped ? `Over ${formatNumber(list.hiddenByConsent)} beboere vises` : formatCount(list.hiddenByConsent, 'beboer vises', 'beboere vises')} ikke, fordi der ikke er et samtykke i kraft, der omfatter dig.
          </p>
        </Alert>
      )}
      {list.items.length === 0 && list.total > 0 ? (
        // An old link to a page the list no longer reaches.
        <p>
          Der er ikke så mange sider i listen. <Link to={`${participantsPath(planId)}${searchOf({ ...query, page: 1 })}`}>Gå til første side</Link>
        </p>
      ) : list.items.length === 0 ? (
        <p>{searched ? 'Ingen deltagere, du må se, passer på søgningen.' : 'Der er ingen deltagere at vise endnu.'}</p>
      ) : (
        <>
          {pages > 1 && (
            <p className="small-text">
              Viser {formatNumber(first)}-{formatNumber(last)} af {list.totalCapped ? `over ${formatNumber(list.total)}` : formatNumber(list.total)}
            </p>
          )}
          <ParticipantTable planId={planId} items={list.items} />
          <Pagination current={list.page} total={pages} hrefOf={(page) => `${participantsPath(planId)}${searchOf({ ...query, page })}`} label="Sider i deltagerlisten" />
        </>
      )}
    </section>
  )
}

function Count({ value }: { value: number | null }) {
  if (value === null) return <NotGiven text="Ikke omfattet af samtykket" />
  return <>{formatNumber(value)}</>
}

function ParticipantTable({ planId, items }: { planId: string; items: ParticipantListItem[] }) {
  return (
    <TableScroller label="Deltagere">
      <table className="table table--zebra participant-table">
        <caption className="sr-only">Deltagere</caption>
        <TableHead columns={['Id', 'Navn', 'Aldersgruppe', 'Boligområde', { label: 'I forløb', className: 'number-cell' }, { label: 'På venteliste', className: 'number-cell' }, 'Deles med den anden part']} />
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="text-nowrap">
                <Link to={participantPath(planId, item.id)}>{item.pseudonym}</Link>
              </th>
              <td>{item.anonymised ? <span className="text-subtle">Anonymiseret</span> : item.name ?? <NotGiven text="Ikke omfattet af samtykket" />}</td>
              <td className="text-nowrap">{item.ageBand ? ageBandLabels[item.ageBand] : <NotGiven />}</td>
              <td>{item.housingArea ?? <NotGiven />}</td>
              <td className="number-cell">
                <Count value={item.activeEnrolments} />
              </td>
              <td className="number-cell">
                <Count value={item.waitingEnrolments} />
              </td>
              <td>
                {item.sharedWithOtherParty ? (
                  <span className="shared-mark">
                    <Icon name="persons" />
                    {item.scope === 'consent' ? 'Ja, du ser beboeren efter samtykke' : 'Ja, efter samtykke'}
                  </span>
                ) : (
                  'Nej'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  )
}
