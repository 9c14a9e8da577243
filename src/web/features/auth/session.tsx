import { type ReactNode, createContext, use, useCallback, useEffect, useMemo, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import type { SessionDto } from '../../../shared/auth.ts'
import type { UserDto } from '../../../shared/users.ts'
import { ApiError, setAuthProblemHandlers } from '../../lib/api.ts'
import { readSession } from './auth.api.ts'
import { paths } from './paths.ts'

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: SessionDto }
  /** The server could not tell us who is signed in (it is down, or the network is). */
  | { status: 'unavailable'; error: unknown }

interface SessionContextValue {
  state: SessionState
  signedIn: (session: SessionDto) => void
  signedOut: () => void
  /** Reads the session again, e.g. after the password was changed. */
  refresh: () => Promise<void>
}

const SessionContext = createContext<SessionContextValue | null>(null)

/** Pages that make sense without a session; an expired cookie found there is not worth a detour. */
const publicPaths: string[] = [paths.login, paths.sessionExpired]

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const navigate = useNavigate()
  const location = useLocation()
  const onPublicPage = publicPaths.includes(location.pathname)

  const signedIn = useCallback((session: SessionDto) => setState({ status: 'signed-in', session }), [])
  const signedOut = useCallback(() => setState({ status: 'signed-out' }), [])

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const session = await readSession(signal)
        if (!signal?.aborted) setState({ status: 'signed-in', session })
      } catch (error) {
        if (signal?.aborted) return
        if (error instanceof ApiError && error.code === 'unauthenticated') return setState({ status: 'signed-out' })
        if (error instanceof ApiError && error.code === 'session_expired') {
          setState({ status: 'signed-out' })
          if (!onPublicPage) navigate(paths.sessionExpired, { replace: true })
          return
        }
        setState({ status: 'unavailable', error })
      }
    },
    // Deliberately created once: only the first load looks at where the user is; later ones are
    // explicit refreshes after something the user did.
    [],
  )

  useEffect(() => {
    const controller = new AbortController()
    void load(controller.signal)
    return () => controller.abort()
  }, [load])

  useEffect(() => {
    setAuthProblemHandlers({
      sessionExpired: () => {
        setState({ status: 'signed-out' })
        navigate(paths.sessionExpired, { replace: true })
      },
      passwordChangeRequired: () => {
        // The server knows better than our copy of the session: fetch it, then go where it says.
        void load().then(() => navigate(paths.changePassword, { replace: true }))
      },
    })
    return () => setAuthProblemHandlers(null)
  }, [navigate, load])

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
