import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import type { AgreementSummary } from '../../../shared/agreements.ts'
import type { CompanyListItem } from '../../../shared/companies.ts'
import { formatDay, isoDay } from '../../../shared/lib/format.ts'
import { type Meeting, MeetingCreate, MeetingKind, meetingKindLabels, MeetingUpdate } from '../../../shared/meetings.ts'
import { may } from '../../../shared/permissions.ts'
import type { UserDto } from '../../../shared/users.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { type Checked, fieldErrorsByPath, issuesFromZod } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { listAgreements } from '../agreements/agreements.api.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { listInvitableCompanies } from '../companies/companies.api.ts'
import { listPlanMembers } from '../plans/plans.api.ts'
import { type ActionDraft, bodyOf, type CompanyPresence, type DecisionDraft, emptyMeeting, fieldIdOf, type MeetingFormValues, summaryOf, valuesOf } from './meeting-form.ts'
import { createMeeting, meetingPath, readMeeting, updateMeeting } from './meetings.api.ts'
import { MeetingLoadFailed, MeetingLoading, meetingCrumbs } from './meeting-loading.tsx'

// Recording a meeting and editing it: one form. Decisions and new actions are lists the user grows;
// a board meeting's decision can name the agreement revision it approves and the period it closes;
// a network event lists the plan's companies, each not invited, invited or attending.

interface Choices {
  members: { id: string; name: string; organisation: string }[]
  agreements: AgreementSummary[]
  companies: CompanyListItem[]
  meeting: Meeting | null
}

async function loadChoices(user: UserDto, planId: string, meetingId: string | undefined, signal: AbortSignal): Promise<Choices> {
  const [members, agreements, companies, meeting] = await Promise.all([
    listPlanMembers(planId, signal),
    listAgreements(planId, signal),
    may(user.role, 'companies', 'read') ? listInvitableCompanies(planId, signal) : Promise.resolve({ companies: [] as CompanyListItem[] }),
    meetingId ? readMeeting(planId, meetingId, signal) : Promise.resolve(null),
  ])
  return { members: members.members, agreements: agreements.agreements, companies: companies.companies, meeting }
}

/** /planer/:planId/moeder/nyt and /planer/:planId/moeder/:meetingId/ret. */
export function MeetingEditPage() {
  const { planId = '', meetingId } = useParams()
  const user = useCurrentUser()
  const title = meetingId ? 'Ret mødet' : 'Registrér et møde'
  const data = useResource((signal) => loadChoices(user, planId, meetingId, signal), [planId, meetingId])
  if (data.status === 'loading') return <MeetingLoading title={title} label="Henter helhedsplanens medarbejdere og delaftaler …" />
  if (data.status === 'failed') return <MeetingLoadFailed title={title} error={data.error} onRetry={data.reload} what="Mødet" />
  return <MeetingForm key={meetingId ?? 'new'} user={user} planId={planId} title={title} choices={data.data} />
}

