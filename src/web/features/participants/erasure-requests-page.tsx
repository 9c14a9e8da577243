import { Link, useParams } from 'react-router'
import { formatCount, formatDay, isoDay } from '../../../shared/lib/format.ts'
import { type ErasureRequestRecord, erasureRequestStatusLabels } from '../../../shared/participants.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { residentCrumbs } from './participant-loading.tsx'
import { participantPath, participantsPath, readPlanErasureRequests } from './participants.api.ts'

// The plan's erasure requests on one page (decision 036): those that wait for the project leader,
// with the day an answer is due (a month after the request), and those decided. The project leader
// decides on each resident's page; the housing-social worker follows the requests of the residents
// their party holds, read-only.

export const ERASURE_REQUESTS_TITLE = 'Anmodninger om sletning'

export function ErasureRequestsPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const requests = useResource((signal) => readPlanErasureRequests(planId, signal), [planId])
  const decides = may(user.role, 'erasure-requests', 'update')
  return (
    <>
      <Breadcrumbs items={residentCrumbs(user, planId, [{ label: ERASURE_REQUESTS_TITLE }])} />
      <Page
        title={ERASURE_REQUESTS_TITLE}
        lead={
          decides
            ? 'Beboere, der har bedt om at blive slettet. Du godkender eller afviser en anmodning på beboerens side. Beboeren skal have svar senest en måned efter anmodningen.'
            : 'Anmodninger om sletning fra beboere, din organisation har registreret. Projektlederen godkender eller afviser dem; beboeren skal have svar senest en måned efter anmodningen.'
        }
      >
        {requests.status === 'loading' ? (
          <Spinner label="Henter anmodningerne …" />
        ) : requests.status === 'failed' ? (
          <Alert variant="error" heading="Anmodningerne om sletning kunne ikke hentes">
            <p>{messageOf(requests.error)}</p>
          </Alert>
        ) : (
          <Lists planId={planId} requests={requests.data.requests} decides={decides} />
        )}
        <p className="mt-7">
          <Link to={participantsPath(planId)} className="back-link">
            Tilbage til deltagerne
          </Link>
        </p>
      </Page>
    </>
  )
}

function Lists({ planId, requests, decides }: { planId: string; requests: ErasureRequestRecord[]; decides: boolean }) {
  const pending = requests.filter((r) => r.status === 'pending')
  const decided = requests.filter((r) => r.status !== 'pending')
  const today = isoDay(new Date())
  return (
    <>
      <section aria-labelledby="erasure-pending" className="mt-6">
        <h2 id="erasure-pending">Venter på svar</h2>
        {pending.length === 0 ? (
          <p>Ingen anmodninger venter på svar.</p>
        ) : (
          <>
            <p>{formatCount(pending.length, 'anmodning venter', 'anmodninger venter')} på {decides ? 'dit' : 'projektlederens'} svar.</p>
            <TableScroller label="Anmodninger, der venter på svar">
              <table className="table table--zebra erasure-request-table">
                <caption className="sr-only">Anmodninger, der venter på svar</caption>
                <TableHead columns={['Beboer', 'Anmodet', 'Modtaget af', 'Svar senest']} />
                <tbody>
                  {pending.map((r) => (
                    <tr key={r.id}>
                      <th scope="row" className="text-nowrap">
                        <Link to={participantPath(planId, r.participantId)}>{r.pseudonym}</Link>
                      </th>
                      <td className="text-nowrap">{formatDay(r.receivedOn)}</td>
                      <td>{r.requestedBy ?? 'Ukendt'}</td>
                      <td className="text-nowrap">
                        {formatDay(r.dueOn)}
                        {r.dueOn < today && <strong> – fristen er overskredet</strong>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          </>
        )}
      </section>
      <section aria-labelledby="erasure-decided" className="mt-6">
        <h2 id="erasure-decided">Afgjorte anmodninger</h2>
        {decided.length === 0 ? (
          <p>Ingen anmodninger er afgjort endnu.</p>
        ) : (
          <TableScroller label="Afgjorte anmodninger">
            <table className="table table--zebra erasure-request-table">
              <caption className="sr-only">Afgjorte anmodninger</caption>
              <TableHead columns={['Beboer', 'Anmodet', 'Frist', 'Afgørelse', 'Afgjort', 'Begrundelse']} />
              <tbody>
                {decided.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="text-nowrap">
                      <Link to={participantPath(planId, r.participantId)}>{r.pseudonym}</Link>
                    </th>
                    <td className="text-nowrap">{formatDay(r.receivedOn)}</td>
                    <td className="text-nowrap">{formatDay(r.dueOn)}</td>
                    <td>{erasureRequestStatusLabels[r.status]}</td>
                    <td>
                      {r.decidedAt ? formatDay(r.decidedAt) : 'Ukendt'}
                      {r.decidedBy && <> af {r.decidedBy}</>}
                    </td>
                    <td>{r.note ?? (r.status === 'approved' ? 'Beboeren er slettet' : 'Ingen')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>
    </>
  )
}
