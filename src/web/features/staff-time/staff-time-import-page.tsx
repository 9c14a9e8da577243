import { type FormEvent, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatCount, formatDay, formatNumber } from '../../../shared/lib/format.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import type { StaffTimeImportPreview, StaffTimeOptions } from '../../../shared/staff-time.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { ActivityLoadFailed, ActivityLoading, planCrumbs } from '../enrolments/activity-loading.tsx'
import { fileProblem, ImportFileField, ImportProblemAlert, StagedPreview, UploadProgress, useStagedImport } from '../imports/staged-import.tsx'
import { listPlanMembers } from '../plans/plans.api.ts'
import { calendarImport, planStaffTimePath, readOptions, type StaffTimeImportTarget, timeSheetImport } from './staff-time.api.ts'
import { loadPlan, STAFF_TIME_TITLE } from './staff-time-loading.tsx'

// The job centre's own files through the two-step import (decision 011): the calendar export (one
// conversation per row) and a time sheet for one agreement (one person's hours in a week per row).
// The same steps, words and problem table as every other import; only the file's columns differ.

interface Kind {
  title: string
  lead: string
  id: string
  hint: string
  thing: [singular: string, plural: string]
  /** The preview's last column: minutes of a conversation or hours of a week. */
  amount: { label: string; format: (n: number) => string }
  dayLabel: string
}

const CALENDAR: Kind = {
  title: 'Indlæs jobcentrets kalender',
  lead: 'Indlæs samtalerne fra jobcentrets kalendereksport. Intet gemmes, før filen er uden fejl, og så gemmes alle samtaler på én gang.',
  id: 'calendar',
  hint: 'CSV med semikolon eller Excel (.xlsx) med overskrifterne Dato, Medarbejder (e-mail), Aktivitet, Sted og Varighed (minutter), og gerne Transport og Administration (minutter).',
  thing: ['samtale', 'samtaler'],
  amount: { label: 'Varighed', format: (n) => formatCount(n, 'minut', 'minutter') },
  dayLabel: 'Dato',
}

const TIME_SHEET: Kind = {
  title: 'Indlæs et timeskema',
  lead: 'Indlæs medarbejdernes timer pr. uge fra et timeskema. Intet gemmes, før filen er uden fejl, og så gemmes alle timer på én gang.',
  id: 'time-sheet',
  hint: 'CSV med semikolon eller Excel (.xlsx) med overskrifterne Uge (fx 2025-W27 eller »uge 27 2025«), Medarbejder (e-mail), Aktivitet og Timer.',
  thing: ['række timer', 'rækker timer'],
  amount: { label: 'Timer', format: (n) => formatNumber(n, 1) },
  dayLabel: 'Uge fra',
}

async function loadNames(planId: string, signal: AbortSignal) {
  const [plan, options, members] = await Promise.all([loadPlan(planId, signal), readOptions(planId, signal), listPlanMembers(planId, signal)])
  return { plan, options, staff: new Map(members.members.map((m) => [m.id, m.name])) }
}

/** /planer/:planId/tid/samtaler/importer */
export function CalendarImportPage() {
  const { planId = '' } = useParams()
  return <StaffTimeImport planId={planId} kind={CALENDAR} target={calendarImport(planId)} />
}

/** /planer/:planId/tid/delaftaler/:agreementId/timeskema */
export function TimeSheetImportPage() {
  const { planId = '', agreementId = '' } = useParams()
  return <StaffTimeImport planId={planId} kind={TIME_SHEET} target={timeSheetImport(planId, agreementId)} agreementId={agreementId} />
}

function StaffTimeImport({ planId, kind, target, agreementId }: { planId: string; kind: Kind; target: StaffTimeImportTarget; agreementId?: string }) {
  const data = useResource((signal) => loadNames(planId, signal), [planId])
  if (data.status === 'loading') return <ActivityLoading title={kind.title} label="Henter helhedsplanen …" />
  if (data.status === 'failed') return <ActivityLoadFailed title={kind.title} error={data.error} onRetry={data.reload} />
  const agreement = agreementId ? data.data.options.agreements.find((a) => a.id === agreementId) : undefined
  return <ImportScreen key={kind.id} plan={data.data.plan} options={data.data.options} staff={data.data.staff} kind={kind} target={target} agreementTitle={agreement?.title} />
}

