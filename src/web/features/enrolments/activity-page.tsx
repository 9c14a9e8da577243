import { Link, useParams } from 'react-router'
import type { Activity, Roster } from '../../../shared/enrolments.ts'
import { may } from '../../../shared/permissions.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import { formatNumber } from '../../../shared/lib/format.ts'
import type { SessionList } from '../../../shared/sessions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { type Resource, useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { SessionForm } from '../sessions/session-form.tsx'
import { SessionListSection } from '../sessions/session-list.tsx'
import { listSessions } from '../sessions/sessions.api.ts'
import { activitiesPath, activityPath, readRoster } from './activities.api.ts'
import { ACTIVITIES_TITLE } from './activity-list-page.tsx'
import { ActivityLoadFailed, ActivityLoading, loadPlanActivities, planCrumbs } from './activity-loading.tsx'
import { OccupancyBar } from './activity-occupancy-bar.tsx'
import { defaultLengthText, occupancyOf } from './activity-occupancy.ts'
import { ActivityRoster } from './activity-roster.tsx'
import { listGroups } from '../pathways/pathways.api.ts'
import { ActivitySettingsForm } from './activity-settings-form.tsx'
import { HIDDEN_SMALL } from './figures-format.ts'
import { FiguresSection } from './figures-section.tsx'

/**
 * /planer/:planId/aktiviteter/:activityId: one activity. Everyone on the plan sees its occupancy and
 * figures; the staff who work with residents also see who is in it and take attendance. Board
 * members and administrators get no roster or sessions: the server would refuse them, so the page
 * never asks.
 */
export function ActivityPage() {
  const { planId = '', activityId = '' } = useParams()
  const data = useResource((signal) => loadPlanActivities(planId, signal), [planId])
  if (data.status === 'loading') return <ActivityLoading title="Aktivitet" label="Henter aktiviteten …" />
  if (data.status === 'failed') return <ActivityLoadFailed title="Aktivitet" error={data.error} onRetry={data.reload} />
  const activity = data.data.activities.find((a) => a.id === activityId)
  if (!activity) return <NotFoundPage />
  return <ActivityDetails key={activity.id} plan={data.data.plan} activity={activity} onChanged={data.reload} />
}

function ActivityDetails({ plan, activity, onChanged }: { plan: PlanDto; activity: Activity; onChanged: () => void }) {
  const user = useCurrentUser()
  const staff = may(user.role, 'participants', 'read')
  return (
    <>
      <Breadcrumbs items={planCrumbs(plan, [{ label: ACTIVITIES_TITLE, to: activitiesPath(plan.id) }, { label: activity.name }])} />
      <Page title={activity.name} lead={`Aktivitet i ${plan.name}, ${plan.municipality} Kommune`}>
        <OnThisPage staff={staff} canTransfer={may(user.role, 'indicator-values', 'create')} />
        <OccupancySection planId={plan.id} activity={activity} canEdit={may(user.role, 'activities', 'update')} advise={staff || may(user.role, 'activities', 'update')} onChanged={onChanged} />
        {staff && <StaffSections planId={plan.id} activity={activity} />}
        <FiguresSection planId={plan.id} activityId={activity.id} canTransfer={may(user.role, 'indicator-values', 'create')} />
        {may(user.role, 'funnel-figures', 'read') && (
          <p className="mt-5">
            <Link to={`${activityPath(plan.id, activity.id)}/tragt`}>Tragten: de unges trin, fritidsjob og hold</Link>
          </p>
        )}
        <p className="mt-7">
          <Link to={activitiesPath(plan.id)} className="back-link">
            Tilbage til aktiviteterne
          </Link>
        </p>
      </Page>
    </>
  )
}

