import { type FormEvent, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import type { CompanyImportCommitted, CompanyImportPreview } from '../../../shared/companies.ts'
import { formatCount, formatNumber } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useCurrentUser } from '../auth/session.tsx'
import { fileProblem, ImportFileField, ImportProblemAlert, StagedPreview, UploadProgress, useStagedImport } from '../imports/staged-import.tsx'
import { commitCompanies, companiesPath, discardCompanies, uploadCompanies } from './companies.api.ts'
import { companyCrumbs } from './company-loading.tsx'

const TITLE = 'Indlæs virksomheder'

export function CompanyImportPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const flow = useStagedImport<CompanyImportPreview, CompanyImportCommitted>({
    upload: (file, options) => uploadCompanies(planId, file, options),
    commit: (preview) => commitCompanies(planId, preview.importId),
    discard: (preview) => discardCompanies(planId, preview.importId),
    failed: { upload: 'Filen blev ikke indlæst', commit: 'Virksomhederne blev ikke gemt' },
  })
  const { step } = flow
  const [fileError, setFileError] = useState<string | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)

  function send(event: FormEvent) {
    event.preventDefault()
    flow.clearProblem()
    const file = fileRef.current?.files?.[0]
    const message = fileProblem(file)
    setFileError(message)
    if (!message && file) void flow.upload(file)
  }

  return (
    <>
      <Breadcrumbs items={companyCrumbs(user, planId, [{ label: TITLE }])} />
      <Page title={TITLE} lead="Indlæs en liste over virksomheder fra jobcentrets virksomhedsservice eller et regneark. Intet gemmes, før filen er uden fejl, og så gemmes alle virksomheder på én gang.">
        <ImportProblemAlert problem={flow.problem} />
        {step.kind === 'done' && (
          <Alert variant="success" heading={`${formatCount(step.committed.created, 'virksomhed', 'virksomheder')} fra ${step.fileName} er gemt`}>
            <p>
              <Link to={companiesPath(planId)}>Se virksomhederne</Link>
            </p>
          </Alert>
        )}
        {(step.kind === 'choose' || step.kind === 'uploading' || step.kind === 'done') && (
          <form onSubmit={send} noValidate aria-label="Indlæs virksomheder fra en fil">
            <ImportFileField
              id="company-file"
              hint="CSV med semikolon eller Excel (.xlsx) med overskrifterne CVR-nummer og Navn, og gerne Adresse, Postnummer, By, Branchekode, Branche og Ansatte."
              error={fileError}
              inputRef={fileRef}
              disabled={step.kind === 'uploading'}
            />
            {step.kind === 'uploading' ? (
              <UploadProgress id="company-progress" step={step} onStop={flow.stop} />
            ) : (
              <button type="submit" className="button button-primary">
                Indlæs fil
              </button>
            )}
          </form>
        )}
        {step.kind === 'preview' && (
          <StagedPreview
            preview={step.preview}
            id="company-preview"
            headingLevel={2}
            focusHeading
            problemsText="Intet er gemt. Ret fejlene i filen, og indlæs den igen. Rækkerne er talt som i regnearket, med overskriftsrækken som række 1."
            blockedBecause={step.preview.problems.length > 0 ? 'Virksomhederne kan ikke gemmes, fordi filen har fejl.' : step.preview.rowCount === 0 ? 'Filen har ingen virksomheder at gemme.' : null}
            saveLabel={`Gem ${formatCount(step.preview.rowCount, 'virksomhed', 'virksomheder')}`}
            committing={step.committing}
            onCommit={() => void flow.commit(step.preview)}
            onCancel={() => void flow.cancel(step.preview)}
          >
            <p>
              Filen har {formatCount(step.preview.rowCount, 'ny virksomhed', 'nye virksomheder')}.
              {step.preview.rowCount > step.preview.rows.length && <> Herunder ses de første {formatNumber(step.preview.rows.length)}.</>}
            </p>
            <TableScroller label="Virksomheder i filen">
              <table className="table table--zebra table--compact">
                <caption>Virksomheder i filen</caption>
                <TableHead columns={[{ label: 'Række', className: 'number-cell' }, 'CVR-nummer', 'Navn', 'By', 'Branche']} />
                <tbody>
                  {step.preview.rows.map((r) => (
                    <tr key={r.row}>
                      <td className="number-cell">{formatNumber(r.row)}</td>
                      <td>{r.cvr}</td>
                      <td>{r.name}</td>
                      <td>{r.city ?? ''}</td>
                      <td>{r.industry ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          </StagedPreview>
        )}
        <p className="mt-7">
          <Link to={companiesPath(planId)} className="back-link">
            Tilbage til virksomhederne
          </Link>
        </p>
      </Page>
    </>
  )
}
