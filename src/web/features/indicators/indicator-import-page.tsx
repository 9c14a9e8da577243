import { type FormEvent, useEffect, useRef, useState } from 'react'
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
import { ProgressBar } from '../../components/ui/progress-bar.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { Dash, ImportProblemsTable } from './import-problems-table.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { AgreementLoadFailed, AgreementLoading, agreementCrumbs } from '../agreements/agreement-loading.tsx'
import { readAgreement } from '../agreements/agreements.api.ts'
import { FOLLOW_UP_TITLE } from './indicator-dashboard-page.tsx'
import { BeboerdataImport } from './indicator-beboerdata-import.tsx'
import { plainText, populationShort, seriesName } from './indicator-format.ts'
import { FetchedInfo, SourceFetch } from './indicator-source-fetch.tsx'
import { commitImport, discardImport, followUpPath, readFollowUp, uploadImport } from './indicators.api.ts'

// Importing values from a file: the user sends the file, sees every problem with its row and
// column (and then nothing can be saved), or the values it would add; then saves all or none.
// The file is either in the long format (one value a row) or an LBF Beboerdata table, which is
// read through a saved mapping (indicator-beboerdata-import.tsx) into the same preview. The
// municipality's figures can also be fetched from Danmarks Statistik or Jobindsats
// (indicator-source-fetch.tsx); the answer is the same preview, saved or discarded the same way.

const TITLE = 'Importér tal'
/** The server's limit (indicators.routes.ts); checked here too, so a too-large file is not sent for nothing. */
const MAX_BYTES = 50 * 1024 * 1024

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

type Step =
  | { kind: 'choose' }
  | { kind: 'uploading'; fileName: string; loaded: number; total: number }
  | { kind: 'preview'; preview: ImportPreview | ComparisonFetchPreview; committing: boolean }
  | { kind: 'done'; fileName: string; valueCount: number; unchanged: number }

const megabytes = (bytes: number) => `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`

