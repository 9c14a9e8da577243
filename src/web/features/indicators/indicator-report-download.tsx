import { useState } from 'react'
import type { FollowUp } from '../../../shared/indicators.ts'
import { comparePeriods, periodLabel } from '../../../shared/lib/period.ts'
import type { ReportFormat } from '../../../shared/reports.ts'
import { SelectField } from '../../components/ui/select-field.tsx'

// The board's status report for a chosen period, as Word, Excel or PDF. The periods offered are
// those with values or an approval; the newest approved one is chosen first, since that is what
// the board usually gets.

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'docx', label: 'Word' },
  { format: 'xlsx', label: 'Excel' },
  { format: 'pdf', label: 'PDF' },
]

export function reportUrl(planId: string, agreementId: string, period: string, format: ReportFormat): string {
  return `/api/plans/${encodeURIComponent(planId)}/agreements/${encodeURIComponent(agreementId)}/report?${new URLSearchParams({ period, format }).toString()}`
}

export function ReportDownload({ followUp }: { followUp: FollowUp }) {
  const periods = [...new Set([...followUp.series.flatMap((s) => s.values.map((v) => v.period)), ...followUp.periods.map((p) => p.period)])].sort(
    (a, b) => comparePeriods(b, a),
  )
  const newestApproved = followUp.periods.filter((p) => p.locked).sort((a, b) => comparePeriods(b.period, a.period))[0]?.period
  const [period, setPeriod] = useState(newestApproved ?? periods[0] ?? '')
  const approved = followUp.periods.some((p) => p.period === period && p.locked)
  return (
    <section aria-labelledby="report-heading" className="follow-up-report">
      <h2 id="report-heading">Statusrapport til bestyrelsen</h2>
      {periods.length === 0 ? (
        <p>Der kan laves en statusrapport, når der er registreret værdier.</p>
      ) : (
        <>
          <SelectField
            id="report-period"
            label="Periode"
            hint="Rapporten viser hver indikators seneste værdi til og med perioden. Små antal er altid skjult i rapporten."
            value={period}
            onChange={(event) => setPeriod(event.target.value)}
            options={periods.map((p) => ({ value: p, label: `${periodLabel(p)}${followUp.periods.some((l) => l.period === p && l.locked) ? ' (godkendt)' : ''}` }))}
          />
          {!approved && <p className="small-text">Perioden er ikke godkendt, så rapporten er mærket »Foreløbig«.</p>}
          <p>
            Hent statusrapporten for {periodLabel(period)}:{' '}
            {FORMATS.map(({ format, label }, i) => (
              <span key={format}>
                {i > 0 && ' · '}
                <a href={reportUrl(followUp.planId, followUp.agreementId, period, format)} download>
                  {label}
                </a>
              </span>
            ))}
          </p>
        </>
      )}
    </section>
  )
}
