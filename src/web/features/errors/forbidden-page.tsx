import { Link } from 'react-router'
import { Page } from '../../components/ui/page.tsx'

export function ForbiddenPage() {
  return (
    <Page title="Ingen adgang">
      <p>Du har ikke adgang til denne side med din rolle. Mener du, at du burde have adgang, så kontakt en administrator.</p>
      <p>
        <Link to="/">Gå til forsiden</Link>
      </p>
    </Page>
  )
}