/** The page is long for staff: links to its parts, in the order they come. */
function OnThisPage({ staff, canTransfer }: { staff: boolean; canTransfer: boolean }) {
  const parts: [string, string][] = [
    ['occupancy-heading', 'Pladser og belægning'],
    ...(staff
      ? ([
          ['roster-heading', 'Deltagere'],
          ['session-form-heading', 'Registrér aktivitetsgang'],
          ['sessions-heading', 'Tidligere aktivitetsgange'],
        ] as [string, string][])
      : []),
    ['figures-heading', 'Nøgletal'],
    ...(canTransfer ? ([['transfer-heading', 'Overfør til opfølgning']] as [string, string][]) : []),
  ]
  return (
    <nav aria-label="På denne side" className="on-this-page">
      <ul className="nobullet-list no-max-width">
        {parts.map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function OccupancySection({ planId, activity, canEdit, advise, onChanged }: { planId: string; activity: Activity; canEdit: boolean; advise: boolean; onChanged: () => void }) {
  const occupancy = occupancyOf(activity)
  return (
    <section aria-labelledby="occupancy-heading" className="activity-section">
      <h2 id="occupancy-heading">Pladser og belægning</h2>
      {occupancy.state === 'over' && (
        <Alert variant="warning" heading="Aktiviteten er overbooket" headingLevel={3}>
          <p>
            Der er {formatNumber(activity.active)} i forløb, men kun {formatNumber(activity.capacity ?? 0)} pladser.
            {advise && ' Vent med at starte flere, til der bliver en plads fri, eller ret antallet af pladser, hvis aktiviteten kan rumme flere.'}
          </p>
        </Alert>
      )}
      <dl className="activity-facts">
        <div>
          <dt>Pladser</dt>
          <dd>{activity.capacity === null ? 'Ikke angivet' : formatNumber(activity.capacity)}</dd>
        </div>
        <div>
          <dt>I forløb nu</dt>
          <dd>{activity.activeHidden ? HIDDEN_SMALL : formatNumber(activity.active)}</dd>
        </div>
        <div>
          <dt>Venteliste</dt>
          <dd>{activity.waitingHidden ? HIDDEN_SMALL : formatNumber(activity.waiting)}</dd>
        </div>
        <div>
          <dt>Standardlængde</dt>
          <dd>{defaultLengthText(activity.defaultWeeks)}</dd>
        </div>
      </dl>
      <OccupancyBar occupancy={occupancy} />
      {activity.selectionCriteria.length > 0 && (
        <>
          <h3>Udvælgelseskriterier</h3>
          <p>Fra delaftalen. Kandidater vurderes efter hvert kriterie, når de visiteres.</p>
          <ul>
            {activity.selectionCriteria.map((criterion) => (
              <li key={criterion}>{criterion}</li>
            ))}
          </ul>
        </>
      )}
      {canEdit && <ActivitySettingsForm planId={planId} activity={activity} onSaved={onChanged} />}
    </section>
  )
}

/** The roster, the attendance form and the earlier sessions: one roster load serves the first two. */
function StaffSections({ planId, activity }: { planId: string; activity: Activity }) {
  const roster: Resource<Roster> = useResource((signal) => readRoster(planId, activity.id, signal), [planId, activity.id])
  const sessions: Resource<SessionList> = useResource((signal) => listSessions(planId, activity.id, signal), [planId, activity.id])
  const user = useCurrentUser()
  const readsGroups = may(user.role, 'activity-groups', 'read')
  const groups = useResource((signal) => (readsGroups ? listGroups(planId, activity.id, signal) : Promise.resolve([])), [planId, activity.id, readsGroups])
  return (
    <>
      <ActivityRoster planId={planId} roster={roster} />
      {roster.status === 'ready' && (
        <SessionForm
          planId={planId}
          activityId={activity.id}
          active={roster.data.active}
          hiddenActive={roster.data.hiddenActive}
          groups={groups.data ?? []}
          onSaved={sessions.reload}
        />
      )}
      <SessionListSection planId={planId} sessions={sessions} />
    </>
  )
}
