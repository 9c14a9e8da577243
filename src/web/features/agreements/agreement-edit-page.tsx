import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { agreementWarnings } from '../../../shared/agreement-checks.ts'
import { type AgreementDetail, AGREEMENT_TEXT_MAX, type RevisionCreate } from '../../../shared/agreements.ts'
import { formatNumber } from '../../../shared/lib/format.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { ErrorSummary, type SummaryError } from '../../components/ui/error-summary.tsx'
import { Page } from '../../components/ui/page.tsx'
import type { FieldIssue } from '../../lib/api.ts'
import { type Checked, type FieldErrors, fieldErrorsByPath } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { type DraftState, addItem, applyNumbers, buildRevision, moveItem, removeItem, setDraftValue, setIn, startDraft } from './agreement-draft.ts'
import { ActivitiesEditor, GoalsEditor, ResourcesEditor, SnapshotsEditor } from './agreement-edit-lists.tsx'
import { FootnotesEditor } from './agreement-edit-more.tsx'
import { type DraftForm, DraftFieldset, DraftFormProvider, DraftText, DraftTextarea, fieldIdOf } from './agreement-form-fields.tsx'
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
  const [state, setState] = useState<DraftState>(() => startDraft(detail.content))
  const { draft, numbers } = state
  const setDraft = (change: (d: DraftState['draft']) => DraftState['draft']) => setState((s) => ({ ...s, draft: change(s.draft) }))
  // Messages go by path ("content.goals.0.text") to the nearest field the form shows; saving leaves the page.
  const saving = useForm({
    summarise: (errors) => inPageOrder(Object.entries(errors).map(([path, message]) => ({ fieldId: fieldIdOf(path), message: summaryMessage(path, message) }))),
    fromIssues: errorsOf,
    busyUntilGone: true,
  })
  const errors = saving.errors
  const [focusId, setFocusId] = useState<string | null>(null)
  const next = detail.revision.number + 1

  // The same consistency checks as an import, on what the form holds now (numbers as typed so far).
  // The checks against reference data (effort areas, funding period) come with the saved revision.
  const warnings = useMemo(() => {
    const { draft: applied } = applyNumbers(draft, numbers)
    return agreementWarnings(applied.content, null, applied.revision)
  }, [draft, numbers])
  const warningsByPath = useMemo(
    () => Object.fromEntries(warnings.map((w) => [w.path.startsWith('revision.') ? w.path : `content.${w.path}`, w.message])),
    [warnings],
  )

  // After adding, moving or removing an item, keep keyboard users where the change happened.
  useEffect(() => {
    if (!focusId) return
    // At the top or bottom of a list only the other move button exists: fall back to it, then to the group.
    const fallback = focusId.replace(/-(up|down)$/, (_, which: string) => (which === 'up' ? '-down' : '-up'))
    const target = document.getElementById(focusId) ?? document.getElementById(fallback) ?? document.getElementById(focusId.replace(/-\d+-(up|down|remove)$/, ''))
    target?.focus()
    setFocusId(null)
  }, [focusId])

  const form = useMemo<DraftForm>(
    () => ({
      draft,
      numbers,
      errors,
      warnings: warningsByPath,
      setValue: (path, value) => setState((s) => ({ ...s, draft: setDraftValue(s.draft, path, value) })),
      setNumber: (path, text) =>
        setState((s) => {
          const next = { ...s.numbers }
          if (text === undefined) delete next[path]
          else next[path] = text
          return { ...s, numbers: next }
        }),
      addItem: (listPath, item, focusPath) => {
        setState((s) => addItem(s, listPath, item))
        setFocusId(fieldIdOf(focusPath))
      },
      moveItem: (listPath, index, by) => {
        setState((s) => moveItem(s, listPath, index, by))
        forgetErrorsUnder(listPath)
        // Focus follows the item to its new place; at the top or bottom the other button is there.
        const to = index + by
        setFocusId(`${fieldIdOf(listPath)}-${to}-${by < 0 ? 'up' : 'down'}`)
      },
      removeItem: (listPath, index) => {
        setState((s) => removeItem(s, listPath, index))
        forgetErrorsUnder(listPath)
        setFocusId(index > 0 ? `${fieldIdOf(listPath)}-${index - 1}-remove` : `${fieldIdOf(listPath)}-add`)
      },
    }),
    [draft, numbers, errors, warningsByPath],
  )

  /** Messages are kept by position; after a list changes they would point at the wrong item. */
  function forgetErrorsUnder(listPath: string) {
    saving.updateErrors((e) => Object.fromEntries(Object.entries(e).filter(([path]) => !path.startsWith(listPath))))
  }

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
          <span className="sr-only">stjerne</span> skal udfyldes. Et tekstfelt kan rumme højst {formatNumber(AGREEMENT_TEXT_MAX)} tegn. Du kan tilføje,
          flytte og fjerne delmål, indikatorer, rækker, måltal, aktiviteter, ressourcer, åbningstider og målgruppeopgørelser; de kontrolleres
          på samme måde som en importeret fil.
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
            <GoalsEditor />

            <h2 className="form-section-heading">Aktiviteter</h2>
            <ActivitiesEditor />

            <DraftFieldset path="content.staffResources" legend="Medarbejderressourcer" headingLevel={2}>
              <ResourcesEditor listPath="content.staffResources" owner="indsatsområdet" />
              <DraftTextarea path="content.staffResourcesNote" label="Bemærkning til medarbejderressourcerne" />
            </DraftFieldset>

            <DraftFieldset path="content.municipalLink" legend="Sammenhæng og revision" headingLevel={2}>
              <DraftTextarea path="content.municipalLink" label="Sammenhæng med den kommunale indsats i boligområdet" />
              <DraftTextarea path="content.revisionRule" label="Revision af delaftalen" required />
            </DraftFieldset>

            <DraftFieldset path="content.municipalResources" legend="Kommunale medarbejderressourcer" headingLevel={2}>
              <ResourcesEditor listPath="content.municipalResources" owner="kommunen" />
            </DraftFieldset>

            <h2 className="form-section-heading">Målgruppeopgørelser</h2>
            <DraftTextarea path="content.targetGroupIntro" label="Tekst før målgruppeopgørelserne" />
            <SnapshotsEditor />

            <h2 className="form-section-heading">Fodnoter</h2>
            <FootnotesEditor />

            <section className="editor-warnings" aria-labelledby="editor-warnings-heading">
              <h2 id="editor-warnings-heading">Advarsler</h2>
              {warnings.length === 0 ? (
                <p>Ingen advarsler om delaftalens sammenhæng lige nu.</p>
              ) : (
                <>
                  <p>
                    {warnings.length === 1 ? 'Én advarsel' : `${formatNumber(warnings.length)} advarsler`} om delaftalens sammenhæng. Advarsler forhindrer
                    ikke, at du gemmer, men bør ses efter.
                  </p>
                  <ul>
                    {warnings.map((w, i) => (
                      <li key={`${w.code}-${w.path}-${i}`}>{w.message}</li>
                    ))}
                  </ul>
                </>
              )}
            </section>

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