function MeetingForm({ user, planId, title, choices }: { user: UserDto; planId: string; title: string; choices: Choices }) {
  const navigate = useNavigate()
  const { meeting, members, agreements, companies } = choices
  const [values, setValues] = useState<MeetingFormValues>(() => (meeting ? valuesOf(meeting) : emptyMeeting('cooperation', isoDay(new Date()))))
  const [nextKey, setNextKey] = useState(1000)
  const form = useForm<string>({ summarise: summaryOf, fromIssues: fieldErrorsByPath, busyUntilGone: true })
  const set = <K extends keyof MeetingFormValues>(key: K, value: MeetingFormValues[K]) => setValues((v) => ({ ...v, [key]: value }))
  const text = (key: 'heldOn' | 'title' | 'agenda' | 'minutes') => ({
    id: fieldIdOf(key),
    value: values[key],
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
    error: form.errors[key],
  })
  const updateDecision = (key: number, change: Partial<DecisionDraft>) => set('decisions', values.decisions.map((d) => (d.key === key ? { ...d, ...change } : d)))
  const updateAction = (key: number, change: Partial<ActionDraft>) => set('actions', values.actions.map((a) => (a.key === key ? { ...a, ...change } : a)))
  const fresh = () => {
    setNextKey((k) => k + 1)
    return nextKey
  }

  const submit = form.handle(
    (): Checked<ReturnType<typeof bodyOf>> => {
      const body = bodyOf(values)
      const parsed = meeting ? MeetingUpdate.safeParse(body) : MeetingCreate.safeParse(body)
      return parsed.success ? { body } : { errors: fieldErrorsByPath(issuesFromZod(parsed.error)) }
    },
    async (body) => {
      if (meeting) {
        const { kind: _kind, ...update } = body
        await updateMeeting(planId, meeting.id, update)
        await navigate(meetingPath(planId, meeting.id))
      } else {
        const { id } = await createMeeting(planId, body)
        await navigate(meetingPath(planId, id))
      }
    },
  )

  const board = values.kind === 'board'
  const crumbs = meeting ? meetingCrumbs(user, planId, [{ label: meeting.title, to: meetingPath(planId, meeting.id) }, { label: title }]) : meetingCrumbs(user, planId, [{ label: title }])
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <Page title={title} lead={meeting ? `${meetingKindLabels[meeting.kind]} ${formatDay(meeting.heldOn)}` : 'Deltagere, dagsorden, referat, beslutninger og opfølgningspunkter. Det hele kan rettes bagefter.'}>
        <form onSubmit={submit} noValidate aria-label={title} className="meeting-form">
          <FormProblems form={form} heading="Mødet blev ikke gemt" headingLevel={2} />
          {!meeting && (
            <SelectField
              id={fieldIdOf('kind')}
              label="Slags møde"
              value={values.kind}
              onChange={(e) => set('kind', MeetingKind.parse(e.target.value))}
              error={form.errors.kind}
              options={MeetingKind.options.map((k) => ({ value: k, label: meetingKindLabels[k] }))}
            />
          )}
          <TextField {...text('heldOn')} label="Dato" type="date" width="input-width-s" />
          <TextField {...text('title')} label="Titel" hint="Fx »Samarbejdsmøde 3. kvartal 2025«." autoComplete="off" maxLength={200} />
          {members.length > 0 && (
            <CheckboxGroup
              id="meeting-members"
              legend="Deltagere fra helhedsplanen"
              options={members.map((m) => ({ value: m.id, label: m.name, hint: m.organisation }))}
              values={values.memberIds}
              onChange={(ids) => set('memberIds', ids)}
            />
          )}
          <TextareaField
            id={fieldIdOf('participants')}
            label="Andre deltagere"
            hint="Én pr. linje, fx »Afdelingsleder Lis Berg«."
            rows={3}
            value={values.others}
            onChange={(e) => set('others', e.target.value)}
            error={form.errors[Object.keys(form.errors).find((p) => p.startsWith('participants')) ?? '']}
          />
          <TextareaField {...text('agenda')} label="Dagsorden" rows={4} />
          <TextareaField {...text('minutes')} label="Referat" rows={8} />

          <fieldset className="meeting-list-fieldset">
            <legend className="h3">Beslutninger</legend>
            {values.decisions.map((d, i) => {
              const agreement = agreements.find((a) => a.id === d.agreementId)
              return (
                <div key={d.key} className="meeting-item">
                  <TextareaField
                    id={fieldIdOf(`decisions.${i}.text`)}
                    label={`Beslutning ${i + 1}`}
                    rows={2}
                    value={d.text}
                    onChange={(e) => updateDecision(d.key, { text: e.target.value })}
                    error={form.errors[`decisions.${i}.text`]}
                  />
                  {board && (
                    <>
                      <SelectField
                        id={fieldIdOf(`decisions.${i}.agreementId`)}
                        label="Godkender en revision af delaftalen"
                        placeholder="Ingen revision"
                        value={d.agreementId}
                        onChange={(e) => {
                          const chosen = agreements.find((a) => a.id === e.target.value)
                          updateDecision(d.key, { agreementId: e.target.value, revisionNumber: chosen ? String(chosen.latestRevision.number) : '' })
                        }}
                        error={form.errors[`decisions.${i}.agreementId`]}
                        options={agreements.map((a) => ({ value: a.id, label: a.title }))}
                      />
                      {agreement && (
                        <SelectField
                          id={fieldIdOf(`decisions.${i}.revisionNumber`)}
                          label="Revision"
                          value={d.revisionNumber}
                          onChange={(e) => updateDecision(d.key, { revisionNumber: e.target.value })}
                          error={form.errors[`decisions.${i}.revisionNumber`]}
                          options={Array.from({ length: agreement.latestRevision.number }, (_, n) => n + 1)
                            .reverse()
                            .map((n) => ({ value: String(n), label: n === agreement.latestRevision.number ? `Revision ${n} (gældende fra ${formatDay(agreement.latestRevision.effectiveFrom)})` : `Revision ${n}` }))}
                        />
                      )}
                      <TextField
                        id={fieldIdOf(`decisions.${i}.closesPeriod`)}
                        label="Afslutter opfølgningsperioden"
                        hint="Fx 2025-Q3 for 3. kvartal 2025 eller 2025 for hele året. Tom: ingen."
                        width="input-width-s"
                        autoComplete="off"
                        value={d.closesPeriod}
                        onChange={(e) => updateDecision(d.key, { closesPeriod: e.target.value })}
                        error={form.errors[`decisions.${i}.closesPeriod`]}
                      />
                    </>
                  )}
                  <button type="button" className="button button-unstyled" onClick={() => set('decisions', values.decisions.filter((x) => x.key !== d.key))}>
                    Fjern beslutning {i + 1}
                  </button>
                </div>
              )
            })}
            <button type="button" className="button button-secondary" onClick={() => set('decisions', [...values.decisions, { key: fresh(), text: '', agreementId: '', revisionNumber: '', closesPeriod: '' }])}>
              Tilføj en beslutning
            </button>
          </fieldset>

          <fieldset className="meeting-list-fieldset">
            <legend className="h3">{meeting ? 'Nye opfølgningspunkter' : 'Opfølgningspunkter'}</legend>
            {meeting && meeting.actions.length > 0 && (
              <ul className="small-text">
                {meeting.actions.map((a) => (
                  <li key={a.id}>
                    {a.text} ({a.ownerName}, frist {formatDay(a.dueOn)}
                    {a.done ? ', gjort' : ''})
                  </li>
                ))}
              </ul>
            )}
            {values.actions.map((a, i) => (
              <div key={a.key} className="meeting-item">
                <TextField
                  id={fieldIdOf(`actions.${i}.text`)}
                  label={`Opfølgningspunkt ${i + 1}`}
                  autoComplete="off"
                  value={a.text}
                  onChange={(e) => updateAction(a.key, { text: e.target.value })}
                  error={form.errors[`actions.${i}.text`]}
                />
                <SelectField
                  id={fieldIdOf(`actions.${i}.ownerId`)}
                  label="Ansvarlig"
                  placeholder="Vælg"
                  value={a.ownerId}
                  onChange={(e) => updateAction(a.key, { ownerId: e.target.value })}
                  error={form.errors[`actions.${i}.ownerId`]}
                  options={members.map((m) => ({ value: m.id, label: m.name }))}
                />
                <TextField
                  id={fieldIdOf(`actions.${i}.dueOn`)}
                  label="Frist"
                  type="date"
                  width="input-width-s"
                  value={a.dueOn}
                  onChange={(e) => updateAction(a.key, { dueOn: e.target.value })}
                  error={form.errors[`actions.${i}.dueOn`]}
                />
                <button type="button" className="button button-unstyled" onClick={() => set('actions', values.actions.filter((x) => x.key !== a.key))}>
                  Fjern opfølgningspunkt {i + 1}
                </button>
              </div>
            ))}
            <button type="button" className="button button-secondary" onClick={() => set('actions', [...values.actions, { key: fresh(), text: '', ownerId: '', dueOn: '' }])}>
              Tilføj et opfølgningspunkt
            </button>
          </fieldset>

          {values.kind === 'company-network' && (
            <fieldset className="meeting-list-fieldset" id={fieldIdOf('companies')} tabIndex={-1}>
              <legend className="h3">Virksomheder</legend>
              {form.errors.companies && <p className="form-error-message">{form.errors.companies}</p>}
              {companies.length === 0 ? (
                <p>Helhedsplanen har ingen virksomheder at invitere.</p>
              ) : (
                companies.map((c) => (
                  <SelectField
                    key={c.id}
                    id={`meeting-company-${c.id}`}
                    label={c.name}
                    value={values.companies[c.id] ?? 'none'}
                    onChange={(e) => set('companies', { ...values.companies, [c.id]: e.target.value as CompanyPresence })}
                    options={[
                      { value: 'none', label: 'Ikke inviteret' },
                      { value: 'invited', label: 'Inviteret' },
                      { value: 'attended', label: 'Deltog' },
                    ]}
                  />
                ))
              )}
            </fieldset>
          )}

          <div className="button-row d-flex mt-6">
            <button type="submit" className="button button-primary" disabled={form.busy}>
              {form.busy ? 'Gemmer …' : 'Gem mødet'}
            </button>
            <Link to={meeting ? meetingPath(planId, meeting.id) : `${meetingCrumbs(user, planId)[2]!.to}`} className="button button-secondary">
              Annullér
            </Link>
          </div>
        </form>
      </Page>
    </>
  )
}
