import { useState } from 'react'
import { type AttendanceStatus, type Session, type SessionKind, SessionDeletion, SessionUpdate, attendanceStatusLabels, sessionKindLabels } from '../../../shared/sessions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { NumberField, TextField } from '../../components/ui/text-field.tsx'
import { checked } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { deleteSession, updateSession } from './sessions.api.ts'

// Correcting a session that was registered wrong, or deleting one that should not be there
// (decision 025). Both ask why; the reason is kept in the audit log with what was there before.

const KINDS = Object.keys(sessionKindLabels) as SessionKind[]
const STATUSES = Object.keys(attendanceStatusLabels) as AttendanceStatus[]

export function SessionCorrection({ planId, session, onDone, onCancel }: { planId: string; session: Session; onDone: (notice: string) => void; onCancel: () => void }) {
  const prefix = `session-${session.id}`
  const [kind, setKind] = useState<SessionKind>(session.kind)
  const [heldOn, setHeldOn] = useState(session.heldOn)
  const [title, setTitle] = useState(session.title)
  const [anonymousCount, setAnonymousCount] = useState(session.anonymousCount === null ? '' : String(session.anonymousCount))
  const [statuses, setStatuses] = useState<Record<string, AttendanceStatus>>(() => Object.fromEntries(session.attendance.map((a) => [a.enrolmentId, a.status])))
  const [reason, setReason] = useState('')
  const form = useForm({
    fieldIds: { kind: `${prefix}-kind`, heldOn: `${prefix}-heldOn`, title: `${prefix}-title`, anonymousCount: `${prefix}-anonymousCount`, reason: `${prefix}-reason` },
  })

  const submit = form.handle(
    () =>
      checked(SessionUpdate, {
        kind,
        // The group stays as it was: a correction is of what happened, not of which group it was.
        groupId: session.groupId,
        heldOn,
        title,
        anonymousCount: anonymousCount.trim() === '' ? null : Number(anonymousCount),
        attendance: session.attendance.map((a) => ({ enrolmentId: a.enrolmentId, status: statuses[a.enrolmentId] ?? a.status })),
        reason,
      }),
    async (body) => {
      await updateSession(planId, session.id, body)
      onDone(`Aktivitetsgangen ${body.title} er rettet`)
    },
  )

  return (
    <form onSubmit={submit} noValidate aria-label={`Ret aktivitetsgangen ${session.title}`} className="session-correction mt-4 mb-6">
      {form.failure && (
        <Alert key={form.failure.seq} variant="error" heading="Aktivitetsgangen blev ikke rettet" headingLevel={3} focusOnMount>
          <p>{form.failure.message}</p>
        </Alert>
      )}
      <div className="field-row">
        <SelectField id={`${prefix}-kind`} label="Type" options={KINDS.map((k) => ({ value: k, label: sessionKindLabels[k] }))} value={kind} onChange={(e) => setKind(e.target.value as SessionKind)} error={form.errors.kind} />
        <TextField id={`${prefix}-heldOn`} label="Dato" type="date" width="input-width-s" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} error={form.errors.heldOn} />
      </div>
      <TextField id={`${prefix}-title`} label="Titel" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} error={form.errors.title} />
      <NumberField id={`${prefix}-anonymousCount`} label="Antal uden navn" value={anonymousCount} onChange={(e) => setAnonymousCount(e.target.value)} error={form.errors.anonymousCount} />
      {session.attendance.map((a) => (
        <SelectField
          key={a.enrolmentId}
          id={`${prefix}-attendance-${a.enrolmentId}`}
          label={`Fremmøde: ${a.name ? `${a.name} (${a.pseudonym})` : a.pseudonym}`}
          options={STATUSES.map((s) => ({ value: s, label: attendanceStatusLabels[s] }))}
          value={statuses[a.enrolmentId] ?? a.status}
          onChange={(e) => setStatuses((all) => ({ ...all, [a.enrolmentId]: e.target.value as AttendanceStatus }))}
        />
      ))}
      <TextField id={`${prefix}-reason`} label="Hvorfor rettes aktivitetsgangen?" hint="Står i loggen sammen med det, der stod før." maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} error={form.errors.reason} />
      <div className="button-row d-flex mt-5">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          Gem rettelsen
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annullér
        </button>
      </div>
    </form>
  )
}

export function SessionDeletionDialog({ planId, session, onDone, onCancel }: { planId: string; session: Session | null; onDone: (notice: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const form = useForm({ fieldIds: { reason: 'session-deletion-reason' }, focusField: true })
  const remove = () =>
    form.submit(
      () => checked(SessionDeletion, { reason }),
      async (body) => {
        if (!session) return
        await deleteSession(planId, session.id, body)
        setReason('')
        onDone(`Aktivitetsgangen ${session.title} er slettet`)
      },
    )
  return (
    <ConfirmDialog
      open={session !== null}
      title={`Slet aktivitetsgangen ${session?.title ?? ''}?`}
      confirmLabel="Slet aktivitetsgangen"
      destructive
      busy={form.busy}
      onConfirm={() => void remove()}
      onCancel={() => {
        setReason('')
        onCancel()
      }}
    >
      <p>Aktivitetsgangen og dens fremmøde slettes. Begrundelsen og det, der blev slettet, står i loggen.</p>
      {form.failure && <p className="form-error-message">{form.failure.message}</p>}
      <TextField id="session-deletion-reason" label="Hvorfor slettes aktivitetsgangen?" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} error={form.errors.reason} />
    </ConfirmDialog>
  )
}
