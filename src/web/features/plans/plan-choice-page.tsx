import { Link, Navigate } from 'react-router'
import { Page } from '../../components/ui/page.tsx'
import { useCurrentUser } from '../auth/session.tsx'

/**
 * A main-menu entry for work kept per plan: the choice of plan, skipped for a user on one plan.
 * `linkPrefix` is read before each plan's name by screen readers ("Virksomheder i ").
 */
export function PlanChoicePage({ title, lead, pathOf, linkPrefix }: { title: string; lead: string; pathOf: (planId: string) => string; linkPrefix: string }) {
  const user = useCurrentUser()
  const [only] = user.plans
  if (only && user.plans.length === 1) return <Navigate to={pathOf(only.id)} replace />
  return (
    <Page title={title} lead={lead}>
      {user.plans.length === 0 ? (
        <p>Du er ikke tilknyttet nogen helhedsplan endnu. Kontakt en administrator, hvis du skal have adgang.</p>
      ) : (
        <ul className="nobullet-list plan-list">
          {user.plans.map((plan) => (
            <li key={plan.id} className="card plan-card">
              <div className="card-content">
                <p className="card-subheading">{plan.municipality} Kommune</p>
                <h2 className="card-heading h4">
                  <Link to={pathOf(plan.id)}>
                    <span className="sr-only">{linkPrefix}</span>
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
