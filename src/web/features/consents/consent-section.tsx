import { type FormEvent, useEffect, useRef, useState } from 'react'
import {
  CONSENT_CATEGORIES,
  type Consent,
  type ConsentCategory,
  type ConsentForm,
  GUARDIAN_RELATIONS,
  type GuardianRelation,
  OWN_CONSENT_AGE,
  YOUNG_PERSON_SAYS,
  type YoungPersonSay,
  consentCategoryLabels,
  consentFormLabels,
  guardianRelationLabels,
  listInDanish,
  partyInSentence,
  youngPersonSayLabels,
} from '../../../shared/consents.ts'
import { partyName } from '../../../shared/parties.ts'
import { formatDateTime, formatDay, isoDay } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { ErrorSummary } from '../../components/ui/error-summary.tsx'
import { Field } from '../../components/ui/field.tsx'
import { Icon } from '../../components/ui/icon.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { messageOf } from '../../lib/api.ts'
import type { Checked } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { CONSENT_FIELDS, type ConsentField, type ConsentValues, consentCreateFrom, consentPreview, emptyConsent, giverOf } from './consent-form.ts'
import { ConsentStateBadge } from './consent-state-badge.tsx'
import { consentDocumentUrl, recordConsent, uploadConsentDocument, withdrawConsent } from './consents.api.ts'
import { listPlanParties } from '../plans/plans.api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

// A resident's consents on their page: what each allows, whether it is in force today, and the
// three things staff do with them: record a new one (reading its text aloud from the screen),
// attach the signed copy of a written one, and record that the resident took one back.

export interface ConsentSectionProps {
  planId: string
  participantId: string
  consents: Consent[]
  /** The party that holds the resident's record: it collects the consent and shares under it. */
  holder: { id: string; name: string }
  /** Only those who hold the record collect consent and attach the signed copy (the server insists). */
  canRecord: boolean
  /** Anyone who may see the resident may record a withdrawal: a resident may tell either party. */
  canWithdraw: boolean
  /** The reader sees the consents naming their own party, not all of them. */
  partial: boolean
  /** The resident's birth year when the reader may see it: under 15 a parent gives the consent (decision 023). */
  birthYear: number | null
  onChanged: () => void
}

type Action = { kind: 'withdraw'; consent: Consent } | { kind: 'upload'; consent: Consent }

interface Notice {
  heading: string
  text?: string
  seq: number
}

const HEADING_ID = 'samtykker'

export function ConsentSection({ planId, participantId, consents, holder, canRecord, canWithdraw, partial, birthYear, onChanged }: ConsentSectionProps) {
  const [action, setAction] = useState<Action | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const returnFocus = useRef<HTMLElement | null>(null)

  function open(next: Action, from: HTMLElement) {
    returnFocus.current = from
    setNotice(null)
    setAction(next)
  }
  function cancel() {
    setAction(null)
    // Back to the button that opened the panel, as a dialog would.
    requestAnimationFrame(() => returnFocus.current?.focus())
  }
  function done(heading: string, text?: string) {
    setAction(null)
    setNotice((n) => ({ heading, text, seq: (n?.seq ?? 0) + 1 }))
    onChanged()
  }

  return (
    <section aria-labelledby={HEADING_ID} className="resident-section">
      <h2 id={HEADING_ID}>Samtykker</h2>
      <p className="resident-section-intro">
        {partial
          ? 'Du ser de samtykker, der omfatter din organisation. Det er dem, din adgang til beboeren bygger på.'
          : 'Samtykkerne bestemmer, hvilke oplysninger helhedsplanens parter må dele om beboeren, og med hvem. Et samtykke gælder fra den dag, det er givet, og stopper, når det udløber eller trækkes tilbage.'}
      </p>
      {notice && (
        <Alert key={notice.seq} variant="success" heading={notice.heading} headingLevel={3} focusOnMount>
          {notice.text && <p>{notice.text}</p>}
        </Alert>
      )}
      {consents.some((c) => c.asksForOwnConsent) && (
        <Alert variant="warning" heading={`Den unge er fyldt ${OWN_CONSENT_AGE} år`} headingLevel={3}>
          <p>Samtykket er givet af en forælder. Det gælder stadig, men bed nu den unge om selv at give samtykke, og registrér det.</p>
        </Alert>
      )}
      {consents.length === 0 ? (
        <p>Der er ikke registreret nogen samtykker.</p>
      ) : (
        <ConsentTable planId={planId} consents={consents} canRecord={canRecord} canWithdraw={canWithdraw} onAction={open} />
      )}
      {action?.kind === 'withdraw' && (
        <WithdrawPanel key={action.consent.id} planId={planId} consent={action.consent} onCancel={cancel} onDone={() => done('Samtykket er trukket tilbage', 'Delingen efter samtykket er stoppet.')} />
      )}
      {action?.kind === 'upload' && (
        <UploadPanel
          key={action.consent.id}
          planId={planId}
          consent={action.consent}
          onCancel={cancel}
          onDone={(fileName) => done('Det underskrevne samtykke er vedhæftet', `${fileName} er gemt sammen med samtykket.`)}
        />
      )}
      {canRecord && (
        <RecordConsentForm
          birthYear={birthYear}
          holder={holder}
          planId={planId}
          participantId={participantId}
          onRecorded={(form) =>
            done(
              'Samtykket er registreret',
              form === 'written' ? 'Vedhæft det underskrevne samtykke. Et skriftligt samtykke er først i kraft, når det er vedhæftet.' : undefined,
            )
          }
        />
      )}
    </section>
  )
}

