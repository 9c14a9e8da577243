import { useState } from 'react'
import { isoDay, formatDay } from '../../../shared/lib/format.ts'
import { FundingPeriodCreate, type ReferenceData, TargetGroupCodeCreate, type TargetGroupCodeDto, TargetGroupCodeUpdate } from '../../../shared/reference-data.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { addFundingPeriod, addTargetGroupCode, readReferenceData, updateTargetGroupCode } from './reference-data.api.ts'
import { effortAreasFromLines } from './effort-area-lines.ts'

// /referencedata: the administrator keeps the dated reference data current as the law changes
// (decision 021): the job centre's target-group codes, and Landsbyggefonden's funding periods with
// their effort areas. A code is not renamed for days it already covered: a reform gets a new
// version from its first day, and the old one an end date.

export const REFERENCE_DATA_TITLE = 'Referencedata'

export function ReferenceDataPage() {
  const data = useResource((signal) => readReferenceData(signal), [])
  return (
    <Page
      title={REFERENCE_DATA_TITLE}
      lead="Målgruppekoder, prioriteringsperioder og indsatsområder. Når loven ændrer en målgruppe, får koden en ny version fra den dag, ændringen gælder, og den gamle version en slutdato; beboere, der blev registreret før, beholder de ord, der gjaldt dengang."
    >
      {data.status === 'loading' && <Spinner label="Henter referencedata …" />}
      {data.status === 'failed' && <LoadError message={messageOf(data.error)} onRetry={data.reload} heading="Referencedata kunne ikke hentes" />}
      {data.status === 'ready' && <ReferenceDataSections data={data.data} reload={data.reload} />}
    </Page>
  )
}

