import { useState } from 'react'
import { roleRule } from '../../../shared/permissions.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import { Role, UserCreate, type UserCreated, type UserDto, roleLabels } from '../../../shared/users.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { ErrorSummary } from '../../components/ui/error-summary.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { partyName } from '../../../shared/parties.ts'
import { useResource } from '../../lib/use-resource.ts'
import { listPartyChoices } from '../plans/plans.api.ts'
import { createUser, updateUser } from './users.api.ts'

const empty = { name: '', email: '', role: '', organisation: '', planIds: [] as string[], partyIds: {} as Record<string, string> }

// Field name → the id the error summary links to (for the plans, the first checkbox).
const idsOf = (prefix: string): Record<keyof typeof empty, string> => ({
  name: `${prefix}-name`,
  email: `${prefix}-email`,
  role: `${prefix}-role`,
  organisation: `${prefix}-organisation`,
  planIds: `${prefix}-plans-0`,
  partyIds: `${prefix}-plans-0`,
})

export interface CreateUserFormProps {
  plans: PlanDto[]
  organisations: string[]
  onCreated: (created: UserCreated) => void
}

/** The same form for changing a user (decision 025): everything but the e-mail, which is the sign-in name. */
export interface EditUserFormProps {
  plans: PlanDto[]
  organisations: string[]
  user: UserDto
  onSaved: (user: UserDto, sessionsEnded: boolean) => void
  onCancel: () => void
}

export function CreateUserForm(props: CreateUserFormProps | EditUserFormProps) {
  const { plans, organisations } = props
  const editing = 'user' in props ? props.user : null
  const prefix = editing ? 'edit-user' : 'new-user'
  const fieldIds = idsOf(prefix)
  const [values, setValues] = useState(() =>
    editing
      ? {
          name: editing.name,
          email: editing.email,
          role: editing.role as string,
          organisation: editing.organisation.name,
          planIds: editing.plans.map((p) => p.id),
          partyIds: Object.fromEntries(editing.plans.flatMap((p) => (p.party ? [[p.id, p.party.id]] : []))) as Record<string, string>,
        }
      : empty,
  )
  // An address already in use is a problem with the e-mail field.
  const form = useForm({ fieldIds, fieldFor: { conflict: 'email' } })
  // Each plan's parties: the user belongs to one party of each plan they work in (decision 012).
  const choices = useResource((signal) => listPartyChoices(signal), [])

  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      if (!Role.safeParse(values.role).success) problems.role = 'Vælg brugerens rolle.'
      // Plans cannot be added to a user later, and without one a user sees nothing.
      else if (roleRule(values.role as Role).needsPlan && values.planIds.length === 0) problems.planIds = 'Vælg mindst én helhedsplan.'
      // Only the plans chosen, and only where a party is chosen: the others get the role's usual party.
      const partyIds = Object.fromEntries(Object.entries(values.partyIds).filter(([planId, partyId]) => partyId && values.planIds.includes(planId)))
      return checked(UserCreate, { ...values, partyIds }, problems)
    },
    async ({ email: _email, ...body }) => {
      if ('user' in props) {
        const saved = await updateUser(props.user.id, body)
        props.onSaved(saved.user, saved.sessionsEnded)
        return
      }
      const created = await createUser({ email: _email, ...body })
      setValues(empty)
      props.onCreated(created)
    },
  )

  const set = (field: 'name' | 'email' | 'organisation' | 'role') => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }))

  return (
    <form onSubmit={submit} noValidate aria-labelledby={editing ? 'edit-user-heading' : 'create-user-heading'}>
      {form.failure && (
        <Alert key={form.failure.seq} variant="error" heading={editing ? 'Brugeren blev ikke ændret' : 'Brugeren blev ikke oprettet'} focusOnMount headingLevel={3}>
          <p>{form.failure.message}</p>
        </Alert>
      )}
      <ErrorSummary errors={form.summary} />
      <TextField id={fieldIds.name} label="Navn" autoComplete="off" value={values.name} onChange={set('name')} error={form.errors.name} />
      {editing ? (
        <p>
          <span className="weight-semibold">E-mail: </span>
          {editing.email}
        </p>
      ) : (
        <TextField
          id={fieldIds.email}
          label="E-mail"
          hint="Brugeren logger ind med denne adresse."
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={set('email')}
          error={form.errors.email}
        />
      )}
      <SelectField
        id={fieldIds.role}
        label="Rolle"
        hint="Rollen bestemmer, hvad brugeren må se og gøre."
        placeholder="Vælg rolle"
        options={Role.options.map((role) => ({ value: role, label: roleLabels[role] }))}
        value={values.role}
        onChange={set('role')}
        error={form.errors.role}
      />
      <TextField
        id={fieldIds.organisation}
        label="Organisation"
        hint="Fx boligorganisationen, jobcentret eller kommunen. Skriv navnet, som det står hos de andre brugere fra samme sted."
        autoComplete="off"
        list={`${prefix}-known-organisations`}
        value={values.organisation}
        onChange={set('organisation')}
        error={form.errors.organisation}
      />
      <datalist id={`${prefix}-known-organisations`}>
        {organisations.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <CheckboxGroup
        id={`${prefix}-plans`}
        legend="Helhedsplaner"
        hint="Brugeren kan kun se de planer, der er valgt her."
        options={plans.map((plan) => ({ value: plan.id, label: `${plan.name} (${plan.municipality})` }))}
        values={values.planIds}
        onChange={(planIds) => setValues((v) => ({ ...v, planIds }))}
        error={form.errors.planIds}
      />
      {plans
        .filter((plan) => values.planIds.includes(plan.id))
        .map((plan) => (
          <SelectField
            key={plan.id}
            id={`${prefix}-party-${plan.id}`}
            label={`Part i ${plan.name}`}
            hint="Den organisation i planen, brugeren arbejder for. Den afgør, hvilke beboere og samtykker brugeren ser."
            placeholder="Rollens sædvanlige part"
            options={(choices.data?.plans[plan.id] ?? []).map((party) => ({ value: party.id, label: partyName(party) }))}
            value={values.partyIds[plan.id] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, partyIds: { ...v.partyIds, [plan.id]: e.target.value } }))}
          />
        ))}
      {editing ? (
        <div className="button-row d-flex mt-6">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? 'Gemmer …' : 'Gem ændringer'}
          </button>
          <button type="button" className="button button-secondary" onClick={'onCancel' in props ? props.onCancel : undefined}>
            Annullér
          </button>
        </div>
      ) : (
        <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
          {form.busy ? 'Opretter …' : 'Opret bruger'}
        </button>
      )}
    </form>
  )
}
