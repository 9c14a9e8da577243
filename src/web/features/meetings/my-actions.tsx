import { Link } from 'react-router'
import { formatDay, isoDay } from '../../../shared/lib/format.ts'
import type { MeetingAction } from '../../../shared/meetings.ts'
import { may } from '../../../shared/permissions.ts'
import type { UserDto } from '../../../shared/users.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { meetingPath, readMyActions } from './meetings.api.ts'

// "Mine opgaver" on the front page: the signed-in user's open actions from meetings on every plan
// they are on, soonest due first, each linking to its meeting, where the owner marks it done.

interface PlanAction extends MeetingAction {
  planId: string
  planName: string
}

async function loadMyActions(user: UserDto, signal: AbortSignal): Promise<PlanAction[]> {
  const lists = await Promise.all(user.plans.map(async (plan) => (await readMyActions(plan.id, signal)).actions.map((a) => ({ ...a, planId: plan.id, planName: plan.name }))))
  return lists.flat().sort((a, b) => a.dueOn.localeCompare(b.dueOn))
}

export function MyActions({ user }: { user: UserDto }) {
  const actions = useResource((signal) => loadMyActions(user, signal), [user.id])
  if (!may(user.role, 'meetings', 'read') || user.plans.length === 0) return null
  const today = isoDay(new Date())
  return (
    <section aria-labelledby="my-actions-heading" className="mb-7">
      <h2 id="my-actions-heading">Mine opgaver</h2>
      {actions.status === 'loading' && <Spinner label="Henter dine opgaver …" />}
      {actions.status === 'failed' && <LoadError message={messageOf(actions.error)} onRetry={actions.reload} heading="Dine opgaver kunne ikke hentes" />}
      {actions.status === 'ready' &&
        (actions.data.length === 0 ? (
          <p>Du har ingen åbne opfølgningspunkter fra møder.</p>
        ) : (
          <ul className="nobullet-list my-actions">
            {actions.data.map((a) => (
              <li key={a.id} className="my-action">
                <p className="mb-1">
                  <strong>{a.text}</strong>
                </p>
                <p className="small-text mt-0">
                  {a.dueOn < today ? <strong className="overdue">Overskredet: frist {formatDay(a.dueOn)}</strong> : <>Frist {formatDay(a.dueOn)}</>} · Fra{' '}
                  <Link to={meetingPath(a.planId, a.meetingId)}>{a.meetingTitle}</Link>
                  {user.plans.length > 1 && <> ({a.planName})</>}
                </p>
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
