import { Link, Navigate, useParams } from 'react-router'
import { may } from '../../../shared/permissions.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { listAgreements } from '../agreements/agreements.api.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { ActivityLoadFailed, ActivityLoading, planCrumbs } from '../enrolments/activity-loading.tsx'
import { calendarImportPath, conversationPath, hoursPath, planStaffTimePath, quarterPath, timeSheetImportPath } from './staff-time.api.ts'
import { loadPlan, STAFF_TIME_TITLE } from './staff-time-loading.tsx'

/** /tid, the main menu's entry: staff time is kept per plan, so this is the choice of plan. */
export function StaffTimePage() {
  const user = useCurrentUser()
  const [only] = user.plans
  if (only && user.plans.length === 1) return <Navigate to={planStaffTimePath(only.id)} replace />
  return (
    <Page title={STAFF_TIME_TITLE} lead="Samtaler og timer registreres i den helhedsplan, de hører til. Vælg helhedsplanen.">
      <ul className="nobullet-list plan-list">
        {user.plans.map((plan) => (
          <li key={plan.id} className="card plan-card">
            <div className="card-content">
              <p className="card-subheading">{plan.municipality} Kommune</p>
              <h2 className="card-heading h4">
                <Link to={planStaffTimePath(plan.id)}>
                  <span className="sr-only">Tid og løfter i </span>
                  {plan.name}
                </Link>
              </h2>
            </div>
          </li>
        ))}
      </ul>
    </Page>
  )
}

/** /planer/:planId/tid: register a conversation or hours, or open a quarter of an agreement. */
export function PlanStaffTimePage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const data = useResource(async (signal) => {
    const [plan, agreements] = await Promise.all([loadPlan(planId, signal), listAgreements(planId, signal)])
    return { plan, agreements: agreements.agreements }
  }, [planId])
  if (data.status === 'loading') return <ActivityLoading title={STAFF_TIME_TITLE} label="Henter helhedsplanen …" />
  if (data.status === 'failed') return <ActivityLoadFailed title={STAFF_TIME_TITLE} error={data.error} onRetry={data.reload} />
  const { plan, agreements } = data.data
  return (
    <>
      <Breadcrumbs items={planCrumbs(plan, [{ label: STAFF_TIME_TITLE }])} />
      <Page title={STAFF_TIME_TITLE} lead={`Samtaler, timer og de medarbejderressourcer, delaftalerne i ${plan.name} lover.`}>
        {(may(user.role, 'conversations', 'create') || may(user.role, 'time-entries', 'create')) && (
          <section aria-labelledby="register-heading">
            <h2 id="register-heading">Registrér</h2>
            <ul className="nobullet-list action-links">
              {may(user.role, 'conversations', 'create') && (
                <li>
                  <Link to={conversationPath(plan.id)} className="button button-primary">
                    Registrér en samtale
                  </Link>
                </li>
              )}
              {may(user.role, 'time-entries', 'create') && (
                <li>
                  <Link to={hoursPath(plan.id)} className="button button-secondary">
                    Registrér timer for en uge
                  </Link>
                </li>
              )}
              {may(user.role, 'conversations', 'create') && (
                <li>
                  <Link to={calendarImportPath(plan.id)} className="button button-secondary">
                    Indlæs jobcentrets kalender
                  </Link>
                </li>
              )}
            </ul>
          </section>
        )}
        <section aria-labelledby="quarters-heading">
          <h2 id="quarters-heading">Leveret mod lovet pr. kvartal</h2>
          {agreements.length === 0 ? (
            <p>Helhedsplanen har ingen delaftaler endnu.</p>
          ) : (
            <ul>
              {agreements.map((a) => (
                <li key={a.id}>
                  <Link to={quarterPath(plan.id, a.id)}>{a.title}</Link>
                  {may(user.role, 'time-entries', 'create') && (
                    <>
                      {' · '}
                      <Link to={timeSheetImportPath(plan.id, a.id)}>
                        Indlæs et timeskema<span className="sr-only"> for {a.title}</span>
                      </Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </Page>
    </>
  )
}
