import type { UserDto } from '../../../shared/users.ts'
import type { Crumb } from '../../components/ui/breadcrumbs.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { ForbiddenPage } from '../errors/forbidden-page.tsx'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { planPath } from '../plans/plans.api.ts'
import { MEETINGS_TITLE, meetingsPath } from './meetings.api.ts'

// What the meeting pages share: the trail above them, and what they show while loading or failing.

export function planName(user: UserDto, planId: string): string {
  return user.plans.find((p) => p.id === planId)?.name ?? 'Helhedsplan'
}

/** Forside › plan › Møder › …: the trail above every meeting page. */
export function meetingCrumbs(user: UserDto, planId: string, below: Crumb[] = []): Crumb[] {
  return [{ label: 'Forside', to: '/' }, { label: planName(user, planId), to: planPath(planId) }, { label: MEETINGS_TITLE, to: meetingsPath(planId) }, ...below]
}

export function MeetingLoading({ title, label }: { title: string; label: string }) {
  return (
    <Page title={title}>
      <Spinner label={label} />
    </Page>
  )
}

export function MeetingLoadFailed({ title, error, onRetry, what }: { title: string; error: unknown; onRetry: () => void; what: string }) {
  // A malformed id is as good as an unknown one to the user; a plan they are not on is "Ingen adgang".
  if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'validation')) return <NotFoundPage />
  if (error instanceof ApiError && error.code === 'forbidden') return <ForbiddenPage />
  return (
    <Page title={title}>
      <LoadError message={messageOf(error)} onRetry={onRetry} heading={`${what} kunne ikke hentes`} />
    </Page>
  )
}
