import type { UserDto } from '../../../shared/users.ts'
import type { Crumb } from '../../components/ui/breadcrumbs.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { ForbiddenPage } from '../errors/forbidden-page.tsx'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { planPath } from '../plans/plans.api.ts'
import { companiesPath } from './companies.api.ts'

export const COMPANIES_TITLE = 'Virksomheder'

export function planName(user: UserDto, planId: string): string {
  return user.plans.find((p) => p.id === planId)?.name ?? 'Helhedsplan'
}

/** Forside › plan › Virksomheder › …: the trail above every company page. */
export function companyCrumbs(user: UserDto, planId: string, below: Crumb[] = []): Crumb[] {
  return [{ label: 'Forside', to: '/' }, { label: planName(user, planId), to: planPath(planId) }, { label: COMPANIES_TITLE, to: companiesPath(planId) }, ...below]
}

export function CompanyLoadFailed({ title, error, onRetry, what }: { title: string; error: unknown; onRetry: () => void; what: string }) {
  if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'validation')) return <NotFoundPage />
  if (error instanceof ApiError && error.code === 'forbidden') return <ForbiddenPage />
  return (
    <Page title={title}>
      <LoadError message={messageOf(error)} onRetry={onRetry} heading={`${what} kunne ikke hentes`} />
    </Page>
  )
}
