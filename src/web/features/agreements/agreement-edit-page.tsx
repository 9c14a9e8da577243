import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { type AgreementDetail, type BaselineTime, Frequency, type RevisionCreate, frequencyLabels } from '../../../shared/agreements.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { ErrorSummary, type SummaryError } from '../../components/ui/error-summary.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import type { FieldIssue } from '../../lib/api.ts'
import { type Checked, type FieldErrors, fieldErrorsByPath } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { type Draft, type NumberTexts, buildRevision, getIn, setIn, startDraft, switchBaselineKind } from './agreement-draft.ts'
import { resourceUnitLabels } from '../../../shared/agreement-wording.ts'
import { monthOptions } from './agreement-format.ts'
import {
  type DraftForm,
  DraftFieldset,
  DraftFormProvider,
  DraftNumber,
  DraftSelect,
  DraftText,
  DraftTextarea,
  fieldIdOf,
  useDraftForm,
} from './agreement-form-fields.tsx'
import { AgreementLoadFailed, AgreementLoading, agreementCrumbs } from './agreement-loading.tsx'
import { agreementEditPath, agreementPath, createRevision, readAgreement } from './agreements.api.ts'

// A new revision of an agreement: the latest revision's content in a form, with the board
// decision behind the change. Saving makes a new revision; the old ones stay as they were.

export function AgreementEditPage() {
  const { planId = '', agreementId = '' } = useParams()
  const agreement = useResource((signal) => readAgreement(planId, agreementId, undefined, signal), [planId, agreementId])
  if (agreement.status === 'loading') return <AgreementLoading title="Rediger delaftale" />
  if (agreement.status === 'failed') return <AgreementLoadFailed title="Rediger delaftale" error={agreement.error} onRetry={agreement.reload} />
  return <AgreementEditor key={`${agreement.data.id}-${agreement.data.revision.number}`} detail={agreement.data} />
}

