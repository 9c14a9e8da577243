import { Link } from 'react-router'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { planPath } from '../plans/plans.api.ts'
import { AgreementStatusList } from './indicator-overview.tsx'
import { StatusCounts } from './indicator-status-badge.tsx'
import { readOverview } from './indicators.api.ts'

/** /opfoelgning: every indicator of every agreement on the user's plans, with its status. */
export function IndicatorOverviewPage() {
  const overview = useResource((signal) => readOverview(undefined, signal), [])
  return (
    <Page title="Opfølgning" lead="Status for indikatorerne i delaftalerne på dine helhedsplaner. Vælg en delaftale for at se udviklingen og registrere tal.">
      <StatusHelp />
      {overview.status === 'loading' && <Spinner label="Henter status for indikatorerne …" />}
      {overview.status === 'failed' && <LoadError message={messageOf(overview.error)} onRetry={overview.reload} heading="Status for indikatorerne kunne ikke hentes" />}
      {overview.status === 'ready' &&
        (overview.data.plans.length === 0 ? (
          <p>Du er ikke tilknyttet nogen helhedsplan endnu. Kontakt en administrator, hvis du skal have adgang.</p>
        ) : (
          overview.data.plans.map((plan) => {
            const states = plan.agreements.flatMap((a) => a.series.map((s) => s.status.state))
            return (
              <section key={plan.planId} className="status-plan" aria-labelledby={`plan-${plan.planId}`}>
                <h2 id={`plan-${plan.planId}`}>{plan.planName}</h2>
                <p>
                  {plan.municipality} Kommune · <Link to={planPath(plan.planId)}>Gå til helhedsplanen</Link>
                </p>
                {states.length > 0 && <StatusCounts states={states} label={`Antal indikatorrækker pr. status i ${plan.planName}`} />}
                <AgreementStatusList planId={plan.planId} agreements={plan.agreements} headingLevel={3} />
              </section>
            )
          })
        ))}
    </Page>
  )
}

/** What the four statuses mean, in the words of the status rule. */
export function StatusHelp() {
  return (
    <details className="details status-help">
      <summary className="details-summary">Sådan vurderes status</summary>
      <div className="details-text">
        <p>
          Status sammenligner den seneste værdi for boligområdet med den rette linje fra baselinen til måltallet ved delaftalens udløb. Kun perioder, der
          er slut, tæller med.
        </p>
        <ul>
          <li>
            <strong>På rette vej</strong>: den seneste værdi er mindst så god som forventet på vejen mod måltallet.
          </li>
          <li>
            <strong>Bagud</strong>: den seneste værdi er dårligere end forventet.
          </li>
          <li>
            <strong>Ingen data</strong>: der er endnu ingen værdi for en afsluttet periode.
          </li>
          <li>
            <strong>Intet måltal</strong>: indikatoren har intet måltal, der kan følges, så status kan ikke vurderes.
          </li>
        </ul>
      </div>
    </details>
  )
}
