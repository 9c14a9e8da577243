import { useEffect } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import type { AgreementDetail } from '../../../shared/agreements.ts'
import type { FollowUp, IndicatorSeries } from '../../../shared/indicators.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { Icon } from '../../components/ui/icon.tsx'
import { Page } from '../../components/ui/page.tsx'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { AgreementLoadFailed, AgreementLoading, agreementCrumbs } from '../agreements/agreement-loading.tsx'
import { agreementPath, readAgreement } from '../agreements/agreements.api.ts'
import { FollowUpCompaniesSection } from '../companies/follow-up-companies.tsx'
import { FollowUpFunnelsSection } from '../pathways/follow-up-funnels.tsx'
import { FollowUpOutreachSection } from './follow-up-outreach.tsx'
import { IndicatorComments } from './indicator-comments.tsx'
import { plainText, seriesName } from './indicator-format.ts'
import { StatusHelp } from './indicator-overview-page.tsx'
import { PeriodLocks } from './indicator-period-locks.tsx'
import { ReportDownload } from './indicator-report-download.tsx'
import { type SeriesContext, SeriesBlock } from './indicator-series.tsx'
import { StatusBadge, StatusCounts } from './indicator-status-badge.tsx'
import { importPath, readFollowUp, seriesAnchor } from './indicators.api.ts'

// The agreement's follow-up: per goal, per indicator, per row, how the figures have moved against
// the baseline and the target, where each number came from, and what has been said about them.

export const FOLLOW_UP_TITLE = 'Opfølgning'

export function IndicatorDashboardPage() {
  const { planId = '', agreementId = '' } = useParams()
  const data = useResource(async (signal) => {
    const [followUp, detail] = await Promise.all([readFollowUp(planId, agreementId, signal), readAgreement(planId, agreementId, undefined, signal)])
    return { followUp, detail }
  }, [planId, agreementId])
  if (data.status === 'loading') return <AgreementLoading title={FOLLOW_UP_TITLE} label="Henter opfølgningen …" />
  if (data.status === 'failed') return <AgreementLoadFailed title={FOLLOW_UP_TITLE} error={data.error} onRetry={data.reload} />
  return <Dashboard key={agreementId} followUp={data.data.followUp} detail={data.data.detail} reload={data.reload} />
}

interface IndicatorGroup {
  key: string
  name: string
  rows: IndicatorSeries[]
}

interface GoalGroup {
  key: string
  text: string
  indicators: IndicatorGroup[]
}

/** The series in the agreement's order, grouped by goal and indicator. */
function groups(series: IndicatorSeries[]): GoalGroup[] {
  const goals: GoalGroup[] = []
  for (const s of series) {
    let goal = goals.find((g) => g.key === s.goalKey)
    if (!goal) goals.push((goal = { key: s.goalKey, text: s.goalText, indicators: [] }))
    let indicator = goal.indicators.find((i) => i.key === s.indicatorKey)
    if (!indicator) goal.indicators.push((indicator = { key: s.indicatorKey, name: s.indicatorName, rows: [] }))
    indicator.rows.push(s)
  }
  return goals
}

