import { formatNumber } from '../../../shared/lib/format.ts'
import { StaffTimeSettingsUpdate } from '../../../shared/staff-time.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { NumberField } from '../../components/ui/text-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { parseDecimal } from '../agreements/agreement-format.ts'
import { updateSettings } from './staff-time.api.ts'

// How the plan reads "80 % af en stilling" and "en dag i ugen" as hours (decision 015): the project
// leader sets the normal week (37 hours unless the plan says otherwise), the working day and the
// weeks of holiday, and every quarter is judged by them.

type Field = 'normalWeekHours' | 'hoursPerDay' | 'vacationWeeksPerYear'

export function StaffTimeSettingsForm({ planId, settings, onSaved }: { planId: string; settings: StaffTimeSettingsUpdate; onSaved: () => void }) {
  const form = useForm<Field, { text: string }>({ fieldIds: { normalWeekHours: 'settings-week', hoursPerDay: 'settings-day', vacationWeeksPerYear: 'settings-vacation' } })
  const { values, field } = useFormValues(form, () => ({
    normalWeekHours: formatNumber(settings.normalWeekHours),
    hoursPerDay: formatNumber(settings.hoursPerDay),
    vacationWeeksPerYear: formatNumber(settings.vacationWeeksPerYear),
  }))
  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      const number = (name: Field, what: string) => {
        const n = parseDecimal(values[name])
        if (n === null) problems[name] = `Skriv ${what} som et tal, fx ${name === 'vacationWeeksPerYear' ? '6' : '37'}.`
        return n ?? 0
      }
      return checked(StaffTimeSettingsUpdate, { normalWeekHours: number('normalWeekHours', 'den normale arbejdsuge'), hoursPerDay: number('hoursPerDay', 'arbejdsdagen'), vacationWeeksPerYear: number('vacationWeeksPerYear', 'ferieugerne') }, problems)
    },
    async (body) => {
      await updateSettings(planId, body)
      onSaved()
      return { text: `En normal uge er nu ${formatNumber(body.normalWeekHours)} timer og en dag ${formatNumber(body.hoursPerDay)} timer, med ${formatNumber(body.vacationWeeksPerYear)} ferieuger om året.` }
    },
  )
  return (
    <section aria-labelledby="settings-heading" className="mt-7">
      <h2 id="settings-heading" className="h4">
        Ret grundlaget for timerne
      </h2>
      <form onSubmit={submit} noValidate aria-labelledby="settings-heading">
        {form.done && (
          <Alert key={form.done.seq} variant="success" heading="Grundlaget er gemt" headingLevel={3} focusOnMount>
            <p>{form.done.text}</p>
          </Alert>
        )}
        <FormProblems form={form} heading="Grundlaget blev ikke gemt" headingLevel={3} />
        <NumberField {...field('normalWeekHours')} label="Normal arbejdsuge (timer)" hint="Fx 37. En stillingsprocent regnes fra den." />
        <NumberField {...field('hoursPerDay')} label="En arbejdsdag (timer)" hint="Fx 7,4. »En dag i ugen« regnes fra den." />
        <NumberField {...field('vacationWeeksPerYear')} label="Ferieuger om året" />
        <button type="submit" className="button button-secondary" disabled={form.busy}>
          Gem grundlaget
        </button>
      </form>
    </section>
  )
}