function Importer({ followUp, detail }: { followUp: FollowUp; detail: AgreementDetail }) {
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  // Which kind of file; kept when the user imports one more, since it is usually the same kind.
  const [source, setSource] = useState<Source>('long')
  const [fileErrors, setFileErrors] = useState<SummaryError[]>([])
  const [problem, setProblem] = useState<{ heading: string; text: string; seq: number } | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const abortRef = useRef<AbortController | null>(null)
  const dashboard = followUpPath(followUp.planId, followUp.agreementId)

  const fail = (heading: string, error: unknown) => setProblem((p) => ({ heading, text: messageOf(error), seq: (p?.seq ?? 0) + 1 }))

  function send(event: FormEvent) {
    event.preventDefault()
    setProblem(null)
    const file = fileRef.current?.files?.[0]
    const message = fileProblem(file)
    setFileErrors(message ? [{ fieldId: 'import-file', message }] : [])
    if (!message && file) void upload(file)
  }

  /** The first step for either kind of file: send it, show the progress, then the preview. */
  async function upload(file: File, mappingId?: string) {
    setProblem(null)
    const controller = new AbortController()
    abortRef.current = controller
    setStep({ kind: 'uploading', fileName: file.name, loaded: 0, total: file.size })
    try {
      const preview = await uploadImport(followUp.planId, followUp.agreementId, file, {
        signal: controller.signal,
        mappingId,
        onProgress: (loaded, total) => setStep({ kind: 'uploading', fileName: file.name, loaded, total }),
      })
      setStep({ kind: 'preview', preview, committing: false })
    } catch (error) {
      setStep({ kind: 'choose' })
      if (controller.signal.aborted) return
      fail('Filen kunne ikke indlæses', error)
    } finally {
      abortRef.current = null
    }
  }

  async function commit(preview: ImportPreview | ComparisonFetchPreview) {
    setProblem(null)
    setStep({ kind: 'preview', preview, committing: true })
    try {
      const result = await commitImport(followUp.planId, followUp.agreementId, preview.importId)
      setStep({ kind: 'done', fileName: preview.fileName, valueCount: result.valueCount, unchanged: result.unchanged })
    } catch (error) {
      setStep({ kind: 'preview', preview, committing: false })
      fail('Værdierne blev ikke gemt', error)
    }
  }

  function startOver() {
    setProblem(null)
    setStep({ kind: 'choose' })
  }

  /** "Annullér": the server forgets the previewed file too; starting over does not wait for it. */
  async function cancel(preview: ImportPreview) {
    startOver()
    await discardImport(followUp.planId, followUp.agreementId, preview.importId).catch(() => undefined)
  }

  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail, [{ label: FOLLOW_UP_TITLE, to: dashboard }, { label: TITLE }])} />
      <Page title={TITLE} lead={`${detail.content.title} – ${detail.plan.name}`}>
        {problem && (
          <Alert key={problem.seq} variant="error" heading={problem.heading} focusOnMount>
            <p>{problem.text}</p>
          </Alert>
        )}
        {step.kind === 'done' && (
          <Alert variant="success" heading={`${formatCount(step.valueCount, 'værdi', 'værdier')} fra ${step.fileName} er gemt`} focusOnMount>
            {step.unchanged > 0 && (
              <p>
                {formatCount(step.unchanged, 'værdi var', 'værdier var')} allerede registreret med de samme tal og blev sprunget over.
              </p>
            )}
            <p>
              <Link to={dashboard}>Se værdierne på opfølgningssiden</Link>
            </p>
            <p>
              <button type="button" className="button button-secondary mt-3" onClick={startOver}>
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
              upload: (file, mappingId) => void upload(file, mappingId),
              fail,
              uploading: step.kind === 'uploading',
              progress: step.kind === 'uploading' && <UploadProgress step={step} onStop={() => abortRef.current?.abort()} />,
            }}
          />
        )}
        {step.kind === 'choose' && source === 'fetch' && (
          <SourceFetch
            followUp={followUp}
            municipality={detail.plan.municipality}
            dashboard={dashboard}
            clearProblem={() => setProblem(null)}
            fail={fail}
            onPreview={(preview) => setStep({ kind: 'preview', preview, committing: false })}
          />
        )}
        {(step.kind === 'choose' || step.kind === 'uploading') && source === 'long' && (
          <>
            <FileFormat followUp={followUp} />
            <h2>Vælg filen</h2>
            <ErrorSummary errors={fileErrors} />
            <form onSubmit={send} noValidate aria-label="Importér tal fra en fil">
              <div className={['form-group', fileErrors.length > 0 ? 'form-error' : ''].filter(Boolean).join(' ')}>
                <label className="form-label" htmlFor="import-file">
                  Fil
                </label>
                <span className="form-hint" id="import-file-hint">
                  CSV med semikolon eller Excel (.xlsx), højst {megabytes(MAX_BYTES)}.
                </span>
                {fileErrors[0] && (
                  <span className="form-error-message" id="import-file-error">
                    <span className="sr-only">Fejl: </span>
                    {fileErrors[0].message}
                  </span>
                )}
                <input
                  ref={fileRef}
                  id="import-file"
                  name="import-file"
                  type="file"
                  className="form-file-input"
                  accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  aria-describedby={['import-file-hint', fileErrors[0] ? 'import-file-error' : ''].filter(Boolean).join(' ')}
                  aria-invalid={fileErrors.length > 0 ? true : undefined}
                  disabled={step.kind === 'uploading'}
                />
              </div>
              {step.kind === 'uploading' ? (
                <UploadProgress step={step} onStop={() => abortRef.current?.abort()} />
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
          <PreviewView preview={step.preview} followUp={followUp} committing={step.committing} onCommit={() => void commit(step.preview)} onCancel={() => void cancel(step.preview)} />
        )}
      </Page>
    </>
  )
}

/** The message for a file that cannot be sent, or null when it can. */
function fileProblem(file: File | undefined): string | null {
  if (!file) return 'Vælg en fil at indlæse.'
  if (file.size === 0) return 'Filen er tom. Vælg en anden fil.'
  if (file.size > MAX_BYTES) return `Filen fylder ${megabytes(file.size)}; den må højst fylde ${megabytes(MAX_BYTES)}.`
  return null
}

