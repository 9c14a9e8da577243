import { useState } from 'react'
import { Link } from 'react-router'
import type { CompanyFigures, FigureCount } from '../../../shared/companies.ts'
import { formatNumber, formatPercent, isoDay } from '../../../shared/lib/format.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { companyFiguresPath, readCompanyFigures } from './companies.api.ts'

// The plan's companies and placements on an agreement's follow-up page, a year at a time: the same
// figures as the company figures page and the board report's section (the server's pure rules),
// small numbers hidden for the readers who see them so. Nothing is shown before the plan has a
// company in its network or a placement.

const shown = (c: FigureCount) => (c.hidden || c.value === null ? 'skjult' : formatNumber(c.value))

export function FollowUpCompaniesSection({ planId }: { planId: string }) {
  const [year, setYear] = useState(() => Number(isoDay(new Date()).slice(0, 4)))
  const data = useResource((signal) => readCompanyFigures(planId, `${year}-01-01`, `${year}-12-31`, signal), [planId, year])
  if (data.status === 'loading') return <Spinner label="Henter virksomhedstallene …" />
  if (data.status === 'failed') return <LoadError heading="Virksomhedstallene kunne ikke hentes" message={messageOf(data.error)} onRetry={data.reload} />
  const f = data.data
  if (isEmpty(f)) return null
  return (
    <section aria-labelledby="companies-heading" className="follow-up-companies">
      <h2 id="companies-heading">Virksomheder og udplaceringer, {year}</h2>
      <nav aria-label="År for virksomheder og udplaceringer" className="quarter-nav">
        <button type="button" className="button button-tertiary" onClick={() => setYear(year - 1)}>
          Forrige år
        </button>
        <button type="button" className="button button-tertiary" onClick={() => setYear(year + 1)}>
          Næste år
        </button>
      </nav>
      {f.suppressed && <p>Små tal er skjult, så ingen enkelt virksomhed eller beboer kan genkendes.</p>}
      <TableScroller label="Virksomheder og udplaceringer">
        <table className="table table--zebra">
          <caption>Virksomheder og udplaceringer i {year}</caption>
          <TableHead columns={['Tal', { label: 'Antal', className: 'number-cell' }]} />
          <tbody>
            <Row label="Virksomheder i netværket ved årets udgang">{shown(f.inNetwork)}</Row>
            <Row label="Aktive virksomheder (kontakt eller udplacering)">{shown(f.active)}</Row>
            <Row label="Åbninger oprettet">{shown(f.openingsTotal)}</Row>
            <Row label="Udplaceringer startet">{shown(f.placements.started)}</Row>
            <Row label="Udplaceringer gennemført">{shown(f.placements.completed)}</Row>
            <Row label="Afsluttede udplaceringer, der førte til job eller uddannelse inden 13 uger">{jobOrEducation(f)}</Row>
          </tbody>
        </table>
      </TableScroller>
      <p>
        <Link to={companyFiguresPath(planId)}>Se virksomhedstallene med definitioner</Link>
      </p>
    </section>
  )
}

function Row({ label, children }: { label: string; children: string }) {
  return (
    <tr>
      <th scope="row" className="weight-normal">
        {label}
      </th>
      <td className="number-cell">{children}</td>
    </tr>
  )
}

function jobOrEducation(f: CompanyFigures): string {
  const j = f.placements.jobOrEducation
  if (j.hidden) return 'skjult'
  if (j.share === null) return 'ingen afsluttede'
  return `${formatPercent(j.share)} (${formatNumber(j.numerator ?? 0)} af ${formatNumber(j.denominator ?? 0)})`
}

/** A plan with no company in its network and no placement or opening in the year has nothing to show. */
function isEmpty(f: CompanyFigures): boolean {
  const zero = (c: FigureCount) => !c.hidden && (c.value ?? 0) === 0
  return zero(f.inNetwork) && zero(f.active) && zero(f.openingsTotal) && zero(f.placements.started) && zero(f.placements.completed)
}
