import { type FormEvent, useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatCount, formatDay, formatNumber, isoDay } from '../../../shared/lib/format.ts'
import { type FunnelFigures, groupVerdictLabels } from '../../../shared/pathways.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { activitiesPath, activityPath } from '../enrolments/activities.api.ts'
import { ACTIVITIES_TITLE } from '../enrolments/activity-list-page.tsx'
import { ActivityLoadFailed, ActivityLoading, loadPlanActivities, planCrumbs } from '../enrolments/activity-loading.tsx'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { participantPath } from '../participants/participants.api.ts'
import { createGroup, listGroups, readDue, readFunnel } from './pathways.api.ts'

/**
 * /planer/:planId/aktiviteter/:activityId/tragt: an activity's funnel (decision 023). Everyone on the
 * plan sees the counts per step, the leisure jobs kept and the groups per year (board members with
 * small numbers hidden); the staff who work with young people also see whose 3-month check is due
 * and record the activity's groups (hold).
 */
export function FunnelPage() {
  const { planId = '', activityId = '' } = useParams()
  const data = useResource((signal) => loadPlanActivities(planId, signal), [planId])
  const user = useCurrentUser()
  const year = isoDay(new Date()).slice(0, 4)
  const figures = useResource((signal) => readFunnel(planId, activityId, year, signal), [planId, activityId, year])
  if (data.status === 'loading') return <ActivityLoading title="Tragten" label="Henter aktiviteten …" />
  if (data.status === 'failed') return <ActivityLoadFailed title="Tragten" error={data.error} onRetry={data.reload} />
  const activity = data.data.activities.find((a) => a.id === activityId)
  if (!activity) return <NotFoundPage />
  const plan = data.data.plan
  return (
    <>
      <Breadcrumbs items={planCrumbs(plan, [{ label: ACTIVITIES_TITLE, to: activitiesPath(plan.id) }, { label: activity.name, to: activityPath(plan.id, activity.id) }, { label: 'Tragten' }])} />
      <Page title={`Tragten: ${activity.name}`} lead={`De unges trin i ${year}, fritidsjob fastholdt og hold pr. år.`}>
        {figures.status === 'loading' && <Spinner label="Henter tallene …" />}
        {figures.status === 'failed' && <LoadError message={messageOf(figures.error)} onRetry={figures.reload} heading="Tallene kunne ikke hentes" />}
        {figures.status === 'ready' && <FunnelSections figures={figures.data} />}
        {may(user.role, 'pathway-progress', 'read') && <DueSection planId={plan.id} activityId={activity.id} />}
        {may(user.role, 'activity-groups', 'read') && <GroupsSection planId={plan.id} activityId={activity.id} canCreate={may(user.role, 'activity-groups', 'create')} onChanged={figures.reload} />}
        <p className="mt-7">
          <Link to={activityPath(plan.id, activity.id)} className="back-link">
            Tilbage til {activity.name}
          </Link>
        </p>
      </Page>
    </>
  )
}

const HIDDEN = 'Skjult (under 5)'
const count = (n: number | null, hidden: boolean) => (hidden ? HIDDEN : n === null ? '–' : formatNumber(n))

