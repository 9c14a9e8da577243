import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { formatCount, formatDateTime, formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import { type PromiseRow, type QuarterView, type Verdict, verdictLabels } from '../../../shared/staff-time.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { StaffTimeSettingsForm } from './settings-form.tsx'
import { ActivityLoadFailed, ActivityLoading, planCrumbs } from '../enrolments/activity-loading.tsx'
import { closeQuarter, reopenQuarter, planStaffTimePath, quarterCsvUrl, quarterPath, readQuarter } from './staff-time.api.ts'
import { loadPlan, STAFF_TIME_TITLE } from './staff-time-loading.tsx'

// "Leveret mod lovet": one quarter of one agreement, a row per promise, saying plainly where a
// promise is not kept. The figures and the sentences are the server's pure rules (decision 015).

const TITLE = 'Leveret mod lovet'

export function QuarterPage() {
  const { planId = '', agreementId = '' } = useParams()
  const [search] = useSearchParams()
  const quarter = search.get('kvartal')
  const data = useResource(async (signal) => {
    const [plan, view] = await Promise.all([loadPlan(planId, signal), readQuarter(planId, agreementId, quarter, signal)])
    return { plan, view }
  }, [planId, agreementId, quarter])
  if (data.status === 'loading') return <ActivityLoading title={TITLE} label="Regner kvartalet ud …" />
  if (data.status === 'failed') return <ActivityLoadFailed title={TITLE} error={data.error} onRetry={data.reload} />
  return <QuarterScreen plan={data.data.plan} view={data.data.view} onChanged={data.reload} />
}

const verdictClass: Record<Verdict, string> = { kept: 'badge badge--success', 'not-kept': 'badge badge--error', running: 'badge badge--info', 'no-figure': 'badge' }
const hours = (n: number | null) => (n === null ? '–' : formatNumber(Math.round(n * 10) / 10))

function QuarterScreen({ plan, view, onChanged }: { plan: PlanDto; view: QuarterView; onChanged: () => void }) {
  const user = useCurrentUser()
  const notKept = view.promises.filter((p) => p.verdict === 'not-kept')
  return (
    <>
      <Breadcrumbs items={planCrumbs(plan, [{ label: STAFF_TIME_TITLE, to: planStaffTimePath(plan.id) }, { label: `${TITLE}, ${view.quarterLabel}` }])} />
      <Page
        title={`${TITLE}, ${view.quarterLabel}`}
        lead={`${view.agreementTitle}: uge ${view.firstWeek.slice(6)}-${view.lastWeek.slice(6)} (${formatCount(view.weeks, 'uge', 'uger')}). En uge hører til kvartalet, som dens torsdag ligger i.`}
      >
        <nav aria-label="Kvartaler" className="quarter-nav">
          {view.previousQuarter && <Link to={quarterPath(plan.id, view.agreementId, view.previousQuarter)}>Forrige kvartal</Link>}
          {view.nextQuarter && <Link to={quarterPath(plan.id, view.agreementId, view.nextQuarter)}>Næste kvartal</Link>}
          <a href={quarterCsvUrl(plan.id, view.agreementId, view.quarter)} download>
            Hent som CSV
          </a>
        </nav>
        {notKept.length > 0 ? (
          <Alert variant="warning" heading={notKept.length === 1 ? 'Et løfte er ikke holdt' : `${formatNumber(notKept.length)} løfter er ikke holdt`} headingLevel={2}>
            <ul>
              {notKept.map((p) => (
                <li key={p.key}>{p.sentence}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <p>
          Samtaler i kvartalet: {view.conversations === null ? 'under 5 (skjult)' : formatNumber(view.conversations)}, {formatCount(Math.round(view.conversationHours * 10) / 10, 'time', 'timer')} med transport og administration. Registreret i alt:{' '}
          {formatCount(Math.round(view.hoursTotal * 10) / 10, 'time', 'timer')}.
        </p>
        <TableScroller label="Leveret mod lovet">
          <table className="table table--zebra quarter-table">
            <caption>Leveret mod lovet pr. part og ressource, {view.quarterLabel}</caption>
            <TableHead
              columns={[
                'Part og ressource',
                { label: 'Lovet', className: 'number-cell' },
                { label: 'Leveret', className: 'number-cell' },
                { label: 'Gns. pr. uge', className: 'number-cell' },
                'Vurdering',
              ]}
            />
            <tbody>
              {view.promises.map((p) => (
                <PromiseTableRow key={p.key} planId={plan.id} view={view} row={p} onChanged={onChanged} />
              ))}
            </tbody>
          </table>
        </TableScroller>
        <h2 className="h4 mt-7">Sådan regnes løfterne om til timer</h2>
        <ul>
          <li>Timer pr. uge i et antal uger fordeles jævnt over årets {view.weeks === 14 ? '53' : '52'} uger; uden antal uger gælder de hver arbejdsuge.</li>
          <li>
            En stilling regnes fra en normal uge på {formatCount(view.settings.normalWeekHours, 'time', 'timer')}, en dag som {formatCount(view.settings.hoursPerDay, 'time', 'timer')}, med{' '}
            {formatCount(view.settings.vacationWeeksPerYear, 'ferieuge', 'ferieuger')} om året.
          </li>
          <li>
            Helligdage på hverdage tager en femtedel af en uge:{' '}
            {view.holidays.length === 0 ? 'ingen i kvartalet' : view.holidays.map((h) => `${h.name} ${formatDay(h.date)}`).join(', ')}.
          </li>
        </ul>
        {may(user.role, 'staff-time-settings', 'update') && <StaffTimeSettingsForm planId={plan.id} settings={view.settings} onSaved={onChanged} />}
      </Page>
    </>
  )
}

function PromiseTableRow({ planId, view, row, onChanged }: { planId: string; view: QuarterView; row: PromiseRow; onChanged: () => void }) {
  const user = useCurrentUser()
  const [problem, setProblem] = useState<string | null>(null)
  const canClose = row.closes && row.verdict !== 'running' && !row.closed?.locked && may(user.role, 'time-quarters', 'create')
  const canReopen = row.closed?.locked === true && may(user.role, 'time-quarters', 'update')
  const [reason, setReason] = useState('')
  const reopen = async () => {
    try {
      await reopenQuarter(planId, view.agreementId, { resourceKey: row.key, quarter: view.quarter, reason })
      setProblem(null)
      setReason('')
      onChanged()
    } catch (error) {
      setProblem(messageOf(error))
    }
  }
  const close = async () => {
    try {
      await closeQuarter(planId, view.agreementId, { resourceKey: row.key, quarter: view.quarter, note: null })
      setProblem(null)
      onChanged()
    } catch (error) {
      setProblem(messageOf(error))
    }
  }
  return (
    <tr>
      <th scope="row" className="weight-normal">
        <strong>{row.party}</strong>
        <br />
        <span className="small-text">
          {row.where}: {row.text}
        </span>
        <br />
        <span className="small-text">{row.sentence}</span>
        {row.closed && (
          <>
            <br />
            <span className="small-text">
              Opgjort af {row.closed.by} {formatDateTime(row.closed.at)}: {formatCount(row.closed.totalHours, 'time', 'timer')}.{' '}
              {row.closed.locked ? 'Timerne i kvartalet er låst.' : 'Kvartalet er åbnet igen, så timerne kan rettes.'}
            </span>
          </>
        )}
        {canClose && (
          <>
            <br />
            <button type="button" className="button button-tertiary" onClick={() => void close()}>
              {row.closed ? 'Opgør kvartalet igen' : 'Opgør og luk kvartalets timer'}
            </button>
          </>
        )}
        {canReopen && (
          <div className="mt-3">
            <label className="form-label" htmlFor={`reopen-${row.key}`}>
              Hvorfor åbnes kvartalet igen?
            </label>
            <input id={`reopen-${row.key}`} className="form-input" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="button" className="button button-tertiary" onClick={() => void reopen()}>
              Åbn kvartalet igen
            </button>
          </div>
        )}
        {problem && <p className="form-error-message">{problem}</p>}
      </th>
      <td className="number-cell">{row.promisedPeople !== null ? formatCount(row.promisedPeople, 'person', 'personer') : hours(row.promisedHours)}</td>
      <td className="number-cell">{row.promisedPeople !== null ? formatCount(row.deliveredPeople, 'person', 'personer') : hours(row.deliveredHours)}</td>
      <td className="number-cell">{hours(row.averagePerWeek)}</td>
      <td>
        <span className={verdictClass[row.verdict]}>{verdictLabels[row.verdict]}</span>
      </td>
    </tr>
  )
}
