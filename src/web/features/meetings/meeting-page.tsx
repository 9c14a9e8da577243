import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatDay, isoDay } from '../../../shared/lib/format.ts'
import { periodLabel } from '../../../shared/lib/period.ts'
import { ActionDeletion, type Meeting, type MeetingAction, meetingKindLabels } from '../../../shared/meetings.ts'
import { may } from '../../../shared/permissions.ts'
import type { UserDto } from '../../../shared/users.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { checked } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { agreementPath } from '../agreements/agreements.api.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { companyPath } from '../companies/companies.api.ts'
import { deleteAction, editMeetingPath, markActionDone, readMeeting } from './meetings.api.ts'
import { MeetingLoadFailed, MeetingLoading, meetingCrumbs } from './meeting-loading.tsx'

/** /planer/:planId/moeder/:meetingId: the record of one meeting; an action's owner marks it done here. */
export function MeetingPage() {
  const { planId = '', meetingId = '' } = useParams()
  const user = useCurrentUser()
  const meeting = useResource((signal) => readMeeting(planId, meetingId, signal), [planId, meetingId])
  if (meeting.status === 'loading') return <MeetingLoading title="Møde" label="Henter mødet …" />
  if (meeting.status === 'failed') return <MeetingLoadFailed title="Møde" error={meeting.error} onRetry={meeting.reload} what="Mødet" />
  return <MeetingRecord user={user} planId={planId} meeting={meeting.data} onChanged={meeting.reload} />
}

function MeetingRecord({ user, planId, meeting, onChanged }: { user: UserDto; planId: string; meeting: Meeting; onChanged: () => void }) {
  const others = meeting.participants.map((p) => p.name)
  return (
    <>
      <Breadcrumbs items={meetingCrumbs(user, planId, [{ label: meeting.title }])} />
      <Page title={meeting.title} lead={`${meetingKindLabels[meeting.kind]} ${formatDay(meeting.heldOn)}`}>
        {may(user.role, 'meetings', 'create') && (
          <p>
            <Link to={editMeetingPath(planId, meeting.id)} className="button button-secondary">
              Ret mødet
            </Link>
          </p>
        )}
        <section aria-labelledby="participants-heading">
          <h2 id="participants-heading">Deltagere</h2>
          {others.length === 0 ? <p>Ingen deltagere er registreret.</p> : <ul>{others.map((name, i) => <li key={`${name}-${i}`}>{name}</li>)}</ul>}
        </section>
        {meeting.kind === 'company-network' && <Companies planId={planId} meeting={meeting} linked={may(user.role, 'companies', 'read')} />}
        <section aria-labelledby="agenda-heading">
          <h2 id="agenda-heading">Dagsorden</h2>
          <p className="preserve-lines">{meeting.agenda || 'Ingen dagsorden.'}</p>
        </section>
        <section aria-labelledby="minutes-heading">
          <h2 id="minutes-heading">Referat</h2>
          <p className="preserve-lines">{meeting.minutes || 'Intet referat endnu.'}</p>
        </section>
        <section aria-labelledby="decisions-heading">
          <h2 id="decisions-heading">Beslutninger</h2>
          {meeting.decisions.length === 0 ? (
            <p>Ingen beslutninger.</p>
          ) : (
            <ol className="meeting-decisions">
              {meeting.decisions.map((d) => (
                <li key={d.id}>
                  <p className="preserve-lines">{d.text}</p>
                  {d.approves && d.agreementId && d.revisionNumber !== null && (
                    <p className="small-text">
                      Godkender <Link to={agreementPath(planId, d.agreementId, d.revisionNumber)}>{d.approves}</Link>
                    </p>
                  )}
                  {d.closesPeriod && <p className="small-text">Afslutter opfølgningen for {periodLabel(d.closesPeriod)}</p>}
                </li>
              ))}
            </ol>
          )}
        </section>
        <Actions user={user} planId={planId} actions={meeting.actions} meetingAuthor={meeting.createdBy} onChanged={onChanged} />
      </Page>
    </>
  )
}

