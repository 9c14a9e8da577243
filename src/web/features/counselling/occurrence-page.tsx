import { useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { type OccurrenceDetail, type Referral, AppointmentCreate, appointmentStatusLabels, referralLabels } from '../../../shared/counselling.ts'
import { formatClockRange, formatCount, formatDateTime, formatDay, formatWeekdayDay } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { listParticipants } from '../participants/participants.api.ts'
import { bookAppointment, cancelOccurrence, checkInOut, counsellingPath, logInquiry, readOccurrence, referInquiry, undoLastInquiry } from './counselling.api.ts'
import { COUNSELLING_TITLE, CounsellingLoadFailed, CounsellingLoading, counsellingCrumbs, loadPlan } from './counselling-loading.tsx'

// One occurrence at the drop-in desk, made for a phone: check in, then one tap per inquiry on a big
// topic button; the referral is an optional second tap on the inquiry just logged, and a wrong tap
// is taken back with "Fortryd". Who is here is held against the promised staffing.

/** /planer/:planId/aaben-raadgivning/:occurrenceId */
export function OccurrencePage() {
  const { planId = '', occurrenceId = '' } = useParams()
  const data = useResource(async (signal) => {
    const [plan, occurrence] = await Promise.all([loadPlan(planId, signal), readOccurrence(planId, occurrenceId, signal)])
    return { plan, occurrence }
  }, [planId, occurrenceId])
  if (data.status === 'loading') return <CounsellingLoading title={COUNSELLING_TITLE} label="Henter åbningstiden …" />
  if (data.status === 'failed') return <CounsellingLoadFailed title={COUNSELLING_TITLE} error={data.error} onRetry={data.reload} />
  const { plan, occurrence: o } = data.data
  return (
    <>
      <Breadcrumbs items={counsellingCrumbs(plan, [{ label: o.site }])} />
      <Page title={`${o.site}, ${formatDay(o.heldOn)}`} heading={o.site} lead={`${formatWeekdayDay(o.heldOn)}, ${formatClockRange(o.startsAt, o.endsAt)}${o.venue ? `, ${o.venue}` : ''}`}>
        {o.holiday && (
          <Alert variant="info" heading="Holdes ikke">
            <p>Dagen er {o.holiday.toLowerCase()}.</p>
          </Alert>
        )}
        {o.cancelledReason && (
          <Alert variant="warning" heading="Åbningstiden er aflyst">
            <p>{o.cancelledReason}</p>
          </Alert>
        )}
        <OccurrenceWork key={o.id} planId={plan.id} occurrence={o} reload={data.reload} />
        <p className="mt-7">
          <Link to={counsellingPath(plan.id, o.heldOn)} className="back-link">
            Tilbage til ugens åbningstider
          </Link>
        </p>
      </Page>
    </>
  )
}

function OccurrenceWork({ planId, occurrence: o, reload }: { planId: string; occurrence: OccurrenceDetail; reload: () => void }) {
  const user = useCurrentUser()
  return (
    <>
      <CheckIn planId={planId} occurrence={o} reload={reload} canUpdate={may(user.role, 'counselling-occurrences', 'update')} />
      {o.open && may(user.role, 'inquiries', 'create') && <InquiryButtons planId={planId} occurrence={o} reload={reload} />}
      <InquiryTable occurrence={o} />
      <Roster occurrence={o} />
      {may(user.role, 'appointments', 'create') && <AppointmentForm planId={planId} occurrence={o} reload={reload} />}
      {!o.holiday && !o.cancelledReason && may(user.role, 'counselling-occurrences', 'update') && <CancelForm planId={planId} occurrence={o} reload={reload} />}
    </>
  )
}

/** Runs one action at a time and keeps its error message for the user. */
function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const running = useRef(false)
  const run = async (action: () => Promise<void>) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      running.current = false
      setBusy(false)
    }
  }
  return { busy, error, run }
}

