import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatCount, formatDateTime, formatDay, isoDay } from '../../../shared/lib/format.ts'
import { type PrivacyOverview, type PrivacySettings, PrivacySettingsUpdate, retentionReasonLabels } from '../../../shared/participants.ts'
import { may } from '../../../shared/permissions.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { RadioGroup } from '../../components/ui/radio-group.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { NumberField } from '../../components/ui/text-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { useDocumentTitle } from '../../lib/document-title.ts'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { parseDecimal } from '../agreements/agreement-format.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { ForbiddenPage } from '../errors/forbidden-page.tsx'
import { NotFoundPage } from '../errors/not-found-page.tsx'
import { listPlans, planPath } from '../plans/plans.api.ts'
import { isDue, removedText } from './privacy-format.ts'
import { readPrivacy, runRetention, updatePrivacy } from './privacy.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

// /planer/:planId/persondata: what the plan keeps about its residents and for how long (decision
// 008). The project leader sets the rules; Indsats anonymises each resident on the day a rule
// gives, every day by itself, and here on request. An administrator on the plan may read along.

export const PRIVACY_TITLE = 'Persondata og opbevaring'

export function PrivacyPage() {
  const { planId = '' } = useParams()
  const data = useResource(async (signal) => {
    const [plans, privacy] = await Promise.all([listPlans(signal), readPrivacy(planId, signal)])
    return { plan: plans.plans.find((p) => p.id === planId) ?? null, privacy }
  }, [planId])
  if (data.status === 'loading') return <PrivacyLoading />
  if (data.status === 'failed') {
    if (data.error instanceof ApiError && (data.error.code === 'not_found' || data.error.code === 'validation')) return <NotFoundPage />
    if (data.error instanceof ApiError && data.error.code === 'forbidden') return <ForbiddenPage />
    return (
      <Page title={PRIVACY_TITLE}>
        <LoadError message={messageOf(data.error)} onRetry={data.reload} heading="Indstillingerne kunne ikke hentes" />
      </Page>
    )
  }
  if (!data.data.plan) return <NotFoundPage />
  return <Privacy key={planId} plan={data.data.plan} privacy={data.data.privacy} reload={data.reload} />
}

function PrivacyLoading() {
  useDocumentTitle(PRIVACY_TITLE)
  return (
    <>
      <h1 tabIndex={-1}>{PRIVACY_TITLE}</h1>
      <Spinner label="Henter indstillingerne …" />
    </>
  )
}

function Privacy({ plan, privacy, reload }: { plan: PlanDto; privacy: PrivacyOverview; reload: () => void }) {
  const user = useCurrentUser()
  const canEdit = may(user.role, 'plan-privacy', 'update')
  return (
    <>
      <Breadcrumbs items={[{ label: 'Forside', to: '/' }, { label: plan.name, to: planPath(plan.id) }, { label: PRIVACY_TITLE }]} />
      <Page title={PRIVACY_TITLE} lead="Hvilke oplysninger helhedsplanen gemmer om beboerne, og hvor længe. Når tiden er gået, slettes personoplysningerne, og kun de anonyme tal bliver.">
        <section aria-labelledby="privacy-settings-heading" className="privacy-section">
          <h2 id="privacy-settings-heading">Regler for helhedsplanen</h2>
          <p>{privacy.planEndsOn ? `Helhedsplanen slutter ${formatDay(privacy.planEndsOn)}.` : 'Helhedsplanens slutdato kendes ikke.'}</p>
          {canEdit ? (
            <SettingsForm planId={plan.id} settings={privacy.settings} onSaved={reload} />
          ) : (
            <>
              <Alert variant="info" heading="Kun projektlederen kan ændre reglerne" headingLevel={3}>
                <p>Som administrator kan du læse reglerne, men ikke ændre dem og ikke anonymisere beboere.</p>
              </Alert>
              <SettingsFacts settings={privacy.settings} />
            </>
          )}
        </section>
        <DueSection planId={plan.id} due={privacy.due} canRun={canEdit} onRun={reload} />
        <RemovalsSection removals={privacy.removals} />
        <p className="mt-7">
          <Link to={planPath(plan.id)} className="back-link">
            Tilbage til helhedsplanen
          </Link>
        </p>
      </Page>
    </>
  )
}

