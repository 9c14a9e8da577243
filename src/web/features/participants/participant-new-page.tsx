import { useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { isoDay } from '../../../shared/lib/format.ts'
import { type ParticipantForm, type PossibleDuplicate, duplicateReasonLabels } from '../../../shared/participants.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { ApiError } from '../../lib/api.ts'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { ParticipantFields } from './participant-fields.tsx'
import { ResidentLoadFailed, ResidentLoading, residentCrumbs } from './participant-loading.tsx'
import { PARTICIPANT_FIELDS, type ParticipantField, type ParticipantValues, emptyParticipant, participantCreateFrom } from './participant-form.ts'
import { findDuplicates, participantPath, participantsPath, readParticipantForm, registerParticipant } from './participants.api.ts'

// Registering a resident: the least the work needs (decision 008). Only the name is required; the
// rest can wait until the resident has said what they want to share.

const TITLE = 'Registrér deltager'

const fieldId = (field: ParticipantField) => `participant-${field}`

export function ParticipantNewPage() {
  const { planId = '' } = useParams()
  const form = useResource((signal) => readParticipantForm(planId, signal), [planId])
  if (form.status === 'loading') return <ResidentLoading title={TITLE} label="Henter formularen …" />
  if (form.status === 'failed') return <ResidentLoadFailed planId={planId} title={TITLE} error={form.error} onRetry={form.reload} what="Formularen" />
  return <RegistrationForm key={planId} planId={planId} options={form.data} />
}

function RegistrationForm({ planId, options }: { planId: string; options: ParticipantForm }) {
  const user = useCurrentUser()
  const navigate = useNavigate()
  const [values, setValues] = useState<ParticipantValues>(() => emptyParticipant(isoDay(new Date())))
  // Residents already registered who may be the same person (decision 025); registering anyway is a choice.
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null)
  const confirmDuplicates = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)
  // The server's issues name fields (a CPR number already registered comes as a conflict with one).
  const form = useForm({
    fields: PARTICIPANT_FIELDS,
    fieldId,
    busyUntilGone: true,
    handleError: (error) => {
      if (!(error instanceof ApiError) || error.code !== 'confirmation_required') return false
      const body = participantCreateFrom(values, options.cprEnabled)
      if ('errors' in body) return false
      findDuplicates(planId, { name: body.body.name, birthYear: body.body.birthYear, phone: body.body.phone, email: body.body.email, ...(body.body.cpr ? { cpr: body.body.cpr } : {}) })
        .then((found) => setDuplicates(found.items))
        .catch(() => setDuplicates([]))
      return true
    },
  })

  const submit = form.handle(
    () => participantCreateFrom(values, options.cprEnabled),
    async (body) => {
      const created = await registerParticipant(planId, { ...body, ...(confirmDuplicates.current ? { confirmDuplicates: true } : {}) })
      navigate(participantPath(planId, created.id), { state: { notice: `${created.pseudonym} er registreret` } })
    },
  )

  const set =
    (field: ParticipantField) =>
    (e: { target: { value: string } }): void =>
      setValues((v) => ({ ...v, [field]: e.target.value }))

  return (
    <>
      <Breadcrumbs items={residentCrumbs(user, planId, [{ label: TITLE }])} />
      <Page title={TITLE} lead="Registrér en beboer, der deltager i helhedsplanens aktiviteter. Beboeren får et id, som bruges i stedet for navnet i lister og tal.">
        <p>Kun navn og registreringsdato skal udfyldes. Registrér ikke flere oplysninger, end arbejdet med beboeren kræver.</p>
        <FormProblems form={form} heading="Deltageren blev ikke registreret" />
        {duplicates && (
          <Alert variant="warning" heading="Beboeren er måske allerede registreret" focusOnMount>
            {duplicates.length > 0 ? (
              <ul>
                {duplicates.map((d) => (
                  <li key={d.id}>
                    <Link to={participantPath(planId, d.id)}>{d.name ? `${d.name} (${d.pseudonym})` : d.pseudonym}</Link>: {d.reasons.map((r) => duplicateReasonLabels[r]).join(', ')}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Der er registreret en beboer med de samme oplysninger.</p>
            )}
            <p>Se efter, om det er den samme person. Er det en anden, kan du registrere beboeren alligevel.</p>
            <button
              type="button"
              className="button button-secondary"
              disabled={form.busy}
              onClick={() => {
                confirmDuplicates.current = true
                formRef.current?.requestSubmit()
              }}
            >
              Det er en anden person – registrér alligevel
            </button>
          </Alert>
        )}
        <form ref={formRef} onSubmit={submit} noValidate aria-label={TITLE} className="participant-form">
          <ParticipantFields fieldId={fieldId} options={options} values={values} setValues={setValues} errors={form.errors} />

          {options.cprEnabled && (
            <fieldset className="participant-fieldset">
              <legend className="h3">CPR-nummer</legend>
              <TextField
                id={fieldId('cpr')}
                label="CPR-nummer"
                hint="ddmmåå-xxxx. Kun hvis det er nødvendigt for samarbejdet med jobcentret. Nummeret gemmes krypteret og vises kun delvist."
                autoComplete="off"
                inputMode="numeric"
                spellCheck={false}
                width="input-width-s"
                value={values.cpr}
                onChange={set('cpr')}
                error={form.errors.cpr}
              />
            </fieldset>
          )}

          <TextField
            id={fieldId('registeredOn')}
            label="Registreret den"
            hint="Den dag, beboeren kom i kontakt med helhedsplanen."
            type="date"
            required
            width="input-width-s"
            value={values.registeredOn}
            onChange={set('registeredOn')}
            error={form.errors.registeredOn}
          />

          <div className="button-row d-flex mt-6">
            <button type="submit" className="button button-primary" disabled={form.busy}>
              {form.busy ? 'Registrerer …' : 'Registrér deltager'}
            </button>
            <Link to={participantsPath(planId)} className="button button-secondary">
              Annullér
            </Link>
          </div>
        </form>
      </Page>
    </>
  )
}
