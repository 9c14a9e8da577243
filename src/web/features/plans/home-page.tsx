import { Link, useLocation } from 'react-router'
import { roleRule } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { DueChecksSection } from '../due-checks/due-checks-section.tsx'
import { MyActions } from '../meetings/my-actions.tsx'
import { listPlans, planPath } from './plans.api.ts'

export function HomePage() {
  const user = useCurrentUser()
  const location = useLocation()
  const notice = (location.state as { notice?: string } | null)?.notice
  const plans = useResource((signal) => listPlans(signal), [])
  const isAdmin = roleRule(user.role).listsEveryPlan

  return (
    <Page title="Forside" heading={`Velkommen, ${user.name}`} lead="Indsats samler de boligsociale helhedsplaner, deres delaftaler og opfølgningen på dem.">
      {notice && <Alert variant="success" heading={notice} />}
      <MyActions user={user} />
      <DueChecksSection user={user} />
      <h2>{isAdmin ? 'Helhedsplaner' : 'Dine helhedsplaner'}</h2>
      {isAdmin && <p>Som administrator ser du alle helhedsplaner, så du kan give brugere adgang til dem.</p>}
      {plans.status === 'loading' && <Spinner label="Henter helhedsplaner …" />}
      {plans.status === 'failed' && <LoadError message={messageOf(plans.error)} onRetry={plans.reload} />}
      {plans.status === 'ready' &&
        (plans.data.plans.length === 0 ? (
          <p>Du er ikke tilknyttet nogen helhedsplan endnu. Kontakt en administrator, hvis du skal have adgang.</p>
        ) : (
          <ul className="nobullet-list plan-list">
            {plans.data.plans.map((plan) => (
              <li key={plan.id} className="card plan-card">
                <div className="card-content">
                  <p className="card-subheading">{plan.municipality} Kommune</p>
                  <h3 className="card-heading h4">
                    <Link to={planPath(plan.id)}>{plan.name}</Link>
                  </h3>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </Page>
  )
}
