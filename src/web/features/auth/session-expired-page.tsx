import { useEffect } from 'react'
import { Link } from 'react-router'
import { Page } from '../../components/ui/page.tsx'
import { paths } from './paths.ts'
import { useSession } from './session.tsx'

export function SessionExpiredPage() {
  const { state, signedOut } = useSession()
  // Told once is enough: from here on the user is simply signed out, and other pages lead to login.
  useEffect(() => {
    if (state.status === 'signed-out' && state.reason === 'expired') signedOut(null)
  }, [state, signedOut])

  return (
    <Page title="Din session er udløbet">
      <p>Du er blevet logget ud, fordi du ikke har brugt Indsats i et stykke tid, eller fordi din session ikke længere er gyldig.</p>
      <p>Ændringer, du ikke nåede at gemme, er ikke gemt.</p>
      <p className="mt-6">
        <Link to={paths.login} className="button button-primary">
          Log ind igen
        </Link>
      </p>
    </Page>
  )
}
