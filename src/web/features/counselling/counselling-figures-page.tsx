import { useState } from 'react'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import type { CounsellingFiguresDto, SiteFiguresDto } from '../../../shared/counselling.ts'
import { formatDay, formatNumber, formatPercent, isoDay } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { counsellingFiguresPath, figuresCsvUrl, readFigures } from './counselling.api.ts'
import { COUNSELLING_TITLE, CounsellingLoadFailed, CounsellingLoading, counsellingCrumbs, loadPlan } from './counselling-loading.tsx'

const TITLE = 'Nøgletal for åben rådgivning'
/** Said where a board member's small number is hidden. */
const HIDDEN = 'Skjult'

const count = (n: number | null) => (n === null ? HIDDEN : formatNumber(n))

/** /planer/:planId/aaben-raadgivning/noegletal?fra=…&til=…: the figures of a range of days, with their definitions and a CSV. */
export function CounsellingFiguresPage() {
  const { planId = '' } = useParams()
  const [params] = useSearchParams()
  const today = isoDay(new Date())
  const from = params.get('fra') ?? `${today.slice(0, 4)}-01-01`
  const to = params.get('til') ?? today
  const data = useResource(async (signal) => {
    const [plan, figures] = await Promise.all([loadPlan(planId, signal), readFigures(planId, from, to, signal)])
    return { plan, figures }
  }, [planId, from, to])
  if (data.status === 'loading') return <CounsellingLoading title={TITLE} label="Beregner nøgletallene …" />
  if (data.status === 'failed') return <CounsellingLoadFailed title={TITLE} error={data.error} onRetry={data.reload} />
  const { plan, figures: f } = data.data
  return (
    <>
      <Breadcrumbs items={counsellingCrumbs(plan, [{ label: 'Nøgletal' }])} />
      <Page title={TITLE} lead={`${COUNSELLING_TITLE} i ${plan.name} fra ${formatDay(f.from)} til ${formatDay(f.to)}, opgjort ${formatDay(f.asOf)}.`}>
        <RangeForm planId={plan.id} from={from} to={to} />
        {f.suppressed && (
          <Alert variant="info" heading="Små tal er skjult">
            <p>Som bestyrelsesmedlem ser du ikke antal henvendelser under {formatNumber(f.threshold)}, så enkelte beboere ikke kan genkendes. De står som »{HIDDEN.toLowerCase()}«.</p>
          </Alert>
        )}
        <p>
          <a href={figuresCsvUrl(plan.id, f.from, f.to)} download>
            Hent nøgletallene som CSV (til Excel)
          </a>
        </p>
        <SiteTable f={f} />
        <p>
          Andel henvist: <strong>{f.referredShare === null ? (f.totals.inquiries === 0 ? 'ingen henvendelser' : HIDDEN.toLowerCase()) : formatPercent(f.referredShare, 1)}</strong>
          {' · '}
          {f.byReferral.map((r) => `${r.label}: ${count(r.count)}`).join(' · ')}
        </p>
        <CrossTable f={f} caption="Henvendelser pr. emne og sted" heading="Emne" rows={f.topics.map((t) => ({ key: t.topic, label: t.topic, cells: t.bySite, total: t.total }))} totals={f.topicTotals} />
        <CrossTable f={f} caption="Henvendelser pr. uge og sted" heading="Uge" rows={f.weeks.map((w) => ({ key: w.week, label: `Uge ${w.weekNumber}, ${w.week.slice(0, 4)}`, cells: w.bySite, total: w.total }))} totals={f.topicTotals} />
        <h2 className="mt-8">Sådan er tallene opgjort</h2>
        <dl className="counselling-definitions">
          {f.definitions.map((d) => (
            <div key={d.term}>
              <dt>{d.term}</dt>
              <dd>{d.definition}</dd>
            </div>
          ))}
        </dl>
      </Page>
    </>
  )
}

function RangeForm({ planId, from, to }: { planId: string; from: string; to: string }) {
  const navigate = useNavigate()
  const [range, setRange] = useState({ from, to })
  return (
    <form
      className="counselling-range"
      onSubmit={(event) => {
        event.preventDefault()
        void navigate(`${counsellingFiguresPath(planId)}?fra=${range.from}&til=${range.to}`)
      }}
    >
      <TextField id="figures-from" label="Fra" type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} width="input-width-s" />
      <TextField id="figures-to" label="Til" type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} width="input-width-s" />
      <button type="submit" className="button button-secondary">
        Vis perioden
      </button>
    </form>
  )
}

const SITE_COLUMNS: [keyof Omit<SiteFiguresDto, 'site'>, string][] = [
  ['planned', 'Planlagt'],
  ['held', 'Holdt'],
  ['cancelled', 'Aflyst'],
  ['notRecorded', 'Ikke registreret'],
  ['staffingMet', 'Bemanding opfyldt'],
  ['understaffed', 'Underbemandet'],
  ['inquiries', 'Henvendelser'],
  ['referred', 'Henvist'],
]

function SiteTable({ f }: { f: CounsellingFiguresDto }) {
  if (f.sites.length === 0) return <p>Ingen åbningstider i perioden.</p>
  return (
    <TableScroller label="Åbningstider pr. sted">
      <table className="table table--zebra">
        <caption>Åbningstider og henvendelser pr. sted</caption>
        <TableHead columns={['Sted', ...SITE_COLUMNS.map(([, label]) => ({ label, className: 'number-cell' }))]} />
        <tbody>
          {f.sites.map((s) => (
            <tr key={s.site}>
              <th scope="row" className="weight-normal">
                {s.site}
              </th>
              {SITE_COLUMNS.map(([key]) => (
                <td key={key} className="number-cell">
                  {count(s[key])}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">I alt</th>
            {SITE_COLUMNS.map(([key]) => (
              <td key={key} className="number-cell">
                <strong>{count(f.totals[key])}</strong>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableScroller>
  )
}

function CrossTable({
  f,
  caption,
  heading,
  rows,
  totals,
}: {
  f: CounsellingFiguresDto
  caption: string
  heading: string
  rows: { key: string; label: string; cells: (number | null)[]; total: number | null }[]
  totals: (number | null)[]
}) {
  if (rows.length === 0) return null
  return (
    <TableScroller label={caption}>
      <table className="table table--zebra">
        <caption>{caption}</caption>
        <TableHead columns={[heading, ...f.sites.map((s) => ({ label: s.site, className: 'number-cell' })), { label: 'I alt', className: 'number-cell' }]} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="weight-normal">
                {r.label}
              </th>
              {r.cells.map((c, i) => (
                <td key={f.sites[i]!.site} className="number-cell">
                  {count(c)}
                </td>
              ))}
              <td className="number-cell">{count(r.total)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">I alt</th>
            {totals.map((c, i) => (
              <td key={f.sites[i]!.site} className="number-cell">
                <strong>{count(c)}</strong>
              </td>
            ))}
            <td className="number-cell">
              <strong>{count(f.totals.inquiries)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </TableScroller>
  )
}