function AgreementEditor({ detail }: { detail: AgreementDetail }) {
  const navigate = useNavigate()
  const [start] = useState(() => startDraft(detail.content))
  const [draft, setDraft] = useState<Draft>(start.draft)
  const [numbers, setNumbers] = useState<NumberTexts>(start.numbers)
  // Messages go by path ("content.goals.0.text") to the nearest field the form shows; saving leaves the page.
  const saving = useForm({
    summarise: (errors) => inPageOrder(Object.entries(errors).map(([path, message]) => ({ fieldId: fieldIdOf(path), message: summaryMessage(path, message) }))),
    fromIssues: errorsOf,
    busyUntilGone: true,
  })
  const errors = saving.errors
  const [focusId, setFocusId] = useState<string | null>(null)
  const next = detail.revision.number + 1

  // After adding or removing a party, keep keyboard users where the change happened.
  useEffect(() => {
    if (!focusId) return
    document.getElementById(focusId)?.focus()
    setFocusId(null)
  }, [focusId])

  const form = useMemo<DraftForm>(
    () => ({
      draft,
      numbers,
      errors,
      setValue: (path, value) => setDraft((d) => setIn(d, path, value)),
      setNumber: (path, text) => setNumbers((n) => ({ ...n, [path]: text })),
    }),
    [draft, numbers, errors],
  )

  const submit = saving.handle(
    (): Checked<RevisionCreate> => {
      const { body, issues } = buildRevision(draft, numbers, detail.revision.number)
      return body ? { body } : { errors: errorsOf(issues) }
    },
    async (body) => {
      const created = await createRevision(detail.planId, detail.id, body)
      navigate(agreementPath(detail.planId, detail.id, created.number), { state: { notice: `Revision ${created.number} er gemt` } })
    },
  )

  const parties = draft.content.parties
  function addParty() {
    setDraft((d) => setIn(d, `content.parties.${parties.length}`, { name: '', units: [] }))
    setFocusId(fieldIdOf(`content.parties.${parties.length}.name`))
  }
  function removeParty(index: number) {
    setDraft((d) => setIn(d, 'content.parties', d.content.parties.filter((_, i) => i !== index)))
    // Messages are kept by position; after a removal they would point at the wrong party.
    saving.updateErrors((e) => Object.fromEntries(Object.entries(e).filter(([path]) => !path.startsWith('content.parties'))))
    setFocusId(index > 0 ? fieldIdOf(`content.parties.${index - 1}.name`) : 'add-party')
  }

  return (
    <>
      <Breadcrumbs items={agreementCrumbs(detail, [{ label: 'Rediger' }])} />
      <Page title="Rediger delaftale" lead={`${detail.content.title} – ${detail.plan.name}`}>
        <p>
          Du redigerer revision {detail.revision.number}, den nyeste. Når du gemmer, bliver dine ændringer til revision {next}; de tidligere revisioner
          bevares uændret.
        </p>
        <p>
          Felter markeret med <span aria-hidden="true">*</span>
          <span className="sr-only">stjerne</span> skal udfyldes.
        </p>
        {saving.failure?.code === 'conflict' && (
          <Alert key={saving.failure.seq} variant="error" heading="Delaftalen er ændret, mens du redigerede" focusOnMount>
            <p>
              En anden har gemt en nyere revision af delaftalen, efter du åbnede formularen. Dine ændringer er ikke gemt. Hent den nyeste revision,
              og indtast dine ændringer igen.
            </p>
            <p>
              {/* A full reload: the form must start again from the revision that is now the latest. */}
              <a href={agreementEditPath(detail.planId, detail.id)}>Genindlæs formularen med den nyeste revision</a>
            </p>
          </Alert>
        )}
        {saving.failure && saving.failure.code !== 'conflict' && (
          <Alert key={saving.failure.seq} variant="error" heading="Revisionen blev ikke gemt" focusOnMount>
            <p>{saving.failure.message}</p>
          </Alert>
        )}
        <ErrorSummary errors={saving.summary} />

        <DraftFormProvider form={form}>
          <form onSubmit={submit} noValidate className="agreement-form" aria-label="Rediger delaftale">
            <DraftFieldset path="revision" legend="Om den nye revision" headingLevel={2}>
              <DraftText path="revision.effectiveFrom" label="Gældende fra" type="date" required hint="Den dato, den nye revision gælder fra." />
              <DraftText
                path="revision.boardDecision"
                label="Bestyrelsesbeslutning"
                required
                hint="Den beslutning, revisionen bygger på, fx Bestyrelsesmøde 14. juni 2021, pkt. 4."
              />
              <DraftTextarea path="revision.note" label="Note" hint="Hvad er ændret, og hvorfor. Frivilligt." />
            </DraftFieldset>

            <div className="alert alert-info text-convention">
              <div className="alert-body">
                <p className="alert-text">
                  I de lange tekster giver en tom linje et nyt afsnit. En linje, der begynder med »- «, bliver et punkt i en liste, »1) « et
                  nummereret punkt og »## « en mellemoverskrift. [^1] henviser til fodnote 1.
                </p>
              </div>
            </div>

            <DraftFieldset path="content" legend="Delaftalen" headingLevel={2}>
              <DraftText path="content.title" label="Titel" required />
              <DraftTextarea path="content.initiativeName" label="Navn på den boligsociale indsats" required />
              <DraftTextarea path="content.vision" label="Vision" />
              <div className="field-row">
                <DraftText path="content.validFrom" label="Gælder fra" type="date" required />
                <DraftText path="content.validTo" label="Gælder til" type="date" required />
              </div>
            </DraftFieldset>

            <DraftFieldset path="content.parties" legend="Delaftalens parter" headingLevel={2}>
              {parties.map((party, i) => (
                <div key={i} className="party-row">
                  <DraftText path={`content.parties.${i}.name`} label={`Part ${i + 1}`} required />
                  {parties.length > 1 && (
                    <button type="button" className="button button-secondary button-compact" onClick={() => removeParty(i)}>
                      Fjern<span className="sr-only"> part {i + 1}{party.name ? `: ${party.name}` : ''}</span>
                    </button>
                  )}
                </div>
              ))}
              <button type="button" id="add-party" className="button button-secondary" onClick={addParty}>
                Tilføj part
              </button>
            </DraftFieldset>

            <h2 className="form-section-heading">Delmål og indikatorer</h2>
            {draft.content.goals.map((goal, gi) => (
              <DraftFieldset key={goal.key} path={`content.goals.${gi}`} legend={`Delmål ${gi + 1}`} headingLevel={3} className="goal-fieldset">
                <DraftTextarea path={`content.goals.${gi}.text`} label="Delmål" required minRows={2} />
                {goal.indicators.map((indicator, ii) => (
                  <IndicatorFields key={indicator.key} base={`content.goals.${gi}.indicators.${ii}`} number={`${gi + 1}.${ii + 1}`} />
                ))}
              </DraftFieldset>
            ))}

            <h2 className="form-section-heading">Aktiviteter</h2>
            {draft.content.activities.map((activity, ai) => {
              const base = `content.activities.${ai}`
              return (
                <DraftFieldset key={activity.key} path={base} legend={`Aktivitet ${ai + 1}${activity.name.trim() ? `: ${activity.name}` : ''}`} headingLevel={3}>
                  <DraftText path={`${base}.name`} label="Aktivitetsnavn" required />
                  <DraftTextarea path={`${base}.summary`} label="Kort beskrivelse" hint="Vises i delaftalens liste over aktiviteter." />
                  <DraftTextarea path={`${base}.purpose`} label="Formål" />
                  <DraftTextarea path={`${base}.activityGoals`} label="Delmål" />
                  <DraftTextarea path={`${base}.targetGroups`} label="Målgruppe(r)" />
                  <DraftTextarea path={`${base}.content`} label="Indhold og praksis" />
                  <DraftTextarea path={`${base}.responsibilities`} label="Ansvars- og rollefordeling" />
                  <DraftTextarea path={`${base}.sourceReference`} label="Kilde" />
                </DraftFieldset>
              )
            })}

            <DraftFieldset path="content.staffResources" legend="Medarbejderressourcer" headingLevel={2}>
              {draft.content.staffResources.map((resource, ri) => {
                const base = `content.staffResources.${ri}`
                const unit = resource.resourceUnit === 'unspecified' ? '' : resourceUnitLabels[resource.resourceUnit]
                return (
                  <DraftFieldset key={resource.key} path={base} legend={resource.role ?? resource.organisation} className="resource-fieldset">
                    <DraftTextarea path={`${base}.text`} label="Teksten i delaftalen" required hint="Sådan står ressourcen i delaftalen. Ret den også, hvis du ændrer mængden." />
                    <DraftNumber path={`${base}.quantity`} label={unit ? `Mængde (${unit})` : 'Mængde'} />
                  </DraftFieldset>
                )
              })}
              <DraftTextarea path="content.staffResourcesNote" label="Bemærkning til medarbejderressourcerne" />
            </DraftFieldset>

            <DraftFieldset path="content.municipalLink" legend="Sammenhæng og revision" headingLevel={2}>
              <DraftTextarea path="content.municipalLink" label="Sammenhæng med den kommunale indsats i boligområdet" />
              <DraftTextarea path="content.revisionRule" label="Revision af delaftalen" required />
            </DraftFieldset>

            <div className="button-row d-flex mt-6">
              <button type="submit" className="button button-primary" disabled={saving.busy}>
                {saving.busy ? 'Gemmer …' : `Gem revision ${next}`}
              </button>
              <Link to={agreementPath(detail.planId, detail.id)} className="button button-secondary">
                Annullér
              </Link>
            </div>
          </form>
        </DraftFormProvider>
      </Page>
    </>
  )
}