function FunnelSections({ figures }: { figures: FunnelFigures }) {
  const g = figures.groups
  return (
    <>
      <section aria-labelledby="tragt-trin">
        <h2 id="tragt-trin">Unge pr. trin, {figures.periodLabel}</h2>
        {figures.suppressed && <p>Tal under 5 er skjult, så ingen enkelt ung kan genkendes.</p>}
        <TableScroller label="Unge pr. trin">
          <table className="table table--zebra">
            <caption className="sr-only">Antal unge, der nåede hvert trin i {figures.periodLabel}</caption>
            <TableHead columns={['Trin', 'Unge']} />
            <tbody>
              {figures.steps.map((s) => (
                <tr key={s.stepId}>
                  <th scope="row" className="weight-normal">
                    {s.name}
                  </th>
                  <td>{count(s.count, s.hidden)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </section>
      {figures.checkName && (
        <section aria-labelledby="tragt-fastholdt">
          <h2 id="tragt-fastholdt">Fritidsjob fastholdt</h2>
          <dl className="facts">
            <dt>Startet i fritidsjob</dt>
            <dd>{count(figures.entered, figures.hidden)}</dd>
            <dt>{figures.checkName}</dt>
            <dd>{count(figures.kept, figures.hidden)}</dd>
            <dt>Mistet jobbet</dt>
            <dd>{count(figures.lost, figures.hidden)}</dd>
            <dt>Endnu ikke spurgt</dt>
            <dd>{count(figures.awaiting, figures.hidden)}</dd>
          </dl>
        </section>
      )}
      <section aria-labelledby="tragt-hold">
        <h2 id="tragt-hold">Hold i {g.year}</h2>
        <p>
          {formatNumber(g.count)} {g.count === 1 ? 'hold' : 'hold'} startet
          {g.min !== null ? `; målet er ${g.max !== null && g.max !== g.min ? `${g.min} til ${g.max}` : g.min} hold pr. år` : ''}. <strong>{groupVerdictLabels[g.verdict]}</strong>.
        </p>
      </section>
      <details className="details">
        <summary className="details-summary">Sådan tælles tallene</summary>
        <div className="details-text">
          <dl>
            {figures.definitions.map((d) => (
              <div key={d.name}>
                <dt className="weight-semibold">{d.name}</dt>
                <dd>{d.definition}</dd>
              </div>
            ))}
          </dl>
        </div>
      </details>
    </>
  )
}

function DueSection({ planId, activityId }: { planId: string; activityId: string }) {
  const due = useResource((signal) => readDue(planId, activityId, signal), [planId, activityId])
  return (
    <section aria-labelledby="tragt-spoerg">
      <h2 id="tragt-spoerg">Skal spørges nu</h2>
      {due.status === 'loading' && <Spinner label="Henter opfølgningerne …" />}
      {due.status === 'failed' && <LoadError message={messageOf(due.error)} onRetry={due.reload} heading="Opfølgningerne kunne ikke hentes" />}
      {due.status === 'ready' &&
        (due.data.length === 0 ? (
          <p>Der er ingen unge, der skal spørges nu.</p>
        ) : (
          <ul>
            {due.data.map((d) => (
              <li key={`${d.participantId}-${d.stepId}`}>
                <Link to={participantPath(planId, d.participantId)}>{d.name ?? d.pseudonym}</Link>: {d.stepName.toLowerCase()}, fra {formatDay(d.dueOn)}
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}

function GroupsSection({ planId, activityId, canCreate, onChanged }: { planId: string; activityId: string; canCreate: boolean; onChanged: () => void }) {
  const groups = useResource((signal) => listGroups(planId, activityId, signal), [planId, activityId])
  const [name, setName] = useState('')
  const [startsOn, setStartsOn] = useState(isoDay(new Date()))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<{ text: string; seq: number } | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problems: Record<string, string> = {}
    if (!name.trim()) problems.name = 'Skriv holdets navn.'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn)) problems.startsOn = 'Skriv en dato som ÅÅÅÅ-MM-DD.'
    setErrors(problems)
    if (Object.keys(problems).length > 0) {
      document.getElementById(problems.name ? 'group-name' : 'group-starts')?.focus()
      return
    }
    setBusy(true)
    try {
      await createGroup(planId, activityId, { name, startsOn, endsOn: null })
      setNotice((n) => ({ text: `Holdet ${name.trim()} er oprettet`, seq: (n?.seq ?? 0) + 1 }))
      setName('')
      groups.reload()
      onChanged()
    } catch (e) {
      const issues = e instanceof ApiError ? e.issues : []
      setErrors(issues.length ? Object.fromEntries(issues.map((i) => [i.path.split('.')[0]!, i.message])) : { name: messageOf(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="tragt-holdliste">
      <h2 id="tragt-holdliste">Holdene</h2>
      <p>Holdets gange og fremmøde registreres på aktivitetens side: vælg holdet, når du registrerer en aktivitetsgang.</p>
      {notice && <Alert key={notice.seq} variant="success" heading={notice.text} headingLevel={3} focusOnMount />}
      {groups.status === 'ready' &&
        (groups.data.length === 0 ? (
          <p>Der er ikke oprettet nogen hold.</p>
        ) : (
          <ul>
            {groups.data.map((g) => (
              <li key={g.id}>
                {g.name}, fra {formatDay(g.startsOn)}
                {g.endsOn ? ` til ${formatDay(g.endsOn)}` : ''}: {formatCount(g.sessions, 'gang', 'gange')}, {formatCount(g.youngPeople, 'ung', 'unge')} mødt mindst én gang, {formatCount(g.present, 'fremmøde', 'fremmøder')} i alt
              </li>
            ))}
          </ul>
        ))}
      {canCreate && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Opret hold">
          <TextField id="group-name" label="Holdets navn" hint="Fx Mod på matematik, forår 2026." value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
          <TextField id="group-starts" label="Starter den" type="date" width="input-width-s" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} error={errors.startsOn} />
          <button type="submit" className="button button-secondary mt-5" disabled={busy}>
            {busy ? 'Opretter …' : 'Opret hold'}
          </button>
        </form>
      )}
    </section>
  )
}
