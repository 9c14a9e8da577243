import { useEffect } from 'react'
import { Link } from 'react-router'
import { type ActivityFigures, ComputedValueCreate } from '../../../shared/enrolments.ts'
import type { FollowUp } from '../../../shared/indicators.ts'
import { periodLabel } from '../../../shared/lib/period.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { listAgreements } from '../agreements/agreements.api.ts'
import { plainText, provenanceText, valueText } from '../indicators/indicator-format.ts'
import { followUpPath, readFollowUp } from '../indicators/indicators.api.ts'
import { transferFigure } from './activities.api.ts'
import { type PeriodOption, figureValueText } from './figures-format.ts'

// "Overfør til opfølgning": a computed figure becomes the value of an agreement's indicator row for
// a period, stored as computed (with the rule and its version) so the follow-up says where it came
// from. A period that already has a value is corrected, and a correction needs a reason.

type Field = 'figure' | 'agreementId' | 'indicatorKey' | 'rowKey' | 'period' | 'note'

const fieldIds: Record<Field, string> = {
  figure: 'transfer-figure',
  agreementId: 'transfer-agreement',
  indicatorKey: 'transfer-indicator',
  rowKey: 'transfer-row',
  period: 'transfer-period',
  note: 'transfer-note',
}

interface Done {
  heading: string
  agreementId: string
  agreementTitle: string
}

export interface FigureTransferFormProps {
  planId: string
  activityId: string
  /** The figures on the page; the form starts on their period and follows it when another is shown. */
  figures: ActivityFigures
  periodOptions: PeriodOption[]
}

