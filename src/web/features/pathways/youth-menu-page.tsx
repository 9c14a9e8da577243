import { Link, Navigate } from 'react-router'
import type { FunnelActivity } from '../../../shared/pathways.ts'
import type { PlanRef } from '../../../shared/users.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { funnelPath, listFunnelActivities } from './pathways.api.ts'

const TITLE = 'Unge'
const LEAD = 'De unges forløb: hvor mange der når hvert trin, fritidsjob fastholdt og holdene pr. år.'

/**
 * /unge, the main menu's entry to the young people's funnels (decision 023): every activity with a
 * pathway on the user's plans, skipped straight to the funnel when there is only one.
 */
export function YouthMenuPage() {
  const user = useCurrentUser()
  const plans = user.plans
  const funnels = useResource(
    async (signal) => Promise.all(plans.map(async (plan) => ({ plan, activities: await listFunnelActivities(plan.id, signal) }))),
    [plans.map((p) => p.id).join()],
  )
  if (funnels.status === 'loading')
    return (
      <Page title={TITLE}>
        <Spinner label="Henter aktiviteterne …" />
      </Page>
    )
  if (funnels.status === 'failed')
    return (
      <Page title={TITLE}>
        <LoadError message={messageOf(funnels.error)} onRetry={funnels.reload} heading="Aktiviteterne kunne ikke hentes" />
      </Page>
    )
  const all = funnels.data.flatMap(({ plan, activities }) => activities.map((a) => ({ plan, activity: a })))
  const [only] = all
  if (only && all.length === 1) return <Navigate to={funnelPath(only.plan.id, only.activity.activityId)} replace />
  return (
    <Page title={TITLE} lead={LEAD}>
      {all.length === 0 ? (
        <p>Ingen aktiviteter på dine helhedsplaner har en forløbstrappe for unge endnu.</p>
      ) : (
        funnels.data.filter(({ activities }) => activities.length > 0).map(({ plan, activities }) => <PlanFunnels key={plan.id} plan={plan} activities={activities} />)
      )}
    </Page>
  )
}

function PlanFunnels({ plan, activities }: { plan: PlanRef; activities: FunnelActivity[] }) {
  const headingId = `unge-${plan.id}`
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {plan.name}, {plan.municipality} Kommune
      </h2>
      <ul>
        {activities.map((a) => (
          <li key={a.activityId}>
            <Link to={funnelPath(plan.id, a.activityId)}>
              <span className="sr-only">Tragten for </span>
              {a.activityName}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
