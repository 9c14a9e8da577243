import { type ChangeEvent, type FormEvent, useState } from 'react'
import { useNavigate } from 'react-router'
import { PasswordChange } from '../../../shared/auth.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ErrorSummary, type SummaryError } from '../../components/ui/error-summary.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { ApiError, messageOf } from '../../lib/api.ts'
import { type FieldErrors, fieldErrorsFromIssues, fieldErrorsFromZod } from '../../lib/form-errors.ts'
import { changePassword } from './auth.api.ts'
import { useCurrentUser, useSession } from './session.tsx'

const fields = [
  ['currentPassword', 'current-password'],
  ['newPassword', 'new-password'],
  ['repeatPassword', 'repeat-password'],
] as const

export function ChangePasswordPage() {
  const user = useCurrentUser()
  const { refresh } = useSession()
  const navigate = useNavigate()
  const forced = user.mustChangePassword
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeatPassword: '' })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [summary, setSummary] = useState<SummaryError[]>([])
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null)
  const [busy, setBusy] = useState(false)

  function showFieldErrors(next: FieldErrors) {
    setErrors(next)
    setSummary(fields.flatMap(([field, id]) => (next[field] ? [{ fieldId: id, message: next[field] }] : [])))
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    const parsed = PasswordChange.safeParse(values)
    const next = parsed.success ? {} : fieldErrorsFromZod(parsed.error)
    if (values.repeatPassword !== values.newPassword) next.repeatPassword ??= 'De to nye adgangskoder er ikke ens.'
    else if (!values.repeatPassword) next.repeatPassword = 'Gentag den nye adgangskode.'
    if (!parsed.success || Object.keys(next).length > 0) return showFieldErrors(next)
    showFieldErrors({})
    setBusy(true)
    try {
      await changePassword(parsed.data)
      await refresh()
      navigate('/', { replace: true, state: { notice: 'Din adgangskode er skiftet.' } })
    } catch (error) {
      setBusy(false)
      if (error instanceof ApiError && error.code === 'validation' && error.issues.length > 0) {
        return showFieldErrors(fieldErrorsFromIssues(error.issues))
      }
      setFailure((previous) => ({ message: messageOf(error), attempt: (previous?.attempt ?? 0) + 1 }))
    }
  }

  const set = (field: keyof typeof values) => (e: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [field]: e.target.value }))

  return (
    <Page title="Skift adgangskode">
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          {forced && (
            <Alert variant="info" heading="Vælg din egen adgangskode">
              <p>Du er logget ind med en engangskode. Vælg en ny adgangskode, før du fortsætter.</p>
            </Alert>
          )}
          {failure && (
            <Alert key={failure.attempt} variant="error" heading="Adgangskoden blev ikke skiftet" focusOnMount>
              <p>{failure.message}</p>
            </Alert>
          )}
          <ErrorSummary errors={summary} />
          {/* The e-mail is here for password managers, which file the new password under it. */}
          <form onSubmit={submit} noValidate className="mt-5">
            <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
            <TextField
              id="current-password"
              label={forced ? 'Engangskode eller nuværende adgangskode' : 'Nuværende adgangskode'}
              type="password"
              autoComplete="current-password"
              value={values.currentPassword}
              onChange={set('currentPassword')}
              error={errors.currentPassword}
            />
            <TextField
              id="new-password"
              label="Ny adgangskode"
              hint="Mindst 12 tegn. Flere almindelige ord i en sætning er lette at huske og svære at gætte."
              type="password"
              autoComplete="new-password"
              value={values.newPassword}
              onChange={set('newPassword')}
              error={errors.newPassword}
            />
            <TextField
              id="repeat-password"
              label="Gentag ny adgangskode"
              type="password"
              autoComplete="new-password"
              value={values.repeatPassword}
              onChange={set('repeatPassword')}
              error={errors.repeatPassword}
            />
            <button type="submit" className="button button-primary mt-6" disabled={busy}>
              {busy ? 'Gemmer …' : 'Skift adgangskode'}
            </button>
          </form>
        </div>
      </div>
    </Page>
  )
}
