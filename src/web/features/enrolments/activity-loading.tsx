import type { Activity } from '../../../shared/enrolments.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import type { Crumb } from '../../components/ui/breadcrumbs.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useDocumentTitle } from '../../lib/document-title.ts'
import { ForbiddenPage } from '../errors/forbidden-page.tsx'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { listPlans, planPath } from '../plans/plans.api.ts'
import { listActivities } from './activities.api.ts'

// What the activity pages show before their data is there, and when they cannot get it.

export interface PlanActivities {
  plan: PlanDto
  activities: Activity[]
}

/** The plan (for its name) and its activities; a plan the user does not have reads as not found. */
export async function loadPlanActivities(planId: string, signal: AbortSignal): Promise<PlanActivities> {
  // There is no single-plan endpoint: the list is short and already filtered to what the user may see.
  const [plans, activities] = await Promise.all([listPlans(signal), listActivities(planId, signal)])
  const plan = plans.plans.find((p) => p.id === planId)
  if (!plan) throw new ApiError('not_found', 'Helhedsplanen findes ikke.', 404)
  return { plan, activities }
}

export function ActivityLoading({ title, label }: { title: string; label: string }) {
  useDocumentTitle(title)
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <Spinner label={label} />
    </>
  )
}

export function ActivityLoadFailed({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  // A malformed id is as good as an unknown one to the user; a plan they are not on is "Ingen adgang".
  if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'validation')) return <NotFoundPage />
  if (error instanceof ApiError && error.code === 'forbidden') return <ForbiddenPage />
  return (
    <Page title={title}>
      <LoadError message={messageOf(error)} onRetry={onRetry} heading="Aktiviteterne kunne ikke hentes" />
    </Page>
  )
}

/** Forside › plan › …: the trail above the plan's activity pages. */
export function planCrumbs(plan: PlanDto, below: Crumb[] = []): Crumb[] {
  return [{ label: 'Forside', to: '/' }, { label: plan.name, to: planPath(plan.id) }, ...below]
}
