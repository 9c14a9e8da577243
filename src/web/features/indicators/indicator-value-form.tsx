import { useState } from 'react'
import { type IndicatorSeries, type Population, ValueCreate, populationLabels } from '../../../shared/indicators.ts'
import { periodLabel } from '../../../shared/lib/period.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ErrorSummary } from '../../components/ui/error-summary.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { countProblem, readDanishNumber, shareProblem, tooPrecise, tooPreciseMessage } from '../../../shared/lib/danish-number.ts'
import { ApiError } from '../../lib/api.ts'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { provenanceText, seriesName, valueText } from './indicator-format.ts'
import { PeriodField, periodFromText } from './indicator-period-field.tsx'
import { addValue } from './indicators.api.ts'

// Typing in one value for one indicator row: a period, which group, a share and/or a count. A
// second value for a period is a correction, and then the form asks why (the server insists too).

type Field = 'period' | 'population' | 'share' | 'count' | 'note'

/** A number typed in the form, read exactly as the importer reads a cell: the same words for the same mistake. */
function typedNumber(text: string, problem: (written: string) => string): { value: number | undefined } | { error: string } {
  const written = text.trim()
  if (written === '') return { value: undefined }
  const value = readDanishNumber(written)
  if (value === null) return { error: problem(written) }
  if (tooPrecise(written)) return { error: tooPreciseMessage(written) }
  return { value }
}

const FIELDS: readonly Field[] = ['period', 'population', 'share', 'count', 'note']

export interface ValueFormProps {
  planId: string
  agreementId: string
  series: IndicatorSeries
  lockedPeriods: ReadonlySet<string>
  /** Ids are unique on the dashboard, where every indicator row has a form. */
  idPrefix: string
  /** For the headings of the form's messages: one below the heading the form stands under. */
  headingLevel: 4 | 5 | 6
  onSaved: () => void
}