function ReferenceDataSections({ data, reload }: { data: ReferenceData; reload: () => void }) {
  const [editing, setEditing] = useState<TargetGroupCodeDto | null>(null)
  const today = isoDay(new Date())
  return (
    <>
      <section aria-labelledby="target-groups-heading">
        <h2 id="target-groups-heading">Målgrupper (§ 6)</h2>
        <TableScroller label="Målgruppekoder">
          <table className="table table--zebra table--compact">
            <caption className="sr-only">Målgruppekoder med betegnelse og gyldighed, efter kode</caption>
            <TableHead columns={['Kode', 'Betegnelse', 'Gælder', 'Note', 'Ret']} />
            <tbody>
              {data.targetGroups.map((c) => (
                <tr key={`${c.code}-${c.validFrom}`}>
                  <th scope="row" className="text-nowrap">
                    {c.code}
                  </th>
                  <td>{c.label}</td>
                  <td className="text-nowrap">
                    {c.validTo === null ? `Fra ${formatDay(c.validFrom)}` : `${formatDay(c.validFrom)} – ${formatDay(c.validTo)}`}
                    {c.validTo !== null && c.validTo < today && <span className="cell-line">Udløbet</span>}
                  </td>
                  <td>{c.note ?? ''}</td>
                  <td>
                    <button type="button" className="button button-unstyled" onClick={() => setEditing(c)}>
                      Ret <span className="sr-only">{`${c.code} fra ${formatDay(c.validFrom)}`}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
        {editing && (
          <EditTargetGroupForm
            key={`${editing.code}-${editing.validFrom}`}
            version={editing}
            onDone={() => {
              setEditing(null)
              reload()
            }}
            onCancel={() => setEditing(null)}
          />
        )}
        <AddTargetGroupForm onAdded={reload} />
      </section>
      <section aria-labelledby="funding-periods-heading" className="mt-8">
        <h2 id="funding-periods-heading">Prioriteringsperioder og indsatsområder</h2>
        {data.fundingPeriods.map((p) => (
          <div key={p.code} className="mt-5">
            <h3>{p.name}</h3>
            <p>
              {p.code}: {formatDay(p.startsOn)} – {formatDay(p.endsOn)}
            </p>
            <ol>
              {p.effortAreas.map((a) => (
                <li key={a.code}>{a.name}</li>
              ))}
            </ol>
          </div>
        ))}
        <AddFundingPeriodForm onAdded={reload} />
      </section>
    </>
  )
}

const emptyCode = { code: '', label: '', validFrom: '', validTo: '', note: '' }
const codeIds = { code: 'tg-code', label: 'tg-label', validFrom: 'tg-valid-from', validTo: 'tg-valid-to', note: 'tg-note' }

function AddTargetGroupForm({ onAdded }: { onAdded: () => void }) {
  const form = useForm<keyof typeof emptyCode, { heading: string; text: string }>({ fieldIds: codeIds })
  const { values, field, setValues } = useFormValues(form, emptyCode)
  const submit = form.handle(
    () => checked(TargetGroupCodeCreate, { ...values, validTo: values.validTo.trim() === '' ? null : values.validTo.trim(), note: values.note }),
    async (body) => {
      const added = await addTargetGroupCode(body)
      setValues(emptyCode)
      onAdded()
      return { heading: 'Målgruppen er tilføjet', text: `${added.code} "${added.label}" gælder fra ${formatDay(added.validFrom)}.` }
    },
  )
  return (
    <form onSubmit={submit} noValidate aria-labelledby="tg-add-heading" className="mt-6">
      <h3 id="tg-add-heading">Tilføj en målgruppe eller en ny version</h3>
      <p>Skriv en eksisterende kode med en ny startdato for at give den en ny betegnelse fra den dag. Den gamle version skal først have en slutdato.</p>
      {form.done && (
        <Alert key={form.done.seq} variant="success" heading={form.done.heading} headingLevel={4} focusOnMount>
          <p>{form.done.text}</p>
        </Alert>
      )}
      <FormProblems form={form} heading="Målgruppen blev ikke tilføjet" headingLevel={4} />
      <TextField {...field('code')} label="Kode" hint="Fx 6.2" maxLength={20} width="input-width-xs" autoComplete="off" />
      <TextField {...field('label')} label="Betegnelse" hint="Højst 200 tegn." maxLength={200} autoComplete="off" />
      <TextField {...field('validFrom')} label="Gælder fra" hint="Dato som åååå-mm-dd" type="date" width="input-width-s" />
      <TextField {...field('validTo')} label="Gælder til og med (valgfri)" hint="Tom, hvis koden gælder indtil videre." type="date" width="input-width-s" />
      <TextField {...field('note')} label="Note (valgfri)" hint="Fx hvilken lov der ændrede koden. Højst 500 tegn." maxLength={500} autoComplete="off" />
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {form.busy ? 'Tilføjer …' : 'Tilføj målgruppe'}
      </button>
    </form>
  )
}

function EditTargetGroupForm({ version, onDone, onCancel }: { version: TargetGroupCodeDto; onDone: () => void; onCancel: () => void }) {
  const ids = { label: 'tg-edit-label', validTo: 'tg-edit-valid-to', note: 'tg-edit-note' }
  const form = useForm<keyof typeof ids>({ fieldIds: ids })
  const { values, field } = useFormValues(form, { label: version.label, validTo: version.validTo ?? '', note: version.note ?? '' })
  const submit = form.handle(
    () => checked(TargetGroupCodeUpdate, { label: values.label, validTo: values.validTo.trim() === '' ? null : values.validTo.trim(), note: values.note }),
    async (body) => {
      await updateTargetGroupCode(version.code, version.validFrom, body)
      onDone()
    },
  )
  return (
    <form onSubmit={submit} noValidate aria-labelledby="tg-edit-heading" className="mt-6">
      <h3 id="tg-edit-heading" tabIndex={-1}>{`Ret ${version.code} fra ${formatDay(version.validFrom)}`}</h3>
      <FormProblems form={form} heading="Ændringen blev ikke gemt" headingLevel={4} />
      <TextField {...field('label')} label="Betegnelse" hint="Ret kun stavning her; en ny betydning fra en ny dato er en ny version." maxLength={200} autoFocus />
      <TextField {...field('validTo')} label="Gælder til og med" hint="Sidste dag, versionen gælder. Tom: indtil videre." type="date" width="input-width-s" />
      <TextField {...field('note')} label="Note" maxLength={500} />
      <div className="button-group">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Gemmer …' : 'Gem'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Fortryd
        </button>
      </div>
    </form>
  )
}

const emptyPeriod = { code: '', name: '', startsOn: '', endsOn: '', effortAreas: '' }
const periodIds = { code: 'fp-code', name: 'fp-name', startsOn: 'fp-starts', endsOn: 'fp-ends', effortAreas: 'fp-areas' }

function AddFundingPeriodForm({ onAdded }: { onAdded: () => void }) {
  const form = useForm<keyof typeof emptyPeriod, { heading: string; text: string }>({ fieldIds: periodIds })
  const { values, field, setValues } = useFormValues(form, emptyPeriod)
  const submit = form.handle(
    () => checked(FundingPeriodCreate, { ...values, effortAreas: effortAreasFromLines(values.effortAreas) }),
    async (body) => {
      await addFundingPeriod(body)
      setValues(emptyPeriod)
      onAdded()
      return { heading: 'Prioriteringsperioden er tilføjet', text: `${body.name} med ${body.effortAreas.length} indsatsområder. Nye delaftaler kan nu høre til den.` }
    },
  )
  return (
    <form onSubmit={submit} noValidate aria-labelledby="fp-add-heading" className="mt-6">
      <h3 id="fp-add-heading">Tilføj en prioriteringsperiode</h3>
      {form.done && (
        <Alert key={form.done.seq} variant="success" heading={form.done.heading} headingLevel={4} focusOnMount>
          <p>{form.done.text}</p>
        </Alert>
      )}
      <FormProblems form={form} heading="Perioden blev ikke tilføjet" headingLevel={4} />
      <TextField {...field('code')} label="Kode" hint="Fx 2027-30. Delaftalens fil henviser til perioden med koden." maxLength={20} width="input-width-s" autoComplete="off" />
      <TextField {...field('name')} label="Navn" hint="Fx Landsbyggefondens boligsociale midler 2027-2030" maxLength={200} autoComplete="off" />
      <TextField {...field('startsOn')} label="Første dag" type="date" width="input-width-s" />
      <TextField {...field('endsOn')} label="Sidste dag" type="date" width="input-width-s" />
      <TextareaField {...field('effortAreas')} label="Indsatsområder" hint="Ét pr. linje, i den rækkefølge fonden bruger." rows={5} />
      <button type="submit" className="button button-primary" disabled={form.busy}>
        {form.busy ? 'Tilføjer …' : 'Tilføj periode'}
      </button>
    </form>
  )
}
