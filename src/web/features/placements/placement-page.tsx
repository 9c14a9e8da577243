import { Link, useLocation, useParams } from 'react-router'
import { openingKindLabels } from '../../../shared/companies.ts'
import { formatDay, formatNumber, isoDay } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import { PLACEMENT_OUTCOMES, type Placement, PlacementFollowupCreate, PlacementUpdate, placementFollowupKindLabels, placementOutcomeLabels, placementStatusLabels } from '../../../shared/placements.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { companyPath } from '../companies/companies.api.ts'
import { CompanyLoadFailed, companyCrumbs } from '../companies/company-loading.tsx'
import { participantPath } from '../participants/participants.api.ts'
import { addPlacementFollowup, placementsPath, readPlacement, updatePlacement } from './placements.api.ts'
import { PLACEMENTS_TITLE } from './placements-page.tsx'

// One placement: where, since when, the mentor, the follow-ups (and the three-month question when
// its day has come), and the end with its outcome.

export function PlacementPage() {
  const { planId = '', placementId = '' } = useParams()
  const user = useCurrentUser()
  const notice = (useLocation().state as { notice?: string } | null)?.notice
  const placement = useResource((signal) => readPlacement(planId, placementId, signal), [planId, placementId])
  if (placement.status === 'failed') return <CompanyLoadFailed title="Udplacering" error={placement.error} onRetry={placement.reload} what="Udplaceringen" />
  if (placement.status === 'loading')
    return (
      <>
        <h1 tabIndex={-1}>Udplacering</h1>
        <Spinner label="Henter udplaceringen …" />
      </>
    )
  const p = placement.data
  const who = p.name ?? p.pseudonym
  const title = `${who} hos ${p.companyName}`
  const canUpdate = may(user.role, 'placements', 'update')
  const today = isoDay(new Date())
  const asking = p.threeMonthsDueOn !== null && p.threeMonthsDueOn <= today && !p.followups.some((f) => f.kind === 'three-months')
  return (
    <>
      <Breadcrumbs items={companyCrumbs(user, planId, [{ label: PLACEMENTS_TITLE, to: placementsPath(planId) }, { label: title }])} />
      <Page title={title}>
        {notice && (
          <Alert variant="success" heading={notice} headingLevel={2} focusOnMount>
            <p>Udplaceringen er gemt.</p>
          </Alert>
        )}
        <dl className="definition-list">
          <dt>Beboer</dt>
          <dd>
            <Link to={participantPath(planId, p.participantId)}>{who}</Link>
          </dd>
          <dt>Virksomhed</dt>
          <dd>
            <Link to={companyPath(planId, p.companyId)}>{p.companyName}</Link>
          </dd>
          <dt>Plads</dt>
          <dd>
            {p.openingTitle} ({openingKindLabels[p.openingKind]})
          </dd>
          <dt>Periode</dt>
          <dd>
            {formatDay(p.startOn)} – {p.endOn ? formatDay(p.endOn) : p.plannedEndOn ? `planlagt til ${formatDay(p.plannedEndOn)}` : 'ingen slutdato'}
          </dd>
          <dt>Timer pr. uge</dt>
          <dd>{p.hoursPerWeek === null ? '–' : formatNumber(p.hoursPerWeek)}</dd>
          <dt>Mentor</dt>
          <dd>{p.mentor ?? '–'}</dd>
          <dt>Status</dt>
          <dd data-testid="placement-status">
            {placementStatusLabels[p.status]}
            {p.outcome && `: ${placementOutcomeLabels[p.outcome]}`}
            {p.outcome === 'dropped-out' && p.endNote ? ` (${p.endNote})` : ''}
          </dd>
          {p.enrolmentId && (
            <>
              <dt>Efter forløb</dt>
              <dd>Udplaceringen følger efter et afsluttet forløb og tæller med i forløbets overgang til praktik eller job.</dd>
            </>
          )}
          {p.threeMonthsDueOn && (
            <>
              <dt>Stadig i job efter 3 måneder?</dt>
              <dd>Spørges {formatDay(p.threeMonthsDueOn)}</dd>
            </>
          )}
        </dl>
        {asking && canUpdate && <ThreeMonthsForm planId={planId} placement={p} onSaved={placement.reload} />}
        <section aria-labelledby="followups-heading" className="mt-7">
          <h2 id="followups-heading">Opfølgninger</h2>
          {p.followups.length === 0 ? (
            <p>Der er ikke fulgt op endnu.</p>
          ) : (
            <ul className="nobullet-list">
              {p.followups.map((f) => (
                <li key={f.id}>
                  <strong>
                    {formatDay(f.heldOn)}: {placementFollowupKindLabels[f.kind]}
                  </strong>
                  {f.kind === 'three-months' && ` ${f.stillInJob ? 'Ja' : 'Nej'}.`}
                  {f.note && ` ${f.note}`}
                  {f.writtenBy && ` (${f.writtenBy})`}
                </li>
              ))}
            </ul>
          )}
          {canUpdate && <StatusFollowupForm planId={planId} placement={p} onSaved={placement.reload} />}
        </section>
        {canUpdate && p.status === 'running' && <EndForm planId={planId} placement={p} onSaved={placement.reload} />}
      </Page>
    </>
  )
}

