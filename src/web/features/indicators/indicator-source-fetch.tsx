import { useState } from 'react'
import { Link } from 'react-router'
import { type ComparisonFetch, type ComparisonFetchPreview, type ComparisonSource, comparisonSourceLabels } from '../../../shared/comparison-sources.ts'
import type { FollowUp } from '../../../shared/indicators.ts'
import { formatDateTime } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ErrorSummary } from '../../components/ui/error-summary.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { TextareaField } from '../../components/ui/textarea-field.tsx'
import { ApiError } from '../../lib/api.ts'
import type { Checked, FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { plainText } from './indicator-format.ts'
import { fetchComparison } from './indicators.api.ts'

// The comparison population's figures (the municipality beside the housing area), fetched from
// Danmarks Statistik's StatBank or from Jobindsats instead of uploaded. The answer is an ordinary
// import preview, shown and then saved or discarded by the import page like a file's.
// See docs/value-import-format.md, "Kommunetal fra Danmarks Statistik og Jobindsats".

type Measure = 'share' | 'count'
type Unit = 'percent' | 'fraction'

/** The ids of the fields, which the error summary links to. */
const FIELD = {
  source: 'fetch-source-0',
  row: 'fetch-row',
  measure: 'fetch-measure-0',
  unit: 'fetch-unit-0',
  table: 'fetch-table',
  variables: 'fetch-variables',
  area: 'fetch-area',
  periods: 'fetch-periods',
  measureName: 'fetch-measure-name',
} as const

export interface SourceFetchProps {
  followUp: FollowUp
  /** The plan's municipality: the usual area of a Jobindsats fetch. */
  municipality: string
  /** The source's answer, to be shown as the usual preview. */
  onPreview: (preview: ComparisonFetchPreview) => void
  /** A failure that is not about one field: shown by the page in its error alert. */
  fail: (heading: string, error: unknown) => void
  /** Clears the page's error alert before a new try. */
  clearProblem: () => void
  dashboard: string
}

export function SourceFetch({ followUp, municipality, onPreview, fail, clearProblem, dashboard }: SourceFetchProps) {
  // Every indicator row of the agreement, in the agreement's order: goal › indicator › row.
  const targets = followUp.series.map((s) => ({
    value: `${s.indicatorKey}|${s.rowKey}`,
    label: [plainText(s.goalText), plainText(s.indicatorName), s.rowLabel].filter(Boolean).join(' › '),
  }))
  const [source, setSource] = useState<ComparisonSource>('statbank')
  const [measure, setMeasure] = useState<Measure>('share')
  const [unit, setUnit] = useState<Unit>('percent')
  const form = useForm({
    fieldIds: FIELD,
    fromIssues: fieldErrors,
    // Only the fields' problems are the form's; any other failure goes to the page's alert.
    handleError: (error) => {
      if (error instanceof ApiError && error.code === 'validation' && error.issues.length > 0) return false
      fail(`Tallene kunne ikke hentes fra ${comparisonSourceLabels[source]}`, error)
      return true
    },
  })

  const { values, field } = useFormValues(form, { row: '', table: '', variables: '', area: municipality, periods: '', measureName: '' })

  const send = form.handle(
    (): Checked<ComparisonFetch> => {
      clearProblem()
      const { row, table, variables, area, periods, measureName } = values
      const [indicatorKey = '', rowKey = ''] = row ? row.split('|') : []
      const common = { indicatorKey, rowKey, measure, ...(measure === 'share' ? { unit } : {}) }
      if (source !== 'statbank') return { body: { source, table, area, periods: splitList(periods), measureName, ...common } }
      const parsed = parseVariables(variables)
      if (typeof parsed === 'string') return { errors: { variables: parsed } }
      return { body: { source, table, variables: parsed, ...common } }
    },
    async (body) => onPreview(await fetchComparison(followUp.planId, followUp.agreementId, body)),
  )

  return (
    <section aria-labelledby="fetch-heading">
      <h2 id="fetch-heading">Hent kommunens tal</h2>
      <p>
        Hent sammenligningstallene for kommunen fra Danmarks Statistiks Statistikbank eller fra Jobindsats. Én hentning er én tabel til én indikatorrække.
        Du ser tallene, før noget gemmes, og de gemmes som kommunens tal (sammenligningen).
      </p>
      <ErrorSummary errors={form.summary} headingLevel={3} />
      <form onSubmit={send} noValidate aria-label="Hent kommunetal fra Danmarks Statistik eller Jobindsats">
        <RadioGroup
          id="fetch-source"
          legend="Kilde"
          value={source}
          onChange={(value) => setSource(value as ComparisonSource)}
          error={form.errors.source}
          inline
          options={[
            { value: 'statbank', label: comparisonSourceLabels.statbank },
            { value: 'jobindsats', label: comparisonSourceLabels.jobindsats },
          ]}
        />
        <SelectField
          {...field('row')}
          label="Indikatorrække"
          hint="Den række, tallene hører til."
          placeholder="Vælg en indikatorrække"
          options={targets}
        />
        <RadioGroup
          id="fetch-measure"
          legend="Mål"
          value={measure}
          onChange={(value) => setMeasure(value as Measure)}
          error={form.errors.measure}
          inline
          options={[
            { value: 'share', label: 'Andel' },
            { value: 'count', label: 'Antal' },
          ]}
        />
        {measure === 'share' && (
          <RadioGroup
            id="fetch-unit"
            legend="Hvordan skriver kilden andelen?"
            value={unit}
            onChange={(value) => setUnit(value as Unit)}
            error={form.errors.unit}
            options={[
              { value: 'percent', label: 'I procent, fx 19,14' },
              { value: 'fraction', label: 'Som brøk, fx 0,1914' },
            ]}
          />
        )}
        {source === 'statbank' ? (
          <>
            <TextField
              {...field('table')}
              label="Tabel"
              hint="Tabellens navn i Statistikbanken, fx AUK01."
              width="input-width-s"
              autoComplete="off"
            />
            <TextareaField
              {...field('variables')}
              label="Variable"
              hint={
                <>
                  Én variabel på hver linje som KODE=værdi, flere værdier med komma. Koderne står i tabellens beskrivelse på statistikbanken.dk. Alle variable
                  undtagen tiden skal have én værdi. Fx: <code>OMRÅDE=540</code> og <code>Tid=2023K1,2023K2</code>.
                </>
              }
              rows={5}
              width="input-width-xl"
              spellCheck={false}
            />
          </>
        ) : (
          <>
            <TextField
              {...field('table')}
              label="Tabel"
              hint="Tabellens id i Jobindsats, fx y60a02."
              width="input-width-s"
              autoComplete="off"
            />
            <TextField
              {...field('area')}
              label="Område"
              hint="Kommunen, som Jobindsats skriver den, fx Sønderborg."
            />
            <TextField
              {...field('periods')}
              label="Perioder"
              hint="Måneder (2023M05), kvartaler (2023Q2) eller år (2023), kun én slags ad gangen, adskilt med komma. Fx 2023M04, 2023M05, 2023M06."
              autoComplete="off"
            />
            <TextField
              {...field('measureName')}
              label="Målingens navn"
              hint="Kolonnens overskrift i Jobindsats, fx Fuldtidspersoner i pct. af befolkningen 16-66 år."
              width="input-width-xl"
            />
          </>
        )}
        <div className="button-row d-flex">
          <button type="submit" className="button button-primary" disabled={form.busy} aria-disabled={form.busy || undefined}>
            {form.busy ? `Henter fra ${comparisonSourceLabels[source]} …` : 'Hent tallene'}
          </button>
          <Link to={dashboard} className="button button-secondary">
            Tilbage til opfølgningen
          </Link>
        </div>
      </form>
    </section>
  )
}

/** Where the fetched figures came from, and what is worth a look but not wrong; shown above the preview. */
export function FetchedInfo({ preview }: { preview: ComparisonFetchPreview }) {
  const { fetched, warnings } = preview
  return (
    <>
      <p className="fetched-from">
        Hentet fra {comparisonSourceLabels[fetched.source]}, tabel {fetched.table}, {formatDateTime(fetched.fetchedAt)}. Adressen var{' '}
        <code className="text-break">{fetched.url}</code>.
      </p>
      {warnings.length > 0 && (
        <Alert variant="info" heading="Værd at se på" headingLevel={3}>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </Alert>
      )}
    </>
  )
}

/** "OMRÅDE=540" lines into variables, or a Danish message for the first line that cannot be read. */
export function parseVariables(text: string): { code: string; values: string[] }[] | string {
  const variables: { code: string; values: string[] }[] = []
  const lines = text.split(/\r?\n/).map((l) => l.trim())
  for (const [i, line] of lines.entries()) {
    if (line === '') continue
    const at = line.indexOf('=')
    if (at <= 0) return `Linje ${i + 1} ("${line}") kan ikke læses. Skriv hver variabel som KODE=værdi, fx OMRÅDE=540.`
    variables.push({ code: line.slice(0, at).trim(), values: splitList(line.slice(at + 1)) })
  }
  return variables
}

const splitList = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((v) => v.trim())
    .filter(Boolean)

/** The server's messages by field; its paths follow the body ("variables.0.values"). */
function fieldErrors(issues: { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? ''
    const name = field === 'indicatorKey' || field === 'rowKey' ? 'row' : field !== 'row' && Object.hasOwn(FIELD, field) ? field : 'table'
    errors[name] ??= issue.message
  }
  return errors
}
