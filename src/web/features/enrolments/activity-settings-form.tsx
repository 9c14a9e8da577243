import { type Activity, ActivitySettings } from '../../../shared/enrolments.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { NumberField } from '../../components/ui/text-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
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
  const form = useForm<Field, { text: string }>({ fieldIds })
  const { values, field } = useFormValues(form, {
    capacity: activity.capacity === null ? '' : String(activity.capacity),
    defaultWeeks: activity.defaultWeeks === null ? '' : String(activity.defaultWeeks),
  })

  const submit = form.handle(
    () => {
      const body = { capacity: wholeNumber(values.capacity), defaultWeeks: wholeNumber(values.defaultWeeks) }
      const problems: FieldErrors = {}
      if (body.capacity === undefined || (body.capacity !== null && body.capacity < 1)) problems.capacity = 'Skriv antallet af pladser som et helt tal, fx 12.'
      if (body.defaultWeeks === undefined || (body.defaultWeeks !== null && body.defaultWeeks < 1)) problems.defaultWeeks = 'Skriv længden i hele uger, fx 10.'
      return checked(ActivitySettings, body, problems)
    },
    async (body) => {
      await updateActivitySettings(planId, activity.id, body)
      const places = body.capacity === null ? 'intet fast antal pladser' : `${body.capacity} pladser`
      onSaved()
      return { text: `${activity.name} har nu ${places} og en standardlængde på ${defaultLengthText(body.defaultWeeks).toLowerCase()}.` }
    },
  )

  return (
    <form onSubmit={submit} noValidate className="activity-settings" aria-labelledby="activity-settings-heading">
      <h3 id="activity-settings-heading">Ret pladser og længde</h3>
      {form.done && (
        <Alert key={form.done.seq} variant="success" heading="Pladser og længde er gemt" headingLevel={4} focusOnMount>
          <p>{form.done.text}</p>
        </Alert>
      )}
      <FormProblems form={form} heading="Pladser og længde blev ikke gemt" headingLevel={4} />
      <div className="field-row">
        <NumberField
          {...field('capacity')}
          label="Antal pladser"
          hint="Hvor mange der kan være i forløb på samme tid. Lad feltet stå tomt, hvis der ikke er et fast antal."
        />
        <NumberField
          {...field('defaultWeeks')}
          label="Standardlængde i uger"
          hint="Bruges til den planlagte slutdato for nye forløb. Lad feltet stå tomt, hvis der ikke er en fast længde."
        />
      </div>
      <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
        {form.busy ? 'Gemmer …' : 'Gem pladser og længde'}
      </button>
    </form>
  )
}
