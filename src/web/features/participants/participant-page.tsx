import { useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { CONSENT_CATEGORIES, type Consent, type ConsentCategory, consentCategoryLabels } from '../../../shared/consents.ts'
import { formatDay, isoDay } from '../../../shared/lib/format.ts'
import { FIELD_CATEGORIES, NoteCreate, type Participant, type ParticipantAccess, ageBandLabels } from '../../../shared/participants.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Icon } from '../../components/ui/icon.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { type Checked, checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { ConsentSection } from '../consents/consent-section.tsx'
import { EnrolmentSection } from '../enrolments/enrolment-section.tsx'
import { newPlacementPath, placementsPath } from '../placements/placements.api.ts'
import { PathwaySection } from '../pathways/pathway-section.tsx'
import { ErasureRequests, PseudonymConfirmField } from './erasure-requests.tsx'
import { MergeSection } from './participant-merge-section.tsx'
import { Facts, NotGiven } from './participant-parts.tsx'
import { ResidentLoadFailed, ResidentLoading, participantLabel, residentCrumbs } from './participant-loading.tsx'
import { addNote, editParticipantPath, eraseParticipant, exportUrl, participantsPath, readParticipantForm, revealCpr, readParticipant } from './participants.api.ts'

// One resident, as much as this reader may see (decision 008): every part of the record belongs to
// a consent category, and a part the reader may not see is said to be outside the consent rather
// than left blank. The box at the top says what the reader sees and why.

const LOADING_TITLE = 'Deltager'

export function ParticipantPage() {
  const { planId = '', participantId = '' } = useParams()
  const participant = useResource((signal) => readParticipant(planId, participantId, signal), [planId, participantId])
  if (participant.status === 'loading') return <ResidentLoading title={LOADING_TITLE} label="Henter deltageren …" />
  if (participant.status === 'failed') {
    return <ResidentLoadFailed planId={planId} title={LOADING_TITLE} error={participant.error} onRetry={participant.reload} what="Deltageren" />
  }
  return <ResidentRecord key={participantId} participant={participant.data} reload={participant.reload} />
}

function ResidentRecord({ participant: p, reload }: { participant: Participant; reload: () => void }) {
  const user = useCurrentUser()
  const location = useLocation()
  const notice = (location.state as { notice?: string } | null)?.notice
  const [erased, setErased] = useState(false)
  const label = participantLabel({ pseudonym: p.pseudonym, name: p.contact?.name ?? null })
  const full = p.access.scope === 'full'
  const open = !p.anonymised

  return (
    <>
      <Breadcrumbs items={residentCrumbs(user, p.planId, [{ label }])} />
      {/* The tab's title and the browser's history carry the id only, never the name. */}
      <Page title={`Deltager ${p.pseudonym}`} heading={label} lead={`Registreret ${formatDay(p.registeredOn)}. Oplysningerne ejes af ${p.ownerParty.name}.`}>
        {notice && !erased && <Alert variant="success" heading={notice} />}
        {erased ? (
          <Alert variant="success" heading="Personoplysningerne er slettet" focusOnMount>
            <p>
              {p.pseudonym} er anonymiseret. Navn, kontaktoplysninger, noter og samtykkedokumenter er slettet. Id, datoer og forløb er bevaret uden navn, så
              helhedsplanens tal stadig passer.
            </p>
          </Alert>
        ) : (
          p.anonymised && (
            <Alert variant="info" heading="Deltageren er anonymiseret">
              <p>Personoplysningerne er slettet. Tilbage er id, datoer og forløb, som helhedsplanens tal bygger på.</p>
            </Alert>
          )
        )}
        <AccessBox access={p.access} consents={p.consents} />
        <AboutSection participant={p} />
        {full && open && may(user.role, 'participants', 'update') && (
          <p>
            <Link to={editParticipantPath(p.planId, p.id)} className="button button-secondary">
              Ret oplysninger
            </Link>
          </p>
        )}
        {!p.anonymised && <ContactSection contact={p.contact} />}
        <TargetGroupSection planId={p.planId} targetGroup={p.targetGroup} />
        {p.cprMasked && <CprSection planId={p.planId} participantId={p.id} masked={p.cprMasked} />}
        <ConsentSection
          planId={p.planId}
          participantId={p.id}
          consents={p.consents}
          holder={p.ownerParty}
          canRecord={full && open}
          canWithdraw={open && may(user.role, 'consents', 'update')}
          partial={!full}
          birthYear={p.contact?.birthYear ?? null}
          onChanged={reload}
        />
        <EnrolmentSection planId={p.planId} participantId={p.id} enrolments={p.enrolments} canEnrol={open && may(user.role, 'enrolments', 'create')} onChanged={reload} />
        {open && p.enrolments !== null && may(user.role, 'placements', 'create') && (
          <section aria-labelledby="placement-heading" className="resident-section">
            <h2 id="placement-heading">Udplacering i virksomhed</h2>
            <p>
              <Link to={newPlacementPath(p.planId, p.id)} className="button button-secondary">
                Udplacér i virksomhed
              </Link>{' '}
              <Link to={placementsPath(p.planId)}>Se udplaceringer</Link>
            </p>
          </section>
        )}
        {p.enrolments !== null && may(user.role, 'pathway-progress', 'read') && (
          <PathwaySection planId={p.planId} participantId={p.id} canRecord={open && may(user.role, 'pathway-progress', 'create')} />
        )}
        <NotesSection participant={p} onChanged={reload} />
        {full && open && may(user.role, 'participant-merges', 'create') && <MergeSection participant={p} onMerged={reload} />}
        {full && may(user.role, 'participant-rights', 'read') && (
          <RightsSection
            participant={p}
            onErased={() => {
              setErased(true)
              reload()
            }}
          />
        )}
        <p className="mt-7">
          <Link to={participantsPath(p.planId)} className="back-link">
            Tilbage til deltagerne
          </Link>
        </p>
      </Page>
    </>
  )
}

/**
 * What the reader sees of this resident, and the ground for it. For the other party the ground is
 * the consents in force, said in words; the server's own account follows as the audit log has it.
 */
function AccessBox({ access, consents }: { access: ParticipantAccess; consents: Consent[] }) {
  const all = access.scope === 'full'
  const inForce = consents.filter((c) => c.state === 'in-force')
  return (
    <section className="resident-access bg-alternative" aria-labelledby="adgang">
      <h2 id="adgang" className="h3">
        Det kan du se
      </h2>
      {all ? (
        <>
          <p>Du ser alle oplysninger om beboeren.</p>
          <p className="resident-access-reason">
            <span className="weight-semibold">Hvorfor: </span>
            {access.reason}
          </p>
        </>
      ) : (
        <>
          <p>Du ser kun de oplysninger, beboerens samtykke giver din organisation adgang til:</p>
          <ul>
            {access.categories.map((category) => (
              <li key={category}>{consentCategoryLabels[category]}</li>
            ))}
          </ul>
          {inForce.length > 0 && (
            <p>
              <span className="weight-semibold">Hvorfor: </span>
              {inForce.length === 1
                ? `Beboeren har givet samtykke ${formatDay(inForce[0]!.givenOn)}, og samtykket er i kraft.`
                : `Beboeren har givet samtykke ${inForce.map((c) => formatDay(c.givenOn)).join(' og ')}, og samtykkerne er i kraft.`}{' '}
              Resten af oplysningerne om beboeren er skjult for dig.
            </p>
          )}
          <p className="resident-access-reason small-text">
            <span className="weight-semibold">I loggen over adgang står: </span>
            {access.reason}
          </p>
        </>
      )}
    </section>
  )
}

function AboutSection({ participant: p }: { participant: Participant }) {
  // A part outside the reader's consent says so, rather than looking as if it was never recorded.
  const missing = (category: ConsentCategory) => (p.access.categories.includes(category) ? <NotGiven /> : <NotGiven text="Ikke omfattet af samtykket" />)
  return (
    <section aria-labelledby="om-beboeren" className="resident-section">
      <h2 id="om-beboeren">Om beboeren</h2>
      <Facts
        facts={[
          { label: 'Id', value: p.pseudonym },
          { label: 'Registreret', value: formatDay(p.registeredOn) },
          { label: 'Aldersgruppe', value: p.ageBand ? ageBandLabels[p.ageBand] : missing(FIELD_CATEGORIES.ageBand) },
          { label: 'Boligområde', value: p.housingArea?.name ?? missing(FIELD_CATEGORIES.housingArea) },
          { label: 'Afdeling', value: p.department ? `Afd. ${p.department.number}${p.department.name ? `, ${p.department.name}` : ''}` : missing(FIELD_CATEGORIES.department) },
        ]}
      />
    </section>
  )
}

function ContactSection({ contact }: { contact: Participant['contact'] }) {
  return (
    <section aria-labelledby="kontakt" className="resident-section">
      <h2 id="kontakt">Kontakt</h2>
      {contact === null ? (
        <p>Samtykket omfatter ikke beboerens navn og kontaktoplysninger, så du kan ikke se dem.</p>
      ) : (
        <Facts
          facts={[
            { label: 'Navn', value: contact.name ?? <NotGiven /> },
            { label: 'Telefon', value: contact.phone ? <a href={`tel:${contact.phone.replace(/\s+/g, '')}`}>{contact.phone}</a> : <NotGiven /> },
            { label: 'E-mail', value: contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : <NotGiven /> },
            { label: 'Adresse', value: contact.address ?? <NotGiven /> },
            { label: 'Fødselsår', value: contact.birthYear ? String(contact.birthYear) : <NotGiven /> },
          ]}
        />
      )}
    </section>
  )
}

function TargetGroupSection({ planId, targetGroup }: { planId: string; targetGroup: Participant['targetGroup'] }) {
  const code = targetGroup?.code ?? null
  // The code's name comes with the registration form's choices; without it the code alone still says it.
  const form = useResource((signal) => (code ? readParticipantForm(planId, signal) : Promise.resolve(null)), [planId, code])
  const name = form.status === 'ready' ? form.data?.targetGroups.find((g) => g.code === code)?.label : undefined
  return (
    <section aria-labelledby="maalgruppe" className="resident-section">
      <h2 id="maalgruppe">Målgruppe i jobcentret</h2>
      {targetGroup === null ? (
        <p>Samtykket omfatter ikke offentlige ydelser, så du kan ikke se beboerens målgruppe.</p>
      ) : code === null ? (
        <p>Der er ikke registreret en målgruppe.</p>
      ) : (
        <Facts
          facts={[
            { label: 'Målgruppe (§ 6-kode)', value: name ? `${code} ${name}` : code },
            { label: 'Pr. dato', value: targetGroup.on ? formatDay(targetGroup.on) : <NotGiven /> },
          ]}
        />
      )}
    </section>
  )
}

function CprSection({ planId, participantId, masked }: { planId: string; participantId: string; masked: string }) {
  const [cpr, setCpr] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function reveal() {
    setBusy(true)
    setError(null)
    try {
      // The server answers with the ten digits; shown the way the masked number and the form write it.
      const { cpr: digits } = await revealCpr(planId, participantId)
      setCpr(/^\d{10}$/.test(digits) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="cpr" className="resident-section">
      <h2 id="cpr">CPR-nummer</h2>
      <p className="cpr-number" aria-live="polite">
        <span className="sr-only">{cpr ? 'Hele CPR-nummeret: ' : 'CPR-nummer, delvist skjult: '}</span>
        {cpr ?? masked}
      </p>
      {cpr ? (
        <>
          <p className="small-text">Visningen er logget.</p>
          <button type="button" className="button button-secondary" onClick={() => setCpr(null)}>
            Skjul CPR-nummer
          </button>
        </>
      ) : (
        <>
          <p className="small-text">Hver gang det hele nummer vises, bliver det logget, hvem der så det og hvornår.</p>
          <button type="button" className="button button-secondary icon-link" onClick={() => void reveal()} disabled={busy}>
            <Icon name="visibility" />
            {busy ? 'Henter …' : 'Vis CPR-nummer'}
          </button>
        </>
      )}
      {error && (
        <Alert variant="error" heading="CPR-nummeret kunne ikke vises" headingLevel={3} focusOnMount>
          <p>{error}</p>
        </Alert>
      )}
    </section>
  )
}

function NotesSection({ participant: p, onChanged }: { participant: Participant; onChanged: () => void }) {
  const user = useCurrentUser()
  const [notice, setNotice] = useState<{ heading: string; seq: number } | null>(null)
  const categories = CONSENT_CATEGORIES.filter((c) => p.notes.some((n) => n.category === c))
  return (
    <section aria-labelledby="noter" className="resident-section">
      <h2 id="noter">Noter</h2>
      {p.access.scope === 'consent' && <p className="resident-section-intro">Du ser kun noter om det, samtykket omfatter.</p>}
      {notice && <Alert key={notice.seq} variant="success" heading={notice.heading} headingLevel={3} focusOnMount />}
      {categories.length === 0 ? (
        <p>Der er ingen noter{p.access.scope === 'consent' ? ', du kan se' : ''}.</p>
      ) : (
        categories.map((category) => (
          <div key={category} className="note-group">
            <h3 className="h4">{consentCategoryLabels[category]}</h3>
            <ul className="nobullet-list comment-list">
              {p.notes
                .filter((n) => n.category === category)
                .map((note) => (
                  <li key={note.id} className="comment">
                    <p className="comment-meta small-text">
                      <strong>{formatDay(note.writtenOn)}</strong>
                      {note.writtenBy && <> · {note.writtenBy}</>}
                    </p>
                    <p className="comment-text preserve-lines">{note.body}</p>
                  </li>
                ))}
            </ul>
          </div>
        ))
      )}
      {!p.anonymised && p.access.categories.length > 0 && may(user.role, 'participants', 'update') && (
        <NoteForm
          planId={p.planId}
          participantId={p.id}
          categories={p.access.categories}
          onSaved={(category) => {
            setNotice((n) => ({ heading: `Noten er gemt under »${consentCategoryLabels[category]}«`, seq: (n?.seq ?? 0) + 1 }))
            onChanged()
          }}
        />
      )}
    </section>
  )
}

type NoteField = 'category' | 'writtenOn' | 'body'
const NOTE_FIELDS: NoteField[] = ['category', 'writtenOn', 'body']
const noteFieldId = (field: NoteField) => `note-${field}`

function NoteForm({ planId, participantId, categories, onSaved }: { planId: string; participantId: string; categories: ConsentCategory[]; onSaved: (category: ConsentCategory) => void }) {
  const form = useForm({ fields: NOTE_FIELDS, fieldId: noteFieldId })
  const { values, setValues, field } = useFormValues(form, () => ({ category: '', writtenOn: isoDay(new Date()), body: '' }))

  const submit = form.handle(
    () => checked(NoteCreate, values, values.category ? {} : { category: 'Vælg, hvad noten handler om.' }),
    async (note) => {
      await addNote(planId, participantId, note)
      setValues((current) => ({ ...current, body: '', category: '' }))
      onSaved(note.category)
    },
  )

  return (
    <details className="details entry-details">
      <summary className="details-summary">Skriv en note</summary>
      <div className="details-text">
        <form onSubmit={submit} noValidate aria-label="Skriv en note" className="note-form">
          <FormProblems form={form} heading="Noten blev ikke gemt" headingLevel={3} />
          <div className="field-row">
            <SelectField
              {...field('category')}
              label="Kategori"
              hint={categories.length < CONSENT_CATEGORIES.length ? 'Hvad noten handler om. Kun det, samtykket omfatter.' : 'Hvad noten handler om.'}
              placeholder="Vælg"
              options={categories.map((c) => ({ value: c, label: consentCategoryLabels[c] }))}
            />
            <TextField {...field('writtenOn')} label="Dato" type="date" width="input-width-s" />
          </div>
          <TextareaField {...field('body')} label="Note" rows={4} width="input-width-xl" />
          <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
            {form.busy ? 'Gemmer …' : 'Gem note'}
          </button>
        </form>
      </div>
    </details>
  )
}

/**
 * The resident's rights (GDPR art. 15 and 17): the copy, fetched by the project leader or the worker
 * of the party holding the resident; erasure by the project leader, directly or on a worker's request.
 */
function RightsSection({ participant: p, onErased }: { participant: Participant; onErased: () => void }) {
  const user = useCurrentUser()
  const [confirm, setConfirm] = useState('')
  // One field, no summary; the page shows the erased record instead of the form.
  const form = useForm({ fieldIds: { confirmPseudonym: 'erasure-confirm' }, focusField: true, busyUntilGone: true })

  const erase = form.handle(
    // The same reading as the server's: case and spaces do not matter, the id does.
    (): Checked<string> => (confirm.trim().toUpperCase() !== p.pseudonym ? { errors: { confirmPseudonym: `Skriv ${p.pseudonym} for at bekræfte sletningen.` } } : { body: confirm }),
    async (body) => {
      await eraseParticipant(p.planId, p.id, body)
      onErased()
    },
  )

  return (
    <section aria-labelledby="rettigheder" className="resident-section resident-rights">
      <h2 id="rettigheder">Beboerens rettigheder</h2>
      <h3>Indsigt</h3>
      <p>
        Beboeren har ret til at se de oplysninger, helhedsplanen har om dem, og hvornår de er brugt. Filen indeholder beboerens oplysninger, samtykker, forløb,
        noter og en log over, hvornår hvilken part har set dem (uden medarbejdernes navne). Hentningen bliver logget.
      </p>
      <ul className="nobullet-list">
        <li>
          <a href={exportUrl(p.planId, p.id, 'pdf')} download className="icon-link">
            <Icon name="download" />
            Indsigt som PDF (til beboeren)
          </a>
        </li>
        <li>
          <a href={exportUrl(p.planId, p.id, 'json')} download className="icon-link">
            <Icon name="download" />
            Indsigt som JSON (maskinlæsbar)
          </a>
        </li>
      </ul>
      <ErasureRequests participant={p} onErased={onErased}>
        {(pending) =>
          !p.anonymised &&
          !pending &&
          may(user.role, 'participant-rights', 'delete') && (
            <>
              {form.failure && (
                <Alert key={form.failure.seq} variant="error" heading="Personoplysningerne blev ikke slettet" headingLevel={4} focusOnMount>
                  <p>{form.failure.message}</p>
                </Alert>
              )}
              <form onSubmit={erase} noValidate aria-label="Slet personoplysninger">
                <PseudonymConfirmField id="erasure-confirm" label="Skriv deltagerens id for at bekræfte" pseudonym={p.pseudonym} value={confirm} onChange={setConfirm} error={form.errors.confirmPseudonym} />
                <button type="submit" className="button button-warning mt-5" disabled={form.busy}>
                  {form.busy ? 'Sletter …' : 'Slet personoplysninger'}
                </button>
              </form>
            </>
          )
        }
      </ErasureRequests>
    </section>
  )
}
