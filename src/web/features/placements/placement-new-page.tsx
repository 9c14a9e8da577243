import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { openingKindLabels } from '../../../shared/companies.ts'
import { formatDay, isoDay } from '../../../shared/lib/format.ts'
import { PlacementCreate } from '../../../shared/placements.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { NumberField, TextField } from '../../components/ui/text-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { parseDecimal } from '../agreements/agreement-format.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { CompanyLoadFailed, companyCrumbs } from '../companies/company-loading.tsx'
import { participantPath, readParticipant } from '../participants/participants.api.ts'
import { createPlacement, placementPath, placementsPath, readPlacementChoices } from './placements.api.ts'
import { PLACEMENTS_TITLE } from './placements-page.tsx'

// Places one resident (named in the address) in an open opening, optionally after a course the
// resident has finished: the course's exit then gets the placement as its destination.

const TITLE = 'Udplacér beboer i en virksomhed'
type F = 'openingId' | 'enrolmentId' | 'startOn' | 'plannedEndOn' | 'hoursPerWeek' | 'mentor'
const fieldIds: Record<F, string> = { openingId: 'placement-opening', enrolmentId: 'placement-enrolment', startOn: 'placement-start', plannedEndOn: 'placement-planned-end', hoursPerWeek: 'placement-hours', mentor: 'placement-mentor' }

export function PlacementNewPage() {
  const { planId = '' } = useParams()
  const [search] = useSearchParams()
  const participantId = search.get('beboer') ?? ''
  const user = useCurrentUser()
  const data = useResource(async (signal) => Promise.all([readParticipant(planId, participantId, signal), readPlacementChoices(planId, signal)]), [planId, participantId])
  if (data.status === 'failed') return <CompanyLoadFailed title={TITLE} error={data.error} onRetry={data.reload} what="Beboeren" />
  const crumbs = <Breadcrumbs items={companyCrumbs(user, planId, [{ label: PLACEMENTS_TITLE, to: placementsPath(planId) }, { label: TITLE }])} />
  if (data.status === 'loading')
    return (
      <>
        {crumbs}
        <h1 tabIndex={-1}>{TITLE}</h1>
        <Spinner label="Henter beboeren og åbningerne …" />
      </>
    )
  const [participant, choices] = data.data
  return (
    <>
      {crumbs}
      <Page title={TITLE} lead={`Beboer: ${participant.contact?.name ?? participant.pseudonym}.`}>
        <PlacementForm planId={planId} participantId={participantId} enrolments={(participant.enrolments ?? []).filter((e) => e.exitOn !== null)} choices={choices.openings} />
        <p className="mt-7">
          <Link to={participantPath(planId, participantId)} className="back-link">
            Tilbage til beboeren
          </Link>
        </p>
      </Page>
    </>
  )
}

function PlacementForm({
  planId,
  participantId,
  enrolments,
  choices,
}: {
  planId: string
  participantId: string
  enrolments: { id: string; activityName: string; exitOn: string | null }[]
  choices: { id: string; title: string; kind: keyof typeof openingKindLabels; companyName: string; places: number; taken: number }[]
}) {
  const navigate = useNavigate()
  const form = useForm<F, { text: string }>({ fieldIds })
  // A resident who has just finished a course is placed after it: that course is chosen to begin with.
  const latest = [...enrolments].sort((a, b) => (b.exitOn ?? '').localeCompare(a.exitOn ?? ''))[0]
  const { values, field } = useFormValues(form, () => ({ openingId: '', enrolmentId: latest?.id ?? '', startOn: isoDay(new Date()), plannedEndOn: '', hoursPerWeek: '', mentor: '' }))
  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      const hours = values.hoursPerWeek.trim() === '' ? null : parseDecimal(values.hoursPerWeek)
      if (hours === null && values.hoursPerWeek.trim() !== '') problems.hoursPerWeek = 'Skriv timer pr. uge som et tal, fx 15 eller 7,5.'
      if (!values.openingId) problems.openingId = 'Vælg åbningen, beboeren udplaceres i.'
      return checked(PlacementCreate, { ...values, participantId, enrolmentId: values.enrolmentId || null, plannedEndOn: values.plannedEndOn || null, hoursPerWeek: hours, mentor: values.mentor }, problems)
    },
    async (body) => {
      const { id } = await createPlacement(planId, body)
      await navigate(placementPath(planId, id), { state: { notice: 'Beboeren er udplaceret.' } })
      return { text: 'Beboeren er udplaceret.' }
    },
  )
  if (choices.length === 0) return <p>Der er ingen åbne åbninger i helhedsplanen. Opret en åbning på virksomhedens side først.</p>
  return (
    <form onSubmit={submit} noValidate aria-label="Udplacering">
      <FormProblems form={form} heading="Beboeren blev ikke udplaceret" headingLevel={2} />
      <SelectField
        {...field('openingId')}
        label="Åbning"
        placeholder="Vælg åbning"
        options={choices.map((o) => ({ value: o.id, label: `${o.companyName}: ${o.title} (${openingKindLabels[o.kind]}, ${o.taken} af ${o.places} pladser besat)` }))}
      />
      <SelectField
        {...field('enrolmentId')}
        label="Efter forløb (udslusning)"
        hint="Vælg forløbet, hvis udplaceringen følger efter et afsluttet forløb. Så tæller overgangen med i forløbets tal."
        placeholder="Ikke efter et forløb"
        options={enrolments.map((e) => ({ value: e.id, label: `${e.activityName}, sluttede ${formatDay(e.exitOn!)}` }))}
      />
      <div className="field-row">
        <TextField {...field('startOn')} label="Startdato" type="date" width="input-width-s" />
        <TextField {...field('plannedEndOn')} label="Planlagt slutdato (valgfri)" type="date" width="input-width-s" />
      </div>
      <NumberField {...field('hoursPerWeek')} label="Timer pr. uge (valgfri)" />
      <TextField {...field('mentor')} label="Mentor (valgfri)" hint="Navn eller rolle på den person i virksomheden, der tager imod beboeren." />
      <button type="submit" className="button button-primary" disabled={form.busy}>
        Udplacér beboeren
      </button>
    </form>
  )
}
