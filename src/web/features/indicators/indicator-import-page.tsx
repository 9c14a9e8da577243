import { type FormEvent, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import type { AgreementDetail } from '../../../shared/agreements.ts'
import type { ComparisonFetchPreview } from '../../../shared/comparison-sources.ts'
import type { FollowUp, ImportPreview } from '../../../shared/indicators.ts'
import { formatCount, formatNumber, formatPercentValue } from '../../../shared/lib/format.ts'
import { periodLabel } from '../../../shared/lib/period.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { ErrorSummary, type SummaryError } from '../../components/ui/error-summary.tsx'
import { Page } from '../../components/ui/page.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { Dash } from '../imports/import-problems-table.tsx'
import { fileProblem, ImportFileField, ImportProblemAlert, MAX_IMPORT_BYTES, megabytes, StagedPreview, UploadProgress, useStagedImport } from '../imports/staged-import.tsx'
import { AgreementLoadFailed, AgreementLoading, agreementCrumbs } from '../agreements/agreement-loading.tsx'
import { readAgreement } from '../agreements/agreements.api.ts'
import { FOLLOW_UP_TITLE } from './indicator-dashboard-page.tsx'
import { BeboerdataImport } from './indicator-beboerdata-import.tsx'
import { plainText, populationShort, seriesName } from './indicator-format.ts'
import { FetchedInfo, SourceFetch } from './indicator-source-fetch.tsx'
import { commitImport, discardImport, followUpPath, readFollowUp, uploadImport } from './indicators.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

// Importing values from a file, through the two-step import every kind shares (staged-import.tsx):
// the user sends the file, sees every problem with its row and column (and then nothing can be
// saved), or the values it would add; then saves all or none.
// The file is either in the long format (one value a row) or an LBF Beboerdata table, which is
// read through a saved mapping (indicator-beboerdata-import.tsx) into the same preview. The
// municipality's figures can also be fetched from Danmarks Statistik or Jobindsats
// (indicator-source-fetch.tsx); the answer is the same preview, saved or discarded the same way.

const TITLE = 'Importér tal'

export function IndicatorImportPage() {
  const { planId = '', agreementId = '' } = useParams()
  const data = useResource(async (signal) => {
    const [followUp, detail] = await Promise.all([readFollowUp(planId, agreementId, signal), readAgreement(planId, agreementId, undefined, signal)])
    return { followUp, detail }
  }, [planId, agreementId])
  if (data.status === 'loading') return <AgreementLoading title={TITLE} />
  if (data.status === 'failed') return <AgreementLoadFailed title={TITLE} error={data.error} onRetry={data.reload} />
  return <Importer key={agreementId} followUp={data.data.followUp} detail={data.data.detail} />
}

type Source = 'long' | 'beboerdata' | 'fetch'

type Preview = ImportPreview | ComparisonFetchPreview

function Importer({ followUp, detail }: { followUp: FollowUp; detail: AgreementDetail }) {
  const { planId, agreementId } = followUp
  const flow = useStagedImport<Preview, { valueCount: number; unchanged: number }>({
    upload: (file, options) => uploadImport(planId, agreementId, file, options),
    commit: (preview) => commitImport(planId, agreementId, preview.importId),
    discard: (preview) => discardImport(planId, agreementId, preview.importId),
    failed: { upload: 'Filen kunne ikke indlæses', commit: 'Værdierne blev ikke gemt' },
  })
  const { step } = flow
  // Which kind of file; kept when the user imports one more, since it is usually the same kind.
  const [source, setSource] = useState<Source>('long')
  const [fileErrors, setFileErrors] = useState<SummaryError[]>([])
  const fileRef = useRef<HTMLInputElement>(null)
  const dashboard = followUpPath(planId, agreementId)

  function send(event: FormEvent) {
    event.preventDefault()
    flow.clearProblem()
    const file = fileRef.current?.files?.[0]
    const message = fileProblem(file)
    setFileErrors(message ? [{ fieldId: 'import-file', message }] : [])
    if (!message && file) void flow.upload(file)
  }

  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail, [{ label: FOLLOW_UP_TITLE, to: dashboard }, { label: TITLE }])} />
      <Page title={TITLE} lead={`${detail.content.title} – ${detail.plan.name}`}>
        <ImportProblemAlert problem={flow.problem} />
        {step.kind === 'done' && (
          <Alert variant="success" heading={`${formatCount(step.committed.valueCount, 'værdi', 'værdier')} fra ${step.fileName} er gemt`} focusOnMount>
            {step.committed.unchanged > 0 && (
              <p>
                {formatCount(step.committed.unchanged, 'værdi var', 'værdier var')} allerede registreret med de samme tal og blev sprunget over.
              </p>
            )}
            <p>
              <Link to={dashboard}>Se værdierne på opfølgningssiden</Link>
            </p>
            <p>
              <button type="button" className="button button-secondary mt-3" onClick={flow.startOver}>
                Importér en fil mere
              </button>
            </p>
          </Alert>
        )}
        {(step.kind === 'choose' || step.kind === 'uploading') && (
          <RadioGroup
            id="import-source"
            legend="Hvad vil du importere?"
            value={source}
            onChange={(value) => step.kind === 'choose' && setSource(value as Source)}
            options={[
              { value: 'long', label: 'Jobcenterudtræk eller anden fil med kolonnerne indikator, periode …' },
              { value: 'beboerdata', label: 'LBF Beboerdata-tabel (årstal som kolonner)' },
              { value: 'fetch', label: 'Kommunetal fra Danmarks Statistik eller Jobindsats' },
            ]}
          />
        )}
        {(step.kind === 'choose' || step.kind === 'uploading') && source === 'beboerdata' && (
          <BeboerdataImport
            followUp={followUp}
            choice={{
              problemOf: fileProblem,
              upload: (file, mappingId) => void flow.upload(file, (f, options) => uploadImport(planId, agreementId, f, { ...options, mappingId })),
              fail: flow.fail,
              uploading: step.kind === 'uploading',
              progress: step.kind === 'uploading' && <UploadProgress id="upload-progress" step={step} onStop={flow.stop} />,
            }}
          />
        )}
        {step.kind === 'choose' && source === 'fetch' && (
          <SourceFetch
            followUp={followUp}
            municipality={detail.plan.municipality}
            dashboard={dashboard}
            clearProblem={flow.clearProblem}
            fail={flow.fail}
            onPreview={flow.showPreview}
          />
        )}
        {(step.kind === 'choose' || step.kind === 'uploading') && source === 'long' && (
          <>
            <FileFormat followUp={followUp} />
            <h2>Vælg filen</h2>
            <ErrorSummary errors={fileErrors} />
            <form onSubmit={send} noValidate aria-label="Importér tal fra en fil">
              <ImportFileField
                id="import-file"
                hint={<>CSV med semikolon eller Excel (.xlsx), højst {megabytes(MAX_IMPORT_BYTES)}.</>}
                error={fileErrors[0]?.message}
                inputRef={fileRef}
                disabled={step.kind === 'uploading'}
              />
              {step.kind === 'uploading' ? (
                <UploadProgress id="upload-progress" step={step} onStop={flow.stop} />
              ) : (
                <div className="button-row d-flex">
                  <button type="submit" className="button button-primary">
                    Indlæs fil
                  </button>
                  <Link to={dashboard} className="button button-secondary">
                    Tilbage til opfølgningen
                  </Link>
                </div>
              )}
            </form>
          </>
        )}
        {step.kind === 'preview' && (
          <PreviewView preview={step.preview} followUp={followUp} committing={step.committing} onCommit={() => void flow.commit(step.preview)} onCancel={() => void flow.cancel(step.preview)} />
        )}
      </Page>
    </>
  )
}

