import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import type { FollowUp, Population } from '../../../shared/indicators.ts'
import { formatCount } from '../../../shared/lib/format.ts'
import type { BeboerdataMapping, DetectedTable, MappingMeasure, ValueMappingDto } from '../../../shared/value-mappings.ts'
import { ErrorSummary, type SummaryError } from '../../components/ui/error-summary.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { ImportFileField, MAX_IMPORT_BYTES, megabytes } from '../imports/staged-import.tsx'
import { plainText, populationShort } from './indicator-format.ts'
import { createValueMapping, detectTable, readValueMappings } from './value-mappings.api.ts'

// Importing an LBF Beboerdata table (docs/value-import-format.md, "LBF Beboerdata"): years as
// columns, age bands or the like as rows. The first time, the user uploads the file so Indsats can
// show the table it found, says which printed row goes to which indicator row, and saves that as a
// mapping; the file is then read through the mapping into the usual preview. Next year the saved
// mapping and the new file go straight to the preview.

export interface FileChoice {
  /** The message for a file that cannot be sent, or null when it can. */
  problemOf: (file: File | undefined) => string | null
  /** The usual upload, read through a saved mapping; the page shows progress and then the preview. */
  upload: (file: File, mappingId: string) => void
  /** Something went wrong outside a form field: the page shows it at the top. */
  fail: (heading: string, error: unknown) => void
  /** Progress of an upload in flight, shown in place of the buttons. */
  progress: ReactNode
  uploading: boolean
}

const NEW = 'ny'

export function BeboerdataImport({ followUp, choice }: { followUp: FollowUp; choice: FileChoice }) {
  const mappings = useResource((signal) => readValueMappings(followUp.planId, followUp.agreementId, signal), [followUp.planId, followUp.agreementId])
  if (mappings.status === 'loading') return <Spinner label="Henter gemte opsætninger …" />
  if (mappings.status === 'failed') return <LoadError heading="De gemte opsætninger kunne ikke hentes" message={messageOf(mappings.error)} onRetry={mappings.reload} />
  return <BeboerdataSteps followUp={followUp} choice={choice} mappings={mappings.data.mappings} />
}

interface Detected {
  file: File
  table: DetectedTable
  /** The sheet the user picked themselves; only then does the mapping name it, so next year's file may call its sheet something else. */
  chosenSheet?: string
}

function BeboerdataSteps({ followUp, choice, mappings }: { followUp: FollowUp; choice: FileChoice; mappings: ValueMappingDto[] }) {
  const [mappingChoice, setMappingChoice] = useState(mappings[0]?.id ?? NEW)
  const [fileError, setFileError] = useState<string | null>(null)
  const [detecting, setDetecting] = useState(false)
  const [detected, setDetected] = useState<Detected | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const usingSaved = mappingChoice !== NEW

  async function detect(file: File, sheet?: string) {
    setDetecting(true)
    try {
      const table = await detectTable(followUp.planId, followUp.agreementId, file, { sheet })
      setDetected({ file, table, chosenSheet: sheet })
    } catch (error) {
      choice.fail('Tabellen i filen kunne ikke findes', error)
    } finally {
      setDetecting(false)
    }
  }

  function send(event: FormEvent) {
    event.preventDefault()
    const file = fileRef.current?.files?.[0]
    const problem = choice.problemOf(file)
    setFileError(problem)
    if (problem || !file) return
    if (usingSaved) choice.upload(file, mappingChoice)
    else void detect(file)
  }

  if (detected) {
    return (
      <NewMapping
        followUp={followUp}
        detected={detected}
        detecting={detecting}
        choice={choice}
        onOtherSheet={(sheet) => void detect(detected.file, sheet)}
        onCancel={() => setDetected(null)}
      />
    )
  }

  const errors: SummaryError[] = fileError ? [{ fieldId: 'beboerdata-file', message: fileError }] : []
  return (
    <section aria-labelledby="beboerdata-heading">
      <h2 id="beboerdata-heading">Beboerdata-tabel</h2>
      <p>
        En tabel fra LBF's Beboerdata har et par titelrækker, så en overskriftsrække med en kolonne med rækkernes tekst (fx 18-29 år) og en kolonne for hvert
        årstal. Første gang vælger du, hvilke rækker i tabellen der hører til hvilke indikatorrækker, og gemmer det som en opsætning. Næste år indlæses den nye
        fil med den samme opsætning.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={send} noValidate aria-label="Importér en Beboerdata-tabel">
        {mappings.length > 0 && (
          <RadioGroup
            id="beboerdata-mapping"
            legend="Opsætning"
            hint="En opsætning siger, hvilke rækker i tabellen der hører til hvilke indikatorrækker."
            value={mappingChoice}
            onChange={(value) => !choice.uploading && setMappingChoice(value)}
            options={[
              ...mappings.map((m) => ({ value: m.id, label: `Brug opsætningen ${m.name}`, hint: mappingSummary(m) })),
              { value: NEW, label: 'Lav en ny opsætning', hint: 'Indsats finder tabellen i filen og viser dens rækker.' },
            ]}
          />
        )}
        <ImportFileField
          id="beboerdata-file"
          hint={<>Excel (.xlsx) eller CSV med semikolon, højst {megabytes(MAX_IMPORT_BYTES)}.</>}
          error={fileError}
          inputRef={fileRef}
          disabled={choice.uploading || detecting}
        />
        {choice.uploading ? (
          choice.progress
        ) : (
          <div className="button-row d-flex">
            <button type="submit" className="button button-primary" disabled={detecting}>
              {usingSaved ? 'Indlæs fil' : detecting ? 'Finder tabellen …' : 'Find tabellen i filen'}
            </button>
          </div>
        )}
      </form>
    </section>
  )
}

