import { Link, isRouteErrorResponse, useRouteError } from 'react-router'
import { Page } from '../../components/ui/page.tsx'
import { messageOf } from '../../lib/api.ts'
import { NotFoundPage } from './not-found-page.tsx'

/** Shown when a page fails in a way it did not handle itself. */
export function ErrorPage({ error }: { error?: unknown }) {
  return (
    <Page title="Der skete en fejl">
      <p>{messageOf(error)}</p>
      <p>Prøv at genindlæse siden. Sker det igen, så kontakt en administrator og fortæl, hvad du var i gang med.</p>
      <p className="button-row">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          Genindlæs siden
        </button>
        <Link to="/" className="button button-secondary" reloadDocument>
          Gå til forsiden
        </Link>
      </p>
    </Page>
  )
}

/** The router's error element: a page that crashed while rendering. */
export function RouteErrorPage() {
  const error = useRouteError()
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />
  // The browser console is where a developer will look; the user gets the Danish page.
  console.error(error)
  return <ErrorPage error={error} />
}
