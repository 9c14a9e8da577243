import { companiesPath, companyFiguresPath } from '../companies/companies.api.ts'
import { Link, useParams } from 'react-router'
import { may } from '../../../shared/permissions.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import { roleLabels } from '../../../shared/users.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useDocumentTitle } from '../../lib/document-title.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { AgreementList } from '../agreements/agreement-list.tsx'
import { PlanIndicatorStatus } from '../indicators/indicator-plan-status.tsx'
import { targetGroupsPath } from '../indicators/target-groups.api.ts'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { activitiesPath } from '../enrolments/activities.api.ts'
import { meetingsPath } from '../meetings/meetings.api.ts'
import { participantsPath } from '../participants/participants.api.ts'
import { privacyPath } from '../participants/privacy.api.ts'
import { RetentionNotice } from '../participants/retention-notice.tsx'
import { listPlanMembers, listPlans } from './plans.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'
import { PartiesSection } from './parties-section.tsx'
import { counsellingFiguresPath, counsellingPath } from '../counselling/counselling.api.ts'

export function PlanPage() {
  const { planId = '' } = useParams()
  // There is no single-plan endpoint: the list is short and already filtered to what the user may see.
  const plans = useResource((signal) => listPlans(signal), [planId])

  if (plans.status === 'loading') return <LoadingPlan />
  if (plans.status === 'failed') return <PlanLoadFailed error={plans.error} onRetry={plans.reload} />
  const plan = plans.data.plans.find((p) => p.id === planId)
  if (!plan) return <NotFoundPage />
  return <PlanDetails key={plan.id} plan={plan} />
}

function LoadingPlan() {
  useDocumentTitle('Helhedsplan')
  return (
    <>
      <h1 tabIndex={-1}>Helhedsplan</h1>
      <Spinner label="Henter helhedsplanen …" />
    </>
  )
}

function PlanLoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Page title="Helhedsplan">
      <LoadError message={messageOf(error)} onRetry={onRetry} />
    </Page>
  )
}

function PlanDetails({ plan }: { plan: PlanDto }) {
  const user = useCurrentUser()
  return (
    <Page title={plan.name} lead={`Boligsocial helhedsplan i ${plan.municipality} Kommune`}>
      {may(user.role, 'plan-privacy', 'read') && <RetentionNotice planId={plan.id} />}
      <h2>Delaftaler</h2>
      <AgreementList planId={plan.id} />
      <h2 className="mt-8">Status for indikatorer</h2>
      <PlanIndicatorStatus planId={plan.id} />
      <p>
        <Link to={targetGroupsPath(plan.id)}>Målgrupper: ledige beboere pr. målgruppe og afdeling</Link>
      </p>
      <p>
        <Link to={activitiesPath(plan.id)}>Aktiviteter</Link>
      </p>
      {may(user.role, 'participants', 'read') && (
        <p>
          <Link to={participantsPath(plan.id)}>Deltagere</Link>
        </p>
      )}
      {may(user.role, 'counselling-occurrences', 'read') && (
        <p>
          <Link to={counsellingPath(plan.id)}>Åben rådgivning</Link>
        </p>
      )}
      {may(user.role, 'counselling-figures', 'read') && (
        <p>
          <Link to={counsellingFiguresPath(plan.id)}>Nøgletal for åben rådgivning</Link>
        </p>
      )}
      {may(user.role, 'companies', 'read') && (
        <p>
          <Link to={companiesPath(plan.id)}>Virksomheder og netværk</Link>
        </p>
      )}
      {may(user.role, 'company-figures', 'read') && (
        <p>
          <Link to={companyFiguresPath(plan.id)}>Tal om virksomhedsnetværket</Link>
        </p>
      )}
      {may(user.role, 'meetings', 'read') && (
        <p>
          <Link to={meetingsPath(plan.id)}>Møder, beslutninger og opfølgningspunkter</Link>
        </p>
      )}
      {may(user.role, 'plan-privacy', 'read') && (
        <p>
          <Link to={privacyPath(plan.id)}>Persondata og opbevaring</Link>
        </p>
      )}
      <PartiesSection planId={plan.id} />
      <h2 className="mt-8">Medarbejdere på planen</h2>
      {/* The board follows the plan but does not see the staff list (personal data). */}
      {may(user.role, 'plan-members', 'read') ? (
        <Members planId={plan.id} />
      ) : (
        <Alert variant="info" heading="Medarbejderlisten er kun for planens medarbejdere" headingLevel={3}>
          <p>Som {roleLabels[user.role].toLowerCase()} kan du følge planen, men du kan ikke se, hvem der arbejder på den.</p>
        </Alert>
      )}
      <p className="mt-7">
        <Link to="/" className="back-link">
          Tilbage til forsiden
        </Link>
      </p>
    </Page>
  )
}

function Members({ planId }: { planId: string }) {
  const members = useResource((signal) => listPlanMembers(planId, signal), [planId])
  if (members.status === 'loading') return <Spinner label="Henter medarbejdere …" />
  if (members.status === 'failed') {
    if (members.error instanceof ApiError && members.error.code === 'forbidden') {
      return (
        <Alert variant="info" heading="Du har ikke adgang til medarbejderlisten" headingLevel={3}>
          <p>Du er ikke selv tilknyttet denne plan. En administrator kan give dig adgang.</p>
        </Alert>
      )
    }
    return <LoadError message={messageOf(members.error)} onRetry={members.reload} />
  }
  if (members.data.members.length === 0) return <p>Der er ingen medarbejdere på planen endnu.</p>
  return (
    <TableScroller label="Medarbejdere på planen">
      <table className="table table--zebra">
        <caption className="sr-only">Medarbejdere på planen</caption>
        <TableHead columns={['Navn', 'Rolle', 'Organisation', 'E-mail']} />
        <tbody>
          {members.data.members.map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{roleLabels[member.role]}</td>
              <td>{member.organisation}</td>
              <td>
                <a href={`mailto:${member.email}`}>{member.email}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  )
}
