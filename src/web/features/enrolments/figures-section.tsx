import { useSearchParams } from 'react-router'
import type { ActivityFigures, Figure } from '../../../shared/enrolments.ts'
import { formatNumber, isoDay } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { readFigures } from './activities.api.ts'
import { currentPeriod, figureBasisText, figurePeriodOptions, figureValueText } from './figures-format.ts'
import { FigureTransferForm } from './figures-transfer-form.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'

// "Nøgletal": the figures computed from the activity's enrolments for a quarter or a year, each
// with the written definition it was computed by, so a board member can check the number against
// it. No names: everyone on the plan reads these, board members with small numbers hidden.

/** The address keeps the chosen period, so a link to the page shows the same figures. */
const PERIOD_PARAM = 'periode'

export function FiguresSection({ planId, activityId, canTransfer }: { planId: string; activityId: string; canTransfer: boolean }) {
  const [search, setSearch] = useSearchParams()
  const options = figurePeriodOptions(isoDay(new Date()))
  const asked = search.get(PERIOD_PARAM)
  const period = asked && options.some((o) => o.value === asked) ? asked : currentPeriod(isoDay(new Date()), 'quarter')
  const figures = useResource((signal) => readFigures(planId, activityId, period, signal), [planId, activityId, period])
  // While another period loads, the last one stays on screen, marked as being replaced.
  const stale = figures.status === 'ready' && figures.data.period !== period

  function choose(next: string) {
    setSearch(
      (params) => {
        params.set(PERIOD_PARAM, next)
        return params
      },
      { replace: true, preventScrollReset: true },
    )
  }

  return (
    <>
      <section aria-labelledby="figures-heading" className="activity-section">
        <h2 id="figures-heading">Nøgletal</h2>
        <p className="activity-intro">
          Tallene er beregnet ud fra aktivitetens forløb. Der indgår ingen navne, og alle på helhedsplanen ser de samme tal. Under hvert tal står, hvordan det er
          beregnet.
        </p>
        <SelectField id="figures-period" label="Periode" hint="Et kvartal eller et helt år." options={options} value={period} onChange={(e) => choose(e.target.value)} />
        <p className="small-text figures-status" aria-live="polite">
          {stale ? 'Henter nøgletallene …' : ''}
        </p>
        {figures.status === 'loading' && <Spinner label="Henter nøgletallene …" />}
        {figures.status === 'failed' && <LoadError message={messageOf(figures.error)} onRetry={figures.reload} heading="Nøgletallene kunne ikke hentes" />}
        {figures.status === 'ready' && <FigureList figures={figures.data} stale={stale} />}
      </section>
      {canTransfer && figures.status === 'ready' && <FigureTransferForm planId={planId} activityId={activityId} figures={figures.data} periodOptions={options} />}
    </>
  )
}

function FigureList({ figures, stale }: { figures: ActivityFigures; stale: boolean }) {
  return (
    <div className={stale ? 'figures figures-stale' : 'figures'} aria-busy={stale || undefined}>
      {figures.suppressed && (
        <Alert variant="info" heading="Små tal er skjult" headingLevel={3}>
          <p>Som bestyrelsesmedlem ser du ikke tal, der bygger på så få personer, at de kan genkendes. De står som »skjult«.</p>
        </Alert>
      )}
      <p className="figures-period-label">
        Periode: <strong>{figures.periodLabel}</strong>
      </p>
      <ul className="nobullet-list no-max-width figure-list">
        {figures.figures.map((figure) => (
          <FigureItem key={figure.key} figure={figure} />
        ))}
      </ul>
      <ExitReasons figures={figures} />
    </div>
  )
}

function FigureItem({ figure }: { figure: Figure }) {
  const basis = figureBasisText(figure)
  const headingId = `figure-${figure.key}`
  return (
    <li className="figure">
      <h3 id={headingId} className="figure-name">
        {figure.name}
      </h3>
      <p className={['figure-value', figure.hidden || figure.value === null ? 'figure-value-missing' : ''].filter(Boolean).join(' ')}>{figureValueText(figure)}</p>
      {basis && <p className="figure-basis">{basis}</p>}
      {figure.note && <p className="figure-note">{figure.note}</p>}
      <details className="details figure-definition">
        <summary className="details-summary">
          Sådan er tallet beregnet<span className="sr-only">: {figure.name}</span>
        </summary>
        <div className="details-text">
          <p>{figure.definition}</p>
          <p className="small-text">Beregningsregel version {figure.ruleVersion}.</p>
        </div>
      </details>
    </li>
  )
}

function ExitReasons({ figures }: { figures: ActivityFigures }) {
  const anyHidden = figures.exitReasons.some((r) => r.hidden)
  return (
    <div className="exit-reasons">
      <h3 id="exit-reasons-heading">Afslutningsårsager</h3>
      <p>Forløb, der sluttede i perioden, efter den registrerede årsag. Forløb uden registreret årsag og personer, der forlod ventelisten uden at starte, indgår ikke.</p>
      <TableScroller label="Afslutningsårsager">
        <table className="table table--compact exit-reason-table" aria-labelledby="exit-reasons-heading">
          <TableHead columns={['Årsag', { label: 'Antal forløb', className: 'number-cell' }]} />
          <tbody>
            {figures.exitReasons.map((r) => (
              <tr key={r.reason}>
                <th scope="row" className="weight-normal">
                  {r.label}
                </th>
                <td className="number-cell">{r.hidden || r.count === null ? 'Skjult' : formatNumber(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {anyHidden && (
        <p className="small-text">Antal under 5 er skjult, og derfor også enkelte andre antal, så de små ikke kan regnes ud af de øvrige.</p>
      )}
    </div>
  )
}
