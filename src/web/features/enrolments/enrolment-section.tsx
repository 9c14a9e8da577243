import { type FormEvent, useRef, useState } from 'react'
import { Link } from 'react-router'
import type { Activity } from '../../../shared/enrolments.ts'
import { formatCount, formatDay, formatNumber, isoDay } from '../../../shared/lib/format.ts'
import type { EnrolmentSummary } from '../../../shared/participants.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { enrolmentPath, listActivities } from './activities.api.ts'
import { defaultLengthText } from './activity-occupancy.ts'
import { ENROL_FIELDS, type EnrolField, type EnrolValues, emptyEnrolment, enrolmentCreateFrom } from './enrolment-form.ts'
import { EnrolmentStatusBadge } from './enrolment-status-badge.tsx'
import { enrol } from './enrolments.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

// A resident's courses on their page, and "Tilmeld forløb": referral into an activity, with a start
// day or onto the waiting list. When the activity is full on the start day the server says so; the
// user then decides whether to overbook or to use the waiting list, and nothing is saved until then.

export interface EnrolmentSectionProps {
  planId: string
  participantId: string
  /** Null: no consent lets the reader see the resident's courses. */
  enrolments: EnrolmentSummary[] | null
  canEnrol: boolean
  onChanged: () => void
}

const HEADING_ID = 'forloeb'

export function EnrolmentSection({ planId, participantId, enrolments, canEnrol, onChanged }: EnrolmentSectionProps) {
  const [notice, setNotice] = useState<{ heading: string; seq: number } | null>(null)
  return (
    <section aria-labelledby={HEADING_ID} className="resident-section">
      <h2 id={HEADING_ID}>Forløb</h2>
      {notice && <Alert key={notice.seq} variant="success" heading={notice.heading} headingLevel={3} focusOnMount />}
      {enrolments === null ? (
        <p>Samtykket omfatter ikke beboerens forløb, så du kan ikke se dem.</p>
      ) : enrolments.length === 0 ? (
        <p>Beboeren er ikke tilmeldt nogen aktiviteter.</p>
      ) : (
        <EnrolmentTable planId={planId} enrolments={enrolments} />
      )}
      {canEnrol && enrolments !== null && (
        <EnrolForm
          planId={planId}
          participantId={participantId}
          onEnrolled={(heading) => {
            setNotice((n) => ({ heading, seq: (n?.seq ?? 0) + 1 }))
            onChanged()
          }}
        />
      )}
    </section>
  )
}