const CPR_EXPLANATION =
  'CPR-numre gemmes krypteret og vises kun delvist (fx 010190-xxxx). Hver gang en medarbejder får vist et helt CPR-nummer, skrives det i revisionssporet. Registrér kun CPR-numre, hvis samarbejdet med jobcentret kræver det.'

function SettingsFacts({ settings }: { settings: PrivacySettings }) {
  return (
    <dl className="privacy-facts">
      <div>
        <dt>CPR-numre</dt>
        <dd>{settings.cprEnabled ? 'Registreres' : 'Registreres ikke'}</dd>
      </div>
      <div>
        <dt>Efter sidste forløb</dt>
        <dd>{formatCount(settings.monthsAfterLastEnrolment, 'måned', 'måneder')}</dd>
      </div>
      <div>
        <dt>Efter tilbagetrukket samtykke</dt>
        <dd>{formatCount(settings.daysAfterConsentWithdrawal, 'dag', 'dage')}</dd>
      </div>
      <div>
        <dt>Efter helhedsplanens afslutning</dt>
        <dd>{formatCount(settings.monthsAfterPlanEnd, 'måned', 'måneder')}</dd>
      </div>
    </dl>
  )
}

type Field = 'cprEnabled' | 'monthsAfterLastEnrolment' | 'daysAfterConsentWithdrawal' | 'monthsAfterPlanEnd' | 'confirmAnonymisations'

const fieldIds: Record<Field, string> = {
  cprEnabled: 'privacy-cpr-0',
  monthsAfterLastEnrolment: 'privacy-months-after-enrolment',
  daysAfterConsentWithdrawal: 'privacy-days-after-withdrawal',
  monthsAfterPlanEnd: 'privacy-months-after-plan',
  confirmAnonymisations: 'privacy-confirm-anonymisations',
}

/** Empty or not a whole number → undefined (say so). */
function wholeNumber(text: string): number | undefined {
  const value = text.trim() === '' ? null : parseDecimal(text)
  return value !== null && Number.isInteger(value) ? value : undefined
}