/** What the file must hold, with an example the user can copy. */
function FileFormat({ followUp }: { followUp: FollowUp }) {
  const example = followUp.series.find((s) => s.indicatorKey === 'aktiveringsgrad-blandt-ledige') ?? followUp.series[0]
  const exampleName = example ? plainText(example.indicatorName) : 'Aktiveringsgrad blandt de ledige'
  const exampleRow = example?.rowLabel ?? ''
  const indicators = [...new Map(followUp.series.map((s) => [s.indicatorKey, s])).values()]
  return (
    <section aria-labelledby="format-heading">
      <h2 id="format-heading">Sådan skal filen se ud</h2>
      <p>
        Filen kan være en CSV-fil med semikolon (;) mellem kolonnerne, fx gemt fra Excel som »CSV (semikolonsepareret)«, eller et Excel-regneark (.xlsx). Den
        første række, der har disse overskrifter, er overskriftsrækken; rækker over den springes over. Hver række herunder er én værdi.
      </p>
      <TableScroller label="Kolonner i filen">
        <table className="table table--compact import-columns">
          <caption>Kolonner i filen</caption>
          <TableHead columns={['Overskrift', 'Indhold']} />
          <tbody>
            <tr>
              <th scope="row">indikator</th>
              <td>Indikatorens navn eller nøgle, som det står i delaftalen.</td>
            </tr>
            <tr>
              <th scope="row">række</th>
              <td>Rækkens betegnelse eller nøgle, fx 18-29 år. Tom, hvis indikatoren kun har én række.</td>
            </tr>
            <tr>
              <th scope="row">gruppe</th>
              <td>område (boligområdet eller målgruppen) eller kommune (sammenligningen). Tom betyder område.</td>
            </tr>
            <tr>
              <th scope="row">periode</th>
              <td>Fx 2023-Q2, 2. kvartal 2023, K2 2023, 1. halvår 2023, maj 2023 eller 2023.</td>
            </tr>
            <tr>
              <th scope="row">andel</th>
              <td>En andel i procent med dansk komma, fx 21,5 eller 21,5 %.</td>
            </tr>
            <tr>
              <th scope="row">antal</th>
              <td>Et antal, fx 233, 1.736 eller 22,2. Andel, antal eller begge skal være udfyldt.</td>
            </tr>
          </tbody>
        </table>
      </TableScroller>
      <TableScroller label="Eksempel på en fil">
        <table className="table table--compact import-example">
          <caption>Eksempel på en fil</caption>
          <TableHead columns={['indikator', 'række', 'gruppe', 'periode', 'andel', 'antal']} />
          <tbody>
            <tr>
              <td>{exampleName}</td>
              <td>{exampleRow}</td>
              <td>område</td>
              <td>2023-Q1</td>
              <td>21,5</td>
              <td>48</td>
            </tr>
            <tr>
              <td>{exampleName}</td>
              <td>{exampleRow}</td>
              <td>kommune</td>
              <td>2023-Q1</td>
              <td>33,2</td>
              <td />
            </tr>
            <tr>
              <td>{exampleName}</td>
              <td>{exampleRow}</td>
              <td>område</td>
              <td>2. kvartal 2023</td>
              <td>23</td>
              <td>51</td>
            </tr>
          </tbody>
        </table>
      </TableScroller>
      {indicators.length > 0 && (
        <details className="details import-indicators">
          <summary className="details-summary">Indikatorer og rækker i denne delaftale</summary>
          <div className="details-text">
            <ul>
              {indicators.map((indicator) => {
                const rows = followUp.series.filter((s) => s.indicatorKey === indicator.indicatorKey && s.rowLabel)
                return (
                  <li key={indicator.indicatorKey}>
                    {plainText(indicator.indicatorName)}
                    {rows.length > 0 && <> – rækker: {rows.map((r) => r.rowLabel).join(', ')}</>}
                  </li>
                )
              })}
            </ul>
          </div>
        </details>
      )}
    </section>
  )
}

