import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import type { Participant, ParticipantForm } from '../../../shared/participants.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { ParticipantFields } from './participant-fields.tsx'
import { PARTICIPANT_FIELDS, type ParticipantField, type ParticipantValues, participantUpdateFrom, participantValuesOf } from './participant-form.ts'
import { ResidentLoadFailed, ResidentLoading, participantLabel, residentCrumbs } from './participant-loading.tsx'
import { participantPath, readParticipant, readParticipantForm, updateParticipant } from './participants.api.ts'

// Correcting a resident's record: the same fields and rules as registering. Every change is written
// to the audit log with what it was before (decision 025). Only a reader who sees the whole record
// (the owning party and the project leader) gets here; the server refuses anyone else.

const TITLE = 'Ret deltager'

const fieldId = (field: ParticipantField) => `participant-${field}`

export function ParticipantEditPage() {
  const { planId = '', participantId = '' } = useParams()
  const data = useResource(
    async (signal) => {
      const [participant, options] = await Promise.all([readParticipant(planId, participantId, signal), readParticipantForm(planId, signal)])
      return { participant, options }
    },
    [planId, participantId],
  )
  if (data.status === 'loading') return <ResidentLoading title={TITLE} label="Henter deltageren …" />
  if (data.status === 'failed') return <ResidentLoadFailed planId={planId} title={TITLE} error={data.error} onRetry={data.reload} what="Deltageren" />
  return <CorrectionForm key={participantId} participant={data.data.participant} options={data.data.options} />
}

function CorrectionForm({ participant: p, options }: { participant: Participant; options: ParticipantForm }) {
  const user = useCurrentUser()
  const navigate = useNavigate()
  const [values, setValues] = useState<ParticipantValues>(() => participantValuesOf(p))
  const form = useForm({ fields: PARTICIPANT_FIELDS, fieldId, busyUntilGone: true })
  const label = participantLabel({ pseudonym: p.pseudonym, name: p.contact?.name ?? null })
  const back = participantPath(p.planId, p.id)

  const submit = form.handle(
    () => participantUpdateFrom(values, p.version),
    async (body) => {
      await updateParticipant(p.planId, p.id, body)
      navigate(back, { state: { notice: 'Rettelserne er gemt' } })
    },
  )

  const editable = p.access.scope === 'full' && !p.anonymised

  return (
    <>
      <Breadcrumbs items={residentCrumbs(user, p.planId, [{ label, to: back }, { label: TITLE }])} />
      <Page title={`${TITLE} ${p.pseudonym}`} heading={`${TITLE}: ${label}`} lead="Ret det, der er skrevet forkert. Ændringerne skrives i loggen med det, der stod før.">
        {editable ? (
          <>
            <FormProblems form={form} heading="Rettelserne blev ikke gemt" />
            <form onSubmit={submit} noValidate aria-label={TITLE} className="participant-form">
              <ParticipantFields fieldId={fieldId} options={options} values={values} setValues={setValues} errors={form.errors} />
              <div className="button-row d-flex mt-6">
                <button type="submit" className="button button-primary" disabled={form.busy}>
                  {form.busy ? 'Gemmer …' : 'Gem rettelser'}
                </button>
                <Link to={back} className="button button-secondary">
                  Annullér
                </Link>
              </div>
            </form>
          </>
        ) : (
          <Alert variant="info" heading="Du kan ikke rette denne deltager">
            <p>
              {p.anonymised
                ? 'Deltageren er anonymiseret, og der er ikke længere personoplysninger at rette.'
                : 'Kun den organisation, der har registreret beboeren, og projektlederen kan rette oplysningerne.'}
            </p>
          </Alert>
        )}
      </Page>
    </>
  )
}
