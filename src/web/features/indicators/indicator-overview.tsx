import { Link } from 'react-router'
import type { FollowUpOverview } from '../../../shared/indicators.ts'
import { formatCount } from '../../../shared/lib/format.ts'
import { plainText, seriesName } from './indicator-format.ts'
import { StatusBadge, StatusCounts } from './indicator-status-badge.tsx'
import { followUpPath, seriesAnchor } from './indicators.api.ts'

// The status of every indicator row of a plan's agreements, at a glance: for the overview page and
// the plan page. A list, not a table: it is read from top to bottom, and on a phone as well.

type OverviewAgreement = FollowUpOverview['plans'][number]['agreements'][number]

export function AgreementStatusList({ planId, agreements, headingLevel }: { planId: string; agreements: OverviewAgreement[]; headingLevel: 3 | 4 }) {
  if (agreements.length === 0) return <p>Der er ingen delaftaler under helhedsplanen endnu.</p>
  const Heading = `h${headingLevel}` as const
  return (
    <ul className="nobullet-list no-max-width status-agreements">
      {agreements.map((agreement) => {
        const dashboard = followUpPath(planId, agreement.agreementId)
        const headingId = `status-${agreement.agreementId}`
        return (
          <li key={agreement.agreementId} className="status-agreement">
            <section aria-labelledby={headingId}>
              <p className="card-subheading">{agreement.effortAreaName}</p>
              <Heading id={headingId} className="status-agreement-heading">
                <Link to={dashboard}>
                  {agreement.title}
                  <span className="sr-only"> – opfølgning</span>
                </Link>
              </Heading>
              {agreement.series.length === 0 ? (
                <p>Delaftalen har ingen indikatorer.</p>
              ) : (
                <>
                  <p className="small-text mb-2">{formatCount(agreement.series.length, 'indikatorrække', 'indikatorrækker')}:</p>
                  <StatusCounts states={agreement.series.map((s) => s.status.state)} label={`Antal indikatorrækker pr. status i ${agreement.title}`} />
                  <ul className="nobullet-list no-max-width status-rows">
                    {agreement.series.map((series) => (
                      <li key={`${series.indicatorKey}-${series.rowKey}`} className="status-row">
                        <StatusBadge state={series.status.state} />
                        <span className="status-row-text">
                          <Link to={`${dashboard}#${seriesAnchor(series.indicatorKey, series.rowKey)}`}>{seriesName(series)}</Link>
                          <span className="cell-line small-text">{plainText(series.status.explanation)}</span>
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          </li>
        )
      })}
    </ul>
  )
}
