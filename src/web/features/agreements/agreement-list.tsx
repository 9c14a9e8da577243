import { Link } from 'react-router'
import { formatCount, formatDate } from '../../../shared/lib/format.ts'
import { Icon } from '../../components/ui/icon.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { agreementPeriodState, formatPeriod } from '../../../shared/agreement-wording.ts'
import { localToday } from './agreement-format.ts'
import { agreementPath, listAgreements } from './agreements.api.ts'

/** The plan's agreements, for the plan page: a card each, linking to the agreement. */
export function AgreementList({ planId }: { planId: string }) {
  const agreements = useResource((signal) => listAgreements(planId, signal), [planId])
  if (agreements.status === 'loading') return <Spinner label="Henter delaftaler …" />
  if (agreements.status === 'failed') return <LoadError message={messageOf(agreements.error)} onRetry={agreements.reload} heading="Delaftalerne kunne ikke hentes" />
  const list = agreements.data.agreements
  if (list.length === 0) return <p>Der er ingen delaftaler under helhedsplanen endnu.</p>
  return (
    <ul className="nobullet-list agreement-cards">
      {list.map((agreement) => (
        <li key={agreement.id} className="card agreement-card">
          <div className="card-content">
            <p className="card-subheading">{agreement.effortArea.name}</p>
            <h3 className="card-heading h4">
              <Link to={agreementPath(planId, agreement.id)}>{agreement.title}</Link>
            </h3>
            <dl className="agreement-card-facts">
              <div>
                <dt>Periode</dt>
                <dd>
                  {formatPeriod(agreement.validFrom, agreement.validTo)}
                  {agreementPeriodState(agreement.validFrom, agreement.validTo, localToday()) === 'expired' && <span className="period-tag"> Udløbet</span>}
                </dd>
              </div>
              <div>
                <dt>Gældende revision</dt>
                <dd>
                  Revision {agreement.latestRevision.number}, gældende fra {formatDate(agreement.latestRevision.effectiveFrom)}
                </dd>
              </div>
              {agreement.warningCount > 0 && (
                <div>
                  <dt>Advarsler</dt>
                  <dd className="warning-count">
                    <Icon name="warning" />
                    {formatCount(agreement.warningCount, 'advarsel', 'advarsler')} om sammenhængen
                  </dd>
                </div>
              )}
            </dl>
          </div>
        </li>
      ))}
    </ul>
  )
}
