import { Link } from 'react-router'
import type { DueCheckItem } from '../../../shared/due-checks.ts'
import { formatDay } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import type { UserDto } from '../../../shared/users.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { participantPath } from '../participants/participants.api.ts'
import { placementPath } from '../placements/placements.api.ts'
import { readDueChecks } from './due-checks.api.ts'

// "Opfølgninger der venter" on the front page, beside "Mine opgaver": the 3-month questions of
// placements and pathways that are due or overdue on every plan the user is on, for the residents
// they may see (decision 031). Each links to where it is answered.

interface PlanCheck extends DueCheckItem {
  planId: string
  planName: string
}

async function loadDueChecks(user: UserDto, signal: AbortSignal): Promise<PlanCheck[]> {
  const lists = await Promise.all(user.plans.map(async (plan) => (await readDueChecks(plan.id, signal)).checks.map((c) => ({ ...c, planId: plan.id, planName: plan.name }))))
  return lists.flat().sort((a, b) => a.dueOn.localeCompare(b.dueOn))
}

const answerPath = (c: PlanCheck) => (c.placementId ? placementPath(c.planId, c.placementId) : participantPath(c.planId, c.participantId))

export function DueChecksSection({ user }: { user: UserDto }) {
  const allowed = may(user.role, 'due-checks', 'read') && user.plans.length > 0
  const checks = useResource((signal) => (allowed ? loadDueChecks(user, signal) : Promise.resolve([])), [user.id, allowed])
  if (!allowed) return null
  return (
    <section aria-labelledby="due-checks-heading" className="mb-7">
      <h2 id="due-checks-heading">Opfølgninger der venter</h2>
      {checks.status === 'loading' && <Spinner label="Henter opfølgninger …" />}
      {checks.status === 'failed' && <LoadError message={messageOf(checks.error)} onRetry={checks.reload} heading="Opfølgningerne kunne ikke hentes" />}
      {checks.status === 'ready' &&
        (checks.data.length === 0 ? (
          <p>Der er ingen opfølgninger, der venter på svar.</p>
        ) : (
          <ul className="nobullet-list my-actions">
            {checks.data.map((c) => (
              <li key={`${c.kind}:${c.placementId ?? c.participantId}:${c.question}`} className="my-action">
                <p className="mb-1">
                  <strong>
                    <Link to={answerPath(c)}>{c.name ?? c.pseudonym}</Link>: {c.question}
                  </strong>
                </p>
                <p className="small-text mt-0">
                  {c.overdue ? <strong className="overdue">Forfalden siden {formatDay(c.dueOn)}</strong> : <>Skal besvares i dag</>} · {c.context}
                  {user.plans.length > 1 && <> ({c.planName})</>}
                </p>
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
