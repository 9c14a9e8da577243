import { type FormEvent, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { type AgreementDetail, revisionSourceLabels } from '../../../shared/agreements.ts'
import { formatDate, formatDateTime } from '../../../shared/lib/format.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { ErrorSummary } from '../../components/ui/error-summary.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import type { Checked } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { AgreementLoadFailed, AgreementLoading, agreementCrumbs } from './agreement-loading.tsx'
import { agreementComparePath, agreementPath, readAgreement } from './agreements.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

export function AgreementHistoryPage() {
  const { planId = '', agreementId = '' } = useParams()
  const agreement = useResource((signal) => readAgreement(planId, agreementId, undefined, signal), [planId, agreementId])
  if (agreement.status === 'loading') return <AgreementLoading title="Revisionshistorik" label="Henter revisionerne …" />
  if (agreement.status === 'failed') return <AgreementLoadFailed title="Revisionshistorik" error={agreement.error} onRetry={agreement.reload} />
  return <History key={agreement.data.id} detail={agreement.data} />
}

function History({ detail }: { detail: AgreementDetail }) {
  const { revisions } = detail
  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail, [{ label: 'Revisionshistorik' }])} />
      <Page title="Revisionshistorik" lead={`${detail.content.title} – ${detail.plan.name}`}>
        <p>Hver ændring af delaftalen er en ny revision. De tidligere revisioner bevares, så de kan læses og sammenlignes. Nyeste revision står øverst.</p>
        <TableScroller label="Revisioner">
          <table className="table table--zebra table--compact revision-table">
            <caption className="sr-only">Revisioner af delaftalen, nyeste først</caption>
            <TableHead columns={['Revision', 'Gældende fra', 'Bestyrelsesbeslutning', 'Kilde', 'Oprettet af', 'Oprettet']} />
            <tbody>
              {revisions.map((revision) => (
                <tr key={revision.number}>
                  <th scope="row" className="weight-normal text-nowrap">
                    <Link to={agreementPath(detail.planId, detail.id, revision.number)}>Revision {revision.number}</Link>
                    {revision.number === detail.latestRevisionNumber && <span className="cell-line small-text">Nyeste</span>}
                  </th>
                  <td className="text-nowrap">{formatDate(revision.effectiveFrom)}</td>
                  <td>
                    {revision.boardDecision}
                    {revision.note && <span className="cell-line small-text preserve-lines">{revision.note}</span>}
                  </td>
                  <td>{revisionSourceLabels[revision.source]}</td>
                  <td>{revision.createdBy}</td>
                  <td className="text-nowrap">
                    <time dateTime={revision.createdAt}>{formatDateTime(revision.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>

        <h2 className="mt-8">Sammenlign revisioner</h2>
        {revisions.length < 2 ? (
          <p>Der er kun én revision, så der er ikke noget at sammenligne endnu.</p>
        ) : (
          <CompareForm detail={detail} />
        )}
      </Page>
    </>
  )
}

function CompareForm({ detail }: { detail: AgreementDetail }) {
  const navigate = useNavigate()
  const { revisions } = detail
  // The two newest: "what changed in the last revision" is the usual question.
  const [from, setFrom] = useState(String(revisions[1]?.number ?? ''))
  const [to, setTo] = useState(String(revisions[0]?.number ?? ''))
  const form = useForm({ fieldIds: { to: 'compare-to' } })
  const options = revisions.map((r) => ({ value: String(r.number), label: `Revision ${r.number} (${formatDate(r.effectiveFrom)})` }))

  function submit(event: FormEvent) {
    event.preventDefault()
    const pair = form.check((): Checked<[number, number]> => (from === to ? { errors: { to: 'Vælg to forskellige revisioner.' } } : { body: [Number(from), Number(to)] }))
    if (pair) navigate(agreementComparePath(detail.planId, detail.id, ...pair))
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Sammenlign revisioner">
      <ErrorSummary errors={form.summary} />
      <div className="field-row compare-form">
        <SelectField id="compare-from" label="Sammenlign revision" options={options} value={from} onChange={(e) => setFrom(e.target.value)} />
        <SelectField id="compare-to" label="med" options={options} value={to} onChange={(e) => setTo(e.target.value)} error={form.errors.to} />
        <div className="form-group">
          <button type="submit" className="button button-primary">
            Sammenlign
          </button>
        </div>
      </div>
    </form>
  )
}