function UploadProgress({ step, onStop }: { step: Extract<Step, { kind: 'uploading' }>; onStop: () => void }) {
  return (
    <>
      <ProgressBar
        id="upload-progress"
        label={`Sender ${step.fileName}`}
        value={step.loaded}
        max={step.total || 1}
        text={
          step.loaded >= step.total
            ? 'Filen er sendt. Indsats læser den …'
            : `${megabytes(step.loaded)} af ${megabytes(step.total)} (${formatPercentValue(Math.round((step.loaded / (step.total || 1)) * 100))})`
        }
      />
      <button type="button" className="button button-secondary" onClick={onStop}>
        Stop indlæsningen
      </button>
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
          <thead>
            <tr>
              <th scope="col">Overskrift</th>
              <th scope="col">Indhold</th>
            </tr>
          </thead>
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
          <thead>
            <tr>
              <th scope="col">indikator</th>
              <th scope="col">række</th>
              <th scope="col">gruppe</th>
              <th scope="col">periode</th>
              <th scope="col">andel</th>
              <th scope="col">antal</th>
            </tr>
          </thead>
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
  preview: ImportPreview | ComparisonFetchPreview
  followUp: FollowUp
  committing: boolean
  onCommit: () => void
  onCancel: () => void
}) {
  const names = new Map(followUp.series.map((s) => [`${s.indicatorKey}|${s.rowKey}`, seriesName(s)]))
  const problems = preview.problems
  // Values equal to the current ones are skipped when saving, so they are not counted as saved.
  const toSave = preview.valueCount - preview.unchanged
  const blocked = problems.length > 0 || preview.lockedPeriods.length > 0 || toSave <= 0
  const saveLabel = `Gem ${formatCount(Math.max(toSave, 0), 'værdi', 'værdier')}`
  // The answer to "Indlæs fil" replaces the form the user was in: start them at its heading.
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => headingRef.current?.focus(), [])
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading" tabIndex={-1} ref={headingRef}>
        Indholdet af {preview.fileName}
      </h2>
      {'fetched' in preview && <FetchedInfo preview={preview} />}
      {problems.length > 0 ? (
        <>
          <Alert variant="error" heading={`Filen har ${formatCount(problems.length, 'fejl', 'fejl')}`} headingLevel={3}>
            <p>
              {'fetched' in preview
                ? 'Intet er gemt. Rækkerne er talt i den rækkefølge, kilden svarede. Ret forespørgslen, fx variablene eller perioderne, og hent tallene igen.'
                : 'Intet er gemt. Ret fejlene i filen, og indlæs den igen. Rækkerne er talt som i regnearket, med overskriftsrækken som række 1.'}
            </p>
          </Alert>
          <ImportProblemsTable problems={problems} />
        </>
      ) : (
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
                <thead>
                  <tr>
                    <th scope="col" className="number-cell">
                      Række
                    </th>
                    <th scope="col">Indikator</th>
                    <th scope="col">Gruppe</th>
                    <th scope="col">Periode</th>
                    <th scope="col" className="number-cell">
                      Andel
                    </th>
                    <th scope="col" className="number-cell">
                      Antal
                    </th>
                  </tr>
                </thead>
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
      )}
      <div className="button-row d-flex mt-6">
        <button type="button" className="button button-primary" disabled={blocked || committing} onClick={onCommit} aria-describedby={blocked ? 'save-blocked' : undefined}>
          {committing ? 'Gemmer …' : saveLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={committing}>
          Annullér
        </button>
      </div>
      {blocked && (
        <p id="save-blocked" className="small-text mt-3">
          {problems.length > 0
            ? 'Værdierne kan ikke gemmes, fordi filen har fejl.'
            : preview.lockedPeriods.length > 0
              ? 'Værdierne kan ikke gemmes, fordi filen har tal for godkendte perioder.'
              : preview.valueCount > 0
                ? 'Alle værdierne i filen er allerede registreret med de samme tal, så der er intet at gemme.'
                : 'Filen har ingen værdier at gemme.'}
        </p>
      )}
    </section>
  )
}
