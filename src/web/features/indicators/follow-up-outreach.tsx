import { useState } from 'react'
import { Link } from 'react-router'
import type { FollowUpOutreach } from '../../../shared/indicators.ts'
import { formatCount, formatNumber, formatPercent } from '../../../shared/lib/format.ts'
import { type Verdict, verdictLabels } from '../../../shared/staff-time.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { quarterPath } from '../staff-time/staff-time.api.ts'
import { readFollowUpOutreach } from './indicators.api.ts'

// The follow-up's quarter of open counselling and staff time: the same figures as the counselling
// figures page and the quarter page (the server's pure rules), one quarter at a time. A count hidden
// as a small number reads "skjult"; nothing is shown for an agreement with neither.

const verdictClass: Record<Verdict, string> = { kept: 'badge badge--success', 'not-kept': 'badge badge--error', running: 'badge badge--info', 'no-figure': 'badge' }
const hours = (n: number | null) => (n === null ? '–' : formatNumber(Math.round(n * 10) / 10))
const count = (n: number | null) => (n === null ? 'skjult' : formatNumber(n))

export function FollowUpOutreachSection({ planId, agreementId }: { planId: string; agreementId: string }) {
  const [quarter, setQuarter] = useState<string | null>(null)
  const data = useResource((signal) => readFollowUpOutreach(planId, agreementId, quarter, signal), [planId, agreementId, quarter])
  if (data.status === 'loading') return <Spinner label="Henter åben rådgivning og medarbejdertid …" />
  if (data.status === 'failed') return <LoadError heading="Åben rådgivning og medarbejdertid kunne ikke hentes" message={messageOf(data.error)} onRetry={data.reload} />
  const o = data.data
  if (!o.counselling && !o.staff) return null
  return <OutreachQuarter planId={planId} agreementId={agreementId} o={o} onQuarter={setQuarter} />
}

function OutreachQuarter({ planId, agreementId, o, onQuarter }: { planId: string; agreementId: string; o: FollowUpOutreach; onQuarter: (q: string) => void }) {
  const c = o.counselling
  return (
    <section aria-labelledby="outreach-heading" className="follow-up-outreach">
      <h2 id="outreach-heading">Åben rådgivning og medarbejdertid, {o.quarterLabel}</h2>
      <nav aria-label="Kvartaler for åben rådgivning og medarbejdertid" className="quarter-nav">
        {o.previousQuarter && (
          <button type="button" className="button button-tertiary" onClick={() => onQuarter(o.previousQuarter!)}>
            Forrige kvartal
          </button>
        )}
        {o.nextQuarter && (
          <button type="button" className="button button-tertiary" onClick={() => onQuarter(o.nextQuarter!)}>
            Næste kvartal
          </button>
        )}
      </nav>
      {c && (
        <>
          <p>
            Åbningstider: {formatNumber(c.held)} holdt af {formatNumber(c.planned)} planlagte ({formatNumber(c.cancelled)} aflyst, {formatNumber(c.notRecorded)} ikke registreret). Bemanding
            opfyldt ved {formatCount(c.staffingMet, 'åbningstid', 'åbningstider')}. Henvendelser: {count(c.inquiries)}
            {c.referredShare !== null && c.referred !== null ? `, heraf ${formatPercent(c.referredShare, 1)} henvist videre` : ''}.
          </p>
          <TableScroller label="Åben rådgivning pr. sted">
            <table className="table table--zebra">
              <caption>Åben rådgivning pr. sted, {o.quarterLabel}</caption>
              <TableHead
                columns={[
                  'Sted',
                  { label: 'Planlagt', className: 'number-cell' },
                  { label: 'Holdt', className: 'number-cell' },
                  { label: 'Bemanding opfyldt', className: 'number-cell' },
                  { label: 'Henvendelser', className: 'number-cell' },
                ]}
              />
              <tbody>
                {c.sites.map((s) => (
                  <tr key={s.site}>
                    <th scope="row" className="weight-normal">
                      {s.site}
                    </th>
                    <td className="number-cell">{formatNumber(s.planned)}</td>
                    <td className="number-cell">{formatNumber(s.held)}</td>
                    <td className="number-cell">{formatNumber(s.staffingMet)}</td>
                    <td className="number-cell">{count(s.inquiries)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
          {o.suppressed && <p className="small-text">Antal henvendelser under 5 er skjult, og et antal, der ville afsløre dem, står også som »skjult«.</p>}
        </>
      )}
      {o.staff && (
        <>
          <TableScroller label="Medarbejdertimer leveret mod lovet">
            <table className="table table--zebra">
              <caption>
                Medarbejdertimer leveret mod lovet, uge {o.staff.firstWeek.slice(6)}-{o.staff.lastWeek.slice(6)}
              </caption>
              <TableHead columns={['Part og ressource', { label: 'Lovet', className: 'number-cell' }, { label: 'Leveret', className: 'number-cell' }, 'Vurdering']} />
              <tbody>
                {o.staff.promises.map((p) => (
                  <tr key={p.key}>
                    <th scope="row" className="weight-normal">
                      <strong>{p.party}</strong>
                      <br />
                      <span className="small-text">{p.sentence}</span>
                    </th>
                    <td className="number-cell">{p.promisedPeople !== null ? formatCount(p.promisedPeople, 'person', 'personer') : hours(p.promisedHours)}</td>
                    <td className="number-cell">{p.promisedPeople !== null ? formatCount(p.deliveredPeople, 'person', 'personer') : hours(p.deliveredHours)}</td>
                    <td>
                      <span className={verdictClass[p.verdict]}>{verdictLabels[p.verdict]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
          <p>
            Registreret i alt: {formatCount(Math.round(o.staff.hoursTotal * 10) / 10, 'time', 'timer')}. <Link to={quarterPath(planId, agreementId, o.quarter)}>Se kvartalet med beregningerne</Link>
          </p>
        </>
      )}
    </section>
  )
}
