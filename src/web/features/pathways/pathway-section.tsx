import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { formatDay, isoDay } from '../../../shared/lib/format.ts'
import type { ParticipantPathway, StepPosition } from '../../../shared/pathways.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { funnelPath, readParticipantPathways, recordProgress } from './pathways.api.ts'

// A young person's position in each activity's pathway (decision 023), at a glance: every step in
// order, the day it was reached, and a check that is due. Staff record the next step here.

const HEADING_ID = 'trin'

export function PathwaySection({ planId, participantId, canRecord }: { planId: string; participantId: string; canRecord: boolean }) {
  const pathways = useResource((signal) => readParticipantPathways(planId, participantId, signal), [planId, participantId])
  const [notice, setNotice] = useState<{ heading: string; seq: number } | null>(null)
  if (pathways.status === 'failed' && pathways.error instanceof ApiError && pathways.error.code === 'consent_required') return null
  return (
    <section aria-labelledby={HEADING_ID} className="resident-section">
      <h2 id={HEADING_ID}>Trin i forløbet</h2>
      {notice && <Alert key={notice.seq} variant="success" heading={notice.heading} headingLevel={3} focusOnMount />}
      {pathways.status === 'loading' && <Spinner label="Henter trinene …" />}
      {pathways.status === 'failed' && <LoadError message={messageOf(pathways.error)} onRetry={pathways.reload} heading="Trinene kunne ikke hentes" />}
      {pathways.status === 'ready' &&
        (pathways.data.length === 0 ? (
          <p>Den unge er ikke i en aktivitet med trin. Tilmeld den unge en aktivitet med en forløbstrappe, fx Lommepenge og fritidsjobs-indsats.</p>
        ) : (
          pathways.data.map((p) => (
            <PathwayLadder
              key={p.activityId}
              planId={planId}
              participantId={participantId}
              pathway={p}
              canRecord={canRecord}
              onRecorded={(heading) => {
                setNotice((n) => ({ heading, seq: (n?.seq ?? 0) + 1 }))
                pathways.reload()
              }}
            />
          ))
        ))}
    </section>
  )
}

function stepStatus(step: StepPosition, today: string): string {
  if (step.reachedOn) {
    if (step.askAfterMonths !== null) return `${step.stillHeld ? 'Ja' : 'Nej'}, spurgt ${formatDay(step.reachedOn)}`
    return `Nået ${formatDay(step.reachedOn)}`
  }
  if (step.dueOn) return step.dueOn <= today ? `Skal spørges nu (fra ${formatDay(step.dueOn)})` : `Spørges ${formatDay(step.dueOn)}`
  return 'Ikke nået'
}

function PathwayLadder({ planId, participantId, pathway, canRecord, onRecorded }: { planId: string; participantId: string; pathway: ParticipantPathway; canRecord: boolean; onRecorded: (heading: string) => void }) {
  const today = isoDay(new Date())
  const headingId = `trin-${pathway.activityId}`
  return (
    <section aria-labelledby={headingId} className="pathway">
      <h3 id={headingId} className="h4">
        <Link to={funnelPath(planId, pathway.activityId)}>{pathway.activityName}</Link>
      </h3>
      <ol className="pathway-steps">
        {pathway.steps.map((s) => (
          <li key={s.id} className={s.reachedOn ? (s.stillHeld === false ? 'pathway-step pathway-step--no' : 'pathway-step pathway-step--reached') : s.dueOn && s.dueOn <= today ? 'pathway-step pathway-step--due' : 'pathway-step'}>
            <span className="weight-semibold">{s.name}</span>: {stepStatus(s, today)}
            {s.recordedBy && <span className="small-text text-subtle"> (registreret af {s.recordedBy})</span>}
          </li>
        ))}
      </ol>
      {canRecord && <RecordStepForm planId={planId} participantId={participantId} pathway={pathway} onRecorded={onRecorded} />}
    </section>
  )
}

function RecordStepForm({ planId, participantId, pathway, onRecorded }: { planId: string; participantId: string; pathway: ParticipantPathway; onRecorded: (heading: string) => void }) {
  const open = pathway.steps.filter((s) => !s.reachedOn)
  const [stepId, setStepId] = useState('')
  const [reachedOn, setReachedOn] = useState(isoDay(new Date()))
  const [stillHeld, setStillHeld] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const step = pathway.steps.find((s) => s.id === stepId)
  const isCheck = step?.askAfterMonths != null
  const prefix = `step-${pathway.activityId}`
  if (open.length === 0) return null

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problems: Record<string, string> = {}
    if (!stepId) problems.stepId = 'Vælg det trin, den unge har nået.'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reachedOn)) problems.reachedOn = 'Skriv en dato som ÅÅÅÅ-MM-DD.'
    if (isCheck && !stillHeld) problems.stillHeld = 'Vælg ja eller nej.'
    setErrors(problems)
    setFailure(null)
    if (Object.keys(problems).length > 0) {
      document.getElementById(problems.stepId ? `${prefix}-id` : problems.reachedOn ? `${prefix}-on` : `${prefix}-held-0`)?.focus()
      return
    }
    setBusy(true)
    try {
      await recordProgress(planId, participantId, { stepId, reachedOn, stillHeld: isCheck ? stillHeld === 'yes' : null })
      setStepId('')
      setStillHeld('')
      onRecorded(isCheck ? `Svaret på ${step!.name.toLowerCase()} er registreret` : `${step!.name} er registreret`)
    } catch (e) {
      const issues = e instanceof ApiError ? (e.issues ?? []) : []
      const fieldErrors: Record<string, string> = {}
      for (const i of issues) fieldErrors[i.path.split('.')[0]!] ??= i.message
      setErrors(fieldErrors)
      setFailure(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="details entry-details">
      <summary className="details-summary">Registrér et trin i {pathway.activityName}</summary>
      <div className="details-text">
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Registrér et trin i ${pathway.activityName}`}>
          {failure && (
            <Alert variant="error" heading="Trinnet blev ikke registreret" headingLevel={4} focusOnMount>
              <p>{failure}</p>
            </Alert>
          )}
          <SelectField
            id={`${prefix}-id`}
            label="Trin"
            placeholder="Vælg trin"
            options={open.map((s) => ({ value: s.id, label: s.dueOn ? `${s.name} (spørges fra ${formatDay(s.dueOn)})` : s.name }))}
            value={stepId}
            onChange={(e) => setStepId(e.target.value)}
            error={errors.stepId}
          />
          <TextField id={`${prefix}-on`} label={isCheck ? 'Spurgt den' : 'Nået den'} type="date" width="input-width-s" value={reachedOn} max={isoDay(new Date())} onChange={(e) => setReachedOn(e.target.value)} error={errors.reachedOn} />
          {isCheck && (
            <RadioGroup
              id={`${prefix}-held`}
              legend="Har den unge stadig jobbet?"
              inline
              options={[
                { value: 'yes', label: 'Ja' },
                { value: 'no', label: 'Nej' },
              ]}
              value={stillHeld}
              onChange={setStillHeld}
              error={errors.stillHeld}
            />
          )}
          <button type="submit" className="button button-primary mt-5" disabled={busy}>
            {busy ? 'Registrerer …' : 'Registrér trin'}
          </button>
        </form>
      </div>
    </details>
  )
}
