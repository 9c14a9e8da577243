import { Link, useParams } from 'react-router'
import type { Activity } from '../../../shared/enrolments.ts'
import { formatNumber } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { planPath } from '../plans/plans.api.ts'
import { activityPath } from './activities.api.ts'
import { ActivityLoadFailed, ActivityLoading, type PlanActivities, loadPlanActivities, planCrumbs } from './activity-loading.tsx'
import { OccupancyBar } from './activity-occupancy-bar.tsx'
import { defaultLengthText, occupancyOf } from './activity-occupancy.ts'
import { HIDDEN_SMALL } from './figures-format.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

export const ACTIVITIES_TITLE = 'Aktiviteter'

/** /planer/:planId/aktiviteter: the plan's activities, how full each is now, and who waits. */
export function ActivityListPage() {
  const { planId = '' } = useParams()
  const data = useResource((signal) => loadPlanActivities(planId, signal), [planId])
  if (data.status === 'loading') return <ActivityLoading title={ACTIVITIES_TITLE} label="Henter aktiviteterne …" />
  if (data.status === 'failed') return <ActivityLoadFailed title={ACTIVITIES_TITLE} error={data.error} onRetry={data.reload} />
  return <ActivityList key={planId} data={data.data} />
}

function ActivityList({ data: { plan, activities } }: { data: PlanActivities }) {
  const overbooked = activities.filter((a) => occupancyOf(a).state === 'over')
  const hidden = activities.some((a) => a.activeHidden || a.waitingHidden)
  return (
    <>
      <Breadcrumbs items={planCrumbs(plan, [{ label: ACTIVITIES_TITLE }])} />
      <Page title={ACTIVITIES_TITLE} lead={`Aktiviteterne i ${plan.name}: pladser, hvor mange der er i forløb nu, og hvor mange der venter.`}>
        {overbooked.length > 0 && (
          <Alert variant="warning" heading={overbooked.length === 1 ? 'En aktivitet er overbooket' : `${formatNumber(overbooked.length)} aktiviteter er overbooket`}>
            <p>Der er flere i forløb, end der er pladser, i {overbooked.map((a) => a.name).join(', ')}.</p>
          </Alert>
        )}
        {hidden && (
          <Alert variant="info" heading="Små tal er skjult">
            <p>Som bestyrelsesmedlem ser du ikke antal, der er så små, at enkeltpersoner kan genkendes. De står som »{HIDDEN_SMALL.toLowerCase()}«.</p>
          </Alert>
        )}
        {activities.length === 0 ? (
          <p>Helhedsplanen har ingen aktiviteter endnu. Aktiviteterne kommer fra delaftalerne.</p>
        ) : (
          <ActivityTable planId={plan.id} activities={activities} />
        )}
        <p className="mt-7">
          <Link to={planPath(plan.id)} className="back-link">
            Tilbage til helhedsplanen
          </Link>
        </p>
      </Page>
    </>
  )
}

function Count({ value, hidden }: { value: number; hidden: boolean }) {
  return <>{hidden ? HIDDEN_SMALL : formatNumber(value)}</>
}

function ActivityTable({ planId, activities }: { planId: string; activities: Activity[] }) {
  return (
    <TableScroller label="Aktiviteter">
      <table className="table table--zebra activity-table">
        <caption className="sr-only">Helhedsplanens aktiviteter med pladser, belægning og venteliste</caption>
        <TableHead columns={['Aktivitet', { label: 'Pladser', className: 'number-cell' }, { label: 'I forløb nu', className: 'number-cell' }, { label: 'Venteliste', className: 'number-cell' }, 'Standardlængde', 'Belægning']} />
        <tbody>
          {activities.map((activity) => (
            <tr key={activity.id}>
              <th scope="row" className="weight-normal">
                <Link to={activityPath(planId, activity.id)}>{activity.name}</Link>
              </th>
              <td className="number-cell">{activity.capacity === null ? <span className="text-subtle">Ikke angivet</span> : formatNumber(activity.capacity)}</td>
              <td className="number-cell">
                <Count value={activity.active} hidden={activity.activeHidden} />
              </td>
              <td className="number-cell">
                <Count value={activity.waiting} hidden={activity.waitingHidden} />
              </td>
              <td className="text-nowrap">{defaultLengthText(activity.defaultWeeks)}</td>
              <td>
                <OccupancyBar occupancy={occupancyOf(activity)} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  )
}
