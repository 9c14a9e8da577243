import { useNavigate } from 'react-router'
import { PasswordChange } from '../../../shared/auth.ts'
import { defaultMessages } from '../../../shared/errors.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Page } from '../../components/ui/page.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { checked, type FieldErrors } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { changePassword } from './auth.api.ts'
import { useCurrentUser, useSession } from './session.tsx'

const fieldIds = { currentPassword: 'current-password', newPassword: 'new-password', repeatPassword: 'repeat-password' } as const

export function ChangePasswordPage() {
  const { state } = useSession()
  // Signed in through the organisation's login: no password of this session to change (decision 041).
  if (state.status === 'signed-in' && state.session.signInMethod === 'identity_provider') {
    return (
      <Page title="Skift adgangskode">
        <div className="row">
          <div className="col-12 col-md-8 col-lg-6">
            <Alert variant="info" heading="Du er logget ind via din organisation">
              <p>{defaultMessages.password_change_through_identity_provider}</p>
            </Alert>
          </div>
        </div>
      </Page>
    )
  }
  return <ChangePasswordForm />
}

function ChangePasswordForm() {
  const user = useCurrentUser()
  const { refresh } = useSession()
  const navigate = useNavigate()
  const forced = user.mustChangePassword
  // Success leaves the page.
  const form = useForm({ fieldIds, busyUntilGone: true })
  const { values, field } = useFormValues(form, { currentPassword: '', newPassword: '', repeatPassword: '' })

  const submit = form.handle(
    () => {
      const problems: FieldErrors = {}
      if (values.repeatPassword !== values.newPassword) problems.repeatPassword = 'De to nye adgangskoder er ikke ens.'
      else if (!values.repeatPassword) problems.repeatPassword = 'Gentag den nye adgangskode.'
      return checked(PasswordChange, values, problems)
    },
    async (body) => {
      await changePassword(body)
      await refresh()
      navigate('/', { replace: true, state: { notice: 'Din adgangskode er skiftet.' } })
    },
  )

  return (
    <Page title="Skift adgangskode">
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          {forced && (
            <Alert variant="info" heading="Vælg din egen adgangskode">
              <p>Du er logget ind med en engangskode. Vælg en ny adgangskode, før du fortsætter.</p>
            </Alert>
          )}
          <FormProblems form={form} heading="Adgangskoden blev ikke skiftet" />
          {/* The e-mail is here for password managers, which file the new password under it. */}
          <form onSubmit={submit} noValidate className="mt-5">
            <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
            <TextField
              {...field('currentPassword')}
              label={forced ? 'Engangskode eller nuværende adgangskode' : 'Nuværende adgangskode'}
              type="password"
              autoComplete="current-password"
            />
            <TextField
              {...field('newPassword')}
              label="Ny adgangskode"
              hint="Mindst 12 tegn. Flere almindelige ord i en sætning er lette at huske og svære at gætte."
              type="password"
              autoComplete="new-password"
            />
            <TextField
              {...field('repeatPassword')}
              label="Gentag ny adgangskode"
              type="password"
              autoComplete="new-password"
            />
            <button type="submit" className="button button-primary mt-6" disabled={form.busy}>
              {form.busy ? 'Gemmer …' : 'Skift adgangskode'}
            </button>
          </form>
        </div>
      </div>
    </Page>
  )
}
