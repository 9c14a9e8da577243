import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { type Permission, may } from '../../shared/permissions.ts'
import { Spinner } from '../components/ui/spinner.tsx'
import { paths } from '../features/auth/paths.ts'
import { useSession } from '../features/auth/session.tsx'
import { pendingSignInStep } from '../features/auth/sign-in-steps.ts'
import { ErrorPage } from '../features/errors/error-page.tsx'
import { ForbiddenPage } from '../features/errors/forbidden-page.tsx'

/**
 * Pages for signed-in users. Without a session the user goes to the login page (and comes back
 * afterwards), or to "Din session er udløbet" if the server ended it; with a one-time password, to the change-password page first; if the
 * permission table does not let their role do what the page needs (`access`), they see "Ingen
 * adgang". The server enforces all of this too, from the same table; this only spares the user a
 * page that cannot work.
 */
export function RequireSession({ access, children }: { access?: Permission; children: ReactNode }) {
  const { state } = useSession()
  const location = useLocation()
  if (state.status === 'loading') return <Spinner />
  if (state.status === 'unavailable') return <ErrorPage error={state.error} />
  if (state.status === 'signed-out') {
    if (state.reason === 'expired') return <Navigate to={paths.sessionExpired} replace />
    // After "Log ud" the next person to log in starts on the front page, not where the last one was.
    return <Navigate to={paths.login} replace state={state.reason === 'logged-out' ? undefined : { from: location.pathname + location.search }} />
  }
  const { user } = state.session
  // A sign-in step still to do (the second factor, then the user's own password) comes first.
  const step = pendingSignInStep(state.session)
  if (step && location.pathname !== step) return <Navigate to={step} replace state={{ from: location.pathname + location.search }} />
  if (access && !may(user.role, access.resource, access.action)) return <ForbiddenPage />
  return children
}