function ThreeMonthsForm({ planId, placement: p, onSaved }: { planId: string; placement: Placement; onSaved: () => void }) {
  const form = useForm<'stillInJob' | 'heldOn' | 'note', { text: string }>({ fieldIds: { stillInJob: 'three-months-answer', heldOn: 'three-months-on', note: 'three-months-note' } })
  const { values, field, set } = useFormValues(form, () => ({ stillInJob: '', heldOn: isoDay(new Date()), note: '' }))
  const submit = form.handle(
    () => checked(PlacementFollowupCreate, { kind: 'three-months', heldOn: values.heldOn, stillInJob: values.stillInJob === '' ? null : values.stillInJob === 'yes', note: values.note }),
    async (body) => {
      await addPlacementFollowup(planId, p.id, body)
      onSaved()
      return { text: 'Svaret er gemt.' }
    },
  )
  return (
    <form onSubmit={submit} noValidate aria-labelledby="three-months-heading" className="mt-7">
      <h2 id="three-months-heading">Er beboeren stadig i job efter 3 måneder?</h2>
      <FormProblems form={form} heading="Svaret blev ikke gemt" headingLevel={3} />
      <RadioGroup
        id="three-months-answer"
        legend="Stadig i job?"
        options={[
          { value: 'yes', label: 'Ja' },
          { value: 'no', label: 'Nej' },
        ]}
        value={values.stillInJob}
        onChange={(v) => set('stillInJob', v)}
        error={form.errors.stillInJob}
        inline
      />
      <TextField {...field('heldOn')} label="Dato" type="date" width="input-width-s" />
      <TextareaField {...field('note')} label="Note (valgfri)" rows={2} />
      <button type="submit" className="button button-primary" disabled={form.busy}>
        Gem svaret
      </button>
    </form>
  )
}

function StatusFollowupForm({ planId, placement: p, onSaved }: { planId: string; placement: Placement; onSaved: () => void }) {
  const form = useForm<'heldOn' | 'note', { text: string }>({ fieldIds: { heldOn: 'followup-on', note: 'followup-note' } })
  const { values, field, setValues } = useFormValues(form, () => ({ heldOn: isoDay(new Date()), note: '' }))
  const submit = form.handle(
    () => checked(PlacementFollowupCreate, { kind: 'status', heldOn: values.heldOn, note: values.note }),
    async (body) => {
      await addPlacementFollowup(planId, p.id, body)
      setValues({ heldOn: isoDay(new Date()), note: '' })
      onSaved()
      return { text: 'Opfølgningen er gemt.' }
    },
  )
  return (
    <form onSubmit={submit} noValidate aria-labelledby="followup-heading" className="mt-5">
      <h3 id="followup-heading">Skriv en opfølgning</h3>
      {form.done && (
        <Alert key={form.done.seq} variant="success" heading="Opfølgningen er gemt" headingLevel={4} focusOnMount>
          <p>{form.done.text}</p>
        </Alert>
      )}
      <FormProblems form={form} heading="Opfølgningen blev ikke gemt" headingLevel={4} />
      <TextField {...field('heldOn')} label="Dato" type="date" width="input-width-s" />
      <TextareaField {...field('note')} label="Hvordan går det?" rows={3} />
      <button type="submit" className="button button-secondary" disabled={form.busy}>
        Gem opfølgning
      </button>
    </form>
  )
}

function EndForm({ planId, placement: p, onSaved }: { planId: string; placement: Placement; onSaved: () => void }) {
  type F = 'endOn' | 'outcome' | 'outcomeOn' | 'endNote'
  const form = useForm<F, { text: string }>({ fieldIds: { endOn: 'end-on', outcome: 'end-outcome', outcomeOn: 'end-outcome-on', endNote: 'end-note' } })
  const { values, field } = useFormValues(form, () => ({ endOn: isoDay(new Date()), outcome: '', outcomeOn: '', endNote: '' }))
  const submit = form.handle(
    () =>
      checked(PlacementUpdate, {
        version: p.version,
        plannedEndOn: p.plannedEndOn,
        hoursPerWeek: p.hoursPerWeek,
        mentor: p.mentor ?? '',
        endOn: values.endOn || null,
        outcome: values.outcome || null,
        outcomeOn: values.outcomeOn || null,
        endNote: values.endNote,
      }),
    async (body) => {
      await updatePlacement(planId, p.id, body)
      onSaved()
      return { text: 'Udplaceringen er afsluttet.' }
    },
  )
  return (
    <form onSubmit={submit} noValidate aria-labelledby="end-heading" className="mt-7">
      <h2 id="end-heading">Afslut udplaceringen</h2>
      <FormProblems form={form} heading="Udplaceringen blev ikke afsluttet" headingLevel={3} />
      <TextField {...field('endOn')} label="Sidste dag" type="date" width="input-width-s" />
      <SelectField {...field('outcome')} label="Udfald" placeholder="Vælg udfald" options={PLACEMENT_OUTCOMES.map((o) => ({ value: o, label: placementOutcomeLabels[o] }))} />
      {(values.outcome === 'job' || values.outcome === 'education') && <TextField {...field('outcomeOn')} label="Jobbet eller uddannelsen begyndte (valgfri)" hint="Lad feltet stå tomt, hvis det begyndte dagen efter." type="date" width="input-width-s" />}
      <TextareaField {...field('endNote')} label={values.outcome === 'dropped-out' ? 'Hvorfor stoppede beboeren?' : 'Note (valgfri)'} rows={2} />
      <button type="submit" className="button button-primary" disabled={form.busy}>
        Afslut udplaceringen
      </button>
    </form>
  )
}
