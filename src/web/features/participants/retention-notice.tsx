import { Link } from 'react-router'
import { formatCount } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { privacyPath, readPrivacy } from './privacy.api.ts'

// On the plan's front page, for those who may read the plan's privacy settings: who will be
// anonymised within a month, and who waits for a person to decide (the plan has ended while they
// are still in an enrolment or on a waiting list). Anonymisation cannot be undone, so it is shown a
// month ahead where the project leader looks every day, not only on the settings page.

export function RetentionNotice({ planId }: { planId: string }) {
  const privacy = useResource((signal) => readPrivacy(planId, signal), [planId])
  if (privacy.status !== 'ready') return null
  const { dueNow, within30Days, awaitingDecision } = privacy.data.upcoming
  if (dueNow + within30Days + awaitingDecision === 0) return null
  const lines = [
    dueNow > 0 && `${formatCount(dueNow, 'beboer', 'beboere')} anonymiseres ved næste daglige kørsel.`,
    within30Days > 0 && `${formatCount(within30Days, 'beboer', 'beboere')} anonymiseres inden for den næste måned.`,
    awaitingDecision > 0 &&
      `${formatCount(awaitingDecision, 'beboer venter', 'beboere venter')} på en beslutning: helhedsplanen er slut, men de er stadig i forløb eller på venteliste.`,
  ].filter((line): line is string => typeof line === 'string')
  return (
    <Alert variant="warning" heading="Anonymisering af beboere" headingLevel={2}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p>
        <Link to={privacyPath(planId)}>Se hvem og hvorfor under Persondata og opbevaring</Link>
      </p>
    </Alert>
  )
}