function SettingsForm({ planId, settings, onSaved }: { planId: string; settings: PrivacySettings; onSaved: () => void }) {
  const [cpr, setCpr] = useState(settings.cprEnabled ? 'on' : 'off')
  // Turning CPR off while numbers are stored is refused: the message says what to do first.
  const form = useForm<Field, { heading: string; text: string }>({ fieldIds, fieldFor: { conflict: 'cprEnabled' } })
  const { values, field } = useFormValues(form, {
    monthsAfterLastEnrolment: String(settings.monthsAfterLastEnrolment),
    daysAfterConsentWithdrawal: String(settings.daysAfterConsentWithdrawal),
    monthsAfterPlanEnd: String(settings.monthsAfterPlanEnd),
    confirmAnonymisations: '',
  })

  const submit = form.handle(
    () => {
      const body = {
        cprEnabled: cpr === 'on',
        monthsAfterLastEnrolment: wholeNumber(values.monthsAfterLastEnrolment),
        daysAfterConsentWithdrawal: wholeNumber(values.daysAfterConsentWithdrawal),
        monthsAfterPlanEnd: wholeNumber(values.monthsAfterPlanEnd),
        ...(values.confirmAnonymisations.trim() === '' ? {} : { confirmAnonymisations: wholeNumber(values.confirmAnonymisations) }),
      }
      const problems: FieldErrors = {}
      const check = (field: Field, value: number | undefined, max: number, unit: string) => {
        if (value === undefined || value < 0 || value > max) problems[field] = `Skriv et helt antal ${unit} fra 0 til ${max}.`
      }
      check('monthsAfterLastEnrolment', body.monthsAfterLastEnrolment, 120, 'måneder')
      check('daysAfterConsentWithdrawal', body.daysAfterConsentWithdrawal, 3650, 'dage')
      check('monthsAfterPlanEnd', body.monthsAfterPlanEnd, 120, 'måneder')
      if ('confirmAnonymisations' in body && body.confirmAnonymisations === undefined) problems.confirmAnonymisations = 'Skriv antallet som et helt tal.'
      return checked(PrivacySettingsUpdate, body, problems)
    },
    async (body) => {
      await updatePrivacy(planId, body)
      onSaved()
      return { heading: 'Reglerne er gemt', text: 'Listen over beboere, der skal anonymiseres, er regnet om efter de nye regler.' }
    },
  )

  return (
    <form onSubmit={submit} noValidate className="privacy-form" aria-labelledby="privacy-settings-heading">
      {form.done && (
        <Alert key={form.done.seq} variant="success" heading={form.done.heading} headingLevel={3} focusOnMount>
          <p>{form.done.text}</p>
        </Alert>
      )}
      <FormProblems form={form} heading="Reglerne blev ikke gemt" headingLevel={3} />
      <RadioGroup
        id="privacy-cpr"
        legend="CPR-numre"
        hint={CPR_EXPLANATION}
        options={[
          { value: 'off', label: 'Registrér ikke CPR-numre' },
          { value: 'on', label: 'Registrér CPR-numre' },
        ]}
        value={cpr}
        onChange={setCpr}
        error={form.errors.cprEnabled}
      />
      <h3 className="mt-7">Opbevaring</h3>
      <p>En beboer anonymiseres på den første dag, en af reglerne giver. Anonyme tal som forløbsdatoer og afslutningsårsager bliver, så nøgletallene stadig passer.</p>
      <NumberField
        {...field('monthsAfterLastEnrolment')}
        label="Måneder efter sidste forløb"
        hint="Så længe gemmes oplysningerne, efter beboerens sidste forløb er afsluttet. En beboer uden forløb gemmes lige så længe efter registreringen."
      />
      <NumberField
        {...field('daysAfterConsentWithdrawal')}
        label="Dage efter tilbagetrukket samtykke"
        hint="Når en beboer har trukket alle sine samtykker tilbage, anonymiseres oplysningerne så mange dage efter, dog først når beboerens forløb er afsluttet."
      />
      <NumberField
        {...field('monthsAfterPlanEnd')}
        label="Måneder efter helhedsplanens afslutning"
        hint="Så længe efter helhedsplanens sidste dag anonymiseres de beboere, der ikke længere er i forløb. Beboere, der stadig er i forløb eller på venteliste, anonymiseres ikke af sig selv: de vises her, indtil en person har taget stilling."
      />
      {(form.errors.confirmAnonymisations || values.confirmAnonymisations !== '') && (
        <NumberField
          {...field('confirmAnonymisations')}
          label="Bekræft antallet af beboere, der anonymiseres"
          hint="De nye regler gør mange beboere klar til anonymisering på én gang. Skriv antallet fra meddelelsen ovenfor, hvis det er meningen."
        />
      )}
      <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
        {form.busy ? 'Gemmer …' : 'Gem reglerne'}
      </button>
    </form>
  )
}