function mappingSummary(m: ValueMappingDto): string {
  const d = m.definition
  return `${populationShort[d.population]}, ${d.measure === 'share' ? 'andele' : 'antal'}, ${formatCount(d.rows.length, 'række', 'rækker')}: ${d.rows
    .map((r) => r.label)
    .join(', ')}.`
}

interface Target {
  indicatorKey: string
  rowKey: string
  label: string
}

function NewMapping({
  followUp,
  detected,
  detecting,
  choice,
  onOtherSheet,
  onCancel,
}: {
  followUp: FollowUp
  detected: Detected
  detecting: boolean
  choice: FileChoice
  onOtherSheet: (sheet: string) => void
  onCancel: () => void
}) {
  const { table, file } = detected
  // Every indicator row of the agreement, in the agreement's order: goal › indicator › row.
  const targets: Target[] = followUp.series.map((s) => ({
    indicatorKey: s.indicatorKey,
    rowKey: s.rowKey,
    label: [plainText(s.goalText), plainText(s.indicatorName), s.rowLabel].filter(Boolean).join(' › '),
  }))
  const [name, setName] = useState('')
  const [population, setPopulation] = useState<Population>('area')
  const [measure, setMeasure] = useState<MappingMeasure>('share')
  /** Per row label of the table: the index of its indicator row in `targets`, or '' for "Importér ikke". */
  const [picks, setPicks] = useState<string[]>(() => table.rowLabels.map(() => ''))
  const [sheet, setSheet] = useState(table.sheet ?? '')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  // Once saved, a second try (after an upload that failed on the way) only sends the file again.
  const [savedId, setSavedId] = useState<string | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  // The table replaces the form the user was in: start them at its heading.
  useEffect(() => headingRef.current?.focus(), [table])
  useEffect(() => {
    setPicks(table.rowLabels.map(() => ''))
    setSheet(table.sheet ?? '')
  }, [table])

  async function save(event: FormEvent) {
    event.preventDefault()
    if (savedId) return choice.upload(file, savedId)
    const picked = picks.flatMap((pick, i) => (pick === '' ? [] : [{ labelIndex: i, target: targets[Number(pick)]! }]))
    const body: BeboerdataMapping = {
      name: name.trim(),
      ...(detected.chosenSheet && table.sheet ? { sheet: table.sheet } : {}),
      population,
      measure,
      rows: picked.map(({ labelIndex, target }) => ({ label: table.rowLabels[labelIndex]!, indicatorKey: target.indicatorKey, rowKey: target.rowKey })),
    }
    setSaving(true)
    try {
      const mapping = await createValueMapping(followUp.planId, followUp.agreementId, body)
      setErrors({})
      setSavedId(mapping.id)
      setSaving(false)
      choice.upload(file, mapping.id)
    } catch (error) {
      setSaving(false)
      if (error instanceof ApiError && error.code === 'validation' && error.issues.length > 0) {
        setErrors(fieldErrors(error.issues, picked.map((p) => p.labelIndex)))
      } else if (error instanceof ApiError && error.code === 'conflict') {
        setErrors({ 'mapping-name': error.message })
      } else {
        setErrors({})
        choice.fail('Opsætningen blev ikke gemt', error)
      }
    }
  }

  const summary: SummaryError[] = Object.entries(errors).map(([fieldId, message]) => ({ fieldId, message }))
  const rowError = (i: number) => errors[`mapping-row-${i}`]
  const firstYear = table.years[0]?.year
  const lastYear = table.years[table.years.length - 1]?.year
  return (
    <>
      <section aria-labelledby="detected-heading">
        <h2 id="detected-heading" tabIndex={-1} ref={headingRef}>
          Tabellen i {file.name}
        </h2>
        <dl className="detected-table">
          {table.sheet && (
            <>
              <dt>Ark</dt>
              <dd>{table.sheet}</dd>
            </>
          )}
          <dt>Overskriftsrække</dt>
          <dd>Række {table.headerRow}</dd>
          <dt>Kolonne med rækkernes tekst</dt>
          <dd>
            {table.labelColumn.letter}
            {table.labelColumn.header && <> ({table.labelColumn.header})</>}
          </dd>
          <dt>Årstal</dt>
          <dd>
            {table.years.length === 0
              ? 'Ingen'
              : `${firstYear === lastYear ? firstYear : `${firstYear}–${lastYear}`} (kolonne ${table.years.map((y) => y.column).join(', ')})`}
          </dd>
          <dt>Rækker</dt>
          <dd>{table.rowLabels.length === 0 ? 'Ingen' : table.rowLabels.join(', ')}</dd>
        </dl>
        {table.sheets.length > 1 && (
          <div className="d-flex flex-wrap align-items-end">
            <SelectField id="detect-sheet" label="Læs et andet ark" value={sheet} onChange={(e) => setSheet(e.target.value)} options={table.sheets.map((s) => ({ value: s, label: s }))} />
            <button type="button" className="button button-secondary ml-4 mb-5" disabled={detecting || sheet === table.sheet} onClick={() => onOtherSheet(sheet)}>
              {detecting ? 'Læser arket …' : 'Læs arket'}
            </button>
          </div>
        )}
      </section>
      <section aria-labelledby="mapping-heading">
        <h2 id="mapping-heading">Ny opsætning</h2>
        <ErrorSummary errors={summary} headingLevel={3} />
        <form onSubmit={save} noValidate aria-label="Ny opsætning til Beboerdata-tabellen">
          <TextField
            id="mapping-name"
            label="Navn på opsætningen"
            hint="Fx Beboerdata tabel 14. Navnet vælges næste gang, den samme tabel skal indlæses."
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors['mapping-name']}
            maxLength={200}
            autoComplete="off"
          />
          <RadioGroup
            id="mapping-population"
            legend="Hvem viser tabellen tal for?"
            value={population}
            onChange={(v) => setPopulation(v as Population)}
            error={errors['mapping-population-0']}
            options={[
              { value: 'area', label: 'Boligområdet eller målgruppen (område)' },
              { value: 'comparison', label: 'Kommunen (sammenligningen)' },
            ]}
          />
          <RadioGroup
            id="mapping-measure"
            legend="Hvad viser tallene?"
            value={measure}
            onChange={(v) => setMeasure(v as MappingMeasure)}
            error={errors['mapping-measure-0']}
            options={[
              { value: 'share', label: 'Andele i procent' },
              { value: 'count', label: 'Antal' },
            ]}
          />
          <fieldset className="mapping-rows">
            <legend className="form-label">Tabellens rækker</legend>
            <span className="form-hint">Vælg den indikatorrække, hver række i tabellen skal gemmes som. Rækker, der står til »Importér ikke«, springes over.</span>
            {table.rowLabels.map((label, i) => (
              <SelectField
                key={`${i}-${label}`}
                id={`mapping-row-${i}`}
                label={`Indikatorrække for ${label}`}
                value={picks[i] ?? ''}
                onChange={(e) => {
                  const value = e.target.value
                  setPicks((p) => p.map((old, j) => (j === i ? value : old)))
                }}
                error={rowError(i)}
                placeholder="Importér ikke"
                options={targets.map((t, ti) => ({ value: String(ti), label: t.label }))}
              />
            ))}
          </fieldset>
          {choice.uploading ? (
            choice.progress
          ) : (
            <div className="button-row d-flex">
              <button type="submit" className="button button-primary" disabled={saving}>
                {saving ? 'Gemmer …' : 'Gem opsætningen og indlæs filen'}
              </button>
              <button type="button" className="button button-secondary" onClick={onCancel} disabled={saving}>
                Annullér
              </button>
            </div>
          )}
        </form>
      </section>
    </>
  )
}

/**
 * The server's messages by field. Its paths follow the body ("rows.1.rowKey"), whose rows are only the
 * picked ones; `labelIndexes` turns a body row back into the select it came from.
 */
function fieldErrors(issues: { path: string; message: string }[], labelIndexes: number[]): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const [field, index] = issue.path.split('.')
    const fieldId =
      field === 'name'
        ? 'mapping-name'
        : field === 'population'
          ? 'mapping-population-0'
          : field === 'measure'
            ? 'mapping-measure-0'
            : field === 'rows'
              ? `mapping-row-${index !== undefined ? (labelIndexes[Number(index)] ?? 0) : 0}`
              : 'mapping-name'
    errors[fieldId] ??= issue.message
  }
  return errors
}
