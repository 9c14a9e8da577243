import { Link } from 'react-router'
import { formatDay } from '../../../shared/lib/format.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { meetingPath, readCompanyMeetings } from './meetings.api.ts'

/** The company's page: the network events it was invited to and whether it came (decision 024). */
export function CompanyMeetingsSection({ planId, companyId }: { planId: string; companyId: string }) {
  const meetings = useResource((signal) => readCompanyMeetings(planId, companyId, signal), [planId, companyId])
  return (
    <section aria-labelledby="company-meetings" className="mt-8">
      <h2 id="company-meetings">Netværksmøder</h2>
      {meetings.status === 'loading' && <Spinner label="Henter netværksmøderne …" />}
      {meetings.status === 'failed' && <LoadError message={messageOf(meetings.error)} onRetry={meetings.reload} heading="Netværksmøderne kunne ikke hentes" />}
      {meetings.status === 'ready' &&
        (meetings.data.meetings.length === 0 ? (
          <p>Virksomheden er ikke inviteret til nogen netværksmøder.</p>
        ) : (
          <ul>
            {meetings.data.meetings.map((m) => (
              <li key={m.id}>
                <Link to={meetingPath(planId, m.id)}>{m.title}</Link> {formatDay(m.heldOn)}: {m.attended ? 'deltog' : 'inviteret, deltog ikke'}
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
