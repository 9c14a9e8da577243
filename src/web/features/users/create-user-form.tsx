import { type FormEvent, useState } from 'react'
import { roleRule } from '../../../shared/permissions.ts'
import type { PlanDto } from '../../../shared/plans.ts'
import { Role, UserCreate, type UserDto, roleLabels } from '../../../shared/users.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { ErrorSummary, type SummaryError } from '../../components/ui/error-summary.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { type FieldErrors, fieldErrorsFromIssues, fieldErrorsFromZod } from '../../lib/form-errors.ts'
import { createUser } from './users.api.ts'

const empty = { name: '', email: '', role: '', organisation: '', planIds: [] as string[] }

// Field name → the id the error summary links to (for the plans, the first checkbox).
const fieldIds: Record<keyof typeof empty, string> = {
  name: 'new-user-name',
  email: 'new-user-email',
  role: 'new-user-role',
  organisation: 'new-user-organisation',
  planIds: 'new-user-plans-0',
}

export interface CreateUserFormProps {
  plans: PlanDto[]
  organisations: string[]
  onCreated: (user: UserDto, oneTimePassword: string) => void
}

export function CreateUserForm({ plans, organisations, onCreated }: CreateUserFormProps) {
  const [values, setValues] = useState(empty)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [summary, setSummary] = useState<SummaryError[]>([])
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null)
  const [busy, setBusy] = useState(false)

  function showFieldErrors(next: FieldErrors) {
    setErrors(next)
    setSummary(
      (Object.keys(fieldIds) as (keyof typeof empty)[]).flatMap((field) => (next[field] ? [{ fieldId: fieldIds[field], message: next[field] }] : [])),
    )
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    const parsed = UserCreate.safeParse(values)
    const next = parsed.success ? {} : fieldErrorsFromZod(parsed.error)
    if (!Role.safeParse(values.role).success) next.role = 'Vælg brugerens rolle.'
    // Plans cannot be added to a user later, and without one a user sees nothing.
    else if (roleRule(values.role as Role).needsPlan && values.planIds.length === 0) next.planIds = 'Vælg mindst én helhedsplan.'
    if (!parsed.success || Object.keys(next).length > 0) return showFieldErrors(next)
    showFieldErrors({})
    setBusy(true)
    try {
      const created = await createUser(parsed.data)
      setValues(empty)
      onCreated(created.user, created.oneTimePassword)
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation' && error.issues.length > 0) {
        showFieldErrors(fieldErrorsFromIssues(error.issues))
      } else if (error instanceof ApiError && error.code === 'conflict') {
        showFieldErrors({ email: error.message })
      } else {
        setFailure((previous) => ({ message: messageOf(error), attempt: (previous?.attempt ?? 0) + 1 }))
      }
    } finally {
      setBusy(false)
    }
  }

  const set = (field: 'name' | 'email' | 'organisation' | 'role') => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }))

  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-user-heading">
      {failure && (
        <Alert key={failure.attempt} variant="error" heading="Brugeren blev ikke oprettet" focusOnMount headingLevel={3}>
          <p>{failure.message}</p>
        </Alert>
      )}
      <ErrorSummary errors={summary} />
      <TextField id={fieldIds.name} label="Navn" autoComplete="off" value={values.name} onChange={set('name')} error={errors.name} />
      <TextField
        id={fieldIds.email}
        label="E-mail"
        hint="Brugeren logger ind med denne adresse."
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={values.email}
        onChange={set('email')}
        error={errors.email}
      />
      <SelectField
        id={fieldIds.role}
        label="Rolle"
        hint="Rollen bestemmer, hvad brugeren må se og gøre."
        placeholder="Vælg rolle"
        options={Role.options.map((role) => ({ value: role, label: roleLabels[role] }))}
        value={values.role}
        onChange={set('role')}
        error={errors.role}
      />
      <TextField
        id={fieldIds.organisation}
        label="Organisation"
        hint="Fx boligorganisationen, jobcentret eller kommunen. Skriv navnet, som det står hos de andre brugere fra samme sted."
        autoComplete="off"
        list="known-organisations"
        value={values.organisation}
        onChange={set('organisation')}
        error={errors.organisation}
      />
      <datalist id="known-organisations">
        {organisations.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <CheckboxGroup
        id="new-user-plans"
        legend="Helhedsplaner"
        hint="Brugeren kan kun se de planer, der er valgt her."
        options={plans.map((plan) => ({ value: plan.id, label: `${plan.name} (${plan.municipality})` }))}
        values={values.planIds}
        onChange={(planIds) => setValues((v) => ({ ...v, planIds }))}
        error={errors.planIds}
      />
      <button type="submit" className="button button-primary mt-6" disabled={busy}>
        {busy ? 'Opretter …' : 'Opret bruger'}
      </button>
    </form>
  )
}