function PreviewView({
  preview,
  followUp,
  committing,
  onCommit,
  onCancel,
}: {
  preview: Preview
  followUp: FollowUp
  committing: boolean
  onCommit: () => void
  onCancel: () => void
}) {
  const names = new Map(followUp.series.map((s) => [`${s.indicatorKey}|${s.rowKey}`, seriesName(s)]))
  // Values equal to the current ones are skipped when saving, so they are not counted as saved.
  const toSave = preview.valueCount - preview.unchanged
  return (
    <StagedPreview
      preview={preview}
      id="preview-heading"
      headingLevel={2}
      focusHeading
      above={'fetched' in preview && <FetchedInfo preview={preview} />}
      problemsText={
        'fetched' in preview
          ? 'Intet er gemt. Rækkerne er talt i den rækkefølge, kilden svarede. Ret forespørgslen, fx variablene eller perioderne, og hent tallene igen.'
          : 'Intet er gemt. Ret fejlene i filen, og indlæs den igen. Rækkerne er talt som i regnearket, med overskriftsrækken som række 1.'
      }
      blockedBecause={
        preview.problems.length > 0
          ? 'Værdierne kan ikke gemmes, fordi filen har fejl.'
          : preview.lockedPeriods.length > 0
            ? 'Værdierne kan ikke gemmes, fordi filen har tal for godkendte perioder.'
            : toSave > 0
              ? null
              : preview.valueCount > 0
                ? 'Alle værdierne i filen er allerede registreret med de samme tal, så der er intet at gemme.'
                : 'Filen har ingen værdier at gemme.'
      }
      saveLabel={`Gem ${formatCount(Math.max(toSave, 0), 'værdi', 'værdier')}`}
      committing={committing}
      onCommit={onCommit}
      onCancel={onCancel}
    >
      <>
        <p className="import-summary">
          Filen har {formatCount(preview.valueCount, 'værdi', 'værdier')}
          {preview.replacing > 0 && <>, og {formatCount(preview.replacing, 'af dem retter en værdi', 'af dem retter værdier')}, der allerede er registreret</>}.
          {preview.unchanged > 0 && (
            <> {formatCount(preview.unchanged, 'værdi er', 'værdier er')} allerede registreret med de samme tal og springes over.</>
          )}
          {preview.valueCount > preview.values.length && <> Herunder ses de første {formatNumber(preview.values.length)}.</>}
        </p>
        {preview.replacing > 0 && (
          <Alert variant="info" heading={`${formatCount(preview.replacing, 'værdi', 'værdier')} bliver rettet`} headingLevel={3}>
            <p>Den gamle værdi bevares i historikken, og rettelsen får filen som kilde.</p>
          </Alert>
        )}
        {preview.lockedPeriods.length > 0 && (
          <Alert variant="warning" heading="Filen har tal for godkendte perioder" headingLevel={3}>
            <p>
              {preview.lockedPeriods.map(periodLabel).join(', ')} er godkendt og låst. Fjern rækkerne for {preview.lockedPeriods.length === 1 ? 'perioden' : 'perioderne'}{' '}
              fra filen, eller bed en projektleder låse op, før filen kan gemmes.
            </p>
          </Alert>
        )}
        {preview.values.length > 0 && (
          <TableScroller label="Værdier i filen">
            <table className="table table--zebra table--compact import-values">
              <caption className="sr-only">
                {preview.valueCount > preview.values.length ? `De første ${preview.values.length} af ${preview.valueCount} værdier i filen` : 'Værdier i filen'}
              </caption>
              <TableHead columns={[{ label: 'Række', className: 'number-cell' }, 'Indikator', 'Gruppe', 'Periode', { label: 'Andel', className: 'number-cell' }, { label: 'Antal', className: 'number-cell' }]} />
              <tbody>
                {preview.values.map((v, i) => (
                  <tr key={i}>
                    <td className="number-cell">{formatNumber(v.row)}</td>
                    <td>{names.get(`${v.indicatorKey}|${v.rowKey}`) ?? `${v.indicatorKey} / ${v.rowKey}`}</td>
                    <td>{populationShort[v.population]}</td>
                    <td className="text-nowrap">{periodLabel(v.period)}</td>
                    <td className="number-cell">{v.share !== null ? formatPercentValue(v.share) : <Dash />}</td>
                    <td className="number-cell">{v.count !== null ? formatNumber(v.count) : <Dash />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </>
    </StagedPreview>
  )
}
