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
import { counsellingPath } from './counselling.api.ts'

// What the open-counselling pages show before their data is there, and when they cannot get it.

export const COUNSELLING_TITLE = 'Åben rådgivning'

/** The plan (for its name); a plan the user does not have reads as not found. */
export async function loadPlan(planId: string, signal: AbortSignal): Promise<PlanDto> {
  const plans = await listPlans(signal)
  const plan = plans.plans.find((p) => p.id === planId)
  if (!plan) throw new ApiError('not_found', 'Helhedsplanen findes ikke.', 404)
  return plan
}

export function CounsellingLoading({ title, label }: { title: string; label: string }) {
  useDocumentTitle(title)
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <Spinner label={label} />
    </>
  )
}

export function CounsellingLoadFailed({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'validation')) return <NotFoundPage />
  if (error instanceof ApiError && error.code === 'forbidden') return <ForbiddenPage />
  return (
    <Page title={title}>
      <LoadError message={messageOf(error)} onRetry={onRetry} heading="Den åbne rådgivning kunne ikke hentes" />
    </Page>
  )
}

/** Forside › plan › Åben rådgivning › …: the trail above the open-counselling pages. */
export function counsellingCrumbs(plan: PlanDto, below: Crumb[] = []): Crumb[] {
  return [{ label: 'Forside', to: '/' }, { label: plan.name, to: planPath(plan.id) }, ...(below.length ? [{ label: COUNSELLING_TITLE, to: counsellingPath(plan.id) }, ...below] : [{ label: COUNSELLING_TITLE }])]
}

/** A calendar day `n` days from `day` (both YYYY-MM-DD): arithmetic, not formatting. */
export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}

/** "3-4", "3", or null when nothing was promised. */
export function staffingPromise(min: number | null, max: number | null): string | null {
  if (min === null) return null
  return max !== null && max !== min ? `${min}-${max}` : String(min)
}
