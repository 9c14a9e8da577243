import { Link } from 'react-router'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { AgreementStatusList } from './indicator-overview.tsx'
import { overviewPath, readOverview } from './indicators.api.ts'

/** "Status for indikatorer" on the plan page: the plan's part of the overview. */
export function PlanIndicatorStatus({ planId }: { planId: string }) {
  const overview = useResource((signal) => readOverview(planId, signal), [planId])
  if (overview.status === 'loading') return <Spinner label="Henter status for indikatorerne …" />
  if (overview.status === 'failed') {
    if (overview.error instanceof ApiError && overview.error.code === 'forbidden') {
      return (
        <Alert variant="info" heading="Du følger ikke selv denne plan" headingLevel={3}>
          <p>Status for indikatorerne vises for planens medarbejdere og bestyrelse. En administrator kan give dig adgang.</p>
        </Alert>
      )
    }
    return <LoadError message={messageOf(overview.error)} onRetry={overview.reload} heading="Status for indikatorerne kunne ikke hentes" />
  }
  const plan = overview.data.plans.find((p) => p.planId === planId)
  return (
    <>
      {plan ? <AgreementStatusList planId={planId} agreements={plan.agreements} headingLevel={3} /> : <p>Der er ingen indikatorer at vise.</p>}
      <p>
        <Link to={overviewPath}>Se status for alle dine helhedsplaner</Link>
      </p>
    </>
  )
}
