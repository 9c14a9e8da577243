import { useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import type { OccurrenceSummary } from '../../../shared/counselling.ts'
import { formatClockRange, formatCount, formatDay, formatWeekdayDay } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { planPath } from '../plans/plans.api.ts'
import { counsellingFiguresPath, counsellingPath, occurrencePath, readWeek } from './counselling.api.ts'
import { TopicSettings } from './topic-settings.tsx'
import { COUNSELLING_TITLE, CounsellingLoadFailed, CounsellingLoading, counsellingCrumbs, loadPlan, shiftDay, staffingPromise } from './counselling-loading.tsx'

/** /planer/:planId/aaben-raadgivning?uge=…: a week's open hours at every site, opened from the agreements' schedules. */
export function CounsellingWeekPage() {
  const { planId = '' } = useParams()
  const [params] = useSearchParams()
  const week = params.get('uge')
  const data = useResource(async (signal) => {
    const [plan, w] = await Promise.all([loadPlan(planId, signal), readWeek(planId, week, signal)])
    return { plan, week: w }
  }, [planId, week])
  if (data.status === 'loading') return <CounsellingLoading title={COUNSELLING_TITLE} label="Henter ugens åbningstider …" />
  if (data.status === 'failed') return <CounsellingLoadFailed title={COUNSELLING_TITLE} error={data.error} onRetry={data.reload} />
  const { plan, week: w } = data.data
  return (
    <>
      <Breadcrumbs items={counsellingCrumbs(plan)} />
      <Page title={COUNSELLING_TITLE} lead={`Ugen fra ${formatDay(w.from)} til ${formatDay(w.to)} i ${plan.name}.`}>
        <WeekNavigation planId={plan.id} from={w.from} />
        {w.note && (
          <Alert variant="info" heading="Ingen åbningstider i ugen">
            <p>{w.note}</p>
          </Alert>
        )}
        {w.occurrences.length > 0 && (
          <ul className="nobullet-list counselling-week">
            {w.occurrences.map((o) => (
              <OccurrenceCard key={o.id} planId={plan.id} occurrence={o} />
            ))}
          </ul>
        )}
        <FiguresLink planId={plan.id} />
        <TopicLink planId={plan.id} />
        <p className="mt-7">
          <Link to={planPath(plan.id)} className="back-link">
            Tilbage til helhedsplanen
          </Link>
        </p>
      </Page>
    </>
  )
}

function FiguresLink({ planId }: { planId: string }) {
  const user = useCurrentUser()
  if (!may(user.role, 'counselling-figures', 'read')) return null
  return (
    <p className="mt-6">
      <Link to={counsellingFiguresPath(planId)}>Nøgletal for åben rådgivning</Link>
    </p>
  )
}

function TopicLink({ planId }: { planId: string }) {
  const user = useCurrentUser()
  return may(user.role, 'inquiry-topics', 'create') ? <TopicSettings planId={planId} /> : null
}

function WeekNavigation({ planId, from }: { planId: string; from: string }) {
  const navigate = useNavigate()
  const [day, setDay] = useState(from)
  return (
    <nav aria-label="Vælg uge" className="counselling-week-nav">
      <p>
        <Link to={counsellingPath(planId, shiftDay(from, -7))}>Forrige uge</Link>
        {' · '}
        <Link to={counsellingPath(planId)}>Denne uge</Link>
        {' · '}
        <Link to={counsellingPath(planId, shiftDay(from, 7))}>Næste uge</Link>
      </p>
      <form
        className="counselling-week-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (/^\d{4}-\d{2}-\d{2}$/.test(day)) void navigate(counsellingPath(planId, day))
        }}
      >
        <TextField id="counselling-week-day" label="Vis ugen med dagen" type="date" value={day} onChange={(e) => setDay(e.target.value)} width="input-width-s" />
        <button type="submit" className="button button-secondary">
          Vis ugen
        </button>
      </form>
    </nav>
  )
}

function OccurrenceCard({ planId, occurrence: o }: { planId: string; occurrence: OccurrenceSummary }) {
  const promise = staffingPromise(o.staffingMin, o.staffingMax)
  return (
    <li className="card counselling-card">
      <div className="card-content">
        <p className="card-subheading">
          {formatWeekdayDay(o.heldOn)}, {formatClockRange(o.startsAt, o.endsAt)}
        </p>
        <h2 className="card-heading h4">
          <Link to={occurrencePath(planId, o.id)}>
            {o.site}
            <span className="sr-only">, {formatWeekdayDay(o.heldOn)}</span>
          </Link>
        </h2>
        {o.holiday ? (
          <p>Holdes ikke: {o.holiday.toLowerCase()}.</p>
        ) : o.cancelledReason ? (
          <p>Aflyst: {o.cancelledReason}</p>
        ) : (
          <p>
            {formatCount(o.staff, 'medarbejder', 'medarbejdere')} tjekket ind{promise ? ` (lovet ${promise})` : ''} · {formatCount(o.inquiries, 'henvendelse', 'henvendelser')}
          </p>
        )}
      </div>
    </li>
  )
}