function CheckIn({ planId, occurrence: o, reload, canUpdate }: { planId: string; occurrence: OccurrenceDetail; reload: () => void; canUpdate: boolean }) {
  const { busy, error, run } = useAction()
  const act = (action: 'in' | 'out') =>
    run(async () => {
      await checkInOut(planId, o.id, action)
      reload()
    })
  return (
    <section aria-labelledby="checkin-heading" className="counselling-section">
      <h2 id="checkin-heading">Bemanding</h2>
      <Alert variant={o.staffing === 'under' ? 'warning' : o.staffing === 'met' ? 'success' : 'info'} heading={o.staffing === 'under' ? 'Underbemandet' : o.staffing === 'met' ? 'Bemandingen er opfyldt' : 'Ingen lovet bemanding'} headingLevel={3}>
        <p>{o.staffingText}</p>
      </Alert>
      {error && (
        <Alert variant="error" heading="Det lykkedes ikke" headingLevel={3}>
          <p>{error}</p>
        </Alert>
      )}
      {canUpdate && o.open && !o.checkedIn && (
        <button type="button" className="button button-primary counselling-big" disabled={busy} onClick={() => void act('in')}>
          Tjek ind
        </button>
      )}
      {canUpdate && o.open && o.checkedIn && !o.checkedOut && (
        <p>
          Du er tjekket ind.{' '}
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void act('out')}>
            Tjek ud
          </button>
        </p>
      )}
      {o.checkedOut && <p>Du er tjekket ud.</p>}
    </section>
  )
}

const REFERRALS: Exclude<Referral, 'none'>[] = ['jobcenter', 'appointment', 'elsewhere']
const referralButtonLabels: Record<Exclude<Referral, 'none'>, string> = { jobcenter: 'Til jobcentret', appointment: 'Fik en tid', elsewhere: 'Andet sted' }

function InquiryButtons({ planId, occurrence: o, reload }: { planId: string; occurrence: OccurrenceDetail; reload: () => void }) {
  const { busy, error, run } = useAction()
  const [last, setLast] = useState<{ id: string; topic: string; referral: Referral } | null>(null)
  const [notice, setNotice] = useState('')
  const [resident, setResident] = useState<Resident | null>(null)
  const mineLeft = o.inquiryList.some((i) => i.mine)
  const log = (topicId: string, topic: string) =>
    run(async () => {
      const { id } = await logInquiry(planId, o.id, topicId, resident?.id ?? null)
      setLast({ id, topic, referral: 'none' })
      setNotice(resident ? `Registreret: ${topic}, knyttet til ${resident.label}.` : `Registreret: ${topic}.`)
      setResident(null)
      reload()
    })
  const refer = (referral: Exclude<Referral, 'none'>) =>
    run(async () => {
      if (!last) return
      await referInquiry(planId, last.id, referral)
      setLast({ ...last, referral })
      setNotice(`${last.topic}: ${referralLabels[referral].toLowerCase()}.`)
      reload()
    })
  const undo = () =>
    run(async () => {
      await undoLastInquiry(planId, o.id)
      setLast(null)
      setNotice('Din seneste henvendelse er fortrudt.')
      reload()
    })
  return (
    <section aria-labelledby="inquiry-heading" className="counselling-section">
      <h2 id="inquiry-heading">Registrér en henvendelse</h2>
      <p className="counselling-hint">Ét tryk pr. henvendelse. Henvendelsen er anonym, medmindre du først vælger en registreret beboer.</p>
      <ResidentPicker planId={planId} chosen={resident} onChoose={setResident} />
      <div className="counselling-topics">
        {o.topics.map((t) => (
          <button key={t.id} type="button" className="button button-secondary counselling-topic" disabled={busy} onClick={() => void log(t.id, t.label)}>
            {t.label}
          </button>
        ))}
      </div>
      <p role="status" className="counselling-status">
        {notice}
      </p>
      {error && (
        <Alert variant="error" heading="Henvendelsen blev ikke gemt" headingLevel={3}>
          <p>{error}</p>
        </Alert>
      )}
      {last && (
        <div role="group" aria-labelledby="referral-heading" className="counselling-referral">
          <h3 id="referral-heading" className="h5">
            Henvist? ({last.topic})
          </h3>
          <div className="counselling-topics">
            {REFERRALS.map((r) => (
              <button key={r} type="button" className={`button ${last.referral === r ? 'button-primary' : 'button-secondary'} counselling-topic`} aria-pressed={last.referral === r} disabled={busy} onClick={() => void refer(r)}>
                {referralButtonLabels[r]}
              </button>
            ))}
          </div>
        </div>
      )}
      {mineLeft && (
        <button type="button" className="button button-tertiary" disabled={busy} onClick={() => void undo()}>
          Fortryd min seneste henvendelse
        </button>
      )}
    </section>
  )
}

