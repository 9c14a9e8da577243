import { type FormEvent, useState } from 'react'
import { Link, useLocation, useParams, useSearchParams } from 'react-router'
import type { CompanyList } from '../../../shared/companies.ts'
import { formatCount, formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Pagination } from '../../components/ui/pagination.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { planPath } from '../plans/plans.api.ts'
import { placementsPath } from '../placements/placements.api.ts'
import { type CompanyQuery, PAGE_SIZE, companiesPath, companyFiguresPath, companyImportPath, companyPath, listCompanies, newCompanyPath } from './companies.api.ts'
import { COMPANIES_TITLE, CompanyLoadFailed, companyCrumbs } from './company-loading.tsx'

// The plan's companies: search by name, CVR number, city or industry, and the network filter. The
// search lives in the address, so it can be shared and "Tilbage" works.

function queryOf(search: URLSearchParams): CompanyQuery {
  const page = Number(search.get('side'))
  const network = search.get('netvaerk')
  return { q: search.get('soeg') ?? '', inNetwork: network === 'ja' ? true : network === 'nej' ? false : null, page: Number.isInteger(page) && page > 0 ? page : 1 }
}

function searchOf(query: CompanyQuery): string {
  const params = new URLSearchParams()
  if (query.q.trim()) params.set('soeg', query.q.trim())
  if (query.inNetwork !== null) params.set('netvaerk', query.inNetwork ? 'ja' : 'nej')
  if (query.page > 1) params.set('side', String(query.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

export function CompanyListPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const notice = (useLocation().state as { notice?: string } | null)?.notice
  const [search, setSearch] = useSearchParams()
  const query = queryOf(search)
  const list = useResource((signal) => listCompanies(planId, query, signal), [planId, query.q, query.inNetwork, query.page])
  if (list.status === 'failed') return <CompanyLoadFailed title={COMPANIES_TITLE} error={list.error} onRetry={list.reload} what="Virksomhederne" />
  const canCreate = may(user.role, 'companies', 'create')

  return (
    <>
      <Breadcrumbs items={companyCrumbs(user, planId).map((crumb, i, all) => (i === all.length - 1 ? { label: crumb.label } : crumb))} />
      <Page title={COMPANIES_TITLE} lead="Virksomhederne, helhedsplanen samarbejder med, netværket og deres praktik- og jobåbninger.">
        {notice && <Alert variant="success" heading={notice} />}
        <ul className="nobullet-list button-row d-flex">
          {canCreate && (
            <li>
              <Link to={newCompanyPath(planId)} className="button button-primary">
                Opret virksomhed
              </Link>
            </li>
          )}
          {canCreate && (
            <li>
              <Link to={companyImportPath(planId)} className="button button-secondary">
                Indlæs liste over virksomheder
              </Link>
            </li>
          )}
          <li>
            <Link to={companyFiguresPath(planId)} className="button button-secondary">
              Tal om netværket
            </Link>
          </li>
          {may(user.role, 'placements', 'read') && (
            <li>
              <Link to={placementsPath(planId)} className="button button-secondary">
                Udplaceringer
              </Link>
            </li>
          )}
        </ul>
        <SearchForm key={`${query.q}|${String(query.inNetwork)}`} query={query} onSearch={(next) => setSearch(searchOf({ ...next, page: 1 }))} />
        {list.status === 'loading' ? <Spinner label="Henter virksomhederne …" /> : <Results planId={planId} list={list.data} query={query} />}
        <p className="mt-7">
          <Link to={planPath(planId)} className="back-link">
            Tilbage til helhedsplanen
          </Link>
        </p>
      </Page>
    </>
  )
}

function SearchForm({ query, onSearch }: { query: CompanyQuery; onSearch: (query: CompanyQuery) => void }) {
  const [q, setQ] = useState(query.q)
  function submit(event: FormEvent) {
    event.preventDefault()
    onSearch({ ...query, q, page: 1 })
  }
  const network = query.inNetwork === null ? 'alle' : query.inNetwork ? 'ja' : 'nej'
  return (
    <form role="search" aria-label="Søg blandt virksomhederne" onSubmit={submit} className="company-search">
      <div className="form-group">
        <label className="form-label" htmlFor="company-search">
          Søg efter navn, CVR-nummer, by eller branche
        </label>
        <div className="search">
          <input id="company-search" name="soeg" type="search" className="form-input input-width-l" autoComplete="off" maxLength={200} value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="submit" className="button button-search">
            Søg
          </button>
        </div>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="company-network-filter">
          Netværket
        </label>
        <select
          id="company-network-filter"
          className="form-select"
          value={network}
          onChange={(e) => onSearch({ q: query.q, page: 1, inNetwork: e.target.value === 'alle' ? null : e.target.value === 'ja' })}
        >
          <option value="alle">Alle virksomheder</option>
          <option value="ja">Kun virksomheder i netværket</option>
          <option value="nej">Kun virksomheder uden for netværket</option>
        </select>
      </div>
    </form>
  )
}

function Results({ planId, list, query }: { planId: string; list: CompanyList; query: CompanyQuery }) {
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE))
  const first = (list.page - 1) * list.pageSize + 1
  const last = first + list.companies.length - 1
  const searched = query.q.trim() !== ''
  return (
    <section aria-labelledby="company-results" className="mt-6">
      <h2 id="company-results" className="h3" aria-live="polite">
        {searched ? `${formatCount(list.total, 'virksomhed', 'virksomheder')} fundet for »${query.q.trim()}«` : formatCount(list.total, 'virksomhed', 'virksomheder')}
      </h2>
      {list.companies.length === 0 ? (
        <p>{searched || query.inNetwork !== null ? 'Ingen virksomheder passer på søgningen.' : 'Der er ingen virksomheder endnu.'}</p>
      ) : (
        <>
          {pages > 1 && (
            <p className="small-text">
              Viser {formatNumber(first)}-{formatNumber(last)} af {formatNumber(list.total)}
            </p>
          )}
          <TableScroller label="Virksomheder">
            <table className="table table--zebra">
              <caption className="sr-only">Virksomheder</caption>
              <TableHead columns={['Navn', 'CVR-nummer', 'By', 'Branche', 'I netværket', { label: 'Åbne pladser', className: 'number-cell' }, 'Seneste kontakt']} />
              <tbody>
                {list.companies.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={companyPath(planId, c.id)}>{c.name}</Link>
                    </th>
                    <td className="text-nowrap">{c.cvr}</td>
                    <td>{c.city ?? ''}</td>
                    <td>{c.industry ?? ''}</td>
                    <td className="text-nowrap">{c.inNetworkSince ? `Siden ${formatDay(c.inNetworkSince)}` : 'Nej'}</td>
                    <td className="number-cell">{formatNumber(c.openOpenings)}</td>
                    <td className="text-nowrap">{c.lastContactOn ? formatDay(c.lastContactOn) : 'Ingen endnu'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
          <Pagination current={list.page} total={pages} hrefOf={(page) => `${companiesPath(planId)}${searchOf({ ...query, page })}`} label="Sider i virksomhedslisten" />
        </>
      )}
    </section>
  )
}