export function FigureTransferForm({ planId, activityId, figures, periodOptions }: FigureTransferFormProps) {
  const form = useForm<Field, Done>({ fieldIds })
  const { values, set, field } = useFormValues(form, { figure: '', agreementId: '', indicatorKey: '', rowKey: '', period: figures.period, note: '' })
  const { figure, agreementId, indicatorKey, rowKey, period, note } = values

  // The figures above moved to another period: follow them, so the value shown is the one sent.
  useEffect(() => set('period', figures.period), [figures.period])

  const agreements = useResource((signal) => listAgreements(planId, signal), [planId])
  const followUp = useResource<FollowUp | null>((signal) => (agreementId ? readFollowUp(planId, agreementId, signal) : Promise.resolve(null)), [planId, agreementId])
  // The previous agreement's follow-up stays while the next one loads; never offer its indicators.
  const series = followUp.status === 'ready' && followUp.data?.agreementId === agreementId ? followUp.data.series : null

  const indicators = series ? [...new Map(series.map((s) => [s.indicatorKey, plainText(s.indicatorName)])).entries()] : []
  const rows = series?.filter((s) => s.indicatorKey === indicatorKey) ?? []
  const chosenRow = rows.find((s) => s.rowKey === rowKey)
  const existing = chosenRow ? [...chosenRow.values, ...chosenRow.earlierDefinition].filter((v) => v.population === 'area' && v.period === period).at(-1) : undefined
  const locked = series !== null && (followUp.data?.periods.some((p) => p.period === period && p.locked) ?? false)
  const chosenFigure = figures.figures.find((f) => f.key === figure)
  const agreementTitle = agreements.status === 'ready' ? (agreements.data.agreements.find((a) => a.id === agreementId)?.title ?? '') : ''

  function chooseAgreement(id: string) {
    set('agreementId', id)
    set('indicatorKey', '')
    set('rowKey', '')
  }

  function chooseIndicator(key: string) {
    set('indicatorKey', key)
    // An indicator with one row has nothing to choose.
    const only = series?.filter((s) => s.indicatorKey === key)
    set('rowKey', only?.length === 1 ? only[0]!.rowKey : '')
  }

  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      if (!figure) problems.figure = 'Vælg det nøgletal, der skal overføres.'
      if (!agreementId) problems.agreementId = 'Vælg delaftalen.'
      if (!indicatorKey) problems.indicatorKey = 'Vælg indikatoren, tallet skal gemmes på.'
      if (!rowKey) problems.rowKey = 'Vælg rækken.'
      if (existing && !note.trim()) problems.note = 'Perioden har allerede en værdi. Skriv hvorfor den erstattes.'
      return checked(ComputedValueCreate, { figure, activityId, agreementId, indicatorKey, rowKey, period, note: note.trim() || undefined }, problems)
    },
    async (body) => {
      await transferFigure(planId, body)
      const name = chosenFigure?.name ?? 'Nøgletallet'
      set('note', '')
      followUp.reload()
      return { heading: `${name} for ${periodLabel(period)} er overført`, agreementId, agreementTitle }
    },
  )

  return (
    <section aria-labelledby="transfer-heading" className="activity-section">
      <h2 id="transfer-heading">Overfør til opfølgning</h2>
      <p className="activity-intro">
        Gem et nøgletal som værdi for en indikator i en delaftales opfølgning. Værdien gemmes som beregnet, sammen med beregningsreglen, så det altid kan ses, hvor
        tallet kommer fra.
      </p>
      {agreements.status === 'loading' && <Spinner label="Henter delaftalerne …" />}
      {agreements.status === 'failed' && <LoadError message={messageOf(agreements.error)} onRetry={agreements.reload} heading="Delaftalerne kunne ikke hentes" />}
      {agreements.status === 'ready' && (
        <form onSubmit={submit} noValidate className="transfer-form" aria-labelledby="transfer-heading">
          {form.done && (
            <Alert key={form.done.seq} variant="success" heading={form.done.heading} headingLevel={3} focusOnMount>
              <p>
                <Link to={followUpPath(planId, form.done.agreementId)}>Se opfølgningen for {form.done.agreementTitle}</Link>
              </p>
            </Alert>
          )}
          <FormProblems form={form} heading="Nøgletallet blev ikke overført" headingLevel={3} />
          <SelectField
            {...field('figure')}
            label="Nøgletal"
            placeholder="Vælg nøgletal"
            options={figures.figures.map((f) => ({ value: f.key, label: f.name }))}
          />
          <SelectField
            id={fieldIds.agreementId}
            label="Delaftale"
            placeholder="Vælg delaftale"
            options={agreements.data.agreements.map((a) => ({ value: a.id, label: a.title }))}
            value={agreementId}
            onChange={(e) => chooseAgreement(e.target.value)}
            error={form.errors.agreementId}
          />
          {agreementId && followUp.status === 'failed' && (
            <LoadError message={messageOf(followUp.error)} onRetry={followUp.reload} heading="Delaftalens indikatorer kunne ikke hentes" />
          )}
          <SelectField
            id={fieldIds.indicatorKey}
            label="Indikator"
            hint={!agreementId ? 'Vælg først delaftalen.' : series === null ? 'Henter indikatorerne …' : undefined}
            placeholder="Vælg indikator"
            options={indicators.map(([key, name]) => ({ value: key, label: name }))}
            value={indicatorKey}
            onChange={(e) => chooseIndicator(e.target.value)}
            error={form.errors.indicatorKey}
            disabled={series === null}
          />
          <SelectField
            {...field('rowKey')}
            label="Række"
            hint={rows.length === 1 ? 'Indikatoren har kun én række.' : undefined}
            placeholder="Vælg række"
            options={rows.map((s) => ({ value: s.rowKey, label: s.rowLabel ?? 'Hele indikatoren' }))}
            disabled={rows.length === 0}
          />
          <SelectField
            {...field('period')}
            label="Periode"
            hint={
              locked
                ? 'Perioden er godkendt og låst i opfølgningen, så der kan ikke gemmes tal i den.'
                : period === figures.period && chosenFigure
                  ? `Værdien, der overføres: ${figureValueText(chosenFigure)}.`
                  : 'Tallet beregnes for den valgte periode, når det overføres.'
            }
            options={periodOptions}
          />
          <TextareaField
            {...field('note')}
            label={
              <>
                Begrundelse for at erstatte værdien
                {existing && <span className="required-note"> (skal udfyldes)</span>}
              </>
            }
            hint={
              existing && chosenRow
                ? `${periodLabel(period)} har allerede værdien ${valueText(existing, chosenRow, false)} (${provenanceText(existing.provenance)}). Skriv hvorfor den erstattes.`
                : 'Skal kun udfyldes, når perioden allerede har en værdi.'
            }
            required={existing !== undefined}
            rows={2}
            width="input-width-xl"
          />
          <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
            {form.busy ? 'Overfører …' : 'Overfør til opfølgning'}
          </button>
        </form>
      )}
    </section>
  )
}
