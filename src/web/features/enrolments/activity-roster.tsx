import { Link } from 'react-router'
import type { Roster } from '../../../shared/enrolments.ts'
import { formatCount, formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import type { Resource } from '../../lib/use-resource.ts'
import { participantPath } from '../participants/participants.api.ts'
import { enrolmentPath } from './activities.api.ts'

// Who is in the activity now and who waits, as far as the reader may see them. Residents whose
// consent does not cover the reader are counted, never named, so the occupancy stays true.

/** The name when the reader may see it, otherwise the pseudonym ("D-0004"). */
const who = (entry: { name: string | null; pseudonym: string }) => entry.name ?? entry.pseudonym

export function ActivityRoster({ planId, roster }: { planId: string; roster: Resource<Roster> }) {
  return (
    <section aria-labelledby="roster-heading" className="activity-section">
      <h2 id="roster-heading">Deltagere</h2>
      {roster.status === 'loading' && <Spinner label="Henter deltagerne …" />}
      {roster.status === 'failed' && <LoadError message={messageOf(roster.error)} onRetry={roster.reload} heading="Deltagerne kunne ikke hentes" />}
      {roster.status === 'ready' && (
        <>
          <h3 id="roster-active-heading">I forløb</h3>
          {roster.data.active.length === 0 ? (
            <p>{roster.data.hiddenActive > 0 ? 'Der er ingen i forløb, du kan se.' : 'Der er ingen i forløb lige nu.'}</p>
          ) : (
            <TableScroller label="I forløb">
              <table className="table table--zebra table--compact roster-table" aria-labelledby="roster-active-heading">
                <thead>
                  <tr>
                    <th scope="col">Deltager</th>
                    <th scope="col">Id</th>
                    <th scope="col">Startet</th>
                    <th scope="col">Planlagt slut</th>
                    <th scope="col">
                      <span className="sr-only">Forløb</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {roster.data.active.map((entry) => (
                    <tr key={entry.enrolmentId}>
                      <th scope="row" className="text-nowrap">
                        <Link to={participantPath(planId, entry.participantId)}>{who(entry)}</Link>
                      </th>
                      <td className="text-nowrap">{entry.pseudonym}</td>
                      <td className="text-nowrap">{formatDay(entry.startOn)}</td>
                      <td className="text-nowrap">{entry.plannedEndOn ? formatDay(entry.plannedEndOn) : <span className="text-subtle">Ikke fastsat</span>}</td>
                      <td className="text-nowrap">
                        <Link to={enrolmentPath(planId, entry.enrolmentId)}>
                          Se forløbet<span className="sr-only"> for {who(entry)}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          )}
          <HiddenNote count={roster.data.hiddenActive} where="i forløb" />

          <h3 id="roster-waiting-heading" className="mt-7">
            Venteliste
          </h3>
          {roster.data.waiting.length === 0 ? (
            <p>{roster.data.hiddenWaiting > 0 ? 'Der er ingen på ventelisten, du kan se.' : 'Der er ingen på ventelisten.'}</p>
          ) : (
            <TableScroller label="Venteliste">
              <table className="table table--zebra table--compact roster-table" aria-labelledby="roster-waiting-heading">
                <thead>
                  <tr>
                    <th scope="col" className="number-cell">
                      Nr.
                    </th>
                    <th scope="col">Deltager</th>
                    <th scope="col">Id</th>
                    <th scope="col">Visiteret</th>
                    <th scope="col">
                      <span className="sr-only">Forløb</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {roster.data.waiting.map((entry, index) => (
                    <tr key={entry.enrolmentId}>
                      <td className="number-cell">{formatNumber(index + 1)}</td>
                      <th scope="row" className="text-nowrap">
                        <Link to={participantPath(planId, entry.participantId)}>{who(entry)}</Link>
                      </th>
                      <td className="text-nowrap">{entry.pseudonym}</td>
                      <td className="text-nowrap">{formatDay(entry.referredOn)}</td>
                      <td className="text-nowrap">
                        <Link to={enrolmentPath(planId, entry.enrolmentId)}>
                          Se forløbet<span className="sr-only"> for {who(entry)}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          )}
          <HiddenNote count={roster.data.hiddenWaiting} where="på ventelisten" />
        </>
      )}
    </section>
  )
}

function HiddenNote({ count, where }: { count: number; where: string }) {
  if (count === 0) return null
  return (
    <p className="small-text roster-hidden">
      {count === 1
        ? `1 deltager ${where} vises ikke, fordi samtykket ikke omfatter dig. Deltageren tæller med i belægningen.`
        : `${formatCount(count, 'deltager', 'deltagere')} ${where} vises ikke, fordi deres samtykke ikke omfatter dig. De tæller med i belægningen.`}
    </p>
  )
}
