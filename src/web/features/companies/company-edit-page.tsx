import { useNavigate, useParams } from 'react-router'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { companyPath, readCompany, updateCompany } from './companies.api.ts'
import { COMPANIES_TITLE, CompanyLoadFailed, companyCrumbs } from './company-loading.tsx'
import { CompanyForm } from './company-new-page.tsx'

/** Correcting a company's details; the CVR number is checked again and may not be another company's. */
export function CompanyEditPage() {
  const { planId = '', companyId = '' } = useParams()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const company = useResource((signal) => readCompany(planId, companyId, signal), [planId, companyId])
  if (company.status === 'failed') return <CompanyLoadFailed title={COMPANIES_TITLE} error={company.error} onRetry={company.reload} what="Virksomheden" />
  if (company.status === 'loading')
    return (
      <>
        <h1 tabIndex={-1}>Ret virksomhed</h1>
        <Spinner label="Henter virksomheden …" />
      </>
    )
  const c = company.data
  return (
    <>
      <Breadcrumbs items={companyCrumbs(user, planId, [{ label: c.name, to: companyPath(planId, c.id) }, { label: 'Ret oplysninger' }])} />
      <Page title={`Ret ${c.name}`}>
        <CompanyForm
          label="Ret virksomhedens oplysninger"
          failedHeading="Oplysningerne blev ikke gemt"
          initial={{
            cvr: c.cvr,
            name: c.name,
            address: c.address ?? '',
            postalCode: c.postalCode ?? '',
            city: c.city ?? '',
            industryCode: c.industryCode ?? '',
            industryText: c.industryText ?? '',
            sizeBand: c.sizeBand ?? '',
          }}
          saveLabel="Gem oplysninger"
          busyLabel="Gemmer …"
          cancelTo={companyPath(planId, c.id)}
          onSave={async (body) => {
            await updateCompany(planId, c.id, { ...body, markedInMomentum: c.markedInMomentum })
            await navigate(companyPath(planId, c.id), { state: { notice: `Oplysningerne om ${body.name} er gemt` } })
          }}
        />
      </Page>
    </>
  )
}
