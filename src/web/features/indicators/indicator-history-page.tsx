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
import { followUpPath, historyKeyOf, readFollowUp, readValueHistory, retractValue, seriesAnchor, type ValueKey } from './indicators.api.ts'
import { ValueRetraction } from '../../../shared/indicators.ts'
import { may } from '../../../shared/permissions.ts'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'

// Every value recorded for one indicator row, group and period, newest first: a correction never
// overwrites, so the figure's history and the reasons for each change stay readable.

const TITLE = 'Historik for en værdi'

export function IndicatorHistoryPage() {
  const user = useCurrentUser()
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
        <p>
          Hver rettelse er gemt som en ny værdi med en begrundelse; de tidligere værdier bevares. Den nyeste står øverst og er den gældende. En værdi, der er trukket tilbage,
          betyder, at perioden ingen værdi har.
        </p>
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
        {may(user.role, 'indicator-values', 'create') && history[0] && !history[0].retracted && (
          <RetractForm
            planId={planId}
            agreementId={agreementId}
            valueKey={key}
            locked={followUp.periods.some((p) => p.period === key.period && p.locked)}
            onDone={data.reload}
          />
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

/** Retracting the period's value: a correction to "no value", with the reason, kept in the history above. */
function RetractForm({ planId, agreementId, valueKey, locked, onDone }: { planId: string; agreementId: string; valueKey: ValueKey; locked: boolean; onDone: () => void }) {
  const form = useForm<'reason'>({ fieldIds: { reason: 'retract-reason' } })
  const { values, field } = useFormValues(form, { reason: '' })
  const submit = form.handle(
    () => checked(ValueRetraction, { ...valueKey, reason: values.reason }),
    async (body) => {
      await retractValue(planId, agreementId, body)
      onDone()
    },
  )
  if (locked) return <p className="mt-6">Perioden er godkendt og låst, så værdien kan ikke trækkes tilbage. En projektleder kan låse perioden op med en begrundelse.</p>
  return (
    <form onSubmit={submit} noValidate aria-labelledby="retract-heading" className="mt-7">
      <h2 id="retract-heading">Træk værdien tilbage</h2>
      <p>Hvis perioden slet ikke skulle have haft en værdi (fx tallet hørte til en anden periode eller indikator), kan du trække den tilbage. Historikken bevares.</p>
      <FormProblems form={form} heading="Værdien blev ikke trukket tilbage" headingLevel={3} />
      <TextareaField {...field('reason')} label="Begrundelse" hint="Skal udfyldes. Højst 1000 tegn." maxLength={1000} rows={2} width="input-width-xl" />
      <button type="submit" className="button button-secondary" disabled={form.busy}>
        {form.busy ? 'Trækker tilbage …' : 'Træk værdien tilbage'}
      </button>
    </form>
  )
}
