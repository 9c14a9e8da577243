import { Link, useNavigate, useParams } from 'react-router'
import type { z } from 'zod'
import { CompanyInput, SIZE_BANDS, sizeBandLabels } from '../../../shared/companies.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { companiesPath, companyPath, createCompany } from './companies.api.ts'
import { companyCrumbs } from './company-loading.tsx'

type Field = 'cvr' | 'name' | 'address' | 'postalCode' | 'city' | 'industryCode' | 'industryText' | 'sizeBand'

const fieldIds: Record<Field, string> = {
  cvr: 'company-cvr',
  name: 'company-name',
  address: 'company-address',
  postalCode: 'company-postal-code',
  city: 'company-city',
  industryCode: 'company-industry-code',
  industryText: 'company-industry-text',
  sizeBand: 'company-size',
}

export type CompanyFormValues = Record<Field, string>

export const emptyCompany: CompanyFormValues = { cvr: '', name: '', address: '', postalCode: '', city: '', industryCode: '', industryText: '', sizeBand: '' }

/** The company's fields, for registering a company and for correcting one. */
export function CompanyForm({ label, failedHeading, initial, saveLabel, busyLabel, cancelTo, onSave }: { label: string; failedHeading: string; initial: CompanyFormValues; saveLabel: string; busyLabel: string; cancelTo: string; onSave: (body: z.output<typeof CompanyInput>) => Promise<void> }) {
  const form = useForm<Field>({ fieldIds, busyUntilGone: true })
  const { values, field } = useFormValues(form, initial)
  const submit = form.handle(() => checked(CompanyInput, { ...values, sizeBand: values.sizeBand || null }), onSave)
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <FormProblems form={form} heading={failedHeading} />
      <TextField {...field('cvr')} label="CVR-nummer" hint="8 cifre, fx 20165715." width="input-width-s" inputMode="numeric" autoComplete="off" />
      <TextField {...field('name')} label="Navn" />
      <TextField {...field('address')} label="Adresse (valgfri)" autoComplete="off" />
      <div className="field-row">
        <TextField {...field('postalCode')} label="Postnummer (valgfrit)" width="input-width-xs" inputMode="numeric" autoComplete="off" />
        <TextField {...field('city')} label="By (valgfri)" width="input-width-m" autoComplete="off" />
      </div>
      <TextField {...field('industryCode')} label="Branchekode, DB07 (valgfri)" hint="6 cifre fra CVR-registret, fx 471100. Kendes den ikke, så beskriv branchen herunder." width="input-width-s" inputMode="numeric" autoComplete="off" />
      <TextField {...field('industryText')} label="Branche (valgfri)" hint="Fx Detailhandel, Byggeri eller Rengøring." />
      <SelectField {...field('sizeBand')} label="Antal ansatte (valgfrit)" placeholder="Ikke oplyst" options={SIZE_BANDS.map((b) => ({ value: b, label: sizeBandLabels[b] }))} />
      <div className="button-row d-flex mt-6">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? busyLabel : saveLabel}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          Annullér
        </Link>
      </div>
    </form>
  )
}

export function CompanyNewPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const navigate = useNavigate()
  return (
    <>
      <Breadcrumbs items={companyCrumbs(user, planId, [{ label: 'Opret virksomhed' }])} />
      <Page title="Opret virksomhed" lead="CVR-nummeret kontrolleres, og en virksomhed kan kun være registreret én gang i helhedsplanen.">
        <CompanyForm
          label="Opret virksomhed"
          failedHeading="Virksomheden blev ikke oprettet"
          initial={emptyCompany}
          saveLabel="Opret virksomhed"
          busyLabel="Opretter …"
          cancelTo={companiesPath(planId)}
          onSave={async (body) => {
            const { id } = await createCompany(planId, body)
            await navigate(companyPath(planId, id), { state: { notice: `${body.name} er oprettet` } })
          }}
        />
      </Page>
    </>
  )
}