function ImportScreen({
  plan,
  options,
  staff,
  kind,
  target,
  agreementTitle,
}: {
  plan: PlanDto
  options: StaffTimeOptions
  staff: Map<string, string>
  kind: Kind
  target: StaffTimeImportTarget
  agreementTitle: string | undefined
}) {
  const flow = useStagedImport<StaffTimeImportPreview, { rowCount: number }>({
    upload: target.upload,
    commit: (preview) => target.commit(preview.importId),
    discard: (preview) => target.discard(preview.importId),
    failed: { upload: 'Filen blev ikke indlæst', commit: `${kind.thing[1][0]!.toUpperCase()}${kind.thing[1].slice(1)} blev ikke gemt` },
  })
  const { step } = flow
  const [fileError, setFileError] = useState<string | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const activities = new Map(options.activities.map((a) => [a.id, a.name]))
  const [one, many] = kind.thing

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
      <Breadcrumbs items={planCrumbs(plan, [{ label: STAFF_TIME_TITLE, to: planStaffTimePath(plan.id) }, { label: kind.title }])} />
      <Page title={kind.title} lead={agreementTitle ? `${agreementTitle}. ${kind.lead}` : kind.lead}>
        <ImportProblemAlert problem={flow.problem} />
        {step.kind === 'done' && (
          <Alert variant="success" heading={`${formatCount(step.committed.rowCount, one, many)} fra ${step.fileName} er gemt`}>
            <p>
              <Link to={planStaffTimePath(plan.id)}>Tilbage til tid og løfter</Link>
            </p>
          </Alert>
        )}
        {(step.kind === 'choose' || step.kind === 'uploading' || step.kind === 'done') && (
          <form onSubmit={send} noValidate aria-label={kind.title}>
            <ImportFileField id={`${kind.id}-file`} hint={kind.hint} error={fileError} inputRef={fileRef} disabled={step.kind === 'uploading'} />
            {step.kind === 'uploading' ? (
              <UploadProgress id={`${kind.id}-progress`} step={step} onStop={flow.stop} />
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
            id={`${kind.id}-preview`}
            headingLevel={2}
            focusHeading
            problemsText="Intet er gemt. Ret fejlene i filen, og indlæs den igen. Rækkerne er talt som i regnearket, med overskriftsrækken som række 1."
            blockedBecause={step.preview.problems.length > 0 ? 'Intet kan gemmes, fordi filen har fejl.' : step.preview.rowCount === 0 ? `Filen har ingen ${many} at gemme.` : null}
            saveLabel={`Gem ${formatCount(step.preview.rowCount, one, many)}`}
            committing={step.committing}
            onCommit={() => void flow.commit(step.preview)}
            onCancel={() => void flow.cancel(step.preview)}
          >
            <p>
              Filen har {formatCount(step.preview.rowCount, one, many)}.{step.preview.rowCount > step.preview.rows.length && <> Herunder ses de første {formatNumber(step.preview.rows.length)}.</>}
            </p>
            <TableScroller label={`Indholdet af ${step.preview.fileName}`}>
              <table className="table table--zebra table--compact">
                <caption>Rækker i filen</caption>
                <TableHead columns={[{ label: 'Række', className: 'number-cell' }, kind.dayLabel, 'Medarbejder', 'Aktivitet', { label: kind.amount.label, className: 'number-cell' }]} />
                <tbody>
                  {step.preview.rows.map((r) => (
                    <tr key={r.row}>
                      <td className="number-cell">{formatNumber(r.row)}</td>
                      <td>{formatDay(r.day)}</td>
                      <td>{staff.get(r.staffId) ?? ''}</td>
                      <td>{activities.get(r.activityId) ?? ''}</td>
                      <td className="number-cell">{kind.amount.format(r.minutesOrHours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          </StagedPreview>
        )}
        <p className="mt-7">
          <Link to={planStaffTimePath(plan.id)} className="back-link">
            Tilbage til tid og løfter
          </Link>
        </p>
      </Page>
    </>
  )
}
