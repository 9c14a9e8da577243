import { useState } from 'react'
import { Link } from 'react-router'
import type { AccessNotice } from '../../../shared/access-notices.ts'
import type { DueCheckItem } from '../../../shared/due-checks.ts'
import { formatDay } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import { roleLabels, type UserDto } from '../../../shared/users.ts'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { participantPath } from '../participants/participants.paths.ts'
import { placementPath } from '../placements/placements.paths.ts'
import { acknowledgeAccessNotice, readDueChecks } from './due-checks.api.ts'

// "Opfølgninger der venter" on the front page, beside "Mine opgaver": the 3-month questions of
// placements and pathways that are due or overdue on every plan the user is on, for the residents
// they may see (decision 031). Each links to where it is answered. Above them, for a project leader,
// new access to the plan's residents, until marked seen or for 14 days (decision 041).

interface PlanCheck extends DueCheckItem {
  planId: string
  planName: string
}

interface PlanNotice extends AccessNotice {
  planName: string
}

async function loadDueChecks(user: UserDto, signal: AbortSignal): Promise<{ checks: PlanCheck[]; notices: PlanNotice[] }> {
  const lists = await Promise.all(user.plans.map(async (plan) => ({ plan, answer: await readDueChecks(plan.id, signal) })))
  return {
    checks: lists.flatMap(({ plan, answer }) => answer.checks.map((c) => ({ ...c, planId: plan.id, planName: plan.name }))).sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    notices: lists.flatMap(({ plan, answer }) => answer.accessNotices.map((n) => ({ ...n, planName: plan.name }))).sort((a, b) => b.givenAt.localeCompare(a.givenAt)),
  }
}

/** "Ny adgang til beboere: Ali Demir, jobcentermedarbejder, 7. december 2026", with a button to mark it seen. */
function AccessNotices({ notices, showPlan, onSeen }: { notices: PlanNotice[]; showPlan: boolean; onSeen: () => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const seen = async (notice: PlanNotice) => {
    setBusy(notice.id)
    setProblem(null)
    try {
      await acknowledgeAccessNotice(notice.id)
      onSeen()
    } catch (error) {
      setProblem(messageOf(error))
    } finally {
      setBusy(null)
    }
  }
  return (
    <>
      {problem && (
        <p className="form-error-message" role="alert">
          {problem}
        </p>
      )}
      <ul className="nobullet-list my-actions" aria-label="Ny adgang til beboere">
        {notices.map((n) => {
          const text = `Ny adgang til beboere: ${n.userName}, ${roleLabels[n.role].toLowerCase()}, ${formatDay(n.givenAt)}`
          return (
            <li key={n.id} className="my-action">
              <p className="mb-1">
                <strong>{text}</strong>
              </p>
              <p className="small-text mt-0">
                {n.partyName ? `Part: ${n.partyName}` : 'Ingen part'}
                {showPlan && <> ({n.planName})</>}
              </p>
              <button type="button" className="button button-secondary" disabled={busy === n.id} aria-label={`Markér som set: ${text}`} onClick={() => void seen(n)}>
                Markér som set
              </button>
            </li>
          )
        })}
      </ul>
    </>
  )
}

const answerPath = (c: PlanCheck) => (c.placementId ? placementPath(c.planId, c.placementId) : participantPath(c.planId, c.participantId))

export function DueChecksSection({ user }: { user: UserDto }) {
  const allowed = may(user.role, 'due-checks', 'read') && user.plans.length > 0
  const checks = useResource((signal) => (allowed ? loadDueChecks(user, signal) : Promise.resolve({ checks: [], notices: [] })), [user.id, allowed])
  if (!allowed) return null
  return (
    <section aria-labelledby="due-checks-heading" className="mb-7">
      <h2 id="due-checks-heading">Opfølgninger der venter</h2>
      {checks.status === 'loading' && <Spinner label="Henter opfølgninger …" />}
      {checks.status === 'failed' && <LoadError message={messageOf(checks.error)} onRetry={checks.reload} heading="Opfølgningerne kunne ikke hentes" />}
      {checks.status === 'ready' && checks.data.notices.length > 0 && <AccessNotices notices={checks.data.notices} showPlan={user.plans.length > 1} onSeen={checks.reload} />}
      {checks.status === 'ready' &&
        (checks.data.checks.length === 0 ? (
          <p>Der er ingen opfølgninger, der venter på svar.</p>
        ) : (
          <ul className="nobullet-list my-actions">
            {checks.data.checks.map((c) => (
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