function EnrolmentTable({ planId, enrolments }: { planId: string; enrolments: EnrolmentSummary[] }) {
  return (
    <TableScroller label="Forløb">
      <table className="table table--zebra enrolment-table">
        <caption className="sr-only">Beboerens forløb</caption>
        <TableHead columns={['Aktivitet', 'Status', 'Visiteret', 'Start', 'Slut']} />
        <tbody>
          {enrolments.map((e) => (
            <tr key={e.id}>
              <th scope="row" className="weight-normal">
                <Link to={enrolmentPath(planId, e.id)}>{e.activityName}</Link>
              </th>
              <td>
                <EnrolmentStatusBadge status={e.status} />
              </td>
              <td className="text-nowrap">{formatDay(e.referredOn)}</td>
              <td className="text-nowrap">{e.startOn ? formatDay(e.startOn) : <span className="text-subtle">{e.status === 'ended' ? 'Startede ikke' : 'Venter'}</span>}</td>
              <td className="text-nowrap">{e.exitOn ? formatDay(e.exitOn) : <span className="text-subtle">Ikke afsluttet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  )
}

/** "Beskæftigelsesfremmende forløb (5 af 12 pladser optaget)": how full it is, where the choice is made. */
function activityOption(activity: Activity): string {
  if (activity.capacity === null) return activity.name
  return `${activity.name} (${formatNumber(activity.active)} af ${formatCount(activity.capacity, 'plads', 'pladser')} optaget)`
}

function activityHint(activity: Activity | undefined): string | undefined {
  if (!activity) return undefined
  const parts = [
    activity.capacity === null ? `${formatNumber(activity.active)} i forløb; der er ikke angivet et antal pladser.` : `${formatNumber(activity.active)} af ${formatCount(activity.capacity, 'plads', 'pladser')} er optaget.`,
    `${formatNumber(activity.waiting)} på venteliste.`,
    activity.defaultWeeks === null ? null : `Et forløb varer normalt ${defaultLengthText(activity.defaultWeeks)}.`,
  ]
  return parts.filter(Boolean).join(' ')
}

const fieldId = (field: EnrolField) => (field === 'start' ? 'enrol-start-0' : field === 'selection' ? 'enrol-criteria-0' : `enrol-${field}`)

function EnrolForm({ planId, participantId, onEnrolled }: { planId: string; participantId: string; onEnrolled: (heading: string) => void }) {
  const activities = useResource((signal) => listActivities(planId, signal), [planId])
  const [values, setValues] = useState<EnrolValues>(() => emptyEnrolment(isoDay(new Date())))
  const [full, setFull] = useState<string | null>(null)
  const form = useForm({
    fields: ENROL_FIELDS,
    fieldId,
    handleError: (error) => {
      setFull(null)
      // A full activity is the user's choice to make, not a failure: nothing is saved until then.
      if (!(error instanceof ApiError && error.code === 'capacity_full')) return false
      setFull(error.message)
      return true
    },
  })
  const detailsRef = useRef<HTMLDetailsElement>(null)

  const list = activities.status === 'ready' ? activities.data : []
  const activity = list.find((a) => a.id === values.activityId)

  function send(allowOverbooking: boolean) {
    return form.submit(
      () => {
        const result = enrolmentCreateFrom(values, activity, allowOverbooking)
        if ('errors' in result) setFull(null)
        return result
      },
      async (body) => {
        await enrol(planId, participantId, body)
        const name = activity?.name ?? 'aktiviteten'
        setFull(null)
        setValues(emptyEnrolment(isoDay(new Date())))
        if (detailsRef.current) detailsRef.current.open = false
        activities.reload()
        onEnrolled(body.startOn === null ? `Beboeren er sat på venteliste til ${name}` : `Beboeren er tilmeldt ${name} fra ${formatDay(body.startOn)}`)
      },
    )
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    void send(false)
  }

  const set = (field: 'activityId' | 'referredOn' | 'referredBy' | 'startOn') => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value, ...(field === 'activityId' ? { criteriaMet: [] } : {}) }))
  const waiting = values.start === 'waiting'

  return (
    <details className="details entry-details" ref={detailsRef}>
      <summary className="details-summary">Tilmeld forløb</summary>
      <div className="details-text">
        {activities.status === 'loading' && <Spinner label="Henter aktiviteterne …" />}
        {activities.status === 'failed' && <LoadError message={messageOf(activities.error)} onRetry={activities.reload} heading="Aktiviteterne kunne ikke hentes" />}
        {activities.status === 'ready' &&
          (list.length === 0 ? (
            <p>Helhedsplanen har ingen aktiviteter at tilmelde beboeren. Aktiviteterne kommer fra delaftalerne.</p>
          ) : (
            <form onSubmit={submit} noValidate aria-label="Tilmeld forløb" className="enrol-form">
              <FormProblems form={form} heading="Beboeren blev ikke tilmeldt" headingLevel={3} />
              <SelectField
                id={fieldId('activityId')}
                label="Aktivitet"
                hint={activityHint(activity)}
                placeholder="Vælg aktivitet"
                options={list.map((a) => ({ value: a.id, label: activityOption(a) }))}
                value={values.activityId}
                onChange={set('activityId')}
                error={form.errors.activityId}
              />
              <div className="field-row">
                <TextField id={fieldId('referredOn')} label="Visiteret den" type="date" width="input-width-s" value={values.referredOn} onChange={set('referredOn')} error={form.errors.referredOn} />
                <TextField
                  id={fieldId('referredBy')}
                  label="Visiteret af"
                  hint="Fx Fremskudt jobcenter eller rådgiverens navn."
                  autoComplete="off"
                  value={values.referredBy}
                  onChange={set('referredBy')}
                  error={form.errors.referredBy}
                />
              </div>
              <RadioGroup
                id="enrol-start"
                legend="Start"
                options={[
                  { value: 'date', label: 'Starter på en bestemt dato' },
                  { value: 'waiting', label: 'Sæt på venteliste', hint: 'Beboeren starter senere, når der er plads. Startdatoen sættes på forløbets side.' },
                ]}
                value={values.start}
                onChange={(start) => setValues((v) => ({ ...v, start: start as EnrolValues['start'] }))}
                error={form.errors.start}
              />
              {!waiting && (
                <TextField id={fieldId('startOn')} label="Startdato" type="date" width="input-width-s" value={values.startOn} onChange={set('startOn')} error={form.errors.startOn} />
              )}
              {activity && activity.selectionCriteria.length > 0 && (
                <CheckboxGroup
                  id="enrol-criteria"
                  legend="Udvælgelseskriterier fra delaftalen"
                  hint="Markér de kriterier, beboeren opfylder. Svarene gemmes med visitationen."
                  options={activity.selectionCriteria.map((criterion) => ({ value: criterion, label: criterion }))}
                  values={values.criteriaMet}
                  onChange={(criteriaMet) => setValues((v) => ({ ...v, criteriaMet }))}
                  error={form.errors.selection}
                />
              )}
              <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
                {form.busy ? 'Gemmer …' : waiting ? 'Sæt på venteliste' : 'Tilmeld'}
              </button>
            </form>
          ))}
        <ConfirmDialog
          open={full !== null}
          title="Aktiviteten er fuld"
          confirmLabel={form.busy ? 'Tilmelder …' : 'Tilmeld alligevel'}
          cancelLabel="Tilbage til formularen"
          busy={form.busy}
          onConfirm={() => void send(true)}
          onCancel={() => setFull(null)}
        >
          <p>{full}</p>
          <p>Vælger du »Tilmeld alligevel«, bliver aktiviteten overbooket. Ellers kan du gå tilbage og sætte beboeren på venteliste.</p>
        </ConfirmDialog>
      </div>
    </details>
  )
}
