import { type FormEvent, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatCount, formatDay, formatNumber } from '../../../shared/lib/format.ts'
import { may } from '../../../shared/permissions.ts'
import type { TargetGroupCommitted, TargetGroupPreview, TargetGroupSnapshot, TargetGroupValue } from '../../../shared/target-groups.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { Dash } from '../imports/import-problems-table.tsx'
import { fileProblem, ImportFileField, ImportProblemAlert, StagedPreview, UploadProgress, useStagedImport } from '../imports/staged-import.tsx'
import { planPath } from '../plans/plans.api.ts'
import { commitTargetGroups, discardTargetGroups, readTargetGroups, uploadTargetGroups } from './target-groups.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

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

function TargetGroupUpload({ planId, onSaved }: { planId: string; onSaved: () => void }) {
  const flow = useStagedImport<TargetGroupPreview, TargetGroupCommitted>({
    upload: (file, options) => uploadTargetGroups(planId, file, options),
    commit: (preview) => commitTargetGroups(planId, preview.importId),
    discard: (preview) => discardTargetGroups(planId, preview.importId),
    failed: { upload: 'Filen blev ikke indlæst', commit: 'Tallene blev ikke gemt' },
    onCommitted: onSaved,
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
    <section aria-labelledby="maalgrupper-upload" className="mt-8">
      <h2 id="maalgrupper-upload">Indlæs målgruppetal</h2>
      <ImportProblemAlert problem={flow.problem} headingLevel={3} />
      {step.kind === 'done' && (
        <Alert variant="success" heading={`${formatCount(step.committed.rowCount, 'tal', 'tal')} fra ${step.fileName} er gemt`} headingLevel={3}>
          <p>Tabellen ovenfor er opdateret.</p>
        </Alert>
      )}
      {(step.kind === 'choose' || step.kind === 'uploading' || step.kind === 'done') && (
        <form onSubmit={send} noValidate aria-label="Indlæs målgruppetal fra en fil">
          <ImportFileField
            id="maalgrupper-file"
            hint="CSV med semikolon eller Excel (.xlsx) med kolonnerne dato, kode, betegnelse, afdeling og antal."
            error={fileError}
            inputRef={fileRef}
            disabled={step.kind === 'uploading'}
          />
          {step.kind === 'uploading' ? (
            <UploadProgress id="maalgrupper-progress" step={step} onStop={flow.stop} />
          ) : (
            <button type="submit" className="button button-primary">
              Indlæs fil
            </button>
          )}
        </form>
      )}
      {step.kind === 'preview' && (
        <Preview preview={step.preview} committing={step.committing} onCommit={() => void flow.commit(step.preview)} onCancel={() => void flow.cancel(step.preview)} />
      )}
    </section>
  )
}

function Preview({ preview, committing, onCommit, onCancel }: { preview: TargetGroupPreview; committing: boolean; onCommit: () => void; onCancel: () => void }) {
  return (
    <StagedPreview
      preview={preview}
      id="maalgrupper-preview"
      headingLevel={3}
      problemsText="Intet er gemt. Ret fejlene i filen, og indlæs den igen. Rækkerne er talt som i regnearket, med overskriftsrækken som række 1."
      blockedBecause={preview.problems.length > 0 ? 'Tallene kan ikke gemmes, fordi filen har fejl.' : preview.rowCount === 0 ? 'Filen har ingen tal at gemme.' : null}
      saveLabel={`Gem ${formatCount(preview.rowCount, 'tal', 'tal')}`}
      committing={committing}
      onCommit={onCommit}
      onCancel={onCancel}
    >
      <p>
        Filen har {formatCount(preview.rowCount, 'tal', 'tal')} opgjort {preview.dates.map((d) => formatDay(d)).join(', ')}.
        {preview.rowCount > preview.rows.length && <> Herunder ses de første {formatNumber(preview.rows.length)}.</>}
      </p>
      <TableScroller label="Tal i filen">
        <table className="table table--zebra table--compact">
          <caption>Tal i filen</caption>
          <TableHead columns={[{ label: 'Række', className: 'number-cell' }, 'Dato', 'Kode', 'Betegnelse', 'Afdeling', { label: 'Antal', className: 'number-cell' }]} />
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
    </StagedPreview>
  )
}
