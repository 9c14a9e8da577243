import { type FormEvent, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatCount, formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import type { TargetGroupPreview, TargetGroupSnapshot, TargetGroupValue } from '../../../shared/target-groups.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { ProgressBar } from '../../components/ui/progress-bar.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { Dash, ImportProblemsTable } from './import-problems-table.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { planPath } from '../plans/plans.api.ts'
import { commitTargetGroups, readTargetGroups, uploadTargetGroups } from './target-groups.api.ts'

/** /planer/:planId/maalgrupper: the job centre's target-group counts per date, and (for staff) an upload. */
export function TargetGroupsPage() {
  const { planId = '' } = useParams()
  const user = useCurrentUser()
  const tables = useResource((signal) => readTargetGroups(planId, signal), [planId])
  return (
    <Page title="Målgrupper" lead="Jobcenterets opgørelse af ledige beboere pr. målgruppe (§ 6-kode) og afdeling.">
      {tables.status === 'loading' && <Spinner label="Henter målgrupperne …" />}
      {tables.status === 'failed' && <LoadError message={messageOf(tables.error)} onRetry={tables.reload} heading="Målgrupperne kunne ikke hentes" />}
      {tables.status === 'ready' && (
        <>
          {tables.data.suppressed && (
            <Alert variant="info" heading="Små tal er skjult" headingLevel={2}>
              <p>
                Små antal vises som »skjult«, så ingen enkeltpersoner kan genkendes. Derfor er også enkelte andre tal skjult, så de små tal ikke kan regnes
                ud fra totalerne.
              </p>
            </Alert>
          )}
          {tables.data.snapshots.length === 0 ? (
            <p>Der er endnu ikke indlæst målgruppetal for helhedsplanen.</p>
          ) : (
            tables.data.snapshots.map((s) => <SnapshotTable key={s.date} snapshot={s} />)
          )}
          {may(user.role, 'indicator-values', 'create') && <TargetGroupUpload planId={planId} onSaved={tables.reload} />}
        </>
      )}
      <p className="mt-7">
        <Link to={planPath(planId)} className="back-link">
          Tilbage til helhedsplanen
        </Link>
      </p>
    </Page>
  )
}

function Count({ value }: { value: TargetGroupValue }) {
  if (value.hidden) return <>skjult</>
  if (value.value === null) return <Dash />
  return <>{formatNumber(value.value)}</>
}

function SnapshotTable({ snapshot }: { snapshot: TargetGroupSnapshot }) {
  const day = formatDay(snapshot.date)
  const column = (d: string) => (/^\d/.test(d) ? `Afd. ${d}` : d)
  return (
    <section aria-labelledby={`maalgrupper-${snapshot.date}`}>
      <h2 id={`maalgrupper-${snapshot.date}`}>Målgrupper {day}</h2>
      <TableScroller label={`Målgrupper ${day}`}>
        <table className="table table--zebra table--compact target-groups">
          <caption>Antal ledige pr. målgruppe og afdeling, opgjort {day}</caption>
          <thead>
            <tr>
              <th scope="col">Kode</th>
              <th scope="col">Målgruppe</th>
              {snapshot.departments.map((d) => (
                <th key={d} scope="col" className="number-cell">
                  {column(d)}
                </th>
              ))}
              <th scope="col" className="number-cell">
                Hovedtotal
              </th>
            </tr>
          </thead>
          <tbody>
            {snapshot.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.code}</th>
                <td>{r.label}</td>
                {r.counts.map((c, i) => (
                  <td key={i} className="number-cell">
                    <Count value={c} />
                  </td>
                ))}
                <td className="number-cell">
                  <strong>
                    <Count value={r.total} />
                  </strong>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Hovedtotal
              </th>
              {snapshot.columnTotals.map((c, i) => (
                <td key={i} className="number-cell">
                  <strong>
                    <Count value={c} />
                  </strong>
                </td>
              ))}
              <td className="number-cell">
                <strong>
                  <Count value={snapshot.grandTotal} />
                </strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </TableScroller>
    </section>
  )
}

type Step =
  | { kind: 'choose' }
  | { kind: 'uploading'; fileName: string; loaded: number; total: number }
  | { kind: 'preview'; preview: TargetGroupPreview; committing: boolean }
  | { kind: 'done'; fileName: string; rowCount: number }

function TargetGroupUpload({ planId, onSaved }: { planId: string; onSaved: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const [error, setError] = useState<{ heading: string; text: string } | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const abortRef = useRef<AbortController | null>(null)

  async function send(event: FormEvent) {
    event.preventDefault()
    setError(null)
    const file = fileRef.current?.files?.[0]
    const message = !file ? 'Vælg en fil at indlæse.' : file.size === 0 ? 'Filen er tom. Vælg en anden fil.' : null
    setFileError(message)
    if (message || !file) return
    const abort = new AbortController()
    abortRef.current = abort
    setStep({ kind: 'uploading', fileName: file.name, loaded: 0, total: file.size })
    try {
      const preview = await uploadTargetGroups(planId, file, {
        signal: abort.signal,
        onProgress: (loaded, total) => setStep({ kind: 'uploading', fileName: file.name, loaded, total }),
      })
      setStep({ kind: 'preview', preview, committing: false })
    } catch (e) {
      setStep({ kind: 'choose' })
      if (!(e instanceof DOMException && e.name === 'AbortError')) setError({ heading: 'Filen blev ikke indlæst', text: messageOf(e) })
    }
  }

  async function commit(preview: TargetGroupPreview) {
    setStep({ kind: 'preview', preview, committing: true })
    try {
      const result = await commitTargetGroups(planId, preview.importId)
      setStep({ kind: 'done', fileName: preview.fileName, rowCount: result.rowCount })
      onSaved()
    } catch (e) {
      setStep({ kind: 'preview', preview, committing: false })
      setError({ heading: 'Tallene blev ikke gemt', text: messageOf(e) })
    }
  }

  return (
    <section aria-labelledby="maalgrupper-upload" className="mt-8">
      <h2 id="maalgrupper-upload">Indlæs målgruppetal</h2>
      {error && (
        <Alert variant="error" heading={error.heading} headingLevel={3}>
          <p>{error.text}</p>
        </Alert>
      )}
      {step.kind === 'done' && (
        <Alert variant="success" heading={`${formatCount(step.rowCount, 'tal', 'tal')} fra ${step.fileName} er gemt`} headingLevel={3}>
          <p>Tabellen ovenfor er opdateret.</p>
        </Alert>
      )}
      {(step.kind === 'choose' || step.kind === 'uploading' || step.kind === 'done') && (
        <form onSubmit={(e) => void send(e)} noValidate aria-label="Indlæs målgruppetal fra en fil">
          <div className={['form-group', fileError ? 'form-error' : ''].filter(Boolean).join(' ')}>
            <label className="form-label" htmlFor="maalgrupper-file">
              Fil
            </label>
            <span className="form-hint" id="maalgrupper-file-hint">
              CSV med semikolon eller Excel (.xlsx) med kolonnerne dato, kode, betegnelse, afdeling og antal.
            </span>
            {fileError && (
              <span className="form-error-message" id="maalgrupper-file-error">
                <span className="sr-only">Fejl: </span>
                {fileError}
              </span>
            )}
            <input
              ref={fileRef}
              id="maalgrupper-file"
              type="file"
              className="form-file-input"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={['maalgrupper-file-hint', fileError ? 'maalgrupper-file-error' : ''].filter(Boolean).join(' ')}
              aria-invalid={fileError ? true : undefined}
              disabled={step.kind === 'uploading'}
            />
          </div>
          {step.kind === 'uploading' ? (
            <>
              <ProgressBar
                id="maalgrupper-progress"
                label={`Sender ${step.fileName}`}
                value={step.loaded}
                max={step.total || 1}
                text={step.loaded >= step.total ? 'Filen er sendt. Indsats læser den …' : `${formatNumber(step.loaded)} af ${formatNumber(step.total)} byte`}
              />
              <button type="button" className="button button-secondary" onClick={() => abortRef.current?.abort()}>
                Stop indlæsningen
              </button>
            </>
          ) : (
            <button type="submit" className="button button-primary">
              Indlæs fil
            </button>
          )}
        </form>
      )}
      {step.kind === 'preview' && (
        <Preview preview={step.preview} committing={step.committing} onCommit={() => void commit(step.preview)} onCancel={() => setStep({ kind: 'choose' })} />
      )}
    </section>
  )
}

function Preview({ preview, committing, onCommit, onCancel }: { preview: TargetGroupPreview; committing: boolean; onCommit: () => void; onCancel: () => void }) {
  const { problems } = preview
  const blocked = problems.length > 0 || preview.rowCount === 0
  return (
    <section aria-labelledby="maalgrupper-preview">
      <h3 id="maalgrupper-preview">Indholdet af {preview.fileName}</h3>
      {problems.length > 0 ? (
        <>
          <Alert variant="error" heading={`Filen har ${formatCount(problems.length, 'fejl', 'fejl')}`} headingLevel={4}>
            <p>Intet er gemt. Ret fejlene i filen, og indlæs den igen. Rækkerne er talt som i regnearket, med overskriftsrækken som række 1.</p>
          </Alert>
          <ImportProblemsTable problems={problems} />
        </>
      ) : (
        <>
          <p>
            Filen har {formatCount(preview.rowCount, 'tal', 'tal')} opgjort {preview.dates.map((d) => formatDay(d)).join(', ')}.
            {preview.rowCount > preview.rows.length && <> Herunder ses de første {formatNumber(preview.rows.length)}.</>}
          </p>
          <TableScroller label="Tal i filen">
            <table className="table table--zebra table--compact">
              <caption>Tal i filen</caption>
              <thead>
                <tr>
                  <th scope="col" className="number-cell">
                    Række
                  </th>
                  <th scope="col">Dato</th>
                  <th scope="col">Kode</th>
                  <th scope="col">Betegnelse</th>
                  <th scope="col">Afdeling</th>
                  <th scope="col" className="number-cell">
                    Antal
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>
                    <td className="number-cell">{formatNumber(r.row)}</td>
                    <td className="text-nowrap">{formatDay(r.date)}</td>
                    <td>{r.code}</td>
                    <td>{r.label}</td>
                    <td>{r.department ?? 'Hele området'}</td>
                    <td className="number-cell">{formatNumber(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        </>
      )}
      <div className="button-row d-flex mt-6">
        <button type="button" className="button button-primary" disabled={blocked || committing} onClick={onCommit}>
          {committing ? 'Gemmer …' : `Gem ${formatCount(preview.rowCount, 'tal', 'tal')}`}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={committing}>
          Annullér
        </button>
      </div>
      {blocked && <p className="small-text mt-3">{problems.length > 0 ? 'Tallene kan ikke gemmes, fordi filen har fejl.' : 'Filen har ingen tal at gemme.'}</p>}
    </section>
  )
}