export function ValueForm({ planId, agreementId, series, lockedPeriods, idPrefix, headingLevel, onSaved }: ValueFormProps) {
  const [periodText, setPeriodText] = useState('')
  const [population, setPopulation] = useState<Population>('area')
  const [shareText, setShareText] = useState('')
  const [countText, setCountText] = useState('')
  const [note, setNote] = useState('')
  // A count far from the baseline is asked about by the server; the user confirms it here.
  const [implausible, setImplausible] = useState<string | null>(null)
  const [confirmed, setConfirmed] = useState(false)
  const id = (field: Field) => (field === 'population' ? `${idPrefix}-population-0` : `${idPrefix}-${field}`)
  const form = useForm<Field, { heading: string; text: string }>({
    fields: FIELDS,
    fieldId: id,
    handleError: (error) => {
      if (error instanceof ApiError && error.code === 'confirmation_required') setImplausible(error.message)
      return false
    },
  })
  const name = seriesName(series)

  const read = periodFromText(periodText)
  const period = 'period' in read ? read.period : null
  // Any earlier value for the period, also one under an earlier definition: the server asks why for both.
  const existing = period
    ? [...series.values, ...series.earlierDefinition].filter((v) => v.population === population && v.period === period).at(-1)
    : undefined

  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      if ('error' in read) problems.period = read.error
      const shareRead = typedNumber(shareText, shareProblem)
      const countRead = typedNumber(countText, countProblem)
      const share = 'value' in shareRead ? shareRead.value : undefined
      const count = 'value' in countRead ? countRead.value : undefined
      if ('error' in shareRead) problems.share = shareRead.error
      if ('error' in countRead) problems.count = countRead.error
      if (existing && !note.trim()) problems.note = 'Perioden har allerede en værdi. Skriv hvorfor værdien rettes.'
      return checked(
        ValueCreate,
        {
          indicatorKey: series.indicatorKey,
          rowKey: series.rowKey,
          population,
          period: period ?? '',
          share,
          count,
          note: note.trim() || undefined,
          ...(implausible && confirmed ? { confirmImplausible: true } : {}),
        },
        problems,
      )
    },
    async (body) => {
      await addValue(planId, agreementId, body)
      const label = periodLabel(body.period)
      const given = [body.share !== undefined ? `${shareText.trim()} %` : null, body.count !== undefined ? `antal ${countText.trim()}` : null]
      setPeriodText('')
      setShareText('')
      setCountText('')
      setNote('')
      setImplausible(null)
      setConfirmed(false)
      onSaved()
      return {
        heading: existing ? `Værdien for ${label} er rettet` : `Værdien for ${label} er gemt`,
        text: `${populationLabels[population]}: ${given.filter(Boolean).join(', ')}.`,
      }
    },
  )

  const noteRequired = existing !== undefined
  // Folded away until wanted: a dashboard has a form under every indicator row.
  return (
    <details className="details entry-details">
      <summary className="details-summary">
        Registrér en værdi<span className="sr-only"> for {name}</span>
      </summary>
      <div className="details-text">
        <form onSubmit={submit} noValidate className="value-form" aria-label={`Registrér en værdi for ${name}`}>
          {form.done && (
            <Alert key={form.done.seq} variant="success" heading={form.done.heading} headingLevel={headingLevel} focusOnMount>
              <p>{form.done.text}</p>
            </Alert>
          )}
          {/* A conflict here is a period locked since the page was read. */}
          {form.failure && (
            <Alert key={form.failure.seq} variant="error" heading={form.failure.code === 'conflict' ? 'Perioden er låst' : 'Værdien blev ikke gemt'} headingLevel={headingLevel} focusOnMount>
              <p>{form.failure.message}</p>
            </Alert>
          )}
          <ErrorSummary errors={form.summary} headingLevel={headingLevel} />
          <div className="field-row">
            <PeriodField
              id={id('period')}
              value={periodText}
              onChange={setPeriodText}
              error={form.errors.period}
              noteFor={(p) => (lockedPeriods.has(p) ? 'Perioden er godkendt og låst, så der kan ikke registreres tal i den.' : undefined)}
            />
            <RadioGroup
              id={`${idPrefix}-population`}
              legend="Gruppe"
              inline
              options={[
                { value: 'area', label: 'Boligområde/målgruppe' },
                { value: 'comparison', label: 'Kommune (sammenligning)' },
              ]}
              value={population}
              onChange={(v) => setPopulation(v as Population)}
              error={form.errors.population}
            />
          </div>
          <div className="field-row">
            <TextField id={id('share')} label="Andel (%)" hint="Fx 21,5 (komma som decimaltegn)" inputMode="decimal" value={shareText} onChange={(e) => setShareText(e.target.value)} error={form.errors.share} width="input-width-xs" />
            <TextField
              id={id('count')}
              label="Antal"
              hint="Fx 233, 1.736 eller 22,2"
              inputMode="decimal"
              value={countText}
              onChange={(e) => {
                setCountText(e.target.value)
                setImplausible(null)
                setConfirmed(false)
              }}
              error={form.errors.count}
              width="input-width-xs"
            />
          </div>
          {implausible && (
            <CheckboxGroup
              id={`${idPrefix}-confirm`}
              legend="Bekræft antallet"
              hint={implausible}
              options={[{ value: 'yes', label: 'Antallet er rigtigt. Gem det.' }]}
              values={confirmed ? ['yes'] : []}
              onChange={(v) => setConfirmed(v.includes('yes'))}
            />
          )}
          <TextareaField
            id={id('note')}
            label={
              <>
                Begrundelse for rettelse
                {noteRequired && <span className="required-note"> (skal udfyldes)</span>}
              </>
            }
            hint={
              existing
                ? `${periodLabel(existing.period)} har allerede værdien ${valueText(existing, series, false)} (${provenanceText(existing.provenance)}). Skriv hvorfor den rettes.`
                : 'Skal kun udfyldes, når perioden allerede har en værdi.'
            }
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={form.errors.note}
            required={noteRequired}
            rows={2}
            width="input-width-xl"
          />
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? 'Gemmer …' : existing ? 'Gem rettelse' : 'Gem værdi'}
          </button>
        </form>
      </div>
    </details>
  )
}
