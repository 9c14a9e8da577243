import { useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import {
  type Company,
  CONTACT_KINDS,
  ContactEventInput,
  NetworkChange,
  NominationInput,
  OPENING_KINDS,
  OPENING_STATUSES,
  type Opening,
  OpeningInput,
  type OpeningStatus,
  contactKindLabels,
  openingKindLabels,
  openingStatusLabels,
  sizeBandLabels,
} from '../../../shared/companies.ts'
import { formatDay, formatNumber, isoDay } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { NumberField, TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { CompanyMeetingsSection } from '../meetings/company-meetings.tsx'
import { useCurrentUser } from '../auth/session.tsx'
import { parseDecimal } from '../agreements/agreement-format.ts'
import { addContactEvent, changeNetwork, chooseWinner, companiesPath, createOpening, editCompanyPath, nominate, readCompany, updateOpening } from './companies.api.ts'
import { ContactsSection } from './company-contacts-section.tsx'
import { COMPANIES_TITLE, CompanyLoadFailed, companyCrumbs } from './company-loading.tsx'

// One company: its details, whether it is in the network, the people there (personal data of
// company staff: read only by those who may, and every read is logged), the timeline of contacts,
// its openings and the CSR award.

export function CompanyPage() {
  const { planId = '', companyId = '' } = useParams()
  const user = useCurrentUser()
  const notice = (useLocation().state as { notice?: string } | null)?.notice
  const company = useResource((signal) => readCompany(planId, companyId, signal), [planId, companyId])
  if (company.status === 'failed') return <CompanyLoadFailed title={COMPANIES_TITLE} error={company.error} onRetry={company.reload} what="Virksomheden" />
  if (company.status === 'loading')
    return (
      <>
        <h1 tabIndex={-1}>Virksomhed</h1>
        <Spinner label="Henter virksomheden …" />
      </>
    )
  const c = company.data
  const canUpdate = may(user.role, 'companies', 'update')
  const canRecord = may(user.role, 'companies', 'create')
  return (
    <>
      <Breadcrumbs items={companyCrumbs(user, planId, [{ label: c.name }])} />
      <Page title={c.name} lead={`CVR-nummer ${c.cvr}`}>
        {notice && <Alert variant="success" heading={notice} />}
        <Details planId={planId} company={c} canUpdate={canUpdate} />
        <NetworkSection planId={planId} company={c} canUpdate={canUpdate} onChanged={company.reload} />
        {may(user.role, 'company-contacts', 'read') && (
          <ContactsSection planId={planId} companyId={c.id} canAdd={may(user.role, 'company-contacts', 'create')} canChange={may(user.role, 'company-contacts', 'update')} canRemove={may(user.role, 'company-contacts', 'delete')} />
        )}
        <TimelineSection planId={planId} company={c} canRecord={canRecord} onChanged={company.reload} />
        <OpeningsSection planId={planId} company={c} canCreate={canRecord} canUpdate={canUpdate} onChanged={company.reload} />
        {may(user.role, 'meetings', 'read') && <CompanyMeetingsSection planId={planId} companyId={c.id} />}
        <AwardSection planId={planId} company={c} canNominate={may(user.role, 'csr-awards', 'create')} canChoose={may(user.role, 'csr-awards', 'update')} onChanged={company.reload} />
        <p className="mt-7">
          <Link to={companiesPath(planId)} className="back-link">
            Tilbage til virksomhederne
          </Link>
        </p>
      </Page>
    </>
  )
}

function Details({ planId, company: c, canUpdate }: { planId: string; company: Company; canUpdate: boolean }) {
  const address = [c.address, [c.postalCode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  const industry = [c.industryCode, c.industryText].filter(Boolean).join(' · ')
  return (
    <section aria-labelledby="company-details">
      <h2 id="company-details">Oplysninger</h2>
      <dl className="company-facts">
        <dt>Adresse</dt>
        <dd>{address || 'Ikke oplyst'}</dd>
        <dt>Branche (DB07)</dt>
        <dd>{industry || 'Ikke oplyst'}</dd>
        <dt>Antal ansatte</dt>
        <dd>{c.sizeBand ? sizeBandLabels[c.sizeBand] : 'Ikke oplyst'}</dd>
        <dt>Markeret i Momentum</dt>
        <dd>{c.markedInMomentum ? 'Ja' : 'Nej'}</dd>
      </dl>
      {canUpdate && (
        <p>
          <Link to={editCompanyPath(planId, c.id)}>Ret oplysninger</Link>
        </p>
      )}
    </section>
  )
}

function NetworkSection({ planId, company: c, canUpdate, onChanged }: { planId: string; company: Company; canUpdate: boolean; onChanged: () => void }) {
  const inNetwork = c.inNetworkSince !== null
  const form = useForm<'on', { text: string }>({ fieldIds: { on: 'network-on' } })
  const { values, field } = useFormValues(form, () => ({ on: isoDay(new Date()) }))
  const submit = form.handle(
    () => checked(NetworkChange, { inNetwork: !inNetwork, on: values.on }),
    async (body) => {
      await changeNetwork(planId, c.id, body)
      onChanged()
      return { text: body.inNetwork ? `${c.name} er i netværket fra ${formatDay(body.on)}.` : `${c.name} er ude af netværket fra ${formatDay(body.on)}.` }
    },
  )
  const last = c.networkPeriods.at(-1)
  return (
    <section aria-labelledby="company-network" className="mt-8">
      <h2 id="company-network">Netværket</h2>
      {form.done && (
        <Alert key={form.done.seq} variant="success" heading="Netværket er opdateret" headingLevel={3} focusOnMount>
          <p>{form.done.text}</p>
        </Alert>
      )}
      <p>
        {inNetwork
          ? `I virksomhedsnetværket siden ${formatDay(c.inNetworkSince!)}${last?.markedBy ? ` (markeret af ${last.markedBy})` : ''}.`
          : last?.leftOn
            ? `Ikke i netværket. Var med fra ${formatDay(last.joinedOn)} til ${formatDay(last.leftOn)}.`
            : 'Ikke i virksomhedsnetværket.'}
      </p>
      {canUpdate && (
        <form onSubmit={submit} noValidate aria-label={inNetwork ? 'Tag virksomheden ud af netværket' : 'Markér virksomheden i netværket'}>
          <FormProblems form={form} heading="Netværket blev ikke ændret" headingLevel={3} />
          <TextField {...field('on')} label={inNetwork ? 'Ude af netværket fra' : 'I netværket fra'} type="date" width="input-width-s" />
          <button type="submit" className={inNetwork ? 'button button-secondary' : 'button button-primary'} disabled={form.busy}>
            {inNetwork ? 'Tag ud af netværket' : 'Markér i netværket'}
          </button>
        </form>
      )}
    </section>
  )
}

function TimelineSection({ planId, company: c, canRecord, onChanged }: { planId: string; company: Company; canRecord: boolean; onChanged: () => void }) {
  type F = 'kind' | 'happenedOn' | 'note'
  const form = useForm<F, { text: string }>({ fieldIds: { kind: 'contact-kind', happenedOn: 'contact-on', note: 'contact-note' } })
  const { values, field, setValues } = useFormValues(form, () => ({ kind: 'visit', happenedOn: isoDay(new Date()), note: '' }))
  const submit = form.handle(
    () => checked(ContactEventInput, values),
    async (body) => {
      await addContactEvent(planId, c.id, body)
      setValues({ kind: 'visit', happenedOn: isoDay(new Date()), note: '' })
      onChanged()
      return { text: `${contactKindLabels[body.kind]} ${formatDay(body.happenedOn)} er registreret.` }
    },
  )
  return (
    <section aria-labelledby="company-timeline" className="mt-8">
      <h2 id="company-timeline">Kontakter</h2>
      {c.timeline.length === 0 ? (
        <p>Der er ikke registreret nogen kontakt med virksomheden endnu.</p>
      ) : (
        <ol className="company-timeline">
          {c.timeline.map((e) => (
            <li key={e.id}>
              <strong>
                <time dateTime={e.happenedOn}>{formatDay(e.happenedOn)}</time>: {contactKindLabels[e.kind]}
              </strong>
              {e.by && (
                <>
                  {' '}
                  ved {e.by}
                  {e.party ? ` (${e.party})` : ''}
                </>
              )}
              {e.note && <p className="mt-2">{e.note}</p>}
            </li>
          ))}
        </ol>
      )}
      {canRecord && (
        <form onSubmit={submit} noValidate aria-labelledby="contact-event-heading" className="mt-5">
          <h3 id="contact-event-heading">Registrér kontakt</h3>
          {form.done && (
            <Alert key={form.done.seq} variant="success" heading="Kontakten er registreret" headingLevel={4} focusOnMount>
              <p>{form.done.text}</p>
            </Alert>
          )}
          <FormProblems form={form} heading="Kontakten blev ikke registreret" headingLevel={4} />
          <div className="field-row">
            <SelectField {...field('kind')} label="Slags kontakt" options={CONTACT_KINDS.map((k) => ({ value: k, label: contactKindLabels[k] }))} />
            <TextField {...field('happenedOn')} label="Dato" type="date" width="input-width-s" max={isoDay(new Date())} />
          </div>
          <TextareaField {...field('note')} label="Note (valgfri)" hint="Hvad blev aftalt? Skriv ikke oplysninger om beboere her." rows={3} />
          <button type="submit" className="button button-primary" disabled={form.busy}>
            Registrér kontakt
          </button>
        </form>
      )}
    </section>
  )
}

type OpeningField = 'kind' | 'title' | 'hoursPerWeek' | 'startsOn' | 'endsOn' | 'places' | 'requirements'

const openingFieldIds: Record<OpeningField, string> = {
  kind: 'opening-kind',
  title: 'opening-title',
  hoursPerWeek: 'opening-hours',
  startsOn: 'opening-starts',
  endsOn: 'opening-ends',
  places: 'opening-places',
  requirements: 'opening-requirements',
}

const emptyOpening = { kind: 'virksomhedspraktik', title: '', hoursPerWeek: '', startsOn: '', endsOn: '', places: '1', requirements: '' }

function OpeningsSection({ planId, company: c, canCreate, canUpdate, onChanged }: { planId: string; company: Company; canCreate: boolean; canUpdate: boolean; onChanged: () => void }) {
  const [adding, setAdding] = useState(false)
  const form = useForm<OpeningField, { text: string }>({ fieldIds: openingFieldIds })
  const { values, field, setValues } = useFormValues(form, emptyOpening)
  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      const hours = values.hoursPerWeek.trim() === '' ? null : parseDecimal(values.hoursPerWeek)
      if (hours === null && values.hoursPerWeek.trim() !== '') problems.hoursPerWeek = 'Skriv timer pr. uge som et tal, fx 15 eller 7,5.'
      const places = parseDecimal(values.places)
      return checked(
        OpeningInput,
        { ...values, hoursPerWeek: hours, places: places ?? Number.NaN, startsOn: values.startsOn || null, endsOn: values.endsOn || null },
        problems,
      )
    },
    async (body) => {
      await createOpening(planId, c.id, body)
      setValues(emptyOpening)
      setAdding(false)
      onChanged()
      return { text: `${openingKindLabels[body.kind]}: ${body.title} er oprettet.` }
    },
  )
  return (
    <section aria-labelledby="company-openings" className="mt-8">
      <h2 id="company-openings">Åbninger</h2>
      {form.done && (
        <Alert key={form.done.seq} variant="success" heading="Åbningen er oprettet" headingLevel={3} focusOnMount>
          <p>{form.done.text}</p>
        </Alert>
      )}
      {c.openings.length === 0 ? (
        <p>Virksomheden har ingen åbninger endnu.</p>
      ) : (
        <TableScroller label="Åbninger">
          <table className="table table--zebra">
            <caption className="sr-only">Åbninger</caption>
            <TableHead columns={['Åbning', 'Slags', { label: 'Timer pr. uge', className: 'number-cell' }, 'Periode', { label: 'Pladser', className: 'number-cell' }, 'Krav', 'Status']} />
            <tbody>
              {c.openings.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.title}</th>
                  <td>{openingKindLabels[o.kind]}</td>
                  <td className="number-cell">{o.hoursPerWeek === null ? '' : formatNumber(o.hoursPerWeek)}</td>
                  <td className="text-nowrap">{periodText(o)}</td>
                  <td className="number-cell">{formatNumber(o.places)}</td>
                  <td>{o.requirements ?? ''}</td>
                  <td>{canUpdate ? <OpeningStatusForm planId={planId} opening={o} onChanged={onChanged} /> : openingStatusLabels[o.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {canCreate &&
        (adding ? (
          <form onSubmit={submit} noValidate aria-labelledby="opening-form-heading" className="mt-5">
            <h3 id="opening-form-heading">Opret åbning</h3>
            <FormProblems form={form} heading="Åbningen blev ikke oprettet" headingLevel={4} />
            <SelectField {...field('kind')} label="Slags" options={OPENING_KINDS.map((k) => ({ value: k, label: openingKindLabels[k] }))} />
            <TextField {...field('title')} label="Stilling eller opgaver" hint='Fx "Lagermedhjælper" eller "Køkkenhjælp".' />
            <div className="field-row">
              <NumberField {...field('hoursPerWeek')} label="Timer pr. uge (valgfrit)" />
              <NumberField {...field('places')} label="Antal pladser" />
            </div>
            <div className="field-row">
              <TextField {...field('startsOn')} label="Fra (valgfri)" type="date" width="input-width-s" />
              <TextField {...field('endsOn')} label="Til (valgfri)" type="date" width="input-width-s" />
            </div>
            <TextareaField {...field('requirements')} label="Krav (valgfri)" hint="Fx truckcertifikat, danskkundskaber eller arbejdstøj." rows={3} />
            <div className="button-row d-flex">
              <button type="submit" className="button button-primary" disabled={form.busy}>
                Opret åbning
              </button>
              <button type="button" className="button button-secondary" onClick={() => setAdding(false)}>
                Annullér
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
            Opret åbning
          </button>
        ))}
    </section>
  )
}

function periodText(o: Opening): string {
  if (o.startsOn && o.endsOn) return `${formatDay(o.startsOn)} til ${formatDay(o.endsOn)}`
  if (o.startsOn) return `Fra ${formatDay(o.startsOn)}`
  if (o.endsOn) return `Til ${formatDay(o.endsOn)}`
  return 'Løbende'
}

function OpeningStatusForm({ planId, opening: o, onChanged }: { planId: string; opening: Opening; onChanged: () => void }) {
  const [status, setStatus] = useState<OpeningStatus>(o.status)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = `opening-status-${o.id}`
  async function save() {
    setBusy(true)
    setProblem(null)
    try {
      await updateOpening(planId, o.id, { kind: o.kind, title: o.title, hoursPerWeek: o.hoursPerWeek, startsOn: o.startsOn, endsOn: o.endsOn, places: o.places, requirements: o.requirements, status })
      onChanged()
    } catch (error) {
      setProblem(messageOf(error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="opening-status">
      <label className="sr-only" htmlFor={id}>
        Status for {o.title}
      </label>
      <select id={id} className="form-select" value={status} onChange={(e) => setStatus(e.target.value as OpeningStatus)}>
        {OPENING_STATUSES.map((s) => (
          <option key={s} value={s}>
            {openingStatusLabels[s]}
          </option>
        ))}
      </select>
      {status !== o.status && (
        <button type="button" className="button button-secondary button-small" onClick={() => void save()} disabled={busy}>
          Gem status<span className="sr-only"> for {o.title}</span>
        </button>
      )}
      {problem && <p className="form-error-message">{problem}</p>}
    </div>
  )
}

function AwardSection({ planId, company: c, canNominate, canChoose, onChanged }: { planId: string; company: Company; canNominate: boolean; canChoose: boolean; onChanged: () => void }) {
  const form = useForm<'year' | 'reason', { text: string }>({ fieldIds: { year: 'nomination-year', reason: 'nomination-reason' } })
  const { values, field, setValues } = useFormValues(form, () => ({ year: String(new Date().getFullYear()), reason: '' }))
  const [problem, setProblem] = useState<string | null>(null)
  const submit = form.handle(
    () => checked(NominationInput, { year: Number(values.year), reason: values.reason }),
    async (body) => {
      await nominate(planId, c.id, body)
      setValues({ year: String(new Date().getFullYear()), reason: '' })
      onChanged()
      return { text: `${c.name} er indstillet til CSR-prisen for ${body.year}.` }
    },
  )
  async function win(nominationId: string) {
    setProblem(null)
    try {
      await chooseWinner(planId, nominationId)
      onChanged()
    } catch (error) {
      setProblem(messageOf(error))
    }
  }
  return (
    <section aria-labelledby="company-award" className="mt-8">
      <h2 id="company-award">CSR-prisen</h2>
      <p>Helhedsplanens lokale CSR-pris går hvert år til en virksomhed, der gør en særlig indsats for at få beboere i job.</p>
      {problem && <Alert variant="error" heading="Vinderen blev ikke valgt" headingLevel={3}>{<p>{problem}</p>}</Alert>}
      {c.nominations.length === 0 ? (
        <p>Virksomheden er ikke indstillet til prisen.</p>
      ) : (
        <ul className="nobullet-list">
          {c.nominations.map((n) => (
            <li key={n.id} className="mb-4">
              <strong>
                {n.winner ? `Vinder af CSR-prisen ${n.year}` : `Indstillet til CSR-prisen ${n.year}`}
              </strong>
              <p className="mt-2 mb-2">{n.reason}</p>
              {n.nominatedBy && <p className="small-text mt-0">Indstillet af {n.nominatedBy}</p>}
              {canChoose && !n.winner && (
                <button type="button" className="button button-secondary" onClick={() => void win(n.id)}>
                  Gør til årets vinder<span className="sr-only"> {n.year}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canNominate && (
        <form onSubmit={submit} noValidate aria-labelledby="nomination-heading" className="mt-5">
          <h3 id="nomination-heading">Indstil til CSR-prisen</h3>
          {form.done && (
            <Alert key={form.done.seq} variant="success" heading="Indstillingen er gemt" headingLevel={4} focusOnMount>
              <p>{form.done.text}</p>
            </Alert>
          )}
          <FormProblems form={form} heading="Indstillingen blev ikke gemt" headingLevel={4} />
          <NumberField {...field('year')} label="År" />
          <TextareaField {...field('reason')} label="Begrundelse" hint="Hvad har virksomheden gjort for at få beboere ud af ledighed?" rows={3} />
          <button type="submit" className="button button-secondary" disabled={form.busy}>
            Indstil til prisen
          </button>
        </form>
      )}
    </section>
  )
}