function Dashboard({ followUp, detail, reload }: { followUp: FollowUp; detail: AgreementDetail; reload: () => void }) {
  const user = useCurrentUser()
  const location = useLocation()
  const staff = may(user.role, 'indicator-values', 'create')
  const context: SeriesContext = {
    planId: followUp.planId,
    agreementId: followUp.agreementId,
    horizon: detail.content.validTo,
    suppressed: followUp.suppressed,
    lockedPeriods: new Set(followUp.periods.filter((p) => p.locked).map((p) => p.period)),
    canEnterValues: staff,
    onChanged: reload,
  }
  const goals = groups(followUp.series)

  // A link from the overview names one indicator row: go there once the page is drawn. After the
  // layout has put focus on the page heading, so this wins.
  useEffect(() => {
    const id = decodeURIComponent(location.hash.slice(1))
    if (!id) return
    const frame = requestAnimationFrame(() => {
      const target = document.getElementById(id)
      target?.focus()
      target?.scrollIntoView()
    })
    return () => cancelAnimationFrame(frame)
  }, [location.hash])

  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail, [{ label: FOLLOW_UP_TITLE }])} />
      <Page title={FOLLOW_UP_TITLE} lead={`${detail.content.title} – ${detail.plan.name}, ${detail.plan.municipality} Kommune`}>
        {followUp.suppressed && (
          <Alert variant="info" heading="Små tal er skjult">
            <p>
              Som bestyrelsesmedlem ser du ikke antal, der er så små, at enkeltpersoner kan genkendes. De står som »skjult af hensyn til små tal«. Andele
              vises.
            </p>
          </Alert>
        )}
        <section aria-labelledby="summary-heading" className="follow-up-summary">
          <h2 id="summary-heading">Status</h2>
          {followUp.series.length === 0 ? (
            <p>Delaftalen har ingen indikatorer.</p>
          ) : (
            <>
              <StatusCounts states={followUp.series.map((s) => s.status.state)} label="Antal indikatorrækker pr. status" />
              <ul className="nobullet-list no-max-width status-rows">
                {followUp.series.map((s) => (
                  <li key={`${s.indicatorKey}-${s.rowKey}`} className="status-row">
                    <StatusBadge state={s.status.state} />
                    <a href={`#${seriesAnchor(s.indicatorKey, s.rowKey)}`} className="status-row-text">
                      {seriesName(s)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <StatusHelp />
          <ul className="nobullet-list no-max-width follow-up-links">
            {staff && (
              <li>
                <Link to={importPath(followUp.planId, followUp.agreementId)} className="icon-link">
                  <Icon name="upload" />
                  Importér tal fra en fil (CSV eller Excel)
                </Link>
              </li>
            )}
            <li>
              <Link to={agreementPath(followUp.planId, followUp.agreementId)}>Læs delaftalen</Link>
            </li>
          </ul>
        </section>

        <PeriodLocks followUp={followUp} canLock={may(user.role, 'indicator-periods', 'update')} onChanged={reload} />

        <ReportDownload followUp={followUp} />

        <FollowUpOutreachSection planId={followUp.planId} agreementId={followUp.agreementId} />

        {may(user.role, 'funnel-figures', 'read') && <FollowUpFunnelsSection planId={followUp.planId} agreementId={followUp.agreementId} />}

        {may(user.role, 'company-figures', 'read') && <FollowUpCompaniesSection planId={followUp.planId} />}

        {goals.map((goal, gi) => (
          <section key={goal.key} className="follow-up-goal" aria-labelledby={`goal-${goal.key}`}>
            <p className="goal-kicker">Delmål {gi + 1}</p>
            <h2 id={`goal-${goal.key}`} className="goal-heading">
              {plainText(goal.text)}
            </h2>
            {goal.indicators.map((indicator) => {
              const single = indicator.rows.length === 1 && !indicator.rows[0]!.rowLabel
              return (
                <section key={indicator.key} className="follow-up-indicator" aria-labelledby={`indicator-${indicator.key}`}>
                  <h3 id={`indicator-${indicator.key}`}>{plainText(indicator.name)}</h3>
                  {indicator.rows.map((row) => (
                    // The anchor the overview links to; focusable so the link can move focus here.
                    <div key={row.rowKey} id={seriesAnchor(row.indicatorKey, row.rowKey)} tabIndex={-1} className="series-anchor">
                      <SeriesBlock series={row} context={context} headingLevel={4} showHeading={!single} />
                    </div>
                  ))}
                  <IndicatorComments
                    planId={followUp.planId}
                    agreementId={followUp.agreementId}
                    indicatorKey={indicator.key}
                    indicatorName={plainText(indicator.name)}
                    comments={followUp.comments.filter((c) => c.indicatorKey === indicator.key)}
                    canComment={staff}
                    idPrefix={`${indicator.key}-comments`}
                    headingLevel={4}
                    onSaved={reload}
                  />
                </section>
              )
            })}
          </section>
        ))}
      </Page>
    </>
  )
}
