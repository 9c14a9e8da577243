import { Link } from 'react-router'
import { Page } from '../../components/ui/page.tsx'

export function NotFoundPage() {
  return (
    <Page title="Siden findes ikke">
      <p>Vi kan ikke finde den side, du leder efter. Måske er adressen skrevet forkert, eller også er siden flyttet eller slettet.</p>
      <p>
        <Link to="/">Gå til forsiden</Link>
      </p>
    </Page>
  )
}
