import { useState } from 'react'
import { formatDay, isoDay } from '../../../shared/lib/format.ts'
import { ErasureDecision, ErasureRequestCreate, type ErasureRequestRecord, type Participant, erasureRequestStatusLabels } from '../../../shared/participants.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { type Checked, checked } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { decideErasure, readErasureRequests, requestErasure } from './participants.api.ts'

// A resident's request to be erased (decision 036): the housing-social worker who meets them writes
// down the day they asked; the project leader approves it, which erases, or rejects it with a reason.

export function ErasureRequests({ participant: p, onErased, children }: { participant: Participant; onErased: () => void; children: (pending: boolean) => React.ReactNode }) {
  const user = useCurrentUser()
  // Read again once the resident is anonymised, so an approved request says so.
  const requests = useResource((signal) => readErasureRequests(p.planId, p.id, signal), [p.planId, p.id, p.anonymised])
  const [notice, setNotice] = useState<string | null>(null)
  if (requests.status === 'loading') return <p>Henter anmodninger om sletning …</p>
  if (requests.status === 'failed') return <Alert variant="error" heading="Anmodningerne om sletning kunne ikke hentes" headingLevel={4} />
  const list = requests.data.requests
  const pending = list.find((r) => r.status === 'pending') ?? null
  const done = (text: string) => {
    setNotice(text)
    requests.reload()
  }
  return (
    <>
      <h3>Slet personoplysninger</h3>
      {!p.anonymised && (
      <p>
        Beder beboeren om at blive slettet, fjernes navn, kontaktoplysninger, CPR-nummer, noter, formål og samtykkedokumenter. Id, aldersgruppe, boligområde og
        forløbenes datoer bevares uden navn, så helhedsplanens tal stadig passer. Sletningen kan ikke fortrydes. Beboeren skal have svar senest en måned efter
        anmodningen.
      </p>
      )}
      {notice && <Alert key={notice} variant="success" heading={notice} headingLevel={4} focusOnMount />}
      {list.length > 0 && (
        <ul className="nobullet-list erasure-requests">
          {list.map((r) => (
            <li key={r.id}>
              <RequestLine request={r} />
            </li>
          ))}
        </ul>
      )}
      {pending && may(user.role, 'erasure-requests', 'update') && !p.anonymised && (
        <Decision
          participant={p}
          request={pending}
          onDecided={(approved) => {
            if (approved) onErased()
            else done('Anmodningen er afvist')
          }}
        />
      )}
      {!pending && !p.anonymised && may(user.role, 'erasure-requests', 'create') && !may(user.role, 'participant-rights', 'delete') && <RequestForm participant={p} onSaved={() => done('Anmodningen er sendt til projektlederen')} />}
      {children(pending !== null)}
    </>
  )
}

function RequestLine({ request: r }: { request: ErasureRequestRecord }) {
  return (
    <p>
      <strong>{erasureRequestStatusLabels[r.status]}</strong>: beboeren bad om sletning {formatDay(r.receivedOn)}
      {r.requestedBy && <> (modtaget af {r.requestedBy})</>}.{' '}
      {r.status === 'pending' ? <>Svar senest {formatDay(r.dueOn)}.</> : r.decidedAt && <>Afgjort {formatDay(r.decidedAt)}{r.decidedBy && <> af {r.decidedBy}</>}.</>}
      {r.note && <> Begrundelse: {r.note}</>}
    </p>
  )
}

