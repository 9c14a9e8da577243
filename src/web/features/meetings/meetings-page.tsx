import { Link, useParams } from 'react-router'
import { formatDay } from '../../../shared/lib/format.ts'
import { meetingKindLabels } from '../../../shared/meetings.ts'
import { may } from '../../../shared/permissions.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { PlanChoicePage } from '../plans/plan-choice-page.tsx'
import { listMeetings, MEETINGS_TITLE, meetingPath, meetingsPath, newMeetingPath } from './meetings.api.ts'
import { MeetingLoadFailed, MeetingLoading, meetingCrumbs, planName } from './meeting-loading.tsx'

/** /moeder, the main menu's entry: meetings are kept per plan, so this is the choice of plan. */
export function MeetingsMenuPage() {
  return (
    <PlanChoicePage
      title={MEETINGS_TITLE}
      lead="Samarbejdsmøder, bestyrelsesmøder og møder i virksomhedsnetværket med referat, beslutninger og opfølgningspunkter. Vælg helhedsplanen."
      pathOf={meetingsPath}
      linkPrefix="Møder i "
    />
  )
}

/** /planer/:planId/moeder: the plan's meetings, newest first. */
export function MeetingsPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const list = useResource((signal) => listMeetings(planId, signal), [planId])
  if (list.status === 'loading') return <MeetingLoading title={MEETINGS_TITLE} label="Henter møderne …" />
  if (list.status === 'failed') return <MeetingLoadFailed title={MEETINGS_TITLE} error={list.error} onRetry={list.reload} what="Møderne" />
  const { meetings } = list.data
  return (
    <>
      <Breadcrumbs items={meetingCrumbs(user, planId).slice(0, -1).concat({ label: MEETINGS_TITLE })} />
      <Page title={MEETINGS_TITLE} lead={`Møderne i ${planName(user, planId)}: deltagere, dagsorden, referat, beslutninger og opfølgningspunkter.`}>
        {may(user.role, 'meetings', 'create') && (
          <p>
            <Link to={newMeetingPath(planId)} className="button button-primary">
              Registrér et møde
            </Link>
          </p>
        )}
        {meetings.length === 0 ? (
          <p>Der er ikke registreret nogen møder endnu.</p>
        ) : (
          <ul className="nobullet-list meeting-list">
            {meetings.map((m) => (
              <li key={m.id} className="card">
                <div className="card-content">
                  <p className="card-subheading">
                    {meetingKindLabels[m.kind]} · {formatDay(m.heldOn)}
                  </p>
                  <h2 className="card-heading h4">
                    <Link to={meetingPath(planId, m.id)}>{m.title}</Link>
                  </h2>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Page>
    </>
  )
}
