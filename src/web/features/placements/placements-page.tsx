import { Link, useParams } from 'react-router'
import { formatCount, formatDay } from '../../../shared/lib/format.ts'
import { placementOutcomeLabels, placementStatusLabels } from '../../../shared/placements.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { companyPath } from '../companies/companies.api.ts'
import { CompanyLoadFailed, companyCrumbs } from '../companies/company-loading.tsx'
import { participantsPath } from '../participants/participants.api.ts'
import { listPlacements, placementPath } from './placements.api.ts'

// The plan's placements the reader may see, the follow-ups the system asks for now ("still in the
// job after 3 months?"), and how many placements are of residents the reader may not see.

export const PLACEMENTS_TITLE = 'Udplaceringer i virksomheder'

export function PlacementsPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const list = useResource((signal) => listPlacements(planId, {}, signal), [planId])
  if (list.status === 'failed') return <CompanyLoadFailed title={PLACEMENTS_TITLE} error={list.error} onRetry={list.reload} what="Udplaceringerne" />
  return (
    <>
      <Breadcrumbs items={companyCrumbs(user, planId, [{ label: PLACEMENTS_TITLE }])} />
      <Page title={PLACEMENTS_TITLE} lead="Beboere i praktik, småjob, job og andre pladser hos virksomhederne. En ny udplacering starter du fra beboerens side.">
        {list.status === 'loading' ? (
          <Spinner label="Henter udplaceringerne …" />
        ) : (
          <>
            <section aria-labelledby="due-heading">
              <h2 id="due-heading">Opfølgninger, der skal laves</h2>
              {list.data.due.length === 0 ? (
                <p>Ingen opfølgninger venter lige nu.</p>
              ) : (
                <ul className="nobullet-list">
                  {list.data.due.map((d) => (
                    <li key={d.placementId}>
                      <Link to={placementPath(planId, d.placementId)}>
                        Er {d.name ?? d.pseudonym} stadig i job hos {d.companyName}?
                      </Link>{' '}
                      (3 måneder den {formatDay(d.dueOn)})
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="placements-heading" className="mt-7">
              <h2 id="placements-heading">Udplaceringer</h2>
              {list.data.hidden > 0 && <p>{formatCount(list.data.hidden, 'udplacering er', 'udplaceringer er')} ikke vist, fordi beboerens samtykke ikke omfatter dig. De tæller stadig med i virksomhedernes besatte pladser.</p>}
              {list.data.placements.length === 0 ? (
                <p>
                  Der er ingen udplaceringer, du kan se. Udplacér en beboer fra <Link to={participantsPath(planId)}>beboerens side</Link>.
                </p>
              ) : (
                <TableScroller label="Udplaceringer">
                  <table className="table table--zebra">
                    <caption className="sr-only">Udplaceringer</caption>
                    <TableHead columns={['Beboer', 'Virksomhed', 'Plads', 'Start', 'Status', 'Udfald']} />
                    <tbody>
                      {list.data.placements.map((p) => (
                        <tr key={p.id}>
                          <th scope="row">
                            <Link to={placementPath(planId, p.id)}>{p.name ?? p.pseudonym}</Link>
                          </th>
                          <td>
                            <Link to={companyPath(planId, p.companyId)}>{p.companyName}</Link>
                          </td>
                          <td>{p.openingTitle}</td>
                          <td>{formatDay(p.startOn)}</td>
                          <td>{placementStatusLabels[p.status]}</td>
                          <td>{p.outcome ? placementOutcomeLabels[p.outcome] : '–'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroller>
              )}
            </section>
          </>
        )}
      </Page>
    </>
  )
}
