import { useParams } from 'react-router'
import { formatCount, formatDay, formatNumber, isoDay } from '../../../shared/lib/format.ts'
import { weekKeyOf } from '../../../shared/lib/iso-week.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import { type StaffTimeOptions, type TimeEntry, TimeEntryCreate } from '../../../shared/staff-time.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { parseDecimal } from '../agreements/agreement-format.ts'
import { ActivityLoadFailed, ActivityLoading, planCrumbs } from '../enrolments/activity-loading.tsx'
import { listMyHours, planStaffTimePath, readOptions, registerHours } from './staff-time.api.ts'
import { loadPlan, STAFF_TIME_TITLE } from './staff-time-loading.tsx'

// "Registrér timer": a person's hours for one ISO week, in half hours, on an activity or directly
// on a promise of the agreement; an activity shared between effort areas can take the area.

const TITLE = 'Registrér timer'

export function HoursPage() {
  const { planId = '' } = useParams()
  const data = useResource(async (signal) => {
    const [plan, options, mine] = await Promise.all([loadPlan(planId, signal), readOptions(planId, signal), listMyHours(planId, signal)])
    return { plan, options, entries: mine.entries }
  }, [planId])
  if (data.status === 'loading') return <ActivityLoading title={TITLE} label="Henter delaftalerne …" />
  if (data.status === 'failed') return <ActivityLoadFailed title={TITLE} error={data.error} onRetry={data.reload} />
  return <HoursScreen plan={data.data.plan} options={data.data.options} entries={data.data.entries} onSaved={data.reload} />
}

type Field = 'agreementId' | 'activityId' | 'resourceKey' | 'effortArea' | 'week' | 'hours' | 'note'

function HoursScreen({ plan, options, entries, onSaved }: { plan: PlanDto; options: StaffTimeOptions; entries: TimeEntry[]; onSaved: () => void }) {
  const fieldIds: Record<Field, string> = {
    agreementId: 'hours-agreement',
    activityId: 'hours-activity',
    resourceKey: 'hours-resource',
    effortArea: 'hours-area',
    week: 'hours-week',
    hours: 'hours-hours',
    note: 'hours-note',
  }
  const form = useForm<Field, { text: string }>({ fieldIds })
  const { values, set, field } = useFormValues(form, () => ({
    agreementId: options.agreements[0]?.id ?? '',
    activityId: '',
    resourceKey: '',
    effortArea: '',
    week: weekKeyOf(isoDay(new Date())),
    hours: '',
    note: '',
  }))
  const agreement = options.agreements.find((a) => a.id === values.agreementId)
  const activities = options.activities.filter((a) => a.agreementIds.includes(values.agreementId))
  const activity = activities.find((a) => a.id === values.activityId)

  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      const hours = parseDecimal(values.hours)
      if (hours === null) problems.hours = 'Skriv antal timer, fx 7,5.'
      return checked(
        TimeEntryCreate,
        {
          agreementId: values.agreementId,
          activityId: values.activityId || null,
          resourceKey: values.resourceKey || null,
          effortArea: values.effortArea || null,
          week: values.week,
          hours: hours ?? 0,
          note: values.note.trim() || null,
        },
        problems,
      )
    },
    async (body) => {
      const saved = await registerHours(plan.id, body)
      set('hours', '')
      set('note', '')
      onSaved()
      return { text: `${formatCount(body.hours, 'time', 'timer')} i uge ${body.week.slice(6)} ${saved.replaced ? 'erstatter det, du registrerede før' : 'er registreret'}.` }
    },
  )

  return (
    <>
      <Breadcrumbs items={planCrumbs(plan, [{ label: STAFF_TIME_TITLE, to: planStaffTimePath(plan.id) }, { label: TITLE }])} />
      <Page title={TITLE} lead="Dine timer for én uge i halve timer. Registrerer du samme uge igen, erstatter de nye timer de gamle. Har du registreret timer for en aktivitet og uge, tæller samtalerne den uge ikke med igen.">
        <form onSubmit={submit} noValidate className="staff-time-form" aria-label={TITLE}>
          {form.done && (
            <Alert key={form.done.seq} variant="success" heading="Timerne er gemt" headingLevel={2} focusOnMount>
              <p>{form.done.text}</p>
            </Alert>
          )}
          <FormProblems form={form} heading="Timerne blev ikke gemt" headingLevel={2} />
          <SelectField {...field('agreementId')} label="Delaftale" options={options.agreements.map((a) => ({ value: a.id, label: a.title }))} />
          <SelectField {...field('activityId')} label="Aktivitet" placeholder="Ingen bestemt aktivitet" options={activities.map((a) => ({ value: a.id, label: a.name }))} />
          <SelectField
            {...field('resourceKey')}
            label="Tæller med i ressourcen"
            hint="Tom: aktivitetens regel i delaftalen."
            placeholder="Aktivitetens regel"
            options={(agreement?.promises ?? []).map((p) => ({ value: p.key, label: p.label }))}
          />
          {activity && activity.effortAreas.length > 0 && (
            <SelectField
              {...field('effortArea')}
              label="Indsatsområde"
              hint="Tom: timerne fordeles efter delaftalens fordeling."
              placeholder="Fordel efter delaftalen"
              options={activity.effortAreas.map((e) => ({ value: e.code, label: e.name }))}
            />
          )}
          <TextField {...field('week')} label="Uge" type="week" width="input-width-s" />
          <TextField {...field('hours')} label="Timer" hint="I halve timer, fx 7,5." inputMode="decimal" autoComplete="off" width="input-width-xs" />
          <TextField {...field('note')} label="Note (valgfri)" autoComplete="off" maxLength={500} />
          <button type="submit" className="button button-primary" disabled={form.busy}>
            Gem timerne
          </button>
        </form>
        {entries.length > 0 && (
          <section aria-labelledby="my-hours-heading" className="mt-7">
            <h2 id="my-hours-heading">Dine seneste timer</h2>
            <TableScroller label="Dine seneste timer">
              <table className="table table--zebra">
                <caption className="sr-only">Dine registrerede timer, nyeste uge først</caption>
                <TableHead columns={['Uge', 'Aktivitet eller ressource', { label: 'Timer', className: 'number-cell' }]} />
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id}>
                      <th scope="row" className="weight-normal">
                        Uge {e.week.slice(6)} ({formatDay(e.weekStart)})
                      </th>
                      <td>{[e.activityName, e.resourceKey, e.effortArea].filter(Boolean).join(' · ')}</td>
                      <td className="number-cell">{formatNumber(e.hours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          </section>
        )}
      </Page>
    </>
  )
}
