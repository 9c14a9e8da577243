import { Link } from 'react-router'
import type { UserDto } from '../../../shared/users.ts'
import { Breadcrumbs, type Crumb } from '../../components/ui/breadcrumbs.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useDocumentTitle } from '../../lib/document-title.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { ForbiddenPage } from '../errors/forbidden-page.tsx'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { planPath } from '../plans/plans.api.ts'
import { participantsPath } from './participants.api.ts'

// What the residents' pages show before their data is there, and when they cannot get it. A
// resident the reader may not see is not an error: it is the consent rule at work, and the page
// says so in the server's words.

export const PARTICIPANTS_TITLE = 'Deltagere'

/** The plan's name for the breadcrumbs, from the session: residents' pages are for plan members only. */
export function planName(user: UserDto, planId: string): string {
  return user.plans.find((p) => p.id === planId)?.name ?? 'Helhedsplan'
}

/** Forside › plan › Deltagere › …: the trail above every resident page. */
export function residentCrumbs(user: UserDto, planId: string, below: Crumb[] = []): Crumb[] {
  return [
    { label: 'Forside', to: '/' },
    { label: planName(user, planId), to: planPath(planId) },
    { label: PARTICIPANTS_TITLE, to: participantsPath(planId) },
    ...below,
  ]
}

/** "D-0001 · Amina Hassan", or only the id when the reader may not see the name. */
export function participantLabel(p: { pseudonym: string; name: string | null }): string {
  return p.name ? `${p.pseudonym} · ${p.name}` : p.pseudonym
}

export function ResidentLoading({ title, label }: { title: string; label: string }) {
  useDocumentTitle(title)
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <Spinner label={label} />
    </>
  )
}

export function ResidentLoadFailed({ planId, title, error, onRetry, what }: { planId: string; title: string; error: unknown; onRetry: () => void; what: string }) {
  // A malformed id is as good as an unknown one to the user; a plan they are not on is "Ingen adgang".
  if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'validation')) return <NotFoundPage />
  if (error instanceof ApiError && error.code === 'consent_required') return <NoResidentAccess planId={planId} message={error.message} />
  if (error instanceof ApiError && error.code === 'forbidden') return <ForbiddenPage />
  return (
    <Page title={title}>
      <LoadError message={messageOf(error)} onRetry={onRetry} heading={`${what} kunne ikke hentes`} />
    </Page>
  )
}

/** The resident exists, but no consent in force lets this reader see them (or this part of them). */
export function NoResidentAccess({ planId, message }: { planId: string; message: string }) {
  const user = useCurrentUser()
  const title = 'Ingen adgang til beboeren'
  return (
    <>
      <Breadcrumbs items={residentCrumbs(user, planId, [{ label: title }])} />
      <Page title={title}>
        <p>{message}</p>
        <p>
          Oplysninger om en beboer deles kun med den anden part, når beboeren har givet samtykke til det, og samtykket er i kraft. Har beboeren givet et
          nyt samtykke, registrerer den organisation, der har registreret beboeren, det i Indsats.
        </p>
        <p>
          <Link to={participantsPath(planId)} className="back-link">
            Tilbage til deltagerne
          </Link>
        </p>
      </Page>
    </>
  )
}