const dayOf = (consent: Consent) => formatDay(consent.givenOn)
const isOpen = (consent: Consent) => consent.withdrawnOn === null && consent.state !== 'expired'

function ConsentTable({
  planId,
  consents,
  canRecord,
  canWithdraw,
  onAction,
}: {
  planId: string
  consents: Consent[]
  canRecord: boolean
  canWithdraw: boolean
  onAction: (action: Action, from: HTMLElement) => void
}) {
  return (
    <TableScroller label="Samtykker">
      <table className="table table--zebra consent-table">
        <caption className="sr-only">Beboerens samtykker</caption>
        <TableHead columns={['Givet', 'Parter', 'Oplysninger og formål', 'Gælder til og med', 'Status og form', 'Handlinger']} />
        <tbody>
          {consents.map((consent) => {
            const written = consent.form === 'written'
            const mayUpload = canRecord && written && isOpen(consent)
            const mayWithdraw = canWithdraw && isOpen(consent)
            return (
              <tr key={consent.id}>
                <th scope="row" className="text-nowrap">
                  {dayOf(consent)}
                </th>
                <td>
                  {consent.parties.map((party) => (
                    <span key={party.id} className="cell-line">
                      {party.name}
                    </span>
                  ))}
                </td>
                <td className="consent-what">
                  <ul className="consent-categories">
                    {consent.categories.map((category) => (
                      <li key={category}>{consentCategoryLabels[category]}</li>
                    ))}
                  </ul>
                  {consent.purpose && (
                    <p className="consent-purpose small-text">
                      <span className="weight-semibold">Formål:</span> {consent.purpose}
                    </p>
                  )}
                  {consent.guardian && (
                    <p className="consent-guardian small-text">
                      <span className="weight-semibold">Givet af forælder:</span> {consent.guardian.name} ({guardianRelationLabels[consent.guardian.relation].toLowerCase()}).{' '}
                      <span className="weight-semibold">Den unges mening:</span> {youngPersonSayLabels[consent.guardian.youngPersonSay]}
                      {consent.guardian.youngPersonNote ? ` – ${consent.guardian.youngPersonNote}` : ''}
                    </p>
                  )}
                  {consent.asksForOwnConsent && <p className="small-text weight-semibold">Den unges eget samtykke mangler.</p>}
                </td>
                <td>{consent.validUntil ? <span className="text-nowrap">{formatDay(consent.validUntil)}</span> : 'Til det trækkes tilbage'}</td>
                <td className="consent-state">
                  <ConsentStateBadge state={consent.state} />
                  {consent.withdrawnOn && <span className="cell-line small-text">Trukket tilbage {formatDay(consent.withdrawnOn)}</span>}
                  <span className="cell-line small-text">{consentFormLabels[consent.form]}</span>
                  {written &&
                    (consent.document && consent.document.fileName === null ? (
                      // The reader's consent does not cover contact: the file may name the resident.
                      <span className="cell-line small-text">Underskrevet samtykke er vedhæftet (filen kræver samtykke til navn og kontaktoplysninger)</span>
                    ) : consent.document ? (
                      <span className="cell-line small-text">
                        <a href={consentDocumentUrl(planId, consent.id)} download className="icon-link">
                          <Icon name="download" />
                          <span>
                            <span className="sr-only">Hent underskrevet samtykke: </span>
                            {consent.document.fileName}
                          </span>
                        </a>
                        <span className="cell-line">Vedhæftet {formatDateTime(consent.document.uploadedAt)}</span>
                      </span>
                    ) : (
                      <span className="cell-line small-text">Underskrevet samtykke er ikke vedhæftet</span>
                    ))}
                </td>
                <td>
                  <div className="row-actions consent-actions">
                    {mayUpload && (
                      <button
                        type="button"
                        className="button button-secondary button-compact"
                        // The visible text is short; the name says which consent (a hidden span would be read with a stray pause).
                        aria-label={`${consent.document ? 'Erstat dokument' : 'Vedhæft dokument'}: underskrevet samtykke givet ${dayOf(consent)}`}
                        onClick={(e) => onAction({ kind: 'upload', consent }, e.currentTarget)}
                      >
                        {consent.document ? 'Erstat dokument' : 'Vedhæft dokument'}
                      </button>
                    )}
                    {mayWithdraw && (
                      <button
                        type="button"
                        className="button button-secondary button-compact"
                        aria-label={`Træk tilbage: samtykke givet ${dayOf(consent)}`}
                        onClick={(e) => onAction({ kind: 'withdraw', consent }, e.currentTarget)}
                      >
                        Træk tilbage
                      </button>
                    )}
                    {!mayUpload && !mayWithdraw && <span className="text-subtle">Ingen</span>}
                  </div>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroller>
  )
}

/** The panel's heading takes focus when it opens, so keyboard and screen-reader users land in it. */
function usePanelFocus() {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus()
    ref.current?.scrollIntoView({ block: 'nearest' })
  }, [])
  return ref
}

/**
 * Withdrawing a consent is one step (decision 025): "Træk tilbage" opens the confirmation, which
 * says what stops and asks for the day (today unless the resident said it earlier).
 */
function WithdrawPanel({ planId, consent, onCancel, onDone }: { planId: string; consent: Consent; onCancel: () => void; onDone: () => void }) {
  const today = isoDay(new Date())
  const [withdrawnOn, setWithdrawnOn] = useState(today)
  // One field, no summary; after the withdrawal the dialog closes.
  const form = useForm({ fieldIds: { withdrawnOn: 'withdraw-date' }, focusField: true, busyUntilGone: true })

  function check(): Checked<string> {
    const problem = !/^\d{4}-\d{2}-\d{2}$/.test(withdrawnOn)
      ? 'Skriv datoen, beboeren trak samtykket tilbage.'
      : withdrawnOn > today
        ? 'Vælg i dag eller en tidligere dato.'
        : withdrawnOn < consent.givenOn
          ? 'Datoen ligger før samtykket blev givet.'
          : undefined
    return problem ? { errors: { withdrawnOn: problem } } : { body: withdrawnOn }
  }

  function withdraw() {
    return form.submit(check, async (day) => {
      await withdrawConsent(planId, consent.id, day)
      onDone()
    })
  }

  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(withdrawnOn)
  return (
    <ConfirmDialog
      open
      title="Træk samtykket tilbage?"
      confirmLabel={form.busy ? 'Trækker tilbage …' : 'Ja, træk samtykket tilbage'}
      cancelLabel="Fortryd"
      destructive
      busy={form.busy}
      onConfirm={() => void withdraw()}
      onCancel={onCancel}
    >
      <p>
        Fra {validDay ? formatDay(withdrawnOn) : 'den dag, du skriver'} må {listInDanish(consent.parties.map((p) => partyInSentence(p.name)))} ikke længere dele
        oplysninger efter samtykket fra {dayOf(consent)}.
      </p>
      <p>Det kan ikke gøres om. Vil beboeren dele igen, skal der registreres et nyt samtykke.</p>
      {form.failure && (
        <Alert key={form.failure.seq} variant="error" heading="Samtykket blev ikke trukket tilbage" headingLevel={3} focusOnMount>
          <p>{form.failure.message}</p>
        </Alert>
      )}
      <TextField
        id="withdraw-date"
        label="Trukket tilbage den"
        hint="I dag eller en tidligere dato, hvis beboeren sagde det før."
        type="date"
        width="input-width-s"
        value={withdrawnOn}
        max={today}
        onChange={(e) => setWithdrawnOn(e.target.value)}
        error={form.errors.withdrawnOn}
      />
    </ConfirmDialog>
  )
}

const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png']
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

function UploadPanel({ planId, consent, onCancel, onDone }: { planId: string; consent: Consent; onCancel: () => void; onDone: (fileName: string) => void }) {
  const heading = usePanelFocus()
  const fileRef = useRef<HTMLInputElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function send(event: FormEvent) {
    event.preventDefault()
    const file = fileRef.current?.files?.[0]
    const problem = !file
      ? 'Vælg filen med det underskrevne samtykke.'
      : !DOCUMENT_TYPES.includes(file.type)
        ? 'Vælg en PDF-, JPEG- eller PNG-fil.'
        : file.size === 0
          ? 'Filen er tom. Vælg en anden fil.'
          : file.size > MAX_DOCUMENT_BYTES
            ? 'Filen er for stor. Den må højst fylde 10 MB.'
            : null
    setError(problem)
    if (problem || !file) {
      fileRef.current?.focus()
      return
    }
    setBusy(true)
    try {
      await uploadConsentDocument(planId, consent.id, file)
      onDone(file.name)
    } catch (e) {
      setBusy(false)
      setError(messageOf(e))
      fileRef.current?.focus()
    }
  }

  return (
    <section className="consent-action" aria-labelledby="upload-heading">
      <h3 id="upload-heading" ref={heading} tabIndex={-1}>
        Vedhæft det underskrevne samtykke fra {dayOf(consent)}
      </h3>
      <form onSubmit={(e) => void send(e)} noValidate aria-labelledby="upload-heading">
        <Field
          id="consent-document"
          label="Fil med det underskrevne samtykke"
          hint="En PDF eller et billede (JPEG eller PNG) af samtykket, højst 10 MB. Et skriftligt samtykke er først i kraft, når det er vedhæftet."
          error={error ?? undefined}
        >
          {(description) => (
            <input
              ref={fileRef}
              id="consent-document"
              type="file"
              className="form-file-input"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              {...description}
              disabled={busy}
            />
          )}
        </Field>
        <div className="button-row d-flex mt-5">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Sender …' : 'Vedhæft'}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
            Annullér
          </button>
        </div>
      </form>
    </section>
  )
}

const fieldId = (field: ConsentField) =>
  field === 'parties' || field === 'categories' || field === 'form' || field === 'guardianRelation' || field === 'youngPersonSay'
    ? `consent-${field}-0`
    : field === 'guardian'
      ? 'consent-guardianName'
      : `consent-${field}`

function RecordConsentForm({
  planId,
  participantId,
  holder,
  birthYear,
  onRecorded,
}: {
  planId: string
  participantId: string
  birthYear: number | null
  holder: { id: string; name: string }
  onRecorded: (form: ConsentForm) => void
}) {
  const [values, setValues] = useState<ConsentValues>(() => emptyConsent(isoDay(new Date()), holder.id))
  // The plan's parties a consent can name: those not archived.
  const planParties = useResource((signal) => listPlanParties(planId, signal), [planId])
  const parties = (planParties.data?.parties ?? []).filter((p) => !p.archived)
  const form = useForm({ fields: CONSENT_FIELDS, fieldId })
  const detailsRef = useRef<HTMLDetailsElement>(null)

  const submit = form.handle(
    () => consentCreateFrom(values, isoDay(new Date()), parties, birthYear),
    async (body) => {
      await recordConsent(planId, participantId, body)
      setValues(emptyConsent(isoDay(new Date()), holder.id))
      if (detailsRef.current) detailsRef.current.open = false
      onRecorded(body.form)
    },
  )

  const byGuardian = giverOf(values, birthYear, isoDay(new Date())) === 'guardian'
  const set = (field: 'purpose' | 'givenOn' | 'validUntil' | 'guardianName' | 'youngPersonNote') => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }))
  const preview = consentPreview(values, parties, holder.name)

  return (
    <details className="details entry-details" ref={detailsRef}>
      <summary className="details-summary">Registrér samtykke</summary>
      <div className="details-text">
        <form onSubmit={submit} noValidate aria-label="Registrér samtykke" className="consent-form">
          {form.failure && (
            <Alert key={form.failure.seq} variant="error" heading="Samtykket blev ikke registreret" headingLevel={3} focusOnMount>
              <p>{form.failure.message}</p>
            </Alert>
          )}
          <ErrorSummary errors={form.summary} headingLevel={3} />
          {byGuardian && (
            <fieldset className="consent-guardian-fields">
              <legend className="h4">Forælder med forældremyndighed</legend>
              <p className="form-hint">Den unge er under {OWN_CONSENT_AGE} år. Samtykket gives af en forælder med forældremyndighed, og den unges egen mening skrives ned.</p>
              <TextField
                id={fieldId('guardianName')}
                label="Forælderens navn"
                width="input-width-l"
                value={values.guardianName}
                onChange={set('guardianName')}
                error={form.errors.guardianName ?? form.errors.guardian}
              />
              <RadioGroup
                id="consent-guardianRelation"
                legend="Forælderen er den unges"
                options={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: guardianRelationLabels[r] }))}
                value={values.guardianRelation}
                onChange={(r) => setValues((v) => ({ ...v, guardianRelation: r as GuardianRelation }))}
                error={form.errors.guardianRelation}
              />
              <RadioGroup
                id="consent-youngPersonSay"
                legend="Hvad siger den unge selv?"
                options={YOUNG_PERSON_SAYS.map((r) => ({ value: r, label: youngPersonSayLabels[r] }))}
                value={values.youngPersonSay}
                onChange={(r) => setValues((v) => ({ ...v, youngPersonSay: r as YoungPersonSay }))}
                error={form.errors.youngPersonSay}
              />
              <TextareaField
                id={fieldId('youngPersonNote')}
                label="Den unges egne ord"
                hint="Kan udelades."
                rows={2}
                width="input-width-xl"
                value={values.youngPersonNote}
                onChange={set('youngPersonNote')}
                error={form.errors.youngPersonNote}
              />
            </fieldset>
          )}
          <CheckboxGroup
            id="consent-parties"
            legend="Hvem må dele oplysningerne?"
            hint="Helhedsplanens parter. Vælg dem, beboeren har sagt ja til at dele med."
            options={parties.map((party) => ({ value: party.id, label: partyName(party) }))}
            values={values.parties}
            onChange={(chosen) => setValues((v) => ({ ...v, parties: chosen }))}
            error={form.errors.parties}
          />
          <CheckboxGroup
            id="consent-categories"
            legend="Hvilke oplysninger må de dele?"
            hint="Vælg kun det, beboeren har sagt ja til."
            options={CONSENT_CATEGORIES.map((category) => ({ value: category, label: consentCategoryLabels[category] }))}
            values={values.categories}
            onChange={(categories) => setValues((v) => ({ ...v, categories: categories as ConsentCategory[] }))}
            error={form.errors.categories}
          />
          <TextareaField
            id={fieldId('purpose')}
            label="Formål"
            hint="Hvad oplysningerne skal bruges til, så beboeren forstår det, fx At finde en praktikplads, der passer til dig."
            rows={2}
            width="input-width-xl"
            value={values.purpose}
            onChange={set('purpose')}
            error={form.errors.purpose}
          />
          <TextField
            id={fieldId('validUntil')}
            label="Gælder til og med"
            hint="Kan udelades. Uden en slutdato gælder samtykket, indtil beboeren trækker det tilbage."
            type="date"
            width="input-width-s"
            value={values.validUntil}
            onChange={set('validUntil')}
            error={form.errors.validUntil}
          />
          <ConsentPreview lines={preview} />
          <RadioGroup
            id="consent-form"
            legend="Hvordan har beboeren givet samtykket?"
            options={[
              { value: 'oral', label: consentFormLabels.oral, hint: 'Beboeren har sagt ja, efter at have hørt teksten.' },
              { value: 'written', label: consentFormLabels.written, hint: 'Beboeren har skrevet under. Samtykket er først i kraft, når det underskrevne samtykke er vedhæftet.' },
            ]}
            value={values.form}
            onChange={(form) => setValues((v) => ({ ...v, form: form as ConsentForm }))}
            error={form.errors.form}
          />
          <TextField
            id={fieldId('givenOn')}
            label="Givet den"
            type="date"
            width="input-width-s"
            value={values.givenOn}
            max={isoDay(new Date())}
            onChange={set('givenOn')}
            error={form.errors.givenOn}
          />
          <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
            {form.busy ? 'Registrerer …' : 'Registrér samtykke'}
          </button>
        </form>
      </div>
    </details>
  )
}

/**
 * The consent text for what is chosen, to read aloud or print for signing. Not a live region: it
 * changes with every keystroke, and a screen reader would read it again each time.
 */
function ConsentPreview({ lines }: { lines: string[] | null }) {
  const bullets = lines?.filter((line) => line.startsWith('• ')) ?? []
  const [first, ...rest] = lines?.filter((line) => !line.startsWith('• ')) ?? []
  return (
    <section className="consent-preview" aria-labelledby="consent-preview-heading">
      <h3 id="consent-preview-heading" className="h4">
        Det siger du til beboeren
      </h3>
      {lines === null ? (
        <p className="text-subtle">Vælg, hvem der må dele, og hvilke oplysninger. Så vises teksten, du læser op for beboeren.</p>
      ) : (
        <>
          <p>{first}</p>
          <ul>
            {bullets.map((line) => (
              <li key={line}>{line.slice(2)}</li>
            ))}
          </ul>
          {rest.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </>
      )}
    </section>
  )
}