function DueSection({ planId, due, canRun, onRun }: { planId: string; due: PrivacyOverview['due']; canRun: boolean; onRun: () => void }) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: boolean; heading: string; text?: string; seq: number } | null>(null)
  const today = isoDay(new Date())
  const dueNow = due.filter((d) => !d.awaitsDecision && isDue(d.dueOn, today)).length

  async function run() {
    setBusy(true)
    try {
      const result = await runRetention(planId)
      setOutcome((o) => ({
        ok: true,
        heading: result.anonymised === 0 ? 'Ingen beboere skulle anonymiseres' : `${formatCount(result.anonymised, 'beboer', 'beboere')} er anonymiseret`,
        text: result.anonymised === 0 ? 'Ingen beboeres opbevaringstid var udløbet.' : 'Personoplysningerne er slettet. Det står i loggen nedenfor, hvad der blev fjernet.',
        seq: (o?.seq ?? 0) + 1,
      }))
      onRun()
    } catch (error) {
      setOutcome((o) => ({ ok: false, heading: 'Anonymiseringen blev ikke gennemført', text: messageOf(error), seq: (o?.seq ?? 0) + 1 }))
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <section aria-labelledby="privacy-due-heading" className="privacy-section">
      <h2 id="privacy-due-heading">Beboere, der skal anonymiseres</h2>
      <p>
        Indsats anonymiserer hver dag af sig selv de beboere, hvis tid er udløbet. Listen viser dem, hvis tid er udløbet, dem, der står for tur, og dem, der venter på en
        beslutning, fordi helhedsplanen er slut, mens de stadig er i forløb eller på venteliste.
      </p>
      {due.length === 0 ? (
        <p>Ingen beboere står for at blive anonymiseret.</p>
      ) : (
        <TableScroller label="Beboere, der skal anonymiseres">
          <table className="table table--zebra table--compact privacy-due-table">
            <caption className="sr-only">Beboere, der skal anonymiseres, med dato og årsag, de første først</caption>
            <TableHead columns={['Deltager', 'Dato', 'Årsag', 'Forklaring']} />
            <tbody>
              {due.map((d) => (
                <tr key={d.participantId}>
                  <th scope="row" className="weight-normal text-nowrap">
                    {d.pseudonym}
                  </th>
                  <td className="text-nowrap">
                    <time dateTime={d.dueOn}>{formatDay(d.dueOn)}</time>
                    {d.awaitsDecision ? (
                      <span className="cell-line weight-semibold">Venter på en beslutning</span>
                    ) : (
                      isDue(d.dueOn, today) && <span className="cell-line weight-semibold">Tiden er udløbet</span>
                    )}
                  </td>
                  <td>{retentionReasonLabels[d.reason]}</td>
                  <td>{d.explanation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {canRun && (
        <>
          <p className="mt-5">
            {dueNow === 0 ? 'Ingen beboeres tid er udløbet i dag.' : `${formatCount(dueNow, 'beboers', 'beboeres')} tid er udløbet.`} Du kan anonymisere dem nu i stedet for at vente
            på den daglige kørsel.
          </p>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
            Anonymisér dem, hvis tid er udløbet
          </button>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Anonymisér beboere, hvis tid er udløbet?"
        confirmLabel="Anonymisér nu"
        destructive
        busy={busy}
        onConfirm={() => void run()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {dueNow === 0
            ? 'Ifølge listen er ingen beboeres tid udløbet i dag. Indsats tjekker alligevel hver beboer igen.'
            : `Personoplysningerne om ${formatCount(dueNow, 'beboer', 'beboere')} slettes: navn, kontaktoplysninger, CPR-nummer, noter og samtykkeerklæringer.`}
        </p>
        <p>Det kan ikke fortrydes. De anonyme tal (forløbsdatoer, afslutningsårsager og fremmøde) bliver, så nøgletallene stadig passer.</p>
      </ConfirmDialog>
      {/* After the dialog: the dialog hands focus back to the button as it closes, and the answer then takes it. */}
      {outcome && (
        <Alert key={outcome.seq} variant={outcome.ok ? 'success' : 'error'} heading={outcome.heading} headingLevel={3} focusOnMount className="mt-5">
          {outcome.text && <p>{outcome.text}</p>}
        </Alert>
      )}
    </section>
  )
}

function RemovalsSection({ removals }: { removals: PrivacyOverview['removals'] }) {
  return (
    <section aria-labelledby="privacy-removals-heading" className="privacy-section">
      <h2 id="privacy-removals-heading">Slettede personoplysninger</h2>
      <p>Hvad der er fjernet, hvornår og hvorfor. Loggen gemmer kun antal, aldrig selve oplysningerne.</p>
      {removals.length === 0 ? (
        <p>Der er endnu ikke slettet personoplysninger om nogen beboer.</p>
      ) : (
        <TableScroller label="Slettede personoplysninger">
          <table className="table table--zebra table--compact privacy-removals-table">
            <caption className="sr-only">Slettede personoplysninger, nyeste først</caption>
            <TableHead columns={['Deltager', 'Tidspunkt', 'Årsag', 'Fjernet']} />
            <tbody>
              {removals.map((r) => (
                <tr key={`${r.pseudonym}-${r.at}`}>
                  <th scope="row" className="weight-normal text-nowrap">
                    {r.pseudonym}
                  </th>
                  <td className="text-nowrap">
                    <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                  </td>
                  <td>{retentionReasonLabels[r.reason]}</td>
                  <td>{removedText(r.removed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </section>
  )
}
