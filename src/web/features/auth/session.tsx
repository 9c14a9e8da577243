import { type ReactNode, createContext, use, useCallback, useEffect, useMemo, useState } from 'react'
import type { SessionDto } from '../../../shared/auth.ts'
import type { UserDto } from '../../../shared/users.ts'
import { ApiError, setAuthProblemHandlers } from '../../lib/api.ts'
import { readSession } from './auth.api.ts'

export type SignedOutReason =
  /** The user pressed "Log ud". */
  | 'logged-out'
  /** The server no longer accepts the session cookie (timed out, or ended by an administrator). */
  | 'expired'

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: SignedOutReason | null }
  | { status: 'signed-in'; session: SessionDto }
  /** The server could not tell us who is signed in (it is down, or the network is). */
  | { status: 'unavailable'; error: unknown }

interface SessionContextValue {
  state: SessionState
  signedIn: (session: SessionDto) => void
  signedOut: (reason: SignedOutReason | null) => void
  /** Reads the session again, e.g. after the password was changed. */
  refresh: () => Promise<void>
}

const SessionContext = createContext<SessionContextValue | null>(null)

// Where a user goes when the session changes is decided in one place, the route guard, from this
// state; nothing here navigates. (Navigating from here raced with the guard's own redirects.)
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })

  const signedIn = useCallback((session: SessionDto) => setState({ status: 'signed-in', session }), [])
  const signedOut = useCallback((reason: SignedOutReason | null) => setState({ status: 'signed-out', reason }), [])

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const session = await readSession(signal)
      if (!signal?.aborted) setState({ status: 'signed-in', session })
    } catch (error) {
      if (signal?.aborted) return
      if (error instanceof ApiError && error.code === 'unauthenticated') return setState({ status: 'signed-out', reason: null })
      if (error instanceof ApiError && error.code === 'session_expired') return setState({ status: 'signed-out', reason: 'expired' })
      setState({ status: 'unavailable', error })
    }
  }, [])

  useEffect(() => {
    const controller = new AbortController()
    void load(controller.signal)
    return () => controller.abort()
  }, [load])

  useEffect(() => {
    setAuthProblemHandlers({
      sessionExpired: () => setState({ status: 'signed-out', reason: 'expired' }),
      // The server knows better than our copy of the session; with the fresh copy the guard sends
      // the user to the change-password page.
      passwordChangeRequired: () => void load(),
    })
    return () => setAuthProblemHandlers(null)
  }, [load])

  const value = useMemo<SessionContextValue>(() => ({ state, signedIn, signedOut, refresh: () => load() }), [state, signedIn, signedOut, load])
  return <SessionContext value={value}>{children}</SessionContext>
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext)
  if (!value) throw new Error('useSession outside SessionProvider')
  return value
}

/** The signed-in user. Only for pages behind the session guard, which guarantees there is one. */
export function useCurrentUser(): UserDto {
  const { state } = useSession()
  if (state.status !== 'signed-in') throw new Error('useCurrentUser without a session')
  return state.session.user
}
