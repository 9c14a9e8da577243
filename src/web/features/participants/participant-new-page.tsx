import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { isoDay } from '../../../shared/lib/format.ts'
import { AGE_BANDS, type AgeBand, type ParticipantForm, ageBandLabels } from '../../../shared/participants.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { NumberField, TextField } from '../../components/ui/text-field.tsx'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { ResidentLoadFailed, ResidentLoading, residentCrumbs } from './participant-loading.tsx'
import { PARTICIPANT_FIELDS, type ParticipantField, type ParticipantValues, emptyParticipant, participantCreateFrom } from './participant-form.ts'
import { participantPath, participantsPath, readParticipantForm, registerParticipant } from './participants.api.ts'

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
  // The server's issues name fields (a CPR number already registered comes as a conflict with one).
  const form = useForm({ fields: PARTICIPANT_FIELDS, fieldId, busyUntilGone: true })

  const submit = form.handle(
    () => participantCreateFrom(values, options.cprEnabled),
    async (body) => {
      const created = await registerParticipant(planId, body)
      navigate(participantPath(planId, created.id), { state: { notice: `${created.pseudonym} er registreret` } })
    },
  )

  const set =
    (field: ParticipantField) =>
    (e: { target: { value: string } }): void =>
      setValues((v) => ({ ...v, [field]: e.target.value }))

  // Departments of the chosen housing area, and those not tied to one.
  const departments = options.departments.filter((d) => !values.housingAreaId || d.housingAreaId === null || d.housingAreaId === values.housingAreaId)

  return (
    <>
      <Breadcrumbs items={residentCrumbs(user, planId, [{ label: TITLE }])} />
      <Page title={TITLE} lead="Registrér en beboer, der deltager i helhedsplanens aktiviteter. Beboeren får et id, som bruges i stedet for navnet i lister og tal.">
        <p>Kun navn og registreringsdato skal udfyldes. Registrér ikke flere oplysninger, end arbejdet med beboeren kræver.</p>
        <FormProblems form={form} heading="Deltageren blev ikke registreret" />
        <form onSubmit={submit} noValidate aria-label={TITLE} className="participant-form">
          <TextField id={fieldId('name')} label="Navn" required autoComplete="off" value={values.name} onChange={set('name')} error={form.errors.name} />

          <fieldset className="participant-fieldset">
            <legend className="h3">Kontakt</legend>
            <TextField id={fieldId('phone')} label="Telefon" type="tel" autoComplete="off" width="input-width-s" value={values.phone} onChange={set('phone')} error={form.errors.phone} />
            <TextField
              id={fieldId('email')}
              label="E-mail"
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={values.email}
              onChange={set('email')}
              error={form.errors.email}
            />
            <TextField id={fieldId('address')} label="Adresse" autoComplete="off" value={values.address} onChange={set('address')} error={form.errors.address} />
          </fieldset>

          <fieldset className="participant-fieldset">
            <legend className="h3">Alder</legend>
            <div className="field-row">
              <NumberField
                id={fieldId('birthYear')}
                label="Fødselsår"
                hint="Fx 1987"
                value={values.birthYear}
                onChange={set('birthYear')}
                error={form.errors.birthYear}
              />
              <SelectField
                id={fieldId('ageBand')}
                label="Aldersgruppe"
                hint="Kun hvis fødselsåret ikke kendes."
                placeholder="Ikke valgt"
                options={AGE_BANDS.map((band) => ({ value: band, label: ageBandLabels[band] }))}
                value={values.ageBand}
                onChange={(e) => setValues((v) => ({ ...v, ageBand: e.target.value as AgeBand | '' }))}
                error={form.errors.ageBand}
              />
            </div>
          </fieldset>

          <fieldset className="participant-fieldset">
            <legend className="h3">Bolig</legend>
            <div className="field-row">
              <SelectField
                id={fieldId('housingAreaId')}
                label="Boligområde"
                placeholder="Ikke valgt"
                options={options.housingAreas.map((area) => ({ value: area.id, label: area.name }))}
                value={values.housingAreaId}
                onChange={(e) =>
                  setValues((v) => {
                    const housingAreaId = e.target.value
                    const department = options.departments.find((d) => d.id === v.departmentId)
                    // A department in another area cannot stay chosen.
                    const keep = !department || !housingAreaId || department.housingAreaId === null || department.housingAreaId === housingAreaId
                    return { ...v, housingAreaId, departmentId: keep ? v.departmentId : '' }
                  })
                }
                error={form.errors.housingAreaId}
              />
              <SelectField
                id={fieldId('departmentId')}
                label="Afdeling"
                placeholder="Ikke valgt"
                options={departments.map((d) => ({ value: d.id, label: d.name ? `Afd. ${d.number}, ${d.name}` : `Afd. ${d.number}` }))}
                value={values.departmentId}
                onChange={set('departmentId')}
                error={form.errors.departmentId}
              />
            </div>
          </fieldset>

          <fieldset className="participant-fieldset" aria-describedby="participant-targetGroup-hint">
            <legend className="h3">Målgruppe i jobcentret</legend>
            <p className="form-hint mt-2" id="participant-targetGroup-hint">
              Udfyld, hvis beboeren er ledig og du kender målgruppen (§ 6 i lov om en aktiv beskæftigelsesindsats).
            </p>
            <div className="field-row">
              <SelectField
                id={fieldId('targetGroupCode')}
                label="Målgruppe (§ 6-kode)"
                placeholder="Ikke valgt"
                options={options.targetGroups.map((g) => ({ value: g.code, label: `${g.code} ${g.label}` }))}
                value={values.targetGroupCode}
                onChange={set('targetGroupCode')}
                error={form.errors.targetGroupCode}
              />
              <TextField
                id={fieldId('targetGroupOn')}
                label="Målgruppe pr. dato"
                type="date"
                width="input-width-s"
                value={values.targetGroupOn}
                onChange={set('targetGroupOn')}
                error={form.errors.targetGroupOn}
              />
            </div>
          </fieldset>

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