function IndicatorFields({ base, number }: { base: string; number: string }) {
  return (
    <DraftFieldset path={base} legend={`Indikator ${number}`} headingLevel={4} className="indicator-fieldset">
      <DraftTextarea path={`${base}.name`} label="Indikator" required minRows={2} />
      <DraftTextarea path={`${base}.definition`} label="Definition" hint="For en andel: hvad der tælles, og hvad det er en andel af." />
      <div className="field-row">
        <DraftText path={`${base}.dataSource`} label="Datakilde" width="input-width-l" />
        <DraftSelect
          path={`${base}.frequency`}
          label="Hyppighed"
          placeholder="Ikke angivet"
          options={Frequency.options.map((f) => ({ value: f, label: frequencyLabels[f] }))}
        />
        <DraftText path={`${base}.responsible`} label="Ansvarlig" hint="En rolle, fx Projektleder." width="input-width-m" />
      </div>
      <BaselineTimeFields base={`${base}.baselineTime`} />
      <IndicatorRows base={base} />
    </DraftFieldset>
  )
}

function BaselineTimeFields({ base }: { base: string }) {
  const form = useDraftForm()
  const time = getIn(form.draft, base) as BaselineTime
  function changeKind(kind: BaselineTime['kind']) {
    const next = switchBaselineKind(time, kind, form.numbers[`${base}.year`])
    form.setValue(base, next)
    if (next.kind !== 'date') form.setNumber(`${base}.year`, String(next.year))
  }
  return (
    <DraftFieldset path={base} legend="Baseline år" className="baseline-time">
      <div className="field-row">
        <SelectField
          id={fieldIdOf(`${base}.kind`)}
          label="Angivet som"
          options={[
            { value: 'year', label: 'Et år' },
            { value: 'month', label: 'En måned' },
            { value: 'date', label: 'En dato' },
          ]}
          value={time.kind}
          onChange={(e) => changeKind(e.target.value as BaselineTime['kind'])}
        />
        {time.kind !== 'date' && <DraftNumber path={`${base}.year`} label="År" required integer />}
        {time.kind === 'month' && <DraftSelect path={`${base}.month`} label="Måned" required options={monthOptions} numeric />}
        {time.kind === 'date' && <DraftText path={`${base}.date`} label="Dato" type="date" required />}
      </div>
      {time.kind === 'month' && <DraftText path={`${base}.label`} label="Som kilden skriver det" hint="Fx Udgang februar 2021. Vises i stedet for måned og år." width="input-width-l" />}
    </DraftFieldset>
  )
}

