import { useState } from 'react'
import { Link } from 'react-router'
import { formatNumber, isoDay } from '../../../shared/lib/format.ts'
import { type FunnelFigures, groupVerdictLabels } from '../../../shared/pathways.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { funnelPath, readAgreementFunnels } from './pathways.api.ts'

// The young people's funnels on an agreement's follow-up page, one year at a time: the same figures
// as each activity's funnel page (the server's pure rules), small numbers hidden for the readers who
// see them so. Nothing is shown for an agreement whose activities have no pathway.

const count = (n: number | null, hidden: boolean) => (hidden || n === null ? 'skjult' : formatNumber(n))

export function FollowUpFunnelsSection({ planId, agreementId }: { planId: string; agreementId: string }) {
  const [year, setYear] = useState(() => Number(isoDay(new Date()).slice(0, 4)))
  const data = useResource((signal) => readAgreementFunnels(planId, agreementId, String(year), signal), [planId, agreementId, year])
  if (data.status === 'loading') return <Spinner label="Henter de unges forløb …" />
  if (data.status === 'failed') return <LoadError heading="De unges forløb kunne ikke hentes" message={messageOf(data.error)} onRetry={data.reload} />
  if (data.data.length === 0) return null
  return (
    <section aria-labelledby="youth-heading" className="follow-up-youth">
      <h2 id="youth-heading">Unge og fritidsjob, {year}</h2>
      <nav aria-label="År for de unges forløb" className="quarter-nav">
        <button type="button" className="button button-tertiary" onClick={() => setYear(year - 1)}>
          Forrige år
        </button>
        <button type="button" className="button button-tertiary" onClick={() => setYear(year + 1)}>
          Næste år
        </button>
      </nav>
      {data.data.map((f) => (
        <FunnelSummary key={f.activityId} planId={planId} figures={f} />
      ))}
    </section>
  )
}

function FunnelSummary({ planId, figures: f }: { planId: string; figures: FunnelFigures }) {
  const g = f.groups
  const target = g.min === null ? '' : `, målet er ${g.max !== null && g.max !== g.min ? `${g.min} til ${g.max}` : g.min} hold pr. år`
  return (
    <>
      <h3>{f.activityName}</h3>
      {f.suppressed && <p>Små tal er skjult, så ingen enkelt ung kan genkendes.</p>}
      <TableScroller label={`Unge pr. trin i ${f.activityName}`}>
        <table className="table table--zebra">
          <caption>
            Unge pr. trin, {f.periodLabel}: {f.activityName}
          </caption>
          <TableHead columns={['Trin', { label: 'Unge', className: 'number-cell' }]} />
          <tbody>
            {f.steps.map((s) => (
              <tr key={s.stepId}>
                <th scope="row" className="weight-normal">
                  {s.name}
                </th>
                <td className="number-cell">{count(s.count, s.hidden)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {f.checkName && (
        <p>
          Fritidsjob: {count(f.entered, f.hidden)} startet, {count(f.kept, f.hidden)} {f.checkName.toLowerCase()}, {count(f.lost, f.hidden)} mistet, {count(f.awaiting, f.hidden)} endnu ikke spurgt.
        </p>
      )}
      <p>
        Hold i {g.year}: {formatNumber(g.count)} startet{target}. <strong>{groupVerdictLabels[g.verdict]}</strong>.
      </p>
      <p>
        <Link to={funnelPath(planId, f.activityId)}>Se tragten for {f.activityName}</Link>
      </p>
    </>
  )
}
