import { Link, useParams, useSearchParams } from 'react-router'
import { populationLabels } from '../../../shared/indicators.ts'
import { formatDateTime } from '../../../shared/lib/format.ts'
import { periodLabel } from '../../../shared/lib/period.ts'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { AgreementLoadFailed, AgreementLoading, agreementCrumbs } from '../agreements/agreement-loading.tsx'
import { readAgreement } from '../agreements/agreements.api.ts'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { provenanceText, seriesName, valueText } from './indicator-format.ts'
import { FOLLOW_UP_TITLE } from './indicator-dashboard-page.tsx'
import { followUpPath, historyKeyOf, readFollowUp, readValueHistory, seriesAnchor } from './indicators.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

// Every value recorded for one indicator row, group and period, newest first: a correction never
// overwrites, so the figure's history and the reasons for each change stay readable.

const TITLE = 'Historik for en værdi'

export function IndicatorHistoryPage() {
  const { planId = '', agreementId = '' } = useParams()
  const [search] = useSearchParams()
  const key = historyKeyOf(search)
  const data = useResource(
    async (signal) => {
      if (!key) return null
      const [followUp, detail, history] = await Promise.all([
        readFollowUp(planId, agreementId, signal),
        readAgreement(planId, agreementId, undefined, signal),
        readValueHistory(planId, agreementId, key, signal),
      ])
      return { followUp, detail, history: history.values }
    },
    [planId, agreementId, search.toString()],
  )
  if (!key) return <NotFoundPage />
  if (data.status === 'loading') return <AgreementLoading title={TITLE} label="Henter historikken …" />
  if (data.status === 'failed') return <AgreementLoadFailed title={TITLE} error={data.error} onRetry={data.reload} />
  if (!data.data) return <NotFoundPage />
  const { followUp, detail, history } = data.data
  const series = followUp.series.find((s) => s.indicatorKey === key.indicatorKey && s.rowKey === key.rowKey)
  if (!series) return <NotFoundPage />
  const dashboard = followUpPath(planId, agreementId)
  const name = seriesName(series)

  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail, [{ label: FOLLOW_UP_TITLE, to: dashboard }, { label: TITLE }])} />
      <Page title={TITLE} lead={`${name} · ${populationLabels[key.population]} · ${periodLabel(key.period)}`}>
        <p>Hver rettelse er gemt som en ny værdi med en begrundelse; de tidligere værdier bevares. Den nyeste står øverst og er den gældende.</p>
        {history.length === 0 ? (
          <p>Der er ingen værdier for perioden.</p>
        ) : (
          <TableScroller label="Historik">
            <table className="table table--zebra table--compact history-table">
              <caption className="sr-only">Værdier for perioden, nyeste først</caption>
              <TableHead columns={['Registreret', { label: 'Værdi', className: 'number-cell' }, 'Begrundelse for rettelse', 'Kilde']} />
              <tbody>
                {history.map((value, i) => (
                  <tr key={value.id}>
                    <th scope="row" className="weight-normal text-nowrap">
                      <time dateTime={value.recordedAt}>{formatDateTime(value.recordedAt)}</time>
                      {i === 0 && <span className="cell-line small-text">Gældende</span>}
                      {value.definitionVersion !== series.definitionVersion && <span className="cell-line small-text">Tidligere definition</span>}
                    </th>
                    <td className="number-cell">{valueText(value, series, followUp.suppressed)}</td>
                    <td className="preserve-lines">{value.note ?? (i === history.length - 1 ? 'Første værdi' : '')}</td>
                    <td>{provenanceText(value.provenance)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
        <p className="mt-7">
          <Link to={`${dashboard}#${seriesAnchor(series.indicatorKey, series.rowKey)}`} className="back-link">
            Tilbage til opfølgningen
          </Link>
        </p>
      </Page>
    </>
  )
}