function IndicatorRows({ base }: { base: string }) {
  const form = useDraftForm()
  const rows = (getIn(form.draft, `${base}.rows`) as { key: string; label?: string }[]) ?? []
  return (
    <>
      {rows.map((row, ri) => {
        const path = `${base}.rows.${ri}`
        return (
          <DraftFieldset key={row.key} path={path} legend={rows.length > 1 ? `Række ${ri + 1}${row.label ? `: ${row.label}` : ''}` : 'Baseline'} className="row-fieldset">
            <DraftText path={`${path}.label`} label="Rækkens betegnelse" hint="Fx 18-29 år. Tom, hvis indikatoren kun har én række." width="input-width-l" />
            <div className="field-row">
              <DraftNumber path={`${path}.baseline.share`} label="Baseline boligområde: andel (%)" />
              <DraftNumber path={`${path}.baseline.count`} label="Baseline boligområde: antal" />
            </div>
            <div className="field-row">
              <DraftNumber path={`${path}.comparison.share`} label="Anden baseline (kommune): andel (%)" />
              <DraftNumber path={`${path}.comparison.count`} label="Anden baseline (kommune): antal" />
            </div>
          </DraftFieldset>
        )
      })}
    </>
  )
}

/** Messages by path, each at the nearest field the form shows. */
function errorsOf(issues: FieldIssue[]): FieldErrors {
  return fieldErrorsByPath(issues.map((issue) => ({ path: fieldFor(issue.path), message: issue.message })))
}

/** The nearest field on the form for an issue's path: a measure's first input, else a parent group. */
function fieldFor(path: string): string {
  const parts = path.split('.')
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.')
    if (document.getElementById(fieldIdOf(candidate))) return candidate
    if (n === parts.length && document.getElementById(fieldIdOf(`${candidate}.share`))) return `${candidate}.share`
  }
  return 'content'
}

function inPageOrder(errors: SummaryError[]): SummaryError[] {
  return [...errors].sort((a, b) => {
    const x = document.getElementById(a.fieldId)
    const y = document.getElementById(b.fieldId)
    if (!x || !y) return 0
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1
  })
}

/**
 * The summary's line for a problem. The form repeats the same labels for every goal, indicator and
 * activity, so inside those the line says which one: "Indikator 3.1, Baseline boligområde: andel (%): …".
 */
function summaryMessage(path: string, message: string): string {
  if (!/\.\d+(\.|$)/.test(path)) return message
  const field = document.getElementById(fieldIdOf(path))
  if (!field) return message
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/[\s*:]+$/, '').trim() ?? ''
  const label = field instanceof HTMLFieldSetElement ? text(field.querySelector(':scope > legend')) : text((field as HTMLInputElement).labels?.[0])
  // The nearest enclosing group with a heading: the indicator, goal, activity or list it belongs to.
  let group: Element | null = field.parentElement?.closest('fieldset') ?? null
  while (group && !group.querySelector(':scope > legend > h2, :scope > legend > h3, :scope > legend > h4')) group = group.parentElement?.closest('fieldset') ?? null
  const where = [text(group?.querySelector(':scope > legend')), label].filter(Boolean).join(', ')
  return where ? `${where}: ${message}` : message
}