function Companies({ planId, meeting, linked }: { planId: string; meeting: Meeting; linked: boolean }) {
  const name = (c: Meeting['companies'][number]) => (linked ? <Link to={companyPath(planId, c.companyId)}>{c.name}</Link> : c.name)
  return (
    <section aria-labelledby="companies-heading">
      <h2 id="companies-heading">Virksomheder</h2>
      {meeting.companies.length === 0 ? (
        <p>Ingen virksomheder er inviteret.</p>
      ) : (
        <ul>
          {meeting.companies.map((c) => (
            <li key={c.companyId}>
              {name(c)}: {c.attended ? 'deltog' : 'inviteret, deltog ikke'}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The meeting's actions; the signed-in owner of an open one can mark it done; the owner and the meeting's author can delete one added by mistake. */
export function Actions({ user, planId, actions, meetingAuthor, onChanged }: { user: UserDto; planId: string; actions: MeetingAction[]; meetingAuthor: string | null; onChanged: () => void }) {
  const [problem, setProblem] = useState<{ seq: number; text: string } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<MeetingAction | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const today = isoDay(new Date())
  async function done(action: MeetingAction) {
    setBusy(action.id)
    setProblem(null)
    try {
      await markActionDone(planId, action.id)
      onChanged()
    } catch (error) {
      setProblem((p) => ({ seq: (p?.seq ?? 0) + 1, text: messageOf(error) }))
    } finally {
      setBusy(null)
    }
  }
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">Opfølgningspunkter</h2>
      {problem && (
        <Alert key={problem.seq} variant="error" heading="Opfølgningspunktet blev ikke markeret som gjort" headingLevel={3} focusOnMount>
          <p>{problem.text}</p>
        </Alert>
      )}
      {notice && (
        <Alert variant="success" heading={notice} headingLevel={3} focusOnMount>
          <p>Begrundelsen og det, der blev slettet, står i loggen.</p>
        </Alert>
      )}
      {actions.length === 0 ? (
        <p>Ingen opfølgningspunkter.</p>
      ) : (
        <ul className="nobullet-list meeting-actions">
          {actions.map((a) => (
            <li key={a.id} className="meeting-action">
              <p className="mb-1">
                <strong>{a.text}</strong>
              </p>
              <p className="small-text mt-0">
                {a.ownerName} · frist {formatDay(a.dueOn)} · {a.done ? 'Gjort' : a.dueOn < today ? 'Overskredet' : 'Åben'}
              </p>
              {!a.done && a.ownerId === user.id && (
                <button type="button" className="button button-secondary" disabled={busy === a.id} onClick={() => void done(a)}>
                  Markér som gjort<span className="sr-only">: {a.text}</span>
                </button>
              )}{' '}
              {(a.ownerId === user.id || meetingAuthor === user.id) && (
                <button type="button" className="button button-tertiary" onClick={() => setDeleting(a)}>
                  Slet<span className="sr-only"> opfølgningspunktet: {a.text}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionDeletionDialog
        planId={planId}
        action={deleting}
        onCancel={() => setDeleting(null)}
        onDone={(text) => {
          setDeleting(null)
          setNotice(text)
          onChanged()
        }}
      />
    </section>
  )
}

function ActionDeletionDialog({ planId, action, onDone, onCancel }: { planId: string; action: MeetingAction | null; onDone: (notice: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const form = useForm({ fieldIds: { reason: 'action-deletion-reason' }, focusField: true })
  const remove = () =>
    form.submit(
      () => checked(ActionDeletion, { reason }),
      async (body) => {
        if (!action) return
        await deleteAction(planId, action.id, body)
        setReason('')
        onDone(`Opfølgningspunktet »${action.text}« er slettet`)
      },
    )
  return (
    <ConfirmDialog
      open={action !== null}
      title="Slet opfølgningspunktet?"
      confirmLabel="Slet opfølgningspunktet"
      destructive
      busy={form.busy}
      onConfirm={() => void remove()}
      onCancel={() => {
        setReason('')
        onCancel()
      }}
    >
      <p>»{action?.text}« slettes fra mødet og fra den ansvarliges opgaver. Begrundelsen og det, der blev slettet, står i loggen.</p>
      {form.failure && <p className="form-error-message">{form.failure.message}</p>}
      <TextField id="action-deletion-reason" label="Hvorfor slettes opfølgningspunktet?" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} error={form.errors.reason} />
    </ConfirmDialog>
  )
}
