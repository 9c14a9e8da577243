import type { SessionDto } from '../../../shared/auth.ts'
import { paths } from './paths.ts'

// Signing in is password → second factor (decision 027) → own password for a one-time one → the
// page the user was going to. Each step's page asks here where to go next, and so does the guard.

/** The sign-in step the session still needs, as a page address; null when it needs none. */
export function pendingSignInStep(session: SessionDto): string | null {
  if (session.secondFactor === 'verify') return paths.secondFactor
  if (session.secondFactor === 'enrol') return paths.enrolSecondFactor
  if (session.user.mustChangePassword) return paths.changePassword
  return null
}

/** Where to go after a sign-in step: the next step, or the page the user was going to. */
export function afterSignInStep(session: SessionDto, from: string | undefined): string {
  return pendingSignInStep(session) ?? safeTarget(from)
}

/** Only our own pages: a crafted link must not be able to send the user elsewhere after login. */
export function safeTarget(from: string | undefined): string {
  const signInPages: string[] = [paths.login, paths.sessionExpired, paths.secondFactor, paths.enrolSecondFactor]
  if (!from || !from.startsWith('/') || from.startsWith('//') || signInPages.includes(from)) return '/'
  return from
}
