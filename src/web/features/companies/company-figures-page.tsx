import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import type { FigureCount } from '../../../shared/companies.ts'
import { formatDay, formatNumber, formatPercent, isoDay } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { planPath } from '../plans/plans.api.ts'
import { companiesPath, readCompanyFigures } from './companies.api.ts'
import { CompanyLoadFailed, planName } from './company-loading.tsx'

const TITLE = 'Tal om virksomhedsnetværket'
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The period asked for in the address, or this year until today. */
function periodOf(search: URLSearchParams): { from: string; to: string } {
  const today = isoDay(new Date())
  const from = search.get('fra') ?? ''
  const to = search.get('til') ?? ''
  return { from: DAY.test(from) ? from : `${today.slice(0, 4)}-01-01`, to: DAY.test(to) ? to : today }
}

function Count({ count }: { count: FigureCount }) {
  if (count.hidden || count.value === null) return <span className="text-subtle">Skjult</span>
  return <>{formatNumber(count.value)}</>
}

export function CompanyFiguresPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const [search, setSearch] = useSearchParams()
  const period = periodOf(search)
  const figures = useResource((signal) => readCompanyFigures(planId, period.from, period.to, signal), [planId, period.from, period.to])
  const [from, setFrom] = useState(period.from)
  const [to, setTo] = useState(period.to)
  if (figures.status === 'failed') return <CompanyLoadFailed title={TITLE} error={figures.error} onRetry={figures.reload} what="Tallene" />
  const crumbs = [{ label: 'Forside', to: '/' }, { label: planName(user, planId), to: planPath(planId) }, ...(may(user.role, 'companies', 'read') ? [{ label: 'Virksomheder', to: companiesPath(planId) }] : []), { label: TITLE }]

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <Page title={TITLE} lead="Virksomhederne i helhedsplanens netværk, de virksomheder, medarbejderne har haft kontakt med, og de åbninger, der er oprettet.">
        <form
          aria-label="Vælg periode"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            if (DAY.test(from) && DAY.test(to)) setSearch(new URLSearchParams({ fra: from, til: to }))
          }}
        >
          <div className="field-row">
            <TextField id="figures-from" label="Fra" type="date" width="input-width-s" value={from} onChange={(e) => setFrom(e.target.value)} />
            <TextField id="figures-to" label="Til" type="date" width="input-width-s" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <button type="submit" className="button button-secondary">
            Vis tal
          </button>
        </form>
        {figures.status === 'loading' ? (
          <Spinner label="Henter tallene …" />
        ) : (
          <section aria-labelledby="figures-heading" className="mt-6">
            <h2 id="figures-heading">
              {formatDay(figures.data.from)} til {formatDay(figures.data.to)}
            </h2>
            {figures.data.suppressed && (
              <Alert variant="info" headingLevel={3} heading="Små tal er skjult">
                <p>Tal under 5 vises ikke for bestyrelsen, så ingen enkelt virksomhed kan genkendes.</p>
              </Alert>
            )}
            <TableScroller label="Netværket">
              <table className="table table--zebra">
                <caption>Netværket</caption>
                <TableHead columns={['Tal', { label: 'Antal', className: 'number-cell' }, 'Sådan tælles det']} />
                <tbody>
                  <tr>
                    <th scope="row">Virksomheder i netværket</th>
                    <td className="number-cell" data-figure="in-network">
                      <Count count={figures.data.inNetwork} />
                    </td>
                    <td>Virksomheder, der er i netværket på periodens sidste dag ({formatDay(figures.data.to)}).</td>
                  </tr>
                  <tr>
                    <th scope="row">Aktive virksomheder</th>
                    <td className="number-cell" data-figure="active">
                      <Count count={figures.data.active} />
                    </td>
                    <td>Virksomheder med mindst én registreret kontakt (besøg, opkald, møde eller e-mail) i perioden eller en udplacering, der løb mindst én dag i perioden.</td>
                  </tr>
                </tbody>
              </table>
            </TableScroller>
            <TableScroller label="Åbninger oprettet i perioden">
              <table className="table table--zebra mt-6">
                <caption>Åbninger oprettet i perioden, efter slags</caption>
                <TableHead columns={['Slags', { label: 'Antal', className: 'number-cell' }]} />
                <tbody>
                  {figures.data.openingsByKind.map((k) => (
                    <tr key={k.kind}>
                      <th scope="row">{k.label}</th>
                      <td className="number-cell">
                        <Count count={k.count} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">I alt</th>
                    <td className="number-cell">
                      <strong>
                        <Count count={figures.data.openingsTotal} />
                      </strong>
                    </td>
                  </tr>
                </tfoot>
              </table>
            </TableScroller>
            <p className="small-text">En åbning tælles i perioden, den blev oprettet i, uanset om den siden er besat eller lukket.</p>
            <TableScroller label="Udplaceringer">
              <table className="table table--zebra mt-6">
                <caption>Udplaceringer i virksomheder</caption>
                <TableHead columns={['Tal', { label: 'Antal', className: 'number-cell' }, 'Sådan tælles det']} />
                <tbody>
                  <tr>
                    <th scope="row">Udplaceringer startet</th>
                    <td className="number-cell" data-figure="placements-started">
                      <Count count={figures.data.placements.started} />
                    </td>
                    <td>{figures.data.definitions.find((d) => d.name === 'Udplaceringer startet')?.definition}</td>
                  </tr>
                  <tr>
                    <th scope="row">Udplaceringer gennemført</th>
                    <td className="number-cell" data-figure="placements-completed">
                      <Count count={figures.data.placements.completed} />
                    </td>
                    <td>{figures.data.definitions.find((d) => d.name === 'Udplaceringer gennemført')?.definition}</td>
                  </tr>
                  <tr>
                    <th scope="row">Job eller uddannelse inden for 13 uger</th>
                    <td className="number-cell" data-figure="placements-job-or-education">
                      {(() => {
                        const j = figures.data.placements.jobOrEducation
                        if (j.hidden) return <span className="text-subtle">Skjult</span>
                        if (j.share === null) return <span className="text-subtle">Ingen afsluttede</span>
                        return `${formatPercent(j.share)} (${formatNumber(j.numerator ?? 0)} af ${formatNumber(j.denominator ?? 0)})`
                      })()}
                    </td>
                    <td>
                      {figures.data.definitions.find((d) => d.name === 'Job eller uddannelse inden for 13 uger')?.definition}
                      {figures.data.placements.jobOrEducation.pending ? ` Afventer: ${formatNumber(figures.data.placements.jobOrEducation.pending)}.` : ''}
                    </td>
                  </tr>
                </tbody>
              </table>
            </TableScroller>
          </section>
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
