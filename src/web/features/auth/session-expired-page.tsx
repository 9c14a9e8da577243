import { Link } from 'react-router'
import { Page } from '../../components/ui/page.tsx'
import { paths } from './paths.ts'

export function SessionExpiredPage() {
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