function RequestForm({ participant: p, onSaved }: { participant: Participant; onSaved: () => void }) {
  const [receivedOn, setReceivedOn] = useState(() => isoDay(new Date()))
  const form = useForm({ fieldIds: { receivedOn: 'erasure-request-receivedOn' } })
  const submit = form.handle(
    () => checked(ErasureRequestCreate, { receivedOn }),
    async (body) => {
      await requestErasure(p.planId, p.id, body)
      onSaved()
    },
  )
  return (
    <form onSubmit={submit} noValidate aria-label="Beboeren beder om at blive slettet">
      {form.failure && (
        <Alert key={form.failure.seq} variant="error" heading="Anmodningen blev ikke sendt" headingLevel={4} focusOnMount>
          <p>{form.failure.message}</p>
        </Alert>
      )}
      <TextField
        id="erasure-request-receivedOn"
        label="Hvornår bad beboeren om at blive slettet?"
        hint="Anmodningen går til projektlederen, som sletter eller afviser med en begrundelse."
        type="date"
        width="input-width-s"
        max={isoDay(new Date())}
        value={receivedOn}
        onChange={(e) => setReceivedOn(e.target.value)}
        error={form.errors.receivedOn}
      />
      <button type="submit" className="button button-secondary mt-5" disabled={form.busy}>
        {form.busy ? 'Sender …' : 'Send anmodning om sletning'}
      </button>
    </form>
  )
}

function Decision({ participant: p, request, onDecided }: { participant: Participant; request: ErasureRequestRecord; onDecided: (approved: boolean) => void }) {
  const [confirm, setConfirm] = useState('')
  const [note, setNote] = useState('')
  const approve = useForm({ fieldIds: { confirmPseudonym: 'erasure-approve-confirm' }, focusField: true, busyUntilGone: true })
  const reject = useForm({ fieldIds: { note: 'erasure-reject-note' }, focusField: true })
  const onApprove = approve.handle(
    (): Checked<string> => (confirm.trim().toUpperCase() !== p.pseudonym ? { errors: { confirmPseudonym: `Skriv ${p.pseudonym} for at bekræfte sletningen.` } } : { body: confirm }),
    async (confirmPseudonym) => {
      await decideErasure(p.planId, request.id, { decision: 'approve', confirmPseudonym })
      onDecided(true)
    },
  )
  // The shared schema's own rule and words, as the server checks them.
  const onReject = reject.handle(
    () => checked(ErasureDecision, { decision: 'reject', note }),
    async (body) => {
      await decideErasure(p.planId, request.id, body)
      onDecided(false)
    },
  )
  return (
    <>
      <form onSubmit={onApprove} noValidate aria-label="Godkend anmodningen og slet personoplysninger">
        {approve.failure && (
          <Alert key={approve.failure.seq} variant="error" heading="Personoplysningerne blev ikke slettet" headingLevel={4} focusOnMount>
            <p>{approve.failure.message}</p>
          </Alert>
        )}
        <PseudonymConfirmField id="erasure-approve-confirm" label="Skriv deltagerens id for at godkende og slette" pseudonym={p.pseudonym} value={confirm} onChange={setConfirm} error={approve.errors.confirmPseudonym} />
        <button type="submit" className="button button-warning mt-5" disabled={approve.busy}>
          {approve.busy ? 'Sletter …' : 'Godkend og slet'}
        </button>
      </form>
      <form onSubmit={onReject} noValidate aria-label="Afvis anmodningen om sletning" className="mt-6">
        {reject.failure && (
          <Alert key={reject.failure.seq} variant="error" heading="Anmodningen blev ikke afvist" headingLevel={4} focusOnMount>
            <p>{reject.failure.message}</p>
          </Alert>
        )}
        <TextareaField
          id="erasure-reject-note"
          label="Eller afvis: hvorfor kan beboeren ikke slettes?"
          hint="Begrundelsen står i beboerens indsigt og i loggen. Højst 1000 tegn."
          rows={3}
          width="input-width-xl"
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={reject.errors.note}
        />
        <button type="submit" className="button button-secondary mt-5" disabled={reject.busy}>
          {reject.busy ? 'Afviser …' : 'Afvis anmodningen'}
        </button>
      </form>
    </>
  )
}

/** Erasing asks for the resident's id typed out, so it is never one slip of the mouse. */
export function PseudonymConfirmField({ id, label, pseudonym, value, onChange, error }: { id: string; label: string; pseudonym: string; value: string; onChange: (value: string) => void; error?: string | undefined }) {
  return (
    <TextField
      id={id}
      label={label}
      hint={`Skriv ${pseudonym}.`}
      autoComplete="off"
      spellCheck={false}
      width="input-width-s"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  )
}
