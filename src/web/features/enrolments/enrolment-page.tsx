import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { CONSENT_CATEGORIES, type ConsentCategory, consentCategoryLabels } from '../../../shared/consents.ts'
import { EXIT_REASONS, type Enrolment, EnrolmentReopening, type ExitReason, FREE_TEXT_DEFAULT_CATEGORY, FollowupCorrection, FollowupCreate, exitReasonLabels } from '../../../shared/enrolments.ts'
import { formatDay, isoDay } from '../../../shared/lib/format.ts'
import { attendanceStatusLabels } from '../../../shared/sessions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { ErrorSummary } from '../../components/ui/error-summary.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { ApiError } from '../../lib/api.ts'
import { checked } from '../../lib/form-errors.ts'
import { type Failure, useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { Facts, NotGiven } from '../participants/participant-parts.tsx'
import { ResidentLoadFailed, ResidentLoading, participantLabel, residentCrumbs } from '../participants/participant-loading.tsx'
import { participantPath } from '../participants/participants.api.ts'
import { EXIT_FIELDS, type ExitField, type ExitValues, exitUpdateFrom, exitValuesOf, startUpdateFrom } from './enrolment-form.ts'
import { EnrolmentStatusBadge } from './enrolment-status-badge.tsx'
import { addFollowup, correctFollowup, readEnrolment, reopenEnrolment, updateEnrolment } from './enrolments.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

// One resident's course in one activity: the referral, how it has gone (follow-ups and attendance)
// and how it ended. The page starts a course from the waiting list, ends it, and corrects the end
// later (the job or internship often starts weeks after the course ended).

const TITLE = 'Forløb'

export function EnrolmentPage() {
  const { planId = '', enrolmentId = '' } = useParams()
  const enrolment = useResource((signal) => readEnrolment(planId, enrolmentId, signal), [planId, enrolmentId])
  if (enrolment.status === 'loading') return <ResidentLoading title={TITLE} label="Henter forløbet …" />
  if (enrolment.status === 'failed') return <ResidentLoadFailed planId={planId} title={TITLE} error={enrolment.error} onRetry={enrolment.reload} what="Forløbet" />
  return <EnrolmentRecord key={enrolmentId} planId={planId} enrolment={enrolment.data} reload={enrolment.reload} />
}

interface Notice {
  heading: string
  seq: number
}

function EnrolmentRecord({ planId, enrolment: e, reload }: { planId: string; enrolment: Enrolment; reload: () => void }) {
  const user = useCurrentUser()
  const [notice, setNotice] = useState<Notice | null>(null)
  const [correcting, setCorrecting] = useState<string | null>(null)
  const resident = participantLabel(e)
  const saved = (heading: string) => {
    setNotice((n) => ({ heading, seq: (n?.seq ?? 0) + 1 }))
    reload()
  }

  return (
    <>
      <Breadcrumbs items={residentCrumbs(user, planId, [{ label: resident, to: participantPath(planId, e.participantId) }, { label: TITLE }])} />
      <Page
        title={`${TITLE}: ${e.activityName}`}
        lead={
          <>
            Deltager: <Link to={participantPath(planId, e.participantId)}>{resident}</Link>
          </>
        }
      >
        {notice && <Alert key={notice.seq} variant="success" heading={notice.heading} focusOnMount />}
        <section aria-labelledby="forloebet" className="resident-section">
          <h2 id="forloebet">Forløbet</h2>
          <Facts
            facts={[
              { label: 'Status', value: <EnrolmentStatusBadge status={e.status} /> },
              { label: 'Aktivitet', value: e.activityName },
              { label: 'Visiteret', value: `${formatDay(e.referredOn)} af ${e.referredBy}` },
              { label: 'Start', value: e.startOn ? formatDay(e.startOn) : e.status === 'ended' ? 'Startede ikke' : 'På venteliste' },
              { label: 'Planlagt slut', value: e.plannedEndOn ? formatDay(e.plannedEndOn) : <NotGiven /> },
            ]}
          />
          {e.status === 'ended' && (
            <>
              <h3 className="h4">Afslutning</h3>
              <Facts
                facts={[
                  { label: 'Afsluttet', value: e.exitOn ? formatDay(e.exitOn) : <NotGiven /> },
                  { label: 'Afslutningsårsag', value: e.exitReason ? exitReasonLabels[e.exitReason] : <NotGiven /> },
                  { label: 'Start på praktik, job eller uddannelse', value: e.destinationOn ? formatDay(e.destinationOn) : <NotGiven /> },
                  { label: 'Kontakt under første praktik', value: e.internshipContact ? 'Ja' : 'Nej' },
                  { label: 'Note', value: e.exitNote ? <span className="preserve-lines">{e.exitNote}</span> : <NotGiven /> },
                ]}
              />
            </>
          )}
        </section>

        {e.selection && (
          <section aria-labelledby="udvaelgelse" className="resident-section">
            <h2 id="udvaelgelse">Udvælgelseskriterier</h2>
            <p>Vurderet {formatDay(e.selection.assessedOn)} ud fra kriterierne i delaftalen.</p>
            <ul className="selection-answers">
              {e.selection.answers.map((answer) => (
                <li key={answer.criterion}>
                  <span className="weight-semibold">{answer.met ? 'Opfyldt' : 'Ikke opfyldt'}: </span>
                  {answer.criterion}
                </li>
              ))}
            </ul>
          </section>
        )}

        <section aria-labelledby="opfoelgninger" className="resident-section">
          <h2 id="opfoelgninger">Statusopfølgninger</h2>
          {e.followups.length === 0 ? (
            <p>Der er ingen statusopfølgninger endnu.</p>
          ) : (
            <ul className="nobullet-list comment-list">
              {e.followups.map((f) => (
                <li key={f.id} className="comment">
                  {correcting === f.id && f.note !== null ? (
                    <FollowupCorrectionForm
                      planId={planId}
                      enrolmentId={e.id}
                      followup={{ ...f, note: f.note }}
                      onSaved={() => {
                        setCorrecting(null)
                        saved('Statusopfølgningen er rettet')
                      }}
                      onCancel={() => setCorrecting(null)}
                    />
                  ) : (
                    <>
                      <p className="comment-meta small-text">
                        <strong>{formatDay(f.heldOn)}</strong>
                        {f.writtenBy && <> · {f.writtenBy}</>} · {consentCategoryLabels[f.category]}
                      </p>
                      <p className="comment-text preserve-lines">{f.note ?? <span className="text-subtle">Noten er slettet.</span>}</p>
                      {f.note !== null && (
                        <button type="button" className="button button-tertiary" onClick={() => setCorrecting(f.id)} aria-label={`Ret statusopfølgningen fra ${formatDay(f.heldOn)}`}>
                          Ret
                        </button>
                      )}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {e.startOn === null ? (
            <p className="text-subtle">Der følges op på forløb, der er startet.</p>
          ) : (
            <FollowupForm key={e.followups.length} planId={planId} enrolmentId={e.id} onSaved={() => saved('Statusopfølgningen er gemt')} />
          )}
        </section>

        <section aria-labelledby="fremmoede" className="resident-section">
          <h2 id="fremmoede">Fremmøde</h2>
          {e.attendance.length === 0 ? (
            <p>Der er ikke registreret fremmøde.</p>
          ) : (
            <TableScroller label="Fremmøde">
              <table className="table table--zebra attendance-table">
                <caption className="sr-only">Fremmøde til aktivitetens gange</caption>
                <TableHead columns={['Dato', 'Aktivitetsgang', 'Fremmøde']} />
                <tbody>
                  {e.attendance.map((a) => (
                    <tr key={a.sessionId}>
                      <td className="text-nowrap">{formatDay(a.heldOn)}</td>
                      <td>{a.title}</td>
                      <td>{attendanceStatusLabels[a.status]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          )}
        </section>

        {/* Keyed by version: after a save or a reload the form starts from what is stored now. */}
        {e.status === 'waiting' && <StartForm key={`start-${e.version}`} planId={planId} enrolment={e} onSaved={saved} onReload={reload} />}
        <ExitForm key={`exit-${e.version}`} planId={planId} enrolment={e} onSaved={saved} onReload={reload} />
        {e.status === 'ended' && <ReopenForm key={`reopen-${e.version}`} planId={planId} enrolment={e} onSaved={saved} onReload={reload} />}

        <p className="mt-7">
          <Link to={participantPath(planId, e.participantId)} className="back-link">
            Tilbage til {resident}
          </Link>
        </p>
      </Page>
    </>
  )
}

function FollowupForm({ planId, enrolmentId, onSaved }: { planId: string; enrolmentId: string; onSaved: () => void }) {
  // The page reads the enrolment again and draws a fresh form.
  const form = useForm({ fields: ['heldOn', 'category', 'note'], fieldId: (field) => `followup-${field}`, busyUntilGone: true })
  const { values, field } = useFormValues(form, () => ({ heldOn: isoDay(new Date()), category: FREE_TEXT_DEFAULT_CATEGORY as string, note: '' }))

  const submit = form.handle(
    () => checked(FollowupCreate, values),
    async (body) => {
      await addFollowup(planId, enrolmentId, body)
      onSaved()
    },
  )

  return (
    <details className="details entry-details">
      <summary className="details-summary">Skriv en statusopfølgning</summary>
      <div className="details-text">
        <form onSubmit={submit} noValidate aria-label="Skriv en statusopfølgning" className="followup-form">
          <FormProblems form={form} heading="Opfølgningen blev ikke gemt" headingLevel={3} />
          <div className="field-row">
            <TextField {...field('heldOn')} label="Dato" type="date" width="input-width-s" />
            <CategoryField {...field('category')} />
          </div>
          <TextareaField {...field('note')} label="Hvordan går det?" rows={4} width="input-width-xl" />
          <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
            {form.busy ? 'Gemmer …' : 'Gem opfølgning'}
          </button>
        </form>
      </div>
    </details>
  )
}

/**
 * The consent category free text is filed under (decision 026): a party under consent sees the text
 * only when the resident's consent names the category.
 */
function CategoryField(props: { id: string; value: string; onChange: (e: { target: { value: string } }) => void; error?: string | undefined }) {
  return (
    <SelectField
      {...props}
      label="Kategori"
      hint="Hvad teksten handler om. Den anden part ser den kun, hvis samtykket omfatter kategorien."
      options={CONSENT_CATEGORIES.map((c) => ({ value: c, label: consentCategoryLabels[c] }))}
    />
  )
}

interface UpdateFormProps {
  planId: string
  enrolment: Enrolment
  onSaved: (heading: string) => void
  onReload: () => void
}

/** Someone else saved the enrolment after this page read it: nothing was saved, and the page must be read again. */
function ProblemAlert({ problem, onReload, heading }: { problem: Failure; onReload: () => void; heading: string }) {
  if (problem.code !== 'conflict') {
    return (
      <Alert key={problem.seq} variant="error" heading={heading} headingLevel={3} focusOnMount>
        <p>{problem.message}</p>
      </Alert>
    )
  }
  return (
    <Alert key={problem.seq} variant="error" heading="Forløbet er ændret af en anden" headingLevel={3} focusOnMount>
      <p>En anden har gemt ændringer i forløbet, efter du åbnede siden. Dine ændringer er ikke gemt. Hent forløbet igen, og gør det, du var i gang med, en gang til.</p>
      <p>
        <button type="button" className="button button-secondary" onClick={onReload}>
          Hent forløbet igen
        </button>
      </p>
    </Alert>
  )
}

function StartForm({ planId, enrolment, onSaved, onReload }: UpdateFormProps) {
  const [startOn, setStartOn] = useState(() => isoDay(new Date()))
  const [full, setFull] = useState<string | null>(null)
  // One field, no summary; the page reads the enrolment again after a start and draws a fresh form.
  const form = useForm({
    fieldIds: { startOn: 'start-startOn' },
    focusField: true,
    busyUntilGone: true,
    handleError: (e) => {
      setFull(null)
      if (!(e instanceof ApiError && e.code === 'capacity_full')) return false
      setFull(e.message)
      return true
    },
  })

  function send(allowOverbooking: boolean) {
    return form.submit(
      () => {
        const result = startUpdateFrom(enrolment, startOn, allowOverbooking)
        if (!('errors' in result)) return result
        setFull(null)
        // Whatever the check found, it is about the one field there is.
        return { errors: { startOn: result.errors.startOn ?? Object.values(result.errors)[0] ?? '' } }
      },
      async (body) => {
        await updateEnrolment(planId, enrolment.id, body)
        setFull(null)
        onSaved(`Forløbet er startet ${formatDay(startOn)}`)
      },
    )
  }

  return (
    <section aria-labelledby="start-forloeb" className="resident-section">
      <h2 id="start-forloeb">Start forløbet</h2>
      <p>Beboeren står på venteliste. Når der er plads, starter forløbet her.</p>
      {form.failure && <ProblemAlert problem={form.failure} onReload={onReload} heading="Forløbet blev ikke startet" />}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void send(false)
        }}
        noValidate
        aria-labelledby="start-forloeb"
      >
        <TextField id="start-startOn" label="Startdato" type="date" width="input-width-s" value={startOn} onChange={(e) => setStartOn(e.target.value)} error={form.errors.startOn} />
        <button type="submit" className="button button-primary mt-5" disabled={form.busy}>
          {form.busy ? 'Gemmer …' : 'Start forløbet'}
        </button>
      </form>
      <ConfirmDialog
        open={full !== null}
        title="Aktiviteten er fuld"
        confirmLabel={form.busy ? 'Starter …' : 'Start alligevel'}
        cancelLabel="Vent med at starte"
        busy={form.busy}
        onConfirm={() => void send(true)}
        onCancel={() => setFull(null)}
      >
        <p>{full}</p>
        <p>Vælger du »Start alligevel«, bliver aktiviteten overbooket. Ellers bliver beboeren stående på ventelisten.</p>
      </ConfirmDialog>
    </section>
  )
}

const exitFieldId = (field: ExitField) => `exit-${field}`

function ExitForm({ planId, enrolment, onSaved, onReload }: UpdateFormProps) {
  const ended = enrolment.status === 'ended'
  const waiting = enrolment.status === 'waiting'
  const [values, setValues] = useState<ExitValues>(() => exitValuesOf(enrolment, isoDay(new Date())))
  // The page reads the enrolment again after a save and draws a fresh form.
  const form = useForm({ fields: EXIT_FIELDS, fieldId: exitFieldId, busyUntilGone: true })
  const heading = ended ? 'Ret afslutningen' : waiting ? 'Tag beboeren af ventelisten' : 'Afslut forløbet'

  const submit = form.handle(
    () => exitUpdateFrom(enrolment, values, isoDay(new Date())),
    async (body) => {
      await updateEnrolment(planId, enrolment.id, body)
      onSaved(ended ? 'Afslutningen er rettet' : waiting ? 'Beboeren er taget af ventelisten' : `Forløbet er afsluttet ${formatDay(values.exitOn)}`)
    },
  )

  const set = (field: 'exitOn' | 'destinationOn' | 'exitNote') => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }))

  return (
    <section aria-labelledby="afslut-forloeb" className="resident-section">
      <h2 id="afslut-forloeb">{heading}</h2>
      <p>
        {ended
          ? 'Ret afslutningen, fx når du får at vide, hvornår praktikken, jobbet eller uddannelsen starter.'
          : waiting
            ? 'Skal beboeren ikke starte alligevel, fx fordi de har fået job, tages de af ventelisten med en dato og en årsag.'
            : 'Når beboeren stopper i aktiviteten, afsluttes forløbet med en dato og en årsag. Det frigør pladsen.'}
      </p>
      {form.failure && <ProblemAlert problem={form.failure} onReload={onReload} heading="Forløbet blev ikke gemt" />}
      <ErrorSummary errors={form.summary} headingLevel={3} />
      <form onSubmit={submit} noValidate aria-labelledby="afslut-forloeb" className="exit-form">
        <div className="field-row">
          <TextField id={exitFieldId('exitOn')} label={waiting ? 'Dato' : 'Slutdato'} type="date" width="input-width-s" max={isoDay(new Date())} value={values.exitOn} onChange={set('exitOn')} error={form.errors.exitOn} />
          <SelectField
            id={exitFieldId('exitReason')}
            label="Afslutningsårsag"
            placeholder="Vælg årsag"
            options={EXIT_REASONS.map((reason) => ({ value: reason, label: exitReasonLabels[reason] }))}
            value={values.exitReason}
            onChange={(e) => setValues((v) => ({ ...v, exitReason: e.target.value as ExitReason | '' }))}
            error={form.errors.exitReason}
          />
        </div>
        <TextField
          id={exitFieldId('destinationOn')}
          label="Start på praktik, job eller uddannelse"
          hint="Den dag, beboeren starter i praktik, job eller uddannelse efter forløbet. Kan udfyldes senere."
          type="date"
          width="input-width-s"
          value={values.destinationOn}
          onChange={set('destinationOn')}
          error={form.errors.destinationOn}
        />
        <div className={['form-group', form.errors.internshipContact ? 'form-error' : ''].filter(Boolean).join(' ')}>
          <div className="form-group-checkbox">
            <input
              id={exitFieldId('internshipContact')}
              type="checkbox"
              className="form-checkbox"
              checked={values.internshipContact}
              aria-describedby="exit-internshipContact-hint"
              onChange={(e) => setValues((v) => ({ ...v, internshipContact: e.target.checked }))}
            />
            <label htmlFor={exitFieldId('internshipContact')}>Kontakt fastholdes under første praktik</label>
            <span className="form-hint" id="exit-internshipContact-hint">
              Helhedsplanens medarbejder holder kontakten med beboeren, mens den første praktik står på.
            </span>
          </div>
        </div>
        <TextareaField id={exitFieldId('exitNote')} label="Note" hint="Fx hvor praktikken er." rows={3} width="input-width-xl" value={values.exitNote} onChange={set('exitNote')} error={form.errors.exitNote} />
        <CategoryField id={exitFieldId('exitNoteCategory')} value={values.exitNoteCategory} onChange={(e) => setValues((v) => ({ ...v, exitNoteCategory: e.target.value as ConsentCategory }))} error={form.errors.exitNoteCategory} />
        <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
          {form.busy ? 'Gemmer …' : ended ? 'Gem afslutningen' : waiting ? 'Tag af ventelisten' : 'Afslut forløbet'}
        </button>
      </form>
    </section>
  )
}

/** Corrects a follow-up written wrong (decision 025): the reason goes into the log. */
function FollowupCorrectionForm({
  planId,
  enrolmentId,
  followup,
  onSaved,
  onCancel,
}: {
  planId: string
  enrolmentId: string
  followup: { id: string; heldOn: string; category: ConsentCategory; note: string }
  onSaved: () => void
  onCancel: () => void
}) {
  const prefix = `followup-${followup.id}`
  const form = useForm({ fields: ['heldOn', 'category', 'note', 'reason'], fieldId: (field) => `${prefix}-${field}`, busyUntilGone: true })
  const { values, field } = useFormValues(form, () => ({ heldOn: followup.heldOn, category: followup.category as string, note: followup.note, reason: '' }))
  const submit = form.handle(
    () => checked(FollowupCorrection, values),
    async (body) => {
      await correctFollowup(planId, enrolmentId, followup.id, body)
      onSaved()
    },
  )
  return (
    <form onSubmit={submit} noValidate aria-label={`Ret statusopfølgningen fra ${formatDay(followup.heldOn)}`} className="followup-form">
      <FormProblems form={form} heading="Rettelsen blev ikke gemt" headingLevel={3} />
      <div className="field-row">
        <TextField {...field('heldOn')} label="Dato" type="date" width="input-width-s" />
        <CategoryField {...field('category')} />
      </div>
      <TextareaField {...field('note')} label="Hvordan går det?" rows={4} width="input-width-xl" maxLength={10_000} />
      <TextField {...field('reason')} label="Hvorfor rettes opfølgningen?" hint="Står i loggen sammen med dato og kategori fra før. Højst 500 tegn." maxLength={500} />
      <div className="button-row d-flex mt-5">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Gemmer …' : 'Gem rettelsen'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annullér
        </button>
      </div>
    </form>
  )
}

/** Takes the exit off an ended course, with a reason (decision 036). */
function ReopenForm({ planId, enrolment, onSaved, onReload }: UpdateFormProps) {
  const [reason, setReason] = useState('')
  const [full, setFull] = useState<string | null>(null)
  const form = useForm({
    fieldIds: { reason: 'reopen-reason' },
    busyUntilGone: true,
    handleError: (e) => {
      setFull(null)
      if (!(e instanceof ApiError && e.code === 'capacity_full')) return false
      setFull(e.message)
      return true
    },
  })
  function send(allowOverbooking: boolean) {
    return form.submit(
      () => checked(EnrolmentReopening, { version: enrolment.version, reason, allowOverbooking }),
      async (body) => {
        await reopenEnrolment(planId, enrolment.id, body)
        setFull(null)
        onSaved(enrolment.startOn ? 'Forløbet er genåbnet' : 'Beboeren står igen på ventelisten')
      },
    )
  }
  return (
    <section aria-labelledby="genaabn-forloeb" className="resident-section">
      <h2 id="genaabn-forloeb">Genåbn forløbet</h2>
      <p>Er forløbet afsluttet ved en fejl, genåbnes det her. Slutdato, årsag og start på praktik, job eller uddannelse fjernes; loggen gemmer dem sammen med begrundelsen.</p>
      {form.failure && <ProblemAlert problem={form.failure} onReload={onReload} heading="Forløbet blev ikke genåbnet" />}
      <form
        onSubmit={(ev) => {
          ev.preventDefault()
          void send(false)
        }}
        noValidate
        aria-labelledby="genaabn-forloeb"
      >
        <TextField id="reopen-reason" label="Hvorfor genåbnes forløbet?" hint="Højst 500 tegn." maxLength={500} width="input-width-xl" value={reason} onChange={(ev) => setReason(ev.target.value)} error={form.errors.reason} />
        <button type="submit" className="button button-secondary mt-5" disabled={form.busy}>
          {form.busy ? 'Genåbner …' : 'Genåbn forløbet'}
        </button>
      </form>
      <ConfirmDialog
        open={full !== null}
        title="Aktiviteten er fuld"
        confirmLabel={form.busy ? 'Genåbner …' : 'Genåbn alligevel'}
        cancelLabel="Lad forløbet være afsluttet"
        busy={form.busy}
        onConfirm={() => void send(true)}
        onCancel={() => setFull(null)}
      >
        <p>{full}</p>
        <p>Vælger du »Genåbn alligevel«, bliver aktiviteten overbooket. Ellers forbliver forløbet afsluttet.</p>
      </ConfirmDialog>
    </section>
  )
}
