import { type FormEvent, useState } from 'react'
import { type Activity, ActivitySettings } from '../../../shared/enrolments.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ErrorSummary, type SummaryError } from '../../components/ui/error-summary.tsx'
import { NumberField } from '../../components/ui/text-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { type FieldErrors, fieldErrorsFromIssues, fieldErrorsFromZod } from '../../lib/form-errors.ts'
import { parseDecimal } from '../agreements/agreement-format.ts'
import { defaultLengthText } from './activity-occupancy.ts'
import { updateActivitySettings } from './activities.api.ts'

// The number of places and the default length come from the agreement's targets when they can be
// read from it ("op til 12 beboere", "10 uger"); the project leader corrects them here.

type Field = 'capacity' | 'defaultWeeks'

const fieldIds: Record<Field, string> = { capacity: 'activity-capacity', defaultWeeks: 'activity-weeks' }

/** Empty → null (not set); a whole number → the number; anything else → undefined (say so). */
function wholeNumber(text: string): number | null | undefined {
  if (text.trim() === '') return null
  const value = parseDecimal(text)
  return value !== null && Number.isInteger(value) ? value : undefined
}

export function ActivitySettingsForm({ planId, activity, onSaved }: { planId: string; activity: Activity; onSaved: () => void }) {
  const [capacity, setCapacity] = useState(activity.capacity === null ? '' : String(activity.capacity))
  const [weeks, setWeeks] = useState(activity.defaultWeeks === null ? '' : String(activity.defaultWeeks))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [summary, setSummary] = useState<SummaryError[]>([])
  const [outcome, setOutcome] = useState<{ ok: boolean; heading: string; text: string; seq: number } | null>(null)
  const [busy, setBusy] = useState(false)

  function show(next: FieldErrors) {
    setErrors(next)
    setSummary((Object.keys(fieldIds) as Field[]).flatMap((f) => (next[f] ? [{ fieldId: fieldIds[f], message: next[f] }] : [])))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setOutcome(null)
    const body = { capacity: wholeNumber(capacity), defaultWeeks: wholeNumber(weeks) }
    const problems: FieldErrors = {}
    if (body.capacity === undefined || (body.capacity !== null && body.capacity < 1)) problems.capacity = 'Skriv antallet af pladser som et helt tal, fx 12.'
    if (body.defaultWeeks === undefined || (body.defaultWeeks !== null && body.defaultWeeks < 1)) problems.defaultWeeks = 'Skriv længden i hele uger, fx 10.'
    const parsed = ActivitySettings.safeParse(body)
    if (Object.keys(problems).length > 0 || !parsed.success) return show({ ...(parsed.success ? {} : fieldErrorsFromZod(parsed.error)), ...problems })
    show({})
    setBusy(true)
    try {
      await updateActivitySettings(planId, activity.id, parsed.data)
      const places = parsed.data.capacity === null ? 'intet fast antal pladser' : `${parsed.data.capacity} pladser`
      setOutcome((o) => ({ ok: true, heading: 'Pladser og længde er gemt', text: `${activity.name} har nu ${places} og en standardlængde på ${defaultLengthText(parsed.data.defaultWeeks).toLowerCase()}.`, seq: (o?.seq ?? 0) + 1 }))
      onSaved()
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation' && error.issues.length > 0) return show(fieldErrorsFromIssues(error.issues))
      setOutcome((o) => ({ ok: false, heading: 'Pladser og længde blev ikke gemt', text: messageOf(error), seq: (o?.seq ?? 0) + 1 }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} noValidate className="activity-settings" aria-labelledby="activity-settings-heading">
      <h3 id="activity-settings-heading">Ret pladser og længde</h3>
      {outcome && (
        <Alert key={outcome.seq} variant={outcome.ok ? 'success' : 'error'} heading={outcome.heading} headingLevel={4} focusOnMount>
          <p>{outcome.text}</p>
        </Alert>
      )}
      <ErrorSummary errors={summary} headingLevel={4} />
      <div className="field-row">
        <NumberField
          id={fieldIds.capacity}
          label="Antal pladser"
          hint="Hvor mange der kan være i forløb på samme tid. Lad feltet stå tomt, hvis der ikke er et fast antal."
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          error={errors.capacity}
        />
        <NumberField
          id={fieldIds.defaultWeeks}
          label="Standardlængde i uger"
          hint="Bruges til den planlagte slutdato for nye forløb. Lad feltet stå tomt, hvis der ikke er en fast længde."
          value={weeks}
          onChange={(e) => setWeeks(e.target.value)}
          error={errors.defaultWeeks}
        />
      </div>
      <button type="submit" className="button button-primary mt-6" disabled={busy}>
        {busy ? 'Gemmer …' : 'Gem pladser og længde'}
      </button>
    </form>
  )
}
