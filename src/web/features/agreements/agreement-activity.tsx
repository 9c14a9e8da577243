import type { ReactNode } from 'react'
import { effortAreaName, formatAmount, formatScheduleTime, formatStaffing, formatTarget, timeRecordingFacts } from '../../../shared/agreement-wording.ts'
import { type Activity, type AgreementContent, type StaffResource, weekdayLabels } from '../../../shared/agreements.ts'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TargetGroupTable } from './agreement-target-groups.tsx'
import { InlineText, TextBlocks } from './agreement-text.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'

// One activity's schema ("ét skema pr. aktivitet"), in the order of Landsbyggefonden's template.

export const activityAnchor = (key: string) => `aktivitet-${key}`

export function ActivitySection({ activity, content, effortArea }: { activity: Activity; content: AgreementContent; effortArea: string }) {
  const headingId = activityAnchor(activity.key)
  const snapshots = activity.snapshotKeys.flatMap((key) => content.targetGroupSnapshots.filter((s) => s.key === key))
  const goals = activity.goalKeys.flatMap((key) => content.goals.filter((g) => g.key === key))
  return (
    // The heading is the summary of the folding section around it (agreement-page.tsx).
    <section className="agreement-activity" aria-labelledby={headingId}>
      {activity.sharedWithAllAgreements && <p className="small-text">Fælles for alle delaftaler.</p>}

      <Part title="Formål" show={!!activity.purpose}>
        <TextBlocks text={activity.purpose} headingLevel={4} />
      </Part>

      <Part title="Delmål" show={!!activity.activityGoals || goals.length > 0}>
        <TextBlocks text={activity.activityGoals} headingLevel={4} />
        {goals.length > 0 && (
          <>
            <p className="mb-2">Aktiviteten bidrager til delaftalens delmål:</p>
            <ul>
              {goals.map((goal) => (
                <li key={goal.key}>
                  <InlineText text={goal.text} />
                </li>
              ))}
            </ul>
          </>
        )}
      </Part>

      <Part title="Målgruppe(r)" show={!!activity.targetGroups || snapshots.length > 0}>
        <TextBlocks text={activity.targetGroups} headingLevel={4} />
        {snapshots.map((snapshot) => (
          <TargetGroupTable key={snapshot.key} snapshot={snapshot} />
        ))}
      </Part>

      <Part title="Indhold og praksis" show={!!activity.content}>
        <TextBlocks text={activity.content} headingLevel={4} />
      </Part>

      <Part title="Udvælgelseskriterier" show={activity.selectionCriteria.length > 0}>
        <ol>
          {activity.selectionCriteria.map((criterion, i) => (
            <li key={i}>
              <InlineText text={criterion} />
            </li>
          ))}
        </ol>
      </Part>

      <Part title="Tider og steder" show={activity.schedules.length > 0}>
        <TableScroller label={`Tider og steder for ${activity.name}`}>
          <table className="table table--compact schedule-table">
            <caption className="sr-only">Tider og steder for {activity.name}</caption>
            <TableHead columns={['Sted', 'Ugedag', 'Tidsrum', 'Bemanding']} />
            <tbody>
              {activity.schedules.map((schedule) => (
                <tr key={schedule.key}>
                  <th scope="row" className="weight-normal">
                    {schedule.site}
                    {schedule.venue && <span className="cell-line small-text">{schedule.venue}</span>}
                  </th>
                  <td>{weekdayLabels[schedule.weekday]}</td>
                  <td className="text-nowrap">{formatScheduleTime(schedule)}</td>
                  <td>{formatStaffing(schedule) || 'Ikke angivet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </Part>

      <Part title="Måltal" show={activity.targets.length > 0}>
        <ul>
          {activity.targets.map((target) => (
            <li key={target.key}>
              {target.description}
              <span className="cell-line small-text">Måltal: {formatTarget(target)}</span>
            </li>
          ))}
        </ul>
      </Part>

      <Part title="Fordeling på indsatsområder" show={activity.allocations.length > 0}>
        <ul>
          {activity.allocations.map((allocation) => (
            <li key={allocation.effortArea}>
              {effortAreaName(allocation.effortArea)}
              {allocation.quantity !== undefined && `: ${formatAmount(allocation.quantity, allocation.resourceUnit ?? 'unspecified')}`}
              {allocation.effortArea === effortArea && <span className="small-text"> (denne delaftale)</span>}
              {allocation.note && <span className="cell-line small-text">{allocation.note}</span>}
            </li>
          ))}
        </ul>
      </Part>

      <Part title={activity.examples.length === 1 ? 'Eksempel' : 'Eksempler'} show={activity.examples.length > 0}>
        {activity.examples.length === 1 ? (
          <TextBlocks text={activity.examples[0]} headingLevel={4} />
        ) : (
          <ul>
            {activity.examples.map((example, i) => (
              <li key={i}>
                <InlineText text={example} />
              </li>
            ))}
          </ul>
        )}
      </Part>

      <Part title="Kilde" show={!!activity.sourceReference}>
        <TextBlocks text={activity.sourceReference} headingLevel={4} />
      </Part>

      <Part title="Ansvars- og rollefordeling" show={!!activity.responsibilities || activity.resources.length > 0 || activity.timeRecording !== undefined}>
        <TextBlocks text={activity.responsibilities} headingLevel={4} />
        {activity.resources.length > 0 && (
          <>
            <h4>Medarbejderressourcer til aktiviteten</h4>
            <ResourceList resources={activity.resources} />
          </>
        )}
        {activity.timeRecording && (
          <div className="time-recording">
            <h4>Tidsregistrering</h4>
            <TextBlocks text={activity.timeRecording.text} headingLevel={5} />
            {timeRecordingFacts(activity.timeRecording).length > 0 && (
              <ul>
                {timeRecordingFacts(activity.timeRecording).map((fact) => (
                  <li key={fact}>{fact}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Part>
    </section>
  )
}

function Part({ title, show, children }: { title: string; show: boolean; children: ReactNode }) {
  if (!show) return null
  return (
    <>
      <h3 className="activity-part-heading">{title}</h3>
      {children}
    </>
  )
}

/**
 * Staff resources by their verbatim lines. Grouped under the organisation when several
 * organisations contribute, as the agreements themselves do ("Jobcenter Varde: …").
 */
export function ResourceList({ resources }: { resources: StaffResource[] }) {
  const organisations = [...new Set(resources.map((r) => r.organisation))]
  if (organisations.length <= 1) {
    return (
      <ul>
        {resources.map((resource) => (
          <li key={resource.key}>
            <InlineText text={resource.text} />
          </li>
        ))}
      </ul>
    )
  }
  return (
    <>
      {organisations.map((organisation) => (
        <div key={organisation} className="resource-group">
          <p className="weight-semibold mb-2">{organisation}:</p>
          <ul>
            {resources
              .filter((r) => r.organisation === organisation)
              .map((resource) => (
                <li key={resource.key}>
                  <InlineText text={resource.text} />
                </li>
              ))}
          </ul>
        </div>
      ))}
    </>
  )
}
