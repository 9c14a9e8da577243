import { Link, Navigate } from 'react-router'
import { Page } from '../../components/ui/page.tsx'
import { useCurrentUser } from '../auth/session.tsx'
import { PARTICIPANTS_TITLE } from './participant-loading.tsx'
import { participantsPath } from './participants.api.ts'

/**
 * /deltagere, the main menu's entry: residents are kept per plan, so this is the choice of plan.
 * Most staff work on one plan, and for them there is nothing to choose.
 */
export function ResidentsPage() {
  const user = useCurrentUser()
  const [only] = user.plans
  if (only && user.plans.length === 1) return <Navigate to={participantsPath(only.id)} replace />
  return (
    <Page title={PARTICIPANTS_TITLE} lead="Beboerne, der deltager i aktiviteterne, registreres i den helhedsplan, de deltager i. Vælg helhedsplanen.">
      {user.plans.length === 0 ? (
        <p>Du er ikke tilknyttet nogen helhedsplan endnu. Kontakt en administrator, hvis du skal have adgang.</p>
      ) : (
        <ul className="nobullet-list plan-list">
          {user.plans.map((plan) => (
            <li key={plan.id} className="card plan-card">
              <div className="card-content">
                <p className="card-subheading">{plan.municipality} Kommune</p>
                <h2 className="card-heading h4">
                  <Link to={participantsPath(plan.id)}>
                    <span className="sr-only">Deltagere i </span>
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
