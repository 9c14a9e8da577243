import { Link, Navigate } from 'react-router'
import { Page } from '../../components/ui/page.tsx'
import { useCurrentUser } from '../auth/session.tsx'
import { counsellingPath } from './counselling.api.ts'
import { COUNSELLING_TITLE } from './counselling-loading.tsx'

/** /aaben-raadgivning, the main menu's entry: the choice of plan, skipped for staff on one plan. */
export function CounsellingMenuPage() {
  const user = useCurrentUser()
  const [only] = user.plans
  if (only && user.plans.length === 1) return <Navigate to={counsellingPath(only.id)} replace />
  return (
    <Page title={COUNSELLING_TITLE} lead="Åbningstiderne, henvendelserne og de aftalte tider hører til den helhedsplan, rådgivningen er en del af. Vælg helhedsplanen.">
      {user.plans.length === 0 ? (
        <p>Du er ikke tilknyttet nogen helhedsplan endnu. Kontakt en administrator, hvis du skal have adgang.</p>
      ) : (
        <ul className="nobullet-list plan-list">
          {user.plans.map((plan) => (
            <li key={plan.id} className="card plan-card">
              <div className="card-content">
                <p className="card-subheading">{plan.municipality} Kommune</p>
                <h2 className="card-heading h4">
                  <Link to={counsellingPath(plan.id)}>
                    <span className="sr-only">Åben rådgivning i </span>
                    {plan.name}
                  </Link>
                </h2>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
