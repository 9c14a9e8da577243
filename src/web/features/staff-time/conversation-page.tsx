import { useParams } from 'react-router'
import type { PlanDto } from '../../../shared/plans.ts'
import { formatCount, formatDay, isoDay } from '../../../shared/lib/format.ts'
import { type Conversation, ConversationCreate, type StaffTimeOptions } from '../../../shared/staff-time.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Breadcrumbs } from '../../components/ui/breadcrumbs.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { NumberField, TextField } from '../../components/ui/text-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { parseDecimal } from '../agreements/agreement-format.ts'
import { ActivityLoadFailed, ActivityLoading, planCrumbs } from '../enrolments/activity-loading.tsx'
import { createConversation, listConversations, planStaffTimePath, readOptions } from './staff-time.api.ts'
import { loadPlan, STAFF_TIME_TITLE } from './staff-time-loading.tsx'

// "Registrér en samtale": made for a phone in the residential area. The activity's own rule gives the
// administrative time (Varde's ½ hour per conversation) unless another is typed.

const TITLE = 'Registrér en samtale'

export function ConversationPage() {
  const { planId = '' } = useParams()
  const data = useResource(async (signal) => {
    const [plan, options, list] = await Promise.all([loadPlan(planId, signal), readOptions(planId, signal), listConversations(planId, signal)])
    return { plan, options, conversations: list.conversations }
  }, [planId])
  if (data.status === 'loading') return <ActivityLoading title={TITLE} label="Henter aktiviteterne …" />
  if (data.status === 'failed') return <ActivityLoadFailed title={TITLE} error={data.error} onRetry={data.reload} />
  return <ConversationScreen plan={data.data.plan} options={data.data.options} conversations={data.data.conversations} onSaved={data.reload} />
}

type Field = 'activityId' | 'heldOn' | 'place' | 'durationMinutes' | 'transportMinutes' | 'adminMinutes'

function ConversationScreen({ plan, options, conversations, onSaved }: { plan: PlanDto; options: StaffTimeOptions; conversations: Conversation[]; onSaved: () => void }) {
  // Activities whose agreement says conversations are recorded come first.
  const activities = [...options.activities].sort((a, b) => Number(b.hoursFromConversations) - Number(a.hoursFromConversations) || a.name.localeCompare(b.name))
  const fieldIds: Record<Field, string> = {
    activityId: 'conversation-activity',
    heldOn: 'conversation-date',
    place: 'conversation-place',
    durationMinutes: 'conversation-duration',
    transportMinutes: 'conversation-transport',
    adminMinutes: 'conversation-admin',
  }
  const form = useForm<Field, { text: string }>({ fieldIds })
  const { values, set, field } = useFormValues(form, () => ({
    activityId: activities[0]?.id ?? '',
    heldOn: isoDay(new Date()),
    place: '',
    durationMinutes: '',
    transportMinutes: '0',
    adminMinutes: '',
  }))
  const activity = activities.find((a) => a.id === values.activityId)
  const minutes = (text: string, problems: FieldErrors, name: Field, what: string): number | null => {
    if (text.trim() === '') return null
    const n = parseDecimal(text)
    if (n === null || !Number.isInteger(n)) {
      problems[name] = `Skriv ${what} som et helt antal minutter, fx 45.`
      return null
    }
    return n
  }

  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      const durationMinutes = minutes(values.durationMinutes, problems, 'durationMinutes', 'varigheden')
      if (durationMinutes === null && !problems.durationMinutes) problems.durationMinutes = 'Skriv, hvor længe samtalen varede, i minutter.'
      const transportMinutes = minutes(values.transportMinutes, problems, 'transportMinutes', 'transporttiden') ?? 0
      const adminMinutes = minutes(values.adminMinutes, problems, 'adminMinutes', 'den administrative tid')
      return checked(
        ConversationCreate,
        { activityId: values.activityId, kind: 'anonymous', participantId: null, heldOn: values.heldOn, place: values.place, durationMinutes: durationMinutes ?? 0, transportMinutes, adminMinutes },
        problems,
      )
    },
    async (body) => {
      await createConversation(plan.id, body)
      set('place', '')
      set('durationMinutes', '')
      set('transportMinutes', '0')
      set('adminMinutes', '')
      onSaved()
      return { text: `Samtalen ${formatDay(body.heldOn)} på ${body.place} er registreret: ${formatCount(body.durationMinutes, 'minut', 'minutter')} og ${formatCount(body.transportMinutes, 'minuts', 'minutters')} transport.` }
    },
  )

  const adminHint =
    activity?.adminMinutesPerConversation != null
      ? `Tom: delaftalens regel, ${formatCount(activity.adminMinutesPerConversation, 'minut', 'minutter')} pr. samtale.`
      : 'Tom: ingen administrativ tid.'

  return (
    <>
      <Breadcrumbs items={planCrumbs(plan, [{ label: STAFF_TIME_TITLE, to: planStaffTimePath(plan.id) }, { label: TITLE }])} />
      <Page title={TITLE} lead="Samtalen registreres anonymt i samtalekalenderen. Transporttid og administrativ tid tæller med i timerne, hvor delaftalen siger det.">
        <form onSubmit={submit} noValidate className="staff-time-form" aria-label={TITLE}>
          {form.done && (
            <Alert key={form.done.seq} variant="success" heading="Samtalen er gemt" headingLevel={2} focusOnMount>
              <p>{form.done.text}</p>
            </Alert>
          )}
          <FormProblems form={form} heading="Samtalen blev ikke gemt" headingLevel={2} />
          <SelectField {...field('activityId')} label="Aktivitet" options={activities.map((a) => ({ value: a.id, label: a.name }))} />
          <TextField {...field('heldOn')} label="Dato" type="date" width="input-width-s" />
          <TextField {...field('place')} label="Sted" hint="Fx »Trivselshuset« eller »hjemmebesøg«." autoComplete="off" maxLength={200} />
          <NumberField {...field('durationMinutes')} label="Varighed (minutter)" />
          <NumberField {...field('transportMinutes')} label="Transporttid (minutter)" />
          <NumberField {...field('adminMinutes')} label="Administrativ tid (minutter)" hint={adminHint} />
          <button type="submit" className="button button-primary" disabled={form.busy}>
            Gem samtalen
          </button>
        </form>
        <ConversationList conversations={conversations} />
      </Page>
    </>
  )
}

function ConversationList({ conversations }: { conversations: Conversation[] }) {
  if (conversations.length === 0) return null
  return (
    <section aria-labelledby="conversations-heading" className="mt-7">
      <h2 id="conversations-heading">Seneste samtaler</h2>
      <ul className="nobullet-list conversation-list">
        {conversations.slice(0, 20).map((c) => (
          <li key={c.id}>
            <strong>{formatDay(c.heldOn)}</strong>, {c.place} ({c.activityName}): {formatCount(c.durationMinutes, 'minut', 'minutter')}, transport {formatCount(c.transportMinutes, 'minut', 'minutter')}, administration{' '}
            {formatCount(c.adminMinutes, 'minut', 'minutter')}
            {c.adminByRule ? ' (delaftalens regel)' : ''}
            {c.participant ? ` · ${c.participant.name ?? c.participant.pseudonym}` : c.residentHidden ? ' · en beboer, du ikke kan se' : ''} · {c.staffName}
          </li>
        ))}
      </ul>
    </section>
  )
}
