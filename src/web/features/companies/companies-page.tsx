import { Link, Navigate } from 'react-router'
import { Page } from '../../components/ui/page.tsx'
import { useCurrentUser } from '../auth/session.tsx'
import { companiesPath } from './companies.api.ts'
import { COMPANIES_TITLE } from './company-loading.tsx'

/** /virksomheder, the main menu's entry: companies are kept per plan, so this is the choice of plan. */
export function CompaniesPage() {
  const user = useCurrentUser()
  const [only] = user.plans
  if (only && user.plans.length === 1) return <Navigate to={companiesPath(only.id)} replace />
  return (
    <Page title={COMPANIES_TITLE} lead="Virksomhederne i helhedsplanens netværk og deres praktik- og jobåbninger. Vælg helhedsplanen.">
      {user.plans.length === 0 ? (
        <p>Du er ikke tilknyttet nogen helhedsplan endnu. Kontakt en administrator, hvis du skal have adgang.</p>
      ) : (
        <ul className="nobullet-list plan-list">
          {user.plans.map((plan) => (
            <li key={plan.id} className="card plan-card">
              <div className="card-content">
                <p className="card-subheading">{plan.municipality} Kommune</p>
                <h2 className="card-heading h4">
                  <Link to={companiesPath(plan.id)}>
                    <span className="sr-only">Virksomheder i </span>
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