interface Resident {
  id: string
  label: string
}

/**
 * Links the next inquiry to a registered resident, optionally: the search shows only residents the
 * user may see (the residents list goes through the resident gate), and the server checks again.
 */
function ResidentPicker({ planId, chosen, onChoose }: { planId: string; chosen: Resident | null; onChoose: (r: Resident | null) => void }) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Resident[] | null>(null)
  const { busy, error, run } = useAction()
  if (chosen) {
    return (
      <p className="counselling-linked">
        Næste henvendelse knyttes til <strong>{chosen.label}</strong>.{' '}
        <button type="button" className="button button-tertiary" onClick={() => onChoose(null)}>
          Gør den anonym igen
        </button>
      </p>
    )
  }
  return (
    <details className="counselling-picker">
      <summary>Knyt til en registreret beboer (valgfrit)</summary>
      <form
        role="search"
        aria-label="Find en registreret beboer"
        className="counselling-week-form"
        onSubmit={(event) => {
          event.preventDefault()
          void run(async () => {
            const list = await listParticipants(planId, { q, page: 1, includeAnonymised: false })
            setFound(list.items.slice(0, 8).map((p) => ({ id: p.id, label: p.name ? `${p.name} (${p.pseudonym})` : p.pseudonym })))
          })
        }}
      >
        <TextField id="resident-search" label="Navn eller deltager-id" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" width="input-width-m" />
        <button type="submit" className="button button-secondary" disabled={busy}>
          Søg
        </button>
      </form>
      {error && (
        <Alert variant="error" heading="Søgningen mislykkedes" headingLevel={3}>
          <p>{error}</p>
        </Alert>
      )}
      {found && found.length === 0 && <p>Ingen beboere, du kan se, passer på søgningen.</p>}
      {found && found.length > 0 && (
        <ul className="nobullet-list">
          {found.map((r) => (
            <li key={r.id}>
              <button type="button" className="button button-tertiary" onClick={() => onChoose(r)}>
                Vælg {r.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  )
}

function InquiryTable({ occurrence: o }: { occurrence: OccurrenceDetail }) {
  return (
    <section aria-labelledby="inquiries-heading" className="counselling-section">
      <h2 id="inquiries-heading">Henvendelser: {formatCount(o.inquiryList.length, 'henvendelse', 'henvendelser')}</h2>
      {o.inquiryList.length === 0 ? (
        <p>Ingen henvendelser endnu.</p>
      ) : (
        <TableScroller label="Henvendelser">
          <table className="table table--zebra">
            <caption className="sr-only">Henvendelserne ved åbningstiden, nyeste først</caption>
            <TableHead columns={['Emne', 'Henvist', 'Part', 'Beboer', 'Tidspunkt']} />
            <tbody>
              {o.inquiryList.map((i) => (
                <tr key={i.id}>
                  <th scope="row" className="weight-normal">
                    {i.topic}
                  </th>
                  <td>{referralLabels[i.referral]}</td>
                  <td>{i.party ?? '–'}</td>
                  <td>{i.resident ? (i.resident.name ?? i.resident.pseudonym) : 'Anonym'}</td>
                  <td className="text-nowrap">{formatDateTime(i.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  )
}

function Roster({ occurrence: o }: { occurrence: OccurrenceDetail }) {
  return (
    <section aria-labelledby="roster-heading" className="counselling-section">
      <h2 id="roster-heading">Hvem er her</h2>
      {o.roster.length === 0 ? (
        <p>Ingen er tjekket ind.</p>
      ) : (
        <TableScroller label="Tjekket ind">
          <table className="table table--zebra">
            <caption className="sr-only">Medarbejdere tjekket ind ved åbningstiden, med deres part</caption>
            <TableHead columns={['Medarbejder', 'Part', 'Ind', 'Ud']} />
            <tbody>
              {o.roster.map((r) => (
                <tr key={r.userId}>
                  <th scope="row" className="weight-normal">
                    {r.name}
                  </th>
                  <td>{r.party ?? '–'}</td>
                  <td className="text-nowrap">{formatDateTime(r.checkedInAt)}</td>
                  <td className="text-nowrap">{r.checkedOutAt ? formatDateTime(r.checkedOutAt) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  )
}

type AppointmentField = 'onDay' | 'atTime' | 'contactName' | 'contactPhone' | 'partyId'

function AppointmentForm({ planId, occurrence: o, reload }: { planId: string; occurrence: OccurrenceDetail; reload: () => void }) {
  const fieldIds: Record<AppointmentField, string> = { onDay: 'appointment-day', atTime: 'appointment-time', contactName: 'appointment-name', contactPhone: 'appointment-phone', partyId: 'appointment-party' }
  const form = useForm<AppointmentField, { text: string }>({ fieldIds })
  const { values, setValues, field } = useFormValues(form, { onDay: '', atTime: '', contactName: '', contactPhone: '', partyId: o.myPartyId ?? '' })
  const submit = form.handle(
    () =>
      checked(AppointmentCreate, {
        occurrenceId: o.id,
        onDay: values.onDay,
        atTime: values.atTime,
        contactName: values.contactName.trim() || null,
        contactPhone: values.contactPhone.trim() || null,
        partyId: values.partyId || null,
      }),
    async (body) => {
      await bookAppointment(planId, body)
      setValues({ onDay: '', atTime: '', contactName: '', contactPhone: '', partyId: o.myPartyId ?? '' })
      reload()
      return { text: `${body.contactName ?? 'Beboeren'} har en tid ${formatWeekdayDay(body.onDay)} kl. ${body.atTime.replace(':', '.')}.` }
    },
  )
  return (
    <section aria-labelledby="appointment-heading" className="counselling-section">
      <h2 id="appointment-heading">Book en tid</h2>
      <p className="counselling-hint">Til en beboer, der har brug for mere tid end den åbne rådgivning. Skriv kun fornavn og telefonnummer.</p>
      {o.appointments.length > 0 && (
        <ul className="counselling-appointments">
          {o.appointments.map((a) => (
            <li key={a.id}>
              {formatWeekdayDay(a.onDay)} kl. {a.atTime.replace(':', '.')}: {a.resident ? (a.resident.name ?? a.resident.pseudonym) : a.residentHidden ? 'En registreret beboer' : a.contactName}
              {a.party ? ` hos ${a.party}` : ''} ({appointmentStatusLabels[a.status].toLowerCase()})
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="appointment-heading">
        {form.done && (
          <Alert key={form.done.seq} variant="success" heading="Tiden er booket" headingLevel={3} focusOnMount>
            <p>{form.done.text}</p>
          </Alert>
        )}
        <FormProblems form={form} heading="Tiden blev ikke booket" headingLevel={3} />
        <TextField {...field('onDay')} label="Dato" type="date" width="input-width-s" />
        <TextField {...field('atTime')} label="Klokkeslæt" type="time" width="input-width-xs" />
        <TextField {...field('contactName')} label="Fornavn" autoComplete="off" maxLength={80} width="input-width-m" />
        <TextField {...field('contactPhone')} label="Telefon" type="tel" inputMode="tel" autoComplete="off" hint="Valgfrit, fx 20 30 40 50." width="input-width-s" />
        <SelectField {...field('partyId')} label="Hos" options={o.parties.map((p) => ({ value: p.id, label: p.name }))} />
        <button type="submit" className="button button-primary mt-5" disabled={form.busy}>
          Book tiden
        </button>
      </form>
    </section>
  )
}

function CancelForm({ planId, occurrence: o, reload }: { planId: string; occurrence: OccurrenceDetail; reload: () => void }) {
  const [reason, setReason] = useState('')
  const { busy, error, run } = useAction()
  return (
    <details className="counselling-section">
      <summary>Aflys åbningstiden</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void run(async () => {
            await cancelOccurrence(planId, o.id, reason)
            reload()
          })
        }}
      >
        {error && (
          <Alert variant="error" heading="Åbningstiden blev ikke aflyst" headingLevel={3}>
            <p>{error}</p>
          </Alert>
        )}
        <TextareaField id="cancel-reason" label="Hvorfor aflyses den?" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} />
        <button type="submit" className="button button-warning mt-5" disabled={busy}>
          Aflys
        </button>
      </form>
    </details>
  )
}
